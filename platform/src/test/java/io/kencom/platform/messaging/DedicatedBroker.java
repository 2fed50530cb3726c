package io.kencom.platform.messaging;

import io.kencom.contracts.Topic;
import io.kencom.local.KafkaBroker;
import io.kencom.local.Postgres;
import io.kencom.testsupport.RealInfrastructure;
import io.kencom.testsupport.TcpProxy;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * A real Kafka broker for the platform's tests alone: they stop it to prove the relay resumes, which they could
 * not do to a broker others use, and their test events reach no running service.
 */
public class DedicatedBroker implements QuarkusTestResourceLifecycleManager {

    public static final KafkaBroker BROKER = new KafkaBroker("kafka-platform-test", 19192, 19193);
    static final String DATABASE = "platform_test";
    /** Between the application and PostgreSQL: {@link TcpProxy.Mode#STALL} is a database that stopped answering. */
    public static final TcpProxy DATABASE_LINK = proxy(Postgres.PORT);

    private static TcpProxy proxy(int port) {
        try {
            return new TcpProxy(port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void startBroker() {
        RealInfrastructure.ensure(BROKER);
        BROKER.prepare(RealInfrastructure.layout(), Arrays.asList(Topic.values()));
    }

    public static void stopBroker() {
        RealInfrastructure.stop(BROKER);
    }

    @Override
    public Map<String, String> start() {
        RealInfrastructure.database(DATABASE);
        startBroker();
        // The application's queries go through a proxy that a test can freeze (FrozenDatabaseTest); Flyway's do not.
        Map<String, String> config = new HashMap<>(Map.of(
                "quarkus.datasource.reactive.url", Postgres.reactiveUrl(DATABASE, DATABASE_LINK.port()),
                "quarkus.datasource.jdbc.url", Postgres.jdbcUrl(DATABASE)));
        // No service of the stack, so no principal of its own: the test application connects as the administrator.
        BROKER.clientConfig(KafkaBroker.ADMIN).forEach((key, value) -> config.put("kafka." + key, value.toString()));
        return config;
    }

    @Override
    public void stop() {
        // stopped with the JVM by RealInfrastructure
    }
}
