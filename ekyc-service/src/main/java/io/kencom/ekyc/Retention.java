package io.kencom.ekyc;

import io.kencom.ekyc.domain.Application;
import io.kencom.ekyc.infra.ApplicationImageTable;
import io.kencom.ekyc.infra.ApplicationTable;
import io.kencom.ekyc.infra.JpkiTable;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Photos are kept no longer than needed: an application abandoned for a day expires with its photos; a decided one
 * keeps them for {@code kencom.ekyc.image-retention} (for a complaint or an audit of the decision), then loses them.
 * A JPKI check's record lives as long; a nonce a day past its expiry.
 */
@ApplicationScoped
public class Retention {

    private final Pool pool;
    private final ApplicationTable applications;
    private final ApplicationImageTable images;
    private final JpkiTable jpki;
    private final Clock clock;
    private final Duration imageRetention;

    Retention(Pool pool, ApplicationTable applications, ApplicationImageTable images, JpkiTable jpki, Clock clock,
            @ConfigProperty(name = "kencom.ekyc.image-retention") Duration imageRetention) {
        this.pool = pool;
        this.applications = applications;
        this.images = images;
        this.jpki = jpki;
        this.clock = clock;
        this.imageRetention = imageRetention;
    }

    @Scheduled(every = "{kencom.ekyc.retention-sweep}", delayed = "{kencom.ekyc.retention-sweep}")
    Uni<Void> sweep() {
        Instant now = clock.instant();
        return pool.withTransaction(conn -> applications.expireAbandoned(conn, now.minus(Application.EXPIRES_AFTER))
                .chain(() -> images.forgetImages(conn, now.minus(imageRetention)))
                .chain(() -> jpki.forgetOld(conn, now.minus(imageRetention), now.minus(Duration.ofDays(1)))));
    }
}
