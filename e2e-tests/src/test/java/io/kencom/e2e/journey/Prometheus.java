package io.kencom.e2e.journey;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.kencom.local.DebianPackages;
import io.kencom.local.Net;
import io.kencom.local.ServiceApp;
import io.kencom.local.StackLayout;
import io.kencom.testsupport.RealInfrastructure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Prometheus (Debian's package, installed when missing) scraping the five services as deploy/k8s's
 * ServiceMonitor does (job = the service's name, {@code /q/metrics}) and evaluating deploy/k8s's alert rules, for as
 * long as this JVM's stack runs. The rules are the PrometheusRule's own; only their {@code for} is cut to a second, so
 * that a test waits seconds rather than minutes (promtool's unit tests hold the real durations: AlertRulesTest).
 */
final class Prometheus implements AutoCloseable {

    private static final Path BINARY = Path.of("/usr/bin/prometheus");
    private static final Path ALERTS = Path.of("deploy/k8s/base/monitoring/alerts.yaml");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Process process;
    private final int port;
    final Instant started = Instant.now();

    private Prometheus(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts one scraping {@code services} every 2 s; returns once it is ready. */
    static Prometheus start(List<ServiceApp> services) {
        DebianPackages.ensure(RealInfrastructure.layout(), "prometheus", () -> Files.isExecutable(BINARY),
                List.of("prometheus"));
        try {
            Path dir = RealInfrastructure.layout().repoRoot().resolve("e2e-tests/target/prometheus");
            StackLayout.deleteTree(dir); // the last run's data: this run's series only
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("rules.yaml"), YAML.writeValueAsString(rules()));
            Files.writeString(dir.resolve("prometheus.yaml"), YAML.writeValueAsString(config(services)));
            int port = freePort();
            Process process = new ProcessBuilder(BINARY.toString(), "--config.file=" + dir.resolve("prometheus.yaml"),
                    "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=" + Net.HOST + ":" + port)
                    .redirectErrorStream(true)
                    .redirectOutput(RealInfrastructure.layout().logDir().resolve("e2e-prometheus.log").toFile())
                    .start();
            Prometheus prometheus = new Prometheus(process, port);
            Runtime.getRuntime().addShutdownHook(new Thread(prometheus::close, "prometheus-stop"));
            Net.await("prometheus", Duration.ofSeconds(30), null,
                    () -> Net.status(prometheus.url("/-/ready")) == 200);
            return prometheus;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start prometheus", e);
        }
    }

    /** The PrometheusRule's groups, each alert's {@code for} a second. */
    private static JsonNode rules() throws IOException {
        JsonNode spec = YAML.readTree(RealInfrastructure.layout().repoRoot().resolve(ALERTS).toFile()).get("spec")
                .deepCopy();
        for (JsonNode group : spec.get("groups")) {
            for (JsonNode rule : group.get("rules")) {
                if (rule.has("for")) {
                    ((ObjectNode) rule).put("for", "1s");
                }
            }
        }
        return spec;
    }

    private static JsonNode config(List<ServiceApp> services) {
        ObjectNode config = JSON.createObjectNode();
        config.putObject("global").put("scrape_interval", "2s").put("evaluation_interval", "1s");
        config.putArray("rule_files").add("rules.yaml");
        var jobs = config.putArray("scrape_configs");
        for (ServiceApp service : services) {
            ObjectNode job = jobs.addObject().put("job_name", service.module()).put("metrics_path", "/q/metrics");
            job.putArray("static_configs").addObject().putArray("targets")
                    .add(Net.HOST + ":" + service.port());
        }
        return config;
    }

    /** The alerts now, pending or firing, each as its labels and state. */
    List<JsonNode> alerts() {
        List<JsonNode> alerts = new ArrayList<>();
        get("/api/v1/alerts").path("data").path("alerts").forEach(alerts::add);
        return alerts;
    }

    boolean firing(String alert, String job) {
        return alerts().stream().anyMatch(a -> a.path("labels").path("alertname").asText().equals(alert)
                && a.path("labels").path("job").asText().equals(job) && a.path("state").asText().equals("firing"));
    }

    /** An instant query's value for the one series it answers, or NaN when none. */
    double value(String query) {
        JsonNode result = get("/api/v1/query?query=" + encode(query)).path("data").path("result");
        return result.isEmpty() ? Double.NaN : result.get(0).path("value").get(1).asDouble();
    }

    /** A range query since this Prometheus started: each series' labels and its (time, value) points. */
    JsonNode range(String query, Duration step) {
        return get("/api/v1/query_range?query=" + encode(query) + "&start=" + started.getEpochSecond() + "&end="
                + Instant.now().getEpochSecond() + "&step=" + step.toSeconds()).path("data").path("result");
    }

    private JsonNode get(String path) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url(path))).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot ask prometheus " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String url(String path) {
        return "http://" + Net.HOST + ":" + port + path;
    }

    private static String encode(String query) {
        return URLEncoder.encode(query, StandardCharsets.UTF_8);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
