package io.kencom.account;

import io.kencom.account.domain.EmailAddress;
import io.kencom.account.infra.KeycloakAccounts;
import io.kencom.account.infra.Member;
import io.kencom.account.infra.Signup;
import io.kencom.contracts.events.AccountCreated;
import io.kencom.contracts.model.AuthLevel;
import io.kencom.platform.AdvisoryLocks;
import io.kencom.platform.crypto.Secrets;
import io.kencom.platform.messaging.Outbox;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * A sign-up's account once its code was right: a Keycloak user, a member row and {@code AccountCreated}, which puts
 * the member at {@code GROUP_ID}. Keycloak is not in the transaction: a user made by an attempt that could not record
 * it is deleted while the sign-up's lock is still held, and one left by a crash is taken over by the next attempt.
 */
@ApplicationScoped
class NewAccounts {

    private static final Logger LOG = Logger.getLogger(NewAccounts.class);

    private final Members members;
    private final KeycloakAccounts keycloak;
    private final Outbox outbox;
    private final Secrets secrets;
    private final Clock clock;

    NewAccounts(Members members, KeycloakAccounts keycloak, Outbox outbox, Secrets secrets, Clock clock) {
        this.members = members;
        this.keycloak = keycloak;
        this.outbox = outbox;
        this.secrets = secrets;
        this.clock = clock;
    }

    /** The account of a sign-up whose code was right, in the caller's transaction with the sign-up locked. */
    Uni<UUID> create(Signup signup) {
        EmailAddress email = EmailAddress.parse(signup.email);
        String password = secrets.open(signup.passwordSealed);
        // Two sign-ups of one address complete one after the other: the second then finds the first's member.
        return AdvisoryLocks.hold("account-address:" + email.value())
                .chain(() -> members.freeAddressFor(email))
                .chain(() -> keycloak.create(email, password, signup.groupId, AuthLevel.GROUP_ID)
                        .onFailure(KeycloakAccounts.UsernameTaken.class)
                        .recoverWithUni(() -> leftOverUser(email, password, signup.groupId)))
                .chain(memberId -> recordAccount(signup, memberId)
                        .onFailure().call(e -> keycloak.delete(memberId)));
    }

    /**
     * The address's Keycloak user when no member holds it: made by a completion that died before its commit, so
     * the account being made now takes it over. Any other user (staff, a member) keeps the address taken.
     */
    private Uni<UUID> leftOverUser(EmailAddress email, String password, String groupId) {
        return keycloak.memberUserOf(email).chain(found -> {
            if (found.isEmpty()) {
                return Uni.createFrom().failure(AccountProblems.emailInUse());
            }
            UUID userId = found.get();
            return Member.<Member>findById(userId).chain(member -> member != null
                    ? Uni.createFrom().failure(AccountProblems.emailInUse())
                    : keycloak.takeOver(userId, password, groupId, AuthLevel.GROUP_ID).replaceWith(userId));
        });
    }

    private Uni<UUID> recordAccount(Signup signup, UUID memberId) {
        Instant now = clock.instant();
        Member member = new Member();
        member.memberId = memberId;
        member.email = signup.email;
        member.groupId = signup.groupId;
        member.insurerNumber = signup.insurerNumber;
        member.status = Member.Status.ACTIVE;
        member.authLevel = AuthLevel.GROUP_ID.name();
        member.createdAt = now;
        signup.memberId = memberId;
        signup.passwordSealed = null; // the password now lives in Keycloak only
        return member.persist()
                .chain(() -> outbox.publish(new AccountCreated(memberId, signup.groupId, signup.insurerNumber,
                        signup.email, now)))
                // flushed here, so that a refused row fails inside the lock and the user above is undone
                .call(Panache::flush)
                .invoke(() -> LOG.infof("account %s created", memberId)) // the id only: no address, no name
                .replaceWith(memberId);
    }
}
