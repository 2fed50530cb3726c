package io.kencom.ekyc.domain.jpki;

import io.kencom.contracts.model.JpkiProfile;
import java.time.LocalDate;

/**
 * The holder as the signing certificate names them: only what matching needs; sex and address are not read.
 * {@code nameHasSubstitutes}: the name is written with substitute characters (氏名代替文字, JpkiProfile.NAME_SUBSTITUTES)
 * where the residence record's character has no code, so it cannot be compared character for character.
 */
public record CardHolder(String name, LocalDate birthDate, boolean nameHasSubstitutes) {

    /** Never print personal data. */
    @Override
    public String toString() {
        return "CardHolder[…]";
    }
}
