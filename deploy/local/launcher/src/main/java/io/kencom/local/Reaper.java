package io.kencom.local;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Stops, after a grace period, the servers a test JVM left running when it exited — unless another one has taken
 * them over meanwhile. One {@code mvn verify} runs a test JVM per module one after the other; without the grace each
 * would start Kafka and Keycloak again (≈ 30 s a module on a 2-core machine) and stop them at its end. The next JVM
 * adopts what its predecessor left ({@link ManagedProcess#adopt}), so a test that stops or freezes a server on
 * purpose still owns it. A reaper never stops what a live JVM owns or leases: a server the next JVM adopted is that
 * JVM's reaper's (an earlier reaper stopped Keycloak and Kafka under a module whose tests ended within its grace, and
 * the next module started both again), and one that a module running beside it uses is that module's reaper's.
 */
public final class Reaper {

    private Reaper() {
    }

    /**
     * Starts a reaper of its own, detached, that outlives this JVM: its output goes to logs/reaper.log. This JVM's use
     * of each server is dated first ({@link ManagedProcess#endUse}), so that no reaper stops one within the grace.
     */
    public static void after(StackLayout layout, Duration grace) {
        ManagedProcess.endUse(layout);
        String classpath;
        try {
            classpath = Path.of(Reaper.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        try {
            new ProcessBuilder(ManagedProcess.java(), "-Xmx32m", "-Dkencom.repo.root=" + layout.repoRoot(),
                    "-cp", classpath, Reaper.class.getName(), Long.toString(grace.toSeconds()),
                    Long.toString(ProcessHandle.current().pid()))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(layout.logDir().resolve("reaper.log").toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void main(String[] args) throws InterruptedException {
        Duration grace = Duration.ofSeconds(Long.parseLong(args[0]));
        Thread.sleep(grace.toMillis());
        long leftBy = Long.parseLong(args[1]);
        StackLayout layout = StackLayout.find();
        for (String name : serversWithPidFiles(layout)) {
            stopIfLeft(layout, name, leftBy, grace);
        }
    }

    private static List<String> serversWithPidFiles(StackLayout layout) {
        try (Stream<Path> files = Files.list(layout.pidDir())) {
            return files.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".pid"))
                    .map(f -> f.substring(0, f.length() - ".pid".length())).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Under the server's lock, as {@link Server#ensure} takes it: a server left by {@code leftBy} (which has ended) or
     * by another ended owner is stopped, unless a live JVM owns it (adopted meanwhile, or a launcher's) or uses it
     * under a lease (a module's tests beside this one's, {@code mvn -T}), or did until less than {@code grace} ago:
     * that JVM's own reaper decides later.
     */
    private static void stopIfLeft(StackLayout layout, String name, long leftBy, Duration grace) {
        Server.underLock(layout, name, () -> {
            if (!isLeft(layout, name, leftBy, grace)) {
                return Optional.empty();
            }
            Optional<ManagedProcess> left = ManagedProcess.adopt(layout, name);
            left.ifPresent(process -> {
                System.out.printf("%s: stopping %s (pid %d), left by a test run that ended%n", Instant.now(),
                        name, process.pid());
                process.stop(Duration.ofSeconds(15));
            });
            return left;
        });
    }

    /**
     * Whether no JVM but {@code leftBy} owns or leases {@code name}'s process, nor ended less than {@code grace} ago
     * (an ended owner's or user's lease is dated at its end: {@link ManagedProcess#endUse}).
     */
    static boolean isLeft(StackLayout layout, String name, long leftBy, Duration grace) {
        long owner = ManagedProcess.owner(layout, name).orElse(leftBy);
        boolean ownedByAnother = owner != leftBy && ManagedProcess.alive(owner);
        return !ownedByAnother && !ManagedProcess.leasedByOthers(layout, name, leftBy, grace);
    }
}
