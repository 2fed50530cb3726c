package io.kencom.contracts.events;

import io.kencom.contracts.DomainEvent;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A mail that carries a one-time code. The only event with a secret in it, hence its own short-retention topic.
 * {@code memberId} is absent while signing up (no account yet).
 */
public record EmailRequested(UUID requestId, Kind kind, String to, UUID memberId, String oneTimeCode,
        Instant codeExpiresAt, Instant requestedAt) implements DomainEvent {

    public enum Kind {
        /** 新規登録のワンタイムパスワード */
        SIGNUP_CODE,
        /** パスワード再設定の確認コード */
        PASSWORD_RESET_CODE
    }

    public EmailRequested {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(oneTimeCode, "oneTimeCode");
        Objects.requireNonNull(codeExpiresAt, "codeExpiresAt");
        Objects.requireNonNull(requestedAt, "requestedAt");
    }

    @Override
    public String subject() {
        return memberId != null ? memberId.toString() : requestId.toString();
    }

    /** Never print the code or the address. */
    @Override
    public String toString() {
        return "EmailRequested[requestId=" + requestId + ", kind=" + kind + "]";
    }
}
