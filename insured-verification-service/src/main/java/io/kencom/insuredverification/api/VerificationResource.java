package io.kencom.insuredverification.api;

import static io.kencom.platform.problem.ProblemResponses.CODES;

import io.kencom.insuredverification.Verifications;
import io.kencom.platform.problem.AnsweredInTime;
import io.kencom.platform.problem.Require;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Personal verification (本人確認): the logged-in member's card data against their insurer's roster. */
@Tag(name = "Personal verification",
        description = "本人確認: the card's format, and the member matched against the insurer's roster")
@AnsweredInTime
@Path("/v1/verifications")
@RolesAllowed("member")
public class VerificationResource {

    /** As the member types it from the card; the examples are of the guide's pattern 3 (記号 with a hyphen). */
    public record Request(@Schema(example = "06139992") String insurerNumber,
            @Schema(description = "記号, where the card has one", example = "12-456") String symbol,
            @Schema(description = "番号", example = "5678") String number,
            @Schema(description = "Full name in full-width katakana; spaces optional", example = "ケンコム タロウ")
            String nameKana,
            @Schema(example = "1985-07-07") LocalDate birthDate) {
    }

    private final Verifications verifications;
    private final JsonWebToken token;

    VerificationResource(Verifications verifications, JsonWebToken token) {
        this.verifications = verifications;
        this.token = token;
    }

    @Operation(operationId = "verifyInsuredPerson")
    @APIResponse(responseCode = "200", description = "Linked: the member is PERSONAL",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = Verifications.Verified.class)))
    @APIResponse(responseCode = "409", description = "The insured person or the account is already linked",
            extensions = @Extension(name = CODES, value = "ACCOUNT_ALREADY_VERIFIED ALREADY_LINKED"))
    @APIResponse(responseCode = "422", description = "Refused, or no insured person matches",
            extensions = @Extension(name = CODES,
                    value = "FIELD_INVALID FIELD_REQUIRED INSURER_NUMBER_INVALID NO_MATCH QUALIFICATION_LOST "
                            + "WRONG_GROUP"))
    @APIResponse(responseCode = "429", description = "Too many failed verifications in 24 hours",
            headers = @Header(name = HttpHeaders.RETRY_AFTER, description = "Seconds to wait",
                    schema = @Schema(implementation = Integer.class)),
            extensions = @Extension(name = CODES, value = "TOO_MANY_ATTEMPTS"))
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Verifications.Verified> verify(Request request) {
        Require.field(request, "body");
        return verifications.verify(UUID.fromString(token.getSubject()), token.getClaim("group_id"),
                Require.field(request.insurerNumber(), "insurerNumber"), request.symbol(), request.number(),
                request.nameKana(), request.birthDate());
    }
}
