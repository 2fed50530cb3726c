package io.kencom.account;

import io.kencom.account.domain.EmailAddress;
import io.kencom.account.domain.OneTimeCodePolicy;
import io.kencom.account.domain.OneTimeCodePolicy.Outcome;
import io.kencom.account.infra.IssuedCode;
import io.kencom.platform.AdvisoryLocks;
import io.kencom.platform.crypto.Secrets;
import io.kencom.platform.problem.ApiProblem;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * One-time codes of both flows (sign-up and password reset): issuing under the resend rules, and judging an
 * entered code with its row locked, so parallel guesses cannot share one count of wrong tries. Callers run these
 * inside their transaction.
 */
@ApplicationScoped
public class Codes {

    /** A code just issued: the plain code goes into the mail and nowhere else. */
    public record Issued(UUID id, String code, Instant expiresAt, Instant resendAvailableAt) {
        @Override
        public String toString() {
            return "Issued[id=" + id + "]";
        }
    }

    private final Secrets secrets;
    private final Clock clock;

    Codes(Secrets secrets, Clock clock) {
        this.secrets = secrets;
        this.clock = clock;
    }

    public Uni<Issued> issue(UUID flowId, EmailAddress email) {
        Instant now = clock.instant();
        // The cooldown follows the address, not the flow: a new sign-up or reset must not skip it. Requests for one
        // address wait for each other until commit, so parallel ones cannot all see "no code yet".
        return lockAddress(email)
                .chain(() -> IssuedCode.<IssuedCode>find("email", Sort.descending("issuedAt"), email.value())
                        .<IssuedCode>firstResult())
                .chain(last -> IssuedCode
                .count("email = ?1 and issuedAt > ?2", email.value(), now.minus(Duration.ofDays(1)))
                .chain(today -> {
                    Optional<OneTimeCodePolicy.IssueRefusal> refusal = OneTimeCodePolicy.mayIssue(
                            Optional.ofNullable(last).map(c -> c.issuedAt), today, now);
                    if (refusal.isPresent()) {
                        throw switch (refusal.get()) {
                            case TOO_SOON -> AccountProblems.resendTooSoon(
                                    OneTimeCodePolicy.secondsUntilResend(last.issuedAt, now));
                            case DAILY_CAP_REACHED -> AccountProblems.dailyCodeLimit();
                        };
                    }
                    String code = OneTimeCodePolicy.newCode();
                    IssuedCode row = new IssuedCode();
                    row.id = UUID.randomUUID();
                    row.flowId = flowId;
                    row.email = email.value();
                    row.codeMac = secrets.mac(flowId + ":" + code);
                    row.issuedAt = now;
                    return row.<IssuedCode>persist().map(saved -> new Issued(saved.id, code,
                            now.plus(OneTimeCodePolicy.VALIDITY), now.plus(OneTimeCodePolicy.RESEND_COOLDOWN)));
                }));
    }

    /**
     * Judges the code entered for the flow's latest code and records the try. Returns the outcome rather than
     * throwing, so that the caller's transaction commits the counted try before it refuses.
     */
    public Uni<Outcome> judge(UUID flowId, String candidate) {
        Instant now = clock.instant();
        return latestLocked(flowId).chain(code -> {
            if (code == null) {
                throw AccountProblems.codeNotSent();
            }
            boolean matches = OneTimeCodePolicy.wellFormed(candidate) && secrets.matches(flowId + ":" + candidate, code.codeMac);
            Outcome outcome = OneTimeCodePolicy.judge(code.state(), matches, now);
            if (outcome instanceof Outcome.Accepted) {
                code.used = true;
            } else if ((outcome instanceof Outcome.Wrong || outcome instanceof Outcome.Locked)
                    && code.wrongTries < OneTimeCodePolicy.MAX_WRONG_TRIES) {
                code.wrongTries++;
            }
            return Uni.createFrom().item(outcome);
        });
    }

    /** Throws the problem the app expects for a refused code; {@code done} for a code accepted before. */
    public static void refuseUnlessAccepted(Outcome outcome, ApiProblem done) {
        if (outcome instanceof Outcome.Used) {
            throw done;
        }
        if (outcome instanceof Outcome.Wrong wrong) {
            throw AccountProblems.codeInvalid(wrong.triesLeft());
        }
        if (outcome instanceof Outcome.Expired) {
            throw AccountProblems.codeExpired();
        }
        if (outcome instanceof Outcome.Locked) {
            throw AccountProblems.tooManyAttempts();
        }
    }

    /** A transaction-scoped lock on the address (an advisory lock: there may be no row to lock yet). */
    private static Uni<Void> lockAddress(EmailAddress email) {
        return AdvisoryLocks.hold("one-time-code:" + email.value());
    }

    private static Uni<IssuedCode> latestLocked(UUID flowId) {
        return IssuedCode.<IssuedCode>find("flowId", Sort.descending("issuedAt"), flowId)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }
}
