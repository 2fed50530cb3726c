package io.kencom.entitlement;

import io.kencom.contracts.events.AuthLevelChanged;
import io.kencom.contracts.model.AuthLevel;
import io.kencom.entitlement.domain.MemberFacts;
import io.kencom.entitlement.infra.MemberFactsRow;
import io.kencom.platform.messaging.Outbox;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Members' facts and the level derived from them (domain.md §2). A fact is merged into the member's row under a row
 * lock (one member's events come from three topics at once), and a changed level is published as
 * {@code AuthLevelChanged} in the same transaction.
 */
@ApplicationScoped
public class Levels {

    private static final Logger LOG = Logger.getLogger(Levels.class);

    private final Outbox outbox;
    private final Clock clock;

    Levels(Outbox outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Records one event's fact; runs inside the consumer's transaction. */
    public Uni<Void> record(UUID memberId, Object event) {
        if (!MemberFacts.isFact(event)) {
            return Uni.createFrom().voidItem();
        }
        return Panache.getSession()
                .chain(session -> session.createNativeQuery("INSERT INTO member_facts (member_id, level, level_changed_at) "
                                + "VALUES (:id, 'NONE', :now) ON CONFLICT DO NOTHING")
                        .setParameter("id", memberId)
                        .setParameter("now", clock.instant())
                        .executeUpdate())
                .chain(() -> MemberFactsRow.<MemberFactsRow>findById(memberId, LockModeType.PESSIMISTIC_WRITE))
                .chain(row -> {
                    MemberFacts facts = row.facts().with(event);
                    row.record(facts);
                    AuthLevel previous = row.level;
                    AuthLevel level = facts.level();
                    if (level == previous) {
                        return Uni.createFrom().voidItem();
                    }
                    row.level = level;
                    row.levelChangedAt = clock.instant();
                    // the member's id only (pseudonymous); with the trace id, it finds the request that caused it
                    LOG.infof("member %s: auth level %s -> %s", memberId, previous, level);
                    return outbox.publish(new AuthLevelChanged(memberId, facts.groupId(), level, previous,
                            row.levelChangedAt)).replaceWithVoid();
                });
    }
}
