package io.kencom.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kencom.local.ApiDocuments;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** The five services' OpenAPI documents, as each service's build wrote them (target/openapi/openapi.json). */
final class Documents {

    static final List<String> SERVICES = ApiDocuments.SERVICES;

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    /** One documented answer: its problem codes ({@code -} where the body is not a problem) and its headers. */
    record Answer(Set<String> codes, Set<String> headers) {
    }

    /** One operation and every status it documents. */
    record Operation(String service, String method, String path, String id, Pattern matcher,
            Map<String, Answer> answers) {

        String name() {
            return id + " (" + method + " " + path + ")";
        }
    }

    private Documents() {
    }

    static List<Operation> operations() {
        List<Operation> operations = new ArrayList<>();
        for (String service : SERVICES) {
            JsonNode document = read(Repo.path(service + "/target/openapi/openapi.json"));
            document.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
                if (METHODS.contains(op.getKey())) {
                    operations.add(new Operation(service, op.getKey().toUpperCase(), path.getKey(),
                            op.getValue().path("operationId").asText(), template(path.getKey()),
                            answers(op.getValue().path("responses"))));
                }
            }));
        }
        return operations;
    }

    static Optional<Operation> find(List<Operation> operations, String method, String path) {
        return operations.stream().filter(o -> o.method().equals(method) && o.matcher().matcher(path).matches())
                .findFirst();
    }

    private static Map<String, Answer> answers(JsonNode responses) {
        Map<String, Answer> answers = new TreeMap<>();
        responses.fields().forEachRemaining(r -> {
            Set<String> codes = new TreeSet<>();
            JsonNode problem = r.getValue().path("content").path("application/problem+json").path("schema");
            problem.path("properties").path("code").path("enum").forEach(c -> codes.add(c.asText()));
            if (problem.isMissingNode()) {
                codes.add("-");
            }
            Set<String> headers = new TreeSet<>();
            r.getValue().path("headers").fieldNames().forEachRemaining(headers::add);
            answers.put(r.getKey(), new Answer(codes, headers));
        });
        return answers;
    }

    /** {@code /v1/signups/{id}/code} as a pattern: a template's variable is one path segment. */
    private static Pattern template(String path) {
        StringBuilder regex = new StringBuilder();
        for (Iterator<String> parts = List.of(path.split("\\{[^}]+}", -1)).iterator(); parts.hasNext();) {
            regex.append(Pattern.quote(parts.next()));
            if (parts.hasNext()) {
                regex.append("[^/]+");
            }
        }
        return Pattern.compile(regex.toString());
    }

    static JsonNode read(Path file) {
        try {
            return new ObjectMapper().readTree(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("built by " + file.getName(0) + "'s module? " + file, e);
        }
    }
}
