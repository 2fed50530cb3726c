package io.kencom.testsupport;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What every service promises ops and the gateway, whatever its domain: readiness that includes its database and
 * Kafka, Prometheus metrics, an OpenAPI document with Swagger UI whose every operation has an operationId (what a
 * generated client names its methods after: {@code startSignup}, not {@code apiV1SignupsPost}), and problem+json
 * for any error. A service's test extends this as a {@code @QuarkusTest}.
 */
public abstract class ServiceContractTest {

    private static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    @Test
    void is_ready_only_with_its_database_and_kafka() {
        given().get("/q/health/ready").then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("Reactive PostgreSQL connections")))
                .body("checks.name", hasItem(equalTo("Kafka connection health check")));
    }

    @Test
    void serves_prometheus_metrics() {
        given().get("/q/metrics").then()
                .statusCode(200)
                .body(containsString("jvm_memory_used_bytes"))
                .body(containsString("kencom_outbox_relayed_total"));
    }

    @Test
    void serves_its_openapi_document_and_swagger_ui() {
        given().get("/q/openapi?format=json").then().statusCode(200).body("openapi", containsString("3."));
        given().get("/q/swagger-ui/").then().statusCode(200);
    }

    @Test
    void names_every_operation_for_the_app_s_generated_client() {
        Map<String, Map<String, Map<String, Object>>> paths = given().get("/q/openapi?format=json").then()
                .statusCode(200).extract().jsonPath().getMap("paths");
        List<String> ids = new ArrayList<>();
        paths.forEach((path, item) -> item.forEach((method, operation) -> {
            if (HTTP_METHODS.contains(method)) {
                Object id = operation.get("operationId");
                assertThat(id).as("operationId of %s %s", method, path).isInstanceOf(String.class);
                assertThat((String) id).as("operationId of %s %s", method, path).matches("[a-z][A-Za-z]+");
                ids.add((String) id);
            }
        }));
        assertThat(ids).isNotEmpty().doesNotHaveDuplicates();
    }

    @Test
    void answers_an_unknown_path_with_problem_json() {
        given().get("/no/such/path").then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("code", equalTo("NOT_FOUND"));
    }
}
