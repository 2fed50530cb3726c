package io.kencom.ekyc.api;

import static io.kencom.platform.problem.ProblemResponses.CODES;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kencom.ekyc.EkycProblems;
import io.kencom.ekyc.JpkiVerifications;
import io.kencom.ekyc.domain.jpki.IndividualNumber;
import io.kencom.platform.problem.AnsweredInTime;
import io.kencom.platform.problem.Require;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Iterator;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** eKYC by the My Number card's IC chip (JPKI): a nonce, then the card's certificate and signature over it. */
@Tag(name = "My Number card", description = "公的個人認証 (JPKI): the card's signature in place of the photos")
@AnsweredInTime
@Path("/v1/ekyc/jpki")
@Produces(MediaType.APPLICATION_JSON)
public class JpkiResource {

    /** What the app sends: base64 of the certificate (DER), of the signature, and the nonce as it was given. */
    public record Submission(String certificate, String signature, String nonce, String question, String answer) {

        @Override
        public String toString() {
            return "Submission[…]";
        }
    }

    private final JpkiVerifications verifications;
    private final ObjectMapper json;
    private final JsonWebToken token;

    JpkiResource(JpkiVerifications verifications, ObjectMapper json, JsonWebToken token) {
        this.verifications = verifications;
        this.json = json;
        this.token = token;
    }

    /** No body: the member's token says who asks. */
    @Operation(operationId = "startJpkiChallenge", summary = "A nonce for the My Number card to sign (公的個人認証)")
    @APIResponse(responseCode = "403", description = "Personal verification first, or the group links no checkup data",
            extensions = @Extension(name = CODES, value = "GROUP_HAS_NO_CHECKUP_DATA LEVEL_TOO_LOW"))
    @APIResponse(responseCode = "404", description = "The My Number card is not offered here",
            extensions = @Extension(name = CODES, value = "JPKI_NOT_OFFERED"))
    @APIResponse(responseCode = "409", description = "Already verified",
            extensions = @Extension(name = CODES, value = "ALREADY_VERIFIED"))
    @APIResponse(responseCode = "201", description = "The nonce and until when it may be signed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = JpkiVerifications.Challenge.class)))
    @POST
    @Path("/challenges")
    @RolesAllowed("member")
    public Uni<Response> challenge() {
        return verifications.challenge(memberId())
                .map(c -> Response.status(Response.Status.CREATED).entity(c).build());
    }

    /**
     * The body is read as a tree first: anything in it, under any name, that reads as an individual number is refused
     * before a field of it is used or stored (the My Number Act forbids collecting it).
     */
    @Operation(operationId = "verifyJpkiSignature")
    @APIResponse(responseCode = "200", description = "Verified by the My Number card",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = JpkiVerifications.Approved.class)))
    @APIResponse(responseCode = "403", description = "Personal verification first, or the group links no checkup data",
            extensions = @Extension(name = CODES, value = "GROUP_HAS_NO_CHECKUP_DATA LEVEL_TOO_LOW"))
    @APIResponse(responseCode = "404", description = "The My Number card is not offered here",
            extensions = @Extension(name = CODES, value = "JPKI_NOT_OFFERED"))
    @APIResponse(responseCode = "409", description = "Already verified, or the nonce was used",
            extensions = @Extension(name = CODES, value = "ALREADY_VERIFIED NONCE_USED"))
    @APIResponse(responseCode = "422", description = "The card did not verify the member; options say what next",
            extensions = @Extension(name = CODES,
                    value = "CERTIFICATE_EXPIRED CERTIFICATE_REVOKED CERTIFICATE_UNREADABLE CERTIFICATE_UNTRUSTED "
                            + "FIELD_INVALID FIELD_REQUIRED HOLDER_MISMATCH INDIVIDUAL_NUMBER_REFUSED "
                            + "JPKI_NAME_UNAVAILABLE KEY_USAGE_NOT_SIGNING NAME_NOT_COMPARABLE NONCE_EXPIRED "
                            + "NONCE_UNKNOWN NOT_A_SIGNING_CERTIFICATE SIGNATURE_INVALID"))
    @APIResponse(responseCode = "503", description = "The card's revocation status cannot be known now",
            extensions = @Extension(name = CODES, value = "REVOCATION_STATUS_UNKNOWN"))
    @POST
    @Path("/verifications")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("member")
    public Uni<JpkiVerifications.Approved> verify(@RequestBody(required = true, content = @Content(
            mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = Submission.class))) JsonNode body) {
        Require.field(body, "body");
        if (carriesIndividualNumber(body)) {
            throw EkycProblems.individualNumberRefused();
        }
        Submission s;
        try {
            s = json.treeToValue(body, Submission.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw EkycProblems.fieldInvalid("body", "NOT_A_SUBMISSION");
        }
        if (s == null) { // a body of JSON null
            throw EkycProblems.fieldInvalid("certificate", "MISSING");
        }
        return verifications.verify(memberId(), s.certificate(), s.signature(), s.nonce(), s.question(), s.answer());
    }

    static boolean carriesIndividualNumber(JsonNode node) {
        if (node.isValueNode()) {
            return IndividualNumber.appearsIn(node.asText());
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            if (IndividualNumber.appearsIn(field.getKey()) || carriesIndividualNumber(field.getValue())) {
                return true;
            }
        }
        for (JsonNode element : node) {
            if (node.isArray() && carriesIndividualNumber(element)) {
                return true;
            }
        }
        return false;
    }

    private UUID memberId() {
        return UUID.fromString(token.getSubject());
    }
}
