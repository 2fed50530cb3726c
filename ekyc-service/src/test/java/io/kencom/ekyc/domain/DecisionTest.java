package io.kencom.ekyc.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kencom.ekyc.domain.Decision.Evidence;
import io.kencom.ekyc.domain.Decision.ReviewReason;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Approved at once only with margin on every check; otherwise each doubt is named for the reviewer. */
class DecisionTest {

    private static final FaceMatch.Lines LINES = new FaceMatch.Lines(0.60, 0.40);
    private static final Evidence CLEAR = new Evidence(0.76, 0.72, Challenge.Outcome.MET, 0.99, 0.98, false, true);

    private static List<ReviewReason> reasons(Evidence e) {
        return Decision.reviewReasons(e, LINES);
    }

    @Test
    void every_check_with_margin_is_approved_at_once() {
        assertThat(reasons(CLEAR)).isEmpty();
    }

    @Test
    void each_doubt_sends_the_application_to_a_person() {
        assertThat(reasons(new Evidence(0.50, 0.72, Challenge.Outcome.MET, 0.99, 0.98, false, true)))
                .containsExactly(ReviewReason.DOCUMENT_FACE_UNCLEAR);
        assertThat(reasons(new Evidence(0.76, 0.40, Challenge.Outcome.MET, 0.99, 0.98, false, true)))
                .containsExactly(ReviewReason.SELFIES_UNCLEAR);
        assertThat(reasons(new Evidence(0.76, 0.72, Challenge.Outcome.UNCLEAR, 0.99, 0.98, false, true)))
                .containsExactly(ReviewReason.CHALLENGE_UNCLEAR);
        assertThat(reasons(new Evidence(0.76, 0.72, Challenge.Outcome.MET, 0.45, 0.98, false, true)))
                .containsExactly(ReviewReason.LIVENESS_LOW);
        assertThat(reasons(new Evidence(0.76, 0.72, Challenge.Outcome.MET, 0.99, 0.98, true, true)))
                .containsExactly(ReviewReason.NAME_FROM_REMARKS);
        assertThat(reasons(new Evidence(0.76, 0.72, Challenge.Outcome.MET, 0.99, 0.98, false, false)))
                .containsExactly(ReviewReason.DATA_NOT_AS_READ);
    }

    @Test
    void the_face_match_bands_meet_at_their_lines() {
        assertThat(LINES.of(0.60)).isEqualTo(FaceMatch.SAME);
        assertThat(LINES.of(Math.nextDown(0.60))).isEqualTo(FaceMatch.UNCLEAR);
        assertThat(LINES.of(0.40)).isEqualTo(FaceMatch.UNCLEAR);
        assertThat(LINES.of(Math.nextDown(0.40))).isEqualTo(FaceMatch.DIFFERENT);
    }

    @Test
    void a_refusal_line_above_the_approval_line_is_refused() {
        assertThatThrownBy(() -> new FaceMatch.Lines(0.40, 0.60)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FaceMatch.Lines(1.20, 0.40)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new FaceMatch.Lines(0.50, 0.50).of(0.50)).isEqualTo(FaceMatch.SAME);
    }
}
