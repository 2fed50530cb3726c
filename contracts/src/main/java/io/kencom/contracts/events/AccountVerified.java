package io.kencom.contracts.events;

import io.kencom.contracts.DomainEvent;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Personal verification (本人確認) succeeded: the member is linked to one insured person of their group's roster.
 * {@code personRef} is that person's pseudonym under the key insured-verification- and ekyc-service share (platform
 * {@code PersonReferences}, base64url), null when the roster entry predates it: it names the person to services that
 * hold the key and to nobody else. {@code holderRef} is the person's identity as kanji name and birth date under the
 * same key ({@code PersonReferences.holderOf}), null when the roster gives no kanji name: what ekyc-service compares a
 * My Number card's certificate with, without either service seeing the other's name.
 */
public record AccountVerified(UUID memberId, String groupId, String insurerNumber, Instant verifiedAt,
        String personRef, String holderRef) implements DomainEvent {

    public AccountVerified {
        Objects.requireNonNull(memberId, "memberId");
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(insurerNumber, "insurerNumber");
        Objects.requireNonNull(verifiedAt, "verifiedAt");
    }

    /** Without a person reference (a roster entry from before it). */
    public AccountVerified(UUID memberId, String groupId, String insurerNumber, Instant verifiedAt) {
        this(memberId, groupId, insurerNumber, verifiedAt, null, null);
    }

    /** Without a holder reference (a roster entry without a kanji name). */
    public AccountVerified(UUID memberId, String groupId, String insurerNumber, Instant verifiedAt, String personRef) {
        this(memberId, groupId, insurerNumber, verifiedAt, personRef, null);
    }

    @Override
    public String subject() {
        return memberId.toString();
    }
}
