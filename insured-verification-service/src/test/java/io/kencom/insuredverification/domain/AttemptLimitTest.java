package io.kencom.insuredverification.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AttemptLimitTest {

    private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");

    @Test
    void fourFailuresLeaveOneTry() {
        assertThat(AttemptLimit.blockedUntil(hoursAgo(1, 2, 3, 4), NOW)).isNull();
        assertThat(AttemptLimit.attemptsLeft(4)).isEqualTo(1);
    }

    @Test
    void fiveFailuresBlockUntilTheOldestOfThemIs24HoursOld() {
        assertThat(AttemptLimit.blockedUntil(hoursAgo(1, 2, 3, 4, 20), NOW))
                .isEqualTo(NOW.minus(Duration.ofHours(20)).plus(AttemptLimit.WINDOW));
        assertThat(AttemptLimit.attemptsLeft(5)).isZero();
    }

    @Test
    void failuresOlderThan24HoursDoNotCount() {
        assertThat(AttemptLimit.blockedUntil(hoursAgo(1, 2, 3, 4, 24), NOW)).isNull();
    }

    @Test
    void withMoreThanFiveTheBlockEndsWhenOnlyFourRemain() {
        assertThat(AttemptLimit.blockedUntil(hoursAgo(1, 2, 3, 4, 5, 6), NOW))
                .isEqualTo(NOW.minus(Duration.ofHours(5)).plus(AttemptLimit.WINDOW));
    }

    private static List<Instant> hoursAgo(int... hours) {
        return java.util.Arrays.stream(hours).mapToObj(h -> NOW.minus(Duration.ofHours(h))).toList();
    }
}
