package io.kencom.deploy.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * A kustomization rendered as an ops team renders it ({@code kubectl kustomize}, or a standalone {@code kustomize
 * build}), kept in target/rendered/ and parsed into its objects.
 */
final class Rendered {

    private static final Map<String, Rendered> CACHE = new ConcurrentHashMap<>();

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
    Set<String> environment(String deployment) {
        return ServiceContainer.of(objects, deployment).environment().keySet();
    }

    static List<JsonNode> parse(String yaml) {
        return Kustomize.parse(yaml);
    }

    private static Rendered render(String name) {
        Path dir = Repo.path(name.equals("cluster") ? "deploy/k8s/cluster" : "deploy/k8s/overlays/" + name);
        String yaml = Kustomize.build(dir);
        Path file = Repo.target("rendered/" + name + ".yaml");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, yaml, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Rendered(name, file, parse(yaml));
    }

    static String run(List<String> command) {
        return Kustomize.run(command);
    }
}
