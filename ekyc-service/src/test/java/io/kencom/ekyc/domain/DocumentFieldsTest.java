package io.kencom.ekyc.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** Name and birth date as the four documents print them (guide p.20–29), from the text OCR gives back. */
class DocumentFieldsTest {

    @Test
    void a_licence_prints_the_birth_date_on_the_name_line_in_the_japanese_era() {
        DocumentFields read = DocumentFields.parse("氏名 健康 太郎 昭和55年 1月 1日生\n住所 東京都千代田区千代田1-1\n"
                + "交付 令和06年05月01日 12345\n2029年(令和11年)06月01日まで有効");

        assertThat(read.name()).isEqualTo("健康 太郎");
        assertThat(read.birthDate()).isEqualTo(LocalDate.of(1980, 1, 1));
    }

    @Test
    void the_date_on_the_name_line_is_the_birth_date_even_when_ocr_lost_its_mark() {
        assertThat(DocumentFields.parse("氏名 健康 太郎 昭和55年 1月 1日\n交付 令和06年05月01日").birthDate())
                .isEqualTo(LocalDate.of(1980, 1, 1));
    }

    @Test
    void the_my_number_card_has_the_date_on_its_own_line_and_ocr_spacing_and_width_vary() {
        DocumentFields read = DocumentFields.parse("氏 名  健康   花子\n住 所 東京都\n平成 ２年 ３月１５日生 女");

        assertThat(read.name()).isEqualTo("健康 花子");
        assertThat(read.birthDate()).isEqualTo(LocalDate.of(1990, 3, 15));
    }

    @Test
    void a_residence_card_writes_the_birth_date_in_the_western_calendar() {
        DocumentFields read = DocumentFields.parse("氏名 KENKO TARO\n生年月日 1980年01月01日 性別 男\n国籍・地域 ○○");

        assertThat(read.name()).isEqualTo("KENKO TARO");
        assertThat(read.birthDate()).isEqualTo(LocalDate.of(1980, 1, 1));
    }

    @Test
    void the_first_year_of_an_era_and_the_reiwa_era_are_read() {
        assertThat(DocumentFields.parse("令和元年5月1日生").birthDate()).isEqualTo(LocalDate.of(2019, 5, 1));
        assertThat(DocumentFields.parse("平成元年1月8日生").birthDate()).isEqualTo(LocalDate.of(1989, 1, 8));
    }

    @Test
    void dates_that_are_not_the_birth_date_or_do_not_exist_are_not_taken() {
        assertThat(DocumentFields.parse("交付 令和06年05月01日\n2029年06月01日まで有効").birthDate()).isNull();
        assertThat(DocumentFields.parse("昭和55年2月30日生").birthDate()).isNull();
        assertThat(DocumentFields.parse("")).isEqualTo(DocumentFields.NOTHING);
    }

    @Test
    void the_confirmation_agrees_when_only_width_and_spaces_differ() {
        DocumentFields read = new DocumentFields("健康 太郎", LocalDate.of(1980, 1, 1));

        assertThat(read.agreesWith("健康太郎", LocalDate.of(1980, 1, 1))).isTrue();
        assertThat(read.agreesWith("健康　太郎", LocalDate.of(1980, 1, 1))).isTrue();
        assertThat(read.agreesWith("健康 次郎", LocalDate.of(1980, 1, 1))).isFalse();
        assertThat(read.agreesWith("健康 太郎", LocalDate.of(1980, 1, 2))).isFalse();
        assertThat(DocumentFields.NOTHING.agreesWith("健康 太郎", LocalDate.of(1980, 1, 1))).isFalse();
    }
}
