package io.kencom.entitlement;

import io.kencom.contracts.events.GroupChanged;
import io.kencom.contracts.model.AuthLevel;
import io.kencom.entitlement.domain.Entitlements;
import io.kencom.entitlement.infra.CatalogGroup;
import io.kencom.platform.Clocks;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.Iterator;
import java.util.UUID;

/**
 * The read every screen makes (GET /v1/members/me/entitlements). One indexed query on the reactive client, no
 * ORM session; the member's group comes parsed from {@link Catalog}'s cache unless its revision moved on.
 */
@ApplicationScoped
public class MemberEntitlements {

    /** What the token says, used only until this service has heard of the member (just after sign-up). */
    public record Claims(String groupId, AuthLevel level) {
    }

    private record Known(AuthLevel level, String groupId, Long revision) {
    }

    private final Pool pool;
    private final Catalog catalog;
    private final Clock clock;

    MemberEntitlements(Pool pool, Catalog catalog, Clock clock) {
        this.pool = pool;
        this.catalog = catalog;
        this.clock = clock;
    }

    public Uni<Entitlements> of(UUID memberId, Claims claims) {
        return pool.preparedQuery("SELECT f.level, f.group_id, g.revision FROM member_facts f "
                        + "LEFT JOIN catalog_group g ON g.group_id = f.group_id WHERE f.member_id = $1")
                .execute(Tuple.of(memberId))
                .chain(rows -> {
                    Iterator<Row> it = rows.iterator();
                    Known known = it.hasNext() ? known(it.next()) : null;
                    if (known == null || known.groupId() == null) {
                        return revisionOf(claims.groupId()).chain(revision -> entitlements(
                                new Known(claims.level(), claims.groupId(), revision)));
                    }
                    return entitlements(known);
                });
    }

    private Uni<Entitlements> entitlements(Known known) {
        return group(known).map(group -> Entitlements.of(known.level(), group, Clocks.todayInJapan(clock)));
    }

    private Uni<GroupChanged> group(Known known) {
        if (known.groupId() == null || known.revision() == null) {
            return Uni.createFrom().nullItem();
        }
        GroupChanged cached = catalog.cached(known.groupId(), known.revision());
        if (cached != null) {
            return Uni.createFrom().item(cached);
        }
        return pool.preparedQuery("SELECT revision, state FROM catalog_group WHERE group_id = $1")
                .execute(Tuple.of(known.groupId()))
                .map(rows -> {
                    Iterator<Row> it = rows.iterator();
                    if (!it.hasNext()) {
                        return null;
                    }
                    Row row = it.next();
                    CatalogGroup group = new CatalogGroup();
                    group.groupId = known.groupId();
                    group.revision = row.getLong("revision");
                    group.state = row.getString("state");
                    return catalog.read(group);
                });
    }

    private Uni<Long> revisionOf(String groupId) {
        if (groupId == null) {
            return Uni.createFrom().nullItem();
        }
        return pool.preparedQuery("SELECT revision FROM catalog_group WHERE group_id = $1").execute(Tuple.of(groupId))
                .map(rows -> rows.iterator().hasNext() ? rows.iterator().next().getLong("revision") : null);
    }

    private static Known known(Row row) {
        return new Known(AuthLevel.valueOf(row.getString("level")), row.getString("group_id"), row.getLong("revision"));
    }
}
