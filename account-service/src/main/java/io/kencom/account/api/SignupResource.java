package io.kencom.account.api;

import static io.kencom.platform.problem.ProblemResponses.CODES;

import io.kencom.account.Codes;
import io.kencom.account.Signups;
import io.kencom.account.domain.ConsentRules.Agreement;
import io.kencom.contracts.model.ConsentDocument;
import io.kencom.contracts.model.GroupCategory;
import io.kencom.platform.problem.AnsweredInTime;
import io.kencom.platform.problem.Require;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** 新規会員登録, step by step (docs/account-service.md). Anonymous: the member has no account yet. */
@Tag(name = "Sign-up",
        description = "新規会員登録: the insurer number, the address and password, the consents, the mailed code")
@AnsweredInTime
@Path("/v1/signups")
public class SignupResource {

    public record StartRequest(String insurerNumber, GroupCategory groupCategory) {
    }

    public record GroupView(String groupId, String name, String category) {
    }

    public record StartResponse(UUID signupId, GroupView group, List<ConsentDocument> consentDocuments,
            boolean ownPoints, Instant expiresAt) {
    }

    public record CredentialsRequest(String email, String password) {
        @Override
        public String toString() {
            return "CredentialsRequest[***]";
        }
    }

    public record ConsentsRequest(List<Agreement> agreements) {
    }

    public record CodeSent(Instant expiresAt, Instant resendAvailableAt) {
    }

    public record VerifyRequest(String code) {
        @Override
        public String toString() {
            return "VerifyRequest[***]";
        }
    }

    public record AccountCreatedResponse(UUID memberId) {
    }

    private final Signups signups;

    SignupResource(Signups signups) {
        this.signups = signups;
    }

