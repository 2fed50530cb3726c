package io.kencom.insuredverification.infra;

import io.kencom.contracts.CloudEvent;
import io.kencom.contracts.DomainEvent;
import io.kencom.contracts.UnreadableEventException;
import io.kencom.contracts.Topic;
import io.kencom.contracts.events.RosterBatchUpdated;
import io.kencom.contracts.events.RosterEvent;
import io.kencom.contracts.events.RosterUpdated;
import io.kencom.contracts.model.CardFormat;
import io.kencom.contracts.model.InsurerNumber;
import io.kencom.insuredverification.Roster;
import io.kencom.insuredverification.domain.FieldError;
import io.kencom.insuredverification.domain.RosterUpdate;
import io.kencom.platform.Clocks;
import io.kencom.platform.messaging.Inbox;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The Kafka side of the roster intake: insurers' roster events, a poll's batch at a time. Events seen before are
 * skipped (the inbox, by event id), the others are applied through {@link Roster#merge}, a transaction per
 * {@code kencom.roster.event-entries-per-transaction} entries, in the order the partition gave them. An event
 * that is unreadable or whose data cannot be a roster entry goes to the dead-letter topic with the reason (its
 * personal data never reaches a log), and the rest of the batch goes on. A {@link RosterBatchUpdated} is its entries
 * in order under the batch's one event id; an entry that cannot be a roster entry is dead-lettered alone, as a batch
 * of that one entry with an id of its own (so it can be put back on the topic once fixed), and the others apply —
 * one person's bad data does not hold back thousands of others (docs/topics.md). An event whose insurer is not its
 * topic's is dead-lettered whole: each insurer writes only its own topic, and so only its own roster.
 */
@ApplicationScoped
public class RosterEvents {

    private static final Logger LOG = Logger.getLogger(RosterEvents.class);
    static final String CONSUMER = "insured-verification-service/roster";

    private final Pool pool;
    private final Roster roster;
    private final Insurers insurers;
    private final Clock clock;
    private final RosterDeadLetters deadLetters;
    private final int entriesPerTransaction;

    RosterEvents(Pool pool, Roster roster, Insurers insurers, Clock clock,
            RosterDeadLetters deadLetters,
            @ConfigProperty(name = "kencom.roster.event-entries-per-transaction", defaultValue = "5000")
            int entriesPerTransaction) {
        this.pool = pool;
        this.entriesPerTransaction = entriesPerTransaction;
        this.roster = roster;
        this.insurers = insurers;
        this.clock = clock;
        this.deadLetters = deadLetters;
    }

    /**
     * A poll's records, a transaction's worth at a time: while one chunk is applied, the next is read and digested on
     * a worker thread, so PostgreSQL and this service work at the same time (as a roster file's batches do), and the
     * chunks still apply one after the other in the partition's order.
     */
    public Uni<Void> apply(List<ConsumerRecord<String, String>> records) {
        Poll poll = new Poll(records);
        return digestNext(poll).chain(first -> applyFrom(poll, first))
                .onFailure().invoke(e -> deadLetters.pollFailed(records, e));
    }

    private Uni<Void> applyFrom(Poll poll, Chunk chunk) {
        Uni<Boolean> applied = applyOnce(chunk).replaceWith(true);
        if (poll.done()) {
            return applied.replaceWithVoid();
        }
        return Uni.combine().all().unis(applied, digestNext(poll)).asTuple()
                .chain(both -> applyFrom(poll, both.getItem2()));
    }

    /** The next chunk of the poll, read and made into roster rows off the event loop. */
    private Uni<Chunk> digestNext(Poll poll) {
        return Uni.createFrom().item(poll::readNext).runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .chain(read -> {
                    Set<String> insurerNumbers = read.received().stream().map(r -> r.update().insurerNumber())
                            .collect(Collectors.toSet());
                    // Read as the merge is written: through a database outage it waits, it does not dead-letter.
                    return Inbox.retried(() -> insurers.cardFormats(pool, insurerNumbers))
                            .emitOn(Infrastructure.getDefaultWorkerPool())
                            .map(formats -> digest(read, formats));
                });
    }

    /** Records read from a poll, up to a transaction's worth of entries, and the dead letters among them. */
    private record Read(List<Received> received, List<Uni<Void>> dead) {
    }

    /** The entries of a chunk as roster rows ({@code ids}: each row's event id at its ref), and its dead letters. */
    private record Chunk(List<UUID> ids, List<RosterTable.Entry> entries, List<Uni<Void>> dead) {
    }

    /**
     * A poll's records, read one after the other: a chunk ends with the event whose entries reach
     * {@code entriesPerTransaction}, so an event is never split (its id is recorded with the last of its entries).
     * One chunk is read at a time (the next only once the last is digested), so its position needs no lock.
     */
    private final class Poll {
        private final List<ConsumerRecord<String, String>> records;
        private int next;

        Poll(List<ConsumerRecord<String, String>> records) {
            this.records = records;
        }

        boolean done() {
            return next >= records.size();
        }

        Read readNext() {
            List<Received> received = new ArrayList<>();
            List<Uni<Void>> dead = new ArrayList<>();
            while (!done() && received.size() < entriesPerTransaction) {
                read(records.get(next++), received, dead);
            }
            return new Read(received, dead);
        }
    }

    private void read(ConsumerRecord<String, String> record, List<Received> received, List<Uni<Void>> dead) {
        try {
            CloudEvent event = Inbox.read(record);
            DomainEvent parsed = event.event(); // parses: once per record
            if (parsed instanceof RosterEvent news && !isTopicsInsurer(record.topic(), news.insurerNumber())) {
                // echoed only when it is an insurer number: the field may hold anything a feed put there
                String insurer = InsurerNumber.problemWith(news.insurerNumber()).isEmpty() ? news.insurerNumber()
                        : "(not an insurer number)";
                LOG.warnf("roster event %s refused: insurer %s on %s", event.id(), insurer, record.topic());
                dead.add(deadLetters.record(record, "insurer " + insurer + " is not the insurer of "
                        + record.topic()));
            } else if (parsed instanceof RosterUpdated update) {
                received.add(new Received(record, event, null, -1, update));
            } else if (parsed instanceof RosterBatchUpdated batch) {
                received(record, event, batch, received, dead);
            } else {
                dead.add(deadLetters.record(record, "not a roster event: " + event.type()));
            }
        } catch (UnreadableEventException e) {
            dead.add(deadLetters.unreadable(record, e.getMessage()));
        }
    }

    /**
     * Whether a roster event names the insurer whose topic it came on: the broker lets an insurer write its own topic
     * only, and this keeps its topic to its own roster (docs/topics.md).
     */
    static boolean isTopicsInsurer(String topic, String insurerNumber) {
        return Topic.INSURER_ROSTER.insurerOf(topic).filter(own -> own.equals(insurerNumber)).isPresent();
    }

    private Chunk digest(Read read, Map<String, CardFormat> formats) {
        LocalDate today = Clocks.todayInJapan(clock);
        List<UUID> ids = new ArrayList<>();
        List<RosterTable.Entry> entries = new ArrayList<>();
        List<Uni<Void>> dead = new ArrayList<>(read.dead());
        for (Received r : read.received()) {
            try {
                CardFormat format = formats.get(r.update().insurerNumber());
                entries.add(roster.row(RosterUpdate.of(r.update(), format, today), ids.size()));
                ids.add(r.event().id());
            } catch (FieldError e) {
                LOG.warnf("roster event %s%s refused: %s", r.event().id(), r.batch() == null ? ""
                        : " entry " + r.entry(), e.getMessage());
                String reason = "invalid roster data: " + e.getMessage();
                dead.add(r.batch() == null ? deadLetters.record(r.record(), reason)
                        : deadLetters.entry(r.record(), r.event(), r.batch(), r.entry(), reason));
            }
        }
        return new Chunk(ids, entries, dead);
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
            dead.add(deadLetters.record(record, "too many entries: " + batch.entries().size() + " (at most "
                    + RosterBatchUpdated.MAX_ENTRIES + ")"));
            return;
        }
        for (int i = 0; i < batch.entries().size(); i++) {
            try {
                received.add(new Received(record, event, batch, i, batch.update(i)));
            } catch (NullPointerException missing) { // an entry without personal ID, change or time
                LOG.warnf("roster event %s entry %d refused: %s missing", event.id(), i, missing.getMessage());
                dead.add(deadLetters.entry(record, event, batch, i, "invalid roster data: " + missing.getMessage()
                        + " missing"));
            }
        }
    }

    /**
     * The chunk's dead letters sent, then its entries whose events were not seen before applied in one transaction,
     * retried while the failure may pass.
     */
    private Uni<Void> applyOnce(Chunk chunk) {
        Uni<Void> dead = chunk.dead().isEmpty() ? Uni.createFrom().voidItem()
                : Uni.join().all(chunk.dead()).andFailFast().replaceWithVoid();
        if (chunk.entries().isEmpty()) {
            return dead;
        }
        Set<UUID> chunkIds = Set.copyOf(chunk.ids());
        return dead.chain(() -> Inbox.retried(() -> pool.withTransaction(conn -> Inbox.firstDeliveries(conn,
                        CONSUMER, chunkIds).chain(fresh -> roster.merge(conn, RosterTable.batch(chunk.entries().stream()
                                .filter(e -> fresh.contains(chunk.ids().get(e.ref()))).toList(), null)))))
                .invoke(merged -> roster.applied(Roster.Source.EVENT, merged))
                .replaceWithVoid());
    }
}
