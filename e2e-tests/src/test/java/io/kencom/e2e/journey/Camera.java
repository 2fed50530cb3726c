package io.kencom.e2e.journey;

import io.kencom.ekyc.testing.Cards;
import io.kencom.ekyc.testing.Photos;

/**
 * What the members' phones photograph, from ekyc-service's test material: ID cards drawn with a portrait, and
 * selfies. Both members who do eKYC are played by person A, the one person of the test photos taken twice; the
 * turned heads are synthetic (Photos.turned), since no test photo shows one.
 */
final class Camera {

    private static final String CARD_PORTRAIT = "person-a-webcam-1.jpg";
    private static final String SELFIE = "person-a-webcam-2.jpg";

    /** A driving licence of 健康 太郎, born 昭和55年 (1980) 1月 1日. */
    static final byte[] TARO_LICENCE = Cards.jpeg(Cards.sharp(Photos.portrait(CARD_PORTRAIT)));
    /** A driving licence still in the maiden name 佐藤 花子, born 昭和58年 (1983) 3月 3日… */
    static final byte[] HANAKO_LICENCE = Cards.jpeg(Cards.sharp(Photos.portrait(CARD_PORTRAIT), "佐藤 花子",
            "昭和58年 3月 3日"));
    /** …whose back's remarks (備考) give the new name, 健康 花子. */
    static final byte[] HANAKO_LICENCE_BACK = Cards.jpeg(Cards.back());

    static final byte[] FRONT_SELFIE = Cards.jpeg(Photos.load(SELFIE));
    private static final byte[] TURNED_LEFT = Cards.jpeg(Photos.turnedLeft(SELFIE));
    private static final byte[] TURNED_RIGHT = Cards.jpeg(Photos.mirrored(Photos.turnedLeft(SELFIE)));

    private Camera() {
    }

    /** The second selfie, head turned as the challenge says (右向き / 左向き), mouth closed. */
    static byte[] turned(String turn) {
        return "LEFT".equals(turn) ? TURNED_LEFT : TURNED_RIGHT;
    }
}
