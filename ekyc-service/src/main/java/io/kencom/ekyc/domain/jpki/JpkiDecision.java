package io.kencom.ekyc.domain.jpki;

import java.security.MessageDigest;
import java.util.function.BiFunction;
import java.time.LocalDate;

/**
 * What a JPKI check means for the member: approved when the card is good and its holder is the insured person the
 * member is linked to (their pseudonyms of kanji name and birth date are equal), else refused with a stable code.
 * Which of name or birth date differs cannot be told, and need not be: the member learns what to do either way.
 */
public sealed interface JpkiDecision {

    /** APPROVED, or the refusal's code. */
    String code();

    /** The check's findings when the card itself was good (for the audit record); null otherwise. */
    JpkiCheck.Verified verified();

    record Approved(JpkiCheck.Verified verified) implements JpkiDecision {
        @Override
        public String code() {
            return "APPROVED";
        }
    }

    record Refused(String code, JpkiCheck.Verified verified) implements JpkiDecision {
    }

    /** The card names someone other than the linked insured person (name or birth date). */
    String HOLDER_MISMATCH = "HOLDER_MISMATCH";
    /** The roster gives no kanji name for the linked person: nothing to compare the card with. */
    String JPKI_NAME_UNAVAILABLE = "JPKI_NAME_UNAVAILABLE";
    /** The card writes the name with substitute characters (氏名代替文字): not comparable character for character. */
    String NAME_NOT_COMPARABLE = "NAME_NOT_COMPARABLE";

    /**
     * {@code linkedHolder}: the linked person's holder pseudonym (null when the roster gives no kanji name);
     * {@code holderRefOf}: the same pseudonym of a name and birth date (PersonReferences.holderOf).
     */
    static JpkiDecision of(JpkiCheck.Result result, byte[] linkedHolder,
            BiFunction<String, LocalDate, byte[]> holderRefOf) {
        if (result instanceof JpkiCheck.Refused refused) {
            return new Refused(refused.reason().name(), null);
        }
        JpkiCheck.Verified verified = (JpkiCheck.Verified) result;
        if (verified.holder().nameHasSubstitutes()) {
            return new Refused(NAME_NOT_COMPARABLE, verified);
        }
        if (linkedHolder == null) {
            return new Refused(JPKI_NAME_UNAVAILABLE, verified);
        }
        byte[] card = holderRefOf.apply(verified.holder().name(), verified.holder().birthDate());
        return card != null && MessageDigest.isEqual(card, linkedHolder) ? new Approved(verified)
                : new Refused(HOLDER_MISMATCH, verified);
    }
}
