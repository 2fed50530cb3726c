package io.kencom.ekyc.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * Approve at once only when every check passed with margin (domain.md §5.7); otherwise a person looks (申請受付), told
 * why by the reasons.
 */
public final class Decision {

    /** Liveness is advisory (docs/ekyc-service.md, Faces): below this a person looks, it never refuses on its own. */
    static final double LIVE_AT = 0.5;

    public enum ReviewReason {
        /** The front selfie and the document portrait neither clearly match nor clearly differ. */
        DOCUMENT_FACE_UNCLEAR,
        /** The challenge photo and the front selfie neither clearly match nor clearly differ. */
        SELFIES_UNCLEAR,
        CHALLENGE_UNCLEAR,
        LIVENESS_LOW,
        /** The name comes from the remarks; a person checks it against their photo. */
        NAME_FROM_REMARKS,
        /** The name or birth date confirmed is not what was read off the document, or nothing could be read. */
        DATA_NOT_AS_READ
    }

    /** What the checks measured, as stored on the application. */
    public record Evidence(double documentMatch, double selfieMatch, Challenge.Outcome challenge, double frontLiveness,
            double challengeLiveness, boolean nameFromRemarks, boolean dataAsRead) {
    }

    private Decision() {
    }

    /** Empty when the application is approved at once. */
    public static List<ReviewReason> reviewReasons(Evidence e, FaceMatch.Lines lines) {
        List<ReviewReason> reasons = new ArrayList<>();
        if (lines.of(e.documentMatch()) != FaceMatch.SAME) {
            reasons.add(ReviewReason.DOCUMENT_FACE_UNCLEAR);
        }
        if (lines.of(e.selfieMatch()) != FaceMatch.SAME) {
            reasons.add(ReviewReason.SELFIES_UNCLEAR);
        }
        if (e.challenge() != Challenge.Outcome.MET) {
            reasons.add(ReviewReason.CHALLENGE_UNCLEAR);
        }
        if (e.frontLiveness() < LIVE_AT || e.challengeLiveness() < LIVE_AT) {
            reasons.add(ReviewReason.LIVENESS_LOW);
        }
        if (e.nameFromRemarks()) {
            reasons.add(ReviewReason.NAME_FROM_REMARKS);
        }
        if (!e.dataAsRead()) {
            reasons.add(ReviewReason.DATA_NOT_AS_READ);
        }
        return reasons;
    }
}
