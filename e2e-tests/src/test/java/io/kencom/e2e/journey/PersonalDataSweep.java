package io.kencom.e2e.journey;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kencom.contracts.Topic;
import io.kencom.local.KafkaBroker;
import io.kencom.local.Postgres;
import io.kencom.local.ServiceApp;
import io.kencom.testsupport.PersonalValue;
import io.kencom.testsupport.RealInfrastructure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * docs/reliability.md §6: the journey's personal data looked for where it must not be — every service's log, every record
 * written to a topic since the journey began, every table of every service's database. (Older records are not the
 * journey's: on a machine that ran the roster benchmark, a two-kana secret answer turned up inside its millions of
 * random kana names.) Allowed (docs/decisions.md): card data, names and birth dates on
 * the roster topic and on the dead-letter topic its refusals go to; the one-time code in the mail request that carries
 * it to notification-service. Sealed columns hold ciphertext, so a plain hit in a table is a finding wherever it is.
 * Hits name the value's label, never the value.
 */
final class PersonalDataSweep {

    enum Kind {
        NAME, CARD_NUMBER, BIRTH_DATE, PERSONAL_ID, SECRET, PASSWORD, CODE
    }

    /** One value to look for; where it occurs is {@link PersonalValue#pattern}'s rule (digits as a word). */
    record Sensitive(String label, Kind kind, String value) {

        Pattern pattern() {
            return PersonalValue.pattern(value);
        }
    }

    private static final Map<Topic, Set<Kind>> ALLOWED_ON_TOPIC = Map.of(
            Topic.INSURER_ROSTER, EnumSet.of(Kind.NAME, Kind.CARD_NUMBER, Kind.BIRTH_DATE, Kind.PERSONAL_ID),
            Topic.VERIFICATION_DEAD_LETTER, EnumSet.of(Kind.NAME, Kind.CARD_NUMBER, Kind.BIRTH_DATE,
                    Kind.PERSONAL_ID),
            Topic.EMAIL_REQUESTS, EnumSet.of(Kind.CODE));

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<Sensitive> values;
    private final Start start;

    /**
     * Where the journey began: each topic's end and PostgreSQL's next transaction id (one counter for every database
     * of the cluster). What is older is not the journey's, and reading it made every run slower than the one before
     * on a machine that keeps its databases (50 000 rows read after a few dozen runs).
     */
    record Start(Map<TopicPartition, Long> topicEnds, long nextTransaction) {

        static Start now() {
            try (Connection db = Postgres.connect(ServiceApp.values()[0].database());
                    ResultSet rs = db.createStatement().executeQuery(
                            "SELECT pg_snapshot_xmax(pg_current_snapshot())::text::bigint")) {
                rs.next();
                return new Start(endsNow(), rs.getLong(1));
            } catch (SQLException e) {
                throw new IllegalStateException("cannot read PostgreSQL's transaction counter", e);
            }
        }
    }

    PersonalDataSweep(List<Sensitive> values, Start start) {
        this.values = values;
        this.start = start;
    }

