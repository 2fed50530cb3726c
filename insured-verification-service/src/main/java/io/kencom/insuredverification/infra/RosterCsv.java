package io.kencom.insuredverification.infra;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import io.kencom.contracts.model.CardFormat;
import io.kencom.contracts.model.InsurerNumber;
import io.kencom.insuredverification.domain.FieldError;
import io.kencom.insuredverification.domain.RosterUpdate;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads an insurer's roster file (docs/insured-verification-service.md, "Roster files"): CSV with a header row, in
 * UTF-8 or Shift_JIS (read as Windows-31J, the superset Japanese Windows exports use), row by row, so a file of any
 * length needs one row in memory. Each row becomes a {@link RosterUpdate} or a rejection with its line and reason.
 */
public final class RosterCsv {

    /** The columns, in any order; the first five are required. */
    public enum Column {
        PERSONAL_ID("personal_id"),
        SYMBOL("symbol"),
        NUMBER("number"),
        NAME_KANA("name_kana"),
        BIRTH_DATE("birth_date"),
        QUALIFIED_ON("qualified_on"),
        QUALIFICATION_LOST_ON("qualification_lost_on"),
        /** 漢字氏名, optional: for a My Number card's check in ekyc-service. */
        NAME_KANJI("name_kanji");

        final String header;

        Column(String header) {
            this.header = header;
        }

        boolean required() {
            return ordinal() <= BIRTH_DATE.ordinal();
        }
    }

    /** Where the rows go. */
    public interface Sink {
        void accept(RosterUpdate update, long line);

        void reject(long line, String field, String reason);
    }

    /** The file cannot be read at all (its header, its encoding); nothing after {@code line} was read. */
    public static class Unreadable extends RuntimeException {
        private final String reason;
        private final Long line;

        Unreadable(String reason, Long line, String detail) {
            super(detail, null, false, false);
            this.reason = reason;
            this.line = line;
        }

        public String reason() {
            return reason;
        }

        public Long line() {
            return line;
        }
    }

    private static final int SNIFF_BYTES = 64 * 1024;
    private static final String BYTE_ORDER_MARK = "\uFEFF";
    /** What the decoder puts in place of bytes that are not text in the charset. */
    private static final String NOT_TEXT = "\uFFFD";
    private static final Charset WINDOWS_31J = Charset.forName("windows-31j");
    private static final List<DateTimeFormatter> DATES = List.of(DateTimeFormatter.ISO_LOCAL_DATE,
            DateTimeFormatter.ofPattern("uuuu/M/d").withResolverStyle(ResolverStyle.STRICT), DateTimeFormatter.BASIC_ISO_DATE);

    private RosterCsv() {
    }

    /**
     * The charset a file is in: the one the request names ({@code Shift_JIS}, {@code CP932}, {@code UTF-8}…), else
     * UTF-8 when the first 64 KiB are valid UTF-8, else Windows-31J. Marks and resets {@code in}.
     */
    public static Charset charsetOf(BufferedInputStream in, String declared) throws IOException {
        if (declared != null && !declared.isBlank()) {
            String name = declared.strip().toLowerCase(Locale.ROOT);
            if (name.equals("shift_jis") || name.equals("sjis") || name.equals("cp932") || name.equals("ms932")
                    || name.equals("windows-31j") || name.equals("x-sjis")) {
                return WINDOWS_31J;
            }
            if (name.equals("utf-8") || name.equals("utf8")) {
                return StandardCharsets.UTF_8;
            }
            throw new Unreadable("CHARSET_NOT_SUPPORTED", null, "UTF-8 or Shift_JIS");
        }
        in.mark(SNIFF_BYTES);
        byte[] head = in.readNBytes(SNIFF_BYTES);
        in.reset();
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        CoderResult result = utf8.decode(ByteBuffer.wrap(head), CharBuffer.allocate(head.length), false);
        // Underflow: all valid, perhaps with a character cut at the sniffed block's end.
        return result.isUnderflow() ? StandardCharsets.UTF_8 : WINDOWS_31J;
    }

