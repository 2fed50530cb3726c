package io.kencom.entitlement.api;

import io.kencom.contracts.model.AuthLevel;
import io.kencom.entitlement.MemberEntitlements;
import io.kencom.entitlement.domain.Entitlements;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** What the logged-in member may see (DOMAIN §7): asked on every screen. The token's {@code sub} is the member id. */
@Path("/v1/members/me")
@Authenticated
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
    public Uni<Entitlements> entitlements() {
        String level = token.getClaim("auth_level");
        return entitlements.of(UUID.fromString(token.getSubject()), new MemberEntitlements.Claims(
                token.getClaim("group_id"), level == null ? AuthLevel.NONE : AuthLevel.valueOf(level)));
    }

    @GET
    @Path("/token")
    public Whoami whoami() {
        return new Whoami(UUID.fromString(token.getSubject()), token.getClaim("group_id"), token.getClaim("auth_level"));
    }
}
