package io.kencom.ekyc.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.kencom.ekyc.domain.Decision.Evidence;
import io.kencom.ekyc.domain.Decision.ReviewReason;
import org.junit.jupiter.api.Test;

/** Approved at once only with margin on every check; otherwise each doubt is named for the reviewer. */
class DecisionTest {

    private static final Evidence CLEAR = new Evidence(0.76, 0.72, Challenge.Outcome.MET, 0.99, 0.98, false, true);

    @Test
    void every_check_with_margin_is_approved_at_once() {
        assertThat(Decision.reviewReasons(CLEAR)).isEmpty();
    }

    @Test
    void each_doubt_sends_the_application_to_a_person() {
        assertThat(Decision.reviewReasons(new Evidence(0.50, 0.72, Challenge.Outcome.MET, 0.99, 0.98, false, true)))
                .containsExactly(ReviewReason.DOCUMENT_FACE_UNCLEAR);
        assertThat(Decision.reviewReasons(new Evidence(0.76, 0.40, Challenge.Outcome.MET, 0.99, 0.98, false, true)))
                .containsExactly(ReviewReason.SELFIES_UNCLEAR);
        assertThat(Decision.reviewReasons(new Evidence(0.76, 0.72, Challenge.Outcome.UNCLEAR, 0.99, 0.98, false, true)))
                .containsExactly(ReviewReason.CHALLENGE_UNCLEAR);
        assertThat(Decision.reviewReasons(new Evidence(0.76, 0.72, Challenge.Outcome.MET, 0.45, 0.98, false, true)))
                .containsExactly(ReviewReason.LIVENESS_LOW);
        assertThat(Decision.reviewReasons(new Evidence(0.76, 0.72, Challenge.Outcome.MET, 0.99, 0.98, true, true)))
                .containsExactly(ReviewReason.NAME_FROM_REMARKS);
        assertThat(Decision.reviewReasons(new Evidence(0.76, 0.72, Challenge.Outcome.MET, 0.99, 0.98, false, false)))
                .containsExactly(ReviewReason.DATA_NOT_AS_READ);
    }

    @Test
    void the_face_match_bands_meet_at_their_thresholds() {
        assertThat(FaceMatch.of(FaceMatch.SAME_AT)).isEqualTo(FaceMatch.SAME);
        assertThat(FaceMatch.of(Math.nextDown(FaceMatch.SAME_AT))).isEqualTo(FaceMatch.UNCLEAR);
        assertThat(FaceMatch.of(FaceMatch.DIFFERENT_BELOW)).isEqualTo(FaceMatch.UNCLEAR);
        assertThat(FaceMatch.of(Math.nextDown(FaceMatch.DIFFERENT_BELOW))).isEqualTo(FaceMatch.DIFFERENT);
    }
}
