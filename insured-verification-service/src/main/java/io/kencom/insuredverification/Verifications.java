package io.kencom.insuredverification;

import io.kencom.contracts.events.AccountVerified;
import io.kencom.contracts.model.InsurerNumber;
import io.kencom.insuredverification.domain.AttemptLimit;
import io.kencom.insuredverification.domain.FieldError;
import io.kencom.insuredverification.domain.InsuredPerson;
import io.kencom.insuredverification.domain.InsuredPerson.CardHolder;
import io.kencom.insuredverification.domain.RosterUpdate;
import io.kencom.platform.Clocks;
import io.kencom.platform.crypto.PersonReferences;
import io.kencom.platform.crypto.Secrets;
import io.kencom.platform.messaging.Outbox;
import io.kencom.platform.problem.ApiProblem;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.jboss.logging.Logger;

/**
 * Personal verification (本人確認, domain.md §4): the member's card data against their insurer's roster. One insured
 * person is linked to one account, enforced by the link table's keys, so of two accounts racing for the same person
 * exactly one wins. Failures are limited ({@link AttemptLimit}), counted per member under a lock so that concurrent
 * tries cannot pass the limit together.
 */
@ApplicationScoped
public class Verifications {

    private static final Logger LOG = Logger.getLogger(Verifications.class);

    /** What the member typed, from the card (domain.md §4.2, §4.3). */
    /** As the member types it from the card; the examples are of the guide's pattern 3 (記号 with a hyphen). */
    public record Request(@Schema(example = "06139992") String insurerNumber,
            @Schema(description = "記号, where the card has one", example = "12-456") String symbol,
            @Schema(description = "番号", example = "5678") String number,
            @Schema(description = "Full name in full-width katakana; spaces optional", example = "ケンコム タロウ")
            String nameKana,
            @Schema(example = "1985-07-07") LocalDate birthDate) {
    }

    /** The member is linked: {@code PERSONAL} follows from {@code AccountVerified}. */
    public record Verified(String outcome, String insurerNumber, String groupId, Instant verifiedAt) {
    }

    private final Pool pool;
    private final Insurers insurers;
    private final Secrets secrets;
    private final Outbox outbox;
    private final Clock clock;

    Verifications(Pool pool, Insurers insurers, Secrets secrets, Outbox outbox, Clock clock) {
        this.pool = pool;
        this.insurers = insurers;
        this.secrets = secrets;
        this.outbox = outbox;
        this.clock = clock;
    }

    public Uni<Verified> verify(UUID memberId, String memberGroupId, Request request) {
        InsurerNumber.Problem numberProblem = InsurerNumber.problemWith(request.insurerNumber()).orElse(null);
        if (numberProblem != null) {
            return Uni.createFrom().failure(VerificationProblems.insurerNumberInvalid(numberProblem));
        }
        InsurerNumber number = InsurerNumber.parse(request.insurerNumber());
        return insurers.find(number).chain(insurer -> {
            if (insurer == null || !insurer.groupId().equals(memberGroupId)) {
                return Uni.createFrom().failure(VerificationProblems.wrongGroup());
            }
            CardHolder holder;
            try {
                holder = RosterUpdate.holder(insurer.cardFormat(), request.symbol(), request.number(),
                        request.nameKana(), request.birthDate(), Clocks.todayInJapan(clock));
            } catch (FieldError e) {
                return Uni.createFrom().failure(VerificationProblems.fieldInvalid(e));
            }
            byte[] matchKey = secrets.lookupDigest(InsuredPerson.matchText(number, holder));
            Instant now = clock.instant();
            // The transaction commits the attempt's record, refusals included; the refusal is thrown after it.
            return pool.withTransaction(conn -> attempt(conn, memberId, insurer, matchKey, now))
                    .map(outcome -> {
                        if (outcome instanceof ApiProblem refusal) {
                            throw refusal;
                        }
                        return (Verified) outcome;
                    });
        });
    }

    /** The attempt inside its transaction: a {@link Verified} or the {@link ApiProblem} to answer. */
    private Uni<Object> attempt(SqlConnection conn, UUID memberId, Insurers.Insurer insurer, byte[] matchKey,
            Instant now) {
        // The member's lock serialises their tries (the limit); the insurer's roster lock, shared, waits for a roster
        // batch of that insurer in flight and holds the next one back until this link is committed, so a batch that
        // changes this person always sees the link (Roster.merge takes it exclusively).
        return conn.preparedQuery("SELECT pg_advisory_xact_lock(hashtextextended('member:' || $1, 0)), "
                        + "pg_advisory_xact_lock_shared(hashtextextended('roster:' || $2, 0))")
                .execute(Tuple.of(memberId.toString(), insurer.number().value()))
                .chain(() -> recentFailures(conn, memberId, now))
                .chain(failures -> {
                    Instant blockedUntil = AttemptLimit.blockedUntil(failures, now);
                    if (blockedUntil != null) {
                        return Uni.createFrom().item(VerificationProblems.tooManyAttempts(blockedUntil, now));
                    }
                    return conn.preparedQuery("SELECT person_key, person_ref, holder_ref, lost_on FROM roster_entry "
                            + "WHERE match_key = $1")
                            .execute(Tuple.of(Buffer.buffer(matchKey)))
                            .chain(found -> matched(conn, memberId, insurer, found, failures.size(), now));
                });
    }

