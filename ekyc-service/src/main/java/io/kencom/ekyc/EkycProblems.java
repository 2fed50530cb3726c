package io.kencom.ekyc;

import io.kencom.ekyc.domain.Application;
import io.kencom.ekyc.domain.PhotoQuality;
import io.kencom.ekyc.infra.Images;
import io.kencom.platform.problem.ApiProblem;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Every refusal of ekyc-service, with the stable code the app switches on. */
public final class EkycProblems {

    private EkycProblems() {
    }

    public static ApiProblem stepRefused(Application.StepRefused e) {
        int status = switch (e.code()) {
            case "APPLICATION_CLOSED", "STEP_OUT_OF_ORDER", "NOT_IN_REVIEW" -> 409;
            default -> 422;
        };
        return new ApiProblem(status, e.code(), e.getMessage());
    }

    public static ApiProblem image(Images.Refused e) {
        int status = switch (e.code) {
            case "IMAGE_TOO_LARGE" -> 413;
            case "IMAGE_TYPE_UNSUPPORTED" -> 415;
            default -> 422;
        };
        return new ApiProblem(status, e.code, e.getMessage());
    }

    public static ApiProblem photoQuality(List<PhotoQuality.Issue> issues) {
        return new ApiProblem(422, "PHOTO_QUALITY", "Retake the photo: it is blurred, cut off or has glare")
                .with("issues", issues);
    }

    public static ApiProblem portraitNotFound() {
        return new ApiProblem(422, "PORTRAIT_NOT_FOUND",
                "No face photo was found on the document: photograph its front, flat and whole");
    }

    public static ApiProblem face(String code, String title) {
        return new ApiProblem(422, code, title);
    }

    public static ApiProblem faceMismatch() {
        return new ApiProblem(422, "FACE_MISMATCH", "The face does not match; take the photo again");
    }

    public static ApiProblem challengeFailed(List<String> failed) {
        return new ApiProblem(422, "CHALLENGE_FAILED", "The photo does not follow the instruction; take it again")
                .with("failed", failed);
    }

    public static ApiProblem fieldInvalid(String field, String reason) {
        return new ApiProblem(422, "FIELD_INVALID", "A field is not valid").with("field", field).with("reason", reason);
    }

    public static ApiProblem notFound() {
        return new ApiProblem(404, "APPLICATION_NOT_FOUND", "No such application of this member");
    }

    public static ApiProblem levelTooLow() {
        return new ApiProblem(403, "LEVEL_TOO_LOW", "Personal verification (本人確認) comes first");
    }

    public static ApiProblem noCheckupData() {
        return new ApiProblem(403, "GROUP_HAS_NO_CHECKUP_DATA", "The member's group does not link checkup data");
    }

    public static ApiProblem alreadySensitive() {
        return new ApiProblem(409, "ALREADY_VERIFIED", "The member already has health and medical access");
    }

    public static ApiProblem applicationExists(UUID id) {
        return new ApiProblem(409, "APPLICATION_EXISTS", "An application is in progress or in review")
                .with("applicationId", id.toString());
    }

    public static ApiProblem noSecretQuestion() {
        return new ApiProblem(404, "NO_SECRET_QUESTION", "The member has no secret question");
    }

    public static ApiProblem answerWrong(int attemptsLeft) {
        return new ApiProblem(422, "ANSWER_WRONG", "The answer is not right").with("attemptsLeft", attemptsLeft);
    }

    public static ApiProblem locked() {
        return new ApiProblem(403, "LOCKED", "Too many wrong answers: health and medical access verification "
                + "(eKYC) must be done again");
    }

    public static ApiProblem grantInvalid() {
        return new ApiProblem(403, "GRANT_INVALID", "The grant is not valid for this member, or has expired");
    }

    public static ApiProblem codeInvalid(int attemptsLeft) {
        return new ApiProblem(422, "CODE_INVALID", "The checkup viewing code is not valid")
                .with("attemptsLeft", attemptsLeft);
    }

    public static ApiProblem tooManyAttempts(Instant until, Instant now) {
        return new ApiProblem(429, "TOO_MANY_ATTEMPTS", "Too many wrong codes in 24 hours")
                .retryAfter(Math.max(1, until.getEpochSecond() - now.getEpochSecond()));
    }

    public static ApiProblem reviewNotFound() {
        return new ApiProblem(404, "REVIEW_NOT_FOUND", "No application with this id");
    }

    public static ApiProblem jpkiNotOffered() {
        return new ApiProblem(404, "JPKI_NOT_OFFERED", "Verification by the My Number card is not offered here");
    }

    public static ApiProblem individualNumberRefused() {
        return new ApiProblem(422, "INDIVIDUAL_NUMBER_REFUSED", "The request holds what reads as an individual number "
                + "(個人番号), which may not be sent: nothing of it was kept");
    }

    public static ApiProblem nonce(String code) {
        return new ApiProblem(code.equals("NONCE_USED") ? 409 : 422, code,
                "Ask for a new nonce and have the card sign it: each is used once, within minutes");
    }

    /**
     * A JPKI check that did not approve: the card's refusal (JpkiRefusal) or the match's (JpkiDecision), with what the
     * member can do ({@code options}). Without a fresh CRL the answer is ours to fix: 503.
     */
    public static ApiProblem jpkiRefused(String code) {
        List<String> options = switch (code) {
            case "HOLDER_MISMATCH", "JPKI_NAME_UNAVAILABLE" -> List.of("ASK_INSURER_TO_UPDATE_ROSTER", "PHOTO_METHOD");
            case "NAME_NOT_COMPARABLE", "CERTIFICATE_REVOKED", "CERTIFICATE_EXPIRED" -> List.of("PHOTO_METHOD");
            case "REVOCATION_STATUS_UNKNOWN" -> List.of("RETRY_LATER", "PHOTO_METHOD");
            default -> List.of("RETRY", "PHOTO_METHOD");
        };
        int status = code.equals("REVOCATION_STATUS_UNKNOWN") ? 503 : 422;
        return new ApiProblem(status, code, "The My Number card did not verify the member").with("options", options);
    }
}
