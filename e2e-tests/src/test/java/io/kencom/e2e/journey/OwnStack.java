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
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A stack that a test may break (FaultsTest): Kafka, Keycloak and SMTP from RealInfrastructure, which this JVM must
 * own so that they can be stopped and frozen, and the five services started here, so that they can be killed;
 * notification-service reaches SMTP through an {@link SmtpProxy}. On a machine where deploy/local/run is up, the
 * test is skipped: it would break the stack somebody is using.
 */
final class OwnStack implements BeforeAllCallback, AfterAllCallback {

    private final Map<ServiceApp, ManagedProcess> services = new EnumMap<>(ServiceApp.class);
    private SmtpProxy smtp;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
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
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        services.values().parallelStream().forEach(p -> p.stop(Duration.ofSeconds(15)));
        if (smtp != null) {
            smtp.close();
        }
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
        List<String> properties = service == ServiceApp.NOTIFICATION
                ? List.of("-Dkencom.smtp.port=" + smtp.port()) : List.of();
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
