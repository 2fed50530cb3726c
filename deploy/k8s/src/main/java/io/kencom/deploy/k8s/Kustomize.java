package io.kencom.deploy.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** A kustomization rendered as an ops team renders it, and the objects it holds. */
public final class Kustomize {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private Kustomize() {
    }

    public static List<JsonNode> parse(String yaml) {
        try {
            return YAML.readValues(YAML.createParser(yaml), JsonNode.class).readAll().stream()
                    .filter(n -> n != null && !n.isNull() && !n.isMissingNode()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A kustomization built by kubectl's own Kustomize where kubectl is installed (it is here), else kustomize. */
    public static String build(Path dir) {
        if (onPath("kubectl")) {
            return run(List.of("kubectl", "kustomize", dir.toString()));
        }
        if (onPath("kustomize")) {
            return run(List.of("kustomize", "build", dir.toString()));
        }
        throw new IllegalStateException("neither kubectl nor kustomize is on the PATH (docs/deploy.md)");
    }

    private static boolean onPath(String command) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
    }

    /** Runs a command and returns what it wrote; a failure carries what it wrote to stderr. */
    public static String run(List<String> command) {
        try {
            Path err = Files.createTempFile("kencom-k8s", ".err");
            Process process = new ProcessBuilder(new ArrayList<>(command)).redirectError(err.toFile()).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + Files.readString(err));
            }
            Files.deleteIfExists(err);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
