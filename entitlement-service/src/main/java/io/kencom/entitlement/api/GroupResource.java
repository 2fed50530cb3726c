package io.kencom.entitlement.api;

import static io.kencom.platform.problem.ProblemResponses.CODES;

import io.kencom.contracts.events.GroupChanged;
import io.kencom.entitlement.Catalog;
import io.kencom.entitlement.domain.GroupDefinition;
import io.kencom.platform.problem.AnsweredInTime;
import io.kencom.platform.problem.ApiProblem;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.OptionalLong;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The group catalog, for operations staff. A group is answered as the catalog publishes it ({@code GroupChanged});
 * its revision is the ETag, and If-Match with it makes a PUT refuse to overwrite a change made meanwhile.
 */
@Tag(name = "Groups", description = "The group catalog, for operations staff")
@AnsweredInTime
@Path("/v1/groups/{groupId}")
@RolesAllowed("ops-admin")
public class GroupResource {

    private static final String REVISION = "The group's revision, for If-Match";

    private final Catalog catalog;

    GroupResource(Catalog catalog) {
        this.catalog = catalog;
    }

    @Operation(operationId = "getGroup", summary = "A group of the catalog, as it is published")
    @APIResponse(responseCode = "404", description = "No group has this id",
            extensions = @Extension(name = CODES, value = "GROUP_NOT_FOUND"))
    @APIResponse(responseCode = "200", description = "The group; its revision is the ETag",
            headers = @Header(name = "ETag", description = REVISION,
                    schema = @Schema(implementation = String.class)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = GroupChanged.class)))
    @GET
    public Uni<Response> get(@PathParam("groupId") String groupId) {
        return catalog.get(groupId).map(group -> Response.ok(group).tag(etag(group)).build());
    }

    /** 201 for a new group, 200 for a change or a repeat of the current state (then nothing is published). */
    @Operation(operationId = "defineGroup", summary = "Create or change a group; If-Match guards a change")
    @APIResponse(responseCode = "400", description = "If-Match is not a revision, or the body is missing",
            extensions = @Extension(name = CODES, value = "IF_MATCH_INVALID MALFORMED_REQUEST"))
    @APIResponse(responseCode = "409", description = "Another group has this insurer number",
            extensions = @Extension(name = CODES, value = "INSURER_NUMBER_TAKEN"))
    @APIResponse(responseCode = "412", description = "The group changed since the revision in If-Match",
            extensions = @Extension(name = CODES, value = "GROUP_REVISION_MISMATCH"))
    @APIResponse(responseCode = "422", description = "The definition is refused",
            extensions = @Extension(name = CODES,
                    value = "CONSENT_DOCUMENTS_INVALID FIELD_REQUIRED GROUP_ID_INVALID INSURER_NUMBER_INVALID "
                            + "LINK_URL_INVALID WALKING_EVENT_PERIOD_INVALID"))
    @APIResponse(responseCode = "200", description = "Changed, or already so",
            headers = @Header(name = "ETag", description = REVISION,
                    schema = @Schema(implementation = String.class)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = GroupChanged.class)))
    @APIResponse(responseCode = "201", description = "Created",
            headers = { @Header(name = "ETag", description = REVISION,
                            schema = @Schema(implementation = String.class)),
                    @Header(name = "Location", description = "The group's address",
                            schema = @Schema(implementation = String.class)) },
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = GroupChanged.class)))
    @PUT
    public Uni<Response> put(@PathParam("groupId") String groupId, @HeaderParam("If-Match") String ifMatch,
            GroupDefinition definition) {
        if (definition == null) {
            throw new ApiProblem(400, "MALFORMED_REQUEST", "The request body is missing");
        }
        return catalog.put(groupId, definition, revision(ifMatch)).map(saved -> {
            Response.ResponseBuilder response = saved.created()
                    ? Response.status(Response.Status.CREATED).header(HttpHeaders.LOCATION, "/v1/groups/" + groupId)
                    : Response.ok();
            return response.entity(saved.group()).tag(etag(saved.group())).build();
        });
    }

    private static EntityTag etag(GroupChanged group) {
        return new EntityTag(Long.toString(group.revision()));
    }

    private static OptionalLong revision(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(ifMatch.strip().replace("W/", "").replace("\"", "")));
        } catch (NumberFormatException e) {
            throw new ApiProblem(400, "IF_MATCH_INVALID", "If-Match takes the group's revision, as its ETag gives it");
        }
    }
}
