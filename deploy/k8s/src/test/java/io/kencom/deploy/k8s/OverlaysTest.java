package io.kencom.deploy.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kencom.local.ContainerImages;
import io.kencom.local.ServiceApp;
import org.junit.jupiter.api.Test;

/** What differs between the overlays, and what production must have that development may do without. */
class OverlaysTest {

    private final Rendered prod = Rendered.of("prod");
    private final Rendered dev = Rendered.of("dev");

    @Test
    void every_database_has_three_instances_and_nightly_backups_in_prod_and_one_instance_in_dev() {
        assertThat(prod.kind("Cluster")).hasSize(Repo.SERVICES.length + 1).allSatisfy(cluster -> {
            String name = cluster.at("/metadata/name").asText();
            assertThat(cluster.at("/spec/instances").asInt()).as(name).isEqualTo(3);
            assertThat(cluster.at("/spec/backup/barmanObjectStore/destinationPath").asText()).endsWith("/" + name);
            assertThat(prod.kind("ScheduledBackup").filter(b -> b.at("/spec/cluster/name").asText().equals(name)))
                    .as(name).hasSize(1);
        });
        assertThat(dev.kind("Cluster")).allSatisfy(c -> assertThat(c.at("/spec/instances").asInt()).isEqualTo(1));
        assertThat(dev.kind("ScheduledBackup")).isEmpty();
    }

    @Test
    void dev_deploys_the_images_the_build_makes() {
        for (ServiceApp service : ServiceApp.values()) {
            JsonNode deployment = dev.get("Deployment", service.module());
            // podman names an image without a registry localhost/…; Kubernetes reads kencom/… as the same local name
            assertThat(deployment.at("/spec/template/spec/containers/0/image").asText()).as(service.module())
                    .isEqualTo(ContainerImages.image(service).replaceFirst("^localhost/", ""));
        }
    }

    @Test
    void prod_s_realm_has_no_password_grant_and_no_loopback_redirect_dev_s_keeps_both_for_tests() {
        JsonNode prodRealm = prod.get("KeycloakRealmImport", "kencom-realm").at("/spec/realm");
        JsonNode devRealm = dev.get("KeycloakRealmImport", "kencom-realm").at("/spec/realm");

        assertThat(prodRealm.get("clients")).noneMatch(c -> c.path("directAccessGrantsEnabled").asBoolean());
        assertThat(client(prodRealm, "kencom-app").get("redirectUris").toString()).doesNotContain("127.0.0.1");
        assertThat(client(devRealm, "kencom-bff").get("directAccessGrantsEnabled").asBoolean()).isTrue();
    }

    @Test
    void every_cluster_s_realm_hashes_passwords_with_argon2_though_the_local_realm_hashes_them_cheaply() {
        for (Rendered rendered : new Rendered[] {prod, dev}) {
            String policy = rendered.get("KeycloakRealmImport", "kencom-realm").at("/spec/realm/passwordPolicy").asText();
            assertThat(policy).contains("hashAlgorithm(argon2)").doesNotContain("pbkdf2").doesNotContain("hashIterations")
                    .contains("length(8)", "maxLength(20)", "notUsername", "notEmail");
        }
        assertThat(GeneratedManifests.productionPasswordPolicy("length(8) and hashAlgorithm(pbkdf2-sha256) and hashIterations(1)"))
                .isEqualTo("length(8) and hashAlgorithm(argon2)");
    }

    @Test
    void the_services_and_keycloak_are_sized_up_in_prod_and_down_in_dev() {
        for (String service : Repo.SERVICES) {
            assertThat(prod.get("Deployment", service).at("/spec/replicas").asInt()).isEqualTo(3);
            assertThat(dev.get("Deployment", service).at("/spec/replicas").asInt()).isEqualTo(1);
        }
        assertThat(prod.get("Keycloak", "kencom-keycloak").at("/spec/instances").asInt()).isEqualTo(2);
        assertThat(dev.get("Keycloak", "kencom-keycloak").at("/spec/instances").asInt()).isEqualTo(1);
        assertThat(prod.get("Deployment", "account-service").at("/spec/template/spec/containers/0/image").asText())
                .isEqualTo("registry.kencom.example.jp/kencom/account-service:1.0.0");
    }

    @Test
    void everything_is_in_the_kencom_namespace_but_what_is_cluster_wide() {
        for (Rendered rendered : new Rendered[] {prod, dev}) {
            assertThat(rendered.objects).filteredOn(o -> !o.get("kind").asText().equals("Namespace"))
                    .filteredOn(o -> !o.at("/metadata/namespace").asText().equals("kencom"))
                    .extracting(o -> o.get("kind").asText() + " " + o.at("/metadata/name").asText()).isEmpty();
        }
        assertThat(Rendered.of("cluster").objects).allSatisfy(o -> assertThat(o.at("/metadata/namespace").isMissingNode()).isTrue());
    }

    private static JsonNode client(JsonNode realm, String clientId) {
        for (JsonNode c : realm.get("clients")) {
            if (c.get("clientId").asText().equals(clientId)) {
                return c;
            }
        }
        throw new AssertionError("no client " + clientId);
    }
}
