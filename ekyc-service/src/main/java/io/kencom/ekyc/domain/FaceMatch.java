package io.kencom.ekyc.domain;

/**
 * Whether two face photos show one person, by the cosine of their embeddings against two lines (configuration,
 * {@code kencom.ekyc.face.*}): at or above the approval line approved without a human look, below the refusal line
 * refused with a retry (the guide's 「顔写真が一致しない」), between them a person decides.
 */
public enum FaceMatch {
    SAME,
    UNCLEAR,
    DIFFERENT;

    /**
     * The approval line ({@code sameAt}) and the refusal line ({@code differentBelow}), from a FaceAccuracy run on
     * labelled photos (docs/benchmarks.md); the refusal line may not lie above the approval line.
     */
    public record Lines(double sameAt, double differentBelow) {

        public Lines {
            if (!(-1 <= differentBelow && differentBelow <= sameAt && sameAt <= 1)) {
                throw new IllegalArgumentException("face match lines must satisfy -1 <= different-below ("
                        + differentBelow + ") <= same-at (" + sameAt + ") <= 1");
            }
        }

        public FaceMatch of(double similarity) {
            return similarity >= sameAt ? SAME : similarity < differentBelow ? DIFFERENT : UNCLEAR;
        }
    }
}
