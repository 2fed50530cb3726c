package io.kencom.contracts.events;

import io.kencom.contracts.DomainEvent;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** The member withdrew (退会); every service forgets or frees what it held for them. */
public record MemberWithdrew(UUID memberId, String groupId, Instant withdrewAt) implements DomainEvent {

    public MemberWithdrew {
        Objects.requireNonNull(memberId, "memberId");
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(withdrewAt, "withdrewAt");
    }

    @Override
    public String subject() {
        return memberId.toString();
    }
}
