package io.kencom.testsupport;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/** How a sweep for personal data finds one value in a log line, a record or a row. */
public final class PersonalValue {

    private PersonalValue() {
    }

    /**
     * The value where it occurs. Digits (and hyphens) only match as a word of their own: not inside a longer number,
     * nor inside the hex of an encrypted image or the base64 of a sealed column, where any six digits turn up by
     * chance (a journey once found two codes in {@code application_image}).
     */
    public static Pattern pattern(String value) {
        String quoted = Pattern.quote(value);
        return Pattern.compile(value.matches("[0-9-]+") ? "(?<![0-9A-Za-z+/])" + quoted + "(?![0-9A-Za-z+/])" : quoted);
    }

    /**
     * Bytes (a bytea column) as text to look in with {@link #pattern}: UTF-8, each byte that is not part of a
     * character one replacement character, so a value's own bytes read as the value and nothing around it as a word.
     */
    public static String asText(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
