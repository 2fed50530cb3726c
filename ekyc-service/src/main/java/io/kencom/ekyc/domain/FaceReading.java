package io.kencom.ekyc.domain;

/**
 * What a face reader saw of one face in a photo (as the camera took it, not mirrored). {@code embedding} is compared by
 * cosine only; {@code yaw} is the pose model's estimate in degrees, coarse, kept for reviewers; {@code headTurn} is the
 * landmark measure the challenge is judged on: about 0 facing the camera, positive turned to the person's own right
 * (右向き), negative to their left; {@code mouthOpening} is the inner lips' gap over their width; {@code liveness} the
 * probability (0–1) that the photo is of a live person, advisory (docs/ekyc-service.md, Faces).
 */
public record FaceReading(Box box, float[] embedding, double yaw, double headTurn, double mouthOpening,
        double liveness) {

    /** Where the face is, in pixels of the photo. */
    public record Box(int x, int y, int width, int height) {

        public int area() {
            return width * height;
        }
    }

    /** Cosine similarity of two faces' embeddings: 1 the same picture, about 0 two strangers. */
    public double similarity(FaceReading other) {
        float[] a = embedding;
        float[] b = other.embedding;
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
    }
}
