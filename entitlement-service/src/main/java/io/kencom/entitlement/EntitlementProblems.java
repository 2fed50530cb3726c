package io.kencom.entitlement;

import io.kencom.contracts.model.InsurerNumber;
import io.kencom.entitlement.domain.GroupDefinition;
import io.kencom.platform.problem.ApiProblem;
import io.kencom.platform.problem.Require;

/** Every refusal of entitlement-service, with the stable code the caller switches on. */
public final class EntitlementProblems {

    private EntitlementProblems() {
    }

    public static ApiProblem groupNotFound() {
        return new ApiProblem(404, "GROUP_NOT_FOUND", "No group has this id");
    }

    /** A group definition the rules refuse (domain.md §1, §3.4), answered 422 with its code. */
    public static ApiProblem definitionInvalid(GroupDefinition.Invalid e) {
        GroupDefinition.Refusal refusal = e.refusal();
        if (refusal instanceof GroupDefinition.Refusal.FieldMissing missing) {
            return Require.missing(missing.field());
        }
        if (refusal instanceof GroupDefinition.Refusal.InsurerNumberInvalid number) {
            return new ApiProblem(422, "INSURER_NUMBER_INVALID", "An insurer number is not valid",
                    number.problem() == InsurerNumber.Problem.MALFORMED ? "An insurer number has 6 or 8 digits"
                            : "The check digit does not match")
                    .with("field", "insurerNumbers[" + number.index() + "]").with("reason", number.problem().name());
        }
        if (refusal instanceof GroupDefinition.Refusal.ConsentDocumentsInvalid consents) {
            return new ApiProblem(422, "CONSENT_DOCUMENTS_INVALID", "The consent documents do not fit the group")
                    .with("reason", consents.reason()).with("kind", consents.kind().name());
        }
        if (refusal instanceof GroupDefinition.Refusal.LinkUrlInvalid link) {
            return new ApiProblem(422, "LINK_URL_INVALID", "A group link is not an http(s) address")
                    .with("field", "links[" + link.index() + "].url");
        }
        if (refusal instanceof GroupDefinition.Refusal.WalkingEventPeriodInvalid) {
            return new ApiProblem(422, "WALKING_EVENT_PERIOD_INVALID", "The walking event ends before it starts");
        }
        if (refusal instanceof GroupDefinition.Refusal.GroupIdInvalid) {
            return new ApiProblem(422, "GROUP_ID_INVALID",
                    "A group id is 1 to 64 lower-case letters, digits and hyphens");
        }
        throw new IllegalStateException("a refusal without its problem: " + refusal); // a new Refusal needs a branch
    }

    public static ApiProblem insurerNumberTaken(String insurerNumber, String holder) {
        return new ApiProblem(409, "INSURER_NUMBER_TAKEN", "Another group already has this insurer number")
                .with("insurerNumber", insurerNumber).with("groupId", holder);
    }

    public static ApiProblem revisionMismatch(long current) {
        return new ApiProblem(412, "GROUP_REVISION_MISMATCH", "The group changed since the revision in If-Match")
                .with("revision", current);
    }
}