    @Operation(operationId = "startSignup", summary = "Start a sign-up with the insurer number on the card")
    @APIResponse(responseCode = "422", description = "The insurer number, its group or a field is refused",
            extensions = @Extension(name = CODES,
                    value = "FIELD_REQUIRED GROUP_CATEGORY_MISMATCH GROUP_NOT_CONTRACTED GROUP_NOT_FOUND "
                            + "INSURER_NUMBER_INVALID"))
    @APIResponse(responseCode = "201", description = "The sign-up, its group and the documents to agree to",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = StartResponse.class)))
    @POST
    public Uni<Response> start(StartRequest request) {
        Require.field(request, "body");
        return signups.start(Require.field(request.insurerNumber(), "insurerNumber"),
                        Require.field(request.groupCategory(), "groupCategory"))
                .map(s -> Response.status(201).entity(new StartResponse(s.signupId(),
                        new GroupView(s.groupId(), s.groupName(), s.groupCategory()), s.consentDocuments(),
                        s.ownPoints(), s.expiresAt())).build());
    }

    @Operation(operationId = "setSignupCredentials", summary = "Set the e-mail address and password")
    @APIResponse(responseCode = "404", description = "No such sign-up",
            extensions = @Extension(name = CODES, value = "SIGNUP_NOT_FOUND"))
    @APIResponse(responseCode = "409", description = "The address is taken, or the sign-up is complete",
            extensions = @Extension(name = CODES, value = "EMAIL_IN_USE EMAIL_NOT_YET_REUSABLE SIGNUP_COMPLETED"))
    @APIResponse(responseCode = "410", description = "The sign-up has expired",
            extensions = @Extension(name = CODES, value = "SIGNUP_EXPIRED"))
    @APIResponse(responseCode = "422", description = "The address or the password is refused",
            extensions = @Extension(name = CODES, value = "EMAIL_INVALID FIELD_REQUIRED PASSWORD_TOO_WEAK"))
    @APIResponse(responseCode = "204", description = "Set")
    @PUT
    @Path("/{id}/credentials")
    public Uni<Response> credentials(@PathParam("id") UUID id, CredentialsRequest request) {
        Require.field(request, "body");
        return signups.setCredentials(id, Require.field(request.email(), "email"), Require.field(request.password(), "password"))
                .replaceWith(Response.noContent().build());
    }

    @Operation(operationId = "agreeToSignupConsents", summary = "Agree to the documents, in the versions offered")
    @APIResponse(responseCode = "404", description = "No such sign-up",
            extensions = @Extension(name = CODES, value = "SIGNUP_NOT_FOUND"))
    @APIResponse(responseCode = "409", description = "The sign-up is complete",
            extensions = @Extension(name = CODES, value = "SIGNUP_COMPLETED"))
    @APIResponse(responseCode = "410", description = "The sign-up has expired",
            extensions = @Extension(name = CODES, value = "SIGNUP_EXPIRED"))
    @APIResponse(responseCode = "422", description = "The agreements are refused",
            extensions = @Extension(name = CODES,
                    value = "CONSENT_NOT_OFFERED CONSENT_OUTDATED CONSENT_REQUIRED FIELD_REQUIRED"))
    @APIResponse(responseCode = "204", description = "Agreed")
    @PUT
    @Path("/{id}/consents")
    public Uni<Response> consents(@PathParam("id") UUID id, ConsentsRequest request) {
        Require.field(request, "body");
        List<Agreement> agreements = Require.field(request.agreements(), "agreements");
        agreements.forEach(a -> {
            Require.field(a.kind(), "agreements.kind");
            Require.field(a.version(), "agreements.version");
        });
        return signups.setConsents(id, agreements).replaceWith(Response.noContent().build());
    }

    @Operation(operationId = "sendSignupCode", summary = "Mail a one-time code to the address (確認コード)")
    @APIResponse(responseCode = "404", description = "No such sign-up",
            extensions = @Extension(name = CODES, value = "SIGNUP_NOT_FOUND"))
    @APIResponse(responseCode = "409", description = "Steps are missing, or the sign-up is complete",
            extensions = @Extension(name = CODES, value = "SIGNUP_COMPLETED SIGNUP_INCOMPLETE"))
    @APIResponse(responseCode = "410", description = "The sign-up has expired",
            extensions = @Extension(name = CODES, value = "SIGNUP_EXPIRED"))
    @APIResponse(responseCode = "422", description = "A document changed since it was agreed to",
            extensions = @Extension(name = CODES, value = "CONSENT_OUTDATED"))
    @APIResponse(responseCode = "429", description = "Too soon after the last code, or too many today",
            headers = @Header(name = HttpHeaders.RETRY_AFTER, description = "Seconds to wait",
                    schema = @Schema(implementation = Integer.class)),
            extensions = @Extension(name = CODES, value = "DAILY_CODE_LIMIT RESEND_TOO_SOON"))
    @APIResponse(responseCode = "202", description = "The code is on its way",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = CodeSent.class)))
    @POST
    @Path("/{id}/code")
    public Uni<Response> sendCode(@PathParam("id") UUID id) {
        return signups.sendCode(id).map((Codes.Issued issued) -> Response.accepted(
                new CodeSent(issued.expiresAt(), issued.resendAvailableAt())).build());
    }

    @Operation(operationId = "verifySignupCode", summary = "Enter the code: the account is created")
    @APIResponse(responseCode = "404", description = "No such sign-up",
            extensions = @Extension(name = CODES, value = "SIGNUP_NOT_FOUND"))
    @APIResponse(responseCode = "409", description = "No code sent, the address taken since, or the sign-up done",
            extensions = @Extension(name = CODES, value = "CODE_NOT_SENT EMAIL_IN_USE SIGNUP_COMPLETED"))
    @APIResponse(responseCode = "410", description = "The code or the sign-up has expired",
            extensions = @Extension(name = CODES, value = "CODE_EXPIRED SIGNUP_EXPIRED"))
    @APIResponse(responseCode = "422", description = "The code is not right",
            extensions = @Extension(name = CODES, value = "CODE_INVALID FIELD_REQUIRED"))
    @APIResponse(responseCode = "429", description = "The code is void after too many wrong tries",
            extensions = @Extension(name = CODES, value = "TOO_MANY_ATTEMPTS"))
    @APIResponse(responseCode = "201", description = "The account, by its member id",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = AccountCreatedResponse.class)))
    @POST
    @Path("/{id}/code/verify")
    public Uni<Response> verify(@PathParam("id") UUID id, VerifyRequest request) {
        Require.field(request, "body");
        return signups.verifyCode(id, Require.field(request.code(), "code"))
                .map(memberId -> Response.status(201).entity(new AccountCreatedResponse(memberId)).build());
    }
}
