package io.kencom.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The two OpenAPI documents the services' users code against, merged from the five services' own (each service's
 * build writes {@code target/openapi/openapi.json}): the <b>app's</b> — what the gateway's public listener routes:
 * operations open to anyone, to any token, or to the member — and the <b>staff's</b>, the rest (reviewers, ops, the
 * insurers' feeds). A schema keeps its name unless two services give that name to different shapes; then each
 * service's takes its service's prefix ({@code Request} → {@code InsuredVerificationRequest}). Only the schemas an
 * operation of the document reaches are in it.
 */
public final class ApiDocuments {

    /** The services' modules, each with its document. */
    public static final List<String> SERVICES = Arrays.stream(ServiceApp.values()).map(ServiceApp::module).toList();

    /** Who a document is for, and the file it is written to. */
    public enum Audience {
        APP("kencom-app.json", "the app's API",
                "What the app's backend calls through the gateway's public listener: sign-up, the member's own data, "
                        + "verification and eKYC."),
        STAFF("kencom-staff.json", "the staff's API",
                "What reviewers, operations staff and the insurers' feeds call on the internal listener.");

        public final String file;
        final String title;
        final String description;

        Audience(String file, String title, String description) {
            this.file = file;
            this.title = title;
            this.description = description;
        }

        /** The member's role, or no role at all, is the app's; any other role is staff's. */
        boolean holds(JsonNode operation) {
            Set<String> roles = new TreeSet<>();
            operation.path("security").forEach(r -> r.fields().forEachRemaining(s -> s.getValue()
                    .forEach(role -> roles.add(role.asText()))));
            boolean app = roles.isEmpty() || roles.equals(Set.of("member"));
            return app == (this == APP);
        }
    }

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");
    private static final String SCHEMAS = "#/components/schemas/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ApiDocuments() {
    }

    /** {@code repoRoot outputDirectory version}: writes both documents there (the api module's build runs it). */
    public static void main(String[] args) throws IOException {
        Path root = Path.of(args[0]);
        Path out = Path.of(args[1]);
        Map<String, JsonNode> documents = new LinkedHashMap<>();
        for (String service : SERVICES) {
            documents.put(service, JSON.readTree(root.resolve(service + "/target/openapi/openapi.json").toFile()));
        }
        Files.createDirectories(out);
        for (Audience audience : Audience.values()) {
            JSON.writerWithDefaultPrettyPrinter().writeValue(out.resolve(audience.file).toFile(),
                    merge(documents, audience, args[2]));
        }
    }

    public static ObjectNode merge(Map<String, JsonNode> byService, Audience audience, String version) {
        Map<String, Map<String, String>> renames = renames(byService);
        ObjectNode merged = JSON.createObjectNode();
        merged.put("openapi", byService.values().iterator().next().path("openapi").asText("3.1.0"));
        merged.putObject("info").put("title", "kencom onboarding: " + audience.title)
                .put("description", audience.description).put("version", version);
        merged.putArray("servers").addObject().put("url", "/");
        ObjectNode paths = merged.putObject("paths");
        ObjectNode schemas = JSON.createObjectNode();
        ObjectNode securitySchemes = JSON.createObjectNode();
        Map<String, JsonNode> tags = new TreeMap<>();
        byService.forEach((service, original) -> {
            JsonNode document = renamed(original.deepCopy(), renames.get(service));
            Map<String, JsonNode> declaredTags = new HashMap<>();
            document.path("tags").forEach(t -> declaredTags.put(t.path("name").asText(), t));
            Deque<JsonNode> reached = new ArrayDeque<>();
            document.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
                if (METHODS.contains(op.getKey()) && audience.holds(op.getValue())) {
                    ObjectNode item = paths.has(path.getKey()) ? (ObjectNode) paths.get(path.getKey())
                            : paths.putObject(path.getKey());
                    item.set(op.getKey(), op.getValue());
                    op.getValue().path("tags").forEach(t -> tags.put(t.asText(),
                            declaredTags.getOrDefault(t.asText(), JSON.createObjectNode().put("name", t.asText()))));
                    reached.add(op.getValue());
                }
            }));
            JsonNode own = document.path("components").path("schemas");
            Set<String> needed = new TreeSet<>();
            while (!reached.isEmpty()) {
                for (String name : references(reached.pop())) {
                    if (needed.add(name) && own.has(name)) {
                        reached.add(own.get(name));
                    }
                }
            }
            needed.stream().filter(own::has).forEach(name -> schemas.set(name, own.get(name)));
            document.path("components").path("securitySchemes").fields() // one, the same in all five
                    .forEachRemaining(s -> securitySchemes.set(s.getKey(), s.getValue()));
        });
        merged.putArray("tags").addAll(tags.values());
        ObjectNode components = merged.putObject("components");
        components.set("schemas", sorted(schemas));
        components.set("securitySchemes", securitySchemes);
        return merged;
    }

    /** Per service, the schema names it must rename: those another service gives to a different shape. */
    private static Map<String, Map<String, String>> renames(Map<String, JsonNode> byService) {
        Map<String, Set<JsonNode>> shapes = new HashMap<>();
        byService.values().forEach(d -> d.path("components").path("schemas").fields().forEachRemaining(
                s -> shapes.computeIfAbsent(s.getKey(), k -> new HashSet<>()).add(s.getValue())));
        Map<String, Map<String, String>> renames = new HashMap<>();
        byService.forEach((service, d) -> {
            Map<String, String> mine = new HashMap<>();
            d.path("components").path("schemas").fieldNames().forEachRemaining(name -> {
                if (shapes.get(name).size() > 1) {
                    mine.put(name, prefix(service) + name);
                }
            });
            renames.put(service, mine);
        });
        return renames;
    }

    /** {@code insured-verification-service} → {@code InsuredVerification}. */
    public static String prefix(String service) {
        StringBuilder prefix = new StringBuilder();
        for (String word : service.replace("-service", "").split("-")) {
            prefix.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
        }
        return prefix.toString();
    }

    private static JsonNode renamed(JsonNode document, Map<String, String> renames) {
        if (renames.isEmpty()) {
            return document;
        }
        rewriteReferences(document, renames);
        ObjectNode schemas = (ObjectNode) document.path("components").path("schemas");
        Map<String, JsonNode> kept = new LinkedHashMap<>();
        schemas.fields().forEachRemaining(s -> kept.put(renames.getOrDefault(s.getKey(), s.getKey()), s.getValue()));
        schemas.removeAll();
        kept.forEach(schemas::set);
        return document;
    }

    private static void rewriteReferences(JsonNode node, Map<String, String> renames) {
        if (node instanceof ObjectNode object) {
            String name = schemaReferred(object);
            if (name != null) {
                object.put("$ref", SCHEMAS + renames.getOrDefault(name, name));
            }
            object.forEach(child -> rewriteReferences(child, renames));
        } else if (node instanceof ArrayNode array) {
            array.forEach(child -> rewriteReferences(child, renames));
        }
    }

    /** The schema names a part of a document refers to. */
    public static Set<String> references(JsonNode node) {
        Set<String> names = new TreeSet<>();
        Deque<JsonNode> open = new ArrayDeque<>(List.of(node));
        while (!open.isEmpty()) {
            JsonNode n = open.pop();
            String name = schemaReferred(n);
            if (name != null) {
                names.add(name);
            }
            n.forEach(open::add);
        }
        return names;
    }

    /** The schema a {@code $ref} of this node names, or null. */
    private static String schemaReferred(JsonNode node) {
        JsonNode ref = node.get("$ref");
        return ref != null && ref.isTextual() && ref.asText().startsWith(SCHEMAS)
                ? ref.asText().substring(SCHEMAS.length()) : null;
    }

    private static ObjectNode sorted(ObjectNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        ObjectNode sorted = JSON.createObjectNode();
        names.forEach(name -> sorted.set(name, node.get(name)));
        return sorted;
    }
}
