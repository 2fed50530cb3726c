package io.kencom.ekyc.api;

import static io.kencom.platform.problem.ProblemResponses.CODES;

import io.kencom.contracts.events.EkycSubmitted.DocumentType;
import io.kencom.ekyc.Applications;
import io.kencom.ekyc.EkycProblems;
import io.kencom.ekyc.Selfies;
import io.kencom.ekyc.domain.DocumentSide;
import io.kencom.platform.problem.AnsweredInTime;
import io.kencom.platform.problem.Require;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
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

/**
 * The member's eKYC application (健診・医療アクセス認証, domain.md §5), one call per step. Photos are sent as the request
 * body (JPEG or PNG; the type is read from the bytes).
 */
@Tag(name = "eKYC", description = "健診・医療アクセス認証: the ID document, the selfies, the secret question, submission")
@AnsweredInTime
@Path("/v1/ekyc/applications")
@RolesAllowed("member")
@Produces(MediaType.APPLICATION_JSON)
public class ApplicationResource {

    /** Step 1: the document, and whether its remarks (備考) carry an entry. */
    public record DocumentChoice(DocumentType documentType, Boolean hasRemarks) {
    }

    /** Step 4: name and birth date as on the document; {@code newName} as written in the remarks, if any. */
    public record DocumentData(String name, LocalDate birthDate, String newName) {
    }

    /** Step 6: the question the member chose, and their answer. */
    public record SecretQuestion(String question, String answer) {
    }

    private final Applications applications;
    private final Selfies selfies;
    private final JsonWebToken token;

    ApplicationResource(Applications applications, Selfies selfies, JsonWebToken token) {
        this.applications = applications;
        this.selfies = selfies;
        this.token = token;
    }

    private UUID member() {
        return UUID.fromString(token.getSubject());
    }

