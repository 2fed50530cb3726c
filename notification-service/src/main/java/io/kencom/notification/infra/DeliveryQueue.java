package io.kencom.notification.infra;

import io.kencom.platform.Clocks;
import io.kencom.platform.Rows;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * The deliveries waiting to be sent, as the sender takes them: the next due one row-locked (FOR UPDATE SKIP LOCKED,
 * so several instances share the work), then its attempt recorded. The use case ({@code MailSender}) says when.
 */
@ApplicationScoped
public class DeliveryQueue {

    /** A delivery due now; what sending needs still sealed. {@code codeExpiresAt} only for a code mail. */
    public record Due(UUID id, String kind, int attempts, Instant codeExpiresAt, String recipientSealed,
            String dataSealed, String eventSealed) {
    }

    /** The next pending delivery due at {@code now}, locked for this transaction; null when there is none. */
    public Uni<Due> nextDue(SqlConnection conn, Instant now) {
        return conn.preparedQuery("SELECT id, kind, attempts, code_expires_at, recipient_sealed, data_sealed, "
                        + "event_sealed FROM delivery WHERE status = 'PENDING' AND next_attempt_at <= $1 "
                        + "ORDER BY next_attempt_at LIMIT 1 FOR UPDATE SKIP LOCKED")
                .execute(Tuple.of(Clocks.timestamptz(now)))
                .map(rows -> Rows.first(rows, DeliveryQueue::due));
    }

    private static Due due(Row row) {
        OffsetDateTime codeExpiresAt = row.getOffsetDateTime("code_expires_at");
        return new Due(row.getUUID("id"), row.getString("kind"), row.getInteger("attempts"),
                codeExpiresAt == null ? null : codeExpiresAt.toInstant(), row.getString("recipient_sealed"),
                row.getString("data_sealed"), row.getString("event_sealed"));
    }

    /** A failed attempt, to be tried again at {@code nextAttemptAt}. */
    public Uni<Void> retryLater(SqlConnection conn, UUID id, int attempts, String error, Instant nextAttemptAt) {
        return conn.preparedQuery("UPDATE delivery SET attempts = $2, last_error = $3, next_attempt_at = $4 "
                        + "WHERE id = $1")
                .execute(Tuple.of(id, attempts, error, Clocks.timestamptz(nextAttemptAt)))
                .replaceWithVoid();
    }

    /** A final state: what sending needed is wiped. */
    public Uni<Void> finish(SqlClient client, UUID id, Delivery.Status status, int attempts, String error,
            Instant now) {
        return client.preparedQuery("UPDATE delivery SET status = $2, attempts = $3, "
                        + "last_error = coalesce($4, last_error), finished_at = $5, next_attempt_at = NULL, "
                        + "recipient_sealed = NULL, data_sealed = NULL, event_sealed = NULL WHERE id = $1")
                .execute(Tuple.of(id, status.name(), attempts, error, Clocks.timestamptz(now)))
                .replaceWithVoid();
    }
}
