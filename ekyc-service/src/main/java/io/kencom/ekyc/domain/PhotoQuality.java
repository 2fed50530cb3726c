package io.kencom.ekyc.domain;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The guide's photo hints for an ID document (p.20–28): sharp 鮮明, not blurred ぼやけ, not cut off 見切れ, no glare 反射.
 * Measured on the photo scaled to {@value #WIDTH} px wide; the card is told from the surface it lies on by brightness
 * against the photo's corners. Thresholds are in docs/ekyc-service.md with the figures of the generated test photos.
 */
public final class PhotoQuality {

    /** What the app shows the member before a retake. */
    public enum Issue {
        BLURRED,
        CUT_OFF,
        GLARE
    }

    /** The measures behind the issues, for the reviewer and the docs. */
    public record Measures(double sharpness, double edgeCover, double glare) {
    }

    static final int WIDTH = 640;
    /** Variance of the Laplacian inside the card: sharp generated cards measure 900+, blurred ones under 60. */
    static final double MIN_SHARPNESS = 150;
    /** Share of one side of the photo covered by the card: a card inside the frame covers none of it. */
    static final double MAX_EDGE_COVER = 0.05;
    /** Share of the card's pixels saturated in every channel (a white hotspot). */
    static final double MAX_GLARE = 0.01;
    /** Brightness difference from the corners that makes a pixel part of the card. */
    private static final int CARD_CONTRAST = 40;
    private static final int SATURATED = 250;

    private PhotoQuality() {
    }

    public static List<Issue> issues(Measures m) {
        List<Issue> issues = new ArrayList<>();
        if (m.sharpness() < MIN_SHARPNESS) {
            issues.add(Issue.BLURRED);
        }
        if (m.edgeCover() > MAX_EDGE_COVER) {
            issues.add(Issue.CUT_OFF);
        }
        if (m.glare() > MAX_GLARE) {
            issues.add(Issue.GLARE);
        }
        return issues;
    }

    public static Measures measure(BufferedImage photo) {
        int w = WIDTH;
        int h = Math.max(1, Math.round(photo.getHeight() * (float) WIDTH / photo.getWidth()));
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(photo, 0, 0, w, h, null);
        g.dispose();
        int[] rgb = img.getRGB(0, 0, w, h, null, 0, w);
        float[] lum = new float[rgb.length];
        for (int i = 0; i < rgb.length; i++) {
            int p = rgb[i];
            lum[i] = 0.299f * ((p >> 16) & 0xff) + 0.587f * ((p >> 8) & 0xff) + 0.114f * (p & 0xff);
        }
        boolean[] card = cardMask(lum, w, h);
        return new Measures(sharpness(lum, card, w, h), edgeCover(card, w, h), glare(rgb, card));
    }

    /** Pixels whose brightness differs from the surface's, the surface being the median of the four corners. */
    private static boolean[] cardMask(float[] lum, int w, int h) {
        int patch = Math.max(2, Math.min(w, h) / 20);
        float[] corners = { mean(lum, w, 0, 0, patch), mean(lum, w, w - patch, 0, patch),
                mean(lum, w, 0, h - patch, patch), mean(lum, w, w - patch, h - patch, patch) };
        Arrays.sort(corners);
        float surface = (corners[1] + corners[2]) / 2;
        boolean[] card = new boolean[lum.length];
        for (int i = 0; i < lum.length; i++) {
            card[i] = Math.abs(lum[i] - surface) > CARD_CONTRAST;
        }
        return card;
    }

    private static float mean(float[] lum, int w, int x0, int y0, int size) {
        float sum = 0;
        for (int y = y0; y < y0 + size; y++) {
            for (int x = x0; x < x0 + size; x++) {
                sum += lum[y * w + x];
            }
        }
        return sum / (size * size);
    }

    /** Variance of the 4-neighbour Laplacian over the card's pixels (the whole photo if no card stands out). */
    private static double sharpness(float[] lum, boolean[] card, int w, int h) {
        boolean anyCard = false;
        for (boolean c : card) {
            anyCard |= c;
        }
        double sum = 0;
        double sumSq = 0;
        long n = 0;
        for (int y = 1; y < h - 1; y++) {
            for (int x = 1; x < w - 1; x++) {
                int i = y * w + x;
                if (anyCard && !card[i]) {
                    continue;
                }
                double lap = lum[i - 1] + lum[i + 1] + lum[i - w] + lum[i + w] - 4 * lum[i];
                sum += lap;
                sumSq += lap * lap;
                n++;
            }
        }
        if (n == 0) {
            return 0;
        }
        double mean = sum / n;
        return sumSq / n - mean * mean;
    }

    /** The largest share of any side of the photo that the card covers (two pixels deep). */
    private static double edgeCover(boolean[] card, int w, int h) {
        int top = 0;
        int bottom = 0;
        int left = 0;
        int right = 0;
        for (int x = 0; x < w; x++) {
            top += card[x] || card[w + x] ? 1 : 0;
            bottom += card[(h - 1) * w + x] || card[(h - 2) * w + x] ? 1 : 0;
        }
        for (int y = 0; y < h; y++) {
            left += card[y * w] || card[y * w + 1] ? 1 : 0;
            right += card[y * w + w - 1] || card[y * w + w - 2] ? 1 : 0;
        }
        return Math.max(Math.max(top, bottom) / (double) w, Math.max(left, right) / (double) h);
    }

    private static double glare(int[] rgb, boolean[] card) {
        long cardPixels = 0;
        long saturated = 0;
        for (int i = 0; i < rgb.length; i++) {
            if (!card[i]) {
                continue;
            }
            cardPixels++;
            int p = rgb[i];
            if (((p >> 16) & 0xff) >= SATURATED && ((p >> 8) & 0xff) >= SATURATED && (p & 0xff) >= SATURATED) {
                saturated++;
            }
        }
        return cardPixels == 0 ? 0 : saturated / (double) cardPixels;
    }
}
