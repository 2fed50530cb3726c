package io.kencom.ekyc.domain;

import java.text.Normalizer;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.chrono.JapaneseChronology;
import java.time.chrono.JapaneseEra;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The name and birth date as read off the front of an ID document (guide p.29: shown to the member to confirm), from
 * the text a reader found on it. Every accepted document prints them the same way: 「氏名 健康 太郎」 (the licence adds
 * the birth date on that line), 「昭和55年 1月 1日生」 or 「生年月日 1980年01月01日」. Either may be missing (null).
 */
public record DocumentFields(String name, LocalDate birthDate) {

    private static final Map<String, JapaneseEra> ERAS = Map.of("明治", JapaneseEra.MEIJI, "大正", JapaneseEra.TAISHO,
            "昭和", JapaneseEra.SHOWA, "平成", JapaneseEra.HEISEI, "令和", JapaneseEra.of(3));
    private static final String DATE = "(?:(明治|大正|昭和|平成|令和)\\s*(元|\\d{1,2})|(\\d{4}))\\s*年\\s*(\\d{1,2})\\s*月\\s*(\\d{1,2})\\s*日";
    private static final Pattern BORN = Pattern.compile(DATE + "\\s*生|生年月日\\s*" + DATE);
    private static final Pattern NAME = Pattern.compile("氏\\s*名\\s*(.+)");

    public static final DocumentFields NOTHING = new DocumentFields(null, null);

    public static DocumentFields parse(String text) {
        String t = Normalizer.normalize(text == null ? "" : text, Normalizer.Form.NFKC);
        return new DocumentFields(name(t), birthDate(t));
    }

    private static String name(String text) {
        for (String line : text.split("\\R")) {
            Matcher m = NAME.matcher(line.strip());
            if (m.lookingAt()) {
                String rest = m.group(1);
                Matcher born = Pattern.compile(DATE).matcher(rest);
                if (born.find()) {
                    rest = rest.substring(0, born.start());
                }
                String name = rest.strip().replaceAll("\\s+", " ");
                return name.isEmpty() ? null : name;
            }
        }
        return null;
    }

    /** Marked 「…生」 or 「生年月日 …」; else the date on the name line (a licence's, when OCR lost the 生). */
    private static LocalDate birthDate(String text) {
        Matcher m = BORN.matcher(text);
        if (m.find()) {
            return date(m, m.group(1) != null || m.group(3) != null ? 1 : 6);
        }
        for (String line : text.split("\\R")) {
            if (NAME.matcher(line.strip()).lookingAt()) {
                Matcher onNameLine = Pattern.compile(DATE).matcher(line);
                return onNameLine.find() ? date(onNameLine, 1) : null;
            }
        }
        return null;
    }

    private static LocalDate date(Matcher m, int g) {
        try {
            int month = Integer.parseInt(m.group(g + 3));
            int day = Integer.parseInt(m.group(g + 4));
            if (m.group(g + 2) != null) {
                return LocalDate.of(Integer.parseInt(m.group(g + 2)), month, day);
            }
            String year = m.group(g + 1);
            return LocalDate.from(JapaneseChronology.INSTANCE.date(ERAS.get(m.group(g)),
                    year.equals("元") ? 1 : Integer.parseInt(year), month, day));
        } catch (DateTimeException | NumberFormatException e) {
            return null;
        }
    }

    /** Whether the member's confirmation says what was read: width and spaces aside, the same name and date. */
    public boolean agreesWith(String typedName, LocalDate typedBirthDate) {
        return name != null && birthDate != null && birthDate.equals(typedBirthDate)
                && comparable(name).equals(comparable(typedName));
    }

    private static String comparable(String name) {
        return Normalizer.normalize(name, Normalizer.Form.NFKC).replaceAll("\\s+", "");
    }
}
