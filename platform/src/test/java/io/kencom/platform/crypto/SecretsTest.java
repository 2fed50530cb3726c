package io.kencom.platform.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SecretsTest {

    private static Secrets secrets(int seed) {
        byte[] key = new byte[32];
        key[0] = (byte) seed;
        return new Secrets(Base64.getEncoder().encodeToString(key));
    }

    @Test
    void sealed_bytes_open_to_the_same_bytes_and_never_show_them() {
        byte[] image = "\u00ff\u00d8 pretend JPEG".getBytes(StandardCharsets.ISO_8859_1);
        byte[] sealed = secrets(1).sealBytes(image);

        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("pretend");
        assertThat(secrets(1).openBytes(sealed)).isEqualTo(image);
        assertThat(secrets(1).sealBytes(image)).isNotEqualTo(sealed);
    }

    @Test
    void altered_or_foreign_seals_do_not_open() {
        byte[] sealed = secrets(1).sealBytes(new byte[] { 1, 2, 3 });
        byte[] altered = sealed.clone();
        altered[altered.length - 1] ^= 1;

        assertThatThrownBy(() -> secrets(1).openBytes(altered)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> secrets(2).openBytes(sealed)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void sealed_text_opens_to_the_same_text() {
        assertThat(secrets(1).open(secrets(1).seal("健康 太郎"))).isEqualTo("健康 太郎");
    }
}
