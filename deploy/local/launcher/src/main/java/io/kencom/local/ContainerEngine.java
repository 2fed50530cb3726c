package io.kencom.local;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * podman's Docker-compatible API on a socket of the stack's, for Testcontainers ({@code DOCKER_HOST}, which e2e-tests'
 * pom sets to {@link #socket}). Its path carries the stack's mark: podman's command line has no room for a JVM
 * property, and the mark is how a later run recognises (and adopts) the process.
 */
public final class ContainerEngine implements Server {

    private final StackLayout layout;

    public ContainerEngine(StackLayout layout) {
        this.layout = layout;
    }

    public static Path socket(StackLayout layout) {
        return layout.stateDir().resolve("podman").resolve(ManagedProcess.marker("podman").substring("-D".length())
                + ".sock");
    }

    @Override
    public String id() {
        return "podman";
    }

    @Override
    public boolean up() {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            return channel.connect(UnixDomainSocketAddress.of(socket(layout)));
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public ManagedProcess start(StackLayout layout) {
        ContainerImages images = new ContainerImages(layout);
        images.ensureTools();
        StackLayout.dir(socket(layout).getParent());
        return ManagedProcess.start(layout, id(), List.of("podman", "system", "service", "--time=0",
                "unix://" + socket(layout)), layout.repoRoot(), images.env());
    }

    @Override
    public void awaitReady(ManagedProcess process) {
        Net.await("podman", Duration.ofSeconds(30), process, this::up);
    }

    @Override
    public String where() {
        return "unix://" + socket(layout);
    }
}
