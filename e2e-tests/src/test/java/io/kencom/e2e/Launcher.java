package io.kencom.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kencom.local.ManagedProcess;
import io.kencom.local.Net;
import io.kencom.local.ServiceApp;
import io.kencom.testsupport.RealInfrastructure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.awaitility.core.ConditionTimeoutException;

/** The launcher behind deploy/local/run (io.kencom.local.LocalStack), started in a process of its own. */
public final class Launcher {

    private static final Path REPO = RealInfrastructure.layout().repoRoot();

    private Launcher() {
    }

    public static boolean allServicesUp() {
        return Arrays.stream(ServiceApp.values()).allMatch(ServiceApp::up);
    }

    /** Starts a launcher whose output goes to the stack's log folder as e2e-launcher-{name}.log. */
    public static Process launch(String name) throws IOException {
        Files.deleteIfExists(log(name));
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Dkencom.repo.root=" + REPO,
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"));
        // what it starts lives this test's minute or two: C1, as every server of a test run (ManagedProcess)
        List<String> options = ManagedProcess.testJvmOptions();
        command.addAll(options);
        if (!options.isEmpty()) {
            command.add("-D" + ManagedProcess.TEST_JVM_OPTIONS + "=" + String.join(" ", options));
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.kencom.local.LocalStack"));
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log(name).toFile())
                .start();
    }

    /** Waits for the launcher to say all is up, then checks it is. */
    public static void awaitAllReady(Process launcher, String name) {
        try {
            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(500)).until(() -> {
                assertThat(launcher.isAlive()).as("launcher %s still running; see %s", name, log(name)).isTrue();
                return Files.readString(log(name)).contains("All up in");
            });
        } catch (ConditionTimeoutException e) {
            threadDump(launcher);
            throw e;
        }
        // Just started, on 2 busy cores, one health check may take longer than Net's 5 s: a few tries each.
        for (ServiceApp s : ServiceApp.values()) {
            await().atMost(Duration.ofSeconds(60)).pollDelay(Duration.ZERO).pollInterval(Duration.ofSeconds(1))
                    .untilAsserted(() -> assertThat(Net.status(s.where() + "/q/health/ready")).as(s.id() + " ready")
                            .isEqualTo(200));
        }
    }

    /** A launcher that never says it is up: its threads' stacks (SIGQUIT) go to its log, for whoever reads it. */
    private static void threadDump(Process launcher) {
        try {
            new ProcessBuilder("kill", "-QUIT", Long.toString(launcher.pid())).inheritIO().start().waitFor();
            Thread.sleep(1000);
        } catch (IOException e) {
            // no dump: the timeout is reported all the same
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public static Path log(String name) {
        return RealInfrastructure.layout().logDir().resolve("e2e-launcher-" + name + ".log");
    }
}
