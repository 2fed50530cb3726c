package io.kencom.insuredverification.domain;

import io.kencom.contracts.model.QualificationLoss;
import java.time.LocalDate;

/**
 * What the roster's news means for an insured person linked to an account (domain.md §6, Q5): a loss of qualification
 * disaffiliates the member; re-joining with the same personal ID before the account's 100th day reaffiliates them;
 * after it the account has ended, and the person is free for a new one. A new card for the same personal ID is not
 * news for the link at all (the link follows the personal ID).
 */
public final class LinkLife {

    private LinkLife() {
    }

    public sealed interface Outcome {
        /** MemberDisaffiliated with this date. */
        record Disaffiliate(LocalDate lostOn) implements Outcome {
        }

        /** MemberReaffiliated on this date. */
        record Reaffiliate(LocalDate on) implements Outcome {
        }

        /** The account ended on its 100th day: the link goes, no event (account-service closed it). */
        record Ended() implements Outcome {
        }

        record Unchanged() implements Outcome {
        }
    }

    /**
     * @param disaffiliatedOn the loss the link knows of (null while the member is affiliated)
     * @param lostOn          the roster's loss of qualification now (null when qualified)
     * @param qualifiedOn     the roster's qualification date now, if known
     */
    public static Outcome decide(LocalDate disaffiliatedOn, LocalDate lostOn, LocalDate qualifiedOn, LocalDate today) {
        if (disaffiliatedOn != null && !QualificationLoss.accountKept(disaffiliatedOn, today)) {
            return new Outcome.Ended();
        }
        if (lostOn != null) {
            return lostOn.equals(disaffiliatedOn) ? new Outcome.Unchanged() : new Outcome.Disaffiliate(lostOn);
        }
        if (disaffiliatedOn == null) {
            return new Outcome.Unchanged();
        }
        boolean rejoinedOnRecord = qualifiedOn != null && !qualifiedOn.isBefore(disaffiliatedOn)
                && !qualifiedOn.isAfter(today);
        return new Outcome.Reaffiliate(rejoinedOnRecord ? qualifiedOn : today);
    }
}
