package io.kencom.notification.domain;

import java.time.Duration;

/**
 * How a mail that could not be handed to the SMTP server is tried again: exponential backoff from {@code first},
 * capped at {@code longest}, for at most {@code attempts} tries; then the delivery fails for good.
 */
public record RetryPolicy(int attempts, Duration first, Duration longest) {

    /** The wait after the {@code failed}-th failed attempt (1-based). */
    public Duration backoffAfter(int failed) {
        long factor = 1L << Math.min(failed - 1, 30);
        Duration wait = first.multipliedBy(factor);
        return wait.compareTo(longest) > 0 ? longest : wait;
    }

    public boolean exhausted(int failed) {
        return failed >= attempts;
    }
}
