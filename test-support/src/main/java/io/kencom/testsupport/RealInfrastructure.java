package io.kencom.testsupport;

import io.kencom.contracts.Topic;
import io.kencom.local.Gateway;
import io.kencom.local.KafkaBroker;
import io.kencom.local.Keycloak;
import io.kencom.local.MailServer;
import io.kencom.local.ManagedProcess;
import io.kencom.local.Ocr;
import io.kencom.local.Postgres;
import io.kencom.local.Reaper;
import io.kencom.local.Server;
import io.kencom.local.StackLayout;
import io.kencom.local.StandInJlis;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The real servers for tests, from the same code as the local stack: what already runs (the local stack, the
 * machine's PostgreSQL) is reused; what is missing is started, or taken over from the test JVM before that left it
 * running. When the JVM exits they are left running for {@code kencom.test.infra-linger} (default PT5M: the next
 * module of a build adopts them instead of starting its own, and the e2e module starts only after the last service
 * module, minutes after Keycloak's last user may have ended) and then stopped by a {@link Reaper}; PT0S stops them
 * at once.
 */
public final class RealInfrastructure {

    private static final StackLayout LAYOUT = StackLayout.find();
    private static final List<ManagedProcess> STARTED = Collections.synchronizedList(new ArrayList<>());
    private static final Set<String> READY = Collections.synchronizedSet(new HashSet<>());
    private static final Duration LINGER = Duration.parse(System.getProperty("kencom.test.infra-linger", "PT5M"));
    private static final KafkaBroker BROKER = brokerOfTheseTests();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            List<ManagedProcess> started = new ArrayList<>(STARTED);
            if (!LINGER.isZero() && !READY.isEmpty()) {
                // Also when this JVM only leased servers another module's tests started: it may be their last user.
                Reaper.after(LAYOUT, LINGER);
                return;
            }
            Collections.reverse(started);
            started.forEach(p -> p.stop(Duration.ofSeconds(10)));
        }, "test-infrastructure-stop"));
    }

    private RealInfrastructure() {
    }

    public static StackLayout layout() {
        return LAYOUT;
    }

    /** PostgreSQL with the given databases created. */
    public static void database(String... names) {
        ensure(new Postgres());
        Postgres.createDatabases(Arrays.asList(names));
    }

    /**
     * The Kafka broker of this JVM's tests, with every topic of the topic table: the stack's, or the module's own when
     * Surefire names another port ({@code kencom.test.kafka-port}, each service module's pom). Modules built side by
     * side must not meet: each one's bad-input campaign counts every change to its tables, and another module's events
     * consumed meanwhile would read as changes made by refused requests.
     */
    public static KafkaBroker kafka() {
        if (!READY.contains(prepared(BROKER))) {
            ensure(BROKER);
            BROKER.prepare(LAYOUT, Arrays.asList(Topic.values()));
            READY.add(prepared(BROKER));
        }
        return BROKER;
    }

    private static KafkaBroker brokerOfTheseTests() {
        int port = Integer.getInteger("kencom.test.kafka-port", KafkaBroker.LOCAL.port());
        return port == KafkaBroker.LOCAL.port() ? KafkaBroker.LOCAL
                : new KafkaBroker("kafka-test-" + port, port, port + 1);
    }

    public static void keycloak() {
        ensure(new Keycloak());
    }

    public static void smtp() {
        ensure(MailServer.LOCAL);
    }

    /** The gateway in front of the stack's services (their ports, not a test profile's). */
    public static void gateway() {
        ensure(Gateway.LOCAL);
    }

    /** The mark that a broker's topics, principals and ACLs were made by this JVM since it last started it. */
    private static String prepared(Server server) {
        return server.id() + ":prepared";
    }

    private static StandInJlis jlis;

    /** The stand-in J-LIS the local stack's ekyc-service trusts, with the keys to issue cards under it. */
    public static synchronized StandInJlis jpki() {
        if (jlis == null) {
            jlis = StandInJlis.of(LAYOUT);
        }
        return jlis;
    }

    /** Tesseract with its Japanese model and a Japanese font (Debian packages), for ekyc-service. */
    public static void ocr() {
        Ocr.ensure(LAYOUT);
    }

    /** Any server, e.g. a second broker a test stops and starts itself. */
    public static synchronized void ensure(Server server) {
        if (READY.contains(server.id()) && server.up()) {
            return;
        }
        Server.ensure(LAYOUT, server).ifPresent(STARTED::add);
        READY.add(server.id());
    }

    /** The process of a server this JVM started: empty when someone else's (a running local stack, say). */
    public static synchronized Optional<ManagedProcess> process(Server server) {
        return STARTED.stream().filter(p -> p.name().equals(server.id())).findFirst();
    }

    /**
     * A server stopped by SIGSTOP: it keeps its connections and accepts new ones, and answers nothing. It goes on
     * when closed, or after a limit at the latest, so that a test waiting on it fails rather than hangs the build.
     */
    public static final class Frozen implements AutoCloseable {

        private final List<ProcessHandle> tree;
        private final AtomicBoolean thawed = new AtomicBoolean();

        private Frozen(List<ProcessHandle> tree, Duration atMost) {
            this.tree = tree;
            signal("-STOP", tree);
            CompletableFuture.delayedExecutor(atMost.toMillis(),
                    TimeUnit.MILLISECONDS).execute(this::close);
        }

        /** Lets it go on (SIGCONT). */
        @Override
        public void close() {
            if (thawed.compareAndSet(false, true)) {
                signal("-CONT", tree);
            }
        }

        private static void signal(String signal, List<ProcessHandle> processes) {
            for (ProcessHandle p : processes) {
                try {
                    new ProcessBuilder("kill", signal, Long.toString(p.pid())).inheritIO().start().waitFor();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while signalling " + p.pid(), e);
                }
            }
        }
    }

    /** Freezes the server's process tree, whoever started it, until the answer is closed or {@code atMost} passed. */
    public static Frozen freeze(Server server, Duration atMost) {
        ProcessHandle root = ManagedProcess.running(LAYOUT, server.id())
                .orElseThrow(() -> new IllegalStateException(server.id() + " is not running from " + LAYOUT.stateDir()));
        return new Frozen(Stream.concat(Stream.of(root), root.descendants()).toList(),
                atMost);
    }

    /**
     * Hands the servers this JVM started over to whoever ensures them next (a launcher adopts them, and stops them when
     * it stops), without stopping them: LocalStackRunTest's launcher then owns the servers the e2e tests used.
     */
    public static synchronized void release(Server... servers) {
        for (Server server : servers) {
            READY.remove(server.id());
            READY.remove(prepared(server));
            STARTED.removeIf(p -> {
                if (p.name().equals(server.id())) {
                    p.release();
                    return true;
                }
                return false;
            });
        }
    }

    /** Stops a server this JVM started (for tests of what happens while it is down). */
    public static synchronized void stop(Server server) {
        end(server, p -> p.stop(Duration.ofSeconds(15)));
    }

    /** A server this JVM started, killed (SIGKILL): it leaves its data as a crash would. */
    public static synchronized void kill(Server server) {
        end(server, ManagedProcess::kill);
    }

    private static void end(Server server, Consumer<ManagedProcess> how) {
        READY.remove(server.id());
        READY.remove(prepared(server));
        STARTED.removeIf(p -> {
            if (p.name().equals(server.id())) {
                how.accept(p);
                return true;
            }
            return false;
        });
    }
}
