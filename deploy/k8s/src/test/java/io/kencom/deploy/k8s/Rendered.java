package io.kencom.deploy.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A kustomization rendered as an ops team renders it ({@code kubectl kustomize}, or a standalone {@code kustomize
 * build}), kept in target/rendered/ and parsed into its objects.
 */
final class Rendered {

    private static final Map<String, Rendered> CACHE = new ConcurrentHashMap<>();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    final String name;
    final Path file;
    final List<JsonNode> objects;

    private Rendered(String name, Path file, List<JsonNode> objects) {
        this.name = name;
        this.file = file;
        this.objects = objects;
    }

    /** {@code dev}, {@code prod} (overlays) or {@code cluster} (the cluster-wide objects). */
    static Rendered of(String name) {
        return CACHE.computeIfAbsent(name, Rendered::render);
    }

    static List<String> all() {
        return List.of("dev", "prod", "cluster");
    }

    Stream<JsonNode> kind(String kind) {
        return objects.stream().filter(o -> o.path("kind").asText().equals(kind));
    }

    JsonNode get(String kind, String name) {
        return kind(kind).filter(o -> o.path("metadata").path("name").asText().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(this.name + " has no " + kind + " " + name));
    }

    /** Every variable a Deployment's container gets: its env, and the keys of the ConfigMaps it takes whole. */
    java.util.Set<String> environment(String deployment) {
        JsonNode container = get("Deployment", deployment).at("/spec/template/spec/containers/0");
        java.util.Set<String> names = new java.util.TreeSet<>();
        container.path("env").forEach(var -> names.add(var.get("name").asText()));
        container.path("envFrom").forEach(from -> {
            if (from.has("configMapRef")) {
                get("ConfigMap", from.at("/configMapRef/name").asText()).path("data").fieldNames()
                        .forEachRemaining(names::add);
            }
        });
        return names;
    }

    static List<JsonNode> parse(String yaml) {
        try {
            return YAML.readValues(YAML.createParser(yaml), JsonNode.class).readAll().stream()
                    .filter(n -> n != null && !n.isNull() && !n.isMissingNode()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Rendered render(String name) {
        Path dir = Repo.path(name.equals("cluster") ? "deploy/k8s/cluster" : "deploy/k8s/overlays/" + name);
        String yaml = run(kustomize(dir));
        Path file = Repo.target("rendered/" + name + ".yaml");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, yaml, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Rendered(name, file, parse(yaml));
    }

    /** kubectl's built-in Kustomize where kubectl is installed (it is on this project's machines), else kustomize. */
    private static List<String> kustomize(Path dir) {
        if (onPath("kubectl")) {
            return List.of("kubectl", "kustomize", dir.toString());
        }
        if (onPath("kustomize")) {
            return List.of("kustomize", "build", dir.toString());
        }
        throw new IllegalStateException("neither kubectl nor kustomize is on the PATH (docs/deploy.md)");
    }

    private static boolean onPath(String command) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
    }

    static String run(List<String> command) {
        try {
            Path err = Files.createTempFile("k8s-test", ".err");
            Process process = new ProcessBuilder(command).redirectError(err.toFile()).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new AssertionError(String.join(" ", command) + " failed: " + Files.readString(err));
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
