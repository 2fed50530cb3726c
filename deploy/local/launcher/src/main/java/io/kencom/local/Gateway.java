package io.kencom.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The gateway on this machine, the BFF's one door: nginx (Debian's package) run with
 * {@code deploy/local/gateway/nginx.conf}, which deploy/k8s writes from production's routes and policies
 * (LocalGateway there). The public port routes the member API and Keycloak's realm, and serves the merged document;
 * the internal port routes the staff APIs; nothing else is reachable through either.
 */
public final class Gateway implements Server {

    public static final Gateway LOCAL = new Gateway();
    /** kencom-public's listeners (api, auth). */
    public static final int PUBLIC_PORT = 8000;
    /** kencom-internal's (staff). */
    public static final int INTERNAL_PORT = 8001;
    /** Written by deploy/k8s's LocalGateway from production's routes; relative to the repository. */
    public static final String CONFIG = "deploy/local/gateway/nginx.conf";
    private static final Path NGINX = Path.of("/usr/sbin/nginx");

    private Gateway() {
    }

    /** Where the app's backend calls us. */
    public static String publicUrl() {
        return "http://" + Net.HOST + ":" + PUBLIC_PORT;
    }

    /**
     * Where the app reaches {@code service}: through the public port for the stack's own services; a second set's
     * (the fault campaign's), which no gateway routes, directly.
     */
    public static String door(ServiceApp service) {
        return ServiceApp.behindTheGateway() ? publicUrl() : service.where();
    }

    /** Where staff tools reach {@code service}: the internal port, or a second set's service directly. */
    public static String staffDoor(ServiceApp service) {
        return ServiceApp.behindTheGateway() ? internalUrl() : service.where();
    }

    /** Where staff tools call us. */
    public static String internalUrl() {
        return "http://" + Net.HOST + ":" + INTERNAL_PORT;
    }

    @Override
    public String id() {
        return "gateway";
    }

    @Override
    public boolean up() {
        return Net.listening(PUBLIC_PORT);
    }

    @Override
    public ManagedProcess start(StackLayout layout) {
        DebianPackages.ensure(layout, "nginx", () -> Files.isExecutable(NGINX), List.of("nginx"));
        StackLayout.dir(layout.stateDir().resolve("gateway"));
        // the config's paths are relative to the repository (-p)
        List<String> command = new ArrayList<>(List.of(NGINX.toString(), "-p", layout.repoRoot() + "/", "-c", CONFIG,
                "-e", "stderr", "-g", globals()));
        return ManagedProcess.start(layout, id(), command, layout.repoRoot(), Map.of());
    }

    /**
     * In the foreground; the stack's mark on the command line, which the other servers carry as a JVM property (how a
     * later run tells this nginx from another process with its pid, and adopts it); as every server of the stack,
     * workers running as the launcher's user (root's nginx would pick nobody).
     */
    private String globals() {
        String user = System.getProperty("user.name");
        return "daemon off; env KENCOM_PROCESS=" + ManagedProcess.marker(id()).substring("-D".length()) + ";"
                + ("root".equals(user) ? " user root;" : "");
    }

    @Override
    public void awaitReady(ManagedProcess process) {
        Net.await("gateway", Duration.ofSeconds(30), process,
                () -> Net.listening(PUBLIC_PORT) && Net.listening(INTERNAL_PORT));
    }

    @Override
    public String where() {
        return publicUrl() + " (member API, Keycloak's realm, /openapi/kencom-app.json), staff " + internalUrl();
    }
}
