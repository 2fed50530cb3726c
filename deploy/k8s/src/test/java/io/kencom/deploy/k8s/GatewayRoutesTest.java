package io.kencom.deploy.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The gateways' routes against what the services serve, read from the OpenAPI document each service's build wrote
 * (target/openapi): every public operation is routed on the public listener to its own service; no staff operation
 * and no /q/* path is reachable there; the staff operations are on the internal gateway, and every route leads to
 * a path its service has.
 */
class GatewayRoutesTest {

    private static final Set<String> STAFF_ROLES = Set.of("ops-admin", "ekyc-reviewer", "insurer-feed");
    private static final List<String> QUARKUS_PATHS = List.of("/q/health", "/q/health/ready", "/q/metrics",
            "/q/openapi", "/q/swagger-ui", "/q/dev-ui");

    record Operation(String service, String method, String path, Set<String> roles, String operationId) {
        boolean staff() {
            return roles.stream().anyMatch(STAFF_ROLES::contains);
        }

        /** The path with each templated segment filled, as a request would have it. */
        String sample() {
            return path.replaceAll("\\{[^/}]+}", "x1");
        }
    }

    record Match(String route, String gateway, String listener, String service, String type, String value, String method) {
        boolean reaches(String method, String path) {
            boolean pathMatches = switch (type) {
                case "Exact" -> path.equals(value);
                case "PathPrefix" -> path.equals(value) || path.startsWith(value.endsWith("/") ? value : value + "/");
                // Envoy matches a regular expression against the whole path.
                case "RegularExpression" -> path.matches(value);
                default -> throw new AssertionError(route + ": unknown match type " + type);
            };
            return pathMatches && (this.method == null || this.method.equals(method));
        }

        boolean reaches(Operation op) {
            return reaches(op.method(), op.sample());
        }

        boolean isPublicApi() {
            return gateway.equals("kencom-public") && listener.equals("api");
        }
    }

    static List<Operation> operations;
    static List<Match> matches;

    @BeforeAll
    static void read() throws IOException {
        operations = new ArrayList<>();
        for (String service : Repo.SERVICES) {
            Path document = Repo.path(service + "/target/openapi/openapi.json");
            assertThat(document).as("built by the service's module (quarkus.smallrye-openapi.store-schema-directory); "
                    + "build the services before deploy/k8s").exists();
            JsonNode paths = new ObjectMapper().readTree(Files.readString(document)).get("paths");
            paths.fields().forEachRemaining(p -> p.getValue().fields().forEachRemaining(op -> {
                Set<String> roles = new TreeSet<>();
                op.getValue().path("security").forEach(req -> req.fields()
                        .forEachRemaining(scheme -> scheme.getValue().forEach(r -> roles.add(r.asText()))));
                operations.add(new Operation(service, op.getKey().toUpperCase(), p.getKey(), roles,
                        op.getValue().path("operationId").asText(null)));
            }));
        }
        matches = new ArrayList<>();
        Rendered.of("prod").kind("HTTPRoute").forEach(route -> {
            JsonNode parent = route.at("/spec/parentRefs/0");
            for (JsonNode rule : route.at("/spec/rules")) {
                String backend = rule.at("/backendRefs/0/name").asText();
                assertThat(rule.at("/backendRefs")).hasSize(1);
                for (JsonNode m : rule.get("matches")) {
                    matches.add(new Match(route.at("/metadata/name").asText(), parent.get("name").asText(),
                            parent.get("sectionName").asText(), backend, m.at("/path/type").asText(),
                            m.at("/path/value").asText(), m.has("method") ? m.get("method").asText() : null));
                }
            }
        });
    }

    @Test
    void every_operation_of_the_five_services_has_its_own_operation_id() {
        // the app generates one client for all of them (docs/api.md): a name used twice would collide there
        assertThat(operations).isNotEmpty().allSatisfy(op ->
                assertThat(op.operationId()).as(op.method() + " " + op.path()).isNotBlank());
        assertThat(operations.stream().map(Operation::operationId).toList()).doesNotHaveDuplicates();
    }

    @Test
    void every_route_leads_to_a_path_its_service_serves() {
        for (Match match : service(matches)) {
            assertThat(operations).as(match.route() + " " + match.value())
                    .anyMatch(op -> op.service().equals(match.service()) && match.reaches(op));
        }
    }

    @Test
    void every_member_and_anonymous_operation_is_routed_on_the_public_listener_to_its_own_service_only() {
        assertThat(operations).filteredOn(op -> !op.staff()).isNotEmpty().allSatisfy(op -> {
            Set<String> services = matches.stream().filter(Match::isPublicApi).filter(m -> m.reaches(op))
                    .map(Match::service).collect(Collectors.toSet());
            assertThat(services).as(op.method() + " " + op.path()).containsExactly(op.service());
        });
    }

