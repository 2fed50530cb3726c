package io.kencom.notification;

import com.fasterxml.jackson.core.type.TypeReference;
import io.kencom.contracts.CloudEvent;
import io.kencom.contracts.EventJson;
import io.kencom.notification.domain.MailKind;
import io.kencom.notification.domain.RetryPolicy;
import io.kencom.notification.domain.SendError;
import io.kencom.notification.infra.Delivery;
import io.kencom.notification.infra.DeliveryQueue;
import io.kencom.notification.infra.MailRenderer;
import io.kencom.notification.infra.Smtp;
import io.kencom.platform.PgNotifications;
import io.kencom.platform.crypto.Secrets;
import io.kencom.platform.messaging.DeadLetterCount;
import io.kencom.platform.messaging.Inbox;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
    /** The sender, as the dead-letter count names it. */
    private static final String DEAD_LETTER_CONSUMER = "notification-service/mail";
    /** What an attempt comes to, as {@code kencom_mails_total} counts it. */
    private static final List<Delivery.Status> OUTCOMES = List.of(Delivery.Status.SENT, Delivery.Status.PENDING,
            Delivery.Status.FAILED, Delivery.Status.EXPIRED);
    private static final TypeReference<Map<String, Object>> DATA = new TypeReference<>() {
    };

    private final Pool pool;
    private final DeliveryQueue queue;
    private final Smtp smtp;
    private final MailRenderer renderer;
    private final Secrets secrets;
    private final Clock clock;
    private final RetryPolicy retries;
    private final MutinyEmitter<String> deadLetters;
    private final DeadLetterCount deadLetterCount;
    private final MeterRegistry registry;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private Vertx vertx;
    private long timer;

    MailSender(Pool pool, DeliveryQueue queue, Smtp smtp, MailRenderer renderer, Secrets secrets, Clock clock,
            @ConfigProperty(name = "kencom.mail.attempts") int attempts,
            @ConfigProperty(name = "kencom.mail.first-retry") Duration firstRetry,
            @ConfigProperty(name = "kencom.mail.longest-retry") Duration longestRetry,
            @Channel("dead-letters") MutinyEmitter<String> deadLetters, DeadLetterCount deadLetterCount,
            MeterRegistry registry) {
        this.pool = pool;
        this.queue = queue;
        this.smtp = smtp;
        this.renderer = renderer;
        this.secrets = secrets;
        this.clock = clock;
        this.retries = new RetryPolicy(attempts, firstRetry, longestRetry);
        this.deadLetters = deadLetters;
        this.deadLetterCount = deadLetterCount;
        this.registry = registry;
    }

    void start(@Observes StartupEvent ignored, Vertx vertx, PgNotifications notifications) {
        // every kind and outcome at 0 from the start: Prometheus sees a first failure as an increase only if it saw
        // the series before it (KencomMailFailing)
        for (MailKind kind : MailKind.values()) {
            for (Delivery.Status outcome : OUTCOMES) {
                counter(kind.name(), outcome);
            }
        }
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
        return pool.withTransaction(conn -> queue.nextDue(conn, now)
                .chain(due -> due != null ? attempt(conn, due, now, sent).replaceWith(true)
                        : Uni.createFrom().item(false)))
                // The database went away between the SMTP server's yes and the commit (FaultsTest saw the mail
                // twice): SENT is written on a new connection once the database is back, not the mail sent again.
                .onFailure(e -> sent.get() != null).recoverWithUni(e -> Inbox.retried(() -> pool.withConnection(
                        conn -> queue.finish(conn, sent.get().id(), Delivery.Status.SENT, sent.get().attempts(), null,
                                now)))
                        .replaceWith(true));
    }

    private Uni<Void> attempt(SqlConnection conn, DeliveryQueue.Due due, Instant now, AtomicReference<Sent> sent) {
        boolean codeMail = due.codeExpiresAt() != null;
        if (codeMail && !now.isBefore(due.codeExpiresAt())) {
            counted(due, Delivery.Status.EXPIRED);
            return queue.finish(conn, due.id(), Delivery.Status.EXPIRED, due.attempts(), null, now);
        }
        MailRenderer.Rendered mail = renderer.render(MailKind.valueOf(due.kind()), data(due.dataSealed()));
        String to = secrets.open(due.recipientSealed());
        int attempts = due.attempts() + 1;
        return smtp.send(due.id(), to, mail.subject(), mail.text(), mail.html())
                .invoke(() -> {
                    sent.set(new Sent(due.id(), attempts));
                    counted(due, Delivery.Status.SENT);
                })
                .onItem().transformToUni(ok -> queue.finish(conn, due.id(), Delivery.Status.SENT, attempts, null, now))
                .onFailure(e -> sent.get() == null)
                .recoverWithUni(e -> failed(conn, due, SendError.describe(e), now, codeMail));
    }

    private Uni<Void> failed(SqlConnection conn, DeliveryQueue.Due due, String error, Instant now, boolean codeMail) {
        int attempts = due.attempts() + 1;
        LOG.warnf("mail %s attempt %d failed: %s", due.id(), attempts, error);
        if (!codeMail && retries.exhausted(attempts)) {
            counted(due, Delivery.Status.FAILED);
            deadLetterCount.counted(DEAD_LETTER_CONSUMER, DeadLetterCount.Cause.FAILED);
            return deadLetter(due.eventSealed(), error)
                    .chain(() -> queue.finish(conn, due.id(), Delivery.Status.FAILED, attempts, error, now));
        }
        counted(due, Delivery.Status.PENDING);
        return queue.retryLater(conn, due.id(), attempts, error, now.plus(retries.backoffAfter(attempts)));
    }

    /**
     * An attempt's outcome ({@code kencom_mails_total}): SENT, PENDING (failed, to be tried again), FAILED (given up,
     * dead-lettered) or EXPIRED (a code that died before it could be sent); by kind of mail.
     */
    private void counted(DeliveryQueue.Due due, Delivery.Status outcome) {
        counter(due.kind(), outcome).increment();
    }

    private Counter counter(String kind, Delivery.Status outcome) {
        return Counter.builder("kencom.mails").description("Mail attempts by kind and outcome").tag("kind", kind)
                .tag("outcome", outcome.name()).register(registry);
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
