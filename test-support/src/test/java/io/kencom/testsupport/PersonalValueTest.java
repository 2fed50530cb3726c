package io.kencom.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class PersonalValueTest {

    @Test
    void a_value_is_found_in_text_and_in_bytes_alike() {
        String row = "{\"name\": \"健康 花子\", \"code\": \"482913\"}";
        // Binary around the value: bytes that are no UTF-8 character at all.
        byte[] bytes = concat(new byte[] { 0, (byte) 0xC3, (byte) 0xFF }, row.getBytes(StandardCharsets.UTF_8),
                new byte[] { (byte) 0xE3, (byte) 0x80 });

        assertThat(PersonalValue.pattern("健康 花子").matcher(row).find()).isTrue();
        assertThat(inBytes(bytes, "健康 花子")).isTrue();
        assertThat(inBytes(bytes, "482913")).isTrue();
        assertThat(inBytes(bytes, "健康 太郎")).isFalse();
    }

    @Test
    void digits_count_only_as_a_word_of_their_own() {
        byte[] longerNumber = "id 94829135".getBytes(StandardCharsets.UTF_8);
        byte[] inBase64 = "q8Zx482913/Ab".getBytes(StandardCharsets.UTF_8);

        assertThat(PersonalValue.pattern("482913").matcher("id 94829135").find()).isFalse();
        assertThat(inBytes(longerNumber, "482913")).isFalse();
        assertThat(inBytes(inBase64, "482913")).isFalse();
        assertThat(inBytes("code=482913;".getBytes(StandardCharsets.UTF_8), "482913")).isTrue();
    }

    @Test
    void a_birth_date_is_looked_for_whole_in_each_way_it_is_written_never_as_a_bare_year() {
        assertThat(PersonalValue.birthDate(LocalDate.of(1980, 1, 1))).containsExactly("1980-01-01", "19800101",
                "1980/01/01", "1980年1月1日", "1980年01月01日", "昭和55年1月1日");
        assertThat(PersonalValue.birthDate(LocalDate.of(2019, 5, 1))).contains("令和1年5月1日");
        // A timestamp's nanoseconds hold the year, not the date.
        assertThat("\"submittedAt\":\"2026-12-07T19:41:23.262198035Z\"")
                .doesNotContain(PersonalValue.birthDate(LocalDate.of(1980, 1, 1)));
    }

    private static boolean inBytes(byte[] bytes, String value) {
        return PersonalValue.pattern(value).matcher(PersonalValue.asText(bytes)).find();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
