package io.kencom.deploy.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** deploy/k8s/validation/validate.mjs, as the build installed it in target/validation (with its schemas). */
final class SchemaValidator {

    record Result(String object, String apiVersion, String status, List<String> errors) {
    }

    private SchemaValidator() {
    }

    static List<Result> validate(Path rendered) {
        Path script = Repo.target("validation/validate.mjs");
        if (!Files.isDirectory(Repo.target("validation/node_modules"))) {
            throw new IllegalStateException("the schemas are not installed: the build's npm ci (pom.xml) did not run");
        }
        String json = Rendered.run(List.of("node", script.toString(), rendered.toString()));
        try {
            List<Result> results = new ArrayList<>();
            for (JsonNode r : new ObjectMapper().readTree(json)) {
                List<String> errors = new ArrayList<>();
                r.path("errors").forEach(e -> errors.add(e.asText()));
                results.add(new Result(r.get("id").asText(), r.get("apiVersion").asText(), r.get("status").asText(),
                        errors));
            }
            return results;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
