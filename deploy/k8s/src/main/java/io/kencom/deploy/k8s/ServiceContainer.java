package io.kencom.deploy.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A service's container as a rendered overlay runs it: its environment ({@code env} and the ConfigMaps it takes whole
 * by {@code envFrom}, each variable with its literal value or the Secret it is read from), user, memory limit and the
 * emptyDir volumes it writes to. The manifests' tests check the environment's names against the service's settings
 * (ConfigNamesTest); the container test (e2e-tests' ContainersTest) starts the images the way this says.
 */
public record ServiceContainer(Map<String, ServiceContainer.Variable> environment, String user,
        boolean readOnlyRoot, long memoryLimitBytes, Map<String, String> emptyDirs) {

    /** A variable: {@code value} when the manifest writes it, {@code secret} ("name/key") when a Secret holds it. */
    public record Variable(String name, String value, String secret) {

        public boolean fromSecret() {
            return secret != null;
        }
    }

    /** {@code overlay} is {@code dev} or {@code prod} (deploy/k8s/overlays), rendered as ops render it. */
    public static ServiceContainer of(Path root, String overlay, String deployment) {
        return of(Kustomize.parse(Kustomize.build(root.resolve("deploy/k8s/overlays/" + overlay))), deployment);
    }

    public static ServiceContainer of(List<JsonNode> objects, String deployment) {
        JsonNode pod = find(objects, "Deployment", deployment).at("/spec/template/spec");
        JsonNode container = pod.at("/containers/0");
        Map<String, String> emptyDirs = new TreeMap<>();
        container.path("volumeMounts").forEach(mount -> pod.path("volumes").forEach(volume -> {
            if (volume.path("name").equals(mount.path("name")) && volume.has("emptyDir")) {
                emptyDirs.put(mount.path("mountPath").asText(), volume.at("/emptyDir/sizeLimit").asText());
            }
        }));
        return new ServiceContainer(environment(objects, container),
                pod.at("/securityContext/runAsUser").asText() + ":" + pod.at("/securityContext/runAsGroup").asText(),
                container.at("/securityContext/readOnlyRootFilesystem").asBoolean(),
                bytes(container.at("/resources/limits/memory").asText()), emptyDirs);
    }

    /** A Kubernetes quantity of memory (binary suffixes, as the manifests write them) in bytes. */
    static long bytes(String quantity) {
        for (String suffix : List.of("Ki", "Mi", "Gi")) {
            if (quantity.endsWith(suffix)) {
                return Long.parseLong(quantity.substring(0, quantity.length() - 2))
                        << (10 * (List.of("Ki", "Mi", "Gi").indexOf(suffix) + 1));
            }
        }
        return Long.parseLong(quantity);
    }

    private static Map<String, Variable> environment(List<JsonNode> objects, JsonNode container) {
        Map<String, Variable> variables = new TreeMap<>();
        container.path("envFrom").forEach(from -> {
            if (from.has("configMapRef")) {
                find(objects, "ConfigMap", from.at("/configMapRef/name").asText()).path("data").fields()
                        .forEachRemaining(e -> variables.put(e.getKey(),
                                new Variable(e.getKey(), e.getValue().asText(), null)));
            }
        });
        // env wins over envFrom, as in Kubernetes
        container.path("env").forEach(v -> {
            String name = v.get("name").asText();
            JsonNode secret = v.at("/valueFrom/secretKeyRef");
            variables.put(name, secret.isMissingNode()
                    ? new Variable(name, v.path("value").asText(), null)
                    : new Variable(name, null, secret.path("name").asText() + "/" + secret.path("key").asText()));
        });
        return variables;
    }

    private static JsonNode find(List<JsonNode> objects, String kind, String name) {
        return objects.stream().filter(o -> o.path("kind").asText().equals(kind)
                        && o.path("metadata").path("name").asText().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no " + kind + " " + name + " in the rendering"));
    }
}
