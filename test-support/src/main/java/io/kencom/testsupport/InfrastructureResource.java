package io.kencom.testsupport;

import io.kencom.local.Keycloak;
import io.kencom.local.Postgres;
import io.kencom.local.StandInJlis;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The Quarkus test resource every service's tests use for real infrastructure. Arguments:
 * {@code database} (the test database, e.g. {@code account_test}; always needed) and {@code needs}, a comma list
 * of what else the service uses: {@code kafka}, {@code keycloak}, {@code ocr}, {@code jpki} (the stand-in J-LIS, as
 * ekyc-service's trust).
 * <pre>
 * &#64;QuarkusTestResource(value = InfrastructureResource.class, initArgs = {
 *         &#64;ResourceArg(name = "database", value = "account_test"), &#64;ResourceArg(name = "needs", value = "kafka,keycloak") })
 * </pre>
 */
public class InfrastructureResource implements QuarkusTestResourceLifecycleManager {

    private String database;
    private Set<String> needs = Set.of();

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.get("database");
        if (database == null) {
            throw new IllegalArgumentException("InfrastructureResource needs a `database` argument");
        }
        needs = Arrays.stream(initArgs.getOrDefault("needs", "kafka").split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>();
        RealInfrastructure.database(database);
        config.put("quarkus.datasource.reactive.url", Postgres.reactiveUrl(database));
        config.put("quarkus.datasource.jdbc.url", Postgres.jdbcUrl(database));
        config.put("quarkus.datasource.username", Postgres.USER);
        if (needs.contains("kafka")) {
            config.put("kafka.bootstrap.servers", RealInfrastructure.kafka().bootstrapServers());
        }
        if (needs.contains("keycloak")) {
            RealInfrastructure.keycloak();
            config.put("quarkus.oidc.auth-server-url", Keycloak.realmUrl());
        }
        if (needs.contains("ocr")) {
            RealInfrastructure.ocr();
        }
        if (needs.contains("jpki")) {
            RealInfrastructure.jpki();
            config.putAll(StandInJlis.ekycConfig(RealInfrastructure.layout()));
        }
        return config;
    }

    @Override
    public void stop() {
        // Servers outlive one test class: RealInfrastructure stops what it started when the JVM exits.
    }
}
