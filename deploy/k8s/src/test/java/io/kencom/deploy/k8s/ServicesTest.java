package io.kencom.deploy.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kencom.local.ContainerImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The five services' Deployments as ops expect them, and as each service's code needs them configured. */
class ServicesTest {

    /** Each service's Deployment in each overlay. */
    static Stream<Arguments> deployments() {
        return Stream.of("dev", "prod").flatMap(o -> Stream.of(Repo.SERVICES).map(s -> Arguments.of(o, s)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("deployments")
    void each_service_runs_unprivileged_read_only_with_probes_on_smallrye_health_and_measured_resources(String overlay,
            String service) {
        Rendered rendered = Rendered.of(overlay);
        JsonNode pod = rendered.get("Deployment", service).at("/spec/template/spec");
        JsonNode container = pod.at("/containers/0");

        assertThat(pod.at("/containers")).as(service).hasSize(1);
        assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).as(service).isTrue();
        assertThat(pod.at("/securityContext/seccompProfile/type").asText()).isEqualTo("RuntimeDefault");
        assertThat(pod.at("/automountServiceAccountToken").asBoolean(true)).isFalse();
        assertThat(container.at("/securityContext/allowPrivilegeEscalation").asBoolean(true)).isFalse();
        assertThat(container.at("/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();
        assertThat(container.at("/securityContext/capabilities/drop/0").asText()).isEqualTo("ALL");
        assertThat(container.at("/startupProbe/httpGet/path").asText()).isEqualTo("/q/health/started");
        assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/q/health/ready");
        assertThat(container.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/q/health/live");
        for (String resource : new String[] {"cpu", "memory"}) {
            assertThat(container.at("/resources/requests/" + resource).asText()).as(service).isNotEmpty();
            assertThat(container.at("/resources/limits/" + resource).asText()).as(service).isNotEmpty();
        }
        assertThat(rendered.get("Deployment", service).at("/spec/strategy/rollingUpdate/maxUnavailable").asInt())
                .as("a rollout never drops below the wanted replicas").isZero();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("deployments")
    void each_service_has_a_service_an_autoscaler_and_a_disruption_budget_for_its_pods(String overlay,
            String service) {
        Rendered rendered = Rendered.of(overlay);
        JsonNode labels = rendered.get("Deployment", service).at("/spec/template/metadata/labels");
        JsonNode hpa = rendered.get("HorizontalPodAutoscaler", service).get("spec");
        JsonNode pdb = rendered.get("PodDisruptionBudget", service).get("spec");
        JsonNode svc = rendered.get("Service", service).get("spec");

        assertThat(hpa.at("/scaleTargetRef/name").asText()).isEqualTo(service);
        assertThat(hpa.at("/minReplicas").asInt()).isPositive().isLessThanOrEqualTo(hpa.at("/maxReplicas").asInt());
        assertThat(hpa.at("/maxReplicas").asInt()).as("no more consumers than partitions").isLessThanOrEqualTo(6);
        assertThat(pdb.at("/selector/matchLabels").isEmpty()).isFalse();
        assertThat(Labels.selects(pdb.at("/selector/matchLabels"), labels)).as(service + " PDB").isTrue();
        assertThat(svc.at("/selector").isEmpty()).isFalse();
        assertThat(Labels.selects(svc.at("/selector"), labels)).as(service + " Service").isTrue();
        if (overlay.equals("prod")) {
            assertThat(hpa.at("/minReplicas").asInt()).isGreaterThanOrEqualTo(3);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everything_the_code_only_has_for_a_developer_s_machine_is_set_from_a_config_map_or_a_secret(String overlay) {
        Rendered rendered = Rendered.of(overlay);
        for (String service : Repo.SERVICES) {
            Set<String> set = rendered.environment(service);
            ServiceConfig.of(service).requiredInProduction().forEach((property, names) ->
                    assertThat(names).as(service + " must set " + property + " (one of " + names + ")")
                            .containsAnyOf(set.toArray(String[]::new)));
        }
        assertThat(ServiceConfig.of("account-service").requiredInProduction())
                .containsKeys("kencom.secret-key", "quarkus.datasource.reactive.url", "kafka.bootstrap.servers",
                        "quarkus.oidc.auth-server-url", "quarkus.keycloak.admin-client.client-secret");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void every_secret_value_comes_from_a_secret_and_kafka_is_reached_with_tls_and_the_service_s_own_principal(String overlay) {
        Rendered rendered = Rendered.of(overlay);
        for (String service : Repo.SERVICES) {
            JsonNode env = rendered.get("Deployment", service).at("/spec/template/spec/containers/0/env");
            for (JsonNode var : env) {
                String name = var.get("name").asText();
                if (name.matches(".*(PASSWORD|SECRET|KEY|JAAS).*")) {
                    assertThat(var.has("value")).as(service + " " + name + " must come from a Secret").isFalse();
                    assertThat(var.at("/valueFrom/secretKeyRef/name").asText()).as(service + " " + name).isNotEmpty();
                }
            }
            assertThat(env).anySatisfy(var -> {
                assertThat(var.get("name").asText()).isEqualTo("KAFKA_SASL_JAAS_CONFIG");
                assertThat(var.at("/valueFrom/secretKeyRef/name").asText()).isEqualTo(service);
            });
            assertThat(rendered.environment(service)).contains("KAFKA_SECURITY_PROTOCOL");
            assertThat(rendered.get("Deployment", service).at("/spec/template/spec/containers/0/envFrom"))
                    .as("secrets one by one, never whole").noneMatch(from -> from.has("secretRef"));
        }
        JsonNode common = rendered.get("ConfigMap", "kencom-common").get("data");
        assertThat(common.get("KAFKA_SECURITY_PROTOCOL").asText()).isEqualTo("SASL_SSL");
        rendered.kind("ConfigMap").forEach(map -> map.path("data").fields().forEachRemaining(e ->
                assertThat(e.getKey()).as("a secret in a ConfigMap").doesNotContain("PASSWORD", "SECRET_KEY", "JAAS")));
    }

    @Test
    void a_service_s_container_is_read_as_the_overlay_runs_it() {
        ServiceContainer ekyc = ServiceContainer.of(Rendered.of("dev").objects, "ekyc-service");

        assertThat(ekyc.user()).isEqualTo("10001:10001");
        assertThat(ekyc.readOnlyRoot()).isTrue();
        assertThat(ekyc.emptyDirs()).containsOnlyKeys("/tmp");
        assertThat(ekyc.memoryLimitBytes()).isEqualTo(ServiceContainer.bytes(Rendered.of("dev")
                .get("Deployment", "ekyc-service").at("/spec/template/spec/containers/0/resources/limits/memory")
                .asText())).isGreaterThan(256L << 20);
        assertThat(ekyc.environment().get("KENCOM_SECRET_KEY"))
                .isEqualTo(new ServiceContainer.Variable("KENCOM_SECRET_KEY", null, "kencom-ekyc-service-keys/secret-key"));
        assertThat(ekyc.environment().get("QUARKUS_HTTP_PORT").value()).as("from kencom-common").isEqualTo("8080");
        assertThat(ServiceContainer.bytes("1536Mi")).isEqualTo(1536L * 1024 * 1024);
        assertThat(ServiceContainer.bytes("1Gi")).isEqualTo(1L << 30);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void every_image_a_deployment_names_has_its_build_file(String overlay) throws IOException {
        Rendered rendered = Rendered.of(overlay);
        for (String service : Repo.SERVICES) {
            String image = rendered.get("Deployment", service).at("/spec/template/spec/containers/0/image").asText();
            String repository = image.substring(0, image.lastIndexOf(':'));

            assertThat(repository).endsWith("kencom/" + service);
            Path dockerfile = Repo.path(service + "/src/main/docker/Dockerfile");
            assertThat(dockerfile).exists();
            String build = Files.readString(dockerfile);
            assertThat(build).startsWith("# ").contains("ARG BASE=kencom/jvm", "FROM ${BASE}", "target/quarkus-app",
                    "USER 10001:10001", "-XX:MaxRAMPercentage=");
        }
        assertThat(Repo.path("deploy/docker/jvm.Dockerfile")).exists();
        // ekyc-service reads documents with Tesseract: its base has it, whichever way it is built
        assertThat(Files.readString(Repo.path("deploy/docker/jvm-ocr.Dockerfile"))).contains("tesseract-ocr-jpn");
        assertThat(ContainerImages.OCR_PACKAGES).contains("libtesseract5", "tesseract-ocr-jpn");
    }
}
