package io.kencom.contracts.events;

import io.kencom.contracts.DomainEvent;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.UUID;

/** The same insured person re-joined within 100 days of losing qualification (domain.md Q5). */
public record MemberReaffiliated(UUID memberId, String groupId, LocalDate reaffiliatedOn, Instant recordedAt)
        implements DomainEvent {

    public MemberReaffiliated {
        Objects.requireNonNull(memberId, "memberId");
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(reaffiliatedOn, "reaffiliatedOn");
        Objects.requireNonNull(recordedAt, "recordedAt");
    }

    @Override
    public String subject() {
        return memberId.toString();
    }
}
