package io.kencom.contracts.events;

import io.kencom.contracts.DomainEvent;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A member finished sign-up and is at {@code GROUP_ID}. The e-mail address is the one personal field an event may
 * carry: notification-service must know where to write.
 */
public record AccountCreated(UUID memberId, String groupId, String insurerNumber, String email, Instant createdAt)
        implements DomainEvent {

    public AccountCreated {
        Objects.requireNonNull(memberId, "memberId");
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(insurerNumber, "insurerNumber");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    @Override
    public String subject() {
        return memberId.toString();
    }
}
