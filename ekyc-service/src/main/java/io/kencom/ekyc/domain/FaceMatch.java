package io.kencom.ekyc.domain;

/**
 * Whether two face photos show one person, by the cosine of their embeddings. Measured on the test photos
 * (docs/ekyc-service.md): the same person 0.74–0.95, different people at most 0.35; a printed ID portrait against a
 * selfie sits lower than two selfies, so between the two thresholds a person decides.
 */
public enum FaceMatch {
    SAME,
    UNCLEAR,
    DIFFERENT;

    /** At or above: approved without a human look. */
    public static final double SAME_AT = 0.60;
    /** Below: refused with a retry (the guide's 「顔写真が一致しない」). */
    public static final double DIFFERENT_BELOW = 0.35;

    public static FaceMatch of(double similarity) {
        return similarity >= SAME_AT ? SAME : similarity < DIFFERENT_BELOW ? DIFFERENT : UNCLEAR;
    }
}
