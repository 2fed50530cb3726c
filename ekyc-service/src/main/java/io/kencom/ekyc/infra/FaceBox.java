package io.kencom.ekyc.infra;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A face's box in a photo, in pixels (or, as the detector gives it, in fractions of the photo's sides). */
record FaceBox(float x1, float y1, float x2, float y2) {

    /** A box the detector found, with its face score. */
    record Scored(FaceBox box, float score) {
    }

    float width() {
        return x2 - x1;
    }

    float height() {
        return y2 - y1;
    }

    /** Intersection over union: how much two boxes are the same region. */
    float overlap(FaceBox other) {
        float ix = Math.max(0, Math.min(x2, other.x2) - Math.max(x1, other.x1));
        float iy = Math.max(0, Math.min(y2, other.y2) - Math.max(y1, other.y1));
        float inter = ix * iy;
        float union = width() * height() + other.width() * other.height() - inter;
        return union <= 0 ? 0 : inter / union;
    }

    /** Best first, each box kept unless it overlaps a better one kept already by more than {@code atMost}. */
    static List<FaceBox> withoutOverlaps(List<Scored> found, float atMost) {
        List<Scored> best = new ArrayList<>(found);
        best.sort(Comparator.comparingDouble(Scored::score).reversed());
        List<FaceBox> kept = new ArrayList<>();
        for (Scored candidate : best) {
            if (kept.stream().noneMatch(k -> k.overlap(candidate.box()) > atMost)) {
                kept.add(candidate.box());
            }
        }
        return kept;
    }

    /** This box in fractions of the photo's sides as a square on its height in pixels, kept inside the photo. */
    FaceBox squareIn(int photoWidth, int photoHeight) {
        float px1 = x1 * photoWidth;
        float py1 = y1 * photoHeight;
        float px2 = x2 * photoWidth;
        float py2 = y2 * photoHeight;
        float side = py2 - py1;
        float cx = (px1 + px2) / 2;
        float cy = (py1 + py2) / 2;
        return new FaceBox(Math.max(0, cx - side / 2), Math.max(0, cy - side / 2),
                Math.min(photoWidth - 1, cx + side / 2), Math.min(photoHeight - 1, cy + side / 2));
    }

    /** Widened by a quarter of its size on every side, kept inside the photo (the pose model's crop). */
    FaceBox widenedByAQuarter(int photoWidth, int photoHeight) {
        float w = width();
        float h = height();
        return new FaceBox(Math.max(0, x1 - w / 4), Math.max(0, y1 - h / 4), Math.min(photoWidth, x2 + w / 4),
                Math.min(photoHeight, y2 + h / 4));
    }

    /** Scaled about its centre by {@code factor}, or less so that it fits, and moved inside the photo. */
    FaceBox scaledWithin(float factor, int photoWidth, int photoHeight) {
        float scale = Math.min(Math.min((photoHeight - 1) / height(), (photoWidth - 1) / width()), factor);
        float nw = width() * scale;
        float nh = height() * scale;
        float nx1 = Math.max(0, Math.min(x1 + width() / 2 - nw / 2, photoWidth - 1 - nw));
        float ny1 = Math.max(0, Math.min(y1 + height() / 2 - nh / 2, photoHeight - 1 - nh));
        return new FaceBox(nx1, ny1, nx1 + nw, ny1 + nh);
    }
}
