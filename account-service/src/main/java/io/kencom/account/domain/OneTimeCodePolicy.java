package io.kencom.account.domain;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * ワンタイムパスワード (guide p.8): 6 digits, valid 10 minutes, void after 5 wrong tries; a new one may be asked for
 * after a cooldown, up to a daily cap per address. The same rules serve the password-reset code.
 */
public final class OneTimeCodePolicy {

    public static final int DIGITS = 6;
    public static final Duration VALIDITY = Duration.ofMinutes(10);
    public static final int MAX_WRONG_TRIES = 5;
    public static final Duration RESEND_COOLDOWN = Duration.ofSeconds(60);
    public static final int DAILY_CAP = 5;

    private static final SecureRandom RANDOM = new SecureRandom();

    private OneTimeCodePolicy() {
    }

    /** A fresh code, uniformly drawn from 000000–999999. */
    public static String newCode() {
        return String.format("%06d", RANDOM.nextInt(1_000_000));
    }

    public static boolean wellFormed(String code) {
        return code != null && code.length() == DIGITS && code.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    /** Why a new code may not be sent now, if it may not. */
    public enum IssueRefusal {
        /** RESEND_TOO_SOON */
        TOO_SOON,
        /** DAILY_CODE_LIMIT */
        DAILY_CAP_REACHED
    }

    /**
     * @param lastIssuedAt      when the last code for this sign-up or reset was sent, if any
     * @param issuedToAddressToday how many codes went to the address in the last 24 hours
     */
    public static Optional<IssueRefusal> mayIssue(Optional<Instant> lastIssuedAt, long issuedToAddressToday, Instant now) {
        if (lastIssuedAt.isPresent() && now.isBefore(lastIssuedAt.get().plus(RESEND_COOLDOWN))) {
            return Optional.of(IssueRefusal.TOO_SOON);
        }
        if (issuedToAddressToday >= DAILY_CAP) {
            return Optional.of(IssueRefusal.DAILY_CAP_REACHED);
        }
        return Optional.empty();
    }

    /**
     * The whole seconds to wait before a new code after one sent at {@code lastIssuedAt}, rounded up: an app that
     * waits exactly this long is not refused again.
     */
    public static long secondsUntilResend(Instant lastIssuedAt, Instant now) {
        long millis = Duration.between(now, lastIssuedAt.plus(RESEND_COOLDOWN)).toMillis();
        return Math.max(1, (millis + 999) / 1000);
    }

    /** What a code looks like to the rules: when it was sent, how often it was missed, whether it was used. */
    public record State(Instant issuedAt, int wrongTries, boolean used) {

        public Instant expiresAt() {
            return issuedAt.plus(VALIDITY);
        }
    }

    /** The outcome of entering a code. */
    public sealed interface Outcome {
        record Accepted() implements Outcome {
        }

        /** CODE_INVALID; the code stays valid for {@code triesLeft} more tries. */
        record Wrong(int triesLeft) implements Outcome {
        }

        /** CODE_EXPIRED: 10 minutes have passed; a new code can be asked for. */
        record Expired() implements Outcome {
        }

        /** TOO_MANY_ATTEMPTS: the code is void; a new one can be asked for. */
        record Locked() implements Outcome {
        }

        /** The code was accepted already: what it confirmed is done, or being done by that request. Not a try. */
        record Used() implements Outcome {
        }
    }

    /**
     * Judges an entered code. Order matters: a used code is used whatever is entered (the same code sent twice at
     * once, say), and a locked or expired code stays so even when the right digits come.
     */
    public static Outcome judge(State state, boolean matches, Instant now) {
        if (state.used()) {
            return new Outcome.Used();
        }
        if (state.wrongTries() >= MAX_WRONG_TRIES) {
            return new Outcome.Locked();
        }
        if (!now.isBefore(state.expiresAt())) {
            return new Outcome.Expired();
        }
        if (matches) {
            return new Outcome.Accepted();
        }
        int left = MAX_WRONG_TRIES - state.wrongTries() - 1;
        return left == 0 ? new Outcome.Locked() : new Outcome.Wrong(left);
    }
}
