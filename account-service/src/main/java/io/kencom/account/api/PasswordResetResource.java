package io.kencom.account.api;

import io.kencom.account.PasswordResets;
import io.kencom.platform.problem.Require;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** パスワード再設定. The answer never tells whether the address belongs to a member. */
@Path("/v1/password-resets")
public class PasswordResetResource {

    public record ResetRequest(String email) {
        @Override
        public String toString() {
            return "ResetRequest[***]";
        }
    }

    public record ResetAccepted(UUID resetId, Instant expiresAt) {
    }

    public record CompleteRequest(String code, String newPassword) {
        @Override
        public String toString() {
            return "CompleteRequest[***]";
        }
    }

    private final PasswordResets resets;

    PasswordResetResource(PasswordResets resets) {
        this.resets = resets;
    }

    @Operation(operationId = "requestPasswordReset")
    @POST
    public Uni<Response> request(ResetRequest request) {
        Require.field(request, "body");
        return resets.request(Require.field(request.email(), "email"))
                .map(r -> Response.accepted(new ResetAccepted(r.resetId(), r.expiresAt())).build());
    }

    @Operation(operationId = "completePasswordReset")
    @POST
    @Path("/{id}/verify")
    public Uni<Response> complete(@PathParam("id") UUID id, CompleteRequest request) {
        Require.field(request, "body");
        return resets.complete(id, Require.field(request.code(), "code"), Require.field(request.newPassword(), "newPassword"))
                .replaceWith(Response.noContent().build());
    }
}
