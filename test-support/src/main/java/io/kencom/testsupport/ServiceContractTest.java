package io.kencom.testsupport;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import org.junit.jupiter.api.Test;

/**
 * What every service promises ops and the gateway, whatever its domain: readiness that includes its database and
 * Kafka, Prometheus metrics, an OpenAPI document with Swagger UI, and problem+json for any error. A service's
 * test extends this as a {@code @QuarkusTest}.
 */
public abstract class ServiceContractTest {

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
    void answers_an_unknown_path_with_problem_json() {
        given().get("/no/such/path").then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("code", equalTo("NOT_FOUND"));
    }
}
