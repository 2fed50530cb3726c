package io.kencom.ekyc.infra;

import io.kencom.platform.Clocks;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Checkup viewing codes ({@code checkup_code}: each by its keyed digest, with the pseudonym of the one person it was
 * issued to, if any) and the members' wrong codes ({@code checkup_code_failure}). The use case
 * ({@code CheckupCodes}) says when.
 */
@ApplicationScoped
public class CheckupCodeTable {

    /** A code to load: its digest, and the pseudonym of the person it was issued to (null: anyone of the group). */
    public record Code(byte[] digest, byte[] personRef) {
    }

    /** Loads the group's codes; answers how many were new (a code known before is left as it was). */
    public Uni<Integer> load(SqlClient client, String groupId, List<Code> codes, LocalDate expiresOn) {
        return client.preparedQuery("INSERT INTO checkup_code (code_digest, group_id, expires_on, person_ref) "
                        + "SELECT d, $2, $3, p FROM unnest($1::bytea[], $4::bytea[]) AS i(d, p) "
                        + "ON CONFLICT DO NOTHING")
                .execute(Tuple.of(codes.stream().map(c -> Buffer.buffer(c.digest())).toArray(Buffer[]::new), groupId,
                        expiresOn, codes.stream().map(c -> c.personRef() == null ? null : Buffer.buffer(c.personRef()))
                                .toArray(Buffer[]::new)))
                .map(rows -> rows.rowCount());
    }

    /** Redemptions of one member are judged one at a time, their failures counted under the same lock. */
    public Uni<Void> lockMember(SqlConnection conn, UUID memberId) {
        return conn.preparedQuery("SELECT pg_advisory_xact_lock(hashtextextended('checkup:' || $1, 0))")
                .execute(Tuple.of(memberId.toString())).replaceWithVoid();
    }

    /** The member's wrong codes after {@code since}, oldest first. */
    public Uni<List<Instant>> failuresSince(SqlConnection conn, UUID memberId, Instant since) {
        return conn.preparedQuery("SELECT failed_at FROM checkup_code_failure WHERE member_id = $1 AND failed_at > $2 "
                        + "ORDER BY failed_at")
                .execute(Tuple.of(memberId, Clocks.timestamptz(since)))
                .map(rows -> {
                    List<Instant> failures = new ArrayList<>();
                    rows.forEach(row -> failures.add(row.getOffsetDateTime(0).toInstant()));
                    return failures;
                });
    }

    public Uni<Void> recordFailure(SqlConnection conn, UUID memberId, Instant at) {
        return conn.preparedQuery("INSERT INTO checkup_code_failure (member_id, failed_at) VALUES ($1, $2)")
                .execute(Tuple.of(memberId, Clocks.timestamptz(at))).replaceWithVoid();
    }

    /**
     * Spends the group's unexpired, unspent code for the member: one issued to anyone, or to the insured person the
     * member is linked to. False when there is no such code (another person's code is none of theirs).
     */
    public Uni<Boolean> spend(SqlConnection conn, UUID memberId, String groupId, byte[] digest, Instant at,
            LocalDate today) {
        return conn.preparedQuery("UPDATE checkup_code SET redeemed_by = $1, redeemed_at = $2 WHERE code_digest = $3 "
                        + "AND group_id = $4 AND redeemed_by IS NULL AND expires_on >= $5 AND (person_ref IS NULL "
                        + "OR person_ref = (SELECT person_ref FROM member_person WHERE member_id = $1)) RETURNING 1")
                .execute(Tuple.of(memberId, Clocks.timestamptz(at), Buffer.buffer(digest), groupId, today))
                .map(rows -> rows.size() > 0);
    }
}
