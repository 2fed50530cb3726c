package io.kencom.platform.messaging;

import io.kencom.contracts.Topic;
import io.smallrye.mutiny.Uni;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A service's consumers by the topic they read: what {@link DeadLetterReplay} applies a dead letter through again,
 * as the record's first delivery was (through the inbox, so an event applied before is not applied twice).
 */
public interface ReplayableConsumers {

    /** Consumes {@code record} as the consumer of its topic does; fails as it would, or for a topic not read here. */
    Uni<Void> consume(ConsumerRecord<String, String> record);

    /** {@code record} consumed by the consumer of its topic among {@code consumers}; fails for another topic. */
    static Uni<Void> byTopic(ConsumerRecord<String, String> record,
            Map<Topic, Function<ConsumerRecord<String, String>, Uni<Void>>> consumers) {
        return Topic.named(record.topic()).map(consumers::get).map(consumer -> consumer.apply(record))
                .orElseGet(() -> Uni.createFrom().failure(
                        new IllegalArgumentException("this service reads no topic " + record.topic())));
    }
}
