package io.kencom.ekyc.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The second face photo's instruction, drawn at random for each application (guide p.31: 「右向きで口を閉じる」
 * 「左向きで口を開ける」…), so a photo taken beforehand rarely fits. Judged on the landmarks: how far the head turned
 * ({@link FaceReading#headTurn()}) and how far the mouth is open.
 */
public record Challenge(Turn turn, Mouth mouth) {

    public enum Turn {
        /** 右向き: to the person's own right. */
        RIGHT,
        /** 左向き */
        LEFT
    }

    public enum Mouth {
        /** 口を閉じる */
        CLOSED,
        /** 口を開ける */
        OPEN
    }

    public enum Outcome {
        MET,
        /** Neither clearly met nor clearly failed: a person looks. */
        UNCLEAR,
        NOT_MET
    }

    /** The head turned this far (see headTurn) in the asked direction meets the challenge… */
    static final double TURN_MET = 0.30;
    /** …and under this it did not turn, or turned the other way. */
    static final double TURN_NOT_MET = 0.12;
    /** It must also have turned this much more than in the frontal photo… */
    static final double TURN_MORE_THAN_FRONT = 0.15;
    /** …and turning less than this more (the frontal photo sent again) is not turning. */
    static final double TURN_NOT_MORE = 0.05;
    /** Inner lips' gap over their width at or above which the mouth is open… */
    public static final double MOUTH_OPEN_AT = 0.25;
    /** …and at or below which it is closed. */
    public static final double MOUTH_CLOSED_AT = 0.10;

    /** A result and, when not met, which part failed (TURN, MOUTH). */
    public record Result(Outcome outcome, List<String> failed) {
    }

    public static Challenge draw(RandomGenerator random, List<Mouth> mouths) {
        Turn turn = Turn.values()[random.nextInt(Turn.values().length)];
        return new Challenge(turn, mouths.get(random.nextInt(mouths.size())));
    }

    public Result judge(FaceReading front, FaceReading photo) {
        double sign = turn == Turn.RIGHT ? 1 : -1;
        double turned = sign * photo.headTurn();
        double more = turned - sign * front.headTurn();
        Outcome turnOutcome = turned >= TURN_MET && more >= TURN_MORE_THAN_FRONT ? Outcome.MET
                : turned < TURN_NOT_MET || more < TURN_NOT_MORE ? Outcome.NOT_MET : Outcome.UNCLEAR;
        double opening = photo.mouthOpening();
        Outcome mouthOutcome = mouth == Mouth.OPEN
                ? opening >= MOUTH_OPEN_AT ? Outcome.MET : opening <= MOUTH_CLOSED_AT ? Outcome.NOT_MET : Outcome.UNCLEAR
                : opening <= MOUTH_CLOSED_AT ? Outcome.MET : opening >= MOUTH_OPEN_AT ? Outcome.NOT_MET : Outcome.UNCLEAR;
        List<String> failed = new ArrayList<>();
        if (turnOutcome != Outcome.MET) {
            failed.add("TURN");
        }
        if (mouthOutcome != Outcome.MET) {
            failed.add("MOUTH");
        }
        Outcome outcome = turnOutcome == Outcome.NOT_MET || mouthOutcome == Outcome.NOT_MET ? Outcome.NOT_MET
                : failed.isEmpty() ? Outcome.MET : Outcome.UNCLEAR;
        return new Result(outcome, failed);
    }
}
