package io.kencom.contracts.events;

import io.kencom.contracts.DomainEvent;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** The application needs a human look (申請受付); {@code reasons} are machine codes of the checks without margin. */
public record EkycReviewRequested(UUID memberId, UUID applicationId, List<String> reasons, Instant requestedAt)
        implements DomainEvent {

    public EkycReviewRequested {
        Objects.requireNonNull(memberId, "memberId");
        Objects.requireNonNull(applicationId, "applicationId");
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
        Objects.requireNonNull(requestedAt, "requestedAt");
    }

    @Override
    public String subject() {
        return memberId.toString();
    }
}
