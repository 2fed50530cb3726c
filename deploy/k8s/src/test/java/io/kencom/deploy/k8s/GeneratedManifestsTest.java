package io.kencom.deploy.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The committed manifests that another file is the source of are what that file makes today. On drift the test
 * writes what they should be to deploy/k8s/target/generated/ and says which file to copy where.
 */
class GeneratedManifestsTest {

    @Test
    void the_kafka_topics_are_the_contracts_topics() throws IOException {
        assertGenerated(GeneratedManifests.TOPICS, GeneratedManifests.topics());
    }

    @Test
    void the_realm_import_is_the_local_realm_with_its_client_secrets_taken_from_a_secret() throws IOException {
        String realmImport = GeneratedManifests.realmImport(Repo.path(GeneratedManifests.REALM_JSON));

        assertGenerated(GeneratedManifests.REALM_IMPORT, realmImport);
        JsonNode spec = Rendered.parse(realmImport).get(0).get("spec");
        assertThat(Files.readString(Repo.path(GeneratedManifests.REALM_JSON))).contains("kencom-services-local-secret");
        assertThat(realmImport).doesNotContain("local-secret");
        assertThat(spec.at("/realm/clients")).filteredOn(c -> c.has("secret"))
                .extracting(c -> c.get("clientId").asText() + "=" + c.get("secret").asText())
                .containsExactlyInAnyOrder("kencom-bff=${KENCOM_BFF_SECRET}", "kencom-services=${KENCOM_SERVICES_SECRET}");
        assertThat(spec.at("/placeholders/KENCOM_SERVICES_SECRET/secret/key").asText()).isEqualTo("services-secret");
    }

    @Test
    void the_local_brokers_acls_are_the_dev_overlays_kafka_users() throws IOException {
        String acls = GeneratedManifests.localKafkaAcls(Repo.root());

        assertGenerated(GeneratedManifests.LOCAL_KAFKA_ACLS, acls);
        assertThat(acls).contains("account-service topic literal kencom.account.events Write\n",
                "account-service group prefixed account-service Read\n",
                "insured-verification-service topic prefixed kencom.insurer.roster. Read\n",
                "insurer-feed-06123459 topic literal kencom.insurer.roster.06123459 Write\n");
    }

    @Test
    void the_local_gateway_routes_what_production_s_gateways_route() throws IOException {
        String config = LocalGateway.config(Repo.root());

        assertGenerated(LocalGateway.CONFIG, config);
        assertThat(config).contains("location = /v1/members/me { # account-members",
                "location ~ ^(?:/v1/insurers/[^/]+/card-format)$ { # verification-card-formats",
                "if ($request_method != GET) { return 404; }", "limit_req zone=signups burst=1200 nodelay;",
                "client_max_body_size 12m;", "proxy_request_buffering off;", "proxy_read_timeout 600s;");
    }

    private static void assertGenerated(String committed, String expected) throws IOException {
        String actual = Files.readString(Repo.path(committed), StandardCharsets.UTF_8);
        if (!actual.equals(expected)) {
            Path fresh = Repo.target("generated/" + Path.of(committed).getFileName());
            Files.createDirectories(fresh.getParent());
            Files.writeString(fresh, expected, StandardCharsets.UTF_8);
            fail(committed + " has drifted from its source: cp " + Repo.root().relativize(fresh) + " " + committed);
        }
    }
}
