package io.kencom.insuredverification;

import io.kencom.contracts.CloudEvent;
import io.kencom.contracts.UnreadableEventException;
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
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Insurers' roster events, a poll's batch at a time: events seen before are skipped (the inbox, by event id), the
 * others are applied in one transaction through {@link Roster#merge}, in the order the partition gave them. An event
 * that is unreadable or whose data cannot be a roster entry goes to the dead-letter topic with the reason (its
 * personal data never reaches a log), and the rest of the batch goes on.
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

    RosterEvents(Pool pool, Roster roster, Insurers insurers, Clock clock,
            @Channel("dead-letters") MutinyEmitter<String> deadLetters) {
        this.pool = pool;
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
                if (event.event() instanceof RosterUpdated update) { // event() parses: once per record
                    received.add(new Received(record, event.id(), update));
                } else {
                    dead.add(deadLetter(record, "not a roster event: " + event.type()));
                }
            } catch (UnreadableEventException e) {
                dead.add(deadLetter(record, e.getMessage()));
            }
        }
        Set<String> insurerNumbers = received.stream().map(r -> r.update().insurerNumber()).collect(Collectors.toSet());
        return insurers.cardFormats(pool, insurerNumbers).chain(formats -> {
            LocalDate today = Clocks.todayInJapan(clock);
            List<UUID> ids = new ArrayList<>();
            List<Roster.Entry> entries = new ArrayList<>();
            for (Received r : received) {
                try {
                    CardFormat format = formats.get(r.update().insurerNumber());
                    entries.add(roster.row(RosterUpdate.of(r.update(), format, today), ids.size()));
                    ids.add(r.eventId());
                } catch (FieldError e) {
                    LOG.warnf("roster event %s refused: %s", r.eventId(), e.getMessage());
                    dead.add(deadLetter(r.record(), "invalid roster data: " + e.getMessage()));
                }
            }
            return (dead.isEmpty() ? Uni.createFrom().voidItem() : Uni.join().all(dead).andFailFast().replaceWithVoid())
                    .chain(() -> applyOnce(ids, entries));
        });
    }

    private record Received(ConsumerRecord<String, String> record, UUID eventId, RosterUpdated update) {
    }

    /** The entries whose events were not seen before, in one transaction; retried while the failure may pass. */
    private Uni<Void> applyOnce(List<UUID> ids, List<Roster.Entry> entries) {
        if (entries.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Inbox.retried(() -> pool.withTransaction(conn -> Inbox.firstDeliveries(conn, CONSUMER, ids)
                        .chain(fresh -> roster.merge(conn, Roster.batch(entries.stream()
                                .filter(e -> fresh.contains(ids.get(e.ref()))).toList(), null)))))
                .replaceWithVoid();
    }

    /** The record as received, with its headers and the reason, like the connector's own dead letters. */
    private Uni<Void> deadLetter(ConsumerRecord<String, String> record, String reason) {
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        headers.add("dead-letter-reason", reason.getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-topic", record.topic().getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-partition", Integer.toString(record.partition()).getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-offset", Long.toString(record.offset()).getBytes(StandardCharsets.UTF_8));
        return deadLetters.sendMessage(Message.of(record.value()).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(record.key()).withHeaders(headers).build()));
    }
}
