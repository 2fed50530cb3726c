package io.kencom.insuredverification.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** domain.md §4.3: full-width katakana, spaces optional; half-width katakana and hiragana read as katakana. */
class KatakanaNameTest {

    @ParameterizedTest
    @ValueSource(strings = { "ケンコム タロウ", "ケンコムタロウ", "ケンコム　タロウ", " ケンコム  タロウ ", "ｹﾝｺﾑ ﾀﾛｳ",
            "けんこむ たろう", "けんこむ　タロウ" })
    void the_same_name_whatever_its_presentation(String typed) {
        assertThat(KatakanaName.parse("nameKana", typed).value()).isEqualTo("ケンコムタロウ");
    }

    @Test
    void half_width_voiced_marks_compose_and_the_middle_dot_is_presentation() {
        assertThat(KatakanaName.parse("n", "ｶﾞｸｼﾞｭﾂ ﾀﾞｲｽｹ").value()).isEqualTo("ガクジュツダイスケ");
        assertThat(KatakanaName.parse("n", "ｳﾞｨｸﾄﾙ").value()).isEqualTo("ヴィクトル");
        assertThat(KatakanaName.parse("n", "スミス・ジョン").value()).isEqualTo("スミスジョン");
        assertThat(KatakanaName.parse("n", "ｽﾐｽ･ｼﾞｮﾝ").value()).isEqualTo("スミスジョン");
    }

    @Test
    void small_kana_voicing_and_the_long_vowel_stay_significant() {
        assertThat(KatakanaName.parse("n", "ジロウ")).isNotEqualTo(KatakanaName.parse("n", "シロウ"));
        assertThat(KatakanaName.parse("n", "ジロウ")).isNotEqualTo(KatakanaName.parse("n", "ジロー"));
        assertThat(KatakanaName.parse("n", "キョウコ")).isNotEqualTo(KatakanaName.parse("n", "キヨウコ"));
        assertThat(KatakanaName.parse("n", "ゆうこ")).isEqualTo(KatakanaName.parse("n", "ユウコ"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "健康 太郎", "Kencom Taro", "ケンコム1", "ケンコム-タロウ", "ｹﾝｺﾑ?" })
    void anything_but_kana_is_refused(String typed) {
        assertThatThrownBy(() -> KatakanaName.parse("nameKana", typed)).isInstanceOfSatisfying(FieldError.class,
                e -> assertThat(e.reason()).isEqualTo(FieldError.Reason.NOT_KATAKANA));
    }

    @Test
    void blank_and_too_long_are_refused() {
        assertThatThrownBy(() -> KatakanaName.parse("n", " 　")).isInstanceOfSatisfying(FieldError.class,
                e -> assertThat(e.reason()).isEqualTo(FieldError.Reason.REQUIRED));
        assertThatThrownBy(() -> KatakanaName.parse("n", "ア".repeat(61))).isInstanceOfSatisfying(FieldError.class,
                e -> assertThat(e.reason()).isEqualTo(FieldError.Reason.TOO_LONG));
    }

    @Test
    void never_printed() {
        assertThat(KatakanaName.parse("n", "ケンコム").toString()).doesNotContain("ケンコム");
    }
}
