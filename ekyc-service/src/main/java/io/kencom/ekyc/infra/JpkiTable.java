package io.kencom.ekyc.infra;

import io.kencom.platform.Clocks;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;

/**
 * The JPKI nonces handed out ({@code jpki_nonce}, by digest, each used once) and the checks made
 * ({@code jpki_check}: time, result, and sealed what identifies the certificate). The use case
 * ({@code JpkiVerifications}) says when.
 */
@ApplicationScoped
public class JpkiTable {

    /** Why a nonce could not be claimed. */
    public enum Unclaimable {
        NONCE_UNKNOWN, NONCE_USED, NONCE_EXPIRED
    }

    /** A nonce for the member, after forgetting their nonces that expired before {@code forgetBefore}. */
    public Uni<Void> issueNonce(SqlConnection conn, UUID memberId, byte[] digest, Instant issuedAt, Instant expiresAt,
            Instant forgetBefore) {
        return conn.preparedQuery("DELETE FROM jpki_nonce WHERE member_id = $1 AND expires_at <= $2")
                .execute(Tuple.of(memberId, Clocks.timestamptz(forgetBefore)))
                .chain(() -> conn.preparedQuery("INSERT INTO jpki_nonce (nonce_digest, member_id, issued_at, "
                                + "expires_at) VALUES ($1, $2, $3, $4)")
                        .execute(Tuple.of(Buffer.buffer(digest), memberId, Clocks.timestamptz(issuedAt),
                                Clocks.timestamptz(expiresAt))))
                .replaceWithVoid();
    }

    /** Marks the member's unexpired, unused nonce used; answers when it was issued, or null when it cannot be. */
    public Uni<Instant> claimNonce(SqlConnection conn, UUID memberId, byte[] digest, Instant now) {
        return conn.preparedQuery("UPDATE jpki_nonce SET used_at = $3 WHERE nonce_digest = $1 AND member_id = $2 "
                        + "AND used_at IS NULL AND expires_at > $3 RETURNING issued_at")
                .execute(Tuple.of(Buffer.buffer(digest), memberId, Clocks.timestamptz(now)))
                .map(claimed -> claimed.size() == 1 ? claimed.iterator().next().getOffsetDateTime(0).toInstant()
                        : null);
    }

    /** Why a nonce that could not be claimed could not: one the member was not given is unknown, whoever had it. */
    public Uni<Unclaimable> whyUnclaimable(SqlConnection conn, UUID memberId, byte[] digest) {
        return conn.preparedQuery("SELECT used_at FROM jpki_nonce WHERE nonce_digest = $1 AND member_id = $2")
                .execute(Tuple.of(Buffer.buffer(digest), memberId))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return Unclaimable.NONCE_UNKNOWN;
                    }
                    Row row = rows.iterator().next();
                    return row.getValue("used_at") != null ? Unclaimable.NONCE_USED : Unclaimable.NONCE_EXPIRED;
                });
    }

    /** Checks of one member are decided one at a time. */
    public Uni<Void> lockMember(SqlConnection conn, UUID memberId) {
        return conn.preparedQuery("SELECT pg_advisory_xact_lock(hashtextextended('jpki:' || $1, 0))")
                .execute(Tuple.of(memberId.toString())).replaceWithVoid();
    }

    /** A check's record; {@code sealedCertificate} only for a card that verified. */
    public Uni<Void> recordCheck(SqlConnection conn, UUID memberId, Instant at, String result,
            byte[] sealedCertificate) {
        return conn.preparedQuery("INSERT INTO jpki_check (id, member_id, checked_at, result, certificate) "
                        + "VALUES ($1, $2, $3, $4, $5)")
                .execute(Tuple.of(UUID.randomUUID(), memberId, Clocks.timestamptz(at), result,
                        sealedCertificate == null ? null : Buffer.buffer(sealedCertificate)))
                .replaceWithVoid();
    }

    /** Retention: checks recorded before {@code checkedBefore} and nonces expired before {@code expiredBefore}. */
    public Uni<Void> forgetOld(SqlConnection conn, Instant checkedBefore, Instant expiredBefore) {
        return conn.preparedQuery("DELETE FROM jpki_check WHERE checked_at <= $1")
                .execute(Tuple.of(Clocks.timestamptz(checkedBefore)))
                .chain(() -> conn.preparedQuery("DELETE FROM jpki_nonce WHERE expires_at <= $1")
                        .execute(Tuple.of(Clocks.timestamptz(expiredBefore))))
                .replaceWithVoid();
    }
}