    @Operation(operationId = "openEkycApplication", summary = "Open an eKYC application (本人確認の申請)")
    @APIResponse(responseCode = "403", description = "Personal verification first, or the group links no checkup data",
            extensions = @Extension(name = CODES, value = "GROUP_HAS_NO_CHECKUP_DATA LEVEL_TOO_LOW"))
    @APIResponse(responseCode = "409", description = "Already verified, or an application is open",
            extensions = @Extension(name = CODES, value = "ALREADY_VERIFIED APPLICATION_EXISTS"))
    @APIResponse(responseCode = "201", description = "The application, at its first step",
            headers = @Header(name = "Location", description = "The application's address",
                    schema = @Schema(implementation = String.class)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = Applications.View.class)))
    @POST
    public Uni<Response> open() {
        // Relative: the app reaches us through the gateway, whose address the service does not know.
        return applications.open(member()).map(view -> Response.status(201)
                .header(HttpHeaders.LOCATION, "/v1/ekyc/applications/" + view.id()).entity(view).build());
    }

    @Operation(operationId = "getEkycApplication")
    @APIResponse(responseCode = "200", description = "The application, its next step",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = Applications.View.class)))
    @APIResponse(responseCode = "404", description = "No such application of this member",
            extensions = @Extension(name = CODES, value = "APPLICATION_NOT_FOUND"))
    @GET
    @Path("/{id}")
    public Uni<Applications.View> get(@PathParam("id") UUID id) {
        return applications.get(member(), id);
    }

    @Operation(operationId = "chooseEkycDocument")
    @APIResponse(responseCode = "200", description = "The application, its next step",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = Applications.View.class)))
    @APIResponse(responseCode = "404", description = "No such application of this member",
            extensions = @Extension(name = CODES, value = "APPLICATION_NOT_FOUND"))
    @APIResponse(responseCode = "409", description = "The application is closed",
            extensions = @Extension(name = CODES, value = "APPLICATION_CLOSED"))
    @APIResponse(responseCode = "422", description = "A field is refused",
            extensions = @Extension(name = CODES, value = "FIELD_INVALID FIELD_REQUIRED"))
    @PUT
    @Path("/{id}/document")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Applications.View> document(@PathParam("id") UUID id, DocumentChoice choice) {
        Require.field(choice, "body");
        return applications.chooseDocument(member(), id, choice.documentType(), choice.hasRemarks());
    }

    @Operation(operationId = "uploadEkycDocumentImage")
    @APIResponse(responseCode = "200", description = "The application, its next step and what was read",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = Applications.View.class)))
    @APIResponse(responseCode = "404", description = "No such application of this member",
            extensions = @Extension(name = CODES, value = "APPLICATION_NOT_FOUND"))
    @APIResponse(responseCode = "409", description = "Not this step, or the application is closed",
            extensions = @Extension(name = CODES, value = "APPLICATION_CLOSED STEP_OUT_OF_ORDER"))
    @APIResponse(responseCode = "413", description = "The image is over its limit",
            extensions = @Extension(name = CODES, value = "IMAGE_TOO_LARGE"))
    @APIResponse(responseCode = "415", description = "Not a JPEG or PNG image",
            extensions = @Extension(name = CODES, value = "IMAGE_TYPE_UNSUPPORTED"))
    @APIResponse(responseCode = "422", description = "Retake the photo: what it shows is refused; or a side this "
            + "document does not need (remarks without an entry)", extensions = @Extension(name = CODES,
                    value = "FIELD_INVALID IMAGE_UNREADABLE MY_NUMBER_BACK_REFUSED PHOTO_QUALITY PORTRAIT_NOT_FOUND "
                            + "STEP_NOT_NEEDED"))
    @PUT
    @Path("/{id}/images/{side}")
    @Consumes(MediaType.WILDCARD)
    public Uni<Applications.View> image(@PathParam("id") UUID id, @PathParam("side") String side, byte[] photo) {
        return applications.documentPhoto(member(), id, side(side), Require.field(photo, "body"));
    }

    @Operation(operationId = "confirmEkycDocumentData")
    @APIResponse(responseCode = "200", description = "The application, its next step",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = Applications.View.class)))
    @APIResponse(responseCode = "404", description = "No such application of this member",
            extensions = @Extension(name = CODES, value = "APPLICATION_NOT_FOUND"))
    @APIResponse(responseCode = "409", description = "Not this step, or the application is closed",
            extensions = @Extension(name = CODES, value = "APPLICATION_CLOSED STEP_OUT_OF_ORDER"))
    @APIResponse(responseCode = "422", description = "A field is refused, or a new name given on a document "
            + "without remarks", extensions = @Extension(name = CODES,
                    value = "FIELD_INVALID FIELD_REQUIRED NEW_NAME_WITHOUT_REMARKS"))
    @PUT
    @Path("/{id}/document-data")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Applications.View> documentData(@PathParam("id") UUID id, DocumentData data) {
        Require.field(data, "body");
        return applications.confirmData(member(), id, data.name(), data.birthDate(), data.newName());
    }

    @Operation(operationId = "uploadEkycFrontSelfie")
    @APIResponse(responseCode = "200", description = "The application, its next step and the challenge to follow",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = Applications.View.class)))
    @APIResponse(responseCode = "404", description = "No such application of this member",
            extensions = @Extension(name = CODES, value = "APPLICATION_NOT_FOUND"))
    @APIResponse(responseCode = "409", description = "Not this step, or the application is closed",
            extensions = @Extension(name = CODES, value = "APPLICATION_CLOSED STEP_OUT_OF_ORDER"))
    @APIResponse(responseCode = "413", description = "The image is over its limit",
            extensions = @Extension(name = CODES, value = "IMAGE_TOO_LARGE"))
    @APIResponse(responseCode = "415", description = "Not a JPEG or PNG image",
            extensions = @Extension(name = CODES, value = "IMAGE_TYPE_UNSUPPORTED"))
    @APIResponse(responseCode = "422", description = "Retake the selfie, facing the camera with the mouth closed",
            extensions = @Extension(name = CODES,
                    value = "FACE_MISMATCH IMAGE_UNREADABLE MORE_THAN_ONE_FACE MOUTH_OPEN NO_FACE NOT_FRONTAL"))
    @PUT
    @Path("/{id}/faces/front")
    @Consumes(MediaType.WILDCARD)
    public Uni<Applications.View> frontFace(@PathParam("id") UUID id, byte[] photo) {
        return selfies.front(member(), id, Require.field(photo, "body"));
    }

    @Operation(operationId = "uploadEkycChallengeSelfie")
    @APIResponse(responseCode = "200", description = "The application, its next step",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = Applications.View.class)))
    @APIResponse(responseCode = "404", description = "No such application of this member",
            extensions = @Extension(name = CODES, value = "APPLICATION_NOT_FOUND"))
    @APIResponse(responseCode = "409", description = "Not this step, or the application is closed",
            extensions = @Extension(name = CODES, value = "APPLICATION_CLOSED STEP_OUT_OF_ORDER"))
    @APIResponse(responseCode = "413", description = "The image is over its limit",
            extensions = @Extension(name = CODES, value = "IMAGE_TOO_LARGE"))
    @APIResponse(responseCode = "415", description = "Not a JPEG or PNG image",
            extensions = @Extension(name = CODES, value = "IMAGE_TYPE_UNSUPPORTED"))
    @APIResponse(responseCode = "422", description = "Retake the selfie as instructed",
            extensions = @Extension(name = CODES,
                    value = "CHALLENGE_FAILED FACE_MISMATCH IMAGE_UNREADABLE MORE_THAN_ONE_FACE NO_FACE"))
    @PUT
    @Path("/{id}/faces/challenge")
    @Consumes(MediaType.WILDCARD)
    public Uni<Applications.View> challengeFace(@PathParam("id") UUID id, byte[] photo) {
        return selfies.challenge(member(), id, Require.field(photo, "body"));
    }

    @Operation(operationId = "setSecretQuestion")
    @APIResponse(responseCode = "200", description = "The application, its next step",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = Applications.View.class)))
    @APIResponse(responseCode = "404", description = "No such application of this member",
            extensions = @Extension(name = CODES, value = "APPLICATION_NOT_FOUND"))
    @APIResponse(responseCode = "409", description = "Not this step, or the application is closed",
            extensions = @Extension(name = CODES, value = "APPLICATION_CLOSED STEP_OUT_OF_ORDER"))
    @APIResponse(responseCode = "422", description = "A field is refused",
            extensions = @Extension(name = CODES, value = "FIELD_INVALID FIELD_REQUIRED"))
    @PUT
    @Path("/{id}/secret-question")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Applications.View> secretQuestion(@PathParam("id") UUID id, SecretQuestion question) {
        Require.field(question, "body");
        return applications.secretQuestion(member(), id, question.question(), question.answer());
    }

    @Operation(operationId = "submitEkycApplication")
    @APIResponse(responseCode = "200", description = "The application: decided, or in review",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = Applications.View.class)))
    @APIResponse(responseCode = "404", description = "No such application of this member",
            extensions = @Extension(name = CODES, value = "APPLICATION_NOT_FOUND"))
    @APIResponse(responseCode = "409", description = "Steps are missing, or the application is closed",
            extensions = @Extension(name = CODES, value = "APPLICATION_CLOSED STEP_OUT_OF_ORDER"))
    @POST
    @Path("/{id}/submit")
    public Uni<Applications.View> submit(@PathParam("id") UUID id) {
        return applications.submit(member(), id);
    }

    private static DocumentSide side(String side) {
        try {
            return DocumentSide.valueOf(side);
        } catch (IllegalArgumentException e) {
            throw EkycProblems.fieldInvalid("side", "UNKNOWN");
        }
    }
}
