package io.kencom.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Keycloak from its Maven Central distribution, with its own H2 database under .local-stack/ and the realm of
 * deploy/keycloak imported. Keycloak does not re-import an existing realm, so when the realm file changes the data
 * folder is wiped and the realm imported afresh. Built once for these settings ({@code kc.sh build}) and started
 * {@code --optimized}: {@code start-dev} redoes that build at every start (≈ 30 s of two cores), and the tests of
 * one {@code mvn verify} start it more than once.
 */
public final class Keycloak implements Server {

    public static final int PORT = 8180;
    public static final int MANAGEMENT_PORT = 9180;
    public static final String REALM = "kencom";
    /** Bootstrap administrator of the master realm: local use only. */
    public static final String ADMIN = "admin";
    public static final String ADMIN_PASSWORD = "admin";
    /** The services' client's secret in the local realm (deploy/keycloak/kencom-realm.json), never production's. */
    public static final String SERVICES_SECRET = "kencom-services-local-secret";
    /**
     * Build-time options: start-dev's own, fixed once. A single node (no cluster cache), its H2 file database, the
     * health endpoints on the management port.
     */
    static final List<String> BUILD_OPTIONS = List.of("--db=dev-file", "--cache=local", "--health-enabled=true");

    @Override
    public String id() {
        return "keycloak";
    }

    public static String url() {
        return "http://" + Net.HOST + ":" + PORT;
    }

    /** The issuer, as every service must name it (the token issuer follows the host used to call Keycloak). */
    public static String realmUrl() {
        return url() + "/realms/" + REALM;
    }

    @Override
    public boolean up() {
        return Net.listening(PORT);
    }

    @Override
    public ManagedProcess start(StackLayout layout) {
        Path home = unpack(layout);
        try {
            Path realm = layout.realmFile();
            String hash = sha256(realm);
            Path imported = home.resolve("data/import/realm.sha256");
            if (!Files.exists(imported) || !Files.readString(imported).equals(hash)) {
                StackLayout.deleteTree(home.resolve("data/h2"));
                Files.createDirectories(home.resolve("data/import"));
                Files.copy(realm, home.resolve("data/import/" + realm.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                Files.writeString(imported, hash);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot prepare the realm import", e);
        }
        build(home, layout);
        return ManagedProcess.start(layout, id(), List.of(home.resolve("bin/kc.sh").toString(), "start", "--optimized",
                        "--http-enabled=true", "--http-host=" + Net.HOST, "--http-port=" + PORT, "--hostname=" + url(),
                        "--import-realm", "--http-management-port=" + MANAGEMENT_PORT),
                home, Map.of("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN, "KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD,
                        // added to kc.sh's own options (its collector stays)
                        "JAVA_OPTS_APPEND", (ManagedProcess.marker(id()) + " "
                                + String.join(" ", ManagedProcess.testJvmOptions())).strip()));
    }

    @Override
    public void awaitReady(ManagedProcess process) {
        Net.await("Keycloak", Duration.ofSeconds(180), process,
                () -> Net.status(realmUrl() + "/.well-known/openid-configuration") == 200);
    }

    @Override
    public String where() {
        return realmUrl() + " (admin console " + url() + "/admin, " + ADMIN + "/" + ADMIN_PASSWORD + ")";
    }

    /** {@code kc.sh build} with {@link #BUILD_OPTIONS}, unless the distribution was built with them already. */
    private static void build(Path home, StackLayout layout) {
        Path built = home.resolve(".built");
        String options = String.join(" ", BUILD_OPTIONS);
        try {
            if (Files.exists(built) && Files.readString(built).equals(options)) {
                return;
            }
            List<String> command = new ArrayList<>(List.of(home.resolve("bin/kc.sh").toString(), "build"));
            command.addAll(BUILD_OPTIONS);
            // a test run's JIT: C1 alone builds it with half the CPU (25 → 14 CPU-s), the same build
            Command.run(command, true, Map.of("JAVA_OPTS_APPEND", String.join(" ", ManagedProcess.testJvmOptions())),
                    null);
            Files.writeString(built, options);
        } catch (IOException e) {
            throw new IllegalStateException("cannot build Keycloak (" + options + "): " + e.getMessage(), e);
        }
    }

    /** Unpacks the distribution once; a half-unpacked folder from an interrupted run is redone. */
    private static Path unpack(StackLayout layout) {
        Path home = layout.stateDir().resolve("keycloak");
        Path done = home.resolve(".unpacked");
        if (Files.exists(done)) {
            return home;
        }
        Path archive = layout.server("keycloak.tar.gz");
        try {
            StackLayout.deleteTree(home);
            Files.createDirectories(home);
            Command.run(List.of("tar", "-xzf", archive.toString(), "-C", home.toString(), "--strip-components=1"), true);
            Files.writeString(done, archive.getFileName().toString());
            return home;
        } catch (IOException e) {
            throw new IllegalStateException("cannot unpack Keycloak: " + e.getMessage(), e);
        }
    }

    private static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
