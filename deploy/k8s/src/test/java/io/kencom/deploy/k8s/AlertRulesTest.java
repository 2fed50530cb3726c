package io.kencom.deploy.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The alerts of deploy/k8s/base/monitoring (docs/operations.md) run by Prometheus' own rule engine: {@code promtool
 * test rules} feeds each alert series that should fire it and series that should not, at given times.
 */
class AlertRulesTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final JsonNode rule = Rendered.of("prod").get("PrometheusRule", "kencom-alerts");

    @BeforeAll
    static void promtool() {
        Promtool.install();
    }

    @Test
    void every_alert_fires_when_its_condition_holds_long_enough_and_not_otherwise() {
        Promtool.Outcome run = promtoolTest(rule.get("spec"));

        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.output()).contains("SUCCESS");
    }

    @Test
    void a_threshold_changed_in_a_rule_fails_its_test() {
        JsonNode spec = rule.get("spec").deepCopy();
        JsonNode outboxStuck = alert(spec, "KencomOutboxStuck");
        ((ObjectNode) outboxStuck).put("expr",
                outboxStuck.get("expr").asText().replace("> 300", "> 3000"));

        Promtool.Outcome run = promtoolTest(spec);

        assertThat(run.exit()).isNotZero();
        assertThat(run.output()).contains("KencomOutboxStuck").contains("FAILED");
    }

    @Test
    void every_alert_has_a_test_a_runbook_and_a_severity() throws IOException {
        Set<String> alerts = new TreeSet<>();
        rule.at("/spec/groups").forEach(g -> g.get("rules").forEach(r -> alerts.add(r.get("alert").asText())));
        Set<String> tested = new TreeSet<>();
        YAML.readTree(Repo.path("deploy/k8s/base/monitoring/alerts-test.yaml").toFile()).get("tests")
                .forEach(t -> t.path("alert_rule_test").forEach(a -> {
                    if (!a.get("exp_alerts").isEmpty()) {
                        tested.add(a.get("alertname").asText());
                    }
                }));
        String runbooks = Files.readString(Repo.path("docs/operations.md"));

        assertThat(alerts).hasSizeGreaterThanOrEqualTo(7);
        assertThat(tested).as("alerts a test sees fire").isEqualTo(alerts);
        for (String name : alerts) {
            JsonNode r = alert(rule.get("spec"), name);
            assertThat(r.at("/labels/severity").asText()).as(name).isIn("warning", "critical");
            assertThat(r.at("/annotations/runbook").asText()).as(name)
                    .isEqualTo("docs/operations.md#" + name.toLowerCase(Locale.ROOT));
            assertThat(runbooks).as(name + "'s runbook").contains("\n### " + name + "\n");
        }
    }

    private static JsonNode alert(JsonNode spec, String name) {
        for (JsonNode group : spec.get("groups")) {
            for (JsonNode r : group.get("rules")) {
                if (name.equals(r.path("alert").asText())) {
                    return r;
                }
            }
        }
        throw new AssertionError("no alert " + name);
    }

    /** The PrometheusRule's groups as a rule file beside a copy of the tests, then promtool on them. */
    private static Promtool.Outcome promtoolTest(JsonNode spec) {
        try {
            Path dir = Files.createDirectories(Repo.target("alerts"));
            Files.writeString(dir.resolve("alert-rules.yaml"), YAML.writeValueAsString(spec));
            Files.copy(Repo.path("deploy/k8s/base/monitoring/alerts-test.yaml"), dir.resolve("alerts-test.yaml"),
                    StandardCopyOption.REPLACE_EXISTING);
            return Promtool.run(dir, "test", "rules", "alerts-test.yaml");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
