package io.kencom.deploy.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Grafana dashboards of deploy/k8s/base/monitoring/dashboards, checked as Grafana and Prometheus would read them:
 * the layout, every query valid PromQL (promtool parses each as a recording rule), every metric one the services
 * serve as docs/operations.md lists them, and each dashboard shipped as a ConfigMap for Grafana's sidecar.
 */
class DashboardsTest {

    private static final Path DASHBOARDS = Repo.path("deploy/k8s/base/monitoring/dashboards");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A metric's name in a query (labels and functions have none of these prefixes). */
    private static final Pattern METRIC = Pattern.compile(
            "\\b(kencom_[a-z_]+|http_server_[a-z_]+|kafka_consumer_[a-z_]+|jvm_[a-z_]+|up)\\b");

    @BeforeAll
    static void promtool() {
        Promtool.install();
    }

    @Test
    void there_is_an_overview_and_one_dashboard_per_service() throws IOException {
        Set<String> names = new TreeSet<>();
        for (Path file : dashboards()) {
            names.add(file.getFileName().toString().replace(".json", ""));
        }
        Set<String> expected = new TreeSet<>(List.of(Repo.SERVICES));
        expected.add("overview");

        assertThat(names).isEqualTo(expected);
    }

    @Test
    void every_panel_has_a_place_of_its_own_on_the_grid_and_queries_the_chosen_prometheus() throws IOException {
        Set<String> uids = new TreeSet<>();
        for (Path file : dashboards()) {
            JsonNode d = JSON.readTree(file.toFile());
            String name = file.getFileName().toString();
            assertThat(uids.add(d.path("uid").asText())).as(name + " uid unique").isTrue();
            assertThat(d.path("uid").asText()).as(name).startsWith("kencom-");
            assertThat(d.path("title").asText()).as(name).isNotBlank();
            assertThat(d.at("/templating/list/0/name").asText()).as(name).isEqualTo("datasource");
            assertThat(d.get("panels")).as(name).isNotEmpty();
            Set<String> cells = new TreeSet<>();
            Set<Integer> ids = new TreeSet<>();
            for (JsonNode p : d.get("panels")) {
                String panel = name + " / " + p.path("title").asText();
                assertThat(ids.add(p.path("id").asInt())).as(panel + " id unique").isTrue();
                JsonNode g = p.get("gridPos");
                int x = g.get("x").asInt();
                int w = g.get("w").asInt();
                assertThat(x + w).as(panel + " within 24 columns").isLessThanOrEqualTo(24);
                for (int col = x; col < x + w; col++) {
                    for (int row = g.get("y").asInt(); row < g.get("y").asInt() + g.get("h").asInt(); row++) {
                        assertThat(cells.add(col + "," + row)).as(panel + " overlaps another at " + col + "," + row)
                                .isTrue();
                    }
                }
                assertThat(p.get("targets")).as(panel).isNotEmpty();
                for (JsonNode t : p.get("targets")) {
                    assertThat(t.path("expr").asText()).as(panel).isNotBlank();
                    assertThat(t.at("/datasource/uid").asText()).as(panel).isEqualTo("${datasource}");
                }
            }
        }
    }

    @Test
    void every_query_is_promql_that_prometheus_parses() throws IOException {
        Promtool.Outcome run = promtoolCheck(queries());

        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.output()).contains("SUCCESS");
    }

    @Test
    void a_query_that_is_not_promql_is_refused() throws IOException {
        Map<String, String> broken = new LinkedHashMap<>(queries());
        broken.put("broken", "sum by (job (rate(kencom_mails_total[5m]))");

        Promtool.Outcome run = promtoolCheck(broken);

        assertThat(run.exit()).isNotZero();
    }

    @Test
    void every_metric_a_panel_reads_is_one_the_services_serve() throws IOException {
        String documented = Files.readString(Repo.path("docs/operations.md"));
        Set<String> served = new TreeSet<>();
        Matcher listed = Pattern.compile("\\| `([a-z_]+)` \\|").matcher(documented);
        while (listed.find()) {
            served.add(listed.group(1));
        }
        Set<String> read = new TreeSet<>();
        for (String expr : queries().values()) {
            Matcher m = METRIC.matcher(expr);
            while (m.find()) {
                read.add(m.group(1).replaceAll("_(bucket|sum|count)$", ""));
            }
        }

        assertThat(read).hasSizeGreaterThanOrEqualTo(10);
        assertThat(served).containsAll(read);
    }

    @Test
    void each_dashboard_ships_as_a_config_map_for_grafana_s_sidecar() throws IOException {
        Rendered prod = Rendered.of("prod");
        for (Path file : dashboards()) {
            String name = file.getFileName().toString();
            JsonNode map = prod.get("ConfigMap", "kencom-dashboard-" + name.replace(".json", ""));

            assertThat(map.at("/metadata/labels/grafana_dashboard").asText()).isEqualTo("1");
            assertThat(JSON.readTree(map.at("/data/" + name).asText()))
                    .isEqualTo(JSON.readTree(file.toFile()));
        }
    }

    private static List<Path> dashboards() throws IOException {
        try (Stream<Path> files = Files.list(DASHBOARDS)) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
    }

    /** Every panel's queries, by dashboard, panel and refId. */
    private static Map<String, String> queries() throws IOException {
        Map<String, String> queries = new LinkedHashMap<>();
        for (Path file : dashboards()) {
            for (JsonNode p : JSON.readTree(file.toFile()).get("panels")) {
                for (JsonNode t : p.get("targets")) {
                    String where = file.getFileName() + " / " + p.path("title").asText() + " / "
                            + t.path("refId").asText();
                    queries.put(where, t.get("expr").asText());
                }
            }
        }
        return queries;
    }

    /** The queries as recording rules, which {@code promtool check rules} parses. */
    private static Promtool.Outcome promtoolCheck(Map<String, String> queries) throws IOException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        ObjectNode file = yaml.createObjectNode();
        ArrayNode rules = file.putArray("groups").addObject().put("name", "dashboards").putArray("rules");
        int i = 0;
        for (String expr : queries.values()) {
            rules.addObject().put("record", "dashboard:query" + i++).put("expr", expr);
        }
        Path dir = Files.createDirectories(Repo.target("dashboards"));
        Path rulesFile = dir.resolve("dashboard-queries.yaml");
        Files.writeString(rulesFile, yaml.writeValueAsString(file));
        return Promtool.run(dir, "check", "rules", rulesFile.getFileName().toString());
    }
}
