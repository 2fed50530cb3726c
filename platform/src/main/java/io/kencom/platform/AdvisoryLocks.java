package io.kencom.platform;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * A lock on a name, held until the current Panache transaction ends: PostgreSQL's transaction-scoped advisory lock,
 * for what has no row to lock yet (an address's first code, a member's first mail).
 */
public final class AdvisoryLocks {

    private static final String LOCK =
            "SELECT count(*) FROM (SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))) locked";

    private AdvisoryLocks() {
    }

    /** Waits for the lock on {@code key} and holds it to the end of the session's transaction. */
    public static Uni<Void> hold(String key) {
        return Panache.getSession().chain(session -> session.createNativeQuery(LOCK, Long.class)
                .setParameter("key", key).getSingleResult()).replaceWithVoid();
    }
}
