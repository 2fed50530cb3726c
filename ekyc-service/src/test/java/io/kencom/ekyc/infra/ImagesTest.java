package io.kencom.ekyc.infra;

import static org.assertj.core.api.Assertions.assertThat;

import io.kencom.ekyc.domain.FaceReading;
import io.kencom.ekyc.testing.Cards;
import io.kencom.ekyc.testing.Photos;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A phone's photo arrives as its sensor lay, with an EXIF orientation; the service reads it upright. */
class ImagesTest {

    /**
     * A 2×3 image, each pixel its own colour, as a camera would store a scene that is seen as {@link #SEEN} under each
     * orientation. The scene seen upright is 3 wide and 2 high for 1–4, and 2 wide and 3 high for 5–8.
     */
    @ParameterizedTest
    @ValueSource(ints = { 1, 2, 3, 4, 5, 6, 7, 8 })
    void each_orientation_turns_the_stored_pixels_upright(int orientation) {
        BufferedImage stored = new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB);
        int[][] rows = { { 1, 2, 3 }, { 4, 5, 6 } };
        for (int y = 0; y < 2; y++) {
            for (int x = 0; x < 3; x++) {
                stored.setRGB(x, y, rows[y][x]);
            }
        }

        BufferedImage upright = Images.upright(stored, orientation);

        assertThat(pixels(upright)).isEqualTo(SEEN[orientation]);
    }

    /** What a viewer shows of the stored {{1,2,3},{4,5,6}} under orientation i (EXIF 2.3, tag 0x0112). */
    private static final int[][][] SEEN = {
            null,
            { { 1, 2, 3 }, { 4, 5, 6 } },
            { { 3, 2, 1 }, { 6, 5, 4 } },
            { { 6, 5, 4 }, { 3, 2, 1 } },
            { { 4, 5, 6 }, { 1, 2, 3 } },
            { { 1, 4 }, { 2, 5 }, { 3, 6 } },
            { { 4, 1 }, { 5, 2 }, { 6, 3 } },
            { { 6, 3 }, { 5, 2 }, { 4, 1 } },
            { { 3, 6 }, { 2, 5 }, { 1, 4 } } };

    private static int[][] pixels(BufferedImage img) {
        int[][] out = new int[img.getHeight()][img.getWidth()];
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                out[y][x] = img.getRGB(x, y) & 0xffffff;
            }
        }
        return out;
    }

    @Test
    void a_selfie_stored_sideways_with_orientation_6_is_read_upright_and_its_face_found() throws Exception {
        BufferedImage selfie = Photos.load("person-a-webcam-2.jpg");
        byte[] sideways = withOrientation(Cards.jpeg(Images.upright(selfie, 8)), 6);

        Images.Photo photo = Images.read(sideways);

        assertThat(Images.orientation(sideways)).isEqualTo(6);
        assertThat(photo.pixels().getWidth()).isEqualTo(selfie.getWidth());
        assertThat(photo.pixels().getHeight()).isEqualTo(selfie.getHeight());
        assertThat(Images.orientation(photo.clean())).as("the kept copy carries no EXIF").isEqualTo(1);
        try (OnnxFaceReader reader = new OnnxFaceReader()) {
            List<FaceReading> faces = reader.read(photo.pixels());
            assertThat(faces).isNotEmpty();
            assertThat(faces.get(0).similarity(reader.read(selfie).get(0))).isGreaterThan(0.9);
        }
    }

    @Test
    void a_photo_without_exif_or_with_a_broken_one_is_taken_as_stored() {
        byte[] plain = Cards.jpeg(Photos.load("person-c.jpg"));
        byte[] broken = withApp1(plain, "Exif\0\0MM\0*garbage".getBytes(StandardCharsets.ISO_8859_1));

        assertThat(Images.orientation(plain)).isEqualTo(1);
        assertThat(Images.orientation(broken)).isEqualTo(1);
        assertThat(Images.read(broken).pixels().getWidth()).isEqualTo(320);
    }

    /** The JPEG with an EXIF block (big-endian TIFF, one IFD entry: Orientation). */
    static byte[] withOrientation(byte[] jpeg, int orientation) {
        byte[] tiff = {
                'M', 'M', 0, 42, 0, 0, 0, 8, // header, IFD0 at offset 8
                0, 1, // one entry
                0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, (byte) orientation, 0, 0, // Orientation, SHORT, 1 value
                0, 0, 0, 0 }; // no next IFD
        ByteArrayOutputStream exif = new ByteArrayOutputStream();
        exif.writeBytes("Exif\0\0".getBytes(StandardCharsets.ISO_8859_1));
        exif.writeBytes(tiff);
        return withApp1(jpeg, exif.toByteArray());
    }

    /** The payload as an APP1 segment, after the JFIF segment when there is one (which must come first). */
    private static byte[] withApp1(byte[] jpeg, byte[] payload) {
        int at = 2;
        if ((jpeg[2] & 0xff) == 0xff && (jpeg[3] & 0xff) == 0xe0) {
            at = 4 + ((jpeg[4] & 0xff) << 8 | (jpeg[5] & 0xff));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, at);
        int length = payload.length + 2;
        out.writeBytes(new byte[] { (byte) 0xff, (byte) 0xe1, (byte) (length >> 8), (byte) length });
        out.writeBytes(payload);
        out.write(jpeg, at, jpeg.length - at);
        return out.toByteArray();
    }
}
