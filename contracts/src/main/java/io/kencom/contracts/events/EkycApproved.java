package io.kencom.contracts.events;

import io.kencom.contracts.DomainEvent;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The member may reach health data ({@code SENSITIVE}): by eKYC, decided automatically or by a reviewer, by the My
 * Number card's signing certificate (公的個人認証, JPKI), or by the checkup viewing code (健診閲覧コード, domain.md Q7).
 * {@code applicationId} is absent on the JPKI and checkup-code paths. Version 2 added {@code JPKI}: a reader of
 * version 1 would refuse the unknown value, so it is a new type (EventContract).
 */
public record EkycApproved(UUID memberId, UUID applicationId, Method method, Instant approvedAt)
        implements DomainEvent {

    public enum Method {
        EKYC_AUTOMATIC,
        EKYC_REVIEWED,
        CHECKUP_VIEWING_CODE,
        /** The My Number card's IC chip: its signing certificate (署名用電子証明書) and a signature over a nonce. */
        JPKI
    }

    public EkycApproved {
        Objects.requireNonNull(memberId, "memberId");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(approvedAt, "approvedAt");
    }

    @Override
    public String subject() {
        return memberId.toString();
    }
}
