package io.kencom.account;

import io.kencom.account.domain.ConsentRules;
import io.kencom.account.domain.ConsentRules.Agreement;
import io.kencom.account.domain.EmailAddress;
import io.kencom.account.domain.EmailReuse;
import io.kencom.account.domain.OneTimeCodePolicy.Outcome;
import io.kencom.account.domain.PasswordPolicy;
import io.kencom.account.domain.PasswordRule;
import io.kencom.account.infra.Signup;
import io.kencom.account.infra.SignupConsent;
import io.kencom.contracts.events.EmailRequested;
import io.kencom.contracts.model.ConsentDocument;
import io.kencom.contracts.model.GroupCategory;
import io.kencom.contracts.model.InsurerNumber;
import io.kencom.platform.crypto.Secrets;
import io.kencom.platform.messaging.Outbox;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * 新規会員登録 (domain.md §3): group ID check, credentials, consents, the mailed code, and on the right code the
 * account — a Keycloak user, a member row and {@code AccountCreated}, which puts the member at {@code GROUP_ID}.
 */
@ApplicationScoped
public class Signups {

    /** A sign-up left unfinished this long is gone; its codes are long dead by then. */
    static final Duration LIFETIME = Duration.ofHours(24);

    /** A sign-up started in its group: what the member sees next (the group, the documents to agree to). */
    public record Started(UUID signupId, String groupId, String groupName, String groupCategory, boolean ownPoints,
            List<ConsentDocument> consentDocuments, Instant expiresAt) {
    }

    private final Catalog catalog;
    private final Codes codes;
    private final Members members;
    private final NewAccounts accounts;
    private final Outbox outbox;
    private final Secrets secrets;
    private final PasswordPolicy passwords = new PasswordPolicy();
    private final Clock clock;
    private final MeterRegistry registry;

    Signups(Catalog catalog, Codes codes, Members members, NewAccounts accounts, Outbox outbox, Secrets secrets,
            Clock clock, MeterRegistry registry) {
        this.catalog = catalog;
        this.codes = codes;
        this.members = members;
        this.accounts = accounts;
        this.outbox = outbox;
        this.secrets = secrets;
        this.clock = clock;
        this.registry = registry;
    }

    /** 団体ID認証: the insurer number must be valid and belong to a contracted group of the chosen category. */
    public Uni<Started> start(String insurerNumberInput, GroupCategory category) {
        InsurerNumber.problemWith(insurerNumberInput).ifPresent(problem -> {
            throw AccountProblems.insurerNumberInvalid(problem);
        });
        InsurerNumber number = InsurerNumber.parse(insurerNumberInput);
        Instant now = clock.instant();
        return Panache.withTransaction(() -> catalog.groupOf(number.value()).chain(group -> {
            if (group == null) {
                throw AccountProblems.groupNotFound();
            }
            if (!group.category.equals(category.name())) {
                throw AccountProblems.groupCategoryMismatch(group.category);
            }
            if (!group.contracted) {
                throw AccountProblems.groupNotContracted();
            }
            Signup signup = new Signup();
            signup.id = UUID.randomUUID();
            signup.groupId = group.groupId;
            signup.insurerNumber = number.value();
            signup.createdAt = now;
            signup.expiresAt = now.plus(LIFETIME);
            return signup.persist().map(s -> new Started(signup.id, group.groupId, group.name, group.category,
                    group.ownPoints, Catalog.consentDocuments(group), signup.expiresAt));
        })).invoke(() -> reached(Funnel.STARTED));
    }

    /** メールアドレス・パスワード登録 */
    public Uni<Void> setCredentials(UUID signupId, String emailInput, String password) {
        EmailAddress email = parseEmail(emailInput);
        Set<PasswordRule> broken = passwords.violations(password, email);
        if (!broken.isEmpty()) {
            throw AccountProblems.passwordTooWeak(broken);
        }
        return Panache.withTransaction(() -> open(signupId)
                .call(() -> members.reuseOf(email).invoke(Signups::refuseUnlessFree))
                .invoke(signup -> {
                    signup.email = email.value();
                    signup.passwordSealed = secrets.seal(password);
                })
                .replaceWithVoid());
    }

    /** 同意: replaces what was agreed before, once it satisfies the group's documents. */
    public Uni<Void> setConsents(UUID signupId, Collection<Agreement> agreements) {
        Instant now = clock.instant();
        return Panache.withTransaction(() -> open(signupId).chain(signup -> requireConsents(signup, agreements)
                .chain(() -> SignupConsent.delete("signupId", signupId))
                .chain(() -> {
                    List<SignupConsent> rows = agreements.stream().map(a -> {
                        SignupConsent c = new SignupConsent();
                        c.signupId = signupId;
                        c.kind = a.kind().name();
                        c.version = a.version();
                        c.agreedAt = now;
                        return c;
                    }).toList();
                    return SignupConsent.persist(rows);
                })));
    }

