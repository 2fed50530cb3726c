package io.kencom.contracts.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KanjiNameTest {

    @Test
    void the_card_and_the_roster_write_one_name_alike_whatever_the_spaces_and_the_width() {
        assertThat(KanjiName.normalise("健康　太郎")).isEqualTo("健康太郎"); // the card: a full-width space
        assertThat(KanjiName.normalise(" 健康 太郎 ")).isEqualTo("健康太郎");
        assertThat(KanjiName.normalise("健康太郎")).isEqualTo("健康太郎");
        assertThat(KanjiName.normalise("ＪＯＨＮ　ＳＭＩＴＨ")).isEqualTo("JOHNSMITH");
    }

    @Test
    void an_old_or_variant_character_reads_as_the_common_form_a_roster_writes() {
        assertThat(KanjiName.normalise("髙橋　一郎")).isEqualTo(KanjiName.normalise("高橋一郎"));
        assertThat(KanjiName.normalise("山﨑　花子")).isEqualTo(KanjiName.normalise("山崎花子"));
        assertThat(KanjiName.normalise("渡邊　健")).isEqualTo(KanjiName.normalise("渡辺健"))
                .isEqualTo(KanjiName.normalise("渡邉健"));
        assertThat(KanjiName.normalise("齋藤　澤子")).isEqualTo(KanjiName.normalise("斎藤沢子"));
        assertThat(KanjiName.normalise("齊藤")).isEqualTo("斉藤").isNotEqualTo(KanjiName.normalise("斎藤"));
        assertThat(KanjiName.normalise("\uF91D")).isEqualTo("\u6B04"); // a compatibility ideograph (欄), by NFKC
    }

    @Test
    void different_names_stay_different() {
        assertThat(KanjiName.normalise("高橋一郎")).isNotEqualTo(KanjiName.normalise("高橋二郎"));
        assertThat(KanjiName.normalise("健康太郎")).isNotEqualTo(KanjiName.normalise("ケンコウタロウ"));
    }

    @Test
    void nothing_but_spaces_is_no_name() {
        assertThat(KanjiName.normalise("　 ")).isNull();
        assertThat(KanjiName.normalise(null)).isNull();
    }

    @Test
    void every_variant_maps_to_another_character_that_is_not_itself_a_variant() {
        KanjiName.VARIANTS.forEach((variant, common) -> {
            assertThat(KanjiName.VARIANTS).as(variant + " → " + common).doesNotContainKey(common);
        });
    }
}
