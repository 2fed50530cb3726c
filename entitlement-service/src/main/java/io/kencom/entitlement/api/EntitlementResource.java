package io.kencom.entitlement.api;

import io.kencom.contracts.model.AuthLevel;
import io.kencom.entitlement.MemberEntitlements;
import io.kencom.entitlement.domain.Entitlements;
import io.kencom.platform.problem.AnsweredInTime;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** What the logged-in member may see (domain.md §7): asked on every screen. The token's {@code sub} is the member id. */
@Tag(name = "Entitlements", description = "The member's level and what it unlocks")
@AnsweredInTime
@Path("/v1/members/me")
@RolesAllowed("member") // a staff or feed token is no member: 403, not an empty member
public class EntitlementResource {

    /** The token as this service reads it: the trivial endpoint the entitlement read is measured against. */
    public record Whoami(UUID memberId, String groupId, String authLevel) {
    }

    private final MemberEntitlements entitlements;
    private final JsonWebToken token;

    EntitlementResource(MemberEntitlements entitlements, JsonWebToken token) {
        this.entitlements = entitlements;
        this.token = token;
    }

    @GET
    @Path("/entitlements")
    @Produces(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "200", description = "The level, every feature of domain.md §7, the open group content",
            content = @Content(schema = @Schema(implementation = Entitlements.class)))
    @Operation(operationId = "getMyEntitlements")
    public Uni<byte[]> entitlements() {
        String level = token.getClaim("auth_level");
        return entitlements.json(UUID.fromString(token.getSubject()), new MemberEntitlements.Claims(
                token.getClaim("group_id"), level == null ? AuthLevel.NONE : AuthLevel.valueOf(level)));
    }

    @Operation(operationId = "getMyTokenClaims")
    @GET
    @Path("/token")
    public Whoami whoami() {
        return new Whoami(UUID.fromString(token.getSubject()), token.getClaim("group_id"), token.getClaim("auth_level"));
    }
}
