package io.kencom.ekyc.domain.jpki;

import static org.assertj.core.api.Assertions.assertThat;

import io.kencom.ekyc.domain.jpki.JpkiCheck.Refused;
import io.kencom.ekyc.domain.jpki.JpkiCheck.Verified;
import io.kencom.ekyc.testing.TestJlis;
import io.kencom.local.StandInJlis.Card;
import io.kencom.testsupport.PersonalValue;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.Test;

/** The card's certificate and its signature over the nonce, against a CA made here in J-LIS's place. */
class JpkiCheckTest {

    private static final Instant NOW = Instant.parse("2027-04-01T01:00:00Z");
    private static final TestJlis JLIS = new TestJlis("Test J-LIS", NOW);
    private static final LocalDate BORN = LocalDate.of(1980, 1, 2);

    private final byte[] nonce = "nonce-1".getBytes(StandardCharsets.UTF_8);

    @Test
    void a_signing_certificate_under_the_anchor_with_its_signature_over_the_nonce_names_its_holder() {
        Card card = JLIS.signingCard("健康　太郎", BORN);

        JpkiCheck.Result result = JpkiCheck.verify(card.der(), card.sign(nonce), nonce, JLIS.trust(), NOW);

        assertThat(result).isInstanceOfSatisfying(Verified.class, v -> {
            assertThat(v.holder().name()).isEqualTo("健康　太郎");
            assertThat(v.holder().birthDate()).isEqualTo(BORN);
            assertThat(v.serial()).isEqualTo(card.certificate().getSerialNumber());
            assertThat(v.issuer()).contains("CN=Test J-LIS Signing CA");
            assertThat(v.certificateDigest()).isEqualTo(sha256(card.der()));
            assertThat(v.holder().toString()).doesNotContain("太郎").doesNotContain(PersonalValue.birthDate(BORN));
        });
    }

    @Test
    void a_signature_over_another_nonce_or_by_another_key_is_refused() {
        Card card = JLIS.signingCard("健康　太郎", BORN);
        Card other = JLIS.signingCard("健康　花子", BORN);

        assertRefused(JpkiCheck.verify(card.der(), card.sign("nonce-2".getBytes()), nonce, JLIS.trust(), NOW),
                JpkiRefusal.SIGNATURE_INVALID);
        assertRefused(JpkiCheck.verify(card.der(), other.sign(nonce), nonce, JLIS.trust(), NOW),
                JpkiRefusal.SIGNATURE_INVALID);
        assertRefused(JpkiCheck.verify(card.der(), new byte[] {1, 2, 3}, nonce, JLIS.trust(), NOW),
                JpkiRefusal.SIGNATURE_INVALID);
    }

    @Test
    void a_certificate_of_a_ca_that_is_not_an_anchor_is_refused() {
        TestJlis impostor = new TestJlis("Test J-LIS", NOW); // same names, other keys
        Card card = impostor.signingCard("健康　太郎", BORN);

        assertRefused(JpkiCheck.verify(card.der(), card.sign(nonce), nonce, JLIS.trust(), NOW),
                JpkiRefusal.CERTIFICATE_UNTRUSTED);
    }

    @Test
    void an_expired_or_not_yet_valid_certificate_is_refused() {
        Card expired = JLIS.card("健康　太郎", BORN, NOW.minus(Duration.ofDays(1826)), NOW.minus(Duration.ofDays(1)),
                KeyUsage.digitalSignature | KeyUsage.nonRepudiation);
        Card early = JLIS.card("健康　太郎", BORN, NOW.plus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(1826)),
                KeyUsage.digitalSignature | KeyUsage.nonRepudiation);

        assertRefused(JpkiCheck.verify(expired.der(), expired.sign(nonce), nonce, JLIS.trust(), NOW),
                JpkiRefusal.CERTIFICATE_EXPIRED);
        assertRefused(JpkiCheck.verify(early.der(), early.sign(nonce), nonce, JLIS.trust(), NOW),
                JpkiRefusal.CERTIFICATE_EXPIRED);
    }

    @Test
    void a_revoked_certificate_is_refused() {
        Card card = JLIS.signingCard("健康　太郎", BORN);

        assertRefused(JpkiCheck.verify(card.der(), card.sign(nonce), nonce, JLIS.trust(card.certificate()), NOW),
                JpkiRefusal.CERTIFICATE_REVOKED);
    }

    @Test
    void without_a_fresh_crl_of_every_issuer_the_answer_is_unknown_and_a_refusal() {
        Card card = JLIS.signingCard("健康　太郎", BORN);
        byte[] signature = card.sign(nonce);

        assertRefused(JpkiCheck.verify(card.der(), signature, nonce, JLIS.trustWith(List.of(JLIS.staleCrl(),
                JLIS.rootCrl())), NOW), JpkiRefusal.REVOCATION_STATUS_UNKNOWN);
        assertRefused(JpkiCheck.verify(card.der(), signature, nonce, JLIS.trustWith(List.of(JLIS.rootCrl())), NOW),
                JpkiRefusal.REVOCATION_STATUS_UNKNOWN);
        assertRefused(JpkiCheck.verify(card.der(), signature, nonce, JLIS.trustWith(List.of()), NOW),
                JpkiRefusal.REVOCATION_STATUS_UNKNOWN);
    }

    @Test
    void the_user_authentication_certificate_which_names_nobody_is_refused_with_its_own_code() {
        Card card = JLIS.authenticationCard();

        assertRefused(JpkiCheck.verify(card.der(), card.sign(nonce), nonce, JLIS.trust(), NOW),
                JpkiRefusal.NOT_A_SIGNING_CERTIFICATE);
    }

    @Test
    void a_key_that_may_not_sign_or_bytes_that_are_no_certificate_are_refused() {
        Card encipherOnly = JLIS.card("健康　太郎", BORN, NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(1)),
                KeyUsage.keyEncipherment);

        assertRefused(JpkiCheck.verify(encipherOnly.der(), encipherOnly.sign(nonce), nonce, JLIS.trust(), NOW),
                JpkiRefusal.KEY_USAGE_NOT_SIGNING);
        assertRefused(JpkiCheck.verify("not a certificate".getBytes(), new byte[256], nonce, JLIS.trust(), NOW),
                JpkiRefusal.CERTIFICATE_UNREADABLE);
    }

    @Test
    void the_profiles_birth_date_is_a_calendar_digit_then_the_gregorian_date() {
        assertThat(JpkiCheck.birthDate("119800102")).isEqualTo(BORN);
        assertThat(JpkiCheck.birthDate("19800102")).isEqualTo(BORN);
        assertThat(JpkiCheck.birthDate("119801302")).isNull();
        assertThat(JpkiCheck.birthDate("1980")).isNull();
    }

    private static void assertRefused(JpkiCheck.Result result, JpkiRefusal reason) {
        assertThat(result).isInstanceOfSatisfying(Refused.class, r -> assertThat(r.reason()).isEqualTo(reason));
    }

    private static byte[] sha256(byte[] der) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(der);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
