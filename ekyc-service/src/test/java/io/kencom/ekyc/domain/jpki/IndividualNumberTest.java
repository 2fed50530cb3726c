package io.kencom.ekyc.domain.jpki;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IndividualNumberTest {

    /** A number with a right check digit (the sample in the Digital Agency's explanations has none we may print). */
    private static final String VALID = "123456789018";

    @Test
    void the_check_digit_is_the_ordinances() {
        assertThat(IndividualNumber.hasValidCheckDigit(VALID)).isTrue();
        assertThat(IndividualNumber.hasValidCheckDigit("123456789010")).isFalse();
        // r ≤ 1 gives 0: 11 digits summing to a multiple of 11.
        assertThat(IndividualNumber.hasValidCheckDigit("000000000000")).isTrue();
    }

    @Test
    void twelve_digits_alone_are_found_however_they_are_written() {
        assertThat(IndividualNumber.appearsIn(VALID)).isTrue();
        assertThat(IndividualNumber.appearsIn("my number is 1234 5678 9018, thanks")).isTrue();
        assertThat(IndividualNumber.appearsIn("１２３４−５６７８−９０１８")).isTrue();
        assertThat(IndividualNumber.appearsIn("番号:1234-5678-9018")).isTrue();
    }

    @Test
    void other_digits_are_not_an_individual_number() {
        assertThat(IndividualNumber.appearsIn(null)).isFalse();
        assertThat(IndividualNumber.appearsIn("123456789010")).as("wrong check digit").isFalse();
        assertThat(IndividualNumber.appearsIn("1234567890180")).as("thirteen digits").isFalse();
        assertThat(IndividualNumber.appearsIn("090-1234-5678")).as("a phone number").isFalse();
        assertThat(IndividualNumber.appearsIn("初めて飼った犬の名前")).isFalse();
    }
}
