package io.kencom.notification.api;

import io.kencom.notification.Deliveries;
import io.kencom.platform.problem.Require;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The delivery log for operations staff: status, attempts, last error; never an address or a body. */
@Path("/v1/deliveries")
@RolesAllowed("ops-admin")
public class DeliveryResource {

    public record DeliveryView(UUID eventId, String kind, String status, int attempts, String lastError,
            Instant createdAt, Instant nextAttemptAt, Instant finishedAt) {
    }

    private final Deliveries deliveries;

    DeliveryResource(Deliveries deliveries) {
        this.deliveries = deliveries;
    }

    @Operation(operationId = "listDeliveries")
    @GET
    public Uni<List<DeliveryView>> of(@QueryParam("memberId") UUID memberId) {
        Require.field(memberId, "memberId");
        return deliveries.of(memberId).map(list -> list.stream().map(d -> new DeliveryView(d.id, d.kind, d.status,
                d.attempts, d.lastError, d.createdAt, d.nextAttemptAt, d.finishedAt)).toList());
    }
}
