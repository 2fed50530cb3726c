package io.kencom.e2e.journey;

import java.time.LocalDate;

/**
 * An insured person as their insurer's roster holds them (加入者名簿) and as their insurance card prints them.
 * {@code symbol} is null for cards of number only (patterns 1 and 2); {@code nameKanji} (漢字氏名) null where the
 * roster gives none.
 */
record Person(String personalId, String symbol, String number, String nameKana, LocalDate birthDate,
        String nameKanji) {

    Person(String personalId, String symbol, String number, String nameKana, LocalDate birthDate) {
        this(personalId, symbol, number, nameKana, birthDate, null);
    }

    /** Never print personal data, not even in a test's failure message. */
    @Override
    public String toString() {
        return "Person[" + personalId + "]";
    }
}
