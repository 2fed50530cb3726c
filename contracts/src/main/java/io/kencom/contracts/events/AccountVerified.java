package io.kencom.contracts.events;

import io.kencom.contracts.DomainEvent;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** Personal verification (本人確認) succeeded: the member is linked to one insured person of their group's roster. */
public record AccountVerified(UUID memberId, String groupId, String insurerNumber, Instant verifiedAt)
        implements DomainEvent {

    public AccountVerified {
        Objects.requireNonNull(memberId, "memberId");
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(insurerNumber, "insurerNumber");
        Objects.requireNonNull(verifiedAt, "verifiedAt");
    }

    @Override
    public String subject() {
        return memberId.toString();
    }
}
