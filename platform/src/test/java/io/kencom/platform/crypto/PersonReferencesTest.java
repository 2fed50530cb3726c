package io.kencom.platform.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kencom.contracts.model.InsurerNumber;
import io.kencom.contracts.model.PersonalId;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class PersonReferencesTest {

    private static final String KEY = "wp9nAQzv0jd+Dm+23q1u2HXF8/CLdU9p5OQ+utJd4a4=";
    private static final String OTHER_KEY = "CWMiU5dW05DvPCgBdWB5FQaJSoTaUwTS/Qve3Qturl0=";
    private static final InsurerNumber KENPO = InsurerNumber.parse("06139992");
    private static final InsurerNumber KOKUHO = InsurerNumber.parse("138057");

    private final PersonReferences refs = new PersonReferences(KEY);

    @Test
    void two_holders_of_the_key_name_a_person_alike_and_another_key_does_not() {
        byte[] ref = refs.of(KENPO, "P-0001");
        assertThat(new PersonReferences(KEY).of(KENPO, "P-0001")).isEqualTo(ref).hasSize(16);
        assertThat(new PersonReferences(OTHER_KEY).of(KENPO, "P-0001")).isNotEqualTo(ref);
    }

    @Test
    void the_same_personal_id_at_another_insurer_is_another_person() {
        assertThat(refs.of(KOKUHO, "P-0001")).isNotEqualTo(refs.of(KENPO, "P-0001"));
        assertThat(refs.of(KENPO, "P-0002")).isNotEqualTo(refs.of(KENPO, "P-0001"));
    }

    @Test
    void a_personal_id_is_keyed_without_its_surrounding_blanks() {
        assertThat(refs.of(KENPO, PersonalId.normalise("  P-0001 "))).isEqualTo(refs.of(KENPO, "P-0001"));
        assertThat(PersonalId.normalise(" ")).isNull();
        assertThat(PersonalId.normalise("P".repeat(PersonalId.MAX_LENGTH + 1))).isNull();
    }

    @Test
    void a_holder_is_named_alike_from_the_cards_name_and_the_rosters_whatever_their_form_and_only_with_the_same_birth_date() {
        LocalDate born = LocalDate.of(1980, 1, 2);
        byte[] card = refs.holderOf("髙橋　一郎", born); // the certificate: variant character, full-width space
        assertThat(card).hasSize(16).isEqualTo(refs.holderOf("高橋一郎", born));
        assertThat(refs.holderOf("高橋一郎", born.plusDays(1))).isNotEqualTo(card);
        assertThat(refs.holderOf("高橋二郎", born)).isNotEqualTo(card);
        assertThat(new PersonReferences(OTHER_KEY).holderOf("高橋一郎", born)).isNotEqualTo(card);
        assertThat(refs.holderOf("　", born)).isNull();
        assertThat(refs.holderOf("高橋一郎", null)).isNull();
        // never the same bytes as a person reference of the same text
        assertThat(refs.of(KENPO, "高橋一郎")).isNotEqualTo(card);
    }

    @Test
    void an_event_carries_it_as_twenty_two_url_safe_characters() {
        byte[] ref = refs.of(KENPO, "P-0001");
        String text = PersonReferences.text(ref);
        assertThat(text).matches("[A-Za-z0-9_-]{22}");
        assertThat(PersonReferences.bytes(text)).isEqualTo(ref);
        assertThat(PersonReferences.text(null)).isNull();
    }

    @Test
    void a_key_that_is_not_32_bytes_is_refused_at_start() {
        assertThatThrownBy(() -> new PersonReferences("c2hvcnQ=")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("kencom.person-ref-key");
    }
}
