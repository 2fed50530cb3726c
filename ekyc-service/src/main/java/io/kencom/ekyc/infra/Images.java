package io.kencom.ekyc.infra;

import com.drew.imaging.ImageMetadataReader;
import com.drew.imaging.ImageProcessingException;
import com.drew.metadata.Metadata;
import com.drew.metadata.MetadataException;
import com.drew.metadata.exif.ExifIFD0Directory;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;

/**
 * An uploaded photo made safe to keep: its type read from its first bytes (never from a header the client chose),
 * its size and pixel count bounded before it is decoded, turned upright as its EXIF orientation says, and re-encoded
 * from the pixels alone, so EXIF (place, time, device) and any other metadata or trailing bytes are gone.
 */
public final class Images {

    public enum Type {
        JPEG("image/jpeg", "jpg"),
        PNG("image/png", "png");

        public final String mediaType;
        final String format;

        Type(String mediaType, String format) {
            this.mediaType = mediaType;
            this.format = format;
        }
    }

    /** Why an upload is not a photo the service takes. */
    public static final class Refused extends RuntimeException {

        public final String code;

        Refused(String code, String message) {
            super(message);
            this.code = code;
        }
    }

    /** A decoded photo and its clean re-encoding. */
    public record Photo(Type type, BufferedImage pixels, byte[] clean) {
    }

    public static final int MAX_BYTES = 10 * 1024 * 1024;
    /** 24 megapixels: more than a phone's main camera, and a decoded image of at most 96 MB. */
    static final long MAX_PIXELS = 24_000_000L;
    private static final float JPEG_QUALITY = 0.92f;

    private Images() {
    }

    public static Type sniff(byte[] bytes) {
        if (bytes.length >= 3 && (bytes[0] & 0xff) == 0xff && (bytes[1] & 0xff) == 0xd8 && (bytes[2] & 0xff) == 0xff) {
            return Type.JPEG;
        }
        if (bytes.length >= 8 && (bytes[0] & 0xff) == 0x89 && bytes[1] == 'P' && bytes[2] == 'N' && bytes[3] == 'G'
                && bytes[4] == 0x0d && bytes[5] == 0x0a && bytes[6] == 0x1a && bytes[7] == 0x0a) {
            return Type.PNG;
        }
        return null;
    }

    public static Photo read(byte[] bytes) {
        if (bytes.length > MAX_BYTES) {
            throw new Refused("IMAGE_TOO_LARGE", "A photo may have at most " + MAX_BYTES + " bytes");
        }
        Type type = sniff(bytes);
        if (type == null) {
            throw new Refused("IMAGE_TYPE_UNSUPPORTED", "Only JPEG and PNG photos are taken");
        }
        BufferedImage pixels = decode(bytes, orientation(bytes));
        return new Photo(type, pixels, encode(pixels, type));
    }

    /**
     * The EXIF orientation (1–8; 1 as stored): a phone keeps the pixels as its sensor lay and writes how to turn them.
     * Unreadable or absent metadata counts as 1, the pixels as stored.
     */
    static int orientation(byte[] bytes) {
        try {
            Metadata metadata = ImageMetadataReader.readMetadata(new ByteArrayInputStream(bytes), bytes.length);
            for (ExifIFD0Directory exif : metadata.getDirectoriesOfType(ExifIFD0Directory.class)) {
                if (exif.containsTag(ExifIFD0Directory.TAG_ORIENTATION)) {
                    int orientation = exif.getInt(ExifIFD0Directory.TAG_ORIENTATION);
                    return orientation >= 1 && orientation <= 8 ? orientation : 1;
                }
            }
            return 1;
        } catch (ImageProcessingException | IOException | MetadataException | RuntimeException e) {
            return 1;
        }
    }

    /**
     * The pixels turned (and mirrored) as EXIF orientation {@code orientation} asks, drawn into a new RGB image: the
     * one copy a decoded photo gets, whatever its colour model.
     */
    static BufferedImage upright(BufferedImage img, int orientation) {
        int w = img.getWidth();
        int h = img.getHeight();
        // Where a stored point (x, y) is seen: x' = m00·x + m01·y + m02, y' = m10·x + m11·y + m12.
        AffineTransform seen = switch (orientation) {
            case 1 -> new AffineTransform(); // as stored
            case 2 -> new AffineTransform(-1, 0, 0, 1, w, 0); // mirrored left to right
            case 3 -> new AffineTransform(-1, 0, 0, -1, w, h); // upside down
            case 4 -> new AffineTransform(1, 0, 0, -1, 0, h); // mirrored top to bottom
            case 5 -> new AffineTransform(0, 1, 1, 0, 0, 0); // row 0 is the left side, column 0 the top
            case 6 -> new AffineTransform(0, 1, -1, 0, h, 0); // row 0 is the right side: turn clockwise
            case 7 -> new AffineTransform(0, -1, -1, 0, h, w); // row 0 is the right side, column 0 the bottom
            case 8 -> new AffineTransform(0, -1, 1, 0, 0, w); // row 0 is the left side: turn anticlockwise
            default -> throw new IllegalArgumentException("EXIF orientation " + orientation);
        };
        boolean sideways = orientation >= 5;
        BufferedImage out = new BufferedImage(sideways ? h : w, sideways ? w : h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.drawImage(img, seen, null);
        g.dispose();
        return out;
    }

    /** The photo's pixels, upright as {@code orientation} says, as RGB. */
    private static BufferedImage decode(byte[] bytes, int orientation) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw unreadable();
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                if (pixels > MAX_PIXELS) {
                    throw new Refused("IMAGE_TOO_LARGE", "A photo may have at most " + MAX_PIXELS + " pixels");
                }
                return upright(reader.read(0), orientation);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof Refused refused) {
                throw refused;
            }
            throw unreadable();
        }
    }

    private static Refused unreadable() {
        return new Refused("IMAGE_UNREADABLE", "The photo cannot be decoded");
    }

    static byte[] encode(BufferedImage img, Type type) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageWriter writer = ImageIO.getImageWritersByFormatName(type.format).next();
            try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
                writer.setOutput(stream);
                ImageWriteParam param = writer.getDefaultWriteParam();
                if (type == Type.JPEG) {
                    param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                    param.setCompressionQuality(JPEG_QUALITY);
                }
                writer.write(null, new IIOImage(img, null, null), param);
            } finally {
                writer.dispose();
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode a photo", e);
        }
    }
}
