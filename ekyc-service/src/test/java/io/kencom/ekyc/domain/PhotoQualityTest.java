package io.kencom.ekyc.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.kencom.ekyc.domain.PhotoQuality.Issue;
import io.kencom.ekyc.testing.Cards;
import io.kencom.ekyc.testing.Photos;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

/** The guide's photo hints on card photos the tests draw: each fault is named, and only it. */
class PhotoQualityTest {

    private static final BufferedImage PORTRAIT = Photos.portrait("person-a-webcam-1.jpg");

    private static PhotoQuality.Measures measure(BufferedImage photo) {
        return PhotoQuality.measure(photo);
    }

    @Test
    void a_sharp_card_inside_the_frame_has_no_issue() {
        assertThat(PhotoQuality.issues(measure(Cards.sharp(PORTRAIT)))).isEmpty();
    }

    @Test
    void a_blurred_card_is_blurred() {
        assertThat(PhotoQuality.issues(measure(Cards.blurred(PORTRAIT)))).containsExactly(Issue.BLURRED);
    }

    @Test
    void a_card_over_the_frame_edge_is_cut_off() {
        assertThat(PhotoQuality.issues(measure(Cards.cutOff(PORTRAIT)))).containsExactly(Issue.CUT_OFF);
    }

    @Test
    void a_white_hotspot_is_glare() {
        assertThat(PhotoQuality.issues(measure(Cards.withGlare(PORTRAIT)))).containsExactly(Issue.GLARE);
    }

    @Test
    void the_thresholds_leave_margin_on_both_sides() {
        PhotoQuality.Measures sharp = measure(Cards.sharp(PORTRAIT));
        PhotoQuality.Measures blurred = measure(Cards.blurred(PORTRAIT));
        PhotoQuality.Measures glare = measure(Cards.withGlare(PORTRAIT));

        assertThat(sharp.sharpness()).isGreaterThan(2 * PhotoQuality.MIN_SHARPNESS);
        assertThat(blurred.sharpness()).isLessThan(PhotoQuality.MIN_SHARPNESS / 2);
        assertThat(sharp.glare()).isLessThan(PhotoQuality.MAX_GLARE / 2);
        assertThat(glare.glare()).isGreaterThan(2 * PhotoQuality.MAX_GLARE);
        assertThat(sharp.edgeCover()).isZero();
        assertThat(measure(Cards.cutOff(PORTRAIT)).edgeCover()).isGreaterThan(2 * PhotoQuality.MAX_EDGE_COVER);
    }
}