    /** Every partition of every topic of the topic table (each insurer's of a per-insurer one), at its end now. */
    private static Map<TopicPartition, Long> endsNow() {
        try (KafkaConsumer<String, String> consumer = consumer()) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topicNames(consumer)) {
                partitions.addAll(partitionsOf(consumer, topic));
            }
            return consumer.endOffsets(partitions);
        }
    }

    /** The names of the topics of the topic table on the broker now: each insurer's of a per-insurer one. */
    private static List<String> topicNames(KafkaConsumer<String, String> consumer) {
        Set<String> onBroker = consumer.listTopics().keySet();
        List<String> names = new ArrayList<>();
        for (Topic topic : Topic.values()) {
            if (topic.perInsurer()) {
                onBroker.stream().filter(name -> topic.insurerOf(name).isPresent()).sorted().forEach(names::add);
            } else {
                names.add(topic.topicName());
            }
        }
        return names;
    }

    /** Where each value was found outside its places: "account-service.log: taro's password", say. */
    List<String> hits() {
        List<String> hits = new ArrayList<>();
        hits.addAll(inLogs());
        hits.addAll(inSpans());
        hits.addAll(onTopics());
        hits.addAll(inTables());
        return hits;
    }

    int logsRead;
    /** Spans the services exported (when this JVM started them, tracing: OwnStack). */
    long spansRead;
    long recordsRead;
    long rowsRead;
    /** bytea values read as bytes. */
    long bytesRead;

    private List<String> inLogs() {
        List<String> hits = new ArrayList<>();
        Path dir = RealInfrastructure.layout().logDir();
        for (ServiceApp app : ServiceApp.values()) {
            Path log = dir.resolve(app.id() + ".log");
            if (!Files.exists(log)) {
                continue;
            }
            logsRead++;
            try (Stream<String> lines = Files.lines(log, StandardCharsets.UTF_8)) {
                lines.forEach(line -> match(logText(line), Set.of(), log.getFileName().toString(), hits));
            } catch (IOException | UncheckedIOException e) {
                throw new IllegalStateException("cannot read " + log, e);
            }
        }
        return hits;
    }

    /**
     * A log line as a reader sees it: a JSON line (the services' production format) with its strings decoded, since
     * JSON may write a name's kana or a date's slash as escapes.
     */
    private static String logText(String line) {
        if (!line.startsWith("{")) {
            return line;
        }
        try {
            StringBuilder text = new StringBuilder(line);
            appendValues(JSON.readTree(line), text);
            return text.toString();
        } catch (IOException e) {
            return line;
        }
    }

    private static void appendValues(JsonNode node, StringBuilder text) {
        if (node.isContainerNode()) {
            node.forEach(child -> appendValues(child, text));
        } else {
            text.append('\n').append(node.asText());
        }
    }

    /** Every span's name and attributes: URLs, routes, statements, record keys. */
    private List<String> inSpans() {
        List<String> hits = new ArrayList<>();
        OwnStack.SHARED.traces().ifPresent(traces -> {
            for (Traces.Span span : traces.spans()) {
                spansRead++;
                match(span.name(), Set.of(), "spans of " + span.service(), hits);
                span.attributes().forEach((key, value) -> match(value, Set.of(),
                        "spans of " + span.service() + " (" + key + ")", hits));
            }
        });
        return hits;
    }

    private List<String> onTopics() {
        List<String> hits = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumer()) {
            for (String topic : topicNames(consumer)) {
                List<TopicPartition> partitions = partitionsOf(consumer, topic);
                consumer.assign(partitions);
                partitions.forEach(p -> consumer.seek(p, start.topicEnds().getOrDefault(p, 0L)));
                Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
                Set<Kind> allowed = ALLOWED_ON_TOPIC.getOrDefault(Topic.named(topic).orElseThrow(), Set.of());
                while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                    for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofSeconds(1))) {
                        recordsRead++;
                        match(r.key() + " " + r.value(), allowed, topic, hits);
                    }
                }
            }
        }
        return hits;
    }

    private static KafkaConsumer<String, String> consumer() {
        Properties props = new Properties();
        props.putAll(KafkaBroker.LOCAL.clientConfig(KafkaBroker.ADMIN));
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return new KafkaConsumer<>(props);
    }

    private static List<TopicPartition> partitionsOf(KafkaConsumer<String, String> consumer, String topic) {
        var infos = consumer.partitionsFor(topic);
        return infos == null ? List.of()
                : infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
    }

    /**
     * Rows the journey wrote or changed: a row version's {@code xmin} is the transaction that wrote it, no older than
     * the start's when its age (transactions since) is at most the start's. Ages, not ids, so that a wrap of the 32-bit
     * {@code xmin} cannot hide a row; a frozen row's age is the largest there is.
     */
    private String sinceStart() {
        return "age(t.xmin) <= age('" + (start.nextTransaction() & 0xFFFFFFFFL) + "'::xid)";
    }

    private List<String> inTables() {
        List<String> hits = new ArrayList<>();
        for (ServiceApp app : ServiceApp.values()) {
            try (Connection db = Postgres.connect(app.database());
                    ResultSet tables = db.createStatement().executeQuery("SELECT table_name FROM information_schema"
                            + ".tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'")) {
                List<String> names = new ArrayList<>();
                while (tables.next()) {
                    names.add(tables.getString(1));
                }
                for (String table : names) {
                    try (ResultSet rows = db.createStatement().executeQuery("SELECT t::text FROM \"" + table
                            + "\" t WHERE " + sinceStart())) {
                        while (rows.next()) {
                            rowsRead++;
                            match(rows.getString(1), Set.of(), app.database() + "." + table, hits);
                        }
                    }
                }
                inByteColumns(db, app.database(), hits);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot read database " + app.database(), e);
            }
        }
        return hits;
    }

    /**
     * A row as text shows a bytea column as hex, where no value can be seen: each such column is read as bytes and
     * searched as the text its bytes spell (a plain value written as bytes, not sealed, is a finding too).
     */
    private void inByteColumns(Connection db, String database, List<String> hits) throws SQLException {
        List<String[]> columns = new ArrayList<>();
        try (ResultSet rs = db.createStatement().executeQuery("SELECT table_name, column_name FROM information_schema"
                + ".columns WHERE table_schema = 'public' AND data_type = 'bytea'")) {
            while (rs.next()) {
                columns.add(new String[] { rs.getString(1), rs.getString(2) });
            }
        }
        for (String[] column : columns) {
            try (ResultSet rows = db.createStatement().executeQuery("SELECT \"" + column[1] + "\" FROM \""
                    + column[0] + "\" t WHERE \"" + column[1] + "\" IS NOT NULL AND " + sinceStart())) {
                while (rows.next()) {
                    bytesRead++;
                    match(PersonalValue.asText(rows.getBytes(1)), Set.of(),
                            database + "." + column[0] + "." + column[1] + " (bytes)", hits);
                }
            }
        }
    }

    private void match(String text, Set<Kind> allowed, String where, List<String> hits) {
        if (text == null) {
            return;
        }
        for (Sensitive s : values) {
            if (!allowed.contains(s.kind()) && text.contains(s.value()) && s.pattern().matcher(text).find()) {
                String hit = where + ": " + s.label();
                if (!hits.contains(hit)) {
                    hits.add(hit);
                }
            }
        }
    }
}
