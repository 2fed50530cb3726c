package io.kencom.platform.messaging;

import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Ops' door to the service's dead letters, on the service's own port beside {@code /q/metrics} — the gateway routes
 * no {@code /ops} path, so it is reached inside the cluster (a port-forward) with an {@code ops-admin} token, and it is
 * no part of the app's or staff's API documents (docs/operations.md, docs/decisions.md §23).
 */
@Path("/ops/dead-letters")
@RolesAllowed("ops-admin")
@Produces(MediaType.APPLICATION_JSON)
@Blocking // Kafka's client blocks
public class DeadLetterResource {

    private final DeadLetterReplay replay;

    DeadLetterResource(DeadLetterReplay replay) {
        this.replay = replay;
    }

    /** The waiting dead letters, oldest first: where each is, what it was, why it went aside; never its data. */
    @GET
    @Operation(hidden = true)
    public List<DeadLetterReplay.Waiting> waiting(@QueryParam("max") @DefaultValue("100") int max) {
        return replay.waiting(Math.max(1, Math.min(max, 1000)));
    }

    /** Applies the waiting dead letters again (after the fix of what made them fail). */
    @POST
    @Path("/replay")
    @Operation(hidden = true)
    public DeadLetterReplay.Replayed replay() {
        return replay.replay();
    }
}
