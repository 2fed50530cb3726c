package io.kencom.e2e.journey;

import io.kencom.local.KafkaBroker;
import io.kencom.local.Keycloak;
import io.kencom.local.MailServer;
import io.kencom.local.ManagedProcess;
import io.kencom.local.Postgres;
import io.kencom.local.ServiceApp;
import io.kencom.testsupport.ConsumerLag;
import io.kencom.testsupport.RealInfrastructure;
import io.kencom.testsupport.SmtpProxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The five services of the e2e tests, started once by this JVM and shared by every class that needs them (the
 * journey, the fault campaign, the benchmarks' smoke run), so the module boots them once. A test may break it
 * (FaultsTest): Kafka, Keycloak and SMTP come from RealInfrastructure, which this JVM must own so that they can be
 * stopped and frozen, and the services are started here, so that they can be killed; notification-service reaches
 * SMTP through an {@link SmtpProxy}. Stopped by {@link #stop()} (LocalStackRunTest, last, needs the ports) or when
 * the JVM exits. On a machine where deploy/local/run is up it is not started: a class that must break the stack
 * is skipped then (and fails under CI=true: .ci/test-count), the journey uses the running one.
 */
public final class OwnStack implements BeforeAllCallback {

    /** The one stack of this JVM. */
    public static final OwnStack SHARED = new OwnStack();
    /**
     * The services live minutes here: C1 alone (ManagedProcess.testJvmOptions) starts one with a third less CPU
     * (account-service: 9 → 6 CPU-s), and the tests start fifteen; the serial collector has no helper threads.
     * deploy/local/run keeps the JVM's defaults, so benchmarks measure what production runs.
     */
    private static final String SERIAL_GC = "-XX:+UseSerialGC";
    /**
     * insured-verification-service's roster channel, as in its %test profile: the journey, the faults and the
     * benchmarks make insurers (and their topics) as they go, and each waited up to production's 10 s to be found.
     * Its own service only: a channel's property in another service is a channel without a connector.
     */
    private static final String ROSTER_FOUND_WITHIN_A_SECOND = "-Dmp.messaging.incoming.roster.metadata.max.age.ms=1000";

    private final Map<ServiceApp, ManagedProcess> services = new EnumMap<>(ServiceApp.class);
    private SmtpProxy smtp;
    private boolean started;

    private OwnStack() {
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "e2e-services-stop"));
    }

    /** Starts the stack unless this JVM has already. */
    @Override
    public synchronized void beforeAll(ExtensionContext context) throws Exception {
        if (started) {
            return;
        }
        Assumptions.assumeTrue(Arrays.stream(ServiceApp.values()).noneMatch(ServiceApp::up),
                "faults are injected into a stack of the test's own: stop deploy/local/run to run them");
        RealInfrastructure.database(ServiceApp.databases().toArray(String[]::new));
        RealInfrastructure.kafka();
        RealInfrastructure.keycloak();
        RealInfrastructure.smtp();
        Assumptions.assumeTrue(RealInfrastructure.process(KafkaBroker.LOCAL).isPresent()
                && RealInfrastructure.process(new Keycloak()).isPresent(),
                "Kafka and Keycloak run outside this test: it may not stop them");
        smtp = new SmtpProxy(MailServer.SMTP_PORT);
        CompletableFuture.allOf(Arrays.stream(ServiceApp.values())
                .map(s -> CompletableFuture.runAsync(() -> start(s))).toArray(CompletableFuture[]::new)).join();
        for (ServiceApp service : ServiceApp.values()) {
            ConsumerLag.awaitCaughtUp(service.module(), Duration.ofMinutes(5));
        }
        started = true;
    }

    synchronized boolean started() {
        return started;
    }

    /** Stops the services this JVM started (SIGTERM) and the SMTP proxy; a later {@link #beforeAll} starts them again. */
    public synchronized void stop() {
        services.values().parallelStream().forEach(p -> p.stop(Duration.ofSeconds(15)));
        services.clear();
        if (smtp != null) {
            try {
                smtp.close();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("cannot close the SMTP proxy", e);
            }
            smtp = null;
        }
        started = false;
    }

    SmtpProxy smtp() {
        return smtp;
    }

    /** SIGKILL: no shutdown hook, no graceful close of anything. */
    void kill(ServiceApp service) {
        ProcessHandle process = ProcessHandle.of(services.get(service).pid()).orElseThrow();
        process.destroyForcibly();
        process.onExit().join();
    }

    /** Starts the service (again) and waits until it is ready. */
    void start(ServiceApp service) {
        List<String> properties = new java.util.ArrayList<>(ManagedProcess.testJvmOptions());
        properties.add(SERIAL_GC);
        if (service == ServiceApp.NOTIFICATION) {
            properties.add("-Dkencom.smtp.port=" + smtp.port());
        }
        if (service == ServiceApp.INSURED_VERIFICATION) {
            properties.add(ROSTER_FOUND_WITHIN_A_SECOND);
        }
        ManagedProcess process = service.start(RealInfrastructure.layout(), properties);
        service.awaitReady(process);
        synchronized (services) {
            services.put(service, process);
        }
    }

    /** The broker stopped (SIGTERM), down for {@code down}, started again on the same data. */
    void restartKafka(Duration down) throws InterruptedException {
        RealInfrastructure.stop(KafkaBroker.LOCAL);
        Thread.sleep(down.toMillis());
        RealInfrastructure.ensure(KafkaBroker.LOCAL);
    }

    /** Keycloak's processes stopped (SIGSTOP): connections open, nothing answers; then SIGCONT. */
    void freezeKeycloak(Duration frozen) throws InterruptedException {
        try (RealInfrastructure.Frozen keycloak = RealInfrastructure.freeze(new Keycloak(), frozen)) {
            Thread.sleep(frozen.toMillis());
        }
    }

    /**
     * Every connection of the services to their databases terminated, again and again for {@code during}, as a
     * PostgreSQL restart cuts them (the machine's PostgreSQL is shared: it is not restarted itself).
     */
    void cutDatabaseConnections(Duration during) throws SQLException, InterruptedException {
        String databases = String.join("','", ServiceApp.databases());
        Instant until = Instant.now().plus(during);
        try (Connection admin = Postgres.connect("postgres"); Statement sql = admin.createStatement()) {
            while (Instant.now().isBefore(until)) {
                sql.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname IN ('"
                        + databases + "') AND pid <> pg_backend_pid()");
                Thread.sleep(250);
            }
        }
    }
}
