package io.kencom.account.api;

import static io.kencom.platform.problem.ProblemResponses.CODES;

import io.kencom.account.PasswordResets;
import io.kencom.platform.problem.AnsweredInTime;
import io.kencom.platform.problem.Require;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** パスワード再設定. The answer never tells whether the address belongs to a member. */
@Tag(name = "Password reset", description = "パスワード再設定, by a mailed code")
@AnsweredInTime
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

    @Operation(operationId = "requestPasswordReset", summary = "Mail a code to reset the password")
    @APIResponse(responseCode = "422", description = "Not an e-mail address",
            extensions = @Extension(name = CODES, value = "EMAIL_INVALID FIELD_REQUIRED"))
    @APIResponse(responseCode = "429", description = "Too soon after the last code, or too many today",
            headers = @Header(name = HttpHeaders.RETRY_AFTER, description = "Seconds to wait",
                    schema = @Schema(implementation = Integer.class)),
            extensions = @Extension(name = CODES, value = "DAILY_CODE_LIMIT RESEND_TOO_SOON"))
    @APIResponse(responseCode = "202", description = "Accepted; a code is mailed if an account uses the address",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ResetAccepted.class)))
    @POST
    public Uni<Response> request(ResetRequest request) {
        Require.field(request, "body");
        return resets.request(Require.field(request.email(), "email"))
                .map(r -> Response.accepted(new ResetAccepted(r.resetId(), r.expiresAt())).build());
    }

    @Operation(operationId = "completePasswordReset", summary = "Enter the code and the new password")
    @APIResponse(responseCode = "404", description = "No such password reset",
            extensions = @Extension(name = CODES, value = "RESET_NOT_FOUND"))
    @APIResponse(responseCode = "409", description = "This reset is already done",
            extensions = @Extension(name = CODES, value = "RESET_COMPLETED"))
    @APIResponse(responseCode = "410", description = "The code has expired",
            extensions = @Extension(name = CODES, value = "CODE_EXPIRED"))
    @APIResponse(responseCode = "422", description = "The code is not right, or the password is refused",
            extensions = @Extension(name = CODES, value = "CODE_INVALID FIELD_REQUIRED PASSWORD_TOO_WEAK"))
    @APIResponse(responseCode = "429", description = "The code is void after too many wrong tries",
            extensions = @Extension(name = CODES, value = "TOO_MANY_ATTEMPTS"))
    @APIResponse(responseCode = "204", description = "The password is changed")
    @POST
    @Path("/{id}/verify")
    public Uni<Response> complete(@PathParam("id") UUID id, CompleteRequest request) {
        Require.field(request, "body");
        return resets.complete(id, Require.field(request.code(), "code"), Require.field(request.newPassword(), "newPassword"))
                .replaceWith(Response.noContent().build());
    }
}
