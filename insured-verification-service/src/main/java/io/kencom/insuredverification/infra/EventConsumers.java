package io.kencom.insuredverification.infra;

import io.kencom.contracts.Topic;
import io.kencom.contracts.events.AccountEnds;
import io.kencom.contracts.events.GroupChanged;
import io.kencom.insuredverification.Verifications;
import io.kencom.platform.messaging.Inbox;
import io.kencom.platform.messaging.ReplayableConsumers;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** What insured-verification-service learns from insurers and the other services. */
@ApplicationScoped
public class EventConsumers implements ReplayableConsumers {

    private static final String CONSUMER = "insured-verification-service";

    private final Inbox inbox;
    private final Pool pool;
    private final Insurers insurers;
    private final RosterEvents roster;
    private final Verifications verifications;

    EventConsumers(Inbox inbox, Pool pool, Insurers insurers, RosterEvents roster, Verifications verifications) {
        this.inbox = inbox;
        this.pool = pool;
        this.insurers = insurers;
        this.roster = roster;
        this.verifications = verifications;
    }

    /** Insurers' rosters (加入者名簿), a poll's batch at a time for bulk speed. */
    @Incoming("roster")
    Uni<Void> roster(ConsumerRecords<String, String> records) {
        List<ConsumerRecord<String, String>> all = new ArrayList<>(records.count());
        records.forEach(all::add);
        return roster.apply(all);
    }

    /** One roster record, as a poll of its own (a dead letter applied again). */
    private Uni<Void> rosterRecord(ConsumerRecord<String, String> record) {
        return roster.apply(List.of(record));
    }

    /** The group catalog: insurer numbers and card formats. */
    @Incoming("groups")
    Uni<Void> groups(ConsumerRecord<String, String> record) {
        return inbox.handleOnce(pool, CONSUMER, record, (conn, envelope) -> insurers.apply(conn,
                (GroupChanged) envelope.event()));
    }

    /** A withdrawn or closed account frees its insured person (domain.md Q8, Q4). */
    @Incoming("account-events")
    Uni<Void> accounts(ConsumerRecord<String, String> record) {
        return inbox.handleOnce(pool, CONSUMER, record, (conn, envelope) -> {
            UUID ended = AccountEnds.memberOf(envelope.event());
            return ended == null ? Uni.createFrom().voidItem() : verifications.forget(conn, ended);
        });
    }

    /** A dead letter applied again (DeadLetterReplay): by the consumer of the topic it came from. */
    @Override
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        return ReplayableConsumers.byTopic(record, Map.of(Topic.INSURER_ROSTER, this::rosterRecord,
                Topic.GROUPS, this::groups, Topic.ACCOUNT_EVENTS, this::accounts));
    }
}
