package io.kencom.testsupport;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.chrono.JapaneseDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
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
     * A birth date in every way a text could carry it: ISO, compact, slashed, and written as the Japanese do, by
     * calendar year and by era (昭和55年1月1日). Never its year alone: four digits turn up by chance in a timestamp's
     * nanoseconds (an event's {@code submittedAt} once held "1980").
     */
    public static List<String> birthDate(LocalDate date) {
        return List.of(date.toString(), date.format(DateTimeFormatter.BASIC_ISO_DATE),
                date.format(DateTimeFormatter.ofPattern("uuuu/MM/dd")),
                date.format(DateTimeFormatter.ofPattern("uuuu年M月d日")),
                date.format(DateTimeFormatter.ofPattern("uuuu年MM月dd日")),
                JapaneseDate.from(date).format(DateTimeFormatter.ofPattern("GGGGy年M月d日", Locale.JAPAN)));
    }

    /**
     * Bytes (a bytea column) as text to look in with {@link #pattern}: UTF-8, each byte that is not part of a
     * character one replacement character, so a value's own bytes read as the value and nothing around it as a word.
     */
    public static String asText(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
