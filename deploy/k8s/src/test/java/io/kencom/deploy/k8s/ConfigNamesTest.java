package io.kencom.deploy.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

/**
 * Every variable the manifests give a service names a setting that exists, so a typo cannot be ignored in silence:
 * QUARKUS_* a run-time property of an extension the service was built with (the config model each extension's jar
 * carries), KAFKA_* a setting of the Kafka clients, KENCOM_* a setting the service's code reads.
 */
class ConfigNamesTest {

    private static final Set<String> JVM = Set.of("JAVA_TOOL_OPTIONS");
    private static final Pattern KENCOM_PROPERTY = Pattern.compile("\"(kencom\\.[a-z0-9.-]+)\"");

    @Test
    void every_variable_of_every_service_names_a_setting_it_has() {
        Rendered prod = Rendered.of("prod");
        Set<String> kafka = new HashSet<>(ProducerConfig.configNames());
        kafka.addAll(ConsumerConfig.configNames());
        kafka.addAll(AdminClientConfig.configNames());
        for (String service : Repo.SERVICES) {
            List<Pattern> quarkus = quarkusRunTimeVariables(service);
            Set<String> own = ownVariables(service);
            Set<String> unknown = new TreeSet<>();
            for (String variable : prod.environment(service)) {
                boolean known = JVM.contains(variable) || own.contains(variable)
                        || variable.startsWith("QUARKUS_") && quarkus.stream().anyMatch(p -> p.matcher(variable).matches())
                        || variable.startsWith("KAFKA_") && kafka.contains(
                                variable.substring("KAFKA_".length()).toLowerCase(Locale.ROOT).replace('_', '.'));
                if (!known) {
                    unknown.add(variable);
                }
            }
            assertThat(unknown).as(service + ": variables that name no setting").isEmpty();
        }
    }

    @Test
    void a_misspelt_or_build_time_only_variable_would_be_caught() {
        List<Pattern> quarkus = quarkusRunTimeVariables("account-service");

        assertThat(quarkus).anyMatch(p -> p.matcher("QUARKUS_TLS_KEYCLOAK_TRUST_STORE_PEM_CERTS").matches());
        assertThat(quarkus).anyMatch(p -> p.matcher("QUARKUS_DATASOURCE_REACTIVE_POSTGRESQL_SSL_MODE").matches());
        assertThat(quarkus).noneMatch(p -> p.matcher("QUARKUS_DATASOURCE_REACTIVE_POSTGRES_SSL_MODE").matches());
        assertThat(quarkus).as("build time only").noneMatch(p -> p.matcher("QUARKUS_DATASOURCE_DB_KIND").matches());
        assertThat(ownVariables("account-service")).contains("KENCOM_SECRET_KEY", "KEYCLOAK_SERVICES_SECRET")
                .doesNotContain("KENCOM_SECRET_KEYS");
    }

    /** Each run-time property's environment variable as a pattern; a map key (quoted in the model) is any name. */
    private static List<Pattern> quarkusRunTimeVariables(String service) {
        Path lib = Repo.path(service + "/target/quarkus-app/lib/main");
        assertThat(lib).as("built by the service's module").isDirectory();
        Set<String> variables = new TreeSet<>();
        try (Stream<Path> jars = Files.list(lib)) {
            for (Path jar : jars.filter(j -> j.toString().endsWith(".jar")).toList()) {
                try (ZipFile zip = new ZipFile(jar.toFile())) {
                    var entry = zip.getEntry("META-INF/quarkus-config-doc/quarkus-config-model.json");
                    if (entry != null) {
                        collect(new ObjectMapper().readTree(zip.getInputStream(entry)), variables);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(variables).as("run-time properties of " + service).hasSizeGreaterThan(100);
        return variables.stream().map(v -> Pattern.compile(v.replaceAll("__[A-Z0-9_]+?__", "_{1,2}[A-Z0-9_]+_{1,2}")))
                .toList();
    }

    private static void collect(JsonNode node, Set<String> variables) {
        if (node.isObject() && node.path("@class").asText().endsWith(".ConfigProperty")
                && node.path("phase").asText().equals("RUN_TIME")) {
            variables.add(node.at("/path/environmentVariable").asText());
            node.path("additionalPaths").forEach(p -> variables.add(p.path("environmentVariable").asText()));
        }
        node.forEach(child -> collect(child, variables));
    }

    /** The kencom.* settings the service's and the platform's code and properties name, and their ${VAR:…}. */
    private static Set<String> ownVariables(String service) {
        Set<String> variables = ServiceConfig.of(service).ownVariables();
        for (String dir : List.of(service + "/src/main/java", "platform/src/main/java")) {
            try (Stream<Path> files = Files.walk(Repo.path(dir))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    Matcher m = KENCOM_PROPERTY.matcher(Files.readString(file));
                    while (m.find()) {
                        variables.add(ServiceConfig.envName(m.group(1)));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return variables;
    }
}
