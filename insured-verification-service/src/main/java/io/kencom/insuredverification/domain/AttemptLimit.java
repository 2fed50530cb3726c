package io.kencom.insuredverification.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Failed verifications are limited so that the roster cannot be probed person by person (domain.md §4.4): 5 failures in
 * 24 hours, then none until the oldest of them is 24 hours old. Refusals of malformed input are not failures.
 */
public final class AttemptLimit {

    public static final int MAX_FAILURES = 5;
    public static final Duration WINDOW = Duration.ofHours(24);

    private AttemptLimit() {
    }

    /** When the member may try again, or null when they may now; {@code failures} are those since now − 24 h. */
    public static Instant blockedUntil(List<Instant> failures, Instant now) {
        List<Instant> recent = failures.stream().filter(at -> at.isAfter(now.minus(WINDOW))).sorted().toList();
        if (recent.size() < MAX_FAILURES) {
            return null;
        }
        return recent.get(recent.size() - MAX_FAILURES).plus(WINDOW);
    }

    /** Tries left after {@code failures} recent failures (including the one just made). */
    public static int attemptsLeft(int failures) {
        return Math.max(0, MAX_FAILURES - failures);
    }
}
