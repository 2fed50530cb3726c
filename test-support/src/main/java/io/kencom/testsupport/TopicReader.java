package io.kencom.testsupport;

import static org.awaitility.Awaitility.await;

import io.kencom.contracts.CloudEvent;
import io.kencom.local.KafkaBroker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a topic of the real broker from the position it had when the reader was opened, so a test sees only what
 * happened after it began, whatever other runs left on the topic.
 */
public final class TopicReader implements AutoCloseable {

    private final KafkaConsumer<String, String> consumer;
    private final List<ConsumerRecord<String, String>> seen = new ArrayList<>();

    private TopicReader(KafkaBroker broker, String topic, boolean fromStart) {
        Properties p = new Properties();
        p.putAll(broker.clientConfig(KafkaBroker.ADMIN)); // reads any topic, with a group of its own
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        consumer = new KafkaConsumer<>(p);
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                .map(i -> new TopicPartition(topic, i.partition())).toList();
        consumer.assign(partitions);
        if (fromStart) {
            consumer.seekToBeginning(partitions);
        } else {
            consumer.seekToEnd(partitions);
        }
        partitions.forEach(consumer::position); // resolve the end positions now, before the test acts
    }

    public static TopicReader fromNow(KafkaBroker broker, String topic) {
        return new TopicReader(broker, topic, false);
    }

    /** A reader of everything the topic still holds, as a new instance rebuilding a projection would read it. */
    public static TopicReader fromStart(KafkaBroker broker, String topic) {
        return new TopicReader(broker, topic, true);
    }

    /** Everything that arrived since the reader was opened. */
    public List<ConsumerRecord<String, String>> poll() {
        consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
        return List.copyOf(seen);
    }

    /** Waits until a record matching {@code wanted} arrived, and returns it. */
    public ConsumerRecord<String, String> awaitRecord(Predicate<ConsumerRecord<String, String>> wanted) {
        return awaitRecord(wanted, Duration.ofSeconds(30));
    }

    public ConsumerRecord<String, String> awaitRecord(Predicate<ConsumerRecord<String, String>> wanted, Duration atMost) {
        return await().atMost(atMost).until(
                () -> poll().stream().filter(wanted).findFirst().orElse(null), r -> r != null);
    }

    /** Keeps reading for {@code quietPeriod} and returns all records matching {@code wanted}. */
    public List<ConsumerRecord<String, String>> recordsAfter(Duration quietPeriod,
            Predicate<ConsumerRecord<String, String>> wanted) {
        long until = System.nanoTime() + quietPeriod.toNanos();
        while (System.nanoTime() < until) {
            poll();
        }
        return seen.stream().filter(wanted).toList();
    }

    /** The CloudEvent a record carries (binary mode: headers + value). */
    public static CloudEvent envelope(ConsumerRecord<String, String> r) {
        Map<String, byte[]> headers = new HashMap<>();
        r.headers().forEach(h -> headers.put(h.key(), h.value()));
        return CloudEvent.fromKafka(headers, r.value());
    }

    public static String header(ConsumerRecord<String, String> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(2));
    }
}
