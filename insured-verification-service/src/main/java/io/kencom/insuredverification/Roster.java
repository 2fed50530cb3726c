package io.kencom.insuredverification;

import io.kencom.contracts.events.MemberDisaffiliated;
import io.kencom.contracts.events.MemberReaffiliated;
import io.kencom.insuredverification.domain.InsuredPerson;
import io.kencom.insuredverification.domain.LinkLife;
import io.kencom.insuredverification.domain.RosterUpdate;
import io.kencom.insuredverification.infra.RosterTable;
import io.kencom.insuredverification.infra.RosterTable.Batch;
import io.kencom.insuredverification.infra.RosterTable.Entry;
import io.kencom.insuredverification.infra.RosterTable.LinkState;
import io.kencom.insuredverification.infra.RosterTable.Merged;
import io.kencom.platform.Clocks;
import io.kencom.platform.crypto.PersonReferences;
import io.kencom.platform.crypto.Secrets;
import io.kencom.platform.messaging.Outbox;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Applies roster news in bulk, the same way for insurers' events and files: the rows written ({@link RosterTable}),
 * then the news' meaning for linked members ({@link LinkLife}) published through the outbox in the same transaction.
 * Writers of one insurer's roster are serialised by an advisory lock, which verifications of that insurer take shared:
 * a batch never misses a link made while it ran.
 */
@ApplicationScoped
public class Roster {

    private final RosterTable table;
    private final Secrets secrets;
    private final PersonReferences personRefs;
    private final Outbox outbox;
    private final Clock clock;
    private final MeterRegistry registry;

    /** Where roster news came from, as {@code kencom_roster_rows_applied_total} tells them apart. */
    public enum Source {
        EVENT, FILE
    }

    Roster(RosterTable table, Secrets secrets, PersonReferences personRefs, Outbox outbox, Clock clock,
            MeterRegistry registry) {
        this.table = table;
        this.secrets = secrets;
        this.personRefs = personRefs;
        this.outbox = outbox;
        this.clock = clock;
        this.registry = registry;
    }

    /**
     * Rows written to the roster, counted once their transaction committed: by where the news came from and by
     * insurer (an insurer number is no one's personal data, and a deployment serves tens of insurers, not millions).
     */
    public void applied(Source source, String insurerNumber, long rows) {
        Counter.builder("kencom.roster.rows.applied").description("Roster rows written, by source and insurer")
                .tag("source", source.name()).tag("insurer", insurerNumber).register(registry).increment(rows);
    }

    /** The same for a batch that may hold several insurers' rows (a poll of events). */
    public void applied(Source source, Merged merged) {
        merged.appliedByInsurer().forEach((insurer, rows) -> applied(source, insurer, rows));
    }

    /** The stored form of an update: its digests and the person's reference. */
    public Entry row(RosterUpdate update, int ref) {
        return new Entry(secrets.lookupDigest(InsuredPerson.personText(update.insurer(), update.personalId())),
                update.insurer().value(),
                update.holder() == null ? null : secrets.lookupDigest(InsuredPerson.matchText(update.insurer(),
                        update.holder())),
                update.qualifiedOn(), update.loss(), update.lostOn(), update.updatedAt().atOffset(ZoneOffset.UTC), ref,
                personRefs.of(update.insurer(), update.personalId()),
                update.holder() == null ? null : personRefs.holderOf(update.nameKanji(), update.holder().birthDate()));
    }

    /**
     * Applies the batch in {@code conn}'s transaction, entries in their order, and what it means for the linked
     * members: answers the rows written and the events published.
     */
    public Uni<Merged> merge(SqlConnection conn, Batch batch) {
        return table.merge(conn, batch).chain(written -> updateLinks(conn, written.links())
                .map(events -> written.merged().plus(Merged.linkEvents(events))));
    }

    /** What the batch means for its linked members; answers the number of events published. */
    private Uni<Integer> updateLinks(SqlConnection conn, List<LinkState> links) {
        LocalDate today = Clocks.todayInJapan(clock);
        Uni<Integer> published = Uni.createFrom().item(0);
        for (LinkState link : links) {
            LinkLife.Outcome outcome = LinkLife.decide(link.disaffiliatedOn(), link.lostOn(), link.qualifiedOn(),
                    today);
            published = published.chain(count -> apply(conn, link, outcome).map(n -> count + n));
        }
        return published;
    }

    private Uni<Integer> apply(SqlConnection conn, LinkState link, LinkLife.Outcome outcome) {
        if (outcome instanceof LinkLife.Outcome.Disaffiliate lost) {
            return table.setDisaffiliatedOn(conn, link.personKey(), lost.lostOn())
                    .chain(() -> outbox.publish(conn, new MemberDisaffiliated(link.memberId(), link.groupId(),
                            lost.lostOn(), clock.instant())))
                    .replaceWith(1);
        }
        if (outcome instanceof LinkLife.Outcome.Reaffiliate rejoined) {
            return table.setDisaffiliatedOn(conn, link.personKey(), null)
                    .chain(() -> outbox.publish(conn, new MemberReaffiliated(link.memberId(), link.groupId(),
                            rejoined.on(), clock.instant())))
                    .replaceWith(1);
        }
        if (outcome instanceof LinkLife.Outcome.Ended) {
            return table.unlink(conn, link.personKey()).replaceWith(0);
        }
        return Uni.createFrom().item(0);
    }
}
