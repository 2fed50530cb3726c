package io.kencom.platform;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Rows waiting in a table, as ops watch them (docs/operations.md): two gauges — how many, and how long the oldest has
 * waited by the database's clock — read on a Vert.x timer. Read from the table rather than counted in memory, so that
 * every instance and a restarted one say the same; a failed read keeps the last figures.
 */
public final class TableBacklog {

    private static final Logger LOG = Logger.getLogger(TableBacklog.class);

    private final SqlClient client;
    private final String sql;
    private final AtomicLong rows = new AtomicLong();
    private final AtomicLong oldestMillis = new AtomicLong();
    private Vertx vertx;
    private long timer;

    /** The rows of {@code waiting} (a table, with its WHERE if any), aged by their column {@code since}. */
    public TableBacklog(SqlClient client, String waiting, String since) {
        this.client = client;
        this.sql = "SELECT count(*), greatest(0, coalesce((extract(epoch FROM clock_timestamp() - min(" + since
                + ")) * 1000)::bigint, 0)) FROM " + waiting;
    }

    /** The gauges: {@code count} (rows waiting) and {@code oldestAge} (seconds the oldest has waited). */
    public TableBacklog register(MeterRegistry registry, String count, String countDescription, String oldestAge,
            String oldestAgeDescription) {
        Gauge.builder(count, rows, AtomicLong::get).description(countDescription).register(registry);
        Gauge.builder(oldestAge, oldestMillis, a -> a.get() / 1000.0).baseUnit("seconds")
                .description(oldestAgeDescription).register(registry);
        return this;
    }

    public void start(Vertx vertx, Duration every) {
        this.vertx = vertx;
        this.timer = vertx.setPeriodic(every.toMillis(), id -> read());
    }

    public void stop() {
        if (vertx != null) {
            vertx.cancelTimer(timer);
        }
    }

    private void read() {
        client.query(sql).execute().subscribe().with(answer -> {
            Row row = answer.iterator().next();
            rows.set(row.getLong(0));
            oldestMillis.set(row.getLong(1));
        }, e -> LOG.debugf("backlog read failed: %s", e.toString()));
    }
}
