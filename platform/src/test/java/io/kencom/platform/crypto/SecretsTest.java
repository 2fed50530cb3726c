package io.kencom.platform.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SecretsTest {

    private static Secrets secrets(int seed) {
        return new Secrets(key(seed));
    }

    private static String key(int seed) {
        byte[] key = new byte[32];
        key[0] = (byte) seed;
        return Base64.getEncoder().encodeToString(key);
    }

    /** Master key {@code seed} after a rotation from {@code previous}, with the lookup key pinned to {@code lookup}. */
    private static Secrets rotated(int seed, int previous, int lookup) {
        return new Secrets(key(seed), Optional.of(List.of(key(previous))), Optional.of(key(lookup)));
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

    @Test
    void after_a_rotation_what_the_old_key_sealed_still_opens_and_new_seals_use_the_new_key() {
        byte[] sealedBefore = secrets(1).sealBytes(new byte[] { 1, 2, 3 });
        String textBefore = secrets(1).seal("秘密の答え");

        Secrets after = rotated(2, 1, 1);

        assertThat(after.openBytes(sealedBefore)).containsExactly(1, 2, 3);
        assertThat(after.open(textBefore)).isEqualTo("秘密の答え");
        byte[] sealedAfter = after.sealBytes(new byte[] { 4 });
        assertThat(secrets(2).openBytes(sealedAfter)).containsExactly(4);
        assertThatThrownBy(() -> secrets(1).openBytes(sealedAfter)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void after_a_rotation_a_code_macd_under_the_old_key_still_matches_and_a_wrong_one_does_not() {
        String stored = secrets(1).mac("flow:123456");

        Secrets after = rotated(2, 1, 1);

        assertThat(after.matches("flow:123456", stored)).isTrue();
        assertThat(after.matches("flow:654321", stored)).isFalse();
        assertThat(after.mac("flow:123456")).isEqualTo(secrets(2).mac("flow:123456")).isNotEqualTo(stored);
        assertThat(secrets(3).matches("flow:123456", stored)).isFalse();
    }

    @Test
    void lookup_digests_follow_the_pinned_lookup_key_not_the_rotated_master_key() {
        byte[] before = secrets(1).lookupDigest("06123456|12345");

        assertThat(rotated(2, 1, 1).lookupDigest("06123456|12345")).isEqualTo(before);
        assertThat(secrets(2).lookupDigest("06123456|12345")).isNotEqualTo(before);
    }

    @Test
    void a_key_of_the_wrong_length_is_refused_by_name() {
        assertThatThrownBy(() -> new Secrets(key(1), Optional.of(List.of("c2hvcnQ=")), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("kencom.secret-key.previous");
    }
}
