package io.kencom.entitlement.infra;

import io.kencom.contracts.DomainEvent;
import io.kencom.contracts.Topic;
import io.kencom.entitlement.Levels;
import io.kencom.platform.messaging.Inbox;
import io.kencom.platform.messaging.ReplayableConsumers;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * The facts entitlement-service derives levels from, each event applied once through the inbox. Every event on
 * these topics is keyed by the member id (its CloudEvents subject); events that carry no fact change nothing.
 */
@ApplicationScoped
public class EventConsumers implements ReplayableConsumers {

    private static final String CONSUMER = "entitlement-service";

    private final Inbox inbox;
    private final Levels levels;

    EventConsumers(Inbox inbox, Levels levels) {
        this.inbox = inbox;
        this.levels = levels;
    }

    /** AccountCreated, MemberWithdrew, AccountClosed. */
    @Incoming("account-events")
    Uni<Void> account(ConsumerRecord<String, String> record) {
        return recordFact(record);
    }

    /** AccountVerified, MemberDisaffiliated, MemberReaffiliated. */
    @Incoming("verification-events")
    Uni<Void> verification(ConsumerRecord<String, String> record) {
        return recordFact(record);
    }

    /** EkycApproved (the other eKYC events are steps, not facts). */
    @Incoming("ekyc-events")
    Uni<Void> ekyc(ConsumerRecord<String, String> record) {
        return recordFact(record);
    }

    private Uni<Void> recordFact(ConsumerRecord<String, String> record) {
        return inbox.handleOnce(CONSUMER, record, envelope -> {
            DomainEvent event = envelope.event();
            return levels.record(UUID.fromString(event.subject()), event);
        });
    }

    /** A dead letter applied again (DeadLetterReplay): by the consumer of the topic it came from. */
    @Override
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        return ReplayableConsumers.byTopic(record, Map.of(Topic.ACCOUNT_EVENTS, this::account,
                Topic.VERIFICATION_EVENTS, this::verification, Topic.EKYC_EVENTS, this::ekyc));
    }
}
