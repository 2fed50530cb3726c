package io.kencom.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kencom.local.Keycloak;
import io.kencom.local.Net;
import io.kencom.local.ServiceApp;
import io.kencom.testsupport.RealInfrastructure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The launcher behind deploy/local/run, run as the README runs it: everything comes up, a second run while it
 * runs changes nothing, a run after the launcher was killed takes over what it left, and stopping it (SIGTERM,
 * as Ctrl-C) stops what it started.
 */
class LocalStackRunTest {

    private static final Path REPO = RealInfrastructure.layout().repoRoot();

    @Test
    void brings_all_five_services_up_and_stops_what_it_started() throws Exception {
        boolean alreadyUp = Arrays.stream(ServiceApp.values()).allMatch(ServiceApp::up);
        Process first = launch("first");
        try {
            awaitAllReady(first, "first");
            assertThat(Net.status(Keycloak.realmUrl() + "/.well-known/openid-configuration")).isEqualTo(200);

            Process second = launch("second");
            assertThat(second.waitFor()).isZero();
            assertThat(Files.readString(log("second"))).contains("already running");
            assertThat(first.isAlive()).isTrue();

            if (alreadyUp) {
                return; // someone else's stack: not ours to kill
            }
            first.destroyForcibly().waitFor(); // a crash: its servers live on
            assertThat(Arrays.stream(ServiceApp.values()).allMatch(ServiceApp::up)).isTrue();

            Process third = launch("third");
            awaitAllReady(third, "third");
            assertThat(Files.readString(log("third"))).contains("adopted");
            third.destroy(); // SIGTERM, as Ctrl-C
            third.waitFor();
            assertThat(Arrays.stream(ServiceApp.values()).noneMatch(ServiceApp::up)).as("services stopped").isTrue();
            assertThat(Net.listening(io.kencom.local.KafkaBroker.LOCAL.port())).as("kafka stopped").isFalse();
        } finally {
            first.destroy();
        }
    }

    /** Waits for the launcher to say all is up, then checks it is. */
    private static void awaitAllReady(Process launcher, String name) {
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(500)).until(() -> {
            assertThat(launcher.isAlive()).as("launcher %s still running; see %s", name, log(name)).isTrue();
            return Files.readString(log(name)).contains("All up in");
        });
        for (ServiceApp s : ServiceApp.values()) {
            assertThat(Net.status(s.where() + "/q/health/ready")).as(s.id() + " ready").isEqualTo(200);
        }
    }

    private static Process launch(String name) throws IOException {
        Files.deleteIfExists(log(name));
        String java = ProcessHandle.current().info().command().orElse("java");
        return new ProcessBuilder(List.of(java, "-Dkencom.repo.root=" + REPO,
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp", System.getProperty("java.class.path"), "io.kencom.local.LocalStack"))
                .redirectErrorStream(true)
                .redirectOutput(log(name).toFile())
                .start();
    }

    private static Path log(String name) {
        return RealInfrastructure.layout().logDir().resolve("e2e-launcher-" + name + ".log");
    }
}
