package io.kencom.ekyc.testing;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RadialGradientPaint;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.ConvolveOp;
import java.awt.image.Kernel;
import java.awt.image.RescaleOp;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import javax.imageio.ImageIO;

/**
 * Photos of an ID card as a phone would take them, drawn by the tests: a pale card with printed lines and a portrait
 * (a face cut from a test photo) lying on a dark table, and the faults the guide warns of.
 */
public final class Cards {

    /** Debian's fonts-ipafont-gothic, installed with the OCR packages (RealInfrastructure.ocr). */
    static final String JAPANESE_FONT = "IPAGothic";
    /** As a licence prints them: the name and birth date (昭和55年 = 1980) on one line. */
    private static final String[] FRONT_LINES = { "氏名 健康 太郎 昭和55年 1月 1日生", "住所 東京都千代田区千代田1-1",
            "交付 令和06年05月01日", "2029年(令和11年)06月01日まで有効", "免許の条件等 眼鏡等" };
    private static final String[] BACK_LINES = { "備考", "令和07年04月01日 氏名変更", "健康 花子" };

    public static final int PHOTO_W = 1280;
    public static final int PHOTO_H = 960;

    private Cards() {
    }

    /** A card well inside the frame, sharp. */
    public static BufferedImage sharp(BufferedImage portrait) {
        return photo(portrait, 190, 180, FRONT_LINES);
    }

    /** The same card of another holder: {@code name} as printed (姓 名) and the birth date as 「昭和55年 1月 1日」. */
    public static BufferedImage sharp(BufferedImage portrait, String name, String birthDate) {
        String[] lines = FRONT_LINES.clone();
        lines[0] = "氏名 " + name + " " + birthDate + "生";
        return photo(portrait, 190, 180, lines);
    }

    /** The same card shaken or out of focus. */
    public static BufferedImage blurred(BufferedImage portrait) {
        BufferedImage img = sharp(portrait);
        int size = 15;
        float[] k = new float[size * size];
        Arrays.fill(k, 1f / k.length);
        BufferedImage out = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_INT_RGB);
        return new ConvolveOp(new Kernel(size, size, k), ConvolveOp.EDGE_NO_OP, null).filter(img, out);
    }

    /** The card running over the right edge of the frame. */
    public static BufferedImage cutOff(BufferedImage portrait) {
        return photo(portrait, 520, 180, FRONT_LINES);
    }

    /** A lamp's reflection: a white hotspot on the card. */
    public static BufferedImage withGlare(BufferedImage portrait) {
        BufferedImage img = sharp(portrait);
        Graphics2D g = img.createGraphics();
        g.setPaint(new RadialGradientPaint(700, 450, 170, new float[] { 0f, 0.6f, 1f },
                new Color[] { Color.WHITE, Color.WHITE, new Color(255, 255, 255, 0) }));
        g.fillOval(530, 280, 340, 340);
        g.dispose();
        return img;
    }

    /** The back of a card: printed lines only, no portrait. */
    public static BufferedImage back() {
        return photo(null, 190, 180, BACK_LINES);
    }

    public static byte[] jpeg(BufferedImage img) {
        return encode(img, "jpg");
    }

    public static byte[] png(BufferedImage img) {
        return encode(img, "png");
    }

    private static byte[] encode(BufferedImage img, String format) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(img, format, out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A photo as printed on a card and photographed again: ink never reaches the white of a reflection. */
    private static BufferedImage printed(BufferedImage photo) {
        BufferedImage rgb = new BufferedImage(photo.getWidth(), photo.getHeight(), BufferedImage.TYPE_INT_RGB);
        rgb.getGraphics().drawImage(photo, 0, 0, null);
        return new RescaleOp(0.88f, 12f, null).filter(rgb, null);
    }

    /** A 900×570 card (the ID-1 ratio) at (x, y) on a 1280×960 photo of a dark table. */
    private static BufferedImage photo(BufferedImage portrait, int x, int y, String[] lines) {
        BufferedImage img = new BufferedImage(PHOTO_W, PHOTO_H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        g.setColor(new Color(52, 44, 38));
        g.fillRect(0, 0, PHOTO_W, PHOTO_H);
        g.setColor(new Color(214, 226, 214));
        g.fillRoundRect(x, y, 900, 570, 40, 40);
        g.setColor(new Color(40, 40, 60));
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(new Font(JAPANESE_FONT, Font.PLAIN, 30));
        for (int i = 0; i < lines.length; i++) {
            g.drawString(lines[i], x + 40, y + 90 + i * 70);
        }
        g.setStroke(new BasicStroke(3));
        g.drawRect(x + 30, y + 30, portrait == null ? 840 : 560, 500);
        if (portrait != null) {
            g.drawImage(printed(portrait), x + 620, y + 150, 240, 300, null);
        }
        g.dispose();
        return img;
    }
}
