package io.kencom.ekyc.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.kencom.ekyc.domain.Challenge.Mouth;
import io.kencom.ekyc.domain.Challenge.Outcome;
import io.kencom.ekyc.domain.Challenge.Turn;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The random second-photo instruction (guide p.31), judged on head turn and mouth opening. */
class ChallengeTest {

    private static FaceReading face(double headTurn, double mouthOpening) {
        return new FaceReading(new FaceReading.Box(0, 0, 100, 100), new float[] { 1 }, 0, headTurn, mouthOpening, 0.9);
    }

    private static final FaceReading FRONT = face(0.05, 0.02);

    @Test
    void turned_the_asked_way_with_the_asked_mouth_is_met() {
        assertThat(new Challenge(Turn.RIGHT, Mouth.CLOSED).judge(FRONT, face(0.45, 0.03)).outcome())
                .isEqualTo(Outcome.MET);
        assertThat(new Challenge(Turn.LEFT, Mouth.OPEN).judge(FRONT, face(-0.45, 0.40)).outcome())
                .isEqualTo(Outcome.MET);
    }

    @Test
    void turned_the_other_way_or_not_at_all_is_not_met() {
        Challenge right = new Challenge(Turn.RIGHT, Mouth.CLOSED);

        assertThat(right.judge(FRONT, face(-0.45, 0.03)).failed()).containsExactly("TURN");
        assertThat(right.judge(FRONT, face(-0.45, 0.03)).outcome()).isEqualTo(Outcome.NOT_MET);
        assertThat(right.judge(FRONT, face(0.05, 0.03)).outcome()).isEqualTo(Outcome.NOT_MET);
    }

    @Test
    void the_wrong_mouth_is_not_met() {
        Challenge.Result result = new Challenge(Turn.LEFT, Mouth.OPEN).judge(FRONT, face(-0.45, 0.03));

        assertThat(result.outcome()).isEqualTo(Outcome.NOT_MET);
        assertThat(result.failed()).containsExactly("MOUTH");
    }

    @Test
    void a_head_already_turned_in_the_front_photo_must_turn_further() {
        FaceReading frontTurnedRight = face(0.30, 0.02);

        assertThat(new Challenge(Turn.RIGHT, Mouth.CLOSED).judge(frontTurnedRight, face(0.38, 0.02)).outcome())
                .isEqualTo(Outcome.UNCLEAR);
    }

    @Test
    void the_frontal_photo_again_is_not_a_turn_even_when_it_leans_the_asked_way() {
        FaceReading leaningLeft = face(-0.20, 0.02);

        assertThat(new Challenge(Turn.LEFT, Mouth.CLOSED).judge(leaningLeft, face(-0.21, 0.02)).outcome())
                .isEqualTo(Outcome.NOT_MET);
    }

    @Test
    void half_turned_or_half_open_is_for_a_person_to_judge() {
        assertThat(new Challenge(Turn.RIGHT, Mouth.CLOSED).judge(FRONT, face(0.22, 0.02)).outcome())
                .isEqualTo(Outcome.UNCLEAR);
        assertThat(new Challenge(Turn.RIGHT, Mouth.OPEN).judge(FRONT, face(0.45, 0.17)).outcome())
                .isEqualTo(Outcome.UNCLEAR);
    }

    @Test
    void every_combination_is_drawn() {
        Random random = new Random(7);
        Set<Turn> turns = EnumSet.noneOf(Turn.class);
        Set<Mouth> mouths = EnumSet.noneOf(Mouth.class);
        for (int i = 0; i < 100; i++) {
            Challenge c = Challenge.draw(random, List.of(Mouth.values()));
            turns.add(c.turn());
            mouths.add(c.mouth());
        }

        assertThat(turns).containsExactlyInAnyOrder(Turn.values());
        assertThat(mouths).containsExactlyInAnyOrder(Mouth.values());
    }
}
