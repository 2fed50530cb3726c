package io.kencom.ekyc.domain.jpki;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

class JpkiDecisionTest {

    private static final LocalDate BORN = LocalDate.of(1990, 10, 10);
    /** A stand-in for the keyed pseudonym: what matters is that equal people give equal bytes. */
    private static final BiFunction<String, LocalDate, byte[]> REF = (name, born) ->
            (name.replace("髙", "高").replace(" ", "").replace("　", "") + born).getBytes(StandardCharsets.UTF_8);

    private static JpkiCheck.Verified card(String name, LocalDate born, boolean substitutes) {
        return new JpkiCheck.Verified(new CardHolder(name, born, substitutes), BigInteger.TEN, "CN=CA", new byte[32]);
    }

    @Test
    void the_linked_persons_card_is_approved_and_anyone_elses_is_a_mismatch() {
        byte[] linked = REF.apply("髙橋 由紀", BORN);
        assertThat(JpkiDecision.of(card("高橋　由紀", BORN, false), linked, REF)).isInstanceOf(JpkiDecision.Approved.class);
        assertThat(JpkiDecision.of(card("高橋　由美", BORN, false), linked, REF).code()).isEqualTo("HOLDER_MISMATCH");
        assertThat(JpkiDecision.of(card("高橋　由紀", BORN.plusDays(1), false), linked, REF).code())
                .isEqualTo("HOLDER_MISMATCH");
    }

    @Test
    void without_a_roster_kanji_name_or_with_substitute_characters_there_is_nothing_to_compare() {
        assertThat(JpkiDecision.of(card("高橋　由紀", BORN, false), null, REF).code()).isEqualTo("JPKI_NAME_UNAVAILABLE");
        JpkiDecision substitutes = JpkiDecision.of(card("高橋　由紀", BORN, true), REF.apply("高橋由紀", BORN), REF);
        assertThat(substitutes.code()).isEqualTo("NAME_NOT_COMPARABLE");
        assertThat(substitutes.verified()).as("kept for the audit record").isNotNull();
    }

    @Test
    void a_refused_card_is_refused_for_its_own_reason_and_leaves_nothing_to_record_of_the_certificate() {
        JpkiDecision revoked = JpkiDecision.of(new JpkiCheck.Refused(JpkiRefusal.CERTIFICATE_REVOKED), new byte[16], REF);
        assertThat(revoked.code()).isEqualTo("CERTIFICATE_REVOKED");
        assertThat(revoked.verified()).isNull();
    }

    @Test
    void substitutes_are_marked_by_anything_but_zeros() {
        assertThat(JpkiCheck.usesSubstitutes(null)).isFalse();
        assertThat(JpkiCheck.usesSubstitutes("00000")).isFalse();
        assertThat(JpkiCheck.usesSubstitutes("")).isFalse();
        assertThat(JpkiCheck.usesSubstitutes("01000")).isTrue();
    }
}
