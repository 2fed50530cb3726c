package io.kencom.deploy.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.kencom.contracts.Topic;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The manifests that have another file as their source of truth, written from it: the KafkaTopics from
 * {@link Topic}, the KeycloakRealmImport from {@code deploy/keycloak/kencom-realm.json}. Both files are committed
 * (an ops team applies the overlays straight from the repository); {@code GeneratedManifestsTest} fails when they
 * drift from their source and writes what they should be into deploy/k8s/target/generated/.
 */
public final class GeneratedManifests {

    public static final String TOPICS = "deploy/k8s/base/kafka/topics.yaml";
    public static final String REALM_IMPORT = "deploy/k8s/base/keycloak/realm-import.yaml";
    public static final String REALM_JSON = "deploy/keycloak/kencom-realm.json";
    public static final String KAFKA_USERS = "deploy/k8s/base/kafka/users.yaml";
    public static final String DEV_INSURER_FEEDS = "deploy/k8s/overlays/dev/insurer-feeds.yaml";
    /** Not a manifest: the local broker's principals and ACLs, which the launcher reads (KafkaAcls). */
    public static final String LOCAL_KAFKA_ACLS = "deploy/local/kafka-acls.txt";

    /** Production's durability (docs/topics.md); the dev overlay lowers both for its single broker. */
    static final int REPLICAS = 3;
    static final int MIN_IN_SYNC_REPLICAS = 2;

    private static final YAMLMapper YAML = YAMLMapper.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .build();

    private GeneratedManifests() {
    }

    /**
     * One KafkaTopic per {@link Topic}, with its partitions, retention or compaction, and three replicas; but a topic
     * per insurer, whose topics sit beside each insurer's principal in the overlay's insurer-feeds.yaml.
     */
    public static String topics() {
        return header("contracts' Topic") + Arrays.stream(Topic.values()).filter(t -> !t.perInsurer())
                .map(GeneratedManifests::kafkaTopic).collect(Collectors.joining("---\n"));
    }

    private static String kafkaTopic(Topic topic) {
        ObjectNode doc = JsonNodeFactory.instance.objectNode();
        doc.put("apiVersion", "kafka.strimzi.io/v1");
        doc.put("kind", "KafkaTopic");
        ObjectNode metadata = doc.putObject("metadata");
        metadata.put("name", topic.topicName());
        metadata.putObject("labels").put("strimzi.io/cluster", "kencom");
        ObjectNode spec = doc.putObject("spec");
        spec.put("topicName", topic.topicName());
        spec.put("partitions", topic.partitions());
        spec.put("replicas", REPLICAS);
        ObjectNode config = spec.putObject("config");
        topic.config().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> config.put(e.getKey(), e.getValue()));
        config.put("min.insync.replicas", MIN_IN_SYNC_REPLICAS);
        return yaml(doc);
    }

    /**
     * The realm as the Keycloak operator imports it: the same JSON, but each confidential client's secret replaced
     * by a placeholder that the operator fills from the Secret {@code kencom-keycloak-clients} (key
     * {@code <client>-secret}, e.g. {@code services-secret} for kencom-services), so no secret is committed; and
     * passwords hashed with Argon2 ({@link #productionPasswordPolicy}).
     */
    public static String realmImport(Path realmJson) {
        try {
            ObjectNode realm = (ObjectNode) new ObjectMapper().readTree(Files.readString(realmJson));
            realm.put("passwordPolicy", productionPasswordPolicy(realm.path("passwordPolicy").asText()));
            ObjectNode doc = JsonNodeFactory.instance.objectNode();
            doc.put("apiVersion", "k8s.keycloak.org/v2alpha1");
            doc.put("kind", "KeycloakRealmImport");
            doc.putObject("metadata").put("name", "kencom-realm");
            ObjectNode spec = doc.putObject("spec");
            spec.put("keycloakCRName", "kencom-keycloak");
            ObjectNode placeholders = spec.putObject("placeholders");
            for (JsonNode client : realm.withArray("clients")) {
                if (client.has("secret")) {
                    String name = client.get("clientId").asText().replaceFirst("^kencom-", "");
                    String placeholder = "KENCOM_" + name.toUpperCase(Locale.ROOT).replace('-', '_') + "_SECRET";
                    ((ObjectNode) client).put("secret", "${" + placeholder + "}");
                    placeholders.putObject(placeholder).putObject("secret")
                            .put("name", "kencom-keycloak-clients").put("key", name + "-secret");
                }
            }
            spec.set("realm", realm);
            return header(REALM_JSON) + yaml(doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Argon2, as Keycloak hashes outside FIPS mode; named, so that no default can change it unseen. */
    static final String PRODUCTION_HASH = "hashAlgorithm(argon2)";

    /**
     * The local realm's password policy with its hash clauses replaced by {@link #PRODUCTION_HASH}. Locally and in
     * the tests, which create and log in hundreds of members, passwords are hashed by one round of PBKDF2
     * (docs/decisions.md): cheap, and worthless against a stolen database — which is why no cluster gets it.
     */
    static String productionPasswordPolicy(String local) {
        String rules = Arrays.stream(local.split("\\s+and\\s+"))
                .filter(rule -> !rule.startsWith("hashAlgorithm(") && !rule.startsWith("hashIterations("))
                .collect(Collectors.joining(" and "));
        return rules.isEmpty() ? PRODUCTION_HASH : rules + " and " + PRODUCTION_HASH;
    }

    /**
     * The ACLs of the KafkaUsers of the dev overlay (the services' and the dev insurer feed's), one per line as the
     * launcher's KafkaAcls reads them, so the local broker allows each principal what Kubernetes allows it. One
     * difference: a consumer group ACL is a prefix locally, since tests run each service under a group of its own
     * ({@code <service>-test-<uuid>}).
     */
    public static String localKafkaAcls(Path root) {
        StringBuilder out = new StringBuilder("# Generated from " + KAFKA_USERS + " and " + DEV_INSURER_FEEDS
                + " by GeneratedManifests: do not edit; GeneratedManifestsTest renews it.\n"
                + "# <principal> <resource type> <pattern type> <resource name> <operation>\n");
        for (String file : new String[] {KAFKA_USERS, DEV_INSURER_FEEDS}) {
            try (var parser = YAML.getFactory().createParser(root.resolve(file).toFile())) {
                for (JsonNode user : YAML.readValues(parser, JsonNode.class).readAll()) {
                    if (!"KafkaUser".equals(user.path("kind").asText())) {
                        continue;
                    }
                    String principal = user.at("/metadata/name").asText();
                    for (JsonNode acl : user.at("/spec/authorization/acls")) {
                        String type = acl.at("/resource/type").asText();
                        // Strimzi's "prefix" is Kafka's "prefixed"
                        String pattern = type.equals("group") ? "prefixed"
                                : acl.at("/resource/patternType").asText("literal").replace("prefix", "prefixed");
                        for (JsonNode operation : acl.get("operations")) {
                            out.append(String.join(" ", principal, type, pattern, acl.at("/resource/name").asText(),
                                    operation.asText())).append('\n');
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out.toString();
    }

    private static String header(String source) {
        return "# Generated from " + source + " by GeneratedManifests: do not edit; GeneratedManifestsTest renews it.\n";
    }

    private static String yaml(JsonNode doc) {
        try {
            return YAML.writeValueAsString(doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
