package io.kencom.insuredverification.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kencom.contracts.events.RosterUpdated;
import io.kencom.contracts.events.RosterUpdated.Change;
import io.kencom.contracts.model.CardFormat;
import io.kencom.contracts.model.InsurerNumber;
import io.kencom.insuredverification.domain.RosterUpdate.Loss;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** An insurer's event and a file row end in the same update (the one shape both intakes share). */
class RosterUpdateTest {

    private static final String INSURER = "06132013";
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 24);
    private static final Instant AT = Instant.parse("2026-11-01T00:00:00Z");
    private static final LocalDate BORN = LocalDate.of(1980, 5, 5);

    @Test
    void an_enrolment_event_and_a_file_row_give_the_same_update() {
        RosterUpdate fromEvent = RosterUpdate.of(event(Change.ENROLLED, "12", "３４", "ケンコム タロウ", null),
                CardFormat.SYMBOL_AND_NUMBER, TODAY);
        RosterUpdate fromFile = RosterUpdate.ofFileRow(InsurerNumber.parse(INSURER), CardFormat.SYMBOL_AND_NUMBER,
                " P1 ", "12", "34", "ｹﾝｺﾑﾀﾛｳ", null, BORN, LocalDate.of(2020, 4, 1), null, AT, TODAY);
        assertThat(fromFile).isEqualTo(fromEvent);
        assertThat(fromEvent.loss()).isEqualTo(Loss.CLEAR);
    }

    @Test
    void a_loss_needs_its_date_and_keeps_the_card() {
        RosterUpdate lost = RosterUpdate.of(new RosterUpdated(INSURER, "P1", Change.QUALIFICATION_LOST, null, null, null,
                null, null, LocalDate.of(2026, 10, 31), AT), CardFormat.SYMBOL_AND_NUMBER, TODAY);
        assertThat(lost.loss()).isEqualTo(Loss.SET);
        assertThat(lost.holder()).isNull();
        assertThatThrownBy(() -> RosterUpdate.of(new RosterUpdated(INSURER, "P1", Change.QUALIFICATION_LOST, null,
                null, null, null, null, null, AT), CardFormat.SYMBOL_AND_NUMBER, TODAY))
                .isInstanceOfSatisfying(FieldError.class,
                        e -> assertThat(e.field()).isEqualTo("qualificationLostOn"));
    }

    @Test
    void a_change_keeps_the_loss_and_a_reinstatement_clears_it() {
        assertThat(RosterUpdate.of(event(Change.CHANGED, "12", "99", "ケンコム タロウ", null),
                CardFormat.SYMBOL_AND_NUMBER, TODAY).loss()).isEqualTo(Loss.KEEP);
        assertThat(RosterUpdate.of(new RosterUpdated(INSURER, "P1", Change.REINSTATED, null, null, null, null,
                LocalDate.of(2026, 11, 1), null, AT), CardFormat.SYMBOL_AND_NUMBER, TODAY).loss()).isEqualTo(Loss.CLEAR);
    }

    @Test
    void a_card_is_whole_or_absent() {
        assertThatThrownBy(() -> RosterUpdate.of(new RosterUpdated(INSURER, "P1", Change.CHANGED, "12", "34", null,
                null, null, null, AT), CardFormat.SYMBOL_AND_NUMBER, TODAY))
                .isInstanceOfSatisfying(FieldError.class,
                        e -> assertThat(e.reason()).isEqualTo(FieldError.Reason.INCOMPLETE_CARD));
        assertThatThrownBy(() -> RosterUpdate.of(new RosterUpdated(INSURER, "P1", Change.ENROLLED, null, null, null,
                null, null, null, AT), CardFormat.SYMBOL_AND_NUMBER, TODAY))
                .isInstanceOfSatisfying(FieldError.class,
                        e -> assertThat(e.reason()).isEqualTo(FieldError.Reason.INCOMPLETE_CARD));
    }

    @Test
    void a_birth_date_must_be_real_and_past() {
        assertThatThrownBy(() -> RosterUpdate.holder(CardFormat.NUMBER_ONLY, null, "1", "ア", TODAY.plusDays(1), TODAY))
                .isInstanceOfSatisfying(FieldError.class, e -> assertThat(e.reason()).isEqualTo(FieldError.Reason.IN_FUTURE));
        assertThatThrownBy(() -> RosterUpdate.holder(CardFormat.NUMBER_ONLY, null, "1", "ア", LocalDate.of(1899, 12, 31),
                TODAY)).isInstanceOfSatisfying(FieldError.class,
                        e -> assertThat(e.reason()).isEqualTo(FieldError.Reason.TOO_EARLY));
    }

    @Test
    void a_kanji_name_is_kept_in_its_one_form_with_the_card_only() {
        RosterUpdate fromFile = RosterUpdate.ofFileRow(InsurerNumber.parse(INSURER), CardFormat.NUMBER_ONLY, "P1", null,
                "34", "タカハシ タロウ", "髙橋　太郎", BORN, null, null, AT, TODAY);
        assertThat(fromFile.nameKanji()).isEqualTo("高橋太郎");
        assertThat(RosterUpdate.ofFileRow(InsurerNumber.parse(INSURER), CardFormat.NUMBER_ONLY, "P1", null, "34",
                "タカハシ タロウ", null, BORN, null, null, AT, TODAY).nameKanji()).isNull();

        // A kanji name alone is card news without the card.
        assertThatThrownBy(() -> RosterUpdate.of(new RosterUpdated(INSURER, "P1", Change.CHANGED, null, null, null,
                null, null, null, AT, "高橋 太郎"), CardFormat.NUMBER_ONLY, TODAY))
                .isInstanceOfSatisfying(FieldError.class,
                        e -> assertThat(e.reason()).isEqualTo(FieldError.Reason.INCOMPLETE_CARD));
        assertThatThrownBy(() -> RosterUpdate.ofFileRow(InsurerNumber.parse(INSURER), CardFormat.NUMBER_ONLY, "P1",
                null, "34", "タカハシ タロウ", "高".repeat(101), BORN, null, null, AT, TODAY))
                .isInstanceOfSatisfying(FieldError.class, e -> {
                    assertThat(e.field()).isEqualTo("nameKanji");
                    assertThat(e.reason()).isEqualTo(FieldError.Reason.TOO_LONG);
                });
    }

    private static RosterUpdated event(Change change, String symbol, String number, String name, LocalDate lostOn) {
        return new RosterUpdated(INSURER, "P1", change, symbol, number, name, BORN, LocalDate.of(2020, 4, 1), lostOn, AT);
    }
}
