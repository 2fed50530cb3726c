package io.kencom.e2e.journey;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kencom.local.Gateway;
import io.kencom.local.ServiceApp;
import io.kencom.testsupport.RealInfrastructure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The local gateway (deploy/local/gateway/nginx.conf, written from deploy/k8s's routes and policies) in front of the
 * running services: every operation of the app's merged document answers on the public port exactly as its service
 * answers, and is absent from the internal one; every staff operation the other way round; nothing else is
 * reachable (Quarkus' /q paths, Keycloak's admin); the edge's limits hold. The requests carry no token: a routed
 * operation answers as its service does (mostly 401), an unrouted one with the gateway's own 404 NOT_FOUND.
 */
@Order(20)
class GatewayTest {

    @RegisterExtension
    static final RunningStack STACK = new RunningStack();

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path DOCUMENTS = RealInfrastructure.layout().repoRoot().resolve("api/target/openapi");

    /** One operation of a service's document, and whether the app's merged document holds it. */
    record Operation(ServiceApp service, String method, String path, String id, boolean app) {

        /** The path as a request has it: each template variable a fresh UUID. */
        String sample() {
            return path.replaceAll("\\{[^/}]+}", UUID.randomUUID().toString());
        }
    }

    /** What came back, as far as the app tells answers apart: the status and the problem's code. */
    record Answer(int status, String code, String title, Optional<String> retryAfter, boolean hasLimit) {

        boolean gatewayNotFound() {
            return status == 404 && "NOT_FOUND".equals(code);
        }

        String seen() {
            return status + " " + code;
        }
    }

    private static List<Operation> operations;

    @BeforeAll
    static void readTheDocuments() throws IOException {
        RealInfrastructure.gateway();
        Set<String> app = operationIds(JSON.readTree(DOCUMENTS.resolve("kencom-app.json").toFile()));
        Set<String> staff = operationIds(JSON.readTree(DOCUMENTS.resolve("kencom-staff.json").toFile()));
        operations = new ArrayList<>();
        for (ServiceApp service : ServiceApp.values()) {
            JsonNode document = JSON.readTree(RealInfrastructure.layout().repoRoot()
                    .resolve(service.module() + "/target/openapi/openapi.json").toFile());
            document.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
                String id = op.getValue().path("operationId").asText();
                assertThat(app.contains(id) ^ staff.contains(id)).as(id + ": in exactly one merged document").isTrue();
                operations.add(new Operation(service, op.getKey().toUpperCase(), path.getKey(), id, app.contains(id)));
            }));
        }
        assertThat(operations).hasSize(app.size() + staff.size());
    }

    @Test
    void every_app_operation_is_routed_on_the_public_port_only_and_every_staff_operation_on_the_internal_port_only() {
        for (Operation op : operations) {
            String path = op.sample();
            Answer direct = send(op.service().where(), op.method(), path, 0);
            Answer viaPublic = send(Gateway.publicUrl(), op.method(), path, 0);
            Answer viaInternal = send(Gateway.internalUrl(), op.method(), path, 0);

            assertThat(direct.gatewayNotFound()).as(op.id() + " answers itself unlike an unrouted path").isFalse();
            if (op.app()) {
                assertThat(viaPublic.seen()).as(op.id() + " through the public port").isEqualTo(direct.seen());
                assertThat(viaInternal.gatewayNotFound()).as(op.id() + " is not on the internal port").isTrue();
            } else {
                assertThat(viaInternal.seen()).as(op.id() + " through the internal port").isEqualTo(direct.seen());
                assertThat(viaPublic.gatewayNotFound()).as(op.id() + " is not on the public port").isTrue();
            }
        }
    }

    @Test
    void quarkus_paths_keycloak_s_admin_and_other_realms_are_reachable_through_neither_port() {
        for (String url : List.of(Gateway.publicUrl(), Gateway.internalUrl())) {
            for (String path : List.of("/q/health", "/q/health/ready", "/q/metrics", "/q/openapi", "/q/swagger-ui",
                    "/admin/master/console/", "/realms/master/.well-known/openid-configuration", "/")) {
                assertThat(send(url, "GET", path, 0).gatewayNotFound()).as(url + path).isTrue();
            }
        }
        assertThat(send(ServiceApp.ACCOUNT.where(), "GET", "/q/health/ready", 0).status()).isEqualTo(200);
        // the gateway's refusal reads as a service's refusal of the same code
        Answer service = send(ServiceApp.ACCOUNT.where(), "GET", "/v1/no-such-thing", 0);
        assertThat(service.gatewayNotFound()).isTrue();
        assertThat(send(Gateway.publicUrl(), "GET", "/v1/no-such-thing", 0).title()).isEqualTo(service.title());
    }

    @Test
    void the_public_port_serves_the_realm_s_login_endpoints_and_the_merged_document() throws Exception {
        HttpResponse<String> discovery = get(Gateway.publicUrl() + "/realms/kencom/.well-known/openid-configuration");
        assertThat(discovery.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(discovery.body()).path("token_endpoint").asText()).endsWith("/realms/kencom/protocol/openid-connect/token");

        HttpResponse<String> document = get(Gateway.publicUrl() + "/openapi/kencom-app.json");
        assertThat(document.statusCode()).isEqualTo(200);
        assertThat(document.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(document.body()).isEqualTo(Files.readString(DOCUMENTS.resolve("kencom-app.json")));
    }

    @Test
    void a_json_body_over_64_kib_stops_at_the_gateway_and_a_photo_of_that_size_goes_through() {
        int overJson = 64 * 1024 + 1;
        Answer signup = send(Gateway.publicUrl(), "POST", "/v1/signups", overJson);
        assertThat(signup.seen()).isEqualTo("413 BODY_TOO_LARGE");
        assertThat(signup.hasLimit()).as("the gateway's answer (the service's names its limit)").isFalse();

        String photo = "/v1/ekyc/applications/" + UUID.randomUUID() + "/images/front";
        Answer direct = send(ServiceApp.EKYC.where(), "PUT", photo, overJson);
        assertThat(send(Gateway.publicUrl(), "PUT", photo, overJson).seen()).isEqualTo(direct.seen())
                .isNotEqualTo("413 BODY_TOO_LARGE");
    }

    @Test
    void past_a_route_s_rate_ceiling_the_gateway_answers_503_with_retry_after() {
        // password-resets: 300 a minute per gateway replica (policies.yaml), the lowest ceiling; an empty body is
        // refused by account-service at once, so the service is not burdened
        List<Answer> answers = new ArrayList<>();
        Answer last;
        do {
            last = send(Gateway.publicUrl(), "POST", "/v1/password-resets", 2);
            answers.add(last);
        } while (last.status() != 503 && answers.size() < 500);

        assertThat(last.seen()).isEqualTo("503 SERVICE_UNAVAILABLE");
        assertThat(last.retryAfter()).isPresent();
        assertThat(answers.size()).as("requests before the ceiling").isGreaterThan(300);
        Set<String> before = new HashSet<>();
        answers.subList(0, answers.size() - 1).forEach(a -> before.add(a.seen()));
        assertThat(before).as("the service's own answers, until then").doesNotContain("503 SERVICE_UNAVAILABLE");
    }

    /** A request without a token; {@code bodySize} bytes of JSON-ish body when positive. */
    private static Answer send(String base, String method, String path, int bodySize) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (bodySize > 0) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString("{}" + " ".repeat(bodySize - 2)));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode problem = response.headers().firstValue("content-type").orElse("").startsWith("application/problem+json")
                    ? JSON.readTree(response.body()) : JSON.nullNode();
            return new Answer(response.statusCode(), problem.path("code").asText("-"), problem.path("title").asText("-"),
                    response.headers().firstValue("retry-after"), problem.has("limit"));
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + base + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Set<String> operationIds(JsonNode document) {
        Set<String> ids = new HashSet<>();
        document.path("paths").forEach(path -> path.forEach(op -> {
            if (op.has("operationId")) {
                ids.add(op.get("operationId").asText());
            }
        }));
        return ids;
    }
}
