package io.kencom.platform.messaging;

import io.kencom.contracts.Topic;
import io.kencom.platform.Clocks;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.stream.StreamSupport;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Forgets processed event ids older than {@code kencom.inbox.keep} ({@link InboxRetention} says why that is safe),
 * so that {@code processed_event} stops growing with every event ever consumed. Deletes in small batches so that no
 * long transaction competes with the consumers.
 */
@ApplicationScoped
public class InboxPruning {

    private static final Logger LOG = Logger.getLogger(InboxPruning.class);
    private static final int BATCH = 10_000;

    private final Pool pool;
    private final Clock clock;
    private final Duration keep;

    InboxPruning(Pool pool, Clock clock, @ConfigProperty(name = "kencom.inbox.keep") Duration keep, Config config) {
        this.pool = pool;
        this.clock = clock;
        this.keep = new InboxRetention(keep).checkedAgainst(consumedTopics(config)).keep();
    }

    /** Made at start, so that a keep shorter than a consumed topic's retention stops the service at once. */
    void onStart(@Observes StartupEvent ignored) {
        LOG.debugf("the inbox keeps processed event ids for %s", keep);
    }

    @Scheduled(every = "${kencom.inbox.prune-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return prune().invoke(n -> {
            if (n > 0) {
                LOG.infof("forgot %d processed event ids older than %s", n, keep);
            }
        }).replaceWithVoid();
    }

    /** Deletes the ids processed before {@code now - keep}; answers how many. */
    public Uni<Long> prune() {
        return pruneBefore(Clocks.timestamptz(clock.instant().minus(keep)), 0);
    }

    private Uni<Long> pruneBefore(OffsetDateTime before, long deletedSoFar) {
        return pool.preparedQuery("DELETE FROM processed_event WHERE ctid = ANY (ARRAY(SELECT ctid FROM processed_event "
                        + "WHERE processed_at < $1 LIMIT " + BATCH + "))")
                .execute(Tuple.of(before))
                .chain(rows -> rows.rowCount() < BATCH ? Uni.createFrom().item(deletedSoFar + rows.rowCount())
                        : pruneBefore(before, deletedSoFar + rows.rowCount()));
    }

    /** The topics of the service's incoming channels that name one of ours (or subscribe to one by pattern). */
    private static List<Topic> consumedTopics(Config config) {
        return StreamSupport.stream(config.getPropertyNames().spliterator(), false)
                .filter(name -> name.startsWith("mp.messaging.incoming.") && name.endsWith(".topic"))
                .map(name -> config.getValue(name, String.class))
                .flatMap(topic -> Topic.named(topic).stream())
                .toList();
    }
}
