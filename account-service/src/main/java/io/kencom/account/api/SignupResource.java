package io.kencom.account.api;

import io.kencom.account.Codes;
import io.kencom.account.Signups;
import io.kencom.account.domain.ConsentRules.Agreement;
import io.kencom.contracts.model.ConsentDocument;
import io.kencom.contracts.model.GroupCategory;
import io.kencom.platform.problem.Require;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** 新規会員登録, step by step (ARCHITECTURE's API table). Anonymous: the member has no account yet. */
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

    @Operation(operationId = "startSignup")
    @POST
    public Uni<Response> start(StartRequest request) {
        Require.field(request, "body");
        return signups.start(Require.field(request.insurerNumber(), "insurerNumber"),
                        Require.field(request.groupCategory(), "groupCategory"))
                .map(s -> Response.status(201).entity(new StartResponse(s.signupId(),
                        new GroupView(s.group().groupId, s.group().name, s.group().category), s.consentDocuments(),
                        s.group().ownPoints, s.expiresAt())).build());
    }

    @Operation(operationId = "setSignupCredentials")
    @PUT
    @Path("/{id}/credentials")
    public Uni<Response> credentials(@PathParam("id") UUID id, CredentialsRequest request) {
        Require.field(request, "body");
        return signups.setCredentials(id, Require.field(request.email(), "email"), Require.field(request.password(), "password"))
                .replaceWith(Response.noContent().build());
    }

    @Operation(operationId = "agreeToSignupConsents")
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

    @Operation(operationId = "sendSignupCode")
    @POST
    @Path("/{id}/code")
    public Uni<Response> sendCode(@PathParam("id") UUID id) {
        return signups.sendCode(id).map((Codes.Issued issued) -> Response.accepted(
                new CodeSent(issued.expiresAt(), issued.resendAvailableAt())).build());
    }

    @Operation(operationId = "verifySignupCode")
    @POST
    @Path("/{id}/code/verify")
    public Uni<Response> verify(@PathParam("id") UUID id, VerifyRequest request) {
        Require.field(request, "body");
        return signups.verifyCode(id, Require.field(request.code(), "code"))
                .map(memberId -> Response.status(201).entity(new AccountCreatedResponse(memberId)).build());
    }
}
