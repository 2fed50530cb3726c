package io.kencom.ekyc.infra;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;

/** Pixel plumbing: RGB copies, bilinear crops and the float layouts the models take. */
final class Pixels {

    private Pixels() {
    }

    static BufferedImage rgb(BufferedImage img) {
        if (img.getType() == BufferedImage.TYPE_INT_RGB) {
            return img;
        }
        BufferedImage out = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.drawImage(img, 0, 0, null);
        g.dispose();
        return out;
    }

    /**
     * The region scaled to w×h. A region over twice the size is first halved (a bilinear half is the mean of 2×2
     * pixels) until it is not: one bilinear step from further away reads only some pixels and aliases, and a
     * 2 000-pixel portrait read that way gave the models a face they had not seen.
     */
    static BufferedImage resize(BufferedImage img, float x1, float y1, float x2, float y2, int w, int h) {
        BufferedImage from = img;
        while (x2 - x1 > 2 * w && y2 - y1 > 2 * h) {
            int halfW = (int) Math.ceil((x2 - x1) / 2);
            int halfH = (int) Math.ceil((y2 - y1) / 2);
            from = draw(from, x1, y1, x2, y2, halfW, halfH);
            x1 = 0;
            y1 = 0;
            x2 = halfW;
            y2 = halfH;
        }
        return draw(from, x1, y1, x2, y2, w, h);
    }

    /** The region scaled to w×h in one bilinear step. */
    static BufferedImage draw(BufferedImage img, float x1, float y1, float x2, float y2, int w, int h) {
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(img, 0, 0, w, h, Math.round(x1), Math.round(y1), Math.round(x2), Math.round(y2), null);
        g.dispose();
        return out;
    }

    interface Scale {
        float apply(float v);
    }

    /** Which colour goes first. */
    enum Order {
        RGB,
        /** As OpenCV decodes a photo: the order models trained on its images expect. */
        BGR
    }

    /** Planar colour (NCHW) in the given order, each value scaled, then normalised by mean/std when given. */
    static float[] chw(BufferedImage img, Order order, Scale scale, float[] mean, float[] std) {
        int[] px = ((DataBufferInt) img.getRaster().getDataBuffer()).getData();
        int n = px.length;
        int red = order == Order.RGB ? 0 : 2 * n;
        int blue = order == Order.RGB ? 2 * n : 0;
        float[] out = new float[3 * n];
        for (int i = 0; i < n; i++) {
            int p = px[i];
            out[red + i] = scale.apply((p >> 16) & 0xff);
            out[n + i] = scale.apply((p >> 8) & 0xff);
            out[blue + i] = scale.apply(p & 0xff);
        }
        if (mean != null) {
            for (int c = 0; c < 3; c++) {
                for (int i = 0; i < n; i++) {
                    out[c * n + i] = (out[c * n + i] - mean[c]) / std[c];
                }
            }
        }
        return out;
    }

    static float[] grey(BufferedImage img, float scale) {
        int[] px = ((DataBufferInt) img.getRaster().getDataBuffer()).getData();
        float[] out = new float[px.length];
        for (int i = 0; i < px.length; i++) {
            int p = px[i];
            out[i] = (0.299f * ((p >> 16) & 0xff) + 0.587f * ((p >> 8) & 0xff) + 0.114f * (p & 0xff)) * scale;
        }
        return out;
    }
}