    @Test
    void no_staff_operation_and_no_quarkus_path_is_reachable_from_the_public_gateway() {
        List<Match> publicMatches = matches.stream().filter(m -> m.gateway().equals("kencom-public")).toList();
        assertThat(operations).filteredOn(Operation::staff).isNotEmpty().allSatisfy(op ->
                assertThat(publicMatches).as(op.method() + " " + op.path()).noneMatch(m -> m.reaches(op)));
        for (String path : QUARKUS_PATHS) {
            for (String method : List.of("GET", "POST", "PUT", "DELETE")) {
                assertThat(publicMatches).as(path).noneMatch(m -> m.reaches(method, path));
            }
        }
    }

    @Test
    void every_staff_operation_is_on_the_internal_gateway_which_routes_nothing_else() {
        List<Match> internal = matches.stream().filter(m -> m.gateway().equals("kencom-internal")).toList();
        assertThat(operations).filteredOn(Operation::staff).allSatisfy(op -> {
            Set<String> services = internal.stream().filter(m -> m.reaches(op)).map(Match::service)
                    .collect(Collectors.toSet());
            assertThat(services).as(op.method() + " " + op.path()).containsExactly(op.service());
        });
        assertThat(operations).filteredOn(op -> !op.staff()).allSatisfy(op ->
                assertThat(internal).as(op.method() + " " + op.path()).noneMatch(m -> m.reaches(op)));
    }

    @Test
    void keycloak_is_reachable_for_the_realm_s_login_and_never_for_its_admin_console() {
        List<Match> keycloak = matches.stream().filter(m -> m.service().equals("kencom-keycloak-service")).toList();

        assertThat(keycloak).isNotEmpty().allMatch(m -> m.gateway().equals("kencom-public") && m.listener().equals("auth"));
        assertThat(keycloak).anyMatch(m -> m.reaches("GET", "/realms/kencom/protocol/openid-connect/auth"));
        assertThat(keycloak).noneMatch(m -> m.reaches("GET", "/admin/master/console/")
                || m.reaches("GET", "/realms/master/protocol/openid-connect/auth")
                || m.reaches("POST", "/admin/realms/kencom/users"));
        assertThat(matches).filteredOn(m -> !m.service().equals("kencom-keycloak-service"))
                .allMatch(m -> List.of(Repo.SERVICES).contains(m.service()));
    }

    @Test
    void every_route_has_a_timeout_and_every_public_api_route_a_body_limit_the_mail_and_code_routes_a_rate_limit() {
        Rendered prod = Rendered.of("prod");
        prod.kind("HTTPRoute").forEach(route -> route.at("/spec/rules").forEach(rule ->
                assertThat(rule.at("/timeouts/request").asText()).as(route.at("/metadata/name").asText()).isNotEmpty()));
        Set<String> publicRoutes = matches.stream().filter(Match::isPublicApi).map(Match::route).collect(Collectors.toSet());
        for (String route : publicRoutes) {
            List<JsonNode> policies = policiesOf(prod, route);
            assertThat(policies).as(route).hasSize(1);
            assertThat(policies.get(0).at("/spec/requestBuffer/limit").asText()).as(route).isNotEmpty();
        }
        assertThat(policiesOf(prod, "ekyc-photos").get(0).at("/spec/requestBuffer/limit").asText()).isEqualTo("12Mi");
        for (String route : List.of("account-signups", "account-password-resets", "verification-verifications")) {
            assertThat(policiesOf(prod, route).get(0).at("/spec/rateLimit/local/rules/0/limit/requests").asInt())
                    .as(route).isPositive();
        }
        // The sign-up route carries the code routes (POST /v1/signups/{id}/code and /code/verify).
        assertThat(matches).filteredOn(m -> m.route().equals("account-signups"))
                .anyMatch(m -> m.reaches("POST", "/v1/signups/x1/code/verify"));
    }

    private static List<JsonNode> policiesOf(Rendered rendered, String route) {
        return rendered.kind("BackendTrafficPolicy").filter(policy -> {
            for (JsonNode ref : policy.at("/spec/targetRefs")) {
                if (ref.get("kind").asText().equals("HTTPRoute") && ref.get("name").asText().equals(route)) {
                    return true;
                }
            }
            return false;
        }).toList();
    }

    private static List<Match> service(List<Match> all) {
        return all.stream().filter(m -> List.of(Repo.SERVICES).contains(m.service())).toList();
    }
}
