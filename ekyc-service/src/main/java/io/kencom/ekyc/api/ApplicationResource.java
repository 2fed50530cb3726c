package io.kencom.ekyc.api;

import io.kencom.ekyc.Applications;
import io.kencom.ekyc.EkycProblems;
import io.kencom.ekyc.domain.DocumentSide;
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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The member's eKYC application (健診・医療アクセス認証, DOMAIN §5), one call per step. Photos are sent as the request
 * body (JPEG or PNG; the type is read from the bytes).
 */
@Path("/v1/ekyc/applications")
@RolesAllowed("member")
@Produces(MediaType.APPLICATION_JSON)
public class ApplicationResource {

    private final Applications applications;
    private final JsonWebToken token;

    ApplicationResource(Applications applications, JsonWebToken token) {
        this.applications = applications;
        this.token = token;
    }

    private UUID member() {
        return UUID.fromString(token.getSubject());
    }

    @Operation(operationId = "openEkycApplication")
    @POST
    public Uni<Response> open() {
        return applications.open(member()).map(view -> Response.status(201).entity(view).build());
    }

    @Operation(operationId = "getEkycApplication")
    @GET
    @Path("/{id}")
    public Uni<Applications.View> get(@PathParam("id") UUID id) {
        return applications.get(member(), id);
    }

    @Operation(operationId = "chooseEkycDocument")
    @PUT
    @Path("/{id}/document")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Applications.View> document(@PathParam("id") UUID id, Applications.DocumentChoice choice) {
        return applications.chooseDocument(member(), id, Require.field(choice, "body"));
    }

    @Operation(operationId = "uploadEkycDocumentImage")
    @PUT
    @Path("/{id}/images/{side}")
    @Consumes(MediaType.WILDCARD)
    public Uni<Applications.View> image(@PathParam("id") UUID id, @PathParam("side") String side, byte[] photo) {
        return applications.documentPhoto(member(), id, side(side), Require.field(photo, "body"));
    }

    @Operation(operationId = "confirmEkycDocumentData")
    @PUT
    @Path("/{id}/document-data")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Applications.View> documentData(@PathParam("id") UUID id, Applications.DocumentData data) {
        return applications.confirmData(member(), id, Require.field(data, "body"));
    }

    @Operation(operationId = "uploadEkycFrontSelfie")
    @PUT
    @Path("/{id}/faces/front")
    @Consumes(MediaType.WILDCARD)
    public Uni<Applications.View> frontFace(@PathParam("id") UUID id, byte[] photo) {
        return applications.frontFace(member(), id, Require.field(photo, "body"));
    }

    @Operation(operationId = "uploadEkycChallengeSelfie")
    @PUT
    @Path("/{id}/faces/challenge")
    @Consumes(MediaType.WILDCARD)
    public Uni<Applications.View> challengeFace(@PathParam("id") UUID id, byte[] photo) {
        return applications.challengeFace(member(), id, Require.field(photo, "body"));
    }

    @Operation(operationId = "setSecretQuestion")
    @PUT
    @Path("/{id}/secret-question")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Applications.View> secretQuestion(@PathParam("id") UUID id, Applications.SecretQuestion question) {
        return applications.secretQuestion(member(), id, Require.field(question, "body"));
    }

    @Operation(operationId = "submitEkycApplication")
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
