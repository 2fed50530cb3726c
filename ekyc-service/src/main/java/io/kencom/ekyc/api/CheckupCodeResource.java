package io.kencom.ekyc.api;

import io.kencom.ekyc.CheckupCodes;
import io.kencom.platform.problem.Require;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Checkup viewing codes (健診閲覧コード, Q7): loaded by operations staff, redeemed by members. */
@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CheckupCodeResource {

    private final CheckupCodes codes;
    private final JsonWebToken token;

    CheckupCodeResource(CheckupCodes codes, JsonWebToken token) {
        this.codes = codes;
        this.token = token;
    }

    @Operation(operationId = "loadCheckupCodes")
    @POST
    @Path("/groups/{groupId}/checkup-codes")
    @RolesAllowed("ops-admin")
    public Uni<CheckupCodes.Loaded> load(@PathParam("groupId") String groupId, CheckupCodes.Batch batch) {
        return codes.load(groupId, Require.field(batch, "body"));
    }

    @Operation(operationId = "redeemCheckupCode")
    @POST
    @Path("/checkup-codes/redeem")
    @RolesAllowed("member")
    public Uni<CheckupCodes.Redeemed> redeem(CheckupCodes.Redemption redemption) {
        return codes.redeem(UUID.fromString(token.getSubject()), Require.field(redemption, "body"));
    }
}
