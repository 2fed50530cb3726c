package io.kencom.insuredverification.infra;

import io.kencom.platform.Clocks;
import io.kencom.platform.Rows;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The statements of personal verification: the roster looked up by card and holder, the links of insured persons to
 * accounts ({@code insured_link}, one account per person by its keys) and the member's failed tries
 * ({@code verification_failure}). The use case ({@code Verifications}) says when.
 */
@ApplicationScoped
public class LinkTable {

    /** A roster entry that matches what the member typed: its key, its pseudonyms (either may be null), its loss. */
    public record RosterMatch(byte[] personKey, byte[] personRef, byte[] holderRef, LocalDate lostOn) {
    }

    /** The insured person an account is linked to, and since when. */
    public record Link(byte[] personKey, Instant linkedAt) {
    }

    /**
     * The member's lock serialises their tries (the limit); the insurer's roster lock, shared, waits for a roster
     * batch of that insurer in flight and holds the next one back until this link is committed, so a batch that
     * changes this person always sees the link ({@link RosterTable} takes it exclusively).
     */
    public Uni<Void> lockForAttempt(SqlConnection conn, UUID memberId, String insurerNumber) {
        return conn.preparedQuery("SELECT pg_advisory_xact_lock(hashtextextended('member:' || $1, 0)), "
                        + "pg_advisory_xact_lock_shared(hashtextextended('roster:' || $2, 0))")
                .execute(Tuple.of(memberId.toString(), insurerNumber)).replaceWithVoid();
    }

    public Uni<List<Instant>> failuresSince(SqlConnection conn, UUID memberId, Instant since) {
        return conn.preparedQuery("SELECT failed_at FROM verification_failure WHERE member_id = $1 AND failed_at > $2")
                .execute(Tuple.of(memberId, Clocks.timestamptz(since)))
                .map(rows -> {
                    List<Instant> failures = new ArrayList<>();
                    rows.forEach(row -> failures.add(row.getOffsetDateTime(0).toInstant()));
                    return failures;
                });
    }

    public Uni<List<RosterMatch>> rosterMatches(SqlConnection conn, byte[] matchKey) {
        return conn.preparedQuery("SELECT person_key, person_ref, holder_ref, lost_on FROM roster_entry "
                        + "WHERE match_key = $1")
                .execute(Tuple.of(Buffer.buffer(matchKey)))
                .map(rows -> {
                    List<RosterMatch> matches = new ArrayList<>();
                    for (Row row : rows) {
                        matches.add(new RosterMatch(bytes(row, "person_key"), bytes(row, "person_ref"),
                                bytes(row, "holder_ref"), row.getLocalDate("lost_on")));
                    }
                    return matches;
                });
    }

    /** The member's link; null when they have none. */
    public Uni<Link> linkOf(SqlConnection conn, UUID memberId) {
        return conn.preparedQuery("SELECT person_key, linked_at FROM insured_link WHERE member_id = $1")
                .execute(Tuple.of(memberId))
                .map(rows -> Rows.first(rows, row -> new Link(bytes(row, "person_key"),
                        row.getOffsetDateTime("linked_at").toInstant())));
    }

    /** Links the person to the member; false when the person is linked already (to someone else, by the keys). */
    public Uni<Boolean> link(SqlConnection conn, byte[] personKey, UUID memberId, String groupId, String insurerNumber,
            Instant at) {
        return conn.preparedQuery("INSERT INTO insured_link (person_key, member_id, group_id, insurer_number, "
                        + "linked_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (person_key) DO NOTHING "
                        + "RETURNING member_id")
                .execute(Tuple.of(Buffer.buffer(personKey), memberId, groupId, insurerNumber, Clocks.timestamptz(at)))
                .map(inserted -> inserted.size() > 0);
    }

    /**
     * Records a failure, and forgets the member's failures from before {@code forgetBefore}. Committed without
     * waiting for the disk: a failure lost in a crash gives the member one more try, which costs less than an fsync
     * per try.
     */
    public Uni<Void> recordFailure(SqlConnection conn, UUID memberId, String outcome, Instant at,
            Instant forgetBefore) {
        return conn.query("SET LOCAL synchronous_commit = off").execute()
                .chain(() -> conn.preparedQuery("WITH old AS (DELETE FROM verification_failure "
                                + "WHERE member_id = $1 AND failed_at <= $4) "
                                + "INSERT INTO verification_failure (member_id, failed_at, outcome) "
                                + "VALUES ($1, $2, $3)")
                        .execute(Tuple.of(memberId, Clocks.timestamptz(at), outcome,
                                Clocks.timestamptz(forgetBefore))))
                .replaceWithVoid();
    }

    /** A withdrawn or closed account: its insured person is free for a new account, its failures forgotten. */
    public Uni<Void> forget(SqlConnection conn, UUID memberId) {
        return conn.preparedQuery("DELETE FROM insured_link WHERE member_id = $1").execute(Tuple.of(memberId))
                .chain(() -> conn.preparedQuery("DELETE FROM verification_failure WHERE member_id = $1")
                        .execute(Tuple.of(memberId)))
                .replaceWithVoid();
    }

    private static byte[] bytes(Row row, String column) {
        var stored = row.getBuffer(column);
        return stored == null ? null : stored.getBytes();
    }
}
