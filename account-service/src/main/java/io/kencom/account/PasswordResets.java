package io.kencom.account;

import io.kencom.account.domain.EmailAddress;
import io.kencom.account.domain.OneTimeCodePolicy.Outcome;
import io.kencom.account.domain.PasswordPolicy;
import io.kencom.account.domain.PasswordRule;
import io.kencom.account.infra.KeycloakAccounts;
import io.kencom.account.infra.PasswordReset;
import io.kencom.contracts.events.EmailRequested;
import io.kencom.platform.messaging.Outbox;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.tuples.Tuple2;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * パスワードを忘れた方: a code by mail, then a new password under the same rules as at sign-up. The answer is the
 * same whether or not the address belongs to a member — a reset and a code exist either way (the code of an
 * unknown address is simply never mailed), so the limits, the tries and the expiry behave identically.
 */
@ApplicationScoped
public class PasswordResets {

    public record Requested(UUID resetId, Instant expiresAt) {
    }

    private final Codes codes;
    private final KeycloakAccounts keycloak;
    private final Outbox outbox;
    private final PasswordPolicy passwords = new PasswordPolicy();
    private final Clock clock;

    PasswordResets(Codes codes, KeycloakAccounts keycloak, Outbox outbox, Clock clock) {
        this.codes = codes;
        this.keycloak = keycloak;
        this.outbox = outbox;
        this.clock = clock;
    }

    public Uni<Requested> request(String emailInput) {
        EmailAddress email = Signups.parseEmail(emailInput);
        Instant now = clock.instant();
        UUID resetId = UUID.randomUUID();
        return Panache.withTransaction(() -> Members.holderOf(email).chain(holder -> {
            PasswordReset reset = new PasswordReset();
            reset.id = resetId;
            reset.email = email.value();
            reset.memberId = holder.map(m -> m.memberId).orElse(null);
            reset.createdAt = now;
            return reset.persist()
                    .chain(() -> codes.issue(resetId, email))
                    .call(issued -> reset.memberId == null ? Uni.createFrom().voidItem()
                            : outbox.publish(new EmailRequested(issued.id(), EmailRequested.Kind.PASSWORD_RESET_CODE,
                                    email.value(), reset.memberId, issued.code(), issued.expiresAt(), now)))
                    .map(issued -> new Requested(resetId, issued.expiresAt()));
        }));
    }

    /**
     * The new password, on the right code. One transaction runs from the code to {@code completedAt}: the code is
     * spent only once Keycloak has the password, so a reset cut short (a crash, Keycloak not answering) is finished
     * by the same code tried again — setting the password twice is harmless. Parallel tries wait on the code's row.
     */
    public Uni<Void> complete(UUID resetId, String code, String newPassword) {
        return Panache.withTransaction(() -> open(resetId).chain(reset -> {
                    // The password first: a weak one should not cost the member a try of the code.
                    Set<PasswordRule> broken = passwords.violations(newPassword, EmailAddress.parse(reset.email));
                    if (!broken.isEmpty()) {
                        throw AccountProblems.passwordTooWeak(broken);
                    }
                    return codes.judge(resetId, code).call(outcome -> outcome instanceof Outcome.Accepted
                            && reset.memberId != null
                            ? keycloak.setPassword(reset.memberId, newPassword)
                                    .invoke(() -> reset.completedAt = clock.instant())
                            : Uni.createFrom().voidItem())
                            .map(outcome -> Tuple2.of(reset, outcome));
                }))
                // The refusal comes after the commit, which must keep the counted try.
                .invoke(judged -> Codes.refuseUnlessAccepted(judged.getItem2(), AccountProblems.resetCompleted()))
                .invoke(judged -> {
                    if (judged.getItem1().memberId == null) {
                        // Unreachable but for a lucky guess of a code never sent: the same refusal as a wrong code.
                        throw AccountProblems.codeInvalid(0);
                    }
                })
                .replaceWithVoid();
    }

    private static Uni<PasswordReset> open(UUID resetId) {
        return PasswordReset.<PasswordReset>findById(resetId).map(reset -> {
            if (reset == null) {
                throw AccountProblems.resetNotFound();
            }
            if (reset.completedAt != null) {
                throw AccountProblems.resetCompleted();
            }
            return reset;
        });
    }
}
