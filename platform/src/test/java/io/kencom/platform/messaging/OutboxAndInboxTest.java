package io.kencom.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kencom.contracts.CloudEvent;
import io.kencom.contracts.Topic;
import io.kencom.contracts.events.AccountVerified;
import io.kencom.contracts.events.MemberWithdrew;
import io.kencom.testsupport.Events;
import io.kencom.testsupport.TopicReader;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(DedicatedBroker.class)
class OutboxAndInboxTest {

    private static final String EVENTS = Topic.VERIFICATION_EVENTS.topicName();
    private static final String DEAD_LETTERS = Topic.VERIFICATION_DEAD_LETTER.topicName();

    @Inject
    Outbox outbox;

    @Inject
    Pool pool;

    @Inject
    InboxPruning pruning;

    @Inject
    MeterRegistry registry;

    @Inject
    DeadLetterReplay replay;

    @Test
    void a_committed_event_reaches_kafka_as_a_cloud_event_keyed_by_its_subject() {
        AccountVerified event = verified(UUID.randomUUID());
        try (TopicReader reader = reader(EVENTS)) {
            CloudEvent sent = publishCommitted(event);

            ConsumerRecord<String, String> record = reader.awaitRecord(r -> r.key().equals(event.subject()));
            assertThat(TopicReader.header(record, "ce_id")).isEqualTo(sent.id().toString());
            assertThat(TopicReader.header(record, "ce_type")).isEqualTo("AccountVerified.v1");
            assertThat(TopicReader.header(record, "ce_source")).isEqualTo("/platform-test");
            assertThat(TopicReader.header(record, "ce_subject")).isEqualTo(event.subject());
            assertThat(TopicReader.header(record, "ce_specversion")).isEqualTo("1.0");
            assertThat(TopicReader.envelope(record).event()).isEqualTo(event);
        }
        await().until(() -> outboxRows(event.subject()) == 0);
    }

