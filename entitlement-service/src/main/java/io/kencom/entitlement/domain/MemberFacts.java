package io.kencom.entitlement.domain;

import io.kencom.contracts.events.AccountClosed;
import io.kencom.contracts.events.AccountCreated;
import io.kencom.contracts.events.AccountVerified;
import io.kencom.contracts.events.EkycApproved;
import io.kencom.contracts.events.MemberDisaffiliated;
import io.kencom.contracts.events.MemberReaffiliated;
import io.kencom.contracts.events.MemberWithdrew;
import io.kencom.contracts.model.AuthLevel;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Set;

/**
 * The verified facts about one member, from which the auth level is derived (docs/architecture.md: derived, never stepped).
 * Each fact keeps the earliest or the latest time it was seen, so merging an event is commutative and idempotent:
 * duplicates and any order of arrival give the same facts, hence the same level.
 *
 * @param disaffiliatedAt when the latest loss of qualification (資格喪失) was recorded, with its date
 * @param reaffiliatedAt when the latest re-joining was recorded
 * @param endedAt withdrawal (退会) or closing: the account is gone for good
 */
public record MemberFacts(String groupId, Instant accountCreatedAt, Instant verifiedAt, Instant ekycApprovedAt,
        Instant disaffiliatedAt, LocalDate qualificationLostOn, Instant reaffiliatedAt, Instant endedAt) {

    public static final MemberFacts NONE = new MemberFacts(null, null, null, null, null, null, null, null);

    /** The events that carry a fact; the others on the same topics (eKYC steps, say) change no level. */
    private static final Set<Class<?>> FACTS = Set.of(AccountCreated.class, AccountVerified.class, EkycApproved.class,
            MemberDisaffiliated.class, MemberReaffiliated.class, MemberWithdrew.class, AccountClosed.class);

    public static boolean isFact(Object event) {
        return FACTS.contains(event.getClass());
    }

    /** These facts with one more event's; unknown events change nothing. */
    public MemberFacts with(Object event) {
        if (event instanceof AccountCreated e) {
            return new MemberFacts(group(e.groupId()), earliest(accountCreatedAt, e.createdAt()), verifiedAt,
                    ekycApprovedAt, disaffiliatedAt, qualificationLostOn, reaffiliatedAt, endedAt);
        }
        if (event instanceof AccountVerified e) {
            return new MemberFacts(group(e.groupId()), accountCreatedAt, earliest(verifiedAt, e.verifiedAt()),
                    ekycApprovedAt, disaffiliatedAt, qualificationLostOn, reaffiliatedAt, endedAt);
        }
        if (event instanceof EkycApproved e) {
            return new MemberFacts(groupId, accountCreatedAt, verifiedAt, earliest(ekycApprovedAt, e.approvedAt()),
                    disaffiliatedAt, qualificationLostOn, reaffiliatedAt, endedAt);
        }
        if (event instanceof MemberDisaffiliated e) {
            boolean later = disaffiliatedAt == null || e.recordedAt().isAfter(disaffiliatedAt)
                    || (e.recordedAt().equals(disaffiliatedAt) && e.qualificationLostOn().isAfter(qualificationLostOn));
            return later ? new MemberFacts(group(e.groupId()), accountCreatedAt, verifiedAt, ekycApprovedAt,
                    e.recordedAt(), e.qualificationLostOn(), reaffiliatedAt, endedAt) : this;
        }
        if (event instanceof MemberReaffiliated e) {
            return new MemberFacts(group(e.groupId()), accountCreatedAt, verifiedAt, ekycApprovedAt, disaffiliatedAt,
                    qualificationLostOn, latest(reaffiliatedAt, e.recordedAt()), endedAt);
        }
        if (event instanceof MemberWithdrew e) {
            return ended(e.groupId(), e.withdrewAt());
        }
        if (event instanceof AccountClosed e) {
            return ended(e.groupId(), e.closedAt());
        }
        return this;
    }

    /** domain.md §2: levels move forward by verified facts; loss of qualification overrides; an ended account has none. */
    public AuthLevel level() {
        if (accountCreatedAt == null || endedAt != null) {
            return AuthLevel.NONE;
        }
        if (!affiliated()) {
            return AuthLevel.UNAFFILIATED;
        }
        if (verifiedAt == null) {
            return AuthLevel.GROUP_ID;
        }
        return ekycApprovedAt == null ? AuthLevel.PERSONAL : AuthLevel.SENSITIVE; // SENSITIVE needs PERSONAL
    }

    /** Affiliated unless the latest news from the roster is a loss of qualification. */
    public boolean affiliated() {
        return disaffiliatedAt == null || (reaffiliatedAt != null && reaffiliatedAt.isAfter(disaffiliatedAt));
    }

    private MemberFacts ended(String group, Instant at) {
        return new MemberFacts(group(group), accountCreatedAt, verifiedAt, ekycApprovedAt, disaffiliatedAt,
                qualificationLostOn, reaffiliatedAt, earliest(endedAt, at));
    }

    /** A member's group never changes (a wrong group means withdrawing and signing up again, domain.md Q8). */
    private String group(String fromEvent) {
        return groupId != null ? groupId : Objects.requireNonNull(fromEvent);
    }

    private static Instant earliest(Instant known, Instant seen) {
        return known == null || seen.isBefore(known) ? seen : known;
    }

    private static Instant latest(Instant known, Instant seen) {
        return known == null || seen.isAfter(known) ? seen : known;
    }
}
