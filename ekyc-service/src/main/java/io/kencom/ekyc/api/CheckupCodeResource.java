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
import java.time.LocalDate;
import java.util.List;
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

    /** Codes for anyone of the group ({@code codes}), codes each issued to one person ({@code personalCodes}). */
    public record Batch(List<String> codes, List<CheckupCodes.PersonalCode> personalCodes, LocalDate expiresOn) {
    }

    /** A code the member entered, with the secret question they chose. */
    public record Redemption(String code, String question, String answer) {
    }

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
    public Uni<CheckupCodes.Loaded> load(@PathParam("groupId") String groupId, Batch batch) {
        Require.field(batch, "body");
        return codes.load(groupId, batch.codes(), batch.personalCodes(), batch.expiresOn());
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
    public Uni<CheckupCodes.Redeemed> redeem(Redemption redemption) {
        Require.field(redemption, "body");
        return codes.redeem(UUID.fromString(token.getSubject()), redemption.code(), redemption.question(),
                redemption.answer());
    }
}
