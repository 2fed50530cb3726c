package io.kencom.ekyc.api;

import static io.kencom.platform.problem.ProblemResponses.CODES;

import io.kencom.ekyc.CheckupCodes;
import io.kencom.platform.problem.AnsweredInTime;
import io.kencom.platform.problem.Require;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Checkup viewing codes (健診閲覧コード, Q7): loaded by operations staff, redeemed by members. */
@Tag(name = "Checkup codes", description = "Checkup viewing codes: loaded by operations staff, redeemed by members")
@AnsweredInTime
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
    @APIResponse(responseCode = "200", description = "The codes loaded",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = CheckupCodes.Loaded.class)))
    @APIResponse(responseCode = "422", description = "A code or field is refused",
            extensions = @Extension(name = CODES, value = "FIELD_INVALID FIELD_REQUIRED"))
    @POST
    @Path("/groups/{groupId}/checkup-codes")
    @RolesAllowed("ops-admin")
    public Uni<CheckupCodes.Loaded> load(@PathParam("groupId") String groupId, CheckupCodes.Batch batch) {
        return codes.load(groupId, Require.field(batch, "body"));
    }

    @Operation(operationId = "redeemCheckupCode")
    @APIResponse(responseCode = "200", description = "The code is redeemed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = CheckupCodes.Redeemed.class)))
    @APIResponse(responseCode = "422", description = "The code is not valid",
            extensions = @Extension(name = CODES, value = "CODE_INVALID FIELD_INVALID FIELD_REQUIRED"))
    @APIResponse(responseCode = "429", description = "Too many wrong codes in 24 hours",
            headers = @Header(name = HttpHeaders.RETRY_AFTER, description = "Seconds to wait",
                    schema = @Schema(implementation = Integer.class)),
            extensions = @Extension(name = CODES, value = "TOO_MANY_ATTEMPTS"))
    @POST
    @Path("/checkup-codes/redeem")
    @RolesAllowed("member")
    public Uni<CheckupCodes.Redeemed> redeem(CheckupCodes.Redemption redemption) {
        return codes.redeem(UUID.fromString(token.getSubject()), Require.field(redemption, "body"));
    }
}
