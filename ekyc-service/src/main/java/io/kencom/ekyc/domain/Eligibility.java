package io.kencom.ekyc.domain;

import io.kencom.contracts.model.AuthLevel;

/**
 * Who may apply for health and medical access (domain.md §5, Q6, Q7): a member at {@code PERSONAL} in a group that links
 * checkup data (guide p.17); or one already {@code SENSITIVE} whose secret question is locked or gone, who must do
 * it again.
 */
public enum Eligibility {
    ELIGIBLE,
    LEVEL_TOO_LOW,
    NO_CHECKUP_DATA,
    ALREADY_VERIFIED;

    public static Eligibility of(AuthLevel level, boolean groupLinksCheckupData, boolean secretQuestionUsable) {
        if (level != AuthLevel.PERSONAL && level != AuthLevel.SENSITIVE) {
            return LEVEL_TOO_LOW;
        }
        if (!groupLinksCheckupData) {
            return NO_CHECKUP_DATA;
        }
        return level == AuthLevel.SENSITIVE && secretQuestionUsable ? ALREADY_VERIFIED : ELIGIBLE;
    }
}
