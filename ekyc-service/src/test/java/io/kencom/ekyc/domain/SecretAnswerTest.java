package io.kencom.ekyc.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.kencom.ekyc.infra.Argon2Hasher;
import org.junit.jupiter.api.Test;

/** The secret answer ignores width, case and spaces (guide p.32), and is kept only as an Argon2id hash. */
class SecretAnswerTest {

    @Test
    void width_case_and_spaces_do_not_count() {
        assertThat(SecretAnswer.normalise(" ＫＥＮ　com ")).isEqualTo("kencom");
        assertThat(SecretAnswer.normalise("ﾎﾟﾁ")).isEqualTo("ポチ");
        assertThat(SecretAnswer.normalise("第一 小学校")).isEqualTo("第一小学校");
    }

    @Test
    void kana_kind_and_small_kana_still_count() {
        assertThat(SecretAnswer.normalise("ぽち")).isNotEqualTo(SecretAnswer.normalise("ポチ"));
        assertThat(SecretAnswer.normalise("キョウコ")).isNotEqualTo(SecretAnswer.normalise("キヨウコ"));
    }

    @Test
    void the_hash_matches_the_answer_only_and_is_salted() {
        String hash = Argon2Hasher.hash("kencom");

        assertThat(hash).startsWith("argon2id$").doesNotContain("kencom");
        assertThat(Argon2Hasher.matches("kencom", hash)).isTrue();
        assertThat(Argon2Hasher.matches("kencon", hash)).isFalse();
        assertThat(Argon2Hasher.hash("kencom")).isNotEqualTo(hash);
    }
}
