package io.kencom.contracts.events;

import java.util.UUID;

/** The two ways a member's account ends: withdrawal by the member (Q8), closure (on request, or 100 days after loss). */
public final class AccountEnds {

    private AccountEnds() {
    }

    /** The member whose account this event ends, or null when it ends none. */
    public static UUID memberOf(Object event) {
        if (event instanceof MemberWithdrew withdrew) {
            return withdrew.memberId();
        }
        if (event instanceof AccountClosed closed) {
            return closed.memberId();
        }
        return null;
    }
}
