package io.kencom.notification;

import com.fasterxml.jackson.core.type.TypeReference;
import io.kencom.contracts.CloudEvent;
import io.kencom.contracts.EventJson;
import io.kencom.notification.domain.MailKind;
import io.kencom.notification.domain.RetryPolicy;
import io.kencom.notification.domain.SendError;
import io.kencom.notification.infra.Delivery;
import io.kencom.notification.infra.MailRenderer;
import io.kencom.notification.infra.Smtp;
import io.kencom.platform.Clocks;
import io.kencom.platform.PgNotifications;
import io.kencom.platform.crypto.Secrets;
import io.kencom.platform.messaging.Inbox;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Iterator;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Sends pending deliveries through SMTP, one at a time with the row locked (FOR UPDATE SKIP LOCKED, so several
 * instances share the work), woken by the {@code delivery} notification at commit and by a timer for retries.
 * A failed attempt is retried with backoff; a code mail until its code dies (then it is not sent), any other mail
 * up to the policy's attempts, after which its event goes to the dead-letter topic with the reason. A mail whose
 * answer was lost is sent again under the same Message-ID ({@link Smtp}): SMTP is at least once.
 */
@ApplicationScoped
public class MailSender {

    private static final Logger LOG = Logger.getLogger(MailSender.class);
    private static final TypeReference<Map<String, Object>> DATA = new TypeReference<>() {
    };

    private final Pool pool;
    private final Smtp smtp;
    private final MailRenderer renderer;
    private final Secrets secrets;
    private final Clock clock;
    private final RetryPolicy retries;
    private final MutinyEmitter<String> deadLetters;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private Vertx vertx;
    private long timer;

    MailSender(Pool pool, Smtp smtp, MailRenderer renderer, Secrets secrets, Clock clock,
            @ConfigProperty(name = "kencom.mail.attempts") int attempts,
            @ConfigProperty(name = "kencom.mail.first-retry") Duration firstRetry,
            @ConfigProperty(name = "kencom.mail.longest-retry") Duration longestRetry,
            @Channel("dead-letters") MutinyEmitter<String> deadLetters) {
        this.pool = pool;
        this.smtp = smtp;
        this.renderer = renderer;
        this.secrets = secrets;
        this.clock = clock;
        this.retries = new RetryPolicy(attempts, firstRetry, longestRetry);
        this.deadLetters = deadLetters;
    }

    void start(@Observes StartupEvent ignored, Vertx vertx, PgNotifications notifications) {
        this.vertx = vertx;
        this.timer = vertx.setPeriodic(500, id -> tick());
        notifications.listen("delivery", payload -> tick(), this::tick);
    }

    void stop(@Observes ShutdownEvent ignored) {
        if (vertx != null) {
            vertx.cancelTimer(timer);
        }
    }

    private void tick() {
        if (!running.compareAndSet(false, true)) {
            again.set(true);
            return;
        }
        again.set(false);
        sendNext().subscribe().with(handled -> {
            running.set(false);
            if (handled || again.get()) {
                tick();
            }
        }, e -> {
            running.set(false);
            LOG.warnf("mail sender: %s", SendError.describe(e));
        });
    }

    /** A mail the SMTP server has taken, whatever becomes of the transaction that is to record it. */
    private record Sent(UUID id, int attempts) {
    }

    /** Handles the next due delivery, if any; true when there was one. */
    Uni<Boolean> sendNext() {
        Instant now = clock.instant();
        AtomicReference<Sent> sent = new AtomicReference<>();
        return pool.withTransaction(conn -> conn.preparedQuery("SELECT id, kind, attempts, code_expires_at, "
                        + "recipient_sealed, data_sealed, event_sealed FROM delivery WHERE status = 'PENDING' "
                        + "AND next_attempt_at <= $1 ORDER BY next_attempt_at LIMIT 1 FOR UPDATE SKIP LOCKED")
                .execute(Tuple.of(Clocks.timestamptz(now)))
                .chain(rows -> {
                    Iterator<Row> it = rows.iterator();
                    return it.hasNext() ? attempt(conn, it.next(), now, sent).replaceWith(true)
                            : Uni.createFrom().item(false);
                }))
                // The database went away between the SMTP server's yes and the commit (FaultsTest saw the mail
                // twice): SENT is written on a new connection once the database is back, not the mail sent again.
                .onFailure(e -> sent.get() != null).recoverWithUni(e -> Inbox.retried(() -> pool.withConnection(
                        conn -> finish(conn, sent.get().id(), Delivery.Status.SENT, sent.get().attempts(), null, now)))
                        .replaceWith(true));
    }

