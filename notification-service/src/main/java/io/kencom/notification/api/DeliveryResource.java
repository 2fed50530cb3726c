package io.kencom.notification.api;

import static io.kencom.platform.problem.ProblemResponses.CODES;

import io.kencom.notification.Deliveries;
import io.kencom.platform.problem.AnsweredInTime;
import io.kencom.platform.problem.Require;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The delivery log for operations staff: status, attempts, last error; never an address or a body. */
@Tag(name = "Deliveries", description = "The mails sent to a member and how their delivery went, for operations staff")
@AnsweredInTime
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
    @APIResponse(responseCode = "200", description = "The member's mails and how their delivery went",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = DeliveryView.class)))
    @APIResponse(responseCode = "422", description = "memberId is required",
            extensions = @Extension(name = CODES, value = "FIELD_REQUIRED"))
    @GET
    public Uni<List<DeliveryView>> of(@QueryParam("memberId") UUID memberId) {
        Require.field(memberId, "memberId");
        return deliveries.of(memberId).map(list -> list.stream().map(d -> new DeliveryView(d.id, d.kind, d.status,
                d.attempts, d.lastError, d.createdAt, d.nextAttemptAt, d.finishedAt)).toList());
    }
}
