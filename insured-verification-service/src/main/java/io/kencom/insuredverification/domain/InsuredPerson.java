package io.kencom.insuredverification.domain;

import io.kencom.contracts.model.InsurerNumber;
import java.time.LocalDate;

/**
 * What identifies an insured person here, as the texts whose keyed digests are stored (docs/insured-verification-
 * service.md, "Storage"): the insurer's personal ID within the insurer (the roster's key, 個人識別番号), and the card
 * as a member presents it (the match). Fields are separated by a control character no field can contain.
 */
public final class InsuredPerson {

    private static final char SEPARATOR = '\u001f';

    private InsuredPerson() {
    }

    /** The roster entry's key: insurer number + personal ID. */
    public static String personText(InsurerNumber insurer, String personalId) {
        return insurer.value() + SEPARATOR + personalId;
    }

    /** The match: insurer number, symbol, number, katakana name and birth date, each without presentation. */
    public static String matchText(InsurerNumber insurer, CardHolder holder) {
        return insurer.value() + SEPARATOR + holder.card().symbol() + SEPARATOR + holder.card().number() + SEPARATOR
                + holder.name().value() + SEPARATOR + holder.birthDate();
    }

    /** The card's data and its holder's name and birth date, normalised. */
    public record CardHolder(CardNumbers card, KatakanaName name, LocalDate birthDate) {

        @Override
        public String toString() {
            return "CardHolder[…]";
        }
    }
}
