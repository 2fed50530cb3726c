package io.kencom.testsupport.campaign;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import io.kencom.testsupport.PersonalValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import org.jboss.logmanager.ExtLogRecord;

/**
 * The campaign's personal-data sweep of the service log (docs/reliability.md §6): while the campaign runs, every record the
 * service logs (in the test's JVM, at the levels it logs in production) is kept; afterwards the values the campaign
 * put into personal fields of its bodies — names, birth dates, card numbers, personal IDs, codes, passwords, secret
 * questions and answers — are looked for in them. A service that echoes a refused value into its log fails here.
 */
final class LogSweep extends Handler {

    /** The body fields that carry personal data in some operation of the five services. */
    static final Set<String> PERSONAL_FIELDS = Set.of("name", "newName", "nameKana", "birthDate", "symbol", "number",
            "personalId", "code", "password", "newPassword", "question", "answer");
    /**
     * Shorter values turn up in any log by chance ("0", "ab"); the generated ones that matter are longer. Not so in
     * Japanese, which a log of ours never holds of its own: a name in kanji is often four characters.
     */
    private static final int SHORTEST = 6;
    private static final int SHORTEST_NOT_ASCII = 3;
    /** A roster file's personal columns, by the body field of the same data. */
    private static final Map<String, String> ROSTER_COLUMNS = Map.of("personal_id", "personalId", "symbol", "symbol",
            "number", "number", "name_kana", "nameKana", "birth_date", "birthDate");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> lines = Collections.synchronizedList(new ArrayList<>());
    /** Value → the field it was sent in. */
    private final Map<String, String> sent = new LinkedHashMap<>();

    private final String canary = "log sweep of the bad-input campaign starts (" + System.nanoTime() + ")";

    /** Starts keeping what the service logs; a first record of its own proves the sweep sees the service's log. */
    static LogSweep start() {
        LogSweep sweep = new LogSweep();
        Logger.getLogger("").addHandler(sweep);
        org.jboss.logging.Logger.getLogger("io.kencom.campaign").info(sweep.canary);
        return sweep;
    }

    /** The personal values of a request's body (JSON, or a roster file), to be looked for. */
    void sent(String contentType, byte[] body) {
        if (body == null || body.length == 0 || body.length > 1 << 20) {
            return;
        }
        if (contentType != null && contentType.startsWith("text/csv")) {
            rosterFile(body);
            return;
        }
        try {
            collect(JSON.readTree(body), null);
        } catch (IOException notJson) {
            // Malformed on purpose: no field to speak of.
        }
    }

    private void collect(JsonNode node, String field) {
        if (node == null) {
            return;
        }
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                collect(e.getValue(), e.getKey());
            }
        } else if (node.isArray()) {
            node.forEach(n -> collect(n, field));
        } else if (node.isTextual() && field != null && PERSONAL_FIELDS.contains(field)) {
            keep(node.asText(), field);
        }
    }

    private void rosterFile(byte[] body) {
        List<String> header = null;
        try (CsvReader<CsvRecord> csv = CsvReader.builder().allowExtraFields(true).allowMissingFields(true)
                .ofCsvRecord(new String(body, StandardCharsets.UTF_8))) {
            for (CsvRecord record : csv) {
                if (header == null) {
                    header = record.getFields();
                    continue;
                }
                for (int i = 0; i < Math.min(header.size(), record.getFieldCount()); i++) {
                    String field = ROSTER_COLUMNS.get(header.get(i).strip());
                    if (field != null) {
                        keep(record.getField(i), field);
                    }
                }
            }
        } catch (IOException | RuntimeException notCsv) {
            // Malformed on purpose: the rows read before it were kept.
        }
    }

    private void keep(String raw, String field) {
        String value = raw.strip();
        boolean ascii = value.chars().allMatch(c -> c < 128);
        if (value.codePointCount(0, value.length()) >= (ascii ? SHORTEST : SHORTEST_NOT_ASCII)) {
            sent.putIfAbsent(value, field);
        }
    }

    /** Stops keeping; answers each value found in a log record, by field and logger, never the value itself. */
    List<String> finish() {
        Logger.getLogger("").removeHandler(this);
        List<String> hits = new ArrayList<>();
        List<String> logged;
        synchronized (lines) {
            logged = List.copyOf(lines);
        }
        if (logged.stream().noneMatch(l -> l.endsWith(canary))) {
            hits.add("the log sweep did not see the service's log (its own first record is missing)");
        }
        sent.forEach((value, field) -> {
            List<String> containing = logged.stream().filter(l -> l.contains(value)).toList();
            if (containing.isEmpty()) {
                return; // the usual case, and no pattern compiled: the ekyc campaign spent ≈ 11 CPU-s compiling them (JFR)
            }
            Pattern word = PersonalValue.pattern(value);
            containing.stream().filter(l -> word.matcher(l).find()).findFirst().ifPresent(l ->
                    hits.add("the value of a \"" + field + "\" field (" + value.length() + " chars) in the service log: "
                            + l.substring(0, l.indexOf(' ') < 0 ? l.length() : l.indexOf(' '))));
        });
        return hits;
    }

    int valuesSent() {
        return sent.size();
    }

    /** Records the service logged meanwhile, the sweep's own first one aside. */
    int recordsKept() {
        return lines.size() - 1;
    }

    @Override
    public void publish(LogRecord record) {
        if (!isLoggable(record)) {
            return;
        }
        StringBuilder text = new StringBuilder(String.valueOf(record.getLoggerName())).append(' ');
        text.append(record instanceof ExtLogRecord ext ? ext.getFormattedMessage()
                : record.getMessage());
        for (Throwable t = record.getThrown(); t != null; t = t.getCause()) {
            text.append(" | ").append(t);
        }
        lines.add(text.toString());
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}
