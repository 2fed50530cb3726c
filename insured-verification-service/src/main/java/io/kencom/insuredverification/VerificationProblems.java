package io.kencom.insuredverification;

import io.kencom.contracts.model.InsurerNumber;
import io.kencom.insuredverification.domain.FieldError;
import io.kencom.platform.problem.ApiProblem;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Every refusal of insured-verification-service, with the stable code the app switches on (the API table of docs/insured-verification-service.md). */
public final class VerificationProblems {

    /** Why a roster may not know the member (domain.md §4.4), for the app to explain. */
    public enum NoMatchCause {
        /** A typo in the card's data, the name or the birth date. */
        TYPO,
        /** The insurer's data is not linked yet: 1–2 months, 3 or more for municipalities. */
        ROSTER_NOT_YET_LINKED,
        /** The card was reissued or changed. */
        CARD_REISSUED_OR_CHANGED
    }

    private VerificationProblems() {
    }

    public static ApiProblem insurerNumberInvalid(InsurerNumber.Problem reason) {
        return new ApiProblem(422, "INSURER_NUMBER_INVALID", "The insurer number is not valid",
                reason == InsurerNumber.Problem.MALFORMED ? "An insurer number has 6 or 8 digits"
                        : "The check digit does not match")
                .with("field", "insurerNumber").with("reason", reason.name());
    }

    public static ApiProblem insurerNotAllowed() {
        return new ApiProblem(403, "INSURER_NOT_ALLOWED", "This feed account may not write this insurer's roster");
    }

    public static ApiProblem insurerNotFound() {
        return new ApiProblem(404, "INSURER_NOT_FOUND", "No group of the service has this insurer number");
    }

    public static ApiProblem fieldInvalid(FieldError e) {
        return new ApiProblem(422, "FIELD_INVALID", "A field is not valid")
                .with("field", e.field()).with("reason", e.reason().name());
    }

    public static ApiProblem wrongGroup() {
        return new ApiProblem(422, "WRONG_GROUP", "The insurer number is not one of the member's group");
    }

    public static ApiProblem noMatch(int attemptsLeft) {
        return new ApiProblem(422, "NO_MATCH", "The roster has no insured person with these details")
                .with("possibleCauses", List.of(NoMatchCause.values())).with("attemptsLeft", attemptsLeft);
    }

    public static ApiProblem alreadyLinked(int attemptsLeft) {
        return new ApiProblem(409, "ALREADY_LINKED",
                "Another account is linked to this insured person; log in with the address used before, reset its "
                        + "password or contact support").with("attemptsLeft", attemptsLeft);
    }

    public static ApiProblem accountAlreadyVerified() {
        return new ApiProblem(409, "ACCOUNT_ALREADY_VERIFIED", "This account is linked to another insured person");
    }

    public static ApiProblem qualificationLost(LocalDate lostOn) {
        return new ApiProblem(422, "QUALIFICATION_LOST", "The roster says this insured person lost qualification")
                .with("qualificationLostOn", lostOn.toString());
    }

    public static ApiProblem tooManyAttempts(Instant until, Instant now) {
        return new ApiProblem(429, "TOO_MANY_ATTEMPTS", "Too many failed verifications in 24 hours")
                .retryAfter(Math.max(1, until.getEpochSecond() - now.getEpochSecond()));
    }

    public static ApiProblem rosterFileInvalid(String reason, Long line) {
        ApiProblem problem = new ApiProblem(422, "ROSTER_FILE_INVALID", "The file cannot be read as a roster")
                .with("reason", reason);
        return line == null ? problem : problem.with("line", line);
    }
}
