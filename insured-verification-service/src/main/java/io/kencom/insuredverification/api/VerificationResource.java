package io.kencom.insuredverification.api;

import io.kencom.insuredverification.Verifications;
import io.kencom.platform.problem.Require;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Personal verification (本人確認): the logged-in member's card data against their insurer's roster. */
@Path("/v1/verifications")
@RolesAllowed("member")
public class VerificationResource {

    private final Verifications verifications;
    private final JsonWebToken token;

    VerificationResource(Verifications verifications, JsonWebToken token) {
        this.verifications = verifications;
        this.token = token;
    }

    @Operation(operationId = "verifyInsuredPerson")
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Verifications.Verified> verify(Verifications.Request request) {
        Require.field(request, "body");
        Require.field(request.insurerNumber(), "insurerNumber");
        return verifications.verify(UUID.fromString(token.getSubject()), token.getClaim("group_id"), request);
    }
}
