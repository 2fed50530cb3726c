package io.kencom.insuredverification.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kencom.contracts.model.CardFormat;
import io.kencom.insuredverification.domain.FieldError.Reason;
import org.junit.jupiter.api.Test;

/** domain.md §4.2: the four card patterns; presentation (hyphens, widths, spaces) ignored, content never. */
class CardNumbersTest {

    @Test
    void pattern_1_number_with_a_hyphen_is_one_number_whatever_its_hyphens() {
        CardNumbers expected = new CardNumbers("", "12345678");
        assertThat(CardNumbers.parse(CardFormat.NUMBER_WITH_HYPHEN, null, "1234-5678")).isEqualTo(expected);
        assertThat(CardNumbers.parse(CardFormat.NUMBER_WITH_HYPHEN, "", "１２３４－５６７８")).isEqualTo(expected);
        assertThat(CardNumbers.parse(CardFormat.NUMBER_WITH_HYPHEN, null, "1234ー5678")).isEqualTo(expected);
        assertThat(CardNumbers.parse(CardFormat.NUMBER_WITH_HYPHEN, null, "1234 5678")).isEqualTo(expected);
    }

    @Test
    void pattern_2_number_only() {
        assertThat(CardNumbers.parse(CardFormat.NUMBER_ONLY, null, "１２３４５６７８"))
                .isEqualTo(new CardNumbers("", "12345678"));
    }

    @Test
    void pattern_3_symbol_with_a_hyphen_and_a_number() {
        assertThat(CardNumbers.parse(CardFormat.SYMBOL_WITH_HYPHEN_AND_NUMBER, "12-456", "5678"))
                .isEqualTo(new CardNumbers("12456", "5678"));
        assertThat(CardNumbers.parse(CardFormat.SYMBOL_WITH_HYPHEN_AND_NUMBER, "１２‐４５６", " 5678 "))
                .isEqualTo(new CardNumbers("12456", "5678"));
        assertThat(CardNumbers.parse(CardFormat.SYMBOL_WITH_HYPHEN_AND_NUMBER, "12-456", "5678"))
                .isNotEqualTo(CardNumbers.parse(CardFormat.SYMBOL_WITH_HYPHEN_AND_NUMBER, "12-457", "5678"));
    }

    @Test
    void pattern_4_symbol_and_number_may_hold_letters_in_the_symbol() {
        assertThat(CardNumbers.parse(CardFormat.SYMBOL_AND_NUMBER, "1234", "5678"))
                .isEqualTo(new CardNumbers("1234", "5678"));
        assertThat(CardNumbers.parse(CardFormat.SYMBOL_AND_NUMBER, "ａｂ12", "5678"))
                .isEqualTo(new CardNumbers("AB12", "5678"));
        assertThat(CardNumbers.parse(CardFormat.SYMBOL_AND_NUMBER, "東京12", "5678").symbol()).isEqualTo("東京12");
    }

    @Test
    void each_field_is_refused_with_its_reason() {
        assertRefused(CardFormat.SYMBOL_AND_NUMBER, null, "5678", "symbol", Reason.REQUIRED);
        assertRefused(CardFormat.NUMBER_ONLY, "12", "5678", "symbol", Reason.NOT_ON_THIS_CARD);
        assertRefused(CardFormat.NUMBER_ONLY, null, "-", "number", Reason.REQUIRED);
        assertRefused(CardFormat.NUMBER_ONLY, null, "12a4", "number", Reason.NOT_DIGITS);
        assertRefused(CardFormat.SYMBOL_AND_NUMBER, "12/3", "5678", "symbol", Reason.NOT_LETTERS_OR_DIGITS);
        assertRefused(CardFormat.NUMBER_ONLY, null, "1".repeat(21), "number", Reason.TOO_LONG);
    }

    @Test
    void an_insurer_the_catalog_does_not_know_yet_takes_what_the_roster_gives() {
        assertThat(CardNumbers.parse(null, "12-3", "45")).isEqualTo(new CardNumbers("123", "45"));
        assertThat(CardNumbers.parse(null, null, "45")).isEqualTo(new CardNumbers("", "45"));
    }

    private static void assertRefused(CardFormat format, String symbol, String number, String field, Reason reason) {
        assertThatThrownBy(() -> CardNumbers.parse(format, symbol, number)).isInstanceOfSatisfying(FieldError.class,
                e -> {
                    assertThat(e.field()).isEqualTo(field);
                    assertThat(e.reason()).isEqualTo(reason);
                });
    }
}
