package io.kencom.insuredverification.domain;

import io.kencom.contracts.events.RosterUpdated;
import io.kencom.contracts.model.CardFormat;
import io.kencom.contracts.model.InsurerNumber;
import io.kencom.contracts.model.KanjiName;
import io.kencom.contracts.model.PersonalId;
import io.kencom.insuredverification.domain.FieldError.Reason;
import io.kencom.insuredverification.domain.InsuredPerson.CardHolder;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One insured person's news from the roster (加入者名簿), from an insurer's event or a row of its file, checked and
 * normalised: the one shape both intakes end in, so they end in the same state. {@code holder} is null when the news
 * does not touch the card (a loss, a reinstatement); {@code loss} says what happens to the loss of qualification.
 * {@code nameKanji}, in its one form ({@link KanjiName}), comes with the card or not at all: it is kept only as the
 * holder's pseudonym with the birth date, for a My Number card's check in ekyc-service.
 */
public record RosterUpdate(InsurerNumber insurer, String personalId, CardHolder holder, LocalDate qualifiedOn,
        Loss loss, LocalDate lostOn, Instant updatedAt, String nameKanji) {

    /** The longest kanji name kept, in its one form (the schema's bound). */
    static final int NAME_KANJI_MAX = 100;

    /** What the news does to the loss of qualification (資格喪失). */
    public enum Loss {
        /** The person lost qualification on {@code lostOn}. */
        SET,
        /** The person is qualified (enrolled, reinstated, or a file row without a loss date). */
        CLEAR,
        /** The news is about something else (a new card): the loss stays as it was. */
        KEEP
    }

    public RosterUpdate {
        Objects.requireNonNull(insurer, "insurer");
        Objects.requireNonNull(personalId, "personalId");
        Objects.requireNonNull(loss, "loss");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if (loss == Loss.SET) {
            Objects.requireNonNull(lostOn, "lostOn");
        }
        if (holder == null) {
            nameKanji = null;
        }
    }

    /**
     * An insurer's event. ENROLLED needs the whole card; CHANGED gives the whole card or none of it; QUALIFICATION_LOST
     * needs the loss date; REINSTATED clears the loss. {@code format} is the insurer's card format, null while the
     * catalog does not know the insurer.
     */
    public static RosterUpdate of(RosterUpdated event, CardFormat format, LocalDate today) {
        InsurerNumber insurer = insurer(event.insurerNumber());
        String personalId = personalId(event.personalId());
        boolean anyCard = event.symbol() != null || event.number() != null || event.nameKana() != null
                || event.birthDate() != null || event.nameKanji() != null;
        CardHolder holder = null;
        if (anyCard || event.change() == RosterUpdated.Change.ENROLLED) {
            if (event.number() == null || event.nameKana() == null || event.birthDate() == null) {
                throw new FieldError("card", Reason.INCOMPLETE_CARD);
            }
            holder = holder(format, event.symbol(), event.number(), event.nameKana(), event.birthDate(), today);
        }
        String nameKanji = nameKanji(event.nameKanji());
        return switch (event.change()) {
            case ENROLLED -> new RosterUpdate(insurer, personalId, holder, event.qualifiedOn(),
                    event.qualificationLostOn() != null ? Loss.SET : Loss.CLEAR, event.qualificationLostOn(),
                    event.updatedAt(), nameKanji);
            case CHANGED -> new RosterUpdate(insurer, personalId, holder, event.qualifiedOn(),
                    event.qualificationLostOn() != null ? Loss.SET : Loss.KEEP, event.qualificationLostOn(),
                    event.updatedAt(), nameKanji);
            case QUALIFICATION_LOST -> {
                if (event.qualificationLostOn() == null) {
                    throw new FieldError("qualificationLostOn", Reason.REQUIRED);
                }
                yield new RosterUpdate(insurer, personalId, holder, event.qualifiedOn(), Loss.SET,
                        event.qualificationLostOn(), event.updatedAt(), nameKanji);
            }
            case REINSTATED -> new RosterUpdate(insurer, personalId, holder, event.qualifiedOn(), Loss.CLEAR, null,
                    event.updatedAt(), nameKanji);
        };
    }

    /** A row of an insurer's file: the person's whole state as of the file's date (no loss date = qualified). */
    public static RosterUpdate ofFileRow(InsurerNumber insurer, CardFormat format, String personalId, String symbol,
            String number, String nameKana, String nameKanji, LocalDate birthDate, LocalDate qualifiedOn,
            LocalDate lostOn, Instant asOf, LocalDate today) {
        return new RosterUpdate(insurer, personalId(personalId),
                holder(format, symbol, number, nameKana, birthDate, today), qualifiedOn,
                lostOn != null ? Loss.SET : Loss.CLEAR, lostOn, asOf, nameKanji(nameKanji));
    }

    /** The kanji name's one form; null when there is none. */
    private static String nameKanji(String value) {
        String name = KanjiName.normalise(value);
        if (name != null && name.codePointCount(0, name.length()) > NAME_KANJI_MAX) {
            throw new FieldError("nameKanji", Reason.TOO_LONG);
        }
        return name;
    }

    public static CardHolder holder(CardFormat format, String symbol, String number, String nameKana,
            LocalDate birthDate, LocalDate today) {
        return new CardHolder(CardNumbers.parse(format, symbol, number), KatakanaName.parse("nameKana", nameKana),
                BirthDate.check("birthDate", birthDate, today));
    }

    private static InsurerNumber insurer(String value) {
        if (InsurerNumber.problemWith(value).isPresent()) {
            throw new FieldError("insurerNumber", Reason.NOT_DIGITS);
        }
        return InsurerNumber.parse(value);
    }

    private static String personalId(String value) {
        if (value == null || value.isBlank()) {
            throw new FieldError("personalId", Reason.REQUIRED);
        }
        String id = PersonalId.normalise(value);
        if (id == null) {
            throw new FieldError("personalId", Reason.TOO_LONG);
        }
        return id;
    }

    @Override
    public String toString() {
        return "RosterUpdate[insurer=" + insurer + ", loss=" + loss + "]";
    }
}
