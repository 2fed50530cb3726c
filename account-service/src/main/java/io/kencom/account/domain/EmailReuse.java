package io.kencom.account.domain;

import io.kencom.contracts.model.QualificationLoss;
import java.time.LocalDate;
import java.util.Optional;

/**
 * Whether an address may start a new account (domain.md §3, Q4, Q8): one active account per address; the address of
 * a member who lost qualification (資格喪失) is free again once 100 days have passed since the loss, when that
 * account ends; a withdrawn member's address is free at once.
 */
public final class EmailReuse {

    private EmailReuse() {
    }

    /** The account that holds the address now, as far as this rule cares. */
    public record Holder(LocalDate qualificationLostOn) {

        public boolean affiliated() {
            return qualificationLostOn == null;
        }
    }

    public sealed interface Decision {
        /** No active account holds the address. */
        record Free() implements Decision {
        }

        /** EMAIL_IN_USE */
        record InUse() implements Decision {
        }

        /** EMAIL_NOT_YET_REUSABLE until {@code reusableOn}. */
        record NotYetReusable(LocalDate reusableOn) implements Decision {
        }

        /** The holder lost qualification 100 or more days ago: its account ends, then the address is free. */
        record FreeOnceHolderClosed() implements Decision {
        }
    }

    public static Decision decide(Optional<Holder> holder, LocalDate today) {
        if (holder.isEmpty()) {
            return new Decision.Free();
        }
        if (holder.get().affiliated()) {
            return new Decision.InUse();
        }
        LocalDate reusableOn = QualificationLoss.accountEndsOn(holder.get().qualificationLostOn());
        return today.isBefore(reusableOn) ? new Decision.NotYetReusable(reusableOn) : new Decision.FreeOnceHolderClosed();
    }
}
