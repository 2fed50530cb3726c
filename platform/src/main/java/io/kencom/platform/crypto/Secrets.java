package io.kencom.platform.crypto;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The service's secrets at rest: AES-256-GCM for what must be read back (a password waiting for its account, an
 * image, a secret answer), HMAC-SHA256 for what is only ever compared (a one-time code). Both keys derive from
 * one master key, {@code kencom.secret-key} (32 bytes, base64), which production takes from its secret store.
 */
@ApplicationScoped
public class Secrets {

    private static final int IV_BYTES = 12;
    private static final int LOOKUP_DIGEST_BYTES = 16;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec sealKey;
    private final SecretKeySpec macKey;
    private final ThreadLocal<Mac> lookupMac;

    Secrets(@ConfigProperty(name = "kencom.secret-key") String masterKeyBase64) {
        byte[] master = Base64.getDecoder().decode(masterKeyBase64);
        if (master.length != 32) {
            throw new IllegalArgumentException("kencom.secret-key must be 32 bytes, base64-encoded");
        }
        this.sealKey = new SecretKeySpec(derive(master, "seal"), "AES");
        this.macKey = new SecretKeySpec(derive(master, "mac"), "HmacSHA256");
        SecretKeySpec lookupKey = new SecretKeySpec(derive(master, "lookup"), "HmacSHA256");
        this.lookupMac = ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(lookupKey);
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** Encrypts and authenticates; the result (base64 of IV + ciphertext + tag) is safe to store. */
    public String seal(String plaintext) {
        return Base64.getEncoder().encodeToString(sealBytes(plaintext.getBytes(StandardCharsets.UTF_8)));
    }

    /** Decrypts what {@link #seal} produced; fails when it was altered or sealed under another key. */
    public String open(String sealed) {
        return new String(openBytes(Base64.getDecoder().decode(sealed)), StandardCharsets.UTF_8);
    }

    /** {@link #seal} for binary content (an image): IV + ciphertext + tag. */
    public byte[] sealBytes(byte[] plaintext) {
        try {
            byte[] iv = new byte[IV_BYTES];
            RANDOM.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, sealKey, new GCMParameterSpec(TAG_BITS, iv));
            byte[] sealed = new byte[IV_BYTES + cipher.getOutputSize(plaintext.length)];
            System.arraycopy(iv, 0, sealed, 0, IV_BYTES);
            cipher.doFinal(plaintext, 0, plaintext.length, sealed, IV_BYTES);
            return sealed;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot seal", e);
        }
    }

    /** Decrypts what {@link #sealBytes} produced; fails when it was altered or sealed under another key. */
    public byte[] openBytes(byte[] sealed) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, sealKey, new GCMParameterSpec(TAG_BITS, sealed, 0, IV_BYTES));
            return cipher.doFinal(sealed, IV_BYTES, sealed.length - IV_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot open a sealed value", e);
        }
    }

    /** A keyed hash: without the key, a stolen table does not let one try the million six-digit codes. */
    public String mac(String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(macKey);
            return Base64.getEncoder().encodeToString(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot compute a MAC", e);
        }
    }

    /**
     * A keyed digest (HMAC-SHA256, first 16 bytes) of personal data kept only to be found again by equality (a roster
     * entry, DOMAIN §4): the same input always gives the same digest, so it can be indexed; without the key it cannot
     * be reversed by trying the few million plausible inputs. Fast enough for bulk loads (one Mac per thread).
     * Truncated to 128 bits (RFC 2104 §5 allows it): smaller indexes, and a collision among even 10^9 entries has a
     * probability below 10^-20.
     */
    public byte[] lookupDigest(String value) {
        Mac mac = lookupMac.get();
        return java.util.Arrays.copyOf(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)), LOOKUP_DIGEST_BYTES);
    }

    /** Constant-time comparison of a candidate against a stored MAC. */
    public boolean matches(String value, String storedMac) {
        return java.security.MessageDigest.isEqual(mac(value).getBytes(StandardCharsets.US_ASCII),
                storedMac.getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] derive(byte[] master, String purpose) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(master, "HmacSHA256"));
            return mac.doFinal(("kencom/" + purpose).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
