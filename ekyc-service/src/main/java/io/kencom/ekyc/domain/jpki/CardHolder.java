package io.kencom.ekyc.domain.jpki;

import java.time.LocalDate;

/** The holder as the signing certificate names them: only what matching needs; sex and address are not read. */
public record CardHolder(String name, LocalDate birthDate) {

    /** Never print personal data. */
    @Override
    public String toString() {
        return "CardHolder[…]";
    }
}
