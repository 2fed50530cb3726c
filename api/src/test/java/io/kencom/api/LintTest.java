package io.kencom.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kencom.local.ApiDocuments;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Redocly's recommended rules (lint/redocly.yaml, which says why any rule is turned down) over the five documents and
 * the two merged from them: no error and no warning, each problem listed with where it is.
 */
class LintTest {

    @Test
    void every_document_passes_redocly_s_recommended_rules() throws Exception {
        Path lint = Repo.path("api/target/lint");
        List<String> command = new ArrayList<>(List.of("node",
                lint.resolve("node_modules/@redocly/cli/bin/cli.js").toString(), "lint", "--format=json",
                "--config=" + lint.resolve("redocly.yaml")));
        Documents.SERVICES.forEach(s -> command.add(Repo.path(s + "/target/openapi/openapi.json").toString()));
        for (ApiDocuments.Audience merged : ApiDocuments.Audience.values()) {
            command.add(Repo.path("api/target/openapi/" + merged.file).toString());
        }
        Process redocly = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD)
                .directory(lint.toFile()).start();
        String out = new String(redocly.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(redocly.waitFor(2, TimeUnit.MINUTES)).as("redocly finished").isTrue();

        JsonNode report = new ObjectMapper().readTree(out.substring(out.indexOf('{')));
        List<String> problems = new ArrayList<>();
        report.path("problems").forEach(p -> problems.add(p.path("severity").asText() + " " + p.path("ruleId").asText()
                + " at " + new File(p.path("location").path(0).path("source").path("ref").asText()).getPath()
                + p.path("location").path(0).path("pointer").asText() + ": " + p.path("message").asText()));
        assertThat(report.path("totals").isObject()).as("redocly's report: %s", out).isTrue();
        assertThat(problems).isEmpty();
    }
}
