package io.kencom.entitlement.api;

import io.kencom.contracts.events.GroupChanged;
import io.kencom.entitlement.Catalog;
import io.kencom.entitlement.domain.GroupDefinition;
import io.kencom.platform.problem.ApiProblem;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Response;
import java.util.OptionalLong;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The group catalog, for operations staff. A group is answered as the catalog publishes it ({@code GroupChanged});
 * its revision is the ETag, and If-Match with it makes a PUT refuse to overwrite a change made meanwhile.
 */
@Path("/v1/groups/{groupId}")
@RolesAllowed("ops-admin")
public class GroupResource {

    private final Catalog catalog;

    GroupResource(Catalog catalog) {
        this.catalog = catalog;
    }

    @Operation(operationId = "getGroup")
    @GET
    public Uni<Response> get(@PathParam("groupId") String groupId) {
        return catalog.get(groupId).map(group -> Response.ok(group).tag(etag(group)).build());
    }

    /** 201 for a new group, 200 for a change or a repeat of the current state (then nothing is published). */
    @Operation(operationId = "defineGroup")
    @PUT
    public Uni<Response> put(@PathParam("groupId") String groupId, @HeaderParam("If-Match") String ifMatch,
            GroupDefinition definition) {
        if (definition == null) {
            throw new ApiProblem(400, "MALFORMED_REQUEST", "The request body is missing");
        }
        return catalog.put(groupId, definition, revision(ifMatch)).map(saved -> Response
                .status(saved.created() ? Response.Status.CREATED : Response.Status.OK)
                .entity(saved.group()).tag(etag(saved.group())).build());
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
