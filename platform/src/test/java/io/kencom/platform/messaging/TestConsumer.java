package io.kencom.platform.messaging;

import io.kencom.contracts.events.AccountVerified;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** The way a service consumes: through the inbox. Its effect is a row per applied event. */
@ApplicationScoped
public class TestConsumer {

    /** A group the test rule refuses: such an event is rejected for good. */
    static final String REFUSED_GROUP = "refused-group";

    @Inject
    Inbox inbox;

    @Incoming("verification-in")
    Uni<Void> consume(ConsumerRecord<String, String> record) {
        return inbox.handleOnce("platform-test", record, envelope -> {
            AccountVerified event = (AccountVerified) envelope.event();
            if (REFUSED_GROUP.equals(event.groupId())) {
                throw new RejectedEventException("the test rule refuses this group");
            }
            return Panache.getSession().chain(s -> s
                    .createNativeQuery("INSERT INTO applied_effect (subject, event_id) VALUES (:subject, :id)")
                    .setParameter("subject", envelope.subject())
                    .setParameter("id", envelope.id())
                    .executeUpdate()).replaceWithVoid();
        });
    }
}
