package io.kencom.insuredverification.infra;

import io.kencom.contracts.CloudEvent;
import io.kencom.contracts.events.RosterBatchUpdated;
import io.kencom.platform.messaging.DeadLetterCount;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * The roster events refused, on the dead-letter topic with the reason and where they came from, as the connector
 * sends its own; an entry of a batch event alone, so it can be put back once fixed (docs/topics.md).
 */
@ApplicationScoped
class RosterDeadLetters {

    private final MutinyEmitter<String> deadLetters;
    private final DeadLetterCount count;

    RosterDeadLetters(@Channel("dead-letters") MutinyEmitter<String> deadLetters, DeadLetterCount count) {
        this.deadLetters = deadLetters;
        this.count = count;
    }

    /** A record that is no event at all. */
    Uni<Void> unreadable(ConsumerRecord<String, String> record, String reason) {
        return send(record, record.value(), new RecordHeaders(record.headers().toArray()),
                DeadLetterCount.Cause.UNREADABLE, reason);
    }

    /**
     * Entry {@code i} of a batch event as a batch of its own, with an id derived from the batch's and its place: put
     * back on the topic once fixed, it applies once however often it is put back.
     */
    Uni<Void> entry(ConsumerRecord<String, String> record, CloudEvent batchEvent,
            RosterBatchUpdated batch, int i, String reason) {
        RosterBatchUpdated alone = new RosterBatchUpdated(batch.insurerNumber(), List.of(batch.entries().get(i)),
                batch.sentAt());
        CloudEvent event = CloudEvent.of(UUID.nameUUIDFromBytes((batchEvent.id() + "/" + i)
                .getBytes(StandardCharsets.UTF_8)), batchEvent.source(), alone, batchEvent.time());
        RecordHeaders headers = new RecordHeaders();
        event.headers().forEach(headers::add);
        headers.add("dead-letter-entry", Integer.toString(i).getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-event", batchEvent.id().toString().getBytes(StandardCharsets.UTF_8));
        return send(record, event.data(), headers, DeadLetterCount.Cause.REJECTED, reason);
    }

    /** A record refused (not its topic's insurer, no roster event, bad data) as received, with the reason. */
    Uni<Void> record(ConsumerRecord<String, String> record, String reason) {
        return send(record, record.value(), new RecordHeaders(record.headers().toArray()),
                DeadLetterCount.Cause.REJECTED, reason);
    }

    /**
     * A poll that still failed after the retries: the channel's failure strategy sends each of its records to the
     * dead-letter topic (those of chunks already applied too: their ids are in the inbox, a replay passes them by);
     * counted here, since the connector counts nothing.
     */
    void pollFailed(List<ConsumerRecord<String, String>> records, Throwable failure) {
        for (int i = 0; i < records.size(); i++) {
            count.counted(RosterEvents.CONSUMER, DeadLetterCount.Cause.of(failure));
        }
    }

    /** Sent with the reason and where it came from, and counted for ops. */
    private Uni<Void> send(ConsumerRecord<String, String> record, String value, RecordHeaders headers,
            DeadLetterCount.Cause cause, String reason) {
        count.counted(RosterEvents.CONSUMER, cause);
        headers.add("dead-letter-reason", reason.getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-topic", record.topic().getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-partition", Integer.toString(record.partition()).getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-offset", Long.toString(record.offset()).getBytes(StandardCharsets.UTF_8));
        return deadLetters.sendMessage(Message.of(value).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(record.key()).withHeaders(headers).build()));
    }
}
