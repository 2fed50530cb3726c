package io.kencom.testsupport;

import static org.awaitility.Awaitility.await;

import io.kencom.local.KafkaBroker;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;

/**
 * How far a service's Kafka consumers are behind, read as an operator reads it: the consumer group's committed
 * offsets against the topics' ends. Waiting for zero lag is how the journey knows a service has taken what was
 * sent, without looking inside it, and how a service's tests know it has worked through what earlier classes and
 * runs left on the broker (a %test consumer group is new each run and reads from the start). Each wait looks at
 * once (Awaitility's first look otherwise waits one poll interval): callers often find it caught up already.
 */
public final class ConsumerLag {

    /** The Kafka clients' configuration dumps would drown the journey's story (kept: the logger is weakly held). */
    private static final Logger KAFKA_LOGS = Logger.getLogger("org.apache.kafka");

    static {
        KAFKA_LOGS.setLevel(Level.WARNING);
    }

    private ConsumerLag() {
    }

    /**
     * Waits until {@code group} has committed everything now on {@code topics}. A partition that holds no record
     * (its start is its end: never written, or its records deleted) has nothing to wait for: a consumer that never
     * received a record of it commits nothing there.
     */
    public static void awaitCaughtUp(String group, Collection<String> topics, Duration timeout) {
        try (Admin admin = admin()) {
            List<TopicPartition> partitions = partitions(admin, topics);
            Map<TopicPartition, Long> ends = offsets(admin, partitions, OffsetSpec.latest());
            Map<TopicPartition, Long> starts = offsets(admin, partitions, OffsetSpec.earliest());
            await().atMost(timeout).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(500)).until(() -> {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get();
                return ends.entrySet().stream().allMatch(end -> end.getValue() <= starts.get(end.getKey())
                        || (committed.get(end.getKey()) != null
                        && committed.get(end.getKey()).offset() >= end.getValue()));
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot read the consumers' progress", e);
        }
    }

    /**
     * Waits until {@code group} is stable (its members have their partitions), then until it has committed
     * everything now on the topics they are assigned.
     */
    public static void awaitCaughtUp(String group, Duration timeout) {
        Set<String> topics;
        try (Admin admin = admin()) {
            topics = await().atMost(timeout).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(500)).until(() -> {
                ConsumerGroupDescription g = admin.describeConsumerGroups(List.of(group)).all().get().get(group);
                return g.groupState() != GroupState.STABLE ? Set.<String>of() : g.members().stream()
                        .flatMap(m -> m.assignment().topicPartitions().stream()).map(TopicPartition::topic)
                        .collect(Collectors.toSet());
            }, t -> !t.isEmpty());
        }
        awaitCaughtUp(group, topics, timeout);
    }

    private static List<TopicPartition> partitions(Admin admin, Collection<String> topics)
            throws InterruptedException, ExecutionException {
        return admin.describeTopics(topics).allTopicNames().get().values().stream()
                .flatMap(t -> t.partitions().stream().map(p -> new TopicPartition(t.name(), p.partition()))).toList();
    }

    private static Map<TopicPartition, Long> offsets(Admin admin, List<TopicPartition> partitions, OffsetSpec spec)
            throws InterruptedException, ExecutionException {
        return admin.listOffsets(partitions.stream().collect(Collectors.toMap(p -> p, p -> spec))).all().get()
                .entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    /** Records ever written to {@code topics} (their end offsets, summed): what a dead-letter topic has taken. */
    public static long recordsWritten(Collection<String> topics) {
        try (Admin admin = admin()) {
            List<TopicPartition> partitions = partitions(admin, topics);
            return offsets(admin, partitions, OffsetSpec.latest()).values().stream().mapToLong(Long::longValue).sum();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot read the topics' ends", e);
        }
    }

    private static Admin admin() {
        Properties props = new Properties();
        props.putAll(RealInfrastructure.kafka().clientConfig(KafkaBroker.ADMIN));
        return Admin.create(props);
    }
}
