package io.kencom.ekyc.domain.jpki;

import java.text.Normalizer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The 12-digit individual number (個人番号, "My Number"), which the My Number Act forbids this service to collect: a
 * request that carries one is refused before anything of it is stored. It "looks like one" when twelve digits stand
 * alone (width folded, spaces and hyphens between digits ignored, as people write 1234-5678-9012) and the last is
 * the check digit the ordinance defines (個人番号の検査用数字, 施行令第8条): a longer or shorter run of digits, or twelve
 * with a wrong check digit, is something else.
 */
public final class IndividualNumber {

    private static final Pattern SEPARATORS = Pattern.compile("(?<=\\d)[\\s\\-‐‑‒–—―ー−]+(?=\\d)");
    private static final Pattern TWELVE_DIGITS = Pattern.compile("(?<!\\d)\\d{12}(?!\\d)");

    private IndividualNumber() {
    }

    /** Whether {@code text} holds what reads as an individual number. */
    public static boolean appearsIn(String text) {
        if (text == null) {
            return false;
        }
        String folded = SEPARATORS.matcher(Normalizer.normalize(text, Normalizer.Form.NFKC)).replaceAll("");
        Matcher m = TWELVE_DIGITS.matcher(folded);
        while (m.find()) {
            if (hasValidCheckDigit(m.group())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The ordinance's check: for the first eleven digits, P(n) the n-th from the right and Q(n) = n + 1 (n ≤ 6) or
     * n − 5 (n ≥ 7); with r = Σ P(n)·Q(n) mod 11, the check digit is 0 when r ≤ 1, else 11 − r.
     */
    static boolean hasValidCheckDigit(String twelveDigits) {
        int sum = 0;
        for (int n = 1; n <= 11; n++) {
            int p = twelveDigits.charAt(11 - n) - '0';
            int q = n <= 6 ? n + 1 : n - 5;
            sum += p * q;
        }
        int r = sum % 11;
        int check = r <= 1 ? 0 : 11 - r;
        return twelveDigits.charAt(11) - '0' == check;
    }
}
