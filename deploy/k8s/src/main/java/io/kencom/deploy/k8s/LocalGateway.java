package io.kencom.deploy.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.kencom.local.Gateway;
import io.kencom.local.Keycloak;
import io.kencom.local.Net;
import io.kencom.local.ServiceApp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The gateway on this machine: an nginx configuration written from the Gateway API routes and the Envoy Gateway
 * policies of deploy/k8s/base/gateway, so the local door routes exactly what production's does. kencom-public becomes
 * one port (its api and auth listeners: the member API and Keycloak's realm), kencom-internal another. Each route's
 * timeout, body limit and rate ceiling carry over; what no route matches is a 404 problem. Where nginx answers itself,
 * it answers as the services do (problem+json with the platform's codes: NOT_FOUND, BODY_TOO_LARGE,
 * SERVICE_UNAVAILABLE with Retry-After), so the app meets no answer its contract does not name.
 */
public final class LocalGateway {

    public static final String CONFIG = Gateway.CONFIG;
    static final String ROUTES_PUBLIC = "deploy/k8s/base/gateway/routes-public.yaml";
    static final String ROUTES_INTERNAL = "deploy/k8s/base/gateway/routes-internal.yaml";
    static final String POLICIES = "deploy/k8s/base/gateway/policies.yaml";

    private static final YAMLMapper YAML = new YAMLMapper();

    /** One path match of a route, with what its route and the route's policy say. */
    record Match(String route, String type, String value, String method, String backend, String timeout,
            Policy policy) {

        boolean rateLimited() {
            return policy != null && policy.requestsPerMinute() > 0;
        }

        /** nginx's location: Exact is {@code =}, a regular expression matches the whole path, as Envoy's does. */
        List<String> locations() {
            return switch (type) {
                case "Exact" -> List.of("= " + value);
                // /v1/signups and everything under /v1/signups/, not /v1/signupsX
                case "PathPrefix" -> List.of("= " + value, value.endsWith("/") ? value : value + "/");
                case "RegularExpression" -> List.of("~ ^(?:" + value + ")$");
                default -> throw new IllegalArgumentException(route + ": unknown path match " + type);
            };
        }
    }

    /** A BackendTrafficPolicy's limits: a request body limit (buffered) and a rate ceiling per gateway replica. */
    record Policy(String name, String bodyLimit, int requestsPerMinute) {
    }

    private LocalGateway() {
    }

    public static String config(Path root) {
        List<JsonNode> policyDocuments = documents(root.resolve(POLICIES));
        Map<String, Policy> policies = routePolicies(policyDocuments);
        List<Match> publicMatches = matches(root.resolve(ROUTES_PUBLIC), policies);
        List<Match> internalMatches = matches(root.resolve(ROUTES_INTERNAL), policies);
        JsonNode clientPolicy = policyDocuments.stream()
                .filter(d -> d.path("kind").asText().equals("ClientTrafficPolicy")).findFirst().orElseThrow();

        StringBuilder out = new StringBuilder();
        out.append("# Generated from ").append(ROUTES_PUBLIC).append(", ").append(ROUTES_INTERNAL).append(" and ")
                .append(POLICIES).append("\n# by LocalGateway: do not edit; GeneratedManifestsTest renews it. ")
                .append("The launcher runs it with nginx -p <repository>/ (paths below are relative to it).\n");
        out.append("""
                worker_processes 1;
                pid .local-stack/gateway/nginx.pid;
                error_log stderr warn;
                events { worker_connections 1024; }

                http {
                    # the request line without its query, the status, the route's service: no personal data
                    log_format gateway '$time_iso8601 $server_port $request_method $uri $status $upstream_addr $request_time';
                    access_log .local-stack/logs/gateway-access.log gateway;
                    client_body_temp_path .local-stack/gateway/body;
                    proxy_temp_path .local-stack/gateway/proxy;
                    fastcgi_temp_path .local-stack/gateway/fastcgi;
                    uwsgi_temp_path .local-stack/gateway/uwsgi;
                    scgi_temp_path .local-stack/gateway/scgi;
                    server_tokens off;
                    default_type application/problem+json;
                    proxy_http_version 1.1;
                    proxy_set_header Connection "";
                    proxy_set_header Host $http_host;
                    proxy_set_header X-Forwarded-For $remote_addr;
                    proxy_set_header X-Forwarded-Proto $scheme;
                    # the services' own refusals (their 404s, 413s, 503s) pass through as they are
                    proxy_intercept_errors off;
                    # a rate ceiling is per gateway replica, as Envoy's local rate limit: one bucket for all callers
                    limit_req_status 503;

                """);
        for (String backend : backends(publicMatches, internalMatches)) {
            out.append("    upstream ").append(backend).append(" { server ").append(Net.HOST).append(':')
                    .append(port(backend)).append("; keepalive 8; }\n");
        }
        out.append('\n');
        concat(publicMatches, internalMatches).stream().filter(Match::rateLimited).map(Match::policy).distinct()
                .forEach(p -> out.append("    limit_req_zone $server_port zone=").append(p.name()).append(":1m rate=")
                        .append(p.requestsPerMinute()).append("r/m;\n"));
        out.append('\n');
        server(out, "kencom-public (listeners api and auth)", Gateway.PUBLIC_PORT, publicMatches,
                clientPolicy.at("/spec/timeout/http/requestReceivedTimeout").asText(),
                clientPolicy.at("/spec/timeout/http/idleTimeout").asText(), true);
        out.append('\n');
        server(out, "kencom-internal (listener staff)", Gateway.INTERNAL_PORT, internalMatches, null, null, false);
        out.append("}\n");
        return out.toString();
    }

    private static void server(StringBuilder out, String gateway, int port, List<Match> matches, String bodyTimeout, String idleTimeout, boolean servesDocument) {
        out.append("    # ").append(gateway).append('\n');
        out.append("    server {\n");
        out.append("        listen ").append(Net.HOST).append(':').append(port).append(";\n");
        if (bodyTimeout != null) {
            out.append("        client_body_timeout ").append(bodyTimeout).append(";\n");
        }
        if (idleTimeout != null) {
            out.append("        keepalive_timeout ").append(idleTimeout).append(";\n");
        }
        out.append("""
                        error_page 404 @not_found;
                        error_page 413 @body_too_large;
                        error_page 502 503 504 =503 @unavailable;
                """);
        Set<String> seen = new HashSet<>();
        // regular expressions in the routes' order (nginx tries them in file order); exact and prefix in any
        for (Match m : matches) {
            for (String location : m.locations()) {
                if (!seen.add(location)) {
                    throw new IllegalStateException(m.route() + ": " + location + " is matched by two routes");
                }
                location(out, m, location);
            }
        }
        if (servesDocument) {
            out.append("""
                            # The merged document of the member API (docs/api.md), as the api module's build wrote it.
                            location = /openapi/kencom-app.json {
                                default_type application/json;
                                alias api/target/openapi/kencom-app.json;
                            }
                    """);
        }
        out.append("""
                        location / {
                            return 404;
                        }
                """);
        out.append(problem("not_found", 404, "NOT_FOUND", "Not Found", null));
        // the titles are the services' own for these codes (ProblemMappers, RequestGuards, Unavailable)
        out.append(problem("body_too_large", 413, "BODY_TOO_LARGE", "The request body is over this operation's limit",
                null));
        out.append(problem("unavailable", 503, "SERVICE_UNAVAILABLE",
                "A service this one depends on is not answering; try again shortly", "5"));
        out.append("    }\n");
    }

    private static void location(StringBuilder out, Match m, String location) {
        out.append("        location ").append(location).append(" { # ").append(m.route()).append('\n');
        if (m.method() != null) {
            // a route for one method: any other is a path no route has
            out.append("            if ($request_method != ").append(m.method()).append(") { return 404; }\n");
        }
        if (m.policy() != null && m.policy().bodyLimit() != null) {
            out.append("            client_max_body_size ").append(nginxSize(m.policy().bodyLimit())).append(";\n");
        } else {
            // no requestBuffer policy: Envoy streams the body, unbounded (roster files)
            out.append("            client_max_body_size 0;\n");
            out.append("            proxy_request_buffering off;\n");
        }
        if (m.rateLimited()) {
            // Envoy's bucket holds a minute's tokens: as many at once, then the rate
            out.append("            limit_req zone=").append(m.policy().name()).append(" burst=")
                    .append(m.policy().requestsPerMinute()).append(" nodelay;\n");
        }
        out.append("            proxy_read_timeout ").append(m.timeout()).append(";\n");
        out.append("            proxy_send_timeout ").append(m.timeout()).append(";\n");
        out.append("            proxy_pass http://").append(m.backend()).append(";\n");
        out.append("        }\n");
    }

    private static String problem(String name, int status, String code, String title, String retryAfter) {
        StringBuilder s = new StringBuilder("        location @").append(name).append(" {\n");
        if (retryAfter != null) {
            s.append("            add_header Retry-After ").append(retryAfter).append(" always;\n");
        }
        String body = "{\"type\":\"urn:kencom:problem:" + code + "\",\"title\":\"" + title + "\",\"status\":" + status
                + ",\"code\":\"" + code + "\"}";
        // in nginx's single quotes, a quote of the text is escaped
        s.append("            return ").append(status).append(" '").append(body.replace("'", "\\'")).append("';\n");
        s.append("        }\n");
        return s.toString();
    }

    private static List<Match> matches(Path routes, Map<String, Policy> byRoute) {
        List<Match> matches = new ArrayList<>();
        for (JsonNode route : documents(routes)) {
            if (!route.path("kind").asText().equals("HTTPRoute")) {
                continue;
            }
            String name = route.at("/metadata/name").asText();
            Policy policy = byRoute.get(name);
            for (JsonNode rule : route.at("/spec/rules")) {
                if (rule.at("/backendRefs").size() != 1) {
                    throw new IllegalStateException(name + ": one backend per rule is all the local gateway routes");
                }
                for (JsonNode match : rule.get("matches")) {
                    matches.add(new Match(name, match.at("/path/type").asText(), match.at("/path/value").asText(),
                            match.has("method") ? match.get("method").asText() : null,
                            rule.at("/backendRefs/0/name").asText(), rule.at("/timeouts/request").asText(), policy));
                }
            }
        }
        return matches;
    }

    /** The BackendTrafficPolicy of each route that has one. */
    private static Map<String, Policy> routePolicies(List<JsonNode> policyDocuments) {
        Map<String, Policy> byRoute = new LinkedHashMap<>();
        for (JsonNode doc : policyDocuments) {
            if (!doc.path("kind").asText().equals("BackendTrafficPolicy")) {
                continue;
            }
            String name = doc.at("/metadata/name").asText();
            JsonNode rate = doc.at("/spec/rateLimit/local/rules/0/limit");
            if (!rate.isMissingNode() && !rate.path("unit").asText().equals("Minute")) {
                throw new IllegalStateException(name + ": only a rate per minute is carried to the local gateway");
            }
            Policy policy = new Policy(name, doc.at("/spec/requestBuffer/limit").asText(null),
                    rate.path("requests").asInt(0));
            for (JsonNode ref : doc.at("/spec/targetRefs")) {
                if (ref.path("kind").asText().equals("HTTPRoute")) {
                    byRoute.put(ref.path("name").asText(), policy);
                }
            }
        }
        return byRoute;
    }

    /** Gateway API's quantities (64Ki, 12Mi) in nginx's units, which count in 1024s too. */
    static String nginxSize(String quantity) {
        if (quantity.endsWith("Ki")) {
            return quantity.replace("Ki", "k");
        }
        if (quantity.endsWith("Mi")) {
            return quantity.replace("Mi", "m");
        }
        throw new IllegalArgumentException("a body limit in Ki or Mi: " + quantity);
    }

    private static List<String> backends(List<Match> a, List<Match> b) {
        return concat(a, b).stream().map(Match::backend).distinct().sorted(Comparator.naturalOrder()).toList();
    }

    /** The local port of a route's backend: one of the five services, or Keycloak. */
    private static int port(String backend) {
        if (backend.equals("kencom-keycloak-service")) {
            return Keycloak.PORT;
        }
        return Arrays.stream(ServiceApp.values()).filter(s -> s.module().equals(backend)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no local service for the backend " + backend)).port();
    }

    private static List<Match> concat(List<Match> a, List<Match> b) {
        List<Match> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static List<JsonNode> documents(Path file) {
        try (var parser = YAML.getFactory().createParser(file.toFile())) {
            return YAML.readValues(parser, JsonNode.class).readAll();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
