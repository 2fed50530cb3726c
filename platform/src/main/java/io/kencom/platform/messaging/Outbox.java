package io.kencom.platform.messaging;

import io.kencom.contracts.CloudEvent;
import io.kencom.contracts.DomainEvent;
import io.kencom.contracts.EventContract;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Publishes events atomically with the change they announce: the event is written to the outbox table in the
 * caller's transaction and {@link OutboxRelay} sends it to Kafka after commit. A rolled-back change therefore
 * never reaches Kafka, and a committed one always does (at least once; consumers deduplicate by event id).
 */
@ApplicationScoped
public class Outbox {

    private final String source;
    private final Clock clock;

    Outbox(@ConfigProperty(name = "quarkus.application.name") String applicationName, Clock clock) {
        this.source = "/" + applicationName;
        this.clock = clock;
    }

    /**
     * Adds the event to the current transaction. Must run inside {@code Panache.withTransaction}: outside one
     * the write would commit on its own and break the atomicity this class exists for.
     */
    public Uni<CloudEvent> publish(DomainEvent event) {
        CloudEvent envelope = envelope(event);
        return Panache.currentTransaction().chain(tx -> {
            if (tx == null) {
                return Uni.createFrom().failure(new IllegalStateException(
                        "Outbox.publish must run inside Panache.withTransaction"));
            }
            OutboxEvent row = new OutboxEvent();
            row.eventId = envelope.id();
            row.topic = topic(event);
            row.recordKey = envelope.subject();
            row.type = envelope.type();
            row.source = envelope.source();
            row.payload = envelope.data();
            row.occurredAt = envelope.time();
            return row.persist().replaceWith(envelope);
        });
    }

    /**
     * The same for a service that works with the reactive SQL client: {@code conn} must be in the transaction of the
     * change (e.g. inside {@code Pool.withTransaction}).
     */
    public Uni<CloudEvent> publish(SqlConnection conn, DomainEvent event) {
        CloudEvent envelope = envelope(event);
        return conn.preparedQuery("INSERT INTO outbox_event (event_id, topic, record_key, type, source, payload, "
                        + "occurred_at) VALUES ($1, $2, $3, $4, $5, $6, $7)")
                .execute(Tuple.from(java.util.List.of(envelope.id(), topic(event), envelope.subject(), envelope.type(),
                        envelope.source(), envelope.data(), envelope.time().atOffset(ZoneOffset.UTC))))
                .replaceWith(envelope);
    }

    private CloudEvent envelope(DomainEvent event) {
        return CloudEvent.of(UUID.randomUUID(), source, event, clock.instant());
    }

    private static String topic(DomainEvent event) {
        return EventContract.of(event).topic().topicName();
    }
}
