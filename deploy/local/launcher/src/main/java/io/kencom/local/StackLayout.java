package io.kencom.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

/**
 * Where things are: the repository, the servers Maven fetched into {@code deploy/local/servers/target}, and the
 * state folder {@code .local-stack/} (data, logs, pid files) that is never committed.
 */
public record StackLayout(Path repoRoot) {

    /** The repository root: {@code -Dkencom.repo.root}, else the nearest folder up from here holding deploy/local. */
    public static StackLayout find() {
        String configured = System.getProperty("kencom.repo.root");
        if (configured != null && !configured.isBlank()) {
            return new StackLayout(Path.of(configured).toAbsolutePath().normalize());
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("deploy/local/servers"))) {
                return new StackLayout(p);
            }
        }
        throw new IllegalStateException("cannot find the repository root (no deploy/local/servers above "
                + Path.of("").toAbsolutePath() + "); set -Dkencom.repo.root");
    }

    public Path serversDir() {
        return repoRoot.resolve("deploy/local/servers/target");
    }

    public Path realmFile() {
        return repoRoot.resolve("deploy/keycloak/kencom-realm.json");
    }

    /** The local broker's principals and ACLs, written from deploy/k8s's KafkaUsers by GeneratedManifests. */
    public Path kafkaAclsFile() {
        return repoRoot.resolve("deploy/local/kafka-acls.txt");
    }

    public Path stateDir() {
        return dir(repoRoot.resolve(".local-stack"));
    }

    public Path logDir() {
        return dir(stateDir().resolve("logs"));
    }

    public Path pidDir() {
        return dir(stateDir().resolve("pids"));
    }

    /** A server fetched by the build; tells how to fetch it when it is missing. */
    public Path server(String fileName) {
        Path p = serversDir().resolve(fileName);
        if (!Files.exists(p)) {
            throw new IllegalStateException(p + " is missing: run `mvn -pl deploy/local/servers package` (or the "
                    + "README's commands) so that Maven fetches the servers");
        }
        return p;
    }

    static Path dir(Path p) {
        try {
            return Files.createDirectories(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes a folder of the stack's state with everything in it; one that is not there is fine. */
    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
