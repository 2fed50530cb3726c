package io.kencom.contracts.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One insured person's entry in an insurer's roster (加入者名簿), as the insurer pushes it. Inbound from insurers and
 * read only by insured-verification-service: the one event that carries card data, names and birth dates.
 * {@code personalId} is the insurer's own stable id for the person (not the My Number). {@code nameKanji}, optional,
 * is the name as the residence record writes it (漢字氏名): what a My Number card's certificate is compared with.
 */
public record RosterUpdated(String insurerNumber, String personalId, Change change, String symbol, String number,
        String nameKana, LocalDate birthDate, LocalDate qualifiedOn, LocalDate qualificationLostOn, Instant updatedAt,
        String nameKanji) implements RosterEvent {

    public enum Change {
        ENROLLED,
        CHANGED,
        /** 資格喪失 */
        QUALIFICATION_LOST,
        REINSTATED
    }

    public RosterUpdated {
        Objects.requireNonNull(insurerNumber, "insurerNumber");
        Objects.requireNonNull(personalId, "personalId");
        Objects.requireNonNull(change, "change");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /** Without a kanji name. */
    public RosterUpdated(String insurerNumber, String personalId, Change change, String symbol, String number,
            String nameKana, LocalDate birthDate, LocalDate qualifiedOn, LocalDate qualificationLostOn,
            Instant updatedAt) {
        this(insurerNumber, personalId, change, symbol, number, nameKana, birthDate, qualifiedOn, qualificationLostOn,
                updatedAt, null);
    }

    @Override
    public String subject() {
        return insurerNumber + ":" + personalId;
    }

    /** Never print personal data. */
    @Override
    public String toString() {
        return "RosterUpdated[insurerNumber=" + insurerNumber + ", change=" + change + "]";
    }
}
