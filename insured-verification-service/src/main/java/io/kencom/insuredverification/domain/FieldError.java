package io.kencom.insuredverification.domain;

/**
 * A value that cannot be what it claims to be: the field and why. Becomes 422 {@code FIELD_INVALID} for a member's
 * request and a rejected row (line and reason, never the value) for an insurer's file.
 */
public class FieldError extends RuntimeException {

    /** Why a field was refused; stable names the app and the insurer can act on. */
    public enum Reason {
        REQUIRED,
        /** A symbol (記号) given for a card that has none (card formats 1 and 2). */
        NOT_ON_THIS_CARD,
        NOT_DIGITS,
        /** Letters or digits only, once hyphens and spaces are gone. */
        NOT_LETTERS_OR_DIGITS,
        TOO_LONG,
        /** Not a name in katakana (half-width katakana and hiragana are read as katakana; anything else is not). */
        NOT_KATAKANA,
        IN_FUTURE,
        TOO_EARLY,
        NOT_A_DATE,
        /** All of symbol, number, name and birth date, or none of them (roster events). */
        INCOMPLETE_CARD
    }

    private final String field;
    private final Reason reason;

    public FieldError(String field, Reason reason) {
        super(field + ": " + reason, null, false, false);
        this.field = field;
        this.reason = reason;
    }

    public String field() {
        return field;
    }

    public Reason reason() {
        return reason;
    }
}
