package io.kencom.platform.messaging;

import io.kencom.contracts.CloudEvent;
import io.kencom.contracts.UnreadableEventException;
import io.kencom.platform.problem.Unavailable;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.jboss.logging.Logger;

/**
 * Idempotent consumption. The event id is recorded in {@code processed_event} in the same transaction as the
 * effect, so a redelivered event (a consumer restart, a rebalance, a relay that sent twice) has no second effect.
 * Passing failures are retried a few times; an unreadable or rejected event, or one that still fails, fails the
 * returned Uni so that the channel's dead-letter strategy moves it aside and the next messages go on. A database
 * that is away is waited for (up to {@link #OUTAGE}) instead: the event is not at fault, and the next ones would
 * meet the same.
 */
@ApplicationScoped
public class Inbox {

    private static final Logger LOG = Logger.getLogger(Inbox.class);
    private static final int ATTEMPTS = 4;
    /** How long a consumer waits for its database before the event goes to the dead-letter topic after all. */
    static final Duration OUTAGE = Duration.ofMinutes(5);

    private final DeadLetterCount deadLetters;

    Inbox(DeadLetterCount deadLetters) {
        this.deadLetters = deadLetters;
    }

    /**
     * Applies {@code effect} to the event in {@code record} once per {@code consumer}. The effect runs inside
     * a transaction that this method opens.
     */
    public Uni<Void> handleOnce(String consumer, ConsumerRecord<String, String> record,
            Function<CloudEvent, Uni<Void>> effect) {
        return handle(consumer, record, event -> Panache.withTransaction(() -> firstDelivery(consumer, event)
                .chain(first -> first ? effect.apply(event) : skipDuplicate(consumer, event))));
    }

    /**
     * The same for a service that works with the reactive SQL client: the effect gets the connection of the
     * transaction that records the event id.
     */
    public Uni<Void> handleOnce(Pool pool, String consumer, ConsumerRecord<String, String> record,
            BiFunction<SqlConnection, CloudEvent, Uni<Void>> effect) {
        return handle(consumer, record, event -> pool.withTransaction(conn -> firstDeliveries(conn, consumer,
                        List.of(event.id()))
                .chain(fresh -> fresh.isEmpty() ? skipDuplicate(consumer, event) : effect.apply(conn, event))));
    }

    /**
     * Records the ids in {@code conn}'s transaction and answers those not seen before by this consumer: for a
     * consumer that handles a batch of records in one transaction.
     */
    public static Uni<Set<UUID>> firstDeliveries(SqlConnection conn, String consumer, Collection<UUID> eventIds) {
        return conn.preparedQuery("INSERT INTO processed_event (consumer, event_id) SELECT $1, unnest($2::uuid[]) "
                        + "ON CONFLICT DO NOTHING RETURNING event_id")
                .execute(Tuple.of(consumer, eventIds.toArray(UUID[]::new)))
                .map(rows -> {
                    Set<UUID> fresh = new HashSet<>();
                    rows.forEach(row -> fresh.add(row.getUUID(0)));
                    return fresh;
                });
    }

    /** Reads a record's event; an unreadable one fails with {@link UnreadableEventException}, logged. */
    public static CloudEvent read(ConsumerRecord<String, String> record) {
        try {
            CloudEvent event = CloudEvent.fromKafka(headers(record), record.value());
            event.contract(); // an unknown type is unreadable too
            return event;
        } catch (UnreadableEventException e) {
            LOG.warnf("unreadable record %s-%d@%d: %s", record.topic(), record.partition(), record.offset(),
                    e.getMessage());
            throw e;
        }
    }

    private Uni<Void> handle(String consumer, ConsumerRecord<String, String> record,
            Function<CloudEvent, Uni<Void>> once) {
        CloudEvent event;
        try {
            event = read(record);
        } catch (UnreadableEventException e) {
            deadLetters.counted(consumer, DeadLetterCount.Cause.UNREADABLE);
            return Uni.createFrom().failure(e);
        }
        // A failure that reaches the channel sends the record to the dead-letter topic (its failure strategy).
        return retried(() -> once.apply(event))
                .onFailure().invoke(e -> {
                    LOG.warnf("%s could not process event %s (%s): %s", consumer, event.id(), event.type(),
                            e.toString());
                    deadLetters.counted(consumer, DeadLetterCount.Cause.of(e));
                });
    }

    private static Uni<Boolean> firstDelivery(String consumer, CloudEvent event) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("INSERT INTO processed_event (consumer, event_id) VALUES (:consumer, :id) "
                        + "ON CONFLICT DO NOTHING")
                .setParameter("consumer", consumer)
                .setParameter("id", event.id())
                .executeUpdate())
                .map(inserted -> inserted == 1);
    }

    private static Uni<Void> skipDuplicate(String consumer, CloudEvent event) {
        LOG.debugf("%s already processed event %s", consumer, event.id());
        return Uni.createFrom().voidItem();
    }

    /**
     * The inbox's retries: the work subscribed again, with backoff, while its failure may pass; for a consumer that
     * records ids itself ({@link #firstDeliveries}).
     */
    public static <T> Uni<T> retried(Supplier<Uni<? extends T>> work) {
        return Uni.createFrom().deferred(work)
                .onFailure(Unavailable::causedBy).retry().withBackOff(Duration.ofMillis(500), Duration.ofSeconds(10))
                .expireIn(OUTAGE.toMillis())
                .onFailure(Inbox::mayPass).retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(2))
                .atMost(ATTEMPTS - 1);
    }

    /** Whether a failure may pass on a retry: not when the event itself is at fault. */
    private static boolean mayPass(Throwable e) {
        return !(e instanceof UnreadableEventException || e instanceof RejectedEventException);
    }

    private static Map<String, byte[]> headers(ConsumerRecord<String, String> record) {
        Map<String, byte[]> headers = new HashMap<>();
        for (Header h : record.headers()) {
            headers.put(h.key(), h.value());
        }
        return headers;
    }
}
