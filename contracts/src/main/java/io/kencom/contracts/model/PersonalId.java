package io.kencom.contracts.model;

/**
 * The insurer's own stable ID of an insured person (個人識別番号; not the My Number): the key of a roster entry, and
 * what a checkup viewing code issued to one person names. One form for every service that keys by it.
 */
public final class PersonalId {

    public static final int MAX_LENGTH = 64;

    private PersonalId() {
    }

    /** As an insurer sends it, surrounding blanks dropped; null when blank or longer than {@value #MAX_LENGTH}. */
    public static String normalise(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String id = value.strip();
        return id.length() > MAX_LENGTH ? null : id;
    }
}
