package io.kencom.testsupport;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What every service promises ops and the gateway, whatever its domain: readiness that includes its database and
 * Kafka, Prometheus metrics, an OpenAPI document with Swagger UI whose every operation has an operationId (what a
 * generated client names its methods after: {@code startSignup}, not {@code apiV1SignupsPost}), problem+json
 * for any error, an answer within the request deadline from every resource; and, for whoever reads its code, a
 * domain free of the rest. A service's test extends this as a {@code @QuarkusTest}.
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

    /** With what the alerts of docs/operations.md read: the outbox, the consumers' lag, the requests' status. */
    @Test
    void serves_prometheus_metrics() {
        given().get("/v1/no-such-path").then().statusCode(404); // an answer of the application's, to be counted
        given().get("/q/metrics").then()
                .statusCode(200)
                .body(containsString("jvm_memory_used_bytes"))
                .body(containsString("kencom_outbox_relayed_total"))
                .body(containsString("kencom_outbox_backlog "))
                .body(containsString("kencom_outbox_oldest_age_seconds "))
                .body(containsString("kafka_consumer_fetch_manager_records_lag_max{"))
                .body(containsString("http_server_requests_seconds_count{"));
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

    /** The platform's annotation, named: test-support does not depend on the platform. */
    private static final String ANSWERED_IN_TIME = "io.kencom.platform.problem.AnsweredInTime";

    @Test
    void answers_every_operation_within_the_request_deadline() throws IOException {
        List<String> resources = new ArrayList<>();
        List<String> unbounded = new ArrayList<>();
        Path classes = Path.of("target/classes");
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> type;
                try {
                    type = Class.forName(name, false, Thread.currentThread().getContextClassLoader());
                } catch (ClassNotFoundException | LinkageError e) {
                    continue; // generated at build time, not a resource
                }
                if (annotated(type, "jakarta.ws.rs.Path")) {
                    resources.add(type.getSimpleName());
                    if (!annotated(type, ANSWERED_IN_TIME)) {
                        unbounded.add(type.getSimpleName());
                    }
                }
            }
        }
        assertThat(resources).as("the service's resources").isNotEmpty();
        assertThat(unbounded).as("resources without @AnsweredInTime").isEmpty();
    }

    private static boolean annotated(Class<?> type, String annotation) {
        return Arrays.stream(type.getAnnotations()).anyMatch(a -> a.annotationType().getName().equals(annotation));
    }

    /**
     * The rules in plain Java (docs/architecture.md, "Inside a service"): no class of the service's {@code domain}
     * leans on its use cases, resources or infrastructure, on HTTP problems or on the framework, so that each rule
     * reads, and is tested, on its own.
     */
    @Test
    void keeps_its_domain_free_of_the_api_the_infrastructure_and_the_framework() {
        JavaClasses classes = new ClassFileImporter().importPath(Path.of("target/classes"));
        String service = servicePackage(classes);
        ArchRuleDefinition.noClasses().that().resideInAPackage(service + ".domain..")
                .should().dependOnClassesThat().resideInAnyPackage(service, service + ".api..", service + ".infra..",
                        "io.kencom.platform.problem..", "io.quarkus..", "io.vertx..", "io.smallrye..", "org.hibernate..",
                        "jakarta.ws.rs..", "jakarta.persistence..", "jakarta.enterprise..", "jakarta.inject..")
                .check(classes);
    }

    /** Persistence out of the use cases and resources: every SQL statement is in {@code infra}, by table. */
    @Test
    void keeps_its_sql_in_its_infrastructure() {
        JavaClasses classes = new ClassFileImporter().importPath(Path.of("target/classes"));
        String service = servicePackage(classes);
        ArchRuleDefinition.noClasses().that().resideInAnyPackage(service, service + ".api..", service + ".domain..")
                .should().callMethodWhere(target(nameMatching("preparedQuery|query"))
                        .and(target(owner(assignableTo("io.vertx.mutiny.sqlclient.SqlClient")))))
                .check(classes);
    }

    /** The service's root package: the one that holds its {@code domain}. */
    private static String servicePackage(JavaClasses classes) {
        String domain = classes.stream().map(JavaClass::getPackageName).filter(p -> p.endsWith(".domain")).findFirst()
                .orElseThrow(() -> new AssertionError("the service has no domain package"));
        return domain.substring(0, domain.length() - ".domain".length());
    }

    /**
     * Ops' door to the service's dead letters (docs/operations.md, "KencomDeadLetterWaiting"): on the service's own
     * port, closed to a caller without a token, and no part of the API documents the app and staff code against.
     */
    @Test
    void keeps_a_door_to_its_dead_letters_for_ops_alone() {
        given().get("/ops/dead-letters").then().statusCode(401).contentType("application/problem+json")
                .body("code", equalTo("UNAUTHENTICATED"));
        given().post("/ops/dead-letters/replay").then().statusCode(401);
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths.keySet()", everyItem(not(startsWith("/ops"))));
    }

    @Test
    void answers_an_unknown_path_with_problem_json() {
        given().get("/no/such/path").then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("code", equalTo("NOT_FOUND"));
    }
}
