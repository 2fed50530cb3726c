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

        Set<String> feeds = feeds(rendered);
        int expected = 0;
        for (Topic topic : Topic.values()) {
            if (topic.perInsurer()) { // one per insurer feed, beside its principal
                for (String feed : feeds) {
                    assertTopic(rendered, topic.topicName(insurerOf(feed)), topic, replicas);
                    expected++;
                }
            } else {
                assertTopic(rendered, topic.topicName(), topic, replicas);
                expected++;
            }
        }
        assertThat(rendered.kind("KafkaTopic").count()).isEqualTo(expected);
    }

    private static void assertTopic(Rendered rendered, String name, Topic topic, int replicas) {
        JsonNode spec = rendered.get("KafkaTopic", name).get("spec");
        assertThat(spec.get("topicName").asText()).isEqualTo(name);
        assertThat(spec.get("partitions").asInt()).as(name).isEqualTo(topic.partitions());
        assertThat(spec.get("replicas").asInt()).as(name).isEqualTo(replicas);
        topic.config().forEach((key, value) ->
                assertThat(spec.get("config").get(key).asText()).as(name + " " + key).isEqualTo(value));
        assertThat(spec.get("config").get("min.insync.replicas").asInt()).as(name).isEqualTo(replicas == 3 ? 2 : 1);
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
            config.consumerGroups().forEach(g -> expected.add("group " + g + " Read"));

            JsonNode user = rendered.get("KafkaUser", service);

            assertThat(user.at("/spec/authentication/type").asText()).isEqualTo("scram-sha-512");
            assertThat(acls(user)).as(service).isEqualTo(expected);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void an_insurer_feed_may_only_write_its_own_roster_topic_and_there_is_no_principal_but_services_and_feeds(
            String overlay) {
        Rendered rendered = Rendered.of(overlay);
        Set<String> feeds = feeds(rendered);

        assertThat(feeds).isNotEmpty().allMatch(name -> name.matches("insurer-feed-[0-9]{6}([0-9]{2})?"));
        for (String feed : feeds) {
            String own = Topic.INSURER_ROSTER.topicName(insurerOf(feed)); // fails on a wrong check digit
            assertThat(acls(rendered.get("KafkaUser", feed))).as(feed).containsExactlyInAnyOrder(
                    "topic " + own + " Write", "topic " + own + " Describe");
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
        String anInsurers = Topic.INSURER_ROSTER.topicName("01234566");
        Set<String> readers = prod.kind("KafkaUser").filter(u -> acls(u).stream().anyMatch(acl -> acl.endsWith(" Read")
                        && acl.startsWith("topic ") && covers(acl.split(" ")[1], anInsurers)))
                .map(u -> u.at("/metadata/name").asText()).collect(Collectors.toSet());

        assertThat(readers).containsExactly("insured-verification-service");
    }

    /** Whether an ACL's name as {@link #acls} writes it ({@code name}, or {@code prefix*}) covers {@code topic}. */
    private static boolean covers(String aclName, String topic) {
        return aclName.endsWith("*") ? topic.startsWith(aclName.substring(0, aclName.length() - 1))
                : aclName.equals(topic);
    }

    private static Set<String> feeds(Rendered rendered) {
        return rendered.kind("KafkaUser")
                .filter(u -> u.at("/metadata/labels/kencom.io~1insurer-feed").asText().equals("true"))
                .map(u -> u.at("/metadata/name").asText()).collect(Collectors.toSet());
    }

    private static String insurerOf(String feed) {
        return feed.substring("insurer-feed-".length());
    }

    /**
     * {@code "<type> <name> <operation>"} for each operation each ACL allows, a prefixed one's name written
     * {@code <prefix>*}. Only topic ACLs may be prefixed (a consumer group's is literal: the service's own name).
     */
    private static Set<String> acls(JsonNode user) {
        Set<String> acls = new TreeSet<>();
        for (JsonNode acl : user.at("/spec/authorization/acls")) {
            assertThat(acl.path("type").asText("allow")).isEqualTo("allow");
            String type = acl.at("/resource/type").asText();
            String pattern = acl.at("/resource/patternType").asText("literal");
            assertThat(pattern).isIn(type.equals("topic") ? Set.of("literal", "prefix") : Set.of("literal"));
            String name = acl.at("/resource/name").asText() + (pattern.equals("prefix") ? "*" : "");
            acl.get("operations").forEach(op -> acls.add(type + " " + name + " " + op.asText()));
        }
        return acls;
    }
}
