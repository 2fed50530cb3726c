package io.kencom.contracts.events;

import io.kencom.contracts.DomainEvent;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.UUID;

/** The roster says the linked insured person lost qualification (資格喪失) on the given day. */
public record MemberDisaffiliated(UUID memberId, String groupId, LocalDate qualificationLostOn, Instant recordedAt)
        implements DomainEvent {

    public MemberDisaffiliated {
        Objects.requireNonNull(memberId, "memberId");
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(qualificationLostOn, "qualificationLostOn");
        Objects.requireNonNull(recordedAt, "recordedAt");
    }

    @Override
    public String subject() {
        return memberId.toString();
    }
}
