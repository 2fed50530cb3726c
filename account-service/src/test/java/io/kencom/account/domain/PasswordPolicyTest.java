package io.kencom.account.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordPolicyTest {

    private final PasswordPolicy policy = new PasswordPolicy();
    private final EmailAddress taro = EmailAddress.parse("taro.yamada@kencom.jp");

    @ParameterizedTest
    @ValueSource(strings = {"Kx7#mQ2v", "blue-Heron-58", "Zq9!Zq8@Lm", "tsuki/Kawa/93w", "aB3$eF7&hJ1*kL5(nP9)"})
    void accepts_passwords_that_meet_every_rule(String password) {
        assertThat(policy.violations(password, taro)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
            "Kx7#mQ2, LENGTH",               // 7 characters
            "Kx7#mQ2vKx7#mQ2vKx7#m, LENGTH", // 21 characters
            "kxvmqpwzrt, KINDS",             // lower-case only
            "83920174652, KINDS",            // digits only
            "Kx7#mQ2vあ, CHARACTERS",         // full-width character
            "Ｋｘ７＃ｍＱ２ｖ, CHARACTERS",
            "Kx7 mQ2v, CHARACTERS",          // a blank is not a symbol
            "yamada#Q7x, CONTAINS_EMAIL",     // a part of the local part
            "Xtaro.yamada1, CONTAINS_EMAIL",
            "Qx7aaaa#m, RUN",
            "Qx71234#m, RUN",
            "Qx7dcba#m, RUN",
            "Password1, GUESSABLE",
            "Passw0rd!, GUESSABLE",
            "qwerty123, GUESSABLE",
            "Kencom2026, GUESSABLE"
    })
    void names_the_rule_a_password_breaks(String password, PasswordRule rule) {
        assertThat(policy.violations(password, taro)).contains(rule);
    }

    @Test
    void reports_every_broken_rule_at_once() {
        assertThat(policy.violations("aaaa", taro))
                .contains(PasswordRule.LENGTH, PasswordRule.KINDS, PasswordRule.RUN, PasswordRule.GUESSABLE);
    }

    @Test
    void a_missing_password_breaks_the_length_rule() {
        assertThat(policy.violations(null, taro)).containsExactly(PasswordRule.LENGTH);
    }

    @Test
    void counts_kinds_of_characters() {
        assertThat(PasswordPolicy.kinds("abc")).isEqualTo(1);
        assertThat(PasswordPolicy.kinds("aB")).isEqualTo(2);
        assertThat(PasswordPolicy.kinds("aB3")).isEqualTo(3);
        assertThat(PasswordPolicy.kinds("aB3!")).isEqualTo(4);
    }

    @Test
    void three_in_a_row_is_not_yet_a_run() {
        assertThat(PasswordPolicy.hasRun("x123y")).isFalse();
        assertThat(PasswordPolicy.hasRun("x1234y")).isTrue();
        assertThat(PasswordPolicy.hasRun("ABCD")).isTrue();
    }
}
