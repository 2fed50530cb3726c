package io.kencom.notification.infra;

import io.kencom.contracts.CloudEvent;
import io.kencom.contracts.Topic;
import io.kencom.contracts.events.AccountClosed;
import io.kencom.contracts.events.AccountCreated;
import io.kencom.contracts.events.AccountVerified;
import io.kencom.contracts.events.EkycApproved;
import io.kencom.contracts.events.EkycRejected;
import io.kencom.contracts.events.EkycReviewRequested;
import io.kencom.contracts.events.EmailRequested;
import io.kencom.contracts.events.MemberWithdrew;
import io.kencom.notification.Deliveries;
import io.kencom.notification.domain.ApprovalMethod;
import io.kencom.notification.domain.MailKind;
import io.kencom.notification.domain.RedoStep;
import io.kencom.platform.messaging.Inbox;
import io.kencom.platform.messaging.ReplayableConsumers;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** The events that deserve a mail (domain.md §8), each turned into one delivery through the inbox. */
@ApplicationScoped
public class EventConsumers implements ReplayableConsumers {

    private static final String CONSUMER = "notification-service";

    private final Inbox inbox;
    private final Deliveries deliveries;

    EventConsumers(Inbox inbox, Deliveries deliveries) {
        this.inbox = inbox;
        this.deliveries = deliveries;
    }

    @Incoming("email-requests")
    Uni<Void> emailRequests(ConsumerRecord<String, String> record) {
        return inbox.handleOnce(CONSUMER, record, envelope -> {
            EmailRequested mail = (EmailRequested) envelope.event();
            MailKind kind = mail.kind() == EmailRequested.Kind.SIGNUP_CODE ? MailKind.SIGNUP_CODE
                    : MailKind.PASSWORD_RESET_CODE;
            return deliveries.request(envelope, kind, mail.memberId(), mail.to(),
                    MailRenderer.codeData(mail.oneTimeCode(), mail.requestedAt(), mail.codeExpiresAt()),
                    mail.codeExpiresAt());
        });
    }

    @Incoming("account-events")
    Uni<Void> account(ConsumerRecord<String, String> record) {
        return inbox.handleOnce(CONSUMER, record, this::account);
    }

    private Uni<Void> account(CloudEvent envelope) {
        Object event = envelope.event();
        if (event instanceof AccountCreated created) {
            return deliveries.remember(created.memberId(), created.email())
                    .chain(() -> deliveries.request(envelope, MailKind.SIGNUP_COMPLETED, created.memberId(),
                            created.email(), Map.of(), null));
        }
        if (event instanceof MemberWithdrew withdrew) {
            return deliveries.requestForMember(envelope, MailKind.WITHDRAWN, withdrew.memberId(), Map.of())
                    .chain(() -> deliveries.forget(withdrew.memberId(), envelope.id()));
        }
        if (event instanceof AccountClosed closed) {
            return deliveries.forget(closed.memberId(), envelope.id());
        }
        return Uni.createFrom().voidItem();
    }

    @Incoming("verification-events")
    Uni<Void> verification(ConsumerRecord<String, String> record) {
        return inbox.handleOnce(CONSUMER, record, envelope -> envelope.event() instanceof AccountVerified verified
                ? deliveries.requestForMember(envelope, MailKind.PERSONAL_VERIFIED, verified.memberId(), Map.of())
                : Uni.createFrom().voidItem());
    }

    @Incoming("ekyc-events")
    Uni<Void> ekyc(ConsumerRecord<String, String> record) {
        return inbox.handleOnce(CONSUMER, record, envelope -> {
            Object event = envelope.event();
            if (event instanceof EkycReviewRequested review) {
                return deliveries.requestForMember(envelope, MailKind.EKYC_IN_REVIEW, review.memberId(), Map.of());
            }
            if (event instanceof EkycApproved approved) {
                return deliveries.requestForMember(envelope, MailKind.EKYC_APPROVED, approved.memberId(),
                        Map.of("method", ApprovalMethod.describe(approved.method())));
            }
            if (event instanceof EkycRejected rejected) {
                return deliveries.requestForMember(envelope, MailKind.EKYC_REJECTED, rejected.memberId(),
                        Map.of("redo", RedoStep.describe(rejected.redo())));
            }
            return Uni.createFrom().voidItem();
        });
    }

    /** A dead letter applied again (DeadLetterReplay): by the consumer of the topic it came from. */
    @Override
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        return ReplayableConsumers.byTopic(record, Map.of(Topic.EMAIL_REQUESTS, this::emailRequests,
                Topic.ACCOUNT_EVENTS, this::account, Topic.VERIFICATION_EVENTS, this::verification,
                Topic.EKYC_EVENTS, this::ekyc));
    }
}
