package io.kencom.platform.messaging;

import io.kencom.contracts.Topic;
import io.kencom.contracts.events.AccountVerified;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** The way a service consumes: through the inbox. Its effect is a row per applied event. */
@ApplicationScoped
public class TestConsumer implements ReplayableConsumers {

    /** A group the test rule refuses: such an event is rejected for good. */
    static final String REFUSED_GROUP = "refused-group";
    /** A group the test rule refuses until a test fixes it ({@link #fixed}): a dead letter a replay can apply. */
    static final String FIXABLE_GROUP = "fixable-group";
    static volatile boolean fixed;

    @Inject
    Inbox inbox;

    @Incoming("verification-in")
    Uni<Void> verifications(ConsumerRecord<String, String> record) {
        return inbox.handleOnce("platform-test", record, envelope -> {
            AccountVerified event = (AccountVerified) envelope.event();
            if (REFUSED_GROUP.equals(event.groupId()) || FIXABLE_GROUP.equals(event.groupId()) && !fixed) {
                throw new RejectedEventException("the test rule refuses this group");
            }
            return Panache.getSession().chain(s -> s
                    .createNativeQuery("INSERT INTO applied_effect (subject, event_id) VALUES (:subject, :id)")
                    .setParameter("subject", envelope.subject())
                    .setParameter("id", envelope.id())
                    .executeUpdate()).replaceWithVoid();
        });
    }

    @Override
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        return ReplayableConsumers.byTopic(record, Map.of(Topic.VERIFICATION_EVENTS, this::verifications));
    }
}
