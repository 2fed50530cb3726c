package io.kencom.account.infra;

import io.kencom.account.Catalog;
import io.kencom.account.Members;
import io.kencom.contracts.Topic;
import io.kencom.contracts.events.AuthLevelChanged;
import io.kencom.contracts.events.GroupChanged;
import io.kencom.contracts.events.MemberDisaffiliated;
import io.kencom.contracts.events.MemberReaffiliated;
import io.kencom.platform.messaging.Inbox;
import io.kencom.platform.messaging.ReplayableConsumers;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** What account-service learns from the others, each event applied once through the inbox. */
@ApplicationScoped
public class EventConsumers implements ReplayableConsumers {

    private static final String CONSUMER = "account-service";

    private final Inbox inbox;
    private final Catalog catalog;
    private final Members members;

    EventConsumers(Inbox inbox, Catalog catalog, Members members) {
        this.inbox = inbox;
        this.catalog = catalog;
        this.members = members;
    }

    /** The group catalog, for the group ID check and the consent documents. */
    @Incoming("groups")
    Uni<Void> groups(ConsumerRecord<String, String> record) {
        return inbox.handleOnce(CONSUMER, record, envelope -> catalog.apply((GroupChanged) envelope.event()));
    }

    /** The level, mirrored into Keycloak so that tokens carry it. */
    @Incoming("auth-levels")
    Uni<Void> authLevels(ConsumerRecord<String, String> record) {
        return inbox.handleOnce(CONSUMER, record, envelope -> {
            AuthLevelChanged event = (AuthLevelChanged) envelope.event();
            return members.applyAuthLevel(event.memberId(), event.level());
        });
    }

    /** Loss and regain of qualification: the 100-day rule of an address (domain.md Q4). */
    @Incoming("verification-events")
    Uni<Void> verification(ConsumerRecord<String, String> record) {
        return inbox.handleOnce(CONSUMER, record, envelope -> {
            Object event = envelope.event();
            if (event instanceof MemberDisaffiliated lost) {
                return members.qualificationLost(lost.memberId(), lost.qualificationLostOn());
            }
            if (event instanceof MemberReaffiliated regained) {
                return members.qualificationRegained(regained.memberId());
            }
            return Uni.createFrom().voidItem(); // AccountVerified: not this service's concern
        });
    }

    /** A dead letter applied again (DeadLetterReplay): by the consumer of the topic it came from. */
    @Override
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        return ReplayableConsumers.byTopic(record, Map.of(Topic.GROUPS, this::groups,
                Topic.AUTH_LEVELS, this::authLevels, Topic.VERIFICATION_EVENTS, this::verification));
    }
}
