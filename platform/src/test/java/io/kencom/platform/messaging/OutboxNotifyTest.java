package io.kencom.platform.messaging;

import io.kencom.contracts.Topic;
import io.kencom.contracts.events.AccountVerified;
import io.kencom.testsupport.TopicReader;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A commit wakes the relay through PostgreSQL's NOTIFY: with the poll a minute away, the event still goes at once. */
@QuarkusTest
@TestProfile(OutboxNotifyTest.SlowPoll.class)
@QuarkusTestResource(DedicatedBroker.class)
class OutboxNotifyTest {

    public static class SlowPoll implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("kencom.outbox.interval", "PT1M");
        }
    }

    @Inject
    Outbox outbox;

    @Test
    void a_committed_event_is_sent_without_waiting_for_the_poll() throws Throwable {
        AccountVerified event = new AccountVerified(UUID.randomUUID(), "g-test", "06139992", Instant.now());
        try (TopicReader reader = TopicReader.fromNow(DedicatedBroker.BROKER,
                Topic.VERIFICATION_EVENTS.topicName())) {
            VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> outbox.publish(event)));
            reader.awaitRecord(r -> r.key().equals(event.subject()), Duration.ofSeconds(10));
        }
    }
}
