package io.kencom.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kencom.contracts.Topic;
import io.kencom.local.KafkaBroker;
import io.kencom.testsupport.RealInfrastructure;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The local broker enforces what production's does: nobody without a principal's password, and each principal
 * only its KafkaUser's ACLs (deploy/k8s, through deploy/local/kafka-acls.txt).
 */
class KafkaPrincipalsTest {

    private static final KafkaBroker BROKER = KafkaBroker.LOCAL;

    @BeforeAll
    static void broker() {
        RealInfrastructure.kafka();
    }

    /** Not left running: LocalStackRunTest, after this class, checks that the launcher stops the Kafka it started. */
    @AfterAll
    static void stopBroker() {
        RealInfrastructure.stop(BROKER);
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
            assertThat(readFromStart(accountService, Topic.GROUPS)).isNotNegative();
            assertThatThrownBy(() -> readFromStart(accountService, Topic.INSURER_ROSTER))
                    .isInstanceOf(TopicAuthorizationException.class);
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
        try (KafkaConsumer<String, String> feed = consumer(BROKER.clientConfig("insurer-feed-06123456"))) {
            assertThatThrownBy(() -> readFromStart(feed, Topic.INSURER_ROSTER))
                    .isInstanceOf(TopicAuthorizationException.class);
        }
    }

    /**
     * Fetches from the start of the topic's first partition, with no consumer group involved: a read (finding the
     * partition's ends would need only Describe, which a feed has).
     */
    private static int readFromStart(KafkaConsumer<String, String> consumer, Topic topic) {
        TopicPartition partition = new TopicPartition(topic.topicName(), 0);
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
