package io.kencom.ekyc.domain;

import io.kencom.contracts.events.EkycSubmitted.DocumentType;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * One eKYC application (健診・医療アクセス認証, domain.md §5), walked step by step in the guide's order. A step may be
 * redone until the application is submitted; redoing one voids what depended on it (a new document voids everything,
 * a new front photo the confirmed data and the face checks, a new front selfie the challenge photo). The challenge
 * itself stays until a challenge photo has been attempted, whatever is redone: no fishing for an easy one by retaking
 * the front selfie. Left untouched for {@link #EXPIRES_AFTER}, it expires.
 */
public final class Application {

    public enum Status {
        OPEN,
        IN_REVIEW,
        APPROVED,
        REJECTED,
        EXPIRED
    }

    /** A step refused: the stable code and what the app may tell the member. */
    public static final class StepRefused extends RuntimeException {

        private final String code;

        public StepRefused(String code, String message) {
            super(message);
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    public static final Duration EXPIRES_AFTER = Duration.ofHours(24);

    private final UUID id;
    private final UUID memberId;
    private Status status;
    private DocumentType documentType;
    private boolean hasRemarks;
    private final EnumSet<DocumentSide> sides;
    private boolean dataConfirmed;
    private boolean nameFromRemarks;
    private Challenge challenge;
    private boolean challengeAttempted;
    private boolean frontFaceTaken;
    private boolean challengeTaken;
    private boolean secretQuestionSet;
    private Instant updatedAt;

    public Application(UUID id, UUID memberId, Status status, DocumentType documentType, boolean hasRemarks,
            Set<DocumentSide> sides, boolean dataConfirmed, boolean nameFromRemarks, Challenge challenge,
            boolean challengeAttempted, boolean frontFaceTaken, boolean challengeTaken, boolean secretQuestionSet,
            Instant updatedAt) {
        this.id = id;
        this.memberId = memberId;
        this.status = status;
        this.documentType = documentType;
        this.hasRemarks = hasRemarks;
        this.sides = sides.isEmpty() ? EnumSet.noneOf(DocumentSide.class) : EnumSet.copyOf(sides);
        this.dataConfirmed = dataConfirmed;
        this.nameFromRemarks = nameFromRemarks;
        this.challenge = challenge;
        this.challengeAttempted = challengeAttempted;
        this.frontFaceTaken = frontFaceTaken;
        this.challengeTaken = challengeTaken;
        this.secretQuestionSet = secretQuestionSet;
        this.updatedAt = updatedAt;
    }

    public static Application open(UUID id, UUID memberId, Instant now) {
        return new Application(id, memberId, Status.OPEN, null, false, Set.of(), false, false, null, false, false,
                false, false, now);
    }

    /** The first step not done yet: where the app resumes. */
    public Step nextStep() {
        if (status != Status.OPEN) {
            return Step.DONE;
        }
        if (documentType == null) {
            return Step.DOCUMENT;
        }
        if (!sides.contains(DocumentSide.FRONT)) {
            return Step.FRONT;
        }
        if (remarksPhotoMissing()) {
            return Step.BACK;
        }
        if (!dataConfirmed) {
            return Step.DOCUMENT_DATA;
        }
        if (!frontFaceTaken) {
            return Step.FACE_FRONT;
        }
        if (!challengeTaken) {
            return Step.FACE_CHALLENGE;
        }
        return secretQuestionSet ? Step.SUBMIT : Step.SECRET_QUESTION;
    }

    /** Whether the application is still open at {@code now}; an abandoned one becomes {@code EXPIRED}. */
    public boolean expireIfAbandoned(Instant now) {
        if (status == Status.OPEN && !now.isBefore(updatedAt.plus(EXPIRES_AFTER))) {
            status = Status.EXPIRED;
            return true;
        }
        return false;
    }

    /** Step 1: the document, and whether its remarks have an entry. Voids everything done with another one. */
    public void chooseDocument(DocumentType type, boolean remarks, Instant now) {
        mayDo(Step.DOCUMENT);
        if (type != documentType || remarks != hasRemarks) {
            sides.clear();
            dataConfirmed = false;
            nameFromRemarks = false;
            frontFaceTaken = false;
            challengeTaken = false;
        }
        documentType = type;
        hasRemarks = remarks;
        touch(now);
    }

    /**
     * Whether a photo of this side may be taken now. The My Number card's back is refused before anything is stored;
     * a back or remarks photo only when the remarks have an entry.
     */
    public void mayTake(DocumentSide side) {
        if (status == Status.OPEN && documentType != null && !side.takenOf(documentType)) {
            throw new StepRefused("MY_NUMBER_BACK_REFUSED",
                    "The back of the My Number card carries the individual number and must not be sent");
        }
        mayDo(side == DocumentSide.FRONT ? Step.FRONT : Step.BACK);
        if (side != DocumentSide.FRONT && !(hasRemarks && DocumentSide.remarksNeedAPhoto(documentType))) {
            throw new StepRefused("STEP_NOT_NEEDED", "Only remarks with an entry are photographed");
        }
    }

    /**
     * A photo of the document was accepted; a new front voids what was read off the old one (the member confirms
     * again) and the face checks against its portrait.
     */
    public void took(DocumentSide side, Instant now) {
        mayTake(side);
        sides.add(side);
        if (side == DocumentSide.FRONT) {
            dataConfirmed = false;
            nameFromRemarks = false;
            frontFaceTaken = false;
            challengeTaken = false;
        }
        touch(now);
    }

    /** Step 4: the member confirmed name and birth date; a new name is only possible with remarks. */
    public void confirmData(boolean newNameFromRemarks, Instant now) {
        mayDo(Step.DOCUMENT_DATA);
        if (newNameFromRemarks && !hasRemarks) {
            throw new StepRefused("NEW_NAME_WITHOUT_REMARKS", "A new name comes from the remarks field only");
        }
        dataConfirmed = true;
        nameFromRemarks = newNameFromRemarks;
        touch(now);
    }

    public void mayTakeFrontFace() {
        mayDo(Step.FACE_FRONT);
    }

    /**
     * Step 5a: the frontal selfie matched. The challenge for the second photo is drawn now, unless one drawn before has
     * not been attempted yet: that one stays.
     */
    public void tookFrontFace(Supplier<Challenge> draw, Instant now) {
        mayTakeFrontFace();
        frontFaceTaken = true;
        challengeTaken = false;
        if (challenge == null || challengeAttempted) {
            challenge = draw.get();
            challengeAttempted = false;
        }
        touch(now);
    }

    public void mayTakeChallenge() {
        mayDo(Step.FACE_CHALLENGE);
    }

    /** Step 5b: a photo of the member was judged against the challenge and refused; a new one may be drawn now. */
    public void attemptedChallenge() {
        mayTakeChallenge();
        challengeAttempted = true;
    }

    public void tookChallenge(Instant now) {
        mayTakeChallenge();
        challengeTaken = true;
        challengeAttempted = true;
        touch(now);
    }

    public void setSecretQuestion(Instant now) {
        mayDo(Step.SECRET_QUESTION);
        secretQuestionSet = true;
        touch(now);
    }

    /** Step 7: every step done; the outcome is approved at once or in review. */
    public void submit(List<Decision.ReviewReason> reviewReasons, Instant now) {
        mayDo(Step.SUBMIT); // a submitted application is closed to a second submit, as to every other step
        if (nextStep() != Step.SUBMIT) {
            throw notYet(Step.SUBMIT);
        }
        status = reviewReasons.isEmpty() ? Status.APPROVED : Status.IN_REVIEW;
        touch(now);
    }

    /** A reviewer's decision on an application in review. */
    public void decide(boolean approve, Instant now) {
        if (status != Status.IN_REVIEW) {
            throw new StepRefused("NOT_IN_REVIEW", "The application is not waiting for a review");
        }
        status = approve ? Status.APPROVED : Status.REJECTED;
        touch(now);
    }

    /** A step may be done when the application is open and every step before it is. */
    private void mayDo(Step step) {
        if (status != Status.OPEN) {
            throw new StepRefused("APPLICATION_CLOSED", "The application is " + status);
        }
        if (step.compareTo(nextStep()) > 0) {
            throw notYet(step);
        }
    }

    private StepRefused notYet(Step step) {
        return new StepRefused("STEP_OUT_OF_ORDER", step + " comes after " + nextStep());
    }

    private boolean remarksPhotoMissing() {
        return hasRemarks && DocumentSide.remarksNeedAPhoto(documentType) && !sides.contains(DocumentSide.BACK)
                && !sides.contains(DocumentSide.REMARKS);
    }

    private void touch(Instant now) {
        updatedAt = now;
    }

    public UUID id() {
        return id;
    }

    public UUID memberId() {
        return memberId;
    }

    public Status status() {
        return status;
    }

    public DocumentType documentType() {
        return documentType;
    }

    public boolean hasRemarks() {
        return hasRemarks;
    }

    public Set<DocumentSide> sides() {
        return EnumSet.copyOf(sides);
    }

    public boolean dataConfirmed() {
        return dataConfirmed;
    }

    public boolean nameFromRemarks() {
        return nameFromRemarks;
    }

    public Challenge challenge() {
        return challenge;
    }

    public boolean challengeAttempted() {
        return challengeAttempted;
    }

    public boolean frontFaceTaken() {
        return frontFaceTaken;
    }

    public boolean challengeTaken() {
        return challengeTaken;
    }

    public boolean secretQuestionSet() {
        return secretQuestionSet;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
