package io.kencom.account;

import io.kencom.account.domain.EmailAddress;
import io.kencom.account.domain.EmailReuse;
import io.kencom.account.infra.KeycloakAccounts;
import io.kencom.account.infra.Member;
import io.kencom.account.infra.SignupConsent;
import io.kencom.contracts.events.AccountClosed;
import io.kencom.contracts.events.MemberWithdrew;
import io.kencom.contracts.model.AuthLevel;
import io.kencom.contracts.model.QualificationLoss;
import io.kencom.platform.Clocks;
import io.kencom.platform.messaging.Outbox;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Accounts once they exist: the profile, withdrawal (退会), the 100-day end, the mirrored auth level. */
@ApplicationScoped
public class Members {

    public record Profile(Member member, List<SignupConsent> consents) {
    }

    private final KeycloakAccounts keycloak;
    private final Outbox outbox;
    private final Clock clock;

    Members(KeycloakAccounts keycloak, Outbox outbox, Clock clock) {
        this.keycloak = keycloak;
        this.outbox = outbox;
        this.clock = clock;
    }

    public Uni<Profile> profile(UUID memberId) {
        return Panache.withSession(() -> active(memberId)
                .chain(member -> SignupConsent.<SignupConsent>list(
                                "signupId = (select s.id from Signup s where s.memberId = ?1)", memberId)
                        .map(consents -> new Profile(member, consents))));
    }

    /** Whether the address may start a new account, under the one-account and 100-day rules. */
    public Uni<EmailReuse.Decision> reuseOf(EmailAddress email) {
        return holderOf(email).map(this::reuse);
    }

    private EmailReuse.Decision reuse(Optional<Member> holder) {
        return EmailReuse.decide(holder.map(m -> new EmailReuse.Holder(m.qualificationLostOn)),
                Clocks.todayInJapan(clock));
    }

    /**
     * Frees the address for a new account: refuses while it is held, and ends the holder's account when its 100
     * days have passed ({@code AccountClosed}).
     */
    public Uni<Void> freeAddressFor(EmailAddress email) {
        return Panache.withSession(() -> holderOf(email).chain(holder -> {
            EmailReuse.Decision decision = reuse(holder);
            Signups.refuseUnlessFree(decision);
            if (decision instanceof EmailReuse.Decision.FreeOnceHolderClosed) {
                // Written at once: inside a sign-up's transaction the new member's row would otherwise be inserted
                // first (Hibernate flushes inserts before updates) and meet the holder's, still active.
                return close(holder.orElseThrow().memberId, AccountClosed.Reason.UNAFFILIATED_100_DAYS)
                        .call(Panache::flush);
            }
            return Uni.createFrom().voidItem();
        }));
    }

    /** 退会: the Keycloak user goes, the address is free, {@code MemberWithdrew} tells the others. */
    public Uni<Void> withdraw(UUID memberId) {
        return Panache.withSession(() -> active(memberId))
                .call(member -> keycloak.delete(memberId))
                .chain(member -> Panache.withTransaction(() -> end(memberId, Member.Status.WITHDRAWN)
                        .call(ended -> outbox.publish(new MemberWithdrew(memberId, ended.groupId, ended.endedAt)))))
                .replaceWithVoid();
    }

    private Uni<Void> close(UUID memberId, AccountClosed.Reason reason) {
        return Panache.withTransaction(() -> closeInTransaction(memberId, reason)).replaceWithVoid();
    }

    /** The Keycloak user goes, the member row (locked) is closed and {@code AccountClosed} published, in one commit. */
    private Uni<Member> closeInTransaction(UUID memberId, AccountClosed.Reason reason) {
        return keycloak.delete(memberId)
                .chain(() -> end(memberId, Member.Status.CLOSED))
                .call(ended -> outbox.publish(new AccountClosed(memberId, ended.groupId, reason, ended.endedAt)));
    }

