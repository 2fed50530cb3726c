package io.kencom.notification.infra;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One mail for one event: its status and attempts; what sending needs stays sealed until it is final. */
@Entity
@Table(name = "delivery")
public class Delivery extends PanacheEntityBase {

    public enum Status {
        /** For a member whose address has not arrived yet (AccountCreated comes on another topic). */
        AWAITING_ADDRESS,
        /** Waiting for its (next) attempt. */
        PENDING,
        /** Accepted by the SMTP server. */
        SENT,
        /** A one-time code that could not be sent before it died: not sent at all. */
        EXPIRED,
        /**
         * The member's address is not known (no AccountCreated seen, or already forgotten), or was forgotten before the
         * mail went out.
         */
        NO_ADDRESS,
        /** Every attempt failed; the event went to the dead-letter topic. */
        FAILED
    }

    /** The CloudEvents id of the event the mail is for. */
    @Id
    public UUID id;

    @Column(name = "member_id")
    public UUID memberId;

    public String kind;

    public String status;

    public int attempts;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    @Column(name = "code_expires_at")
    public Instant codeExpiresAt;

    @Column(name = "recipient_sealed")
    public String recipientSealed;

    @Column(name = "data_sealed")
    public String dataSealed;

    @Column(name = "event_type")
    public String eventType;

    @Column(name = "event_sealed")
    public String eventSealed;
}
