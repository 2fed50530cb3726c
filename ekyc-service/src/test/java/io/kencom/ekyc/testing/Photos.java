package io.kencom.ekyc.testing;

import io.kencom.ekyc.domain.FaceReading;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/** The test photos of src/test/resources/faces (see its README) and what tests make of them. */
public final class Photos {

    private Photos() {
    }

    public static BufferedImage load(String name) {
        try (InputStream in = Photos.class.getResourceAsStream("/faces/" + name)) {
            BufferedImage img = ImageIO.read(in);
            BufferedImage rgb = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_INT_RGB);
            rgb.getGraphics().drawImage(img, 0, 0, null);
            return rgb;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A passport-style crop (4:5) around the face of a single-person test photo, for an ID card's portrait. */
    public static BufferedImage portrait(String name) {
        BufferedImage img = load(name);
        return switch (name) {
            case "person-a-webcam-1.jpg" -> img.getSubimage(100, 80, 330, 412);
            case "person-a-webcam-2.jpg" -> img.getSubimage(290, 160, 320, 340);
            case "person-c.jpg" -> img.getSubimage(50, 20, 224, 280);
            default -> throw new IllegalArgumentException(name);
        };
    }

    public static BufferedImage mirrored(BufferedImage img) {
        BufferedImage out = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                out.setRGB(img.getWidth() - 1 - x, y, img.getRGB(x, y));
            }
        }
        return out;
    }

    /**
     * Where the models find the face in a single-person test photo (OnnxFaceReaderTest checks it), so that a client
     * of the running services can turn a head without running the models itself.
     */
    public static FaceReading.Box faceBox(String name) {
        return switch (name) {
            case "person-a-webcam-1.jpg" -> new FaceReading.Box(135, 137, 253, 253);
            case "person-a-webcam-2.jpg" -> new FaceReading.Box(334, 216, 225, 225);
            default -> throw new IllegalArgumentException(name);
        };
    }

    /** The face of a single-person test photo turned 40° to the person's own left. */
    public static BufferedImage turnedLeft(String name) {
        return turnedLeft(load(name), faceBox(name));
    }

    /** The face in the box turned 40° to the person's own left (see turned). */
    public static BufferedImage turnedLeft(BufferedImage img, FaceReading.Box face) {
        return turned(img, face.x() + face.width() / 2, (int) (face.width() * 0.75), -40);
    }

    /**
     * The head turned by {@code degrees} about a vertical axis through the face centre ({@code cx}, {@code radius}),
     * modelled as a cylinder: a synthetic stand-in for a real turned-head photo, which the test photos lack.
     * Positive turns the person to their own right (the face moves to the picture's left).
     */
    public static BufferedImage turned(BufferedImage img, int cx, int radius, double degrees) {
        double phi = Math.toRadians(-degrees);
        BufferedImage out = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_INT_RGB);
        out.getGraphics().drawImage(img, 0, 0, null);
        for (int x = Math.max(0, cx - radius); x < Math.min(img.getWidth(), cx + radius); x++) {
            double theta = Math.asin((x - cx) / (double) radius) - phi;
            if (Math.abs(theta) >= Math.PI / 2) {
                continue;
            }
            int sx = (int) Math.round(cx + radius * Math.sin(theta));
            if (sx < 0 || sx >= img.getWidth()) {
                continue;
            }
            for (int y = 0; y < img.getHeight(); y++) {
                out.setRGB(x, y, img.getRGB(sx, y));
            }
        }
        return out;
    }
}
