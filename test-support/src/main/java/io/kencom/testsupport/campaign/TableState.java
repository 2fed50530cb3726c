package io.kencom.testsupport.campaign;

import static org.awaitility.Awaitility.await;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.core.ConditionTimeoutException;

/**
 * What a service's tables hold, as each table's row count and newest row version ({@code xmin}, the writing
 * transaction): an insert or update writes a newer version, a delete lowers the count, a rolled-back write shows
 * nothing. Cheap: one scan, no column read.
 */
public final class TableState {

    /** Written by no request: schema history, and the inbox that Kafka's consumers fill in the background. */
    private static final Set<String> NOT_REQUEST_STATE = Set.of("flyway_schema_history", "processed_event");

    private final Pool pool;
    private final Set<String> countedOnRefusal;

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
        for (Row table : pool.query("SELECT table_name FROM information_schema.tables WHERE table_schema = "
                + "current_schema() AND table_type = 'BASE TABLE'").executeAndAwait()) {
            String name = table.getString(0);
            if (NOT_REQUEST_STATE.contains(name) || countedOnRefusal.contains(name)) {
                continue;
            }
            Row row = pool.query("SELECT count(*) || ':' || coalesce(max(xmin::text::bigint), 0) FROM \"" + name + "\"")
                    .executeAndAwait().iterator().next();
            digests.put(name, row.getString(0));
        }
        return digests;
    }

    /** The state once nothing has changed for a moment: what accepted requests set going (outbox relay) has settled. */
    public Map<String, String> settled() {
        AtomicReference<Map<String, String>> last = new AtomicReference<>(snapshot());
        try {
            await().pollDelay(Duration.ofMillis(150)).pollInterval(Duration.ofMillis(150)).atMost(Duration.ofSeconds(8))
                    .until(() -> last.getAndSet(snapshot()).equals(last.get()));
        } catch (ConditionTimeoutException stillMoving) {
            // Consumers busy in the background: the next batch starts from the latest state.
        }
        return last.get();
    }
}
