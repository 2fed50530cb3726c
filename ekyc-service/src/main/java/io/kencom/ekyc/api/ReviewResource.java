package io.kencom.ekyc.api;

import static io.kencom.platform.problem.ProblemResponses.CODES;

import io.kencom.ekyc.Reviews;
import io.kencom.ekyc.domain.Step;
import io.kencom.platform.problem.AnsweredInTime;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The review queue for staff (role {@code ekyc-reviewer}). */
@Tag(name = "Reviews", description = "The eKYC review queue, for reviewers")
@AnsweredInTime
@Path("/v1/ekyc/reviews")
@RolesAllowed("ekyc-reviewer")
public class ReviewResource {

    /** A reviewer's decision: approve, or reject with the reason and the steps the member redoes. */
    public record DecisionRequest(Reviews.Verdict decision, Reviews.RejectReason reason, List<Step> redo) {
    }

    private final Reviews reviews;
    private final JsonWebToken token;

    ReviewResource(Reviews reviews, JsonWebToken token) {
        this.reviews = reviews;
        this.token = token;
    }

    @Operation(operationId = "listPendingReviews")
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<List<Reviews.Pending>> pending(@QueryParam("limit") @DefaultValue("50") int limit) {
        return reviews.pending(Math.max(1, Math.min(limit, 200)));
    }

    @Operation(operationId = "getReviewImage", summary = "An image of the application, for the reviewer's eyes only")
    @APIResponse(responseCode = "404", description = "No application with this id, or no such image",
            extensions = @Extension(name = CODES, value = "REVIEW_NOT_FOUND"))
    @APIResponse(responseCode = "200", description = "The image as the member sent it; never cached (no-store)",
            content = {
                    @Content(mediaType = "image/jpeg", schema = @Schema(type = SchemaType.STRING, format = "binary")),
                    @Content(mediaType = "image/png", schema = @Schema(type = SchemaType.STRING, format = "binary")) })
    @GET
    @Path("/{id}/images/{kind}")
    public Uni<Response> image(@PathParam("id") UUID id, @PathParam("kind") String kind) {
        return reviews.image(id, kind).map(image -> Response.ok(image.bytes(), image.mediaType())
                .header("Cache-Control", "no-store").build());
    }

    @Operation(operationId = "decideReview", summary = "Approve, or reject with the steps to redo")
    @APIResponse(responseCode = "404", description = "No application with this id",
            extensions = @Extension(name = CODES, value = "REVIEW_NOT_FOUND"))
    @APIResponse(responseCode = "409", description = "The application is not in review",
            extensions = @Extension(name = CODES, value = "NOT_IN_REVIEW"))
    @APIResponse(responseCode = "422", description = "A field is refused",
            extensions = @Extension(name = CODES, value = "FIELD_INVALID"))
    @APIResponse(responseCode = "204", description = "Decided")
    @POST
    @Path("/{id}/decision")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> decide(@PathParam("id") UUID id, DecisionRequest request) {
        // No body is no decision: refused as a missing decision.
        DecisionRequest r = request == null ? new DecisionRequest(null, null, null) : request;
        return reviews.decide(id, UUID.fromString(token.getSubject()), r.decision(), r.reason(), r.redo())
                .map(x -> Response.noContent().build());
    }
}
