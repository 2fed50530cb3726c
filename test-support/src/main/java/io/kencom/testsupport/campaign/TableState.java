package io.kencom.testsupport.campaign;

import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.Arc;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionTimeoutException;

/**
 * What a service's tables hold, as each table's row count and newest row version ({@code xmin}, the writing
 * transaction): an insert or update writes a newer version, a delete lowers the count, a rolled-back write shows
 * nothing. An outbox row inserted and relayed between two readings leaves its table as it was, so the outbox relay's
 * count of relayed events is part of the state too. Cheap: one query, no column read.
 */
public final class TableState {

    /** Written by no request: schema history, and the inbox that Kafka's consumers fill in the background. */
    private static final Set<String> NOT_REQUEST_STATE = Set.of("flyway_schema_history", "processed_event");
    /** The key of the relay's count in a snapshot; not a table name (it has a space). */
    static final String RELAYED = "outbox relayed";

    private final Pool pool;
    private final Set<String> countedOnRefusal;
    private String query;

    /**
     * @param countedOnRefusal tables a refused request writes by design (the failed attempts that limits count);
     *                         each is named with its reason in the service's test
     */
    public TableState(Pool pool, Set<String> countedOnRefusal) {
        this.pool = pool;
        this.countedOnRefusal = countedOnRefusal;
    }

    public Map<String, String> snapshot() {
        Map<String, String> digests = new TreeMap<>();
        for (Row row : pool.query(query()).executeAndAwait()) {
            digests.put(row.getString(0), row.getString(1));
        }
        // Read after the tables: the relay counts before it commits the outbox row's delete, so a row gone from the
        // table read above is counted by now.
        digests.put(RELAYED, String.valueOf(relayed()));
        return digests;
    }

    /** The state once nothing has changed for a moment: what accepted requests set going (outbox relay) has settled. */
    public Map<String, String> settled() {
        AtomicReference<Map<String, String>> last = new AtomicReference<>(snapshot());
        try {
            await().pollDelay(Duration.ofMillis(150)).pollInterval(Duration.ofMillis(150)).atMost(Duration.ofSeconds(8))
                    .until(() -> last.getAndSet(snapshot()).equals(last.get()));
        } catch (ConditionTimeoutException stillMoving) {
            // Consumers busy in the background: the next request is checked from the latest state.
        }
        return last.get();
    }

    /** One statement for every table: the tables are the schema's, which a run does not change. */
    private String query() {
        if (query == null) {
            List<String> tables = new ArrayList<>();
            for (Row table : pool.query("SELECT table_name FROM information_schema.tables WHERE table_schema = "
                    + "current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name").executeAndAwait()) {
                String name = table.getString(0);
                if (!NOT_REQUEST_STATE.contains(name) && !countedOnRefusal.contains(name)) {
                    tables.add(name);
                }
            }
            query = tables.stream().map(name -> "SELECT '" + name + "', count(*) || ':' || "
                    + "coalesce(max(xmin::text::bigint), 0) FROM \"" + name + "\"")
                    .collect(Collectors.joining(" UNION ALL "));
        }
        return query;
    }

    /** The outbox relay's {@code kencom.outbox.relayed}; 0 in a service that relays nothing. */
    private static double relayed() {
        MeterRegistry registry = Arc.container().instance(MeterRegistry.class).get();
        Counter counter = registry == null ? null : registry.find("kencom.outbox.relayed").counter();
        return counter == null ? 0 : counter.count();
    }
}
