package io.kencom.account.api;

import static io.kencom.platform.problem.ProblemResponses.CODES;

import io.kencom.account.Members;
import io.kencom.platform.problem.AnsweredInTime;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The logged-in member's own account: the token's {@code sub} is the member id. */
@Tag(name = "Member", description = "The member's own account, and withdrawal (退会)")
@AnsweredInTime
@Path("/v1/members/me")
@RolesAllowed("member") // a staff or feed token is no member: 403, not an empty member
public class MemberResource {

    public record ConsentView(String kind, String version, Instant agreedAt) {
    }

    public record ProfileView(UUID memberId, String email, String groupId, String insurerNumber, String authLevel,
            Instant createdAt, List<ConsentView> consents) {
    }

    private final Members members;
    private final JsonWebToken token;

    MemberResource(Members members, JsonWebToken token) {
        this.members = members;
        this.token = token;
    }

    @Operation(operationId = "getMyProfile", summary = "The member's account")
    @APIResponse(responseCode = "200", description = "The member's account",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ProfileView.class)))
    @APIResponse(responseCode = "404", description = "No active account",
            extensions = @Extension(name = CODES, value = "MEMBER_NOT_FOUND"))
    @GET
    public Uni<ProfileView> me() {
        return members.profile(memberId()).map(p -> new ProfileView(p.member().memberId, p.member().email,
                p.member().groupId, p.member().insurerNumber, p.member().authLevel, p.member().createdAt,
                p.consents().stream().map(c -> new ConsentView(c.kind, c.version, c.agreedAt)).toList()));
    }

    /** 退会 */
    @Operation(operationId = "withdrawMembership", summary = "Withdraw (退会): the account is closed")
    @APIResponse(responseCode = "404", description = "No active account",
            extensions = @Extension(name = CODES, value = "MEMBER_NOT_FOUND"))
    @APIResponse(responseCode = "204", description = "Withdrawn")
    @DELETE
    public Uni<Response> withdraw() {
        return members.withdraw(memberId()).replaceWith(Response.noContent().build());
    }

    private UUID memberId() {
        return UUID.fromString(token.getSubject());
    }
}
