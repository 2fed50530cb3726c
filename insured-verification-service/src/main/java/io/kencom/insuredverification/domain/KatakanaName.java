package io.kencom.insuredverification.domain;

import io.kencom.insuredverification.domain.FieldError.Reason;
import java.text.Normalizer;

/**
 * A full name in full-width katakana (氏名カナ, domain.md §4.3), as the roster holds it. Presentation is ignored:
 * spaces (half- or full-width) and the middle dot between names go. Two inputs that spell the same reading are read
 * as katakana rather than refused: half-width katakana (ｹﾝｺﾑ, NFKC) and hiragana (けんこむ, the one-to-one shift of
 * the hiragana block onto the katakana one). Nothing else is folded: small kana (ァ/ア), voiced marks (ガ/カ) and the
 * long-vowel mark stay significant, so a different name never matches.
 */
public record KatakanaName(String value) {

    public static final int MAX_LENGTH = 60;

    private static final int HIRAGANA_TO_KATAKANA = 0x60;

    public static KatakanaName parse(String field, String input) {
        if (input == null || input.isBlank()) {
            throw new FieldError(field, Reason.REQUIRED);
        }
        String nfkc = Normalizer.normalize(input, Normalizer.Form.NFKC);
        StringBuilder name = new StringBuilder(nfkc.length());
        for (int i = 0; i < nfkc.length(); i++) {
            char c = nfkc.charAt(i);
            if (Character.isWhitespace(c) || c == '・') {
                continue;
            }
            if ((c >= 'ぁ' && c <= 'ゖ') || c == 'ゝ' || c == 'ゞ') {
                c = (char) (c + HIRAGANA_TO_KATAKANA);
            }
            if (!isKatakana(c)) {
                throw new FieldError(field, Reason.NOT_KATAKANA);
            }
            name.append(c);
        }
        if (name.isEmpty()) {
            throw new FieldError(field, Reason.REQUIRED);
        }
        if (name.length() > MAX_LENGTH) {
            throw new FieldError(field, Reason.TOO_LONG);
        }
        return new KatakanaName(name.toString());
    }

    /** ァ…ヺ, the long-vowel mark ー and the iteration marks ヽヾ. */
    private static boolean isKatakana(char c) {
        return (c >= 'ァ' && c <= 'ヺ') || c == 'ー' || c == 'ヽ' || c == 'ヾ';
    }

    @Override
    public String toString() {
        return "KatakanaName[…]"; // personal data: never printed
    }
}
