package io.kencom.ekyc;

import io.kencom.ekyc.domain.Application;
import io.kencom.platform.Clocks;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Photos are kept no longer than needed: an application abandoned for a day expires with its photos; a decided one
 * keeps them for {@code kencom.ekyc.image-retention} (for a complaint or an audit of the decision), then loses them.
 * A JPKI check's record lives as long; a nonce a day past its expiry.
 */
@ApplicationScoped
public class Retention {

    private final Pool pool;
    private final Clock clock;
    private final Duration imageRetention;

    Retention(Pool pool, Clock clock, @ConfigProperty(name = "kencom.ekyc.image-retention") Duration imageRetention) {
        this.pool = pool;
        this.clock = clock;
        this.imageRetention = imageRetention;
    }

    @Scheduled(every = "{kencom.ekyc.retention-sweep}", delayed = "{kencom.ekyc.retention-sweep}")
    Uni<Void> sweep() {
        return pool.withTransaction(conn -> conn
                .preparedQuery("UPDATE application SET status = 'EXPIRED', secret_question = NULL, "
                        + "secret_answer_hash = NULL WHERE status = 'OPEN' AND updated_at <= $1")
                .execute(Tuple.of(Clocks.timestamptz(clock.instant().minus(Application.EXPIRES_AFTER))))
                .chain(() -> conn.preparedQuery("DELETE FROM application_image i USING application a "
                        + "WHERE i.application_id = a.id AND (a.status = 'EXPIRED' OR (a.status IN ('APPROVED', "
                        + "'REJECTED') AND a.decided_at <= $1))")
                        .execute(Tuple.of(Clocks.timestamptz(clock.instant().minus(imageRetention)))))
                .chain(() -> conn.preparedQuery("DELETE FROM jpki_check WHERE checked_at <= $1")
                        .execute(Tuple.of(Clocks.timestamptz(clock.instant().minus(imageRetention)))))
                .chain(() -> conn.preparedQuery("DELETE FROM jpki_nonce WHERE expires_at <= $1")
                        .execute(Tuple.of(Clocks.timestamptz(clock.instant().minus(Duration.ofDays(1))))))
                .replaceWithVoid());
    }
}
