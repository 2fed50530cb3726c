package io.kencom.account;

import io.kencom.account.domain.PasswordRule;
import io.kencom.contracts.model.ConsentDocument;
import io.kencom.contracts.model.InsurerNumber;
import io.kencom.platform.problem.ApiProblem;
import java.time.LocalDate;
import java.util.Collection;

/** Every refusal of account-service, with the stable code the app switches on (the API table of docs/account-service.md). */
public final class AccountProblems {

    private AccountProblems() {
    }

    public static ApiProblem insurerNumberInvalid(InsurerNumber.Problem reason) {
        return new ApiProblem(422, "INSURER_NUMBER_INVALID", "The insurer number is not valid",
                reason == InsurerNumber.Problem.MALFORMED ? "An insurer number has 6 or 8 digits"
                        : "The check digit does not match").with("reason", reason.name());
    }

    public static ApiProblem groupNotFound() {
        return new ApiProblem(422, "GROUP_NOT_FOUND", "No contracted group has this insurer number");
    }

    public static ApiProblem groupCategoryMismatch(String actualCategory) {
        return new ApiProblem(422, "GROUP_CATEGORY_MISMATCH", "The insurer number belongs to a group of another category")
                .with("groupCategory", actualCategory);
    }

    public static ApiProblem groupNotContracted() {
        return new ApiProblem(422, "GROUP_NOT_CONTRACTED", "The group no longer offers the service");
    }

    public static ApiProblem signupNotFound() {
        return new ApiProblem(404, "SIGNUP_NOT_FOUND", "No such sign-up");
    }

    public static ApiProblem signupExpired() {
        return new ApiProblem(410, "SIGNUP_EXPIRED", "The sign-up has expired; start again");
    }

    public static ApiProblem signupCompleted() {
        return new ApiProblem(409, "SIGNUP_COMPLETED", "The sign-up is already complete; log in");
    }

    public static ApiProblem signupIncomplete(Collection<String> missingSteps) {
        return new ApiProblem(409, "SIGNUP_INCOMPLETE", "Credentials and consents come before the code")
                .with("missing", missingSteps);
    }

    public static ApiProblem emailInvalid() {
        return new ApiProblem(422, "EMAIL_INVALID", "Not an e-mail address");
    }

    public static ApiProblem emailInUse() {
        return new ApiProblem(409, "EMAIL_IN_USE", "An account already uses this address");
    }

    public static ApiProblem emailNotYetReusable(LocalDate reusableOn) {
        return new ApiProblem(409, "EMAIL_NOT_YET_REUSABLE",
                "The address belongs to an account that lost its qualification less than 100 days ago")
                .with("reusableOn", reusableOn.toString());
    }

    public static ApiProblem passwordTooWeak(Collection<PasswordRule> failed) {
        return new ApiProblem(422, "PASSWORD_TOO_WEAK", "The password does not meet the rules")
                .with("failedRules", failed.stream().map(Enum::name).toList());
    }

    public static ApiProblem consentRequired(Collection<ConsentDocument.Kind> missing) {
        return new ApiProblem(422, "CONSENT_REQUIRED", "Required documents were not agreed to")
                .with("documents", missing.stream().map(Enum::name).toList());
    }

    public static ApiProblem consentOutdated(Collection<ConsentDocument.Kind> outdated) {
        return new ApiProblem(422, "CONSENT_OUTDATED", "A document was agreed to in a version no longer in force")
                .with("documents", outdated.stream().map(Enum::name).toList());
    }

    public static ApiProblem consentNotOffered(Collection<ConsentDocument.Kind> notOffered) {
        return new ApiProblem(422, "CONSENT_NOT_OFFERED", "The group does not offer these documents")
                .with("documents", notOffered.stream().map(Enum::name).toList());
    }

    public static ApiProblem resendTooSoon(long retryAfterSeconds) {
        return new ApiProblem(429, "RESEND_TOO_SOON", "A code was sent moments ago").retryAfter(retryAfterSeconds);
    }

    public static ApiProblem dailyCodeLimit() {
        return new ApiProblem(429, "DAILY_CODE_LIMIT", "Too many codes were sent to this address today");
    }

    public static ApiProblem codeNotSent() {
        return new ApiProblem(409, "CODE_NOT_SENT", "No code was sent yet");
    }

    public static ApiProblem codeInvalid(int attemptsLeft) {
        return new ApiProblem(422, "CODE_INVALID", "The code is not right").with("attemptsLeft", attemptsLeft);
    }

    public static ApiProblem codeExpired() {
        return new ApiProblem(410, "CODE_EXPIRED", "The code has expired; ask for a new one");
    }

    public static ApiProblem tooManyAttempts() {
        return new ApiProblem(429, "TOO_MANY_ATTEMPTS", "The code is void after too many wrong tries; ask for a new one");
    }

    public static ApiProblem resetNotFound() {
        return new ApiProblem(404, "RESET_NOT_FOUND", "No such password reset");
    }

    public static ApiProblem resetCompleted() {
        return new ApiProblem(409, "RESET_COMPLETED", "This password reset is already done");
    }

    public static ApiProblem memberNotFound() {
        return new ApiProblem(404, "MEMBER_NOT_FOUND", "No active account");
    }
}
