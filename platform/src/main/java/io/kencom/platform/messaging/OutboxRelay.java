package io.kencom.platform.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.kencom.contracts.CloudEvent;
import io.kencom.platform.PgNotifications;
import io.kencom.platform.TableBacklog;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Sends committed outbox rows to Kafka, oldest first, and deletes them once the broker acknowledged them. One
 * relay works at a time per database (a transaction-scoped advisory lock), so events of one key keep their order
 * even with several replicas. A row is deleted only when it and every row before it were acknowledged: while the
 * broker is down nothing is lost and sending resumes by itself when it is back. An event goes out in the trace of
 * the request or event that wrote it (the row's {@link TraceContext}).
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /** Arbitrary but fixed: the advisory lock id of the relay ("kencom-outbox"). */
    private static final long LOCK_ID = 0x6b656e636f6d4fL;

    private final Pool pool;
    private final MutinyEmitter<String> emitter;
    private final int batchSize;
    private final Counter relayed;
    /** Events waiting and the oldest one's age, read every {@code kencom.outbox.sample-interval}. */
    private final TableBacklog backlog;
    private final Duration sampleInterval;
    private final Duration interval;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private final PgNotifications notifications;
    private volatile boolean failing;
    private Vertx vertx;
    private long timer;

    OutboxRelay(Pool pool, @Channel("outbox") MutinyEmitter<String> emitter,
            @ConfigProperty(name = "kencom.outbox.batch-size", defaultValue = "100") int batchSize,
            @ConfigProperty(name = "kencom.outbox.interval", defaultValue = "PT1S") Duration interval,
            @ConfigProperty(name = "kencom.outbox.sample-interval", defaultValue = "PT15S") Duration sampleInterval,
            PgNotifications notifications, MeterRegistry registry) {
        this.interval = interval;
        this.sampleInterval = sampleInterval;
        this.notifications = notifications;
        this.pool = pool;
        this.emitter = emitter;
        this.batchSize = batchSize;
        this.relayed = Counter.builder("kencom.outbox.relayed").description("Events relayed from the outbox to Kafka")
                .register(registry);
        this.backlog = new TableBacklog(pool, "outbox_event", "written_at").register(registry,
                "kencom.outbox.backlog", "Events written to the outbox and not yet acknowledged by Kafka",
                "kencom.outbox.oldest.age", "How long the oldest event waiting in the outbox has waited");
    }

    /**
     * Sends when PostgreSQL notifies a commit into the outbox (LISTEN/NOTIFY, see V0_2), and polls on a Vert.x timer
     * as the fallback for a lost notification or a failed send.
     */
    void start(@Observes StartupEvent ignored, Vertx vertx) {
        this.vertx = vertx;
        this.timer = vertx.setPeriodic(interval.toMillis(), id -> tick());
        backlog.start(vertx, sampleInterval);
        notifications.listen("outbox_event", payload -> tick(), this::tick);
    }

    void stop(@Observes ShutdownEvent ignored) {
        if (vertx != null) {
            vertx.cancelTimer(timer);
        }
        backlog.stop();
    }

    private void tick() {
        if (!running.compareAndSet(false, true)) {
            again.set(true); // a commit came in while sending: go again right after
            return;
        }
        again.set(false);
        relayOnce().subscribe().with(
                sent -> finished(sent >= batchSize),
                e -> {
                    LOG.warnf("outbox relay failed, will retry: %s", e.toString());
                    finished(false);
                });
    }

    private void finished(boolean fullBatch) {
        running.set(false);
        if (again.get() || (fullBatch && !failing)) {
            vertx.runOnContext(v -> tick()); // a commit came meanwhile, or more wait beyond this batch
        }
    }

    /** Relays one batch; returns how many events were sent and deleted. */
    public Uni<Integer> relayOnce() {
        return pool.withTransaction(conn -> conn.preparedQuery("SELECT pg_try_advisory_xact_lock($1)")
                .execute(Tuple.of(LOCK_ID))
                .chain(rows -> rows.iterator().next().getBoolean(0) ? relayBatch(conn) : Uni.createFrom().item(0)));
    }

    private Uni<Integer> relayBatch(SqlConnection conn) {
        return conn.preparedQuery("SELECT seq, event_id, topic, record_key, type, source, payload, occurred_at, "
                        + "traceparent, tracestate FROM outbox_event ORDER BY seq LIMIT $1")
                .execute(Tuple.of(batchSize))
                .chain(rows -> {
                    List<Row> batch = new ArrayList<>();
                    rows.forEach(batch::add);
                    if (batch.isEmpty()) {
                        return Uni.createFrom().item(0);
                    }
                    List<Uni<Boolean>> sends = batch.stream().map(this::send).toList();
                    return Uni.join().all(sends).andFailFast().chain(acked -> deleteAckedPrefix(conn, batch, acked));
                });
    }

    /** Sends one row; completes with whether the broker acknowledged it (never fails). */
    private Uni<Boolean> send(Row row) {
        CloudEvent event = new CloudEvent(row.getUUID("event_id"), row.getString("source"), row.getString("type"),
                row.getString("record_key"), row.getOffsetDateTime("occurred_at").toInstant(), row.getString("payload"));
        TraceContext trace = new TraceContext(row.getString("traceparent"), row.getString("tracestate"));
        RecordHeaders headers = new RecordHeaders();
        event.headers().forEach(headers::add);
        trace.headers().forEach(headers::add);
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(row.getString("topic")).withKey(event.subject()).withHeaders(headers).build();
        Message<String> message = Message.of(event.data()).addMetadata(metadata);
        if (trace.traced()) {
            // the producer's span (and the record's traceparent header) a child of the writer's, not of this timer's
            message = message.addMetadata(TracingMetadata.withCurrent(trace.parent()));
        }
        return emitter.sendMessage(message)
                .replaceWith(Boolean.TRUE)
                .onFailure().invoke(e -> {
                    if (!failing) {
                        LOG.warnf("outbox: cannot send event %s to %s yet (%s); it stays in the outbox",
                                event.id(), row.getString("topic"), e.toString());
                    }
                })
                .onFailure().recoverWithItem(Boolean.FALSE);
    }

    private Uni<Integer> deleteAckedPrefix(SqlConnection conn, List<Row> batch, List<Boolean> acked) {
        int prefix = 0;
        while (prefix < acked.size() && acked.get(prefix)) {
            prefix++;
        }
        boolean complete = prefix == batch.size();
        if (failing && complete) {
            LOG.info("outbox: sending again");
        }
        failing = !complete;
        if (prefix == 0) {
            return Uni.createFrom().item(0);
        }
        // By id, not by range: a transaction with a lower seq may commit only now, and must be sent first.
        Long[] seqs = batch.subList(0, prefix).stream().map(r -> r.getLong("seq")).toArray(Long[]::new);
        int sent = prefix;
        return conn.preparedQuery("DELETE FROM outbox_event WHERE seq = ANY($1)").execute(Tuple.of(seqs))
                .invoke(() -> relayed.increment(sent))
                .replaceWith(sent);
    }
}
