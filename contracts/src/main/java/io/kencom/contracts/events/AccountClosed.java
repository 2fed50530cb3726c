package io.kencom.contracts.events;

import io.kencom.contracts.DomainEvent;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** The account ended without the member withdrawing: deleted on request to support, or 100 days unaffiliated. */
public record AccountClosed(UUID memberId, String groupId, Reason reason, Instant closedAt) implements DomainEvent {

    public enum Reason {
        SUPPORT_REQUEST,
        /** domain.md Q4/Q5: 100 days after loss of qualification without re-joining. */
        UNAFFILIATED_100_DAYS
    }

    public AccountClosed {
        Objects.requireNonNull(memberId, "memberId");
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(closedAt, "closedAt");
    }

    @Override
    public String subject() {
        return memberId.toString();
    }
}