    /**
     * Ends the next account whose holder lost qualification 100 or more days ago and has not re-joined (domain.md Q4/Q5),
     * skipping {@code skip}; empty when none is left. The row stays locked (FOR UPDATE SKIP LOCKED) from the check to
     * the commit, so two instances never close the same account and a re-joining that lands meanwhile waits for the
     * decision. The Keycloak user goes inside that window: a failure leaves the account open for the next run.
     */
    public Uni<Optional<UUID>> closeNextUnaffiliatedFor100Days(Collection<UUID> skip) {
        LocalDate due = QualificationLoss.lostOnOrBeforeEndsBy(Clocks.todayInJapan(clock));
        String sql = "SELECT member_id FROM member WHERE status = 'ACTIVE' AND qualification_lost_on <= :due"
                + (skip.isEmpty() ? "" : " AND member_id NOT IN (:skip)")
                + " ORDER BY qualification_lost_on LIMIT 1 FOR UPDATE SKIP LOCKED";
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> {
                    var query = session.createNativeQuery(sql, UUID.class).setParameter("due", due);
                    return (skip.isEmpty() ? query : query.setParameter("skip", List.copyOf(skip))).getResultList();
                })
                .chain(ids -> {
                    if (ids.isEmpty()) {
                        return Uni.createFrom().item(Optional.<UUID>empty());
                    }
                    UUID memberId = ids.get(0);
                    return closeInTransaction(memberId, AccountClosed.Reason.UNAFFILIATED_100_DAYS)
                            .map(ended -> Optional.of(memberId))
                            .onFailure().transform(e -> new CloseFailed(memberId, e));
                }));
    }

    /** Closing one account failed; it stays open and is tried again later. */
    public static final class CloseFailed extends RuntimeException {

        private final UUID memberId;

        CloseFailed(UUID memberId, Throwable cause) {
            super("closing an account failed: " + cause, cause);
            this.memberId = memberId;
        }

        public UUID memberId() {
            return memberId;
        }
    }

    /** Mirrors a level from entitlement-service into the member and its Keycloak user (tokens carry it). */
    public Uni<Void> applyAuthLevel(UUID memberId, AuthLevel level) {
        return Member.<Member>findById(memberId).chain(member -> {
            if (member == null || member.status != Member.Status.ACTIVE) {
                return Uni.createFrom().voidItem();
            }
            member.authLevel = level.name();
            return keycloak.setAuthLevel(memberId, level);
        });
    }

    /** 資格喪失 (from the roster, through insured-verification-service): starts the 100-day clock. */
    public Uni<Void> qualificationLost(UUID memberId, LocalDate lostOn) {
        return Member.<Member>findById(memberId).invoke(member -> {
            if (member != null) {
                member.qualificationLostOn = lostOn;
            }
        }).replaceWithVoid();
    }

    /** Re-joined within 100 days: the clock stops. */
    public Uni<Void> qualificationRegained(UUID memberId) {
        return qualificationLost(memberId, null);
    }

    private Uni<Member> end(UUID memberId, Member.Status status) {
        Instant now = clock.instant();
        return active(memberId, LockModeType.PESSIMISTIC_WRITE).invoke(member -> {
            member.status = status;
            member.endedAt = now;
        });
    }

    private static Uni<Member> active(UUID memberId) {
        return active(memberId, LockModeType.NONE);
    }

    /** The active member; with a write lock, a second withdrawal or closing waits and then finds none. */
    private static Uni<Member> active(UUID memberId, LockModeType lock) {
        return Member.<Member>find("memberId = ?1 and status = ?2", memberId, Member.Status.ACTIVE).withLock(lock)
                .firstResult()
                .map(member -> {
                    if (member == null) {
                        throw AccountProblems.memberNotFound();
                    }
                    return member;
                });
    }

    static Uni<Optional<Member>> holderOf(EmailAddress email) {
        return Member.<Member>find("email = ?1 and status = ?2", email.value(), Member.Status.ACTIVE).firstResult()
                .map(Optional::ofNullable);
    }
}
