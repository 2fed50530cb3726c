package io.kencom.insuredverification.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class AttemptLimitTest {

    private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");

    @Test
    void four_failures_leave_one_try() {
        assertThat(AttemptLimit.blockedUntil(hoursAgo(1, 2, 3, 4), NOW)).isNull();
        assertThat(AttemptLimit.attemptsLeft(4)).isEqualTo(1);
    }

    @Test
    void five_failures_block_until_the_oldest_of_them_is_24_hours_old() {
        assertThat(AttemptLimit.blockedUntil(hoursAgo(1, 2, 3, 4, 20), NOW))
                .isEqualTo(NOW.minus(Duration.ofHours(20)).plus(AttemptLimit.WINDOW));
        assertThat(AttemptLimit.attemptsLeft(5)).isZero();
    }

    @Test
    void failures_older_than_24_hours_do_not_count() {
        assertThat(AttemptLimit.blockedUntil(hoursAgo(1, 2, 3, 4, 24), NOW)).isNull();
    }

    @Test
    void with_more_than_five_the_block_ends_when_only_four_remain() {
        assertThat(AttemptLimit.blockedUntil(hoursAgo(1, 2, 3, 4, 5, 6), NOW))
                .isEqualTo(NOW.minus(Duration.ofHours(5)).plus(AttemptLimit.WINDOW));
    }

    private static List<Instant> hoursAgo(int... hours) {
        return Arrays.stream(hours).mapToObj(h -> NOW.minus(Duration.ofHours(h))).toList();
    }
}
