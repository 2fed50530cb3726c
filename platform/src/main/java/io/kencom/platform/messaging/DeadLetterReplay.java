package io.kencom.platform.messaging;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The dead letters of this service that wait for ops, and their replay (docs/operations.md, "KencomDeadLetterWaiting").
 * A dead letter waits until it is replayed: the replay group's committed offset on the service's dead-letter topic
 * marks how far ops have gone, so what waits is the topic's end minus that mark ({@code kencom_dead_letters_waiting}).
 * A replay applies each waiting record again through the consumer of the topic it came from
 * ({@link ReplayableConsumers}, through the inbox: an event applied before is not applied twice); one that fails
 * again goes back to the dead-letter topic with its new reason, and waits again. A record with no topic of origin (a
 * mail given up, notification-service's) cannot be applied again: the replay counts it as seen.
 */
@ApplicationScoped
public class DeadLetterReplay {

    /** What one replay did. */
    public record Replayed(int applied, int deadLetteredAgain, int notReplayable, long stillWaiting) {
    }

    /** A waiting dead letter, as ops see it: where it is, what it was and why it went aside; never its data. */
    public record Waiting(int partition, long offset, Instant deadLetteredAt, String fromTopic, String type,
            String eventId, String reason, int replays) {
    }

    private static final Logger LOG = Logger.getLogger(DeadLetterReplay.class);
    private static final Duration POLL = Duration.ofSeconds(1);
    private static final String REPLAYS = "dead-letter-replays";

    private final Optional<String> topic;
    private final String group;
    private final int batch;
    private final Map<String, Object> kafka;
    private final Instance<ReplayableConsumers> consumers;
    private final AtomicLong waiting = new AtomicLong();
    private KafkaConsumer<String, String> sampler;

    DeadLetterReplay(
            @ConfigProperty(name = "mp.messaging.connector.smallrye-kafka.dead-letter-queue.topic") Optional<String> topic,
            @ConfigProperty(name = "kencom.dead-letters.replay-group") String group,
            @ConfigProperty(name = "kencom.dead-letters.replay-batch", defaultValue = "500") int batch,
            @Identifier("default-kafka-broker") Map<String, Object> kafka, Instance<ReplayableConsumers> consumers,
            MeterRegistry registry) {
        this.topic = topic;
        this.group = group;
        this.batch = batch;
        this.kafka = kafka;
        this.consumers = consumers;
        Gauge.builder("kencom.dead.letters.waiting", waiting, AtomicLong::get)
                .description("Records on the service's dead-letter topic not yet replayed").register(registry);
    }

    void stop(@Observes ShutdownEvent ignored) {
        synchronized (this) {
            if (sampler != null) {
                sampler.close(Duration.ofSeconds(2));
                sampler = null;
            }
        }
    }

    /** Reads how many wait, for the gauge; on a worker thread (Kafka's client blocks). */
    @Scheduled(every = "${kencom.dead-letters.sample-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    synchronized void sample() {
        if (topic.isEmpty()) {
            return;
        }
        try {
            if (sampler == null) {
                sampler = assigned();
                markedFromHere(sampler);
            }
            waiting.set(waitingIn(sampler));
        } catch (RuntimeException e) {
            LOG.warnf("cannot read the dead letters waiting on %s: %s", topic.orElseThrow(), e.toString());
        }
    }

    /** The waiting dead letters, oldest first, up to {@code max}. Blocking. */
    public synchronized List<Waiting> waiting(int max) {
        List<Waiting> found = new ArrayList<>();
        if (topic.isEmpty()) {
            return found;
        }
        try (KafkaConsumer<String, String> consumer = assigned()) {
            markedFromHere(consumer);
            read(consumer, (record, partition) -> {
                if (found.size() < max) {
                    found.add(new Waiting(record.partition(), record.offset(), Instant.ofEpochMilli(record.timestamp()),
                            header(record.headers(), "dead-letter-topic"), header(record.headers(), "ce_type"),
                            header(record.headers(), "ce_id"), header(record.headers(), "dead-letter-reason"),
                            replays(record.headers())));
                }
                return found.size() < max;
            });
        }
        return found;
    }

    /** Applies the waiting dead letters again, oldest first, up to the replay batch. Blocking. */
    public synchronized Replayed replay() {
        if (topic.isEmpty()) {
            return new Replayed(0, 0, 0, 0);
        }
        int[] outcome = new int[3];
        try (KafkaConsumer<String, String> consumer = assigned(); KafkaProducer<String, String> producer = producer()) {
            markedFromHere(consumer);
            read(consumer, (record, partition) -> {
                Optional<ConsumerRecord<String, String>> original = original(record);
                if (original.isEmpty()) {
                    outcome[2]++;
                } else if (applied(original.get(), record, producer)) {
                    outcome[0]++;
                } else {
                    outcome[1]++;
                }
                consumer.commitSync(Map.of(partition, new OffsetAndMetadata(record.offset() + 1)));
                return outcome[0] + outcome[1] + outcome[2] < batch;
            });
            long still = waitingIn(consumer);
            waiting.set(still);
            LOG.infof("dead letters replayed from %s: %d applied, %d dead-lettered again, %d not replayable; %d wait",
                    topic.get(), outcome[0], outcome[1], outcome[2], still);
            return new Replayed(outcome[0], outcome[1], outcome[2], still);
        }
    }

    /**
     * The first time a service runs with its replay group, the topic's end is marked as replayed: what went aside
     * before was ops' to handle by hand (the runbook's earlier way), and is not counted as waiting now.
     */
    private void markedFromHere(KafkaConsumer<String, String> consumer) {
        List<TopicPartition> partitions = partitions(consumer);
        Map<TopicPartition, OffsetAndMetadata> marked = consumer.committed(Set.copyOf(partitions));
        Map<TopicPartition, OffsetAndMetadata> unmarked = new HashMap<>();
        consumer.endOffsets(partitions).forEach((p, end) -> {
            if (marked.get(p) == null) {
                unmarked.put(p, new OffsetAndMetadata(end));
            }
        });
        if (!unmarked.isEmpty()) {
            consumer.commitSync(unmarked);
        }
    }

    /** Each record from the replay group's mark to the topic's end as it is now, until {@code each} says stop. */
    private void read(KafkaConsumer<String, String> consumer, RecordVisitor each) {
        List<TopicPartition> partitions = partitions(consumer);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        Map<TopicPartition, OffsetAndMetadata> marked = consumer.committed(Set.copyOf(partitions));
        List<TopicPartition> open = new ArrayList<>();
        for (TopicPartition p : partitions) {
            OffsetAndMetadata mark = marked.get(p);
            if (mark == null) {
                consumer.seekToBeginning(List.of(p));
            } else {
                consumer.seek(p, mark.offset());
            }
            if (consumer.position(p) < end.get(p)) {
                open.add(p);
            }
        }
        while (!open.isEmpty()) {
            for (ConsumerRecord<String, String> record : consumer.poll(POLL)) {
                TopicPartition p = new TopicPartition(record.topic(), record.partition());
                if (!open.contains(p) || record.offset() >= end.get(p)) {
                    continue;
                }
                if (!each.visit(record, p)) {
                    return;
                }
            }
            open.removeIf(p -> consumer.position(p) >= end.get(p));
        }
    }

    private interface RecordVisitor {
        /** Whether to go on. */
        boolean visit(ConsumerRecord<String, String> record, TopicPartition partition);
    }

    /** Whether the record was applied; if not, it is on the dead-letter topic again with the new reason. */
    private boolean applied(ConsumerRecord<String, String> original, ConsumerRecord<String, String> deadLetter,
            KafkaProducer<String, String> producer) {
        try {
            VertxContextSupport.subscribeAndAwait(() -> consumers.get().consume(original));
            return true;
        } catch (Throwable failure) {
            Headers headers = new RecordHeaders();
            for (Header h : deadLetter.headers()) {
                if (!h.key().equals("dead-letter-reason") && !h.key().equals("dead-letter-cause")
                        && !h.key().equals(REPLAYS)) {
                    headers.add(h);
                }
            }
            headers.add("dead-letter-reason", bytes(String.valueOf(failure.getMessage())));
            headers.add("dead-letter-cause", bytes(failure.getClass().getName()));
            headers.add(REPLAYS, bytes(Integer.toString(replays(deadLetter.headers()) + 1)));
            try {
                producer.send(new ProducerRecord<>(topic.orElseThrow(), null, deadLetter.key(), deadLetter.value(),
                        headers)).get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while dead-lettering again", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("cannot dead-letter again: " + e.getCause(), e);
            }
            return false;
        }
    }

    /** The record as its consumer first read it: its topic, partition and offset of origin, its headers but these. */
    private static Optional<ConsumerRecord<String, String>> original(ConsumerRecord<String, String> deadLetter) {
        String from = header(deadLetter.headers(), "dead-letter-topic");
        if (from == null) {
            return Optional.empty();
        }
        Headers headers = new RecordHeaders();
        for (Header h : deadLetter.headers()) {
            if (!h.key().startsWith("dead-letter-")) {
                headers.add(h);
            }
        }
        String partition = header(deadLetter.headers(), "dead-letter-partition");
        String offset = header(deadLetter.headers(), "dead-letter-offset");
        return Optional.of(new ConsumerRecord<>(from, partition == null ? 0 : Integer.parseInt(partition),
                offset == null ? -1 : Long.parseLong(offset), deadLetter.timestamp(), TimestampType.CREATE_TIME,
                -1, -1, deadLetter.key(), deadLetter.value(), headers, Optional.empty()));
    }

    private long waitingIn(KafkaConsumer<String, String> consumer) {
        List<TopicPartition> partitions = partitions(consumer);
        Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        Map<TopicPartition, OffsetAndMetadata> marked = consumer.committed(Set.copyOf(partitions));
        long total = 0;
        for (TopicPartition p : partitions) {
            OffsetAndMetadata mark = marked.get(p);
            total += end.get(p) - Math.max(begin.get(p), mark == null ? 0 : mark.offset());
        }
        return total;
    }

    private List<TopicPartition> partitions(KafkaConsumer<String, String> consumer) {
        return consumer.partitionsFor(topic.orElseThrow()).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
    }

    /**
     * A consumer of the replay group holding every partition of the topic (assigned, not subscribed: no group
     * membership), so that reading the partitions' ends is about its own partitions (Kafka's client warns otherwise).
     */
    private KafkaConsumer<String, String> assigned() {
        KafkaConsumer<String, String> consumer = consumer();
        consumer.assign(partitions(consumer));
        return consumer;
    }

    private KafkaConsumer<String, String> consumer() {
        Map<String, Object> config = new HashMap<>(kafka);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 50);
        return new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
    }

    private KafkaProducer<String, String> producer() {
        Map<String, Object> config = new HashMap<>(kafka);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }

    private static int replays(Headers headers) {
        String n = header(headers, REPLAYS);
        return n == null ? 0 : Integer.parseInt(n);
    }

    private static String header(Headers headers, String key) {
        Header h = headers.lastHeader(key);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
