package io.kencom.ekyc.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kencom.contracts.events.EkycSubmitted.DocumentType;
import io.kencom.ekyc.domain.Application.StepRefused;
import io.kencom.ekyc.domain.Challenge.Mouth;
import io.kencom.ekyc.domain.Challenge.Turn;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The order of domain.md §5 and what a redone step voids, without a server. */
class ApplicationRulesTest {

    private static final Instant T0 = Instant.parse("2026-11-24T01:00:00Z");
    private static final Challenge LEFT_CLOSED = new Challenge(Turn.LEFT, Mouth.CLOSED);

    private static Application readyToSubmit(DocumentType type, boolean remarks) {
        Application app = Application.open(UUID.randomUUID(), UUID.randomUUID(), T0);
        app.chooseDocument(type, remarks, T0);
        app.took(DocumentSide.FRONT, T0);
        if (remarks && type != DocumentType.MY_NUMBER_CARD) {
            app.took(DocumentSide.BACK, T0);
        }
        app.confirmData(false, T0);
        app.tookFrontFace(() -> LEFT_CLOSED, T0);
        app.tookChallenge(T0);
        app.setSecretQuestion(T0);
        return app;
    }

    private static String code(Runnable step) {
        try {
            step.run();
            return null;
        } catch (StepRefused e) {
            return e.code();
        }
    }

    @Test
    void the_steps_come_in_the_guides_order() {
        Application app = Application.open(UUID.randomUUID(), UUID.randomUUID(), T0);
        assertThat(app.nextStep()).isEqualTo(Step.DOCUMENT);
        assertThat(code(() -> app.took(DocumentSide.FRONT, T0))).isEqualTo("STEP_OUT_OF_ORDER");

        app.chooseDocument(DocumentType.DRIVING_HISTORY_CERTIFICATE, true, T0);
        app.took(DocumentSide.FRONT, T0);
        assertThat(app.nextStep()).isEqualTo(Step.BACK);
        assertThat(code(() -> app.confirmData(false, T0))).isEqualTo("STEP_OUT_OF_ORDER");

        app.took(DocumentSide.BACK, T0);
        assertThat(app.nextStep()).isEqualTo(Step.DOCUMENT_DATA);
    }

    @Test
    void only_remarks_with_an_entry_are_photographed_and_never_the_my_number_back() {
        Application license = Application.open(UUID.randomUUID(), UUID.randomUUID(), T0);
        license.chooseDocument(DocumentType.DRIVERS_LICENSE, false, T0);
        license.took(DocumentSide.FRONT, T0);
        assertThat(code(() -> license.took(DocumentSide.BACK, T0))).isEqualTo("STEP_NOT_NEEDED");
        assertThat(license.nextStep()).isEqualTo(Step.DOCUMENT_DATA);

        Application myNumber = Application.open(UUID.randomUUID(), UUID.randomUUID(), T0);
        myNumber.chooseDocument(DocumentType.MY_NUMBER_CARD, true, T0);
        assertThat(code(() -> myNumber.mayTake(DocumentSide.BACK))).isEqualTo("MY_NUMBER_BACK_REFUSED");
        myNumber.took(DocumentSide.FRONT, T0);
        // Its remarks (追記欄) are on the front: no second photo.
        assertThat(myNumber.nextStep()).isEqualTo(Step.DOCUMENT_DATA);
        assertThat(code(() -> myNumber.mayTake(DocumentSide.REMARKS))).isEqualTo("MY_NUMBER_BACK_REFUSED");
    }

    @Test
    void a_new_name_needs_remarks() {
        Application app = Application.open(UUID.randomUUID(), UUID.randomUUID(), T0);
        app.chooseDocument(DocumentType.RESIDENCE_CARD, false, T0);
        app.took(DocumentSide.FRONT, T0);

        assertThat(code(() -> app.confirmData(true, T0))).isEqualTo("NEW_NAME_WITHOUT_REMARKS");
    }

