package io.kencom.platform.crypto;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The service's secrets at rest: AES-256-GCM for what must be read back (a password waiting for its account, an
 * image, a secret answer), HMAC-SHA256 for what is only ever compared (a one-time code). Both keys derive from
 * one master key, {@code kencom.secret-key} (32 bytes, base64), which production takes from its secret store.
 *
 * <p>Rotation (docs/deploy.md): a new master key seals and MACs from its first use; the keys it replaced, listed in
 * {@code kencom.secret-key.previous}, still open what they sealed and still match what they MACed, so nothing sealed
 * is lost. The lookup digests are indexed and cannot be tried key by key, so they derive from their own
 * {@code kencom.lookup-key} when it is set (the master key otherwise), which a rotation leaves as it is.
 */
@ApplicationScoped
public class Secrets {

    private static final int IV_BYTES = 12;
    private static final int LOOKUP_DIGEST_BYTES = 16;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The current key first, then the ones it replaced. */
    private final List<SecretKeySpec> sealKeys;
    private final List<SecretKeySpec> macKeys;
    private final ThreadLocal<Mac> lookupMac;

    Secrets(String masterKeyBase64) {
        this(masterKeyBase64, Optional.empty(), Optional.empty());
    }

    @Inject
    Secrets(@ConfigProperty(name = "kencom.secret-key") String masterKeyBase64,
            @ConfigProperty(name = "kencom.secret-key.previous") Optional<List<String>> previousMasterKeys,
            @ConfigProperty(name = "kencom.lookup-key") Optional<String> lookupMasterKey) {
        List<byte[]> masters = new ArrayList<>();
        masters.add(masterKey("kencom.secret-key", masterKeyBase64));
        previousMasterKeys.orElse(List.of()).forEach(k -> masters.add(masterKey("kencom.secret-key.previous", k)));
        this.sealKeys = masters.stream().map(m -> new SecretKeySpec(derive(m, "seal"), "AES")).toList();
        this.macKeys = masters.stream().map(m -> new SecretKeySpec(derive(m, "mac"), "HmacSHA256")).toList();
        byte[] lookupMaster = lookupMasterKey.map(k -> masterKey("kencom.lookup-key", k)).orElse(masters.get(0));
        SecretKeySpec lookupKey = new SecretKeySpec(derive(lookupMaster, "lookup"), "HmacSHA256");
        this.lookupMac = macPerThread(lookupKey);
    }

    /** An HMAC-SHA256 under {@code key} for each thread: initialised once, fast enough for bulk loads. */
    static ThreadLocal<Mac> macPerThread(SecretKeySpec key) {
        return ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(key);
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
            cipher.init(Cipher.ENCRYPT_MODE, sealKeys.get(0), new GCMParameterSpec(TAG_BITS, iv));
            byte[] sealed = new byte[IV_BYTES + cipher.getOutputSize(plaintext.length)];
            System.arraycopy(iv, 0, sealed, 0, IV_BYTES);
            cipher.doFinal(plaintext, 0, plaintext.length, sealed, IV_BYTES);
            return sealed;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot seal", e);
        }
    }

    /**
     * Decrypts what {@link #sealBytes} produced under the current key or one it replaced (GCM's tag tells which
     * key fits); fails when it was altered or sealed under a key this service does not hold.
     */
    public byte[] openBytes(byte[] sealed) {
        GeneralSecurityException failure = null;
        for (SecretKeySpec key : sealKeys) {
            try {
                Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
                cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, IV_BYTES));
                return cipher.doFinal(sealed, IV_BYTES, sealed.length - IV_BYTES);
            } catch (GeneralSecurityException e) {
                failure = e;
            }
        }
        throw new IllegalStateException("cannot open a sealed value", failure);
    }

    /** A keyed hash: without the key, a stolen table does not let one try the million six-digit codes. */
    public String mac(String value) {
        return mac(macKeys.get(0), value);
    }

    private static String mac(SecretKeySpec key, String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return Base64.getEncoder().encodeToString(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot compute a MAC", e);
        }
    }

    /**
     * A keyed digest (HMAC-SHA256, first 16 bytes) of personal data kept only to be found again by equality (a roster
     * entry, domain.md §4): the same input always gives the same digest, so it can be indexed; without the key it cannot
     * be reversed by trying the few million plausible inputs. Fast enough for bulk loads (one Mac per thread).
     * Truncated to 128 bits (RFC 2104 §5 allows it): smaller indexes, and a collision among even 10^9 entries has a
     * probability below 10^-20.
     */
    public byte[] lookupDigest(String value) {
        Mac mac = lookupMac.get();
        return Arrays.copyOf(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)), LOOKUP_DIGEST_BYTES);
    }

    /** Constant-time comparison of a candidate against a MAC stored under the current key or one it replaced. */
    public boolean matches(String value, String storedMac) {
        byte[] stored = storedMac.getBytes(StandardCharsets.US_ASCII);
        boolean matched = false;
        for (SecretKeySpec key : macKeys) {
            matched |= MessageDigest.isEqual(mac(key, value).getBytes(StandardCharsets.US_ASCII), stored);
        }
        return matched;
    }

    /** A 32-byte key from its base64 configuration value {@code name}; refused at start otherwise. */
    static byte[] masterKey(String name, String base64) {
        byte[] master = Base64.getDecoder().decode(base64.trim());
        if (master.length != 32) {
            throw new IllegalArgumentException(name + " must be 32 bytes, base64-encoded");
        }
        return master;
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
