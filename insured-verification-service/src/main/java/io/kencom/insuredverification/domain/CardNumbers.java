package io.kencom.insuredverification.domain;

import io.kencom.contracts.model.CardFormat;
import io.kencom.insuredverification.domain.FieldError.Reason;
import java.text.Normalizer;
import java.util.Locale;

/**
 * Symbol (記号) and number (番号) of an insurance card, without their presentation (domain.md §4.2): full-width digits
 * are read as half-width, hyphens and spaces are dropped, letters are upper-cased. {@code symbol} is empty on cards
 * that have none (formats 1 and 2). Content is never changed: {@code 12-456} and {@code 12456} are the same symbol,
 * {@code 12-456} and {@code 12-457} are not.
 */
public record CardNumbers(String symbol, String number) {

    public static final int MAX_LENGTH = 20;

    /** What a member or the roster gives, checked against the insurer's card format ({@code null}: not known yet). */
    public static CardNumbers parse(CardFormat format, String symbol, String number) {
        String s = symbol == null ? "" : strip(symbol);
        boolean hasSymbol = format == null ? !s.isEmpty()
                : format == CardFormat.SYMBOL_WITH_HYPHEN_AND_NUMBER || format == CardFormat.SYMBOL_AND_NUMBER;
        if (hasSymbol) {
            if (s.isEmpty()) {
                throw new FieldError("symbol", Reason.REQUIRED);
            }
            check("symbol", s, false);
        } else if (!s.isEmpty()) {
            throw new FieldError("symbol", Reason.NOT_ON_THIS_CARD);
        }
        String n = number == null ? "" : strip(number);
        if (n.isEmpty()) {
            throw new FieldError("number", Reason.REQUIRED);
        }
        check("number", n, true);
        return new CardNumbers(s, n);
    }

    private static void check(String field, String value, boolean digitsOnly) {
        if (value.length() > MAX_LENGTH) {
            throw new FieldError(field, Reason.TOO_LONG);
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (digitsOnly ? !(c >= '0' && c <= '9') : !Character.isLetterOrDigit(c)) {
                throw new FieldError(field, digitsOnly ? Reason.NOT_DIGITS : Reason.NOT_LETTERS_OR_DIGITS);
            }
        }
    }

    /** NFKC, then without the separators people type between groups of digits. */
    private static String strip(String input) {
        String nfkc = Normalizer.normalize(input, Normalizer.Form.NFKC).toUpperCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(nfkc.length());
        for (int i = 0; i < nfkc.length(); i++) {
            char c = nfkc.charAt(i);
            if (!Character.isWhitespace(c) && !isHyphen(c)) {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** ASCII and Unicode hyphens and dashes, the minus sign, and the katakana long-vowel mark an IME gives for "-". */
    private static boolean isHyphen(char c) {
        return c == '-' || (c >= '‐' && c <= '―') || c == '−' || c == 'ー' || c == '﹣';
    }

    @Override
    public String toString() {
        return "CardNumbers[…]"; // 告知要求制限: never printed
    }
}
