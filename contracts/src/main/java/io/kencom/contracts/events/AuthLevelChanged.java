package io.kencom.contracts.events;

import io.kencom.contracts.DomainEvent;
import io.kencom.contracts.model.AuthLevel;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** The level derived from a member's facts changed (domain.md §2). */
public record AuthLevelChanged(UUID memberId, String groupId, AuthLevel level, AuthLevel previousLevel,
        Instant changedAt) implements DomainEvent {

    public AuthLevelChanged {
        Objects.requireNonNull(memberId, "memberId");
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(previousLevel, "previousLevel");
        Objects.requireNonNull(changedAt, "changedAt");
    }

    @Override
    public String subject() {
        return memberId.toString();
    }
}
