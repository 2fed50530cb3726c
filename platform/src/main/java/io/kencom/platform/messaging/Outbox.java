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
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Publishes events atomically with the change they announce: the event is written to the outbox table in the
 * caller's transaction and {@link OutboxRelay} sends it to Kafka after commit. A rolled-back change therefore
 * never reaches Kafka, and a committed one always does (at least once; consumers deduplicate by event id).
 *
 * <p>A service publishes only to the topics it declares in {@code kencom.outbox.topics}: the broker lets each service
 * write exactly those (its KafkaUser's ACLs in deploy/k8s, checked against this list), so an undeclared topic is
 * refused here, in the caller's transaction, rather than by the broker after commit.
 *
 * <p>The row keeps the trace of the request or event that wrote it ({@link TraceContext}), so that the event sent later
 * by the relay continues that trace rather than starting one of its own.
 */
@ApplicationScoped
public class Outbox {

    private final String source;
    private final Set<String> topics;
    private final Clock clock;

    Outbox(@ConfigProperty(name = "quarkus.application.name") String applicationName,
            @ConfigProperty(name = "kencom.outbox.topics") Optional<List<String>> topics, Clock clock) {
        this.source = "/" + applicationName;
        this.topics = Set.copyOf(topics.orElse(List.of()));
        this.clock = clock;
    }

    /**
     * Adds the event to the current transaction. Must run inside {@code Panache.withTransaction}: outside one
     * the write would commit on its own and break the atomicity this class exists for.
     */
    public Uni<CloudEvent> publish(DomainEvent event) {
        CloudEvent envelope = envelope(event);
        TraceContext trace = TraceContext.current(); // the caller's, before the chain goes on elsewhere
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
            row.traceparent = trace.traceparent();
            row.tracestate = trace.tracestate();
            return row.persist().replaceWith(envelope);
        });
    }

    /**
     * The same for a service that works with the reactive SQL client: {@code conn} must be in the transaction of the
     * change (e.g. inside {@code Pool.withTransaction}).
     */
    public Uni<CloudEvent> publish(SqlConnection conn, DomainEvent event) {
        CloudEvent envelope = envelope(event);
        TraceContext trace = TraceContext.current();
        return conn.preparedQuery("INSERT INTO outbox_event (event_id, topic, record_key, type, source, payload, "
                        + "occurred_at, traceparent, tracestate) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)")
                .execute(Tuple.from(Arrays.asList(envelope.id(), topic(event), envelope.subject(), envelope.type(),
                        envelope.source(), envelope.data(), envelope.time().atOffset(ZoneOffset.UTC),
                        trace.traceparent(), trace.tracestate())))
                .replaceWith(envelope);
    }

    private CloudEvent envelope(DomainEvent event) {
        return CloudEvent.of(UUID.randomUUID(), source, event, clock.instant());
    }

    private String topic(DomainEvent event) {
        String topic = EventContract.of(event).topicName(event);
        if (!topics.contains(topic)) {
            throw new IllegalStateException(event.getClass().getSimpleName() + " goes to " + topic
                    + ", which is not among kencom.outbox.topics " + topics);
        }
        return topic;
    }
}
