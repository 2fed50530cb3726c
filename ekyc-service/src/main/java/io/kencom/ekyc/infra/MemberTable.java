package io.kencom.ekyc.infra;

import io.kencom.contracts.events.AccountVerified;
import io.kencom.contracts.events.AuthLevelChanged;
import io.kencom.contracts.events.GroupChanged;
import io.kencom.contracts.model.AuthLevel;
import io.kencom.platform.Clocks;
import io.kencom.platform.Rows;
import io.kencom.platform.crypto.PersonReferences;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import java.util.UUID;

/**
 * What this service knows of members and groups, from the events of entitlement-service: each member's level and group
 * ({@code AuthLevelChanged}) and whether the group links checkup data ({@code GroupChanged}); and from
 * insured-verification-service's {@code AccountVerified}, which insured person the member is (a pseudonym). Older news
 * is ignored. Also where a withdrawn member's every row in this service is deleted.
 */
@ApplicationScoped
public class MemberTable {

    /** A member as eKYC sees them; {@code level} null when no level arrived yet. */
    public record Member(UUID memberId, String groupId, AuthLevel level, boolean checkupDataLink) {
    }

    public Uni<Void> apply(SqlConnection conn, AuthLevelChanged event) {
        return conn.preparedQuery("INSERT INTO member_level (member_id, group_id, level, changed_at) VALUES ($1, $2, $3, "
                        + "$4) ON CONFLICT (member_id) DO UPDATE SET group_id = $2, level = $3, changed_at = $4 "
                        + "WHERE member_level.changed_at <= $4")
                .execute(Tuple.of(event.memberId(), event.groupId(), event.level().name(),
                        Clocks.timestamptz(event.changedAt())))
                .replaceWithVoid();
    }

    /**
     * The insured person the member is linked to, as its pseudonyms: the person's (null when the roster entry predates
     * it) and the holder's, kanji name and birth date (null when the roster gives no kanji name).
     */
    public Uni<Void> apply(SqlConnection conn, AccountVerified event) {
        return conn.preparedQuery("INSERT INTO member_person (member_id, person_ref, holder_ref, verified_at) "
                        + "VALUES ($1, $2, $3, $4) ON CONFLICT (member_id) DO UPDATE SET person_ref = $2, "
                        + "holder_ref = $3, verified_at = $4 WHERE member_person.verified_at <= $4")
                .execute(Tuple.of(event.memberId(), buffer(event.personRef()), buffer(event.holderRef()),
                        Clocks.timestamptz(event.verifiedAt())))
                .replaceWithVoid();
    }

    private static Buffer buffer(String reference) {
        return reference == null ? null : Buffer.buffer(PersonReferences.bytes(reference));
    }

    public Uni<Void> apply(SqlConnection conn, GroupChanged event) {
        return conn.preparedQuery("INSERT INTO catalog_group (group_id, checkup_data_link, revision, insurer_numbers) "
                        + "VALUES ($1, $2, $3, $4) ON CONFLICT (group_id) DO UPDATE SET checkup_data_link = $2, "
                        + "revision = $3, insurer_numbers = $4 WHERE catalog_group.revision < $3")
                .execute(Tuple.of(event.groupId(), event.options().checkupDataLink(), event.revision(),
                        event.insurerNumbers().toArray(String[]::new)))
                .replaceWithVoid();
    }

    /**
     * A withdrawn or closed account leaves nothing here: applications, images, secret question, level, person, JPKI
     * nonces and checks.
     */
    public Uni<Void> forget(SqlConnection conn, UUID memberId) {
        Tuple id = Tuple.of(memberId);
        return conn.preparedQuery("DELETE FROM application WHERE member_id = $1").execute(id)
                .chain(() -> conn.preparedQuery("DELETE FROM secret_question WHERE member_id = $1").execute(id))
                .chain(() -> conn.preparedQuery("DELETE FROM checkup_code_failure WHERE member_id = $1").execute(id))
                .chain(() -> conn.preparedQuery("DELETE FROM member_level WHERE member_id = $1").execute(id))
                .chain(() -> conn.preparedQuery("DELETE FROM member_person WHERE member_id = $1").execute(id))
                .chain(() -> conn.preparedQuery("DELETE FROM jpki_nonce WHERE member_id = $1").execute(id))
                .chain(() -> conn.preparedQuery("DELETE FROM jpki_check WHERE member_id = $1").execute(id))
                .replaceWithVoid();
    }

    /** The group's insurer numbers as the catalog gave them; null while unknown. */
    public Uni<Set<String>> insurersOf(SqlClient client, String groupId) {
        return client.preparedQuery("SELECT insurer_numbers FROM catalog_group WHERE group_id = $1")
                .execute(Tuple.of(groupId))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return null;
                    }
                    String[] numbers = rows.iterator().next().getArrayOfStrings("insurer_numbers");
                    return numbers == null ? null : Set.of(numbers);
                });
    }

    /** The holder's pseudonym of the insured person the member is linked to; null when unknown. */
    public Uni<byte[]> holderRef(SqlClient client, UUID memberId) {
        return client.preparedQuery("SELECT holder_ref FROM member_person WHERE member_id = $1")
                .execute(Tuple.of(memberId))
                .map(rows -> Rows.first(rows, row -> row.getBuffer("holder_ref")))
                .map(stored -> stored == null ? null : stored.getBytes());
    }

    public Uni<Member> find(SqlClient client, UUID memberId) {
        return client.preparedQuery("SELECT m.group_id, m.level, coalesce(g.checkup_data_link, false) AS link "
                        + "FROM member_level m LEFT JOIN catalog_group g USING (group_id) WHERE m.member_id = $1")
                .execute(Tuple.of(memberId))
                .map(rows -> Rows.first(rows, row -> new Member(memberId, row.getString("group_id"),
                        AuthLevel.valueOf(row.getString("level")), row.getBoolean("link"))))
                .map(member -> member != null ? member : new Member(memberId, null, null, false));
    }
}
