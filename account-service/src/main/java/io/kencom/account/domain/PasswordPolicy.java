package io.kencom.account.domain;

import com.nulabinc.zxcvbn.Strength;
import com.nulabinc.zxcvbn.Zxcvbn;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The password rules of domain.md §3, the same at sign-up and at reset. "Hard to guess" is zxcvbn's judgement (its
 * dictionaries of common passwords, words and names, keyboard patterns, dates), plus two rules of the guide it
 * does not state as such: no long runs, nothing of the e-mail's local part.
 */
public final class PasswordPolicy {

    public static final int MIN_LENGTH = 8;
    public static final int MAX_LENGTH = 20;
    /** zxcvbn's score 0–4; below 2 is "too guessable" (≈ fewer than 10^6 guesses). */
    static final int MIN_SCORE = 2;
    static final int RUN_LENGTH = 4;
    /** A local part shorter than this is too short to count as "built from the address". */
    static final int MIN_EMAIL_FRAGMENT = 4;

    private final Zxcvbn zxcvbn = new Zxcvbn();

    /** Every rule the password breaks; empty when it is acceptable. */
    public Set<PasswordRule> violations(String password, EmailAddress email) {
        Set<PasswordRule> broken = EnumSet.noneOf(PasswordRule.class);
        if (password == null) {
            return EnumSet.of(PasswordRule.LENGTH);
        }
        if (password.length() < MIN_LENGTH || password.length() > MAX_LENGTH) {
            broken.add(PasswordRule.LENGTH);
        }
        if (!password.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
            broken.add(PasswordRule.CHARACTERS);
        }
        if (kinds(password) < 2) {
            broken.add(PasswordRule.KINDS);
        }
        if (email != null && containsEmail(password, email)) {
            broken.add(PasswordRule.CONTAINS_EMAIL);
        }
        if (hasRun(password)) {
            broken.add(PasswordRule.RUN);
        }
        if (password.length() <= 100 && guessable(password, email)) {
            broken.add(PasswordRule.GUESSABLE);
        }
        return broken;
    }

    static int kinds(String password) {
        boolean upper = false;
        boolean lower = false;
        boolean digit = false;
        boolean symbol = false;
        for (char c : password.toCharArray()) {
            if (c >= 'A' && c <= 'Z') {
                upper = true;
            } else if (c >= 'a' && c <= 'z') {
                lower = true;
            } else if (c >= '0' && c <= '9') {
                digit = true;
            } else if (c >= 0x21 && c <= 0x7e) {
                symbol = true;
            }
        }
        return (upper ? 1 : 0) + (lower ? 1 : 0) + (digit ? 1 : 0) + (symbol ? 1 : 0);
    }

    /** The same character, or consecutive ones up or down ({@code abcd}, {@code 4321}), RUN_LENGTH times. */
    static boolean hasRun(String password) {
        String p = password.toLowerCase(Locale.ROOT);
        int same = 1;
        int up = 1;
        int down = 1;
        for (int i = 1; i < p.length(); i++) {
            int step = p.charAt(i) - p.charAt(i - 1);
            same = step == 0 ? same + 1 : 1;
            up = step == 1 ? up + 1 : 1;
            down = step == -1 ? down + 1 : 1;
            if (same >= RUN_LENGTH || up >= RUN_LENGTH || down >= RUN_LENGTH) {
                return true;
            }
        }
        return false;
    }

    private static boolean containsEmail(String password, EmailAddress email) {
        String local = email.localPart().toLowerCase(Locale.ROOT);
        String p = password.toLowerCase(Locale.ROOT);
        if (local.length() >= MIN_EMAIL_FRAGMENT && p.contains(local)) {
            return true;
        }
        // Also the parts of the local part: taro.yamada → "yamada".
        for (String part : local.split("[._+\\-]")) {
            if (part.length() >= MIN_EMAIL_FRAGMENT && p.contains(part)) {
                return true;
            }
        }
        return false;
    }

    private boolean guessable(String password, EmailAddress email) {
        List<String> userInputs = new ArrayList<>(List.of("kencom"));
        if (email != null) {
            userInputs.add(email.localPart());
        }
        Strength strength = zxcvbn.measure(password, userInputs);
        return strength.getScore() < MIN_SCORE;
    }
}
