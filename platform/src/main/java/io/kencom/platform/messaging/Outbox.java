package io.kencom.platform.messaging;

import io.kencom.contracts.CloudEvent;
import io.kencom.contracts.DomainEvent;
import io.kencom.contracts.EventContract;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
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
        CloudEvent envelope = CloudEvent.of(UUID.randomUUID(), source, event, clock.instant());
        return Panache.currentTransaction().chain(tx -> {
            if (tx == null) {
                return Uni.createFrom().failure(new IllegalStateException(
                        "Outbox.publish must run inside Panache.withTransaction"));
            }
            OutboxEvent row = new OutboxEvent();
            row.eventId = envelope.id();
            row.topic = EventContract.of(event).topic().topicName();
            row.recordKey = envelope.subject();
            row.type = envelope.type();
            row.source = envelope.source();
            row.payload = envelope.data();
            row.occurredAt = envelope.time();
            return row.persist().replaceWith(envelope);
        });
    }
}
