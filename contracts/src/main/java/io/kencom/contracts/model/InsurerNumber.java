package io.kencom.contracts.model;

import java.text.Normalizer;
import java.util.Optional;

/**
 * 保険者番号: 8 digits for employee insurance (法別番号 2 + 都道府県番号 2 + 保険者別番号 3 + 検証番号 1), 6 for national
 * health insurance (都道府県番号 2 + 保険者別番号 3 + 検証番号 1). The last digit checks the others (domain.md §4.1).
 * Shared by every service that takes one: sign-up, card verification, the group catalog.
 */
public record InsurerNumber(String value) {

    /** Why a string is not an insurer number. */
    public enum Problem {
        /** Not 6 or 8 digits (after full-width digits are read as half-width). */
        MALFORMED,
        /** Well formed, but the check digit does not match. */
        CHECK_DIGIT_MISMATCH
    }

    public InsurerNumber {
        Problem problem = problemWith(value).orElse(null);
        if (problem != null) {
            throw new IllegalArgumentException("not an insurer number: " + problem);
        }
    }

    /**
     * Reads what a member typed: full-width digits become half-width (NFKC), surrounding blanks go.
     *
     * @throws IllegalArgumentException when it is not a valid insurer number; see {@link #problemWith}
     */
    public static InsurerNumber parse(String input) {
        return new InsurerNumber(normalise(input));
    }

    /** What is wrong with the input, if anything, after the same normalisation as {@link #parse}. */
    public static Optional<Problem> problemWith(String input) {
        String s = normalise(input);
        if (s == null || !(s.length() == 6 || s.length() == 8) || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.of(Problem.MALFORMED);
        }
        int expected = checkDigit(s.substring(0, s.length() - 1));
        return s.charAt(s.length() - 1) - '0' == expected ? Optional.empty() : Optional.of(Problem.CHECK_DIGIT_MISMATCH);
    }

    /**
     * From the right, the digits are weighted 2, 1, 2, 1…; the digits of each product are summed; the check digit
     * is 10 minus the last digit of that sum, 0 when that gives 10.
     */
    public static int checkDigit(String digits) {
        int sum = 0;
        int weight = 2;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int product = (digits.charAt(i) - '0') * weight;
            sum += product / 10 + product % 10;
            weight = weight == 2 ? 1 : 2;
        }
        int last = sum % 10;
        return last == 0 ? 0 : 10 - last;
    }

    /** 国民健康保険 (6 digits) rather than employee insurance (8). */
    public boolean nationalHealthInsurance() {
        return value.length() == 6;
    }

    private static String normalise(String input) {
        return input == null ? null : Normalizer.normalize(input, Normalizer.Form.NFKC).strip();
    }

    @Override
    public String toString() {
        return value;
    }
}
