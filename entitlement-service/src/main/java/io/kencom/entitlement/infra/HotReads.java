package io.kencom.entitlement.infra;

import io.kencom.contracts.model.AuthLevel;
import io.kencom.platform.Rows;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * The two reads an entitlement request may need when memory does not hold the answer, through the SQL client: one
 * statement, no Hibernate session (decisions.md §21). Writes go through the entities ({@link CatalogGroup},
 * {@link MemberFactsRow}).
 */
@ApplicationScoped
public class HotReads {

    /** A member's level as last derived, and when (microseconds since the epoch, as the trigger notifies it). */
    public record StoredLevel(AuthLevel level, String groupId, long changedAtMicros) {
    }

    private final Pool pool;

    HotReads(Pool pool) {
        this.pool = pool;
    }

    /** The group's state (its last {@code GroupChanged}, as JSON); null for a group the catalog lacks. */
    public Uni<String> groupState(String groupId) {
        return pool.preparedQuery("SELECT state FROM catalog_group WHERE group_id = $1").execute(Tuple.of(groupId))
                .map(rows -> Rows.first(rows, row -> row.getString("state")));
    }

    /** The member's level; null when this service has not heard of the member. */
    public Uni<StoredLevel> levelOf(UUID memberId) {
        return pool.preparedQuery("SELECT level, group_id, (extract(epoch FROM level_changed_at) * 1000000)::bigint "
                        + "AS changed FROM member_facts WHERE member_id = $1")
                .execute(Tuple.of(memberId))
                .map(rows -> Rows.first(rows, row -> new StoredLevel(AuthLevel.valueOf(row.getString("level")),
                        row.getString("group_id"), row.getLong("changed"))));
    }
}
