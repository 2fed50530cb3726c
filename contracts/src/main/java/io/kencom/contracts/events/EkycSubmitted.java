package io.kencom.contracts.events;

import io.kencom.contracts.DomainEvent;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** An eKYC application was submitted (guide p.33). */
public record EkycSubmitted(UUID memberId, UUID applicationId, DocumentType documentType, Instant submittedAt)
        implements DomainEvent {

    /** The photo IDs accepted (guide p.19). */
    public enum DocumentType {
        /** 運転免許証 */
        DRIVERS_LICENSE,
        /** マイナンバーカード (front only) */
        MY_NUMBER_CARD,
        /** 運転経歴証明書 */
        DRIVING_HISTORY_CERTIFICATE,
        /** 在留カード */
        RESIDENCE_CARD
    }

    public EkycSubmitted {
        Objects.requireNonNull(memberId, "memberId");
        Objects.requireNonNull(applicationId, "applicationId");
        Objects.requireNonNull(documentType, "documentType");
        Objects.requireNonNull(submittedAt, "submittedAt");
    }

    @Override
    public String subject() {
        return memberId.toString();
    }
}
