package io.kencom.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PersonalValueTest {

    @Test
    void a_value_is_found_in_text_and_in_bytes_alike() {
        String row = "{\"name\": \"健康 花子\", \"code\": \"482913\"}";
        byte[] bytes = ("\u0000\u0001" + row + "\u00ff").getBytes(StandardCharsets.UTF_8);

        assertThat(PersonalValue.pattern("健康 花子").matcher(row).find()).isTrue();
        assertThat(PersonalValue.occursIn(bytes, "健康 花子")).isTrue();
        assertThat(PersonalValue.occursIn(bytes, "482913")).isTrue();
        assertThat(PersonalValue.occursIn(bytes, "健康 太郎")).isFalse();
    }

    @Test
    void digits_count_only_as_a_word_of_their_own() {
        byte[] longerNumber = "id 94829135".getBytes(StandardCharsets.UTF_8);
        byte[] inBase64 = "q8Zx482913/Ab".getBytes(StandardCharsets.UTF_8);

        assertThat(PersonalValue.pattern("482913").matcher("id 94829135").find()).isFalse();
        assertThat(PersonalValue.occursIn(longerNumber, "482913")).isFalse();
        assertThat(PersonalValue.occursIn(inBase64, "482913")).isFalse();
        assertThat(PersonalValue.occursIn("code=482913;".getBytes(StandardCharsets.UTF_8), "482913")).isTrue();
    }
}
