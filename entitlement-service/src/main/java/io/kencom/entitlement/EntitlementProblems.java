package io.kencom.entitlement;

import io.kencom.contracts.model.ConsentDocument;
import io.kencom.contracts.model.InsurerNumber;
import io.kencom.platform.problem.ApiProblem;

/** Every refusal of entitlement-service, with the stable code the caller switches on. */
public final class EntitlementProblems {

    private EntitlementProblems() {
    }

    public static ApiProblem groupNotFound() {
        return new ApiProblem(404, "GROUP_NOT_FOUND", "No group has this id");
    }

    public static ApiProblem groupIdInvalid() {
        return new ApiProblem(422, "GROUP_ID_INVALID", "A group id is 1 to 64 lower-case letters, digits and hyphens");
    }

    public static ApiProblem insurerNumberInvalid(int index, InsurerNumber.Problem reason) {
        return new ApiProblem(422, "INSURER_NUMBER_INVALID", "An insurer number is not valid",
                reason == InsurerNumber.Problem.MALFORMED ? "An insurer number has 6 or 8 digits"
                        : "The check digit does not match")
                .with("field", "insurerNumbers[" + index + "]").with("reason", reason.name());
    }

    public static ApiProblem insurerNumberTaken(String insurerNumber, String holder) {
        return new ApiProblem(409, "INSURER_NUMBER_TAKEN", "Another group already has this insurer number")
                .with("insurerNumber", insurerNumber).with("groupId", holder);
    }

    /** A document the rules of DOMAIN §3.4 require, or one that is offered the wrong way. */
    public static ApiProblem consentDocumentsInvalid(String reason, ConsentDocument.Kind kind) {
        return new ApiProblem(422, "CONSENT_DOCUMENTS_INVALID", "The consent documents do not fit the group")
                .with("reason", reason).with("kind", kind.name());
    }

    public static ApiProblem walkingEventPeriodInvalid() {
        return new ApiProblem(422, "WALKING_EVENT_PERIOD_INVALID", "The walking event ends before it starts");
    }

    public static ApiProblem linkUrlInvalid(int index) {
        return new ApiProblem(422, "LINK_URL_INVALID", "A group link is not an http(s) address")
                .with("field", "links[" + index + "].url");
    }

    public static ApiProblem revisionMismatch(long current) {
        return new ApiProblem(412, "GROUP_REVISION_MISMATCH", "The group changed since the revision in If-Match")
                .with("revision", current);
    }
}
