package io.kencom.contracts.model;

/**
 * What ekyc-service reads of a My Number card's signing certificate (署名用電子証明書, 公的個人認証 JPKI): the basic four
 * items (基本4情報) that J-LIS's certificate profile puts in the subjectAltName as otherName entries under its arc
 * 1.2.392.200149.8.5.5, each an ASN.1 UTF8String. The one place that names the OIDs (docs/ekyc-service.md, "JPKI").
 * The user-authentication certificate (利用者証明用電子証明書) carries none of them. Here, beside the other shared
 * model, because the local stack's stand-in J-LIS issues certificates of this profile too.
 */
public final class JpkiProfile {

    /** J-LIS's arc for the holder's attributes (JPKI 個人属性). */
    public static final String ARC = "1.2.392.200149.8.5.5.";

    /** 氏名: the name as on the residence record, kanji, family and given name apart by a full-width space. */
    public static final String NAME = "1.2.392.200149.8.5.5.1";
    /** 氏名代替文字の使用位置: where the name uses a substitute for a character the card cannot print. */
    public static final String NAME_SUBSTITUTES = "1.2.392.200149.8.5.5.2";
    /** 性別: read by nobody here. */
    public static final String SEX = "1.2.392.200149.8.5.5.3";
    /** 生年月日: a digit for the calendar, then yyyyMMdd (as a card's certificate shows: {@code 119800101}). */
    public static final String BIRTH_DATE = "1.2.392.200149.8.5.5.4";
    /** 住所: never read, never kept. */
    public static final String ADDRESS = "1.2.392.200149.8.5.5.5";
    /** 住所代替文字の使用位置 */
    public static final String ADDRESS_SUBSTITUTES = "1.2.392.200149.8.5.5.6";

    private JpkiProfile() {
    }
}
