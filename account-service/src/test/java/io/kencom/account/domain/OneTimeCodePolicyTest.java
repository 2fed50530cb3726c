package io.kencom.account.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.kencom.account.domain.OneTimeCodePolicy.IssueRefusal;
import io.kencom.account.domain.OneTimeCodePolicy.Outcome;
import io.kencom.account.domain.OneTimeCodePolicy.State;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OneTimeCodePolicyTest {

    private static final Instant SENT = Instant.parse("2026-11-24T09:00:00Z");

    @Test
    void the_right_code_within_ten_minutes_is_accepted() {
        assertThat(OneTimeCodePolicy.judge(new State(SENT, 0, false), true, SENT.plusSeconds(599)))
                .isInstanceOf(Outcome.Accepted.class);
    }

    @Test
    void at_ten_minutes_the_code_has_expired_even_when_right() {
        assertThat(OneTimeCodePolicy.judge(new State(SENT, 0, false), true, SENT.plus(Duration.ofMinutes(10))))
                .isInstanceOf(Outcome.Expired.class);
    }

    @Test
    void a_wrong_code_says_how_many_tries_are_left_and_the_fifth_locks() {
        assertThat(OneTimeCodePolicy.judge(new State(SENT, 0, false), false, SENT)).isEqualTo(new Outcome.Wrong(4));
        assertThat(OneTimeCodePolicy.judge(new State(SENT, 3, false), false, SENT)).isEqualTo(new Outcome.Wrong(1));
        assertThat(OneTimeCodePolicy.judge(new State(SENT, 4, false), false, SENT)).isInstanceOf(Outcome.Locked.class);
    }

    @Test
    void after_five_wrong_tries_even_the_right_code_is_refused() {
        assertThat(OneTimeCodePolicy.judge(new State(SENT, 5, false), true, SENT)).isInstanceOf(Outcome.Locked.class);
    }

    @Test
    void a_used_code_cannot_be_used_again() {
        assertThat(OneTimeCodePolicy.judge(new State(SENT, 0, true), true, SENT)).isInstanceOf(Outcome.Used.class);
        assertThat(OneTimeCodePolicy.judge(new State(SENT, 5, true), false, SENT)).isInstanceOf(Outcome.Used.class);
    }

    @Test
    void a_new_code_waits_for_the_cooldown_and_respects_the_daily_cap() {
        Instant now = SENT.plusSeconds(30);
        assertThat(OneTimeCodePolicy.mayIssue(Optional.of(SENT), 1, now)).contains(IssueRefusal.TOO_SOON);
        assertThat(OneTimeCodePolicy.mayIssue(Optional.of(SENT), 1, SENT.plusSeconds(60))).isEmpty();
        assertThat(OneTimeCodePolicy.mayIssue(Optional.of(SENT), 5, SENT.plusSeconds(600)))
                .contains(IssueRefusal.DAILY_CAP_REACHED);
        assertThat(OneTimeCodePolicy.mayIssue(Optional.empty(), 0, now)).isEmpty();
    }

    @Test
    void the_wait_before_a_new_code_is_rounded_up_so_waiting_it_is_enough() {
        assertThat(OneTimeCodePolicy.secondsUntilResend(SENT, SENT.plusMillis(24_300))).isEqualTo(36);
        assertThat(OneTimeCodePolicy.secondsUntilResend(SENT, SENT.plusSeconds(24))).isEqualTo(36);
        assertThat(OneTimeCodePolicy.secondsUntilResend(SENT, SENT.plusMillis(59_999))).isEqualTo(1);
        Instant afterWaiting = SENT.plusMillis(24_300).plusSeconds(36);
        assertThat(OneTimeCodePolicy.mayIssue(Optional.of(SENT), 1, afterWaiting)).isEmpty();
    }

    @Test
    void codes_are_six_digits_and_vary() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            String code = OneTimeCodePolicy.newCode();
            assertThat(OneTimeCodePolicy.wellFormed(code)).as(code).isTrue();
            seen.add(code);
        }
        assertThat(seen).hasSizeGreaterThan(190);
        assertThat(OneTimeCodePolicy.wellFormed("12345")).isFalse();
        assertThat(OneTimeCodePolicy.wellFormed("１２３４５６")).isFalse();
    }
}