    private Uni<Object> matched(SqlConnection conn, UUID memberId, Insurers.Insurer insurer, RowSet<Row> found,
            int failures, Instant now) {
        if (found.size() != 1) {
            if (found.size() > 1) {
                LOG.warnf("insurer %s has %d roster entries with the same card and holder", insurer.number(),
                        found.size());
            }
            return fail(conn, memberId, "NO_MATCH", now).replaceWith(VerificationProblems.noMatch(
                    AttemptLimit.attemptsLeft(failures + 1)));
        }
        Row person = found.iterator().next();
        LocalDate lostOn = person.getLocalDate("lost_on");
        if (lostOn != null) {
            return Uni.createFrom().item(VerificationProblems.qualificationLost(lostOn));
        }
        Buffer personKey = Buffer.buffer(person.getBuffer("person_key").getBytes());
        PersonRefs refs = new PersonRefs(bytes(person.getBuffer("person_ref")), bytes(person.getBuffer("holder_ref")));
        return conn.preparedQuery("SELECT person_key, linked_at FROM insured_link WHERE member_id = $1")
                .execute(Tuple.of(memberId))
                .chain(own -> {
                    Iterator<Row> it = own.iterator();
                    if (it.hasNext()) {
                        Row link = it.next();
                        return Uni.createFrom().item(Arrays.equals(link.getBuffer("person_key").getBytes(),
                                personKey.getBytes())
                                ? verified(insurer, link.getOffsetDateTime("linked_at").toInstant())
                                : VerificationProblems.accountAlreadyVerified());
                    }
                    return link(conn, memberId, insurer, personKey, refs, failures, now);
                });
    }

    private Uni<Object> link(SqlConnection conn, UUID memberId, Insurers.Insurer insurer, Buffer personKey,
            PersonRefs refs, int failures, Instant now) {
        return conn.preparedQuery("INSERT INTO insured_link (person_key, member_id, group_id, insurer_number, linked_at) "
                        + "VALUES ($1, $2, $3, $4, $5) ON CONFLICT (person_key) DO NOTHING RETURNING member_id")
                .execute(Tuple.of(personKey, memberId, insurer.groupId(), insurer.number().value(), Clocks.timestamptz(now)))
                .chain(inserted -> {
                    if (inserted.size() == 0) {
                        return fail(conn, memberId, "ALREADY_LINKED", now)
                                .replaceWith(VerificationProblems.alreadyLinked(AttemptLimit.attemptsLeft(failures + 1)));
                    }
                    return outbox.publish(conn, new AccountVerified(memberId, insurer.groupId(),
                            insurer.number().value(), now,
                            PersonReferences.text(refs.person()), PersonReferences.text(refs.holder())))
                            .replaceWith(verified(insurer, now));
                });
    }

    /** The person's pseudonyms as the roster holds them (either may be null). */
    private record PersonRefs(byte[] person, byte[] holder) {
    }

    private static byte[] bytes(io.vertx.mutiny.core.buffer.Buffer stored) {
        return stored == null ? null : stored.getBytes();
    }

    /** A withdrawn or closed account: its insured person is free for a new account, its failures forgotten. */
    public Uni<Void> forget(SqlConnection conn, UUID memberId) {
        return conn.preparedQuery("DELETE FROM insured_link WHERE member_id = $1").execute(Tuple.of(memberId))
                .chain(() -> conn.preparedQuery("DELETE FROM verification_failure WHERE member_id = $1")
                        .execute(Tuple.of(memberId)))
                .replaceWithVoid();
    }

    private static Verified verified(Insurers.Insurer insurer, Instant at) {
        return new Verified("VERIFIED", insurer.number().value(), insurer.groupId(), at);
    }

    private static Uni<List<Instant>> recentFailures(SqlConnection conn, UUID memberId, Instant now) {
        return conn.preparedQuery("SELECT failed_at FROM verification_failure WHERE member_id = $1 AND failed_at > $2")
                .execute(Tuple.of(memberId, Clocks.timestamptz(now.minus(AttemptLimit.WINDOW))))
                .map(rows -> {
                    List<Instant> failures = new ArrayList<>();
                    rows.forEach(row -> failures.add(row.getOffsetDateTime(0).toInstant()));
                    return failures;
                });
    }

    /**
     * Records a failure, and forgets the member's failures older than the window. Committed without waiting for
     * the disk: a failure lost in a crash gives the member one more try, which costs less than an fsync per try.
     */
    private static Uni<Void> fail(SqlConnection conn, UUID memberId, String outcome, Instant now) {
        return conn.query("SET LOCAL synchronous_commit = off").execute()
                .chain(() -> conn.preparedQuery("WITH old AS (DELETE FROM verification_failure WHERE member_id = $1 "
                                + "AND failed_at <= $4) INSERT INTO verification_failure (member_id, failed_at, outcome) "
                                + "VALUES ($1, $2, $3)")
                        .execute(Tuple.of(memberId, Clocks.timestamptz(now), outcome, Clocks.timestamptz(now.minus(AttemptLimit.WINDOW)))))
                .replaceWithVoid();
    }

}
