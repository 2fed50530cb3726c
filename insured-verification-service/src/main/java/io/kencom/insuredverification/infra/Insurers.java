package io.kencom.insuredverification.infra;

import io.kencom.contracts.events.GroupChanged;
import io.kencom.contracts.model.CardFormat;
import io.kencom.contracts.model.InsurerNumber;
import io.kencom.platform.Rows;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * This service's projection of the group catalog (from {@code GroupChanged}): which group an insurer number belongs
 * to and how its card is printed (domain.md §4.2). A revision older than the one held is ignored.
 */
@ApplicationScoped
public class Insurers {

    /** An insurer number of a group of the catalog. */
    public record Insurer(InsurerNumber number, String groupId, CardFormat cardFormat, boolean contracted) {
    }

    private final Pool pool;

    Insurers(Pool pool) {
        this.pool = pool;
    }

    /** Applies a catalog event in the consumer's transaction. */
    public Uni<Void> apply(SqlConnection conn, GroupChanged event) {
        return conn.preparedQuery("INSERT INTO catalog_group (group_id, card_format, contracted, revision) "
                        + "VALUES ($1, $2, $3, $4) ON CONFLICT (group_id) DO UPDATE SET card_format = $2, "
                        + "contracted = $3, revision = $4 WHERE catalog_group.revision < $4 RETURNING group_id")
                .execute(Tuple.of(event.groupId(), event.cardFormat().name(), event.contracted(), event.revision()))
                .chain(rows -> rows.size() == 0 ? Uni.createFrom().voidItem() : conn
                        .preparedQuery("DELETE FROM catalog_insurer_number WHERE group_id = $1")
                        .execute(Tuple.of(event.groupId()))
                        .chain(() -> conn.preparedQuery("INSERT INTO catalog_insurer_number (insurer_number, group_id) "
                                        + "SELECT unnest($1::text[]), $2 ON CONFLICT (insurer_number) DO UPDATE "
                                        + "SET group_id = EXCLUDED.group_id")
                                .execute(Tuple.of(event.insurerNumbers().toArray(String[]::new), event.groupId())))
                        .replaceWithVoid());
    }

    /** The insurer, or null when no group of the catalog has this number. */
    public Uni<Insurer> find(InsurerNumber number) {
        return pool.preparedQuery("SELECT n.insurer_number, g.group_id, g.card_format, g.contracted "
                        + "FROM catalog_insurer_number n JOIN catalog_group g USING (group_id) "
                        + "WHERE n.insurer_number = $1")
                .execute(Tuple.of(number.value()))
                .map(rows -> Rows.first(rows, Insurers::insurer));
    }

    /** The card formats of those of {@code numbers} the catalog knows. */
    public Uni<Map<String, CardFormat>> cardFormats(SqlClient client, Collection<String> numbers) {
        return client.preparedQuery("SELECT n.insurer_number, g.card_format FROM catalog_insurer_number n "
                        + "JOIN catalog_group g USING (group_id) WHERE n.insurer_number = ANY($1::text[])")
                .execute(Tuple.of(numbers.toArray(String[]::new)))
                .map(rows -> {
                    Map<String, CardFormat> formats = new HashMap<>();
                    rows.forEach(row -> formats.put(row.getString(0), CardFormat.valueOf(row.getString(1))));
                    return formats;
                });
    }

    private static Insurer insurer(Row row) {
        return new Insurer(new InsurerNumber(row.getString("insurer_number")), row.getString("group_id"),
                CardFormat.valueOf(row.getString("card_format")), row.getBoolean("contracted"));
    }
}
