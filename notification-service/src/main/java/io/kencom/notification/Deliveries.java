package io.kencom.notification;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.kencom.contracts.CloudEvent;
import io.kencom.contracts.EventJson;
import io.kencom.notification.domain.MailKind;
import io.kencom.notification.infra.Delivery;
import io.kencom.notification.infra.MemberAddress;
import io.kencom.platform.AdvisoryLocks;
import io.kencom.platform.crypto.Secrets;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The mails asked for by events, recorded in the consumer's transaction as deliveries for {@link MailSender}, and the
 * member addresses they go to. Sealed: the address, the template data (the code) and the event itself.
 */
@ApplicationScoped
public class Deliveries {

    private final Secrets secrets;
    private final Clock clock;

    Deliveries(Secrets secrets, Clock clock) {
        this.secrets = secrets;
        this.clock = clock;
    }

    /** A mail to a known address (a code's, or a new account's). */
    public Uni<Void> request(CloudEvent event, MailKind kind, UUID memberId, String recipient, Map<String, Object> data,
            Instant codeExpiresAt) {
        Delivery delivery = delivery(event, kind, memberId);
        if (recipient == null) {
            delivery.status = Delivery.Status.NO_ADDRESS.name();
            delivery.finishedAt = delivery.createdAt;
            return delivery.persist().replaceWithVoid();
        }
        delivery.status = Delivery.Status.PENDING.name();
        delivery.nextAttemptAt = delivery.createdAt;
        delivery.codeExpiresAt = codeExpiresAt;
        delivery.recipientSealed = secrets.seal(recipient);
        delivery.dataSealed = secrets.seal(json(data));
        delivery.eventSealed = codeExpiresAt == null ? secrets.seal(json(event)) : null; // codes never dead-letter
        return delivery.persist().replaceWithVoid();
    }

    /**
     * A mail to the member's address. Not known yet (the member's AccountCreated, on another topic, has not been
     * taken: FaultsTest met it), the mail waits for it; forgotten (withdrawn, closed), it is {@code NO_ADDRESS}.
     */
    public Uni<Void> requestForMember(CloudEvent event, MailKind kind, UUID memberId, Map<String, Object> data) {
        return lockMember(memberId).chain(() -> MemberAddress.<MemberAddress>findById(memberId)).chain(address -> {
            if (address != null) {
                return request(event, kind, memberId, address.email, data, null);
            }
            Delivery delivery = delivery(event, kind, memberId);
            delivery.status = Delivery.Status.AWAITING_ADDRESS.name();
            delivery.dataSealed = secrets.seal(json(data));
            delivery.eventSealed = secrets.seal(json(event));
            return delivery.persist().replaceWithVoid();
        });
    }

    /** The member's address, and the mails that waited for it sent now. */
    public Uni<Void> remember(UUID memberId, String email) {
        return lockMember(memberId).chain(() -> keep(memberId, email))
                .chain(() -> Delivery.update("status = ?1, nextAttemptAt = ?2, recipientSealed = ?3 "
                                + "where memberId = ?4 and status = ?5", Delivery.Status.PENDING.name(),
                        clock.instant(), secrets.seal(email), memberId, Delivery.Status.AWAITING_ADDRESS.name()))
                .replaceWithVoid();
    }

    /**
     * The address gone for good: kept as a row without one, and no mail of the member's still to go out is sent —
     * waiting for the address or for the SMTP server (an approval taken just before the withdrawal, say) — but the
     * mail of the event that forgets it ({@code eventId}: the withdrawal's; an account closed has none). A mail the
     * sender is handing to the server at this moment holds its row: this waits for that attempt, which either sent it
     * or leaves it to be dropped here.
     */
    public Uni<Void> forget(UUID memberId, UUID eventId) {
        return lockMember(memberId).chain(() -> keep(memberId, null))
                .chain(() -> Delivery.update("status = ?1, finishedAt = ?2, nextAttemptAt = null, "
                                + "recipientSealed = null, dataSealed = null, eventSealed = null "
                                + "where memberId = ?3 and status in (?4, ?5) and id <> ?6",
                        Delivery.Status.NO_ADDRESS.name(), clock.instant(), memberId,
                        Delivery.Status.AWAITING_ADDRESS.name(), Delivery.Status.PENDING.name(), eventId))
                .replaceWithVoid();
    }

    /**
     * The member's address and waiting mails, one consumer's transaction at a time (an advisory lock: there may be no
     * row to lock yet). Without it, a mail that found no address and the AccountCreated that brings one, taken at the
     * same moment on two topics, each missed the other's uncommitted row, and the mail waited for good (FaultsTest, a
     * restarted notification-service taking both backlogs at once).
     */
    private static Uni<Void> lockMember(UUID memberId) {
        return AdvisoryLocks.hold("member-address:" + memberId);
    }

    /** A new delivery row of this event, its state still to be set. */
    private Delivery delivery(CloudEvent event, MailKind kind, UUID memberId) {
        Delivery delivery = new Delivery();
        delivery.id = event.id();
        delivery.memberId = memberId;
        delivery.kind = kind.name();
        delivery.createdAt = clock.instant();
        delivery.eventType = event.type();
        return delivery;
    }

    /** The member's row with this address (null: forgotten). */
    private static Uni<MemberAddress> keep(UUID memberId, String email) {
        return MemberAddress.<MemberAddress>findById(memberId).chain(known -> {
            MemberAddress address = known != null ? known : new MemberAddress();
            address.memberId = memberId;
            address.email = email;
            return address.persist();
        });
    }

    /** The delivery log of a member, newest first (no addresses, no bodies). */
    public Uni<List<Delivery>> of(UUID memberId) {
        return Panache.withSession(() -> Delivery.<Delivery>find("memberId = ?1 order by createdAt desc", memberId)
                .page(0, 200).list());
    }

    private static String json(Object value) {
        try {
            return EventJson.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("not serialisable: " + value.getClass().getSimpleName(), e);
        }
    }
}
