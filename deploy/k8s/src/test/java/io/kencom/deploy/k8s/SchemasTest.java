package io.kencom.deploy.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.kencom.deploy.k8s.SchemaValidator.Result;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every object of every overlay against the schema of its kind at the pinned versions (docs/deploy.md): what the
 * API server's strict field validation would refuse fails here.
 */
class SchemasTest {

    /** Keycloak publishes its CRDs in no package registry; the realm inside is Keycloak's own JSON, which every
     *  local start and test run imports into a real Keycloak. */
    private static final Set<String> NO_REGISTRY_SCHEMA = Set.of("k8s.keycloak.org/v2alpha1");

    static List<String> renderings() {
        return Rendered.all();
    }

    @ParameterizedTest
    @MethodSource("renderings")
    void every_object_matches_the_schema_of_its_kind(String name) {
        List<Result> results = SchemaValidator.validate(Rendered.of(name).file);

        assertThat(results).hasSameSizeAs(Rendered.of(name).objects);
        assertThat(results).filteredOn(r -> !NO_REGISTRY_SCHEMA.contains(r.apiVersion()))
                .allSatisfy(r -> assertThat(r.status()).as(r.object() + ": " + r.errors()).isEqualTo("valid"));
        assertThat(results).filteredOn(r -> NO_REGISTRY_SCHEMA.contains(r.apiVersion()))
                .allSatisfy(r -> assertThat(r.status()).isEqualTo("no-schema"));
    }

    @Test
    void unknown_fields_wrong_types_and_values_outside_an_enum_are_refused_at_any_depth() throws IOException {
        Rendered prod = Rendered.of("prod");
        Map<String, Consumer<ObjectNode>> breakages = new LinkedHashMap<>();
        breakages.put("Deployment", d -> ((ObjectNode) d.at("/spec/template/spec/containers/0/securityContext"))
                .put("runAsRoot", true));
        breakages.put("HorizontalPodAutoscaler", h -> ((ObjectNode) h.at("/spec")).put("minReplicas", "three"));
        breakages.put("Service", s -> ((ObjectNode) s.at("/spec/ports/0")).put("port", "eighty"));
        breakages.put("NetworkPolicy", n -> ((ObjectNode) n.at("/spec")).put("podSelectors", "x"));
        breakages.put("Kafka", k -> ((ObjectNode) k.at("/spec/kafka/listeners/0")).put("plain", true));
        breakages.put("KafkaTopic", t -> ((ObjectNode) t.at("/spec")).put("partitions", "six"));
        breakages.put("KafkaUser", u -> ((ObjectNode) u.at("/spec/authorization/acls/0/resource")).put("type", "topics"));
        breakages.put("Cluster", c -> ((ObjectNode) c.at("/spec/bootstrap/initdb")).put("databse", "typo"));
        breakages.put("HTTPRoute", r -> ((ObjectNode) r.at("/spec/rules/0/matches/0/path")).put("type", "Prefix"));
        breakages.put("BackendTrafficPolicy", p -> ((ObjectNode) p.at("/spec")).putObject("requestBufer"));
        breakages.put("ServiceMonitor", m -> ((ObjectNode) m.at("/spec/endpoints/0")).put("intervall", "30s"));
        breakages.put("PrometheusRule", r -> ((ObjectNode) r.at("/spec/groups/0/rules/0")).put("expresion", "up == 0"));
        List<JsonNode> broken = new ArrayList<>();
        breakages.forEach((kind, breakIt) -> {
            ObjectNode copy = prod.kind(kind).findFirst().orElseThrow().deepCopy();
            breakIt.accept(copy);
            broken.add(copy);
        });
        Path file = Repo.target("rendered/broken.yaml");
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        Files.writeString(file, broken.stream().map(o -> {
            try {
                return yaml.writeValueAsString(o);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).collect(Collectors.joining()));

        List<Result> results = SchemaValidator.validate(file);

        assertThat(results).hasSize(breakages.size()).allSatisfy(r -> {
            assertThat(r.status()).as(r.object()).isEqualTo("invalid");
            assertThat(r.errors()).as(r.object()).hasSize(1);
        });
        assertThat(results.get(0).errors().get(0))
                .isEqualTo("/spec/template/spec/containers/0/securityContext/runAsRoot is not a field of apps/v1 Deployment");
    }
}