    /** 承認メールを送信: a new code to the address, through {@code EmailRequested}. */
    public Uni<Codes.Issued> sendCode(UUID signupId) {
        Instant now = clock.instant();
        return Panache.withTransaction(() -> open(signupId).chain(signup -> agreedConsents(signup)
                .chain(agreed -> {
                    List<String> missing = new ArrayList<>();
                    if (signup.email == null) {
                        missing.add("CREDENTIALS");
                    }
                    if (agreed.isEmpty()) {
                        missing.add("CONSENTS");
                    }
                    if (!missing.isEmpty()) {
                        throw AccountProblems.signupIncomplete(missing);
                    }
                    // The group may have published new versions since: agree again first.
                    return requireConsents(signup, agreed);
                })
                .chain(() -> codes.issue(signupId, EmailAddress.parse(signup.email)))
                .call(issued -> outbox.publish(new EmailRequested(issued.id(), EmailRequested.Kind.SIGNUP_CODE,
                        signup.email, null, issued.code(), issued.expiresAt(), now)))))
                .invoke(() -> reached(Funnel.CODE_SENT));
    }

    /**
     * 承認する: on the right code, the account. Returns the new member id.
     * <p>
     * One transaction runs from the code to the member row, with the sign-up's row locked: the code is spent only
     * if the account is recorded, so a completion cut short (a crash, PostgreSQL or Keycloak failing) is finished by
     * the same code tried again, and parallel tries wait for the first and then find the sign-up completed. Keycloak
     * is not in the transaction: a user made by an attempt that could not record it is deleted while the lock is
     * still held, and one left by a crash is taken over by the next attempt ({@link NewAccounts}).
     */
    public Uni<UUID> verifyCode(UUID signupId, String code) {
        // A refused code's counted try must commit: the refusal is thrown after the transaction.
        return Panache.withTransaction(() -> openLocked(signupId).chain(signup -> codes.judge(signupId, code)
                        .chain(outcome -> outcome instanceof Outcome.Accepted
                                ? accounts.create(signup).map(memberId -> new Verdict(outcome, memberId))
                                : Uni.createFrom().item(new Verdict(outcome, null)))))
                .invoke(verdict -> Codes.refuseUnlessAccepted(verdict.outcome(), AccountProblems.signupCompleted()))
                .invoke(() -> reached(Funnel.COMPLETED))
                .map(Verdict::memberId);
    }

    /** The sign-up funnel ops watch ({@code kencom_signups_total}): started, a code sent, an account made. */
    private enum Funnel {
        STARTED, CODE_SENT, COMPLETED
    }

    private void reached(Funnel step) {
        Counter.builder("kencom.signups").description("Sign-ups reaching each step").tag("step", step.name())
                .register(registry).increment();
    }

    private record Verdict(Outcome outcome, UUID memberId) {
    }

    /** Refuses agreements that do not satisfy the documents the sign-up's group offers now. */
    private Uni<Void> requireConsents(Signup signup, Collection<Agreement> agreements) {
        return catalog.group(signup.groupId)
                .invoke(group -> refuseUnlessOk(ConsentRules.check(Catalog.consentDocuments(group), agreements)))
                .replaceWithVoid();
    }

    /** A sign-up that exists, has not expired and has not completed. */
    private Uni<Signup> open(UUID signupId) {
        return Signup.<Signup>findById(signupId).map(this::refuseUnlessOpen);
    }

    /** {@link #open}, its row locked to the end of the transaction. */
    private Uni<Signup> openLocked(UUID signupId) {
        return Signup.<Signup>findById(signupId, LockModeType.PESSIMISTIC_WRITE).map(this::refuseUnlessOpen);
    }

    private Signup refuseUnlessOpen(Signup signup) {
        if (signup == null) {
            throw AccountProblems.signupNotFound();
        }
        if (signup.memberId != null) {
            throw AccountProblems.signupCompleted();
        }
        if (!clock.instant().isBefore(signup.expiresAt)) {
            throw AccountProblems.signupExpired();
        }
        return signup;
    }

    private static Uni<List<Agreement>> agreedConsents(Signup signup) {
        return SignupConsent.<SignupConsent>list("signupId", signup.id).map(rows -> rows.stream()
                .map(c -> new Agreement(ConsentDocument.Kind.valueOf(c.kind), c.version)).toList());
    }

    static EmailAddress parseEmail(String input) {
        try {
            return EmailAddress.parse(input);
        } catch (IllegalArgumentException e) {
            throw AccountProblems.emailInvalid();
        }
    }

    static void refuseUnlessFree(EmailReuse.Decision decision) {
        if (decision instanceof EmailReuse.Decision.InUse) {
            throw AccountProblems.emailInUse();
        }
        if (decision instanceof EmailReuse.Decision.NotYetReusable notYet) {
            throw AccountProblems.emailNotYetReusable(notYet.reusableOn());
        }
    }

    private static void refuseUnlessOk(ConsentRules.Check check) {
        if (!check.missing().isEmpty()) {
            throw AccountProblems.consentRequired(check.missing());
        }
        if (!check.outdated().isEmpty()) {
            throw AccountProblems.consentOutdated(check.outdated());
        }
        if (!check.notOffered().isEmpty()) {
            throw AccountProblems.consentNotOffered(check.notOffered());
        }
    }

}
