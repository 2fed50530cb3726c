package io.kencom.contracts.events;

import io.kencom.contracts.DomainEvent;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** A reviewer did not approve the application; {@code redo} names the steps the member must take again. */
public record EkycRejected(UUID memberId, UUID applicationId, String reasonCode, List<String> redo,
        Instant rejectedAt) implements DomainEvent {

    public EkycRejected {
        Objects.requireNonNull(memberId, "memberId");
        Objects.requireNonNull(applicationId, "applicationId");
        Objects.requireNonNull(reasonCode, "reasonCode");
        redo = redo == null ? List.of() : List.copyOf(redo);
        Objects.requireNonNull(rejectedAt, "rejectedAt");
    }

    @Override
    public String subject() {
        return memberId.toString();
    }
}
