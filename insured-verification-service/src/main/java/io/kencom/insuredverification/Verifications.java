package io.kencom.insuredverification;

import io.kencom.contracts.events.AccountVerified;
import io.kencom.contracts.model.InsurerNumber;
import io.kencom.insuredverification.domain.AttemptLimit;
import io.kencom.insuredverification.domain.FieldError;
import io.kencom.insuredverification.domain.InsuredPerson;
import io.kencom.insuredverification.domain.InsuredPerson.CardHolder;
import io.kencom.insuredverification.domain.RosterUpdate;
import io.kencom.insuredverification.infra.Insurers;
import io.kencom.insuredverification.infra.LinkTable;
import io.kencom.insuredverification.infra.LinkTable.RosterMatch;
import io.kencom.platform.Clocks;
import io.kencom.platform.crypto.PersonReferences;
import io.kencom.platform.crypto.Secrets;
import io.kencom.platform.messaging.Outbox;
import io.kencom.platform.problem.ApiProblem;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
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

    /** The member is linked: {@code PERSONAL} follows from {@code AccountVerified}. */
    public record Verified(String outcome, String insurerNumber, String groupId, Instant verifiedAt) {
    }

    private final Pool pool;
    private final LinkTable links;
    private final Insurers insurers;
    private final Secrets secrets;
    private final Outbox outbox;
    private final Clock clock;

    Verifications(Pool pool, LinkTable links, Insurers insurers, Secrets secrets, Outbox outbox, Clock clock) {
        this.pool = pool;
        this.links = links;
        this.insurers = insurers;
        this.secrets = secrets;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** What the member typed from the card (domain.md §4.2, §4.3), against the roster of their group's insurer. */
    public Uni<Verified> verify(UUID memberId, String memberGroupId, String insurerNumber, String symbol,
            String number, String nameKana, LocalDate birthDate) {
        InsurerNumber.Problem numberProblem = InsurerNumber.problemWith(insurerNumber).orElse(null);
        if (numberProblem != null) {
            return Uni.createFrom().failure(VerificationProblems.insurerNumberInvalid(numberProblem));
        }
        InsurerNumber insurerOnCard = InsurerNumber.parse(insurerNumber);
        return insurers.find(insurerOnCard).chain(insurer -> {
            if (insurer == null || !insurer.groupId().equals(memberGroupId)) {
                return Uni.createFrom().failure(VerificationProblems.wrongGroup());
            }
            CardHolder holder;
            try {
                holder = RosterUpdate.holder(insurer.cardFormat(), symbol, number, nameKana, birthDate,
                        Clocks.todayInJapan(clock));
            } catch (FieldError e) {
                return Uni.createFrom().failure(VerificationProblems.fieldInvalid(e));
            }
            byte[] matchKey = secrets.lookupDigest(InsuredPerson.matchText(insurerOnCard, holder));
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
        return links.lockForAttempt(conn, memberId, insurer.number().value())
                .chain(() -> links.failuresSince(conn, memberId, now.minus(AttemptLimit.WINDOW)))
                .chain(failures -> {
                    Instant blockedUntil = AttemptLimit.blockedUntil(failures, now);
                    if (blockedUntil != null) {
                        return Uni.createFrom().item(VerificationProblems.tooManyAttempts(blockedUntil, now));
                    }
                    return links.rosterMatches(conn, matchKey)
                            .chain(found -> matched(conn, memberId, insurer, found, failures.size(), now));
                });
    }

    private Uni<Object> matched(SqlConnection conn, UUID memberId, Insurers.Insurer insurer, List<RosterMatch> found,
            int failures, Instant now) {
        if (found.size() != 1) {
            if (found.size() > 1) {
                LOG.warnf("insurer %s has %d roster entries with the same card and holder", insurer.number(),
                        found.size());
            }
            return fail(conn, memberId, "NO_MATCH", now).replaceWith(VerificationProblems.noMatch(
                    AttemptLimit.attemptsLeft(failures + 1)));
        }
        RosterMatch person = found.get(0);
        if (person.lostOn() != null) {
            return Uni.createFrom().item(VerificationProblems.qualificationLost(person.lostOn()));
        }
        return links.linkOf(conn, memberId).chain(own -> {
            if (own != null) {
                return Uni.createFrom().item(Arrays.equals(own.personKey(), person.personKey())
                        ? verified(insurer, own.linkedAt())
                        : VerificationProblems.accountAlreadyVerified());
            }
            return link(conn, memberId, insurer, person, failures, now);
        });
    }

    private Uni<Object> link(SqlConnection conn, UUID memberId, Insurers.Insurer insurer, RosterMatch person,
            int failures, Instant now) {
        return links.link(conn, person.personKey(), memberId, insurer.groupId(), insurer.number().value(), now)
                .chain(linked -> {
                    if (!linked) {
                        return fail(conn, memberId, "ALREADY_LINKED", now)
                                .replaceWith(VerificationProblems.alreadyLinked(
                                        AttemptLimit.attemptsLeft(failures + 1)));
                    }
                    return outbox.publish(conn, new AccountVerified(memberId, insurer.groupId(),
                            insurer.number().value(), now,
                            PersonReferences.text(person.personRef()), PersonReferences.text(person.holderRef())))
                            .replaceWith(verified(insurer, now));
                });
    }

    /** A withdrawn or closed account: its insured person is free for a new account, its failures forgotten. */
    public Uni<Void> forget(SqlConnection conn, UUID memberId) {
        return links.forget(conn, memberId);
    }

    private static Verified verified(Insurers.Insurer insurer, Instant at) {
        return new Verified("VERIFIED", insurer.number().value(), insurer.groupId(), at);
    }

    private Uni<Void> fail(SqlConnection conn, UUID memberId, String outcome, Instant now) {
        return links.recordFailure(conn, memberId, outcome, now, now.minus(AttemptLimit.WINDOW));
    }
}
