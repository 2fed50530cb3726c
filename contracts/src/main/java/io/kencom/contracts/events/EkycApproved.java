package io.kencom.contracts.events;

import io.kencom.contracts.DomainEvent;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The member may reach health data ({@code SENSITIVE}): by eKYC, decided automatically or by a reviewer, or by the
 * checkup viewing code (健診閲覧コード, DOMAIN Q7). {@code applicationId} is absent on the checkup-code path.
 */
public record EkycApproved(UUID memberId, UUID applicationId, Method method, Instant approvedAt)
        implements DomainEvent {

    public enum Method {
        EKYC_AUTOMATIC,
        EKYC_REVIEWED,
        CHECKUP_VIEWING_CODE
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
