package io.kencom.ekyc.api;

import static io.kencom.platform.problem.ProblemResponses.CODES;

import io.kencom.ekyc.EkycProblems;
import io.kencom.ekyc.SecretQuestions;
import io.kencom.platform.problem.AnsweredInTime;
import io.kencom.platform.problem.Require;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Opening health data: the secret question asked, a short-lived grant given for the right answer. */
@Tag(name = "Sensitive access", description = "The secret question that guards health and medical data")
@AnsweredInTime
@Path("/v1/sensitive-access")
@RolesAllowed("member")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SensitiveAccessResource {

    public record Answer(String answer) {
    }

    public record GrantToCheck(String grant) {
    }

    private final SecretQuestions questions;
    private final JsonWebToken token;

    SensitiveAccessResource(SecretQuestions questions, JsonWebToken token) {
        this.questions = questions;
        this.token = token;
    }

    @Operation(operationId = "getSecretQuestion")
    @APIResponse(responseCode = "200", description = "The member's secret question",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = SecretQuestions.Question.class)))
    @APIResponse(responseCode = "403", description = "Locked after too many wrong answers",
            extensions = @Extension(name = CODES, value = "LOCKED"))
    @APIResponse(responseCode = "404", description = "The member has no secret question",
            extensions = @Extension(name = CODES, value = "NO_SECRET_QUESTION"))
    @GET
    @Path("/question")
    public Uni<SecretQuestions.Question> question() {
        return questions.question(UUID.fromString(token.getSubject()));
    }

    @Operation(operationId = "answerSecretQuestion")
    @APIResponse(responseCode = "200", description = "Right: a grant for health data, for a while",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = SecretQuestions.Grant.class)))
    @APIResponse(responseCode = "403", description = "Locked after too many wrong answers",
            extensions = @Extension(name = CODES, value = "LOCKED"))
    @APIResponse(responseCode = "404", description = "The member has no secret question",
            extensions = @Extension(name = CODES, value = "NO_SECRET_QUESTION"))
    @APIResponse(responseCode = "422", description = "The answer is not right",
            extensions = @Extension(name = CODES, value = "ANSWER_WRONG FIELD_INVALID FIELD_REQUIRED"))
    @POST
    public Uni<SecretQuestions.Grant> answer(Answer answer) {
        return questions.answer(UUID.fromString(token.getSubject()), Require.field(answer, "body").answer());
    }

    /** For health-data endpoints (through the BFF): whether a grant is valid for the calling member. */
    @Operation(operationId = "checkSensitiveAccessGrant")
    @APIResponse(responseCode = "200", description = "The grant is valid: whose it is",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = SecretQuestions.GrantHolder.class)))
    @APIResponse(responseCode = "403", description = "The grant is not valid for this member, or has expired",
            extensions = @Extension(name = CODES, value = "GRANT_INVALID"))
    @APIResponse(responseCode = "422", description = "No grant given",
            extensions = @Extension(name = CODES, value = "FIELD_REQUIRED"))
    @POST
    @Path("/check")
    public SecretQuestions.GrantHolder check(GrantToCheck grant) {
        SecretQuestions.GrantHolder holder = questions.check(Require.field(grant, "body").grant());
        if (holder == null || !holder.memberId().toString().equals(token.getSubject())) {
            throw EkycProblems.grantInvalid();
        }
        return holder;
    }
}