    @Test
    void an_event_goes_out_in_the_trace_of_the_request_that_wrote_it() {
        AccountVerified event = verified(UUID.randomUUID());
        SpanContext request = SpanContext.create("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7",
                TraceFlags.getSampled(), TraceState.builder().put("kencom", "test").build());
        try (TopicReader reader = reader(EVENTS)) {
            onVertx(() -> Panache.withTransaction(() -> {
                try (Scope inTheRequest = Context.root().with(Span.wrap(request)).makeCurrent()) {
                    return outbox.publish(event);
                }
            }));

            ConsumerRecord<String, String> record = reader.awaitRecord(r -> r.key().equals(event.subject()));
            // CloudEvents' distributed-tracing extension: the writer's span, sent later by the relay
            assertThat(TopicReader.header(record, "ce_traceparent"))
                    .isEqualTo("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
            assertThat(TopicReader.header(record, "ce_tracestate")).isEqualTo("kencom=test");
        }
    }

    @Test
    void an_event_written_outside_any_trace_carries_none() {
        AccountVerified event = verified(UUID.randomUUID());
        try (TopicReader reader = reader(EVENTS)) {
            publishCommitted(event);

            ConsumerRecord<String, String> record = reader.awaitRecord(r -> r.key().equals(event.subject()));
            assertThat(record.headers().lastHeader("ce_traceparent")).isNull();
            assertThat(record.headers().lastHeader("ce_tracestate")).isNull();
        }
    }

    @Test
    void an_event_written_in_a_rolled_back_transaction_never_reaches_kafka() {
        AccountVerified rolledBack = verified(UUID.randomUUID());
        AccountVerified committedAfter = verified(UUID.randomUUID());
        try (TopicReader reader = reader(EVENTS)) {
            Throwable failure = onVertx(() -> Panache.withTransaction(() -> outbox.publish(rolledBack)
                            .chain(() -> Uni.createFrom().failure(new IllegalStateException("the change failed"))))
                    .onItem().<Throwable>transform(x -> null)
                    .onFailure().recoverWithItem(e -> e));
            assertThat(failure).hasMessage("the change failed");
            publishCommitted(committedAfter);

            // The relay sends in outbox order: once the later event is on the topic, the earlier one would be too.
            reader.awaitRecord(r -> r.key().equals(committedAfter.subject()));
            assertThat(reader.poll()).noneMatch(r -> r.key().equals(rolledBack.subject()));
        }
        assertThat(outboxRows(rolledBack.subject())).isZero();
    }

    @Test
    void an_event_for_a_topic_the_service_did_not_declare_is_refused_and_nothing_is_written() {
        UUID member = UUID.randomUUID();
        Throwable failure = onVertx(() -> Panache.withTransaction(
                        () -> outbox.publish(new MemberWithdrew(member, "g-test", Instant.now())))
                .onItem().<Throwable>transform(x -> null)
                .onFailure().recoverWithItem(e -> e));

        assertThat(failure).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("kencom.account.events").hasMessageContaining("kencom.outbox.topics");
        assertThat(outboxRows(member.toString())).isZero();
    }

    @Test
    void publishing_outside_a_transaction_is_refused() {
        Throwable failure = onVertx(() -> Panache.withSession(() -> outbox.publish(verified(UUID.randomUUID())))
                .onItem().<Throwable>transform(x -> null)
                .onFailure().recoverWithItem(e -> e));
        assertThat(failure).isInstanceOf(IllegalStateException.class).hasMessageContaining("withTransaction");
    }

    @Test
    void the_same_event_delivered_twice_has_one_effect() {
        AccountVerified event = verified(UUID.randomUUID());
        CloudEvent envelope = CloudEvent.of(UUID.randomUUID(), "/test", event, Instant.now());
        AccountVerified marker = verified(UUID.randomUUID());

        send(envelope);
        send(envelope);
        send(CloudEvent.of(UUID.randomUUID(), "/test", marker, Instant.now()));

        // Same partition (same key order), so once the marker is applied both copies were seen.
        await().until(() -> effects(marker.subject()) == 1);
        assertThat(effects(event.subject())).isEqualTo(1);
    }

    @Test
    void ids_past_the_inbox_s_keep_are_forgotten_and_younger_ones_still_stop_a_redelivery() {
        AccountVerified event = verified(UUID.randomUUID());
        CloudEvent envelope = CloudEvent.of(UUID.randomUUID(), "/test", event, Instant.now());
        send(envelope);
        await().until(() -> effects(event.subject()) == 1);
        UUID forgotten = UUID.randomUUID();
        pool.preparedQuery("INSERT INTO processed_event (consumer, event_id, processed_at) "
                        + "VALUES ('platform-test', $1, now() - interval '22 days')")
                .execute(Tuple.of(forgotten)).await().atMost(Duration.ofSeconds(10));
        pool.preparedQuery("UPDATE processed_event SET processed_at = now() - interval '20 days' WHERE event_id = $1")
                .execute(Tuple.of(envelope.id())).await().atMost(Duration.ofSeconds(10));

        long pruned = pruning.prune().await().atMost(Duration.ofSeconds(10));

        assertThat(pruned).isPositive();
        assertThat(processedRows(forgotten)).isZero();
        assertThat(processedRows(envelope.id())).isEqualTo(1);
        AccountVerified marker = verified(UUID.randomUUID());
        send(envelope);
        send(CloudEvent.of(UUID.randomUUID(), "/test", marker, Instant.now()));
        await().until(() -> effects(marker.subject()) == 1);
        assertThat(effects(event.subject())).isEqualTo(1);
    }

    @Test
    void a_poison_message_goes_to_the_dead_letter_topic_and_the_messages_behind_it_are_processed() {
        UUID member = UUID.randomUUID();
        CloudEvent good = CloudEvent.of(UUID.randomUUID(), "/test", verified(member), Instant.now());
        CloudEvent unreadable = new CloudEvent(UUID.randomUUID(), "/test", "AccountVerified.v1", member.toString(),
                Instant.now(), "{not json");
        CloudEvent refused = CloudEvent.of(UUID.randomUUID(), "/test",
                new AccountVerified(member, TestConsumer.REFUSED_GROUP, "06139992", Instant.now()), Instant.now());

        double unreadableBefore = deadLettersCounted("UNREADABLE");
        double refusedBefore = deadLettersCounted("REJECTED");
        try (TopicReader deadLetters = reader(DEAD_LETTERS)) {
            send(unreadable);
            send(refused);
            send(good);

            await().until(() -> effects(member.toString()) == 1);
            ConsumerRecord<String, String> first = deadLetters.awaitRecord(
                    r -> unreadable.id().toString().equals(TopicReader.header(r, "ce_id")));
            ConsumerRecord<String, String> second = deadLetters.awaitRecord(
                    r -> refused.id().toString().equals(TopicReader.header(r, "ce_id")));

            assertThat(first.value()).isEqualTo("{not json");
            assertThat(TopicReader.header(first, "dead-letter-topic")).isEqualTo(EVENTS);
            assertThat(TopicReader.header(first, "dead-letter-reason")).contains("does not fit its record");
            assertThat(TopicReader.header(second, "dead-letter-reason")).contains("the test rule refuses this group");
            assertThat(deadLetters.poll()).noneMatch(r -> good.id().toString().equals(TopicReader.header(r, "ce_id")));
        }
        // What ops are alerted by (docs/operations.md): each dead letter counted once, by its cause.
        assertThat(deadLettersCounted("UNREADABLE")).isEqualTo(unreadableBefore + 1);
        assertThat(deadLettersCounted("REJECTED")).isEqualTo(refusedBefore + 1);
    }

    @Test
    void a_dead_letter_waits_until_a_replay_applies_it_once_after_the_fix() {
        UUID member = UUID.randomUUID();
        CloudEvent refusedUntilFixed = CloudEvent.of(UUID.randomUUID(), "/test",
                new AccountVerified(member, TestConsumer.FIXABLE_GROUP, "06139992", Instant.now()), Instant.now());
        TestConsumer.fixed = false;
        try (TopicReader deadLetters = reader(DEAD_LETTERS)) {
            replay.sample();
            double before = gauge("kencom.dead.letters.waiting");
            send(refusedUntilFixed);
            deadLetters.awaitRecord(r -> refusedUntilFixed.id().toString().equals(TopicReader.header(r, "ce_id")));

            // ops see it wait: the gauge, and the list (where from, what, why; never its data)
            replay.sample();
            assertThat(gauge("kencom.dead.letters.waiting")).isEqualTo(before + 1);
            assertThat(replay.waiting(1000)).filteredOn(w -> w.eventId().equals(refusedUntilFixed.id().toString()))
                    .singleElement().satisfies(w -> {
                        assertThat(w.fromTopic()).isEqualTo(EVENTS);
                        assertThat(w.type()).isEqualTo("AccountVerified.v1");
                        assertThat(w.reason()).contains("the test rule refuses this group");
                        assertThat(w.replays()).isZero();
                    });

            // replayed before the fix: refused again, back on the topic with its count of replays, still waiting
            DeadLetterReplay.Replayed tooSoon = replay.replay();
            assertThat(tooSoon.applied()).isZero();
            assertThat(tooSoon.deadLetteredAgain()).isPositive();
            ConsumerRecord<String, String> again = deadLetters.awaitRecord(r -> refusedUntilFixed.id().toString()
                    .equals(TopicReader.header(r, "ce_id")) && "1".equals(TopicReader.header(r, "dead-letter-replays")));
            assertThat(TopicReader.header(again, "dead-letter-topic")).isEqualTo(EVENTS);
            assertThat(effects(member.toString())).isZero();

            // fixed, replayed: applied once; what still waits is only what is refused for good
            TestConsumer.fixed = true;
            DeadLetterReplay.Replayed replayed = replay.replay();
            assertThat(replayed.applied()).isPositive();
            assertThat(replayed.stillWaiting()).isEqualTo(replayed.deadLetteredAgain());
            assertThat(effects(member.toString())).isEqualTo(1);
            assertThat(replay.waiting(1000)).noneMatch(w -> w.eventId().equals(refusedUntilFixed.id().toString()));
            replay.sample();
            assertThat(gauge("kencom.dead.letters.waiting")).isEqualTo(replayed.stillWaiting());
        } finally {
            TestConsumer.fixed = false;
        }
        // a second replay has nothing of it left to apply
        replay.replay();
        assertThat(effects(member.toString())).isEqualTo(1);
    }

    private double deadLettersCounted(String cause) {
        return registry.counter("kencom.dead.letters", "consumer", "platform-test", "cause", cause).count();
    }

    @Test
    void the_relay_resumes_after_the_broker_was_down() {
        AccountVerified event = verified(UUID.randomUUID());
        try (TopicReader reader = reader(EVENTS)) {
            DedicatedBroker.stopBroker();
            try {
                publishCommitted(event);
                // While the broker is down the event waits in the outbox; nothing is dropped.
                await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                        .until(() -> outboxRows(event.subject()) == 1);
                // ...and ops see it wait: the backlog and its oldest row's age (the alert KencomOutboxStuck).
                await().atMost(Duration.ofSeconds(10)).until(() -> gauge("kencom.outbox.backlog") >= 1
                        && gauge("kencom.outbox.oldest.age") >= 3);
            } finally {
                DedicatedBroker.startBroker();
            }
            reader.awaitRecord(r -> r.key().equals(event.subject()));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> outboxRows(event.subject()) == 0);
        await().atMost(Duration.ofSeconds(60)).until(() -> effects(event.subject()) == 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> gauge("kencom.outbox.oldest.age") < 3);
    }

    private double gauge(String name) {
        return registry.get(name).gauge().value();
    }

    private CloudEvent publishCommitted(AccountVerified event) {
        return onVertx(() -> Panache.withTransaction(() -> outbox.publish(event)));
    }

    /** Hibernate Reactive runs on a Vert.x context only; tests call it from theirs. */
    private static <T> T onVertx(Supplier<Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(work);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private long outboxRows(String subject) {
        return count("SELECT count(*) FROM outbox_event WHERE record_key = $1", subject);
    }

    private long effects(String subject) {
        return count("SELECT count(*) FROM applied_effect WHERE subject = $1", subject);
    }

    private long processedRows(UUID eventId) {
        return pool.preparedQuery("SELECT count(*) FROM processed_event WHERE event_id = $1").execute(Tuple.of(eventId))
                .await().atMost(Duration.ofSeconds(10)).iterator().next().getLong(0);
    }

    private long count(String sql, String subject) {
        return pool.preparedQuery(sql).execute(Tuple.of(subject)).await().atMost(Duration.ofSeconds(10))
                .iterator().next().getLong(0);
    }

    private static AccountVerified verified(UUID member) {
        return new AccountVerified(member, "g-test", "06139992", Instant.now());
    }

    private static TopicReader reader(String topic) {
        return TopicReader.fromNow(DedicatedBroker.BROKER, topic);
    }

    private static void send(CloudEvent event) {
        Events.publish(DedicatedBroker.BROKER, event);
    }

}