    /** Reads the whole file into {@code sink}. */
    public static void read(InputStream in, Charset charset, InsurerNumber insurer, CardFormat format, Instant asOf,
            LocalDate today, Sink sink) {
        // Bytes that are not text in the charset become U+FFFD, and the row holding them is refused with its line.
        Reader reader = new InputStreamReader(in, charset.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE));
        try (CsvReader<CsvRecord> csv = CsvReader.builder().allowExtraFields(true).allowMissingFields(true)
                .skipEmptyLines(true).ofCsvRecord(reader)) {
            Map<Column, Integer> columns = null;
            for (CsvRecord record : csv) {
                if (columns == null) {
                    columns = header(record);
                    continue;
                }
                row(record, columns, insurer, format, asOf, today, sink);
            }
            if (columns == null) {
                throw new Unreadable("HEADER_MISSING", null, "the file is empty");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // the upload itself broke: not the insurer's file's fault
        }
    }

    private static Map<Column, Integer> header(CsvRecord record) {
        Map<Column, Integer> columns = new EnumMap<>(Column.class);
        for (int i = 0; i < record.getFieldCount(); i++) {
            String name = record.getField(i).strip().toLowerCase(Locale.ROOT);
            if (i == 0 && name.startsWith(BYTE_ORDER_MARK)) {
                name = name.substring(1).strip();
            }
            if (name.contains(NOT_TEXT)) {
                throw new Unreadable("ENCODING", record.getStartingLineNumber(), "the header is not text");
            }
            Column column = null;
            for (Column c : Column.values()) {
                if (c.header.equals(name)) {
                    column = c;
                }
            }
            if (column == null) {
                throw new Unreadable("HEADER_UNKNOWN_COLUMN", record.getStartingLineNumber(), name);
            }
            if (columns.put(column, i) != null) {
                throw new Unreadable("HEADER_DUPLICATE_COLUMN", record.getStartingLineNumber(), name);
            }
        }
        for (Column c : Column.values()) {
            if (c.required() && !columns.containsKey(c)) {
                throw new Unreadable("HEADER_MISSING_COLUMN", record.getStartingLineNumber(), c.header);
            }
        }
        return columns;
    }

    private static void row(CsvRecord record, Map<Column, Integer> columns, InsurerNumber insurer, CardFormat format,
            Instant asOf, LocalDate today, Sink sink) {
        long line = record.getStartingLineNumber();
        for (Map.Entry<Column, Integer> column : columns.entrySet()) {
            if (column.getValue() < record.getFieldCount() && record.getField(column.getValue()).contains(NOT_TEXT)) {
                sink.reject(line, column.getKey().header, "ENCODING");
                return;
            }
        }
        try {
            sink.accept(RosterUpdate.ofFileRow(insurer, format, field(record, columns, Column.PERSONAL_ID),
                    field(record, columns, Column.SYMBOL), field(record, columns, Column.NUMBER),
                    field(record, columns, Column.NAME_KANA), field(record, columns, Column.NAME_KANJI),
                    date(record, columns, Column.BIRTH_DATE),
                    date(record, columns, Column.QUALIFIED_ON), date(record, columns, Column.QUALIFICATION_LOST_ON),
                    asOf, today), line);
        } catch (FieldError e) {
            sink.reject(line, column(e.field()), e.reason().name());
        }
    }

    private static String field(CsvRecord record, Map<Column, Integer> columns, Column column) {
        Integer i = columns.get(column);
        if (i == null || i >= record.getFieldCount()) {
            return null;
        }
        String value = record.getField(i).strip();
        return value.isEmpty() ? null : value;
    }

    private static LocalDate date(CsvRecord record, Map<Column, Integer> columns, Column column) {
        String value = field(record, columns, column);
        if (value == null) {
            return null;
        }
        for (DateTimeFormatter format : DATES) {
            try {
                return LocalDate.parse(value, format);
            } catch (DateTimeParseException e) {
                // the next format
            }
        }
        throw new FieldError(column.header, FieldError.Reason.NOT_A_DATE);
    }

    /** The file's column name for a field named by the domain. */
    private static String column(String field) {
        return switch (field) {
            case "personalId" -> Column.PERSONAL_ID.header;
            case "nameKana" -> Column.NAME_KANA.header;
            case "nameKanji" -> Column.NAME_KANJI.header;
            case "birthDate" -> Column.BIRTH_DATE.header;
            default -> field;
        };
    }
}
