package io.kencom.platform.problem;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

/** A request that writes two rows in one transaction, for a database that may stop answering between them. */
@AnsweredInTime
@Path("/test/paired-writes")
public class SlowDatabaseResource {

    private final Pool pool;

    SlowDatabaseResource(Pool pool) {
        this.pool = pool;
    }

    @POST
    @Path("/{key}")
    public Uni<String> write(@PathParam("key") String key) {
        return pool.withTransaction(conn -> conn.preparedQuery("INSERT INTO paired_write (key, half) VALUES ($1, 1)")
                .execute(Tuple.of(key))
                .chain(() -> conn.preparedQuery("INSERT INTO paired_write (key, half) VALUES ($1, 2)")
                        .execute(Tuple.of(key)))
                .replaceWith("written"));
    }
}
