package io.kencom.contracts.model;

import java.time.LocalDate;

/**
 * The 100-day rule of a loss of qualification (資格喪失, domain.md Q4/Q5), shared by the services that apply it: the
 * account of a member who lost qualification lives on until the 100th day after the loss (that day it ends and its
 * address is free again); re-joining with the same personal ID before then restores it.
 */
public final class QualificationLoss {

    public static final int DAYS_KEPT = 100;

    private QualificationLoss() {
    }

    /** The day the account of a member who lost qualification on {@code lostOn} ends. */
    public static LocalDate accountEndsOn(LocalDate lostOn) {
        return lostOn.plusDays(DAYS_KEPT);
    }

    /** Whether that account still exists on {@code today}, so re-joining restores it. */
    public static boolean accountKept(LocalDate lostOn, LocalDate today) {
        return today.isBefore(accountEndsOn(lostOn));
    }

    /** The latest loss date whose account has ended by {@code today}. */
    public static LocalDate lostOnOrBeforeEndsBy(LocalDate today) {
        return today.minusDays(DAYS_KEPT);
    }
}
