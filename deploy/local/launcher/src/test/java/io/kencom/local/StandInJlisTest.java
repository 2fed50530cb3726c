package io.kencom.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The stand-in J-LIS's cards: keys made ahead of time are whole RSA 2048 pairs, and no two cards share one. */
class StandInJlisTest {

    @Test
    void every_card_has_a_key_pair_of_its_own_made_ahead_or_afresh_once_those_run_out() throws Exception {
        StandInJlis jlis = new StandInJlis("Test J-LIS", Instant.now());
        int madeAhead = StandInJlis.CardKeys.madeAhead();
        assertThat(madeAhead).as("keys made ahead").isGreaterThanOrEqualTo(50);
        Set<Object> moduli = new HashSet<>();
        for (int i = 0; i <= madeAhead; i++) { // one beyond them: made afresh
            StandInJlis.Card card = jlis.signingCard("健康　太郎" + i, LocalDate.of(1980, 1, 2));
            RSAPublicKey key = (RSAPublicKey) card.certificate().getPublicKey();
            assertThat(key.getModulus().bitLength()).as("card %d's modulus", i).isEqualTo(2048);
            assertThat(key).isEqualTo(card.keys().getPublic());
            assertThat(moduli.add(key.getModulus())).as("card %d's key, its own", i).isTrue();
            assertThat(verifies(card.keys(), card.sign(nonce(i)), nonce(i))).as("card %d signs", i).isTrue();
        }
        assertThat(StandInJlis.CardKeys.madeAhead()).isZero();
    }

    @Test
    void the_keys_made_ahead_are_whole_crt_keys_of_two_1024_bit_primes() {
        for (KeyPair keys : StandInJlis.CardKeys.read()) {
            RSAPrivateCrtKey key = (RSAPrivateCrtKey) keys.getPrivate();
            assertThat(key.getPrimeP().bitLength()).isEqualTo(1024);
            assertThat(key.getPrimeQ().bitLength()).isEqualTo(1024);
            assertThat(key.getPrimeP().isProbablePrime(64)).isTrue();
            assertThat(key.getPrimeQ().isProbablePrime(64)).isTrue();
            assertThat(key.getPrimeP().multiply(key.getPrimeQ())).isEqualTo(key.getModulus());
            assertThat(((RSAPublicKey) keys.getPublic()).getModulus()).isEqualTo(key.getModulus());
        }
    }

    private static byte[] nonce(int i) {
        return ("nonce " + i).getBytes(StandardCharsets.UTF_8);
    }

    private static boolean verifies(KeyPair keys, byte[] signature, byte[] data) throws Exception {
        Signature s = Signature.getInstance("SHA256withRSA");
        s.initVerify(keys.getPublic());
        s.update(data);
        return s.verify(signature);
    }
}
