package io.kencom.contracts.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class InsurerNumberTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "01130012", // 協会けんぽ東京支部: 0·2 1·1 1·2 3·1 0·2 0·1 1·2 → 8 → check 2
            "06139992",
            "138057",   // national health insurance, 6 digits
            "31130008",
            "11300100"  // a sum ending in 0 gives check digit 0
    })
    void accepts_numbers_whose_check_digit_matches(String number) {
        assertThat(InsurerNumber.problemWith(number)).isEmpty();
        assertThat(InsurerNumber.parse(number).value()).isEqualTo(number);
    }

    @ParameterizedTest
    @CsvSource({
            "01130013, CHECK_DIGIT_MISMATCH",
            "06139999, CHECK_DIGIT_MISMATCH",
            "138050, CHECK_DIGIT_MISMATCH",
            "1234567, MALFORMED",
            "123456789, MALFORMED",
            "0113-0012, MALFORMED",
            "O1130012, MALFORMED",
            "'', MALFORMED"
    })
    void says_what_is_wrong(String input, InsurerNumber.Problem problem) {
        assertThat(InsurerNumber.problemWith(input)).contains(problem);
        assertThatThrownBy(() -> InsurerNumber.parse(input)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @CsvSource({"０１１３００１２, 01130012", "' 138057 ', 138057"})
    void reads_full_width_digits_and_ignores_surrounding_blanks(String typed, String value) {
        assertThat(InsurerNumber.parse(typed).value()).isEqualTo(value);
    }

    @ParameterizedTest
    @CsvSource({"0113001, 2", "3113000, 8", "13805, 7", "000000, 0"})
    void computes_the_check_digit_as_the_guide_describes(String digits, int check) {
        assertThat(InsurerNumber.checkDigit(digits)).isEqualTo(check);
    }

    @ParameterizedTest
    @ValueSource(strings = {"138057"})
    void six_digits_is_national_health_insurance(String number) {
        assertThat(InsurerNumber.parse(number).nationalHealthInsurance()).isTrue();
        assertThat(InsurerNumber.parse("01130012").nationalHealthInsurance()).isFalse();
    }
}