    private Uni<Void> attempt(SqlConnection conn, Row row, Instant now, AtomicReference<Sent> sent) {
        UUID id = row.getUUID("id");
        OffsetDateTime codeExpiresAt = row.getOffsetDateTime("code_expires_at");
        if (codeExpiresAt != null && !now.isBefore(codeExpiresAt.toInstant())) {
            return finish(conn, id, Delivery.Status.EXPIRED, row.getInteger("attempts"), null, now);
        }
        MailRenderer.Rendered mail = renderer.render(MailKind.valueOf(row.getString("kind")),
                data(row.getString("data_sealed")));
        String to = secrets.open(row.getString("recipient_sealed"));
        int attempts = row.getInteger("attempts") + 1;
        return smtp.send(id, to, mail.subject(), mail.text(), mail.html())
                .invoke(() -> sent.set(new Sent(id, attempts)))
                .onItem().transformToUni(ok -> finish(conn, id, Delivery.Status.SENT, attempts, null, now))
                .onFailure(e -> sent.get() == null)
                .recoverWithUni(e -> failed(conn, row, SendError.describe(e), now, codeExpiresAt != null));
    }

    private Uni<Void> failed(SqlConnection conn, Row row, String error, Instant now, boolean codeMail) {
        UUID id = row.getUUID("id");
        int attempts = row.getInteger("attempts") + 1;
        LOG.warnf("mail %s attempt %d failed: %s", id, attempts, error);
        if (!codeMail && retries.exhausted(attempts)) {
            return deadLetter(row.getString("event_sealed"), error)
                    .chain(() -> finish(conn, id, Delivery.Status.FAILED, attempts, error, now));
        }
        return conn.preparedQuery("UPDATE delivery SET attempts = $2, last_error = $3, next_attempt_at = $4 WHERE id = $1")
                .execute(Tuple.of(id, attempts, error, Clocks.timestamptz(now.plus(retries.backoffAfter(attempts)))))
                .replaceWithVoid();
    }

    /** A final state: what sending needed is wiped. */
    private static Uni<Void> finish(SqlConnection conn, UUID id, Delivery.Status status, int attempts, String error,
            Instant now) {
        return conn.preparedQuery("UPDATE delivery SET status = $2, attempts = $3, last_error = coalesce($4, last_error), "
                        + "finished_at = $5, next_attempt_at = NULL, recipient_sealed = NULL, data_sealed = NULL, "
                        + "event_sealed = NULL WHERE id = $1")
                .execute(Tuple.of(id, status.name(), attempts, error, Clocks.timestamptz(now)))
                .replaceWithVoid();
    }

    /** The event as received, with its CloudEvents headers and the reason, like the consumers' dead letters. */
    private Uni<Void> deadLetter(String eventSealed, String reason) {
        CloudEvent event = read(secrets.open(eventSealed));
        RecordHeaders headers = new RecordHeaders();
        event.headers().forEach(headers::add);
        headers.add("dead-letter-reason", reason.getBytes(StandardCharsets.UTF_8));
        return deadLetters.sendMessage(Message.of(event.data()).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(event.subject()).withHeaders(headers).build()));
    }

    private Map<String, Object> data(String sealed) {
        try {
            return EventJson.mapper().readValue(secrets.open(sealed), DATA);
        } catch (IOException e) {
            throw new IllegalStateException("unreadable mail data", e);
        }
    }

    private static CloudEvent read(String json) {
        try {
            return EventJson.mapper().readValue(json, CloudEvent.class);
        } catch (IOException e) {
            throw new IllegalStateException("unreadable dead event", e);
        }
    }

}
