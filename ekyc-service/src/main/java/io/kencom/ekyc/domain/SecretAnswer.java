package io.kencom.ekyc.domain;

import java.text.Normalizer;
import java.util.Locale;

/**
 * A secret answer as it is compared (秘密の質問の答え, guide p.32): width (NFKC: ｋｅｎｃｏｍ = kencom, ｶﾅ = カナ), case
 * and spaces of every kind do not count, so the member is not locked out for typing it on another keyboard.
 */
public final class SecretAnswer {

    public static final int MAX_LENGTH = 100;

    private SecretAnswer() {
    }

    /** The comparable form; empty when nothing is left. */
    public static String normalise(String typed) {
        String nfkc = Normalizer.normalize(typed, Normalizer.Form.NFKC);
        StringBuilder out = new StringBuilder(nfkc.length());
        nfkc.codePoints().filter(cp -> !Character.isWhitespace(cp) && !Character.isSpaceChar(cp))
                .forEach(out::appendCodePoint);
        return out.toString().toLowerCase(Locale.ROOT);
    }
}
