package io.kencom.platform.crypto;

import io.kencom.contracts.model.InsurerNumber;
import io.kencom.contracts.model.KanjiName;
import io.kencom.contracts.model.PersonalId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A pseudonym of an insured person that the services holding {@code kencom.person-ref-key} compute alike and nobody
 * else can: HMAC-SHA256 (first 16 bytes) of the insurer number and the insurer's personal ID (個人識別番号).
 * insured-verification-service computes it when a roster entry arrives and carries it on {@code AccountVerified};
 * ekyc-service computes it for a checkup viewing code issued to one person, so only that person's member can redeem
 * it. A key of its own, not a service's lookup key: it is shared by two services, and the roster's own digests stay
 * under a key only insured-verification-service holds (docs/decisions.md §14).
 */
@ApplicationScoped
public class PersonReferences {

    private static final int BYTES = 16;
    private static final char SEPARATOR = '\u001f';

    private final ThreadLocal<Mac> mac;

    @Inject
    PersonReferences(@ConfigProperty(name = "kencom.person-ref-key") String keyBase64) {
        this.mac = Secrets.macPerThread(new SecretKeySpec(Secrets.masterKey("kencom.person-ref-key", keyBase64),
                "HmacSHA256"));
    }

    /**
     * The person's reference. {@code personalId} in its one form ({@link PersonalId#normalise}); the same person always
     * gives the same bytes under one key.
     */
    public byte[] of(InsurerNumber insurer, String personalId) {
        String text = "person-ref" + SEPARATOR + insurer.value() + SEPARATOR + personalId;
        return Arrays.copyOf(mac.get().doFinal(text.getBytes(StandardCharsets.UTF_8)), BYTES);
    }

    /**
     * A pseudonym of a person's identity as a name and a birth date: the roster's (insured-verification-service) and
     * a My Number card's (ekyc-service, JPKI) are equal when they name the same person, and neither service learns
     * the other's name. {@code kanjiName} in any form {@link KanjiName#normalise} folds; null when it folds to nothing.
     */
    public byte[] holderOf(String kanjiName, LocalDate birthDate) {
        String name = KanjiName.normalise(kanjiName);
        if (name == null || birthDate == null) {
            return null;
        }
        String text = "holder-ref" + SEPARATOR + name + SEPARATOR + birthDate;
        return Arrays.copyOf(mac.get().doFinal(text.getBytes(StandardCharsets.UTF_8)), BYTES);
    }

    /** The form an event carries: base64url without padding (22 characters). */
    public static String text(byte[] reference) {
        return reference == null ? null : Base64.getUrlEncoder().withoutPadding().encodeToString(reference);
    }

    /** The bytes of {@link #text}'s form; null for null. */
    public static byte[] bytes(String text) {
        return text == null ? null : Base64.getUrlDecoder().decode(text);
    }
}
