package io.kencom.testsupport.campaign;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The operations a service's own OpenAPI document declares, with the schemas of their parameters and bodies. */
public final class OpenApi {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");

    public record Param(String name, String in, boolean required, JsonNode schema) {
    }

    /** A request body: the media types the operation consumes and the schema of the first. */
    public record Body(List<String> mediaTypes, JsonNode schema, boolean required) {

        public boolean isJson() {
            return mediaTypes.stream().anyMatch(t -> t.contains("json"));
        }
    }

    public record Operation(String method, String path, List<Param> params, Body body) {

        public String id() {
            return method + " " + path;
        }

        public List<Param> params(String in) {
            return params.stream().filter(p -> p.in().equals(in)).toList();
        }
    }

    private final JsonNode components;
    private final List<Operation> operations = new ArrayList<>();

    private OpenApi(JsonNode doc) {
        components = doc.path("components").path("schemas");
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext();) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (METHODS.contains(op.getKey())) {
                    operations.add(operation(op.getKey().toUpperCase(), path.getKey(), path.getValue(), op.getValue()));
                }
            }
        }
    }

    public static OpenApi parse(String json) {
        try {
            return new OpenApi(JSON.readTree(json));
        } catch (IOException e) {
            throw new IllegalArgumentException("not an OpenAPI document", e);
        }
    }

    public List<Operation> operations() {
        return operations;
    }

    /** The schema itself, or the component it refers to. */
    public JsonNode resolve(JsonNode schema) {
        JsonNode s = schema;
        for (int hops = 0; s != null && s.has("$ref") && hops < 10; hops++) {
            String ref = s.get("$ref").asText();
            s = components.get(ref.substring(ref.lastIndexOf('/') + 1));
        }
        return s == null ? JSON.createObjectNode() : s;
    }

    private Operation operation(String method, String path, JsonNode pathItem, JsonNode op) {
        List<Param> params = new ArrayList<>();
        for (JsonNode p : iterable(pathItem.path("parameters"), op.path("parameters"))) {
            params.add(new Param(p.path("name").asText(), p.path("in").asText(), p.path("required").asBoolean(),
                    resolve(p.path("schema"))));
        }
        Body body = null;
        JsonNode content = op.path("requestBody").path("content");
        if (content.size() > 0) {
            List<String> types = new ArrayList<>();
            content.fieldNames().forEachRemaining(types::add);
            body = new Body(types, resolve(content.get(types.get(0)).path("schema")),
                    op.path("requestBody").path("required").asBoolean());
        }
        return new Operation(method, path, params, body);
    }

    private static List<JsonNode> iterable(JsonNode... arrays) {
        List<JsonNode> all = new ArrayList<>();
        for (JsonNode array : arrays) {
            array.forEach(all::add);
        }
        return all;
    }
}