    @Test
    void a_new_front_photo_voids_its_confirmed_data_and_the_face_checks_and_a_new_document_everything() {
        Application app = readyToSubmit(DocumentType.DRIVERS_LICENSE, false);

        app.took(DocumentSide.FRONT, T0);
        assertThat(app.nextStep()).isEqualTo(Step.DOCUMENT_DATA);
        assertThat(app.frontFaceTaken()).isFalse();
        assertThat(app.challengeTaken()).isFalse();
        assertThat(app.dataConfirmed()).isFalse();
        assertThat(app.secretQuestionSet()).isTrue();

        app.chooseDocument(DocumentType.MY_NUMBER_CARD, false, T0);
        assertThat(app.nextStep()).isEqualTo(Step.FRONT);
        assertThat(app.sides()).isEmpty();
    }

    @Test
    void submitted_applications_take_no_more_steps() {
        Application app = readyToSubmit(DocumentType.MY_NUMBER_CARD, false);
        assertThat(app.nextStep()).isEqualTo(Step.SUBMIT);

        app.submit(List.of(Decision.ReviewReason.LIVENESS_LOW), T0);

        assertThat(app.status()).isEqualTo(Application.Status.IN_REVIEW);
        assertThat(code(() -> app.took(DocumentSide.FRONT, T0))).isEqualTo("APPLICATION_CLOSED");
        assertThat(code(() -> app.submit(List.of(), T0))).isEqualTo("APPLICATION_CLOSED");
        app.decide(false, T0);
        assertThat(app.status()).isEqualTo(Application.Status.REJECTED);
        assertThat(code(() -> app.decide(true, T0))).isEqualTo("NOT_IN_REVIEW");
    }

    @Test
    void untouched_for_a_day_it_expires() {
        Application app = Application.open(UUID.randomUUID(), UUID.randomUUID(), T0);
        app.chooseDocument(DocumentType.DRIVERS_LICENSE, false, T0.plus(Duration.ofHours(2)));

        assertThat(app.expireIfAbandoned(T0.plus(Duration.ofHours(25)))).isFalse();
        assertThat(app.expireIfAbandoned(T0.plus(Duration.ofHours(26)))).isTrue();
        assertThat(app.status()).isEqualTo(Application.Status.EXPIRED);
        assertThatThrownBy(() -> app.took(DocumentSide.FRONT, T0)).isInstanceOf(StepRefused.class);
    }

    @Test
    void the_challenge_stays_until_a_challenge_photo_is_attempted_whatever_is_redone() {
        Application app = Application.open(UUID.randomUUID(), UUID.randomUUID(), T0);
        app.chooseDocument(DocumentType.DRIVERS_LICENSE, false, T0);
        app.took(DocumentSide.FRONT, T0);
        app.confirmData(false, T0);
        app.tookFrontFace(() -> LEFT_CLOSED, T0);
        Challenge easier = new Challenge(Turn.RIGHT, Mouth.CLOSED);

        // Retaking the front selfie, the front photo or even choosing another document does not redraw it.
        app.tookFrontFace(() -> easier, T0);
        assertThat(app.challenge()).isEqualTo(LEFT_CLOSED);
        app.took(DocumentSide.FRONT, T0);
        app.confirmData(false, T0);
        app.chooseDocument(DocumentType.RESIDENCE_CARD, false, T0);
        app.took(DocumentSide.FRONT, T0);
        app.confirmData(false, T0);
        app.tookFrontFace(() -> easier, T0);
        assertThat(app.challenge()).isEqualTo(LEFT_CLOSED);

        // Once a photo was judged against it, the next front selfie draws a new one.
        app.attemptedChallenge();
        app.tookFrontFace(() -> easier, T0);
        assertThat(app.challenge()).isEqualTo(easier);
        assertThat(app.challengeAttempted()).isFalse();
    }

    @Test
    void a_challenge_is_attempted_only_at_its_step() {
        Application app = Application.open(UUID.randomUUID(), UUID.randomUUID(), T0);
        app.chooseDocument(DocumentType.DRIVERS_LICENSE, false, T0);

        assertThat(code(app::attemptedChallenge)).isEqualTo("STEP_OUT_OF_ORDER");
        assertThat(app.challengeAttempted()).isFalse();
    }
}
