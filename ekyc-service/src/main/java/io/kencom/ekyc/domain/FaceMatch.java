package io.kencom.ekyc.domain;

/**
 * Whether two face photos show one person, by the cosine of their embeddings. Measured on the test photos
 * (docs/ekyc-service.md, "Thresholds and their margins"): the same person 0.72–0.94 (a printed card portrait against a
 * selfie 0.76), 21 pairs of different people mean 0.13 and at most 0.34. Between the two lines a person decides.
 */
public enum FaceMatch {
    SAME,
    UNCLEAR,
    DIFFERENT;

    /** At or above: approved without a human look. */
    public static final double SAME_AT = 0.60;
    /** Below: refused with a retry (the guide's 「顔写真が一致しない」). */
    public static final double DIFFERENT_BELOW = 0.40;

    public static FaceMatch of(double similarity) {
        return similarity >= SAME_AT ? SAME : similarity < DIFFERENT_BELOW ? DIFFERENT : UNCLEAR;
    }
}
