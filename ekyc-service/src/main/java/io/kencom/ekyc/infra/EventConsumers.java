package io.kencom.ekyc.infra;

import io.kencom.contracts.Topic;
import io.kencom.contracts.events.AccountEnds;
import io.kencom.contracts.events.AccountVerified;
import io.kencom.contracts.events.AuthLevelChanged;
import io.kencom.contracts.events.GroupChanged;
import io.kencom.platform.messaging.Inbox;
import io.kencom.platform.messaging.ReplayableConsumers;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** What ekyc-service learns from the other services. */
@ApplicationScoped
public class EventConsumers implements ReplayableConsumers {

    private static final String CONSUMER = "ekyc-service";

    private final Inbox inbox;
    private final Pool pool;
    private final MemberTable members;

    EventConsumers(Inbox inbox, Pool pool, MemberTable members) {
        this.inbox = inbox;
        this.pool = pool;
        this.members = members;
    }

    /** Which groups link checkup data. */
    @Incoming("groups")
    Uni<Void> groups(ConsumerRecord<String, String> record) {
        return inbox.handleOnce(pool, CONSUMER, record, (conn, envelope) -> members.apply(conn,
                (GroupChanged) envelope.event()));
    }

    /** Each member's level: eKYC needs PERSONAL. */
    @Incoming("auth-levels")
    Uni<Void> levels(ConsumerRecord<String, String> record) {
        return inbox.handleOnce(pool, CONSUMER, record, (conn, envelope) -> members.apply(conn,
                (AuthLevelChanged) envelope.event()));
    }

    /** The insured person a member is linked to: a checkup code issued to one person is that member's only. */
    @Incoming("verifications")
    Uni<Void> verifications(ConsumerRecord<String, String> record) {
        return inbox.handleOnce(pool, CONSUMER, record, (conn, envelope) -> envelope.event() instanceof AccountVerified v
                ? members.apply(conn, v) : Uni.createFrom().voidItem());
    }

    /** A withdrawn or closed account: its applications, photos and secret question are deleted. */
    @Incoming("account-events")
    Uni<Void> accounts(ConsumerRecord<String, String> record) {
        return inbox.handleOnce(pool, CONSUMER, record, (conn, envelope) -> {
            UUID ended = AccountEnds.memberOf(envelope.event());
            return ended == null ? Uni.createFrom().voidItem() : members.forget(conn, ended);
        });
    }

    /** A dead letter applied again (DeadLetterReplay): by the consumer of the topic it came from. */
    @Override
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        return ReplayableConsumers.byTopic(record, Map.of(Topic.GROUPS, this::groups, Topic.AUTH_LEVELS, this::levels,
                Topic.VERIFICATION_EVENTS, this::verifications, Topic.ACCOUNT_EVENTS, this::accounts));
    }
}
