package io.kencom.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kencom.contracts.CloudEvent;
import io.kencom.contracts.Topic;
import io.kencom.contracts.events.RosterUpdated;
import io.kencom.local.KafkaBroker;
import io.kencom.testsupport.Events;
import io.kencom.testsupport.RealInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The local broker enforces what production's does: nobody without a principal's password, and each principal
 * only its KafkaUser's ACLs (deploy/k8s, through deploy/local/kafka-acls.txt).
 */
@Order(3)
class KafkaPrincipalsTest {

    private static final KafkaBroker BROKER = KafkaBroker.LOCAL;
    /** The insurer of the dev overlay's one feed (deploy/k8s/overlays/dev/insurer-feeds.yaml). */
    private static final String DEV_INSURER = "06123459";
    private static final String OTHER_INSURER = "01234566";

    @BeforeAll
    static void broker() {
        RealInfrastructure.kafka();
    }

    @Test
    void a_wrong_password_is_refused() {
        Map<String, Object> config = new HashMap<>(BROKER.clientConfig("account-service"));
        config.put(SaslConfigs.SASL_JAAS_CONFIG, config.get(SaslConfigs.SASL_JAAS_CONFIG).toString()
                .replace(KafkaBroker.password("account-service"), "guessed"));

        try (KafkaConsumer<String, String> consumer = consumer(config)) {
            assertThatThrownBy(() -> consumer.partitionsFor(Topic.ACCOUNT_EVENTS.topicName(), Duration.ofSeconds(10)))
                    .isInstanceOf(SaslAuthenticationException.class);
        }
    }

    @Test
    void a_service_reads_what_it_consumes_and_not_the_roster_with_its_personal_data() {
        try (KafkaConsumer<String, String> accountService = consumer(BROKER.clientConfig("account-service"))) {
            assertThat(readFromStart(accountService, Topic.GROUPS.topicName())).isNotNegative();
            assertThatThrownBy(() -> readFromStart(accountService, Topic.INSURER_ROSTER.topicName(DEV_INSURER)))
                    .isInstanceOf(TopicAuthorizationException.class);
        }
    }

    /**
     * The dev overlay's insurer feed writes its own roster topic; news for another insurer's topic is refused by the
     * broker, and that topic stays empty (RosterTopicTest: the other insurer's news on the feed's own topic is
     * dead-lettered by the service).
     */
    @Test
    void an_insurer_feed_writes_its_own_roster_topic_and_the_broker_refuses_it_another_insurers() throws Exception {
        String own = Topic.INSURER_ROSTER.topicName(DEV_INSURER);
        String others = Topic.INSURER_ROSTER.topicName(OTHER_INSURER);
        try (Admin admin = BROKER.admin();
                KafkaProducer<String, String> feed = producer(BROKER.clientConfig("insurer-feed-" + DEV_INSURER))) {
            KafkaBroker.createTopics(admin, Map.of(others, Topic.INSURER_ROSTER));
            try {
                RecordMetadata written = feed.send(rosterNews(own, DEV_INSURER)).get();
                // gone before any roster consumer of the dev insurer's topic reads it
                admin.deleteRecords(Map.of(new TopicPartition(own, written.partition()),
                        RecordsToDelete.beforeOffset(written.offset() + 1))).all().get();

                assertThatThrownBy(() -> feed.send(rosterNews(others, OTHER_INSURER)).get())
                        .hasCauseInstanceOf(TopicAuthorizationException.class);
                assertThat(recordsOn(admin, others)).isZero();
            } finally {
                admin.deleteTopics(List.of(others)).all().get();
            }
        }
    }

    @Test
    void a_service_cannot_write_another_service_s_topic() {
        try (KafkaProducer<String, String> accountService = producer(BROKER.clientConfig("account-service"))) {
            assertThatThrownBy(() -> accountService.send(new ProducerRecord<>(Topic.VERIFICATION_EVENTS.topicName(),
                    "k", "{}")).get()).hasCauseInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void an_insurer_feed_cannot_read_back_the_roster_it_writes() {
        try (KafkaConsumer<String, String> feed = consumer(BROKER.clientConfig("insurer-feed-" + DEV_INSURER))) {
            assertThatThrownBy(() -> readFromStart(feed, Topic.INSURER_ROSTER.topicName(DEV_INSURER)))
                    .isInstanceOf(TopicAuthorizationException.class);
        }
    }

    /** Roster news of {@code insurer}'s, as a record for {@code topic}. */
    private static ProducerRecord<String, String> rosterNews(String topic, String insurer) {
        CloudEvent news = CloudEvent.of(UUID.randomUUID(), "/insurer/" + insurer, new RosterUpdated(insurer,
                "P-" + UUID.randomUUID(), RosterUpdated.Change.QUALIFICATION_LOST, null, null, null, null, null,
                LocalDate.of(2026, 10, 31), Instant.now()), Instant.now());
        return Events.record(topic, news);
    }

    /** The records on a topic now: its partitions' end offsets less their start offsets. */
    private static long recordsOn(Admin admin, String topic) throws Exception {
        List<TopicPartition> partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic)
                .partitions().stream().map(p -> new TopicPartition(topic, p.partition())).toList();
        long records = 0;
        for (TopicPartition p : partitions) {
            records += admin.listOffsets(Map.of(p, OffsetSpec.latest())).all().get().get(p).offset()
                    - admin.listOffsets(Map.of(p, OffsetSpec.earliest())).all().get().get(p).offset();
        }
        return records;
    }

    /**
     * Fetches from the start of the topic's first partition, with no consumer group involved: a read (finding the
     * partition's ends would need only Describe, which a feed has).
     */
    private static int readFromStart(KafkaConsumer<String, String> consumer, String topic) {
        TopicPartition partition = new TopicPartition(topic, 0);
        consumer.assign(List.of(partition));
        consumer.seekToBeginning(List.of(partition));
        return consumer.poll(Duration.ofSeconds(2)).count();
    }

    private static KafkaConsumer<String, String> consumer(Map<String, Object> config) {
        Map<String, Object> c = new HashMap<>(config);
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return new KafkaConsumer<>(c);
    }

    private static KafkaProducer<String, String> producer(Map<String, Object> config) {
        Map<String, Object> c = new HashMap<>(config);
        c.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        c.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        c.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
        return new KafkaProducer<>(c);
    }
}
