package io.kencom.contracts.events;

import io.kencom.contracts.DomainEvent;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** The secret question is void (locked after wrong answers, or forgotten): the member must redo eKYC (Q6, Q7). */
public record SecretQuestionReset(UUID memberId, Reason reason, Instant resetAt) implements DomainEvent {

    public enum Reason {
        LOCKED_AFTER_WRONG_ANSWERS,
        FORGOTTEN
    }

    public SecretQuestionReset {
        Objects.requireNonNull(memberId, "memberId");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(resetAt, "resetAt");
    }

    @Override
    public String subject() {
        return memberId.toString();
    }
}
