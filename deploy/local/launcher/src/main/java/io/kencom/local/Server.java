package io.kencom.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/** A piece of infrastructure the stack needs: reused when it already answers, started when not. */
public interface Server {

    String id();

    /** Whether something already answers where this server should. */
    boolean up();

    /** Starts the server; {@code null} when it runs as a daemon this launcher does not own. */
    ManagedProcess start(StackLayout layout);

    /** Blocks until the server serves; {@code process} is what {@link #start} returned. */
    void awaitReady(ManagedProcess process);

    /** Where to reach it, for the table the launcher prints. */
    String where();

    /**
     * Makes sure the server runs and serves. Returns the process when this call started it, or adopted one an
     * earlier, crashed launcher left running; empty when it was already served by someone else. Holds a file lock
     * meanwhile, so that two launchers (or a launcher and a test run) never start the same server twice.
     */
    static Optional<ManagedProcess> ensure(StackLayout layout, Server server) {
        return underLock(layout, server.id(), () -> {
            Optional<ManagedProcess> orphan = ManagedProcess.adopt(layout, server.id());
            if (orphan.isPresent()) {
                server.awaitReady(orphan.get());
                return orphan;
            }
            if (server.up()) {
                server.awaitReady(null);
                if (ManagedProcess.running(layout, server.id()).isPresent()) {
                    ManagedProcess.lease(layout, server.id()); // another live JVM's: it must outlast our use
                }
                return Optional.empty();
            }
            ManagedProcess started = server.start(layout);
            try {
                server.awaitReady(started);
            } catch (RuntimeException e) {
                if (started != null) {
                    started.stop(Duration.ofSeconds(5));
                }
                throw e;
            }
            return Optional.ofNullable(started);
        });
    }

    /**
     * {@code work} while holding the file lock of the server {@code id}: whoever starts, adopts or stops it holds
     * it, across processes (launchers, test JVMs, the {@link Reaper}).
     */
    static <T> T underLock(StackLayout layout, String id, Supplier<T> work) {
        try (FileChannel channel = FileChannel.open(layout.pidDir().resolve(id + ".lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock ignored = channel.lock()) {
            return work.get();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
