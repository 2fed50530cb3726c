package io.kencom.insuredverification;

import io.kencom.contracts.CloudEvent;
import io.kencom.contracts.UnreadableEventException;
import io.kencom.contracts.DomainEvent;
import io.kencom.contracts.events.RosterBatchUpdated;
import io.kencom.contracts.events.RosterUpdated;
import io.kencom.contracts.model.CardFormat;
import io.kencom.insuredverification.domain.FieldError;
import io.kencom.insuredverification.domain.RosterUpdate;
import io.kencom.platform.Clocks;
import io.kencom.platform.messaging.Inbox;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Insurers' roster events, a poll's batch at a time: events seen before are skipped (the inbox, by event id), the
 * others are applied in one transaction through {@link Roster#merge}, in the order the partition gave them. An event
 * that is unreadable or whose data cannot be a roster entry goes to the dead-letter topic with the reason (its
 * personal data never reaches a log), and the rest of the batch goes on. A {@link RosterBatchUpdated} is its entries
 * in order under the batch's one event id; an entry that cannot be a roster entry is dead-lettered alone, as a batch
 * of that one entry with an id of its own (so it can be put back on the topic once fixed), and the others apply —
 * one person's bad data does not hold back thousands of others (docs/topics.md).
 */
@ApplicationScoped
public class RosterEvents {

    private static final Logger LOG = Logger.getLogger(RosterEvents.class);
    static final String CONSUMER = "insured-verification-service/roster";

    private final Pool pool;
    private final Roster roster;
    private final Insurers insurers;
    private final Clock clock;
    private final MutinyEmitter<String> deadLetters;
    private final int entriesPerTransaction;

    RosterEvents(Pool pool, Roster roster, Insurers insurers, Clock clock,
            @Channel("dead-letters") MutinyEmitter<String> deadLetters,
            @ConfigProperty(name = "kencom.roster.event-entries-per-transaction", defaultValue = "5000")
            int entriesPerTransaction) {
        this.pool = pool;
        this.entriesPerTransaction = entriesPerTransaction;
        this.roster = roster;
        this.insurers = insurers;
        this.clock = clock;
        this.deadLetters = deadLetters;
    }

    public Uni<Void> apply(List<ConsumerRecord<String, String>> records) {
        List<Received> received = new ArrayList<>(records.size());
        List<Uni<Void>> dead = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            try {
                CloudEvent event = Inbox.read(record);
                DomainEvent parsed = event.event(); // parses: once per record
                if (parsed instanceof RosterUpdated update) {
                    received.add(new Received(record, event, null, -1, update));
                } else if (parsed instanceof RosterBatchUpdated batch) {
                    received(record, event, batch, received, dead);
                } else {
                    dead.add(deadLetter(record, "not a roster event: " + event.type()));
                }
            } catch (UnreadableEventException e) {
                dead.add(deadLetter(record, e.getMessage()));
            }
        }
        Set<String> insurerNumbers = received.stream().map(r -> r.update().insurerNumber()).collect(Collectors.toSet());
        // Read as the merge is written: through a database outage it waits, it does not dead-letter the poll.
        return Inbox.retried(() -> insurers.cardFormats(pool, insurerNumbers)).chain(formats -> {
            LocalDate today = Clocks.todayInJapan(clock);
            List<UUID> ids = new ArrayList<>();
            List<Roster.Entry> entries = new ArrayList<>();
            for (Received r : received) {
                try {
                    CardFormat format = formats.get(r.update().insurerNumber());
                    entries.add(roster.row(RosterUpdate.of(r.update(), format, today), ids.size()));
                    ids.add(r.event().id());
                } catch (FieldError e) {
                    LOG.warnf("roster event %s%s refused: %s", r.event().id(), r.batch() == null ? ""
                            : " entry " + r.entry(), e.getMessage());
                    String reason = "invalid roster data: " + e.getMessage();
                    dead.add(r.batch() == null ? deadLetter(r.record(), reason)
                            : deadLetterEntry(r.record(), r.event(), r.batch(), r.entry(), reason));
                }
            }
            return (dead.isEmpty() ? Uni.createFrom().voidItem() : Uni.join().all(dead).andFailFast().replaceWithVoid())
                    .chain(() -> applyOnce(ids, entries));
        });
    }

    /** One person's news; {@code batch} the batch event it came in (null for a single event), at {@code entry}. */
    private record Received(ConsumerRecord<String, String> record, CloudEvent event, RosterBatchUpdated batch,
            int entry, RosterUpdated update) {
    }

    /** A batch's entries, in order; one over the limit goes to the dead-letter topic whole. */
    private void received(ConsumerRecord<String, String> record, CloudEvent event, RosterBatchUpdated batch,
            List<Received> received, List<Uni<Void>> dead) {
        if (batch.entries().size() > RosterBatchUpdated.MAX_ENTRIES) {
            LOG.warnf("roster batch %s refused: %d entries", event.id(), batch.entries().size());
            dead.add(deadLetter(record, "too many entries: " + batch.entries().size() + " (at most "
                    + RosterBatchUpdated.MAX_ENTRIES + ")"));
            return;
        }
        for (int i = 0; i < batch.entries().size(); i++) {
            try {
                received.add(new Received(record, event, batch, i, batch.update(i)));
            } catch (NullPointerException missing) { // an entry without personal ID, change or time
                LOG.warnf("roster event %s entry %d refused: %s missing", event.id(), i, missing.getMessage());
                dead.add(deadLetterEntry(record, event, batch, i, "invalid roster data: " + missing.getMessage()
                        + " missing"));
            }
        }
    }

    /**
     * The entries whose events were not seen before, a transaction per {@code entriesPerTransaction} (never splitting
     * an event: its id is recorded with the last of its entries), one after the other; each retried while the failure
     * may pass. A poll of batch events can hold millions of entries; a transaction holds what a file's does.
     * {@code ids} holds each entry's event id at the entry's {@code ref}.
     */
    private Uni<Void> applyOnce(List<UUID> ids, List<Roster.Entry> entries) {
        Uni<Void> applied = Uni.createFrom().voidItem();
        int from = 0;
        while (from < entries.size()) {
            int to = Math.min(from + entriesPerTransaction, entries.size());
            while (to < entries.size() && ids.get(entries.get(to).ref()).equals(ids.get(entries.get(to - 1).ref()))) {
                to++; // the rest of the event
            }
            List<Roster.Entry> chunk = entries.subList(from, to);
            Set<UUID> chunkIds = chunk.stream().map(e -> ids.get(e.ref())).collect(Collectors.toSet());
            applied = applied.chain(() -> Inbox.retried(() -> pool.withTransaction(conn -> Inbox.firstDeliveries(conn,
                            CONSUMER, chunkIds).chain(fresh -> roster.merge(conn, Roster.batch(chunk.stream()
                                    .filter(e -> fresh.contains(ids.get(e.ref()))).toList(), null)))))
                    .replaceWithVoid());
            from = to;
        }
        return applied;
    }

    /**
     * Entry {@code i} of a batch event as a batch of its own, with an id derived from the batch's and its place: put
     * back on the topic once fixed, it applies once however often it is put back.
     */
    private Uni<Void> deadLetterEntry(ConsumerRecord<String, String> record, CloudEvent batchEvent,
            RosterBatchUpdated batch, int i, String reason) {
        RosterBatchUpdated alone = new RosterBatchUpdated(batch.insurerNumber(), List.of(batch.entries().get(i)),
                batch.sentAt());
        CloudEvent event = CloudEvent.of(UUID.nameUUIDFromBytes((batchEvent.id() + "/" + i)
                .getBytes(StandardCharsets.UTF_8)), batchEvent.source(), alone, batchEvent.time());
        RecordHeaders headers = new RecordHeaders();
        event.headers().forEach(headers::add);
        headers.add("dead-letter-entry", Integer.toString(i).getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-event", batchEvent.id().toString().getBytes(StandardCharsets.UTF_8));
        return deadLetter(record, event.data(), headers, reason);
    }

    /** The record as received, with its headers and the reason, like the connector's own dead letters. */
    private Uni<Void> deadLetter(ConsumerRecord<String, String> record, String reason) {
        return deadLetter(record, record.value(), new RecordHeaders(record.headers().toArray()), reason);
    }

    private Uni<Void> deadLetter(ConsumerRecord<String, String> record, String value, RecordHeaders headers,
            String reason) {
        headers.add("dead-letter-reason", reason.getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-topic", record.topic().getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-partition", Integer.toString(record.partition()).getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-offset", Long.toString(record.offset()).getBytes(StandardCharsets.UTF_8));
        return deadLetters.sendMessage(Message.of(value).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(record.key()).withHeaders(headers).build()));
    }
}
