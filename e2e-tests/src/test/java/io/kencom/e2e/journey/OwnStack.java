package io.kencom.e2e.journey;

import io.kencom.local.KafkaBroker;
import io.kencom.local.Keycloak;
import io.kencom.local.MailServer;
import io.kencom.local.ManagedProcess;
import io.kencom.local.Net;
import io.kencom.local.Postgres;
import io.kencom.local.ServiceApp;
import io.kencom.testsupport.ConsumerLag;
import io.kencom.testsupport.RealInfrastructure;
import io.kencom.testsupport.TcpProxy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The five services of the e2e tests, started once by this JVM and shared by every class that needs them (the
 * journey, the benchmarks' smoke run; the fault campaign in a JVM of its own), so the module boots them once. A test
 * may break it (FaultsTest): the Kafka broker comes from RealInfrastructure, which this JVM must own so that it can
 * be stopped, and the services are started here, so that they can be killed. They reach SMTP and Keycloak through a
 * {@link TcpProxy} each, which stalls or cuts them for these services alone: the fault campaign runs beside the
 * journey (its own module, a second set of services: {@code kencom.stack.instance}), and both share the one Keycloak
 * and SMTP server. Their queries go through a third, which freezes PostgreSQL for them alone. Stopped by
 * {@link #stop()} (LocalStackRunTest, last, needs the ports) or when the JVM exits. On a machine where
 * deploy/local/run is up it is not started: a class that must break the stack is skipped then (and fails under
 * CI=true: .ci/test-count), the journey uses the running one.
 */
public final class OwnStack implements BeforeAllCallback {

    /** The one stack of this JVM. */
    public static final OwnStack SHARED = new OwnStack();
    /**
     * The services live minutes here: on C1 (ServiceApp, in test runs) one starts with a third less CPU
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

    /**
     * The log as production writes it (one JSON object per line, with the trace and span ids) rather than the local
     * stack's text: what TracesTest reads the trace ids from, and PersonalDataSweep sweeps.
     */
    private static final String JSON_LOGS = "-Dquarkus.log.console.json.enabled=true";

    private final Map<ServiceApp, ManagedProcess> services = new EnumMap<>(ServiceApp.class);
    private TcpProxy smtp;
    private volatile TcpProxy keycloak;
    private TcpProxy database;
    /** The journey's stack exports its spans here, and is scraped by a Prometheus; the fault campaign's is neither. */
    private Traces traces;
    private Prometheus prometheus;
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
        infrastructure();
        Assumptions.assumeTrue(RealInfrastructure.process(RealInfrastructure.kafka()).isPresent(),
                "Kafka runs outside this test: it may not stop it");
        RealInfrastructure.ocr(); // ekyc-service reads the journey's licences (installed by its tests in a full build)
        smtp = new TcpProxy(MailServer.SMTP_PORT);
        keycloak = new TcpProxy(Keycloak.PORT);
        database = new TcpProxy(Postgres.PORT);
        if (ServiceApp.behindTheGateway() && traces == null) {
            traces = Traces.start();
            prometheus = Prometheus.start(Arrays.asList(ServiceApp.values()));
        }
        CompletableFuture.allOf(Arrays.stream(ServiceApp.values())
                .map(s -> CompletableFuture.runAsync(() -> start(s))).toArray(CompletableFuture[]::new)).join();
        for (ServiceApp service : ServiceApp.values()) {
            ConsumerLag.awaitCaughtUp(service.module(), Duration.ofMinutes(5));
        }
        started = true;
    }

    /**
     * What the five services use, whether they run as processes here or in their images (ContainersTest): their
     * databases, Kafka, Keycloak, SMTP, the stand-in J-LIS's files and the gateway in front of them.
     */
    static void infrastructure() {
        RealInfrastructure.database(ServiceApp.databases().toArray(String[]::new));
        RealInfrastructure.kafka();
        RealInfrastructure.keycloak();
        RealInfrastructure.smtp();
        // The stand-in J-LIS's files before the parallel starts, as the launcher does: BouncyCastle is a signed jar, and
        // its first class loaded in one start thread while another's HttpClient logged deadlocked this JVM (the JDK's
        // jar verification logs under the jar's lock, jboss-logmanager's delayed handler loads classes under its own).
        RealInfrastructure.jpki();
        if (ServiceApp.behindTheGateway()) {
            RealInfrastructure.gateway(); // the members' door (App); the fault campaign's set has none
        }
    }

    synchronized boolean started() {
        return started;
    }

    /** Stops the services this JVM started (SIGTERM) and their proxies; a later {@link #beforeAll} starts them again. */
    public synchronized void stop() {
        services.values().parallelStream().forEach(p -> p.stop(Duration.ofSeconds(15)));
        services.clear();
        for (TcpProxy proxy : Arrays.asList(smtp, keycloak, database)) {
            if (proxy != null) {
                try {
                    proxy.close();
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot close a proxy", e);
                }
            }
        }
        smtp = null;
        keycloak = null;
        database = null;
        started = false;
    }

    TcpProxy smtp() {
        return smtp;
    }

    /** The Prometheus scraping these services since they started; empty when this JVM did not start them. */
    Optional<Prometheus> prometheus() {
        return Optional.ofNullable(started ? prometheus : null);
    }

    /** Prometheus stopped once the classes that read it are done: the later ones need the machine's cores. */
    synchronized void stopPrometheus() {
        if (prometheus != null) {
            prometheus.close();
            prometheus = null;
        }
    }

    /** The spans these services exported; empty when this JVM did not start them or they do not trace. */
    Optional<Traces> traces() {
        return Optional.ofNullable(started ? traces : null);
    }

    /**
     * Keycloak as these services reach it (through their proxy), for the members' logins too: a frozen Keycloak is
     * frozen for the app as well. Keycloak's own address when this JVM did not start the services.
     */
    private String keycloakUrl() {
        TcpProxy proxy = keycloak;
        return proxy == null ? Keycloak.url() : "http://" + Net.HOST + ":" + proxy.port();
    }

    /** The realm at {@link #keycloakUrl()}, as {@link Keycloak#realmUrl()} is at Keycloak's own. */
    String realmUrl() {
        return keycloakUrl() + "/realms/" + Keycloak.REALM;
    }

    /** SIGKILL: no shutdown hook, no graceful close of anything. */
    void kill(ServiceApp service) {
        ProcessHandle process = ProcessHandle.of(services.get(service).pid()).orElseThrow();
        process.destroyForcibly();
        process.onExit().join();
    }

    /** Starts the service (again) and waits until it is ready. */
    void start(ServiceApp service) {
        ManagedProcess process = service.start(RealInfrastructure.layout(), properties(service));
        service.awaitReady(process);
        synchronized (services) {
            services.put(service, process);
        }
    }

    /**
     * A second instance of every service joins its consumer groups while events flow (a rebalance in each group, the
     * partitions shared between two), the two work side by side for {@code together}, then the second ones are
     * stopped (SIGTERM: they leave the groups, a second rebalance), as a rolling deploy or a scale-out and back does.
     */
    void secondInstances(Duration together) throws InterruptedException {
        List<ManagedProcess> seconds = Collections.synchronizedList(new ArrayList<>());
        try {
            Arrays.stream(ServiceApp.values()).parallel()
                    .forEach(s -> seconds.add(s.startSecond(RealInfrastructure.layout(), properties(s))));
            Thread.sleep(together.toMillis());
        } finally {
            // a copy: when one start fails, the others may still be adding theirs
            List<ManagedProcess> started;
            synchronized (seconds) {
                started = List.copyOf(seconds);
            }
            started.parallelStream().forEach(p -> p.stop(Duration.ofSeconds(15)));
        }
    }

    /** The service's settings here: its servers through this stack's proxies. */
    private List<String> properties(ServiceApp service) {
        List<String> properties = new ArrayList<>(List.of(SERIAL_GC));
        properties.add("-Dkafka.bootstrap.servers=" + RealInfrastructure.kafka().bootstrapServers());
        properties.add("-Dquarkus.oidc.auth-server-url=" + realmUrl());
        // Queries through the proxy (Flyway's, at the start, straight to PostgreSQL).
        properties.add("-Dquarkus.datasource.reactive.url="
                + Postgres.reactiveUrl(service.database(), database.port()));
        if (service == ServiceApp.ACCOUNT) {
            properties.add("-Dquarkus.keycloak.admin-client.server-url=" + keycloakUrl());
        }
        if (service == ServiceApp.NOTIFICATION) {
            properties.add("-Dkencom.smtp.port=" + smtp.port());
        }
        if (service == ServiceApp.INSURED_VERIFICATION) {
            properties.add(ROSTER_FOUND_WITHIN_A_SECOND);
        }
        if (traces != null) {
            properties.addAll(traces.serviceProperties());
            properties.add(JSON_LOGS);
            // the dead letters waiting read every 2 s rather than 15: AlertsTest waits for them seconds, not a minute
            properties.add("-Dkencom.dead-letters.sample-interval=2s");
        }
        return properties;
    }

    /** The broker stopped (SIGTERM), down for {@code down}, started again on the same data. */
    void restartKafka(Duration down) throws InterruptedException {
        KafkaBroker broker = RealInfrastructure.kafka();
        RealInfrastructure.stop(broker);
        Thread.sleep(down.toMillis());
        RealInfrastructure.ensure(broker);
    }

    /** The broker killed (SIGKILL: no clean shutdown, its logs recovered at the start), down for {@code down}. */
    void killKafka(Duration down) throws InterruptedException {
        KafkaBroker broker = RealInfrastructure.kafka();
        RealInfrastructure.kill(broker);
        Thread.sleep(down.toMillis());
        RealInfrastructure.ensure(broker);
    }

    /**
     * Keycloak frozen for these services and their members: connections open, new ones accepted, nothing answers
     * (their proxy stalls, as a SIGSTOP of the server would, without freezing it for the journey beside).
     */
    void freezeKeycloak(Duration frozen) throws Exception {
        keycloak.during(TcpProxy.Mode.STALL, frozen);
    }

    /** The broker frozen (SIGSTOP, then SIGCONT): its connections open, nothing answers, no restart. */
    void freezeKafka(Duration frozen) throws InterruptedException {
        RealInfrastructure.process(RealInfrastructure.kafka()).orElseThrow().freeze(frozen);
    }

    /**
     * PostgreSQL frozen for these services: their connections open, new ones accepted, nothing answers (their proxy
     * stalls, as a SIGSTOP of the server would, without freezing the machine's PostgreSQL for the journey beside).
     */
    void freezeDatabase(Duration frozen) throws Exception {
        database.during(TcpProxy.Mode.STALL, frozen);
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
