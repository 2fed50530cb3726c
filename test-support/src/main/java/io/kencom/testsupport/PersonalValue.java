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

    /** The same rule over bytes (a bytea column): the value's UTF-8 bytes, digits not inside a longer word. */
    public static boolean occursIn(byte[] bytes, String value) {
        byte[] needle = value.getBytes(StandardCharsets.UTF_8);
        boolean digits = value.matches("[0-9-]+");
        outer:
        for (int i = 0; i + needle.length <= bytes.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (bytes[i + j] != needle[j]) {
                    continue outer;
                }
            }
            if (!digits || !wordByte(bytes, i - 1) && !wordByte(bytes, i + needle.length)) {
                return true;
            }
        }
        return false;
    }

    private static boolean wordByte(byte[] bytes, int at) {
        if (at < 0 || at >= bytes.length) {
            return false;
        }
        int c = bytes[at] & 0xFF;
        return c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c == '+' || c == '/';
    }
}
