package io.kencom.deploy.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kencom.contracts.Topic;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Strimzi's resources against the code: topics as contracts' Topic says, ACLs as each service's config says. */
class KafkaTest {

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void every_topic_of_the_contracts_is_a_kafka_topic_with_its_settings_and_there_is_no_other(String overlay) {
        Rendered rendered = Rendered.of(overlay);
        int replicas = overlay.equals("prod") ? 3 : 1;

        for (Topic topic : Topic.values()) {
            JsonNode spec = rendered.get("KafkaTopic", topic.topicName()).get("spec");
            assertThat(spec.get("topicName").asText()).isEqualTo(topic.topicName());
            assertThat(spec.get("partitions").asInt()).as(topic.topicName()).isEqualTo(topic.partitions());
            assertThat(spec.get("replicas").asInt()).as(topic.topicName()).isEqualTo(replicas);
            topic.config().forEach((key, value) ->
                    assertThat(spec.get("config").get(key).asText()).as(topic.topicName() + " " + key).isEqualTo(value));
            assertThat(spec.get("config").get("min.insync.replicas").asInt()).isEqualTo(replicas == 3 ? 2 : 1);
        }
        assertThat(rendered.kind("KafkaTopic").count()).isEqualTo(Topic.values().length);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void prod_runs_three_brokers_and_three_controllers_dev_one_node_and_no_listener_is_plain(String overlay) {
        Rendered rendered = Rendered.of(overlay);
        JsonNode kafka = rendered.get("Kafka", "kencom").get("spec").get("kafka");

        assertThat(kafka.get("listeners")).isNotEmpty().allSatisfy(l -> {
            assertThat(l.get("tls").asBoolean()).as(l.get("name").asText()).isTrue();
            assertThat(l.at("/authentication/type").asText()).isEqualTo("scram-sha-512");
        });
        assertThat(kafka.at("/authorization/type").asText()).isEqualTo("simple");
        assertThat(kafka.at("/config/auto.create.topics.enable").asBoolean(true)).isFalse();
        if (overlay.equals("prod")) {
            assertThat(rendered.get("KafkaNodePool", "brokers").at("/spec/replicas").asInt()).isEqualTo(3);
            assertThat(rendered.get("KafkaNodePool", "controllers").at("/spec/replicas").asInt()).isEqualTo(3);
            assertThat(kafka.at("/config/min.insync.replicas").asInt()).isEqualTo(2);
            assertThat(kafka.at("/config/default.replication.factor").asInt()).isEqualTo(3);
        } else {
            assertThat(rendered.kind("KafkaNodePool")).singleElement()
                    .satisfies(p -> assertThat(p.at("/spec/replicas").asInt()).isEqualTo(1));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void each_service_may_read_what_it_consumes_write_what_it_produces_and_nothing_else(String overlay) {
        Rendered rendered = Rendered.of(overlay);
        for (String service : Repo.SERVICES) {
            ServiceConfig config = ServiceConfig.of(service);
            Set<String> expected = new TreeSet<>();
            config.consumedTopics().forEach(t -> expected.addAll(Set.of("topic " + t + " Read", "topic " + t + " Describe")));
            config.producedTopics().forEach(t -> expected.addAll(Set.of("topic " + t + " Write", "topic " + t + " Describe")));
            expected.add("group " + config.consumerGroup() + " Read");

            JsonNode user = rendered.get("KafkaUser", service);

            assertThat(user.at("/spec/authentication/type").asText()).isEqualTo("scram-sha-512");
            assertThat(acls(user)).as(service).isEqualTo(expected);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void an_insurer_feed_may_only_write_the_roster_topic_and_there_is_no_principal_but_services_and_feeds(String overlay) {
        Rendered rendered = Rendered.of(overlay);
        Set<String> feeds = rendered.kind("KafkaUser")
                .filter(u -> u.at("/metadata/labels/kencom.io~1insurer-feed").asText().equals("true"))
                .map(u -> u.at("/metadata/name").asText()).collect(Collectors.toSet());

        assertThat(feeds).isNotEmpty().allMatch(name -> name.matches("insurer-feed-[0-9]{6,8}"));
        for (String feed : feeds) {
            assertThat(acls(rendered.get("KafkaUser", feed))).as(feed).containsExactlyInAnyOrder(
                    "topic " + Topic.INSURER_ROSTER.topicName() + " Write",
                    "topic " + Topic.INSURER_ROSTER.topicName() + " Describe");
        }
        Set<String> principals = rendered.kind("KafkaUser").map(u -> u.at("/metadata/name").asText())
                .collect(Collectors.toSet());
        Set<String> known = new TreeSet<>(feeds);
        known.addAll(Arrays.asList(Repo.SERVICES));
        assertThat(principals).isEqualTo(known);
    }

    @Test
    void the_roster_topic_with_its_personal_data_is_read_by_insured_verification_service_alone() {
        Rendered prod = Rendered.of("prod");
        Set<String> readers = prod.kind("KafkaUser").filter(u -> acls(u).contains(
                        "topic " + Topic.INSURER_ROSTER.topicName() + " Read"))
                .map(u -> u.at("/metadata/name").asText()).collect(Collectors.toSet());

        assertThat(readers).containsExactly("insured-verification-service");
    }

    /** {@code "<type> <name> <operation>"} for each operation each literal ACL allows. */
    private static Set<String> acls(JsonNode user) {
        Set<String> acls = new TreeSet<>();
        for (JsonNode acl : user.at("/spec/authorization/acls")) {
            assertThat(acl.path("type").asText("allow")).isEqualTo("allow");
            assertThat(acl.at("/resource/patternType").asText("literal")).isEqualTo("literal");
            acl.get("operations").forEach(op -> acls.add(acl.at("/resource/type").asText() + " "
                    + acl.at("/resource/name").asText() + " " + op.asText()));
        }
        return acls;
    }
}
