package io.kencom.bench;

import io.kencom.contracts.CloudEvent;
import io.kencom.contracts.events.RosterBatchUpdated;
import io.kencom.contracts.events.RosterUpdated;
import io.kencom.testsupport.Events;
import io.kencom.testsupport.KeycloakUsers;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.postgresql.PGConnection;

/**
 * Roster load in rows per second, four ways on the same machine: PostgreSQL {@code COPY} of the stored rows
 * (digests included) into a table shaped like the service's, an insurer's Shift_JIS file through
 * {@code POST /v1/insurers/{n}/roster-files}, the same rows as {@code RosterUpdated} events, and as
 * {@code RosterBatchUpdated} events of 5 000 entries (zstd, as an insurer's producer sends them). File and events go
 * to fresh insurers, so every run loads new people.
 *
 * <p>Run against the local stack: {@code mvn -q -pl benchmarks exec:java -Dexec.mainClass=io.kencom.bench.RosterLoad
 * -Dexec.args="<rows> [copy,file,events,batches]"}.
 */
public final class RosterLoad {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String COPY_TABLE = "roster_copy_bench";
    /** Named, so that a column the roster gains later (holder_ref, say) stays null here instead of breaking COPY. */
    private static final String COPY_COLUMNS =
            "person_key, insurer_number, match_key, qualified_on, lost_on, updated_at, source_file, person_ref";

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        String what = args.length > 1 ? args[1] : "copy,file,events,batches";
        System.out.printf("roster load of %,d rows%n", rows);
        double copy = what.contains("copy") ? copy(rows) : Double.NaN;
        double file = what.contains("file") ? file(rows) : Double.NaN;
        double events = what.contains("events") ? events(rows) : Double.NaN;
        double batches = what.contains("batches") ? batches(rows) : Double.NaN;
        System.out.printf("%nfile   %,10.0f rows/s = %3.0f %% of COPY (goal >= 50 %% and >= 50 000 rows/s)%n", file,
                100 * file / copy);
        System.out.printf("events %,10.0f rows/s = %3.0f %% of COPY%n", events, 100 * events / copy);
        System.out.printf("batches %,9.0f rows/s = %3.0f %% of COPY (goal >= 50 %%), %3.0f %% of the file's "
                + "(goal >= 80 %%)%n", batches, 100 * batches / copy, 100 * batches / file);
    }

    private static void printCpu(Map<String, Double> from, Map<String, Double> to, int rows) {
        System.out.printf("  CPU µs per row  %s%n", CpuTime.header(to.keySet()));
        System.out.printf("                  %s%n", CpuTime.perItem(from, to, to.keySet(), rows, 1e6));
    }

    /**
     * COPY of the rows as the service stores them (16-byte digests, same columns, keys and indexes) into a scratch
     * table of the service's database that first receives every row the service's roster holds: both loads then
     * write into indexes of the same size.
     */
    static double copy(int rows) throws Exception {
        String insurer = "06132013";
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(new byte[32], "HmacSHA256"));
        HexFormat hex = HexFormat.of();
        StringBuilder data = new StringBuilder(rows * 120);
        for (int i = 0; i < rows; i++) {
            RosterData.Person p = RosterData.person(insurer, i);
            String personKey = hex.formatHex(mac.doFinal((insurer + p.personalId()).getBytes(StandardCharsets.UTF_8)),
                    0, 16);
            String matchKey = hex.formatHex(mac.doFinal((insurer + p.symbol() + p.number() + p.nameKana()
                    + p.birthDate()).getBytes(StandardCharsets.UTF_8)), 0, 16);
            String personRef = hex.formatHex(mac.doFinal(("ref" + insurer + p.personalId())
                    .getBytes(StandardCharsets.UTF_8)), 0, 16);
            data.append("\\\\x").append(personKey).append('\t').append(insurer).append("\t\\\\x").append(matchKey)
                    .append("\t2020-04-01\t\\N\t2026-11-01 00:00:00+00\t\\N\t\\\\x").append(personRef).append('\n');
        }
        try (Connection c = DriverManager.getConnection(RosterData.DATABASE); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + COPY_TABLE);
            s.execute("CREATE TABLE " + COPY_TABLE + " (LIKE roster_entry INCLUDING ALL)");
            long held = s.executeUpdate("INSERT INTO " + COPY_TABLE + " SELECT * FROM roster_entry");
            s.execute("CHECKPOINT");
            long start = System.nanoTime();
            long copied = c.unwrap(PGConnection.class).getCopyAPI().copyIn(
                    "COPY " + COPY_TABLE + " (" + COPY_COLUMNS + ") FROM STDIN", new StringReader(data.toString()));
            double seconds = (System.nanoTime() - start) / 1e9;
            s.execute("DROP TABLE " + COPY_TABLE);
            s.execute("CHECKPOINT");
            System.out.printf("COPY   %,d rows in %.1f s: %,.0f rows/s (into a table already holding %,d rows)%n",
                    copied, seconds, copied / seconds, held);
            return copied / seconds;
        }
    }

    /** One Shift_JIS file of all the rows, made before the clock starts (as COPY's rows are). */
    static double file(int rows) throws Exception {
        String insurer = RosterData.newInsurer("g-bench-file-" + UUID.randomUUID());
        byte[] file;
        try (InputStream csv = RosterData.csv(insurer, 0, rows)) {
            file = csv.readAllBytes();
        }
        String token = KeycloakUsers.insurerFeed(insurer).accessToken();
        Map<String, Double> cpu0 = CpuTime.snapshot();
        long start = System.nanoTime();
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(RosterData.SERVICE
                        + "/v1/insurers/" + insurer + "/roster-files?asOf=2026-11-01"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "text/csv; charset=Shift_JIS")
                .timeout(Duration.ofMinutes(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(file)).build(),
                HttpResponse.BodyHandlers.ofString());
        double seconds = (System.nanoTime() - start) / 1e9;
        if (response.statusCode() != 200) {
            throw new IllegalStateException("file refused: " + response.statusCode() + " " + response.body());
        }
        printCpu(cpu0, CpuTime.snapshot(), rows);
        long stored = RosterData.rosterRows(insurer);
        System.out.printf("file   %,d rows in %.1f s: %,.0f rows/s (stored: %,d; report: %s)%n", rows, seconds,
                rows / seconds, stored, response.body().replaceAll("\"rejections\":\\[.*]", "…"));
        return rows / seconds;
    }

    /**
     * The rows as batch events of {@value RosterBatchUpdated#MAX_ENTRIES} entries, made before the clock starts (as the
     * file is), then compressed with zstd and published by the producer as fast as it goes; timed until the roster
     * holds the last one.
     */
    static double batches(int rows) throws Exception {
        String insurer = RosterData.newInsurerFeed("g-bench-batches-" + UUID.randomUUID()); // holds 1 row
        Instant at = Instant.now();
        List<CloudEvent> events = new ArrayList<>();
        for (int from = 0; from < rows; from += RosterBatchUpdated.MAX_ENTRIES) {
            List<RosterBatchUpdated.Entry> entries = new ArrayList<>();
            for (int i = from; i < Math.min(rows, from + RosterBatchUpdated.MAX_ENTRIES); i++) {
                RosterData.Person p = RosterData.person(insurer, i);
                entries.add(new RosterBatchUpdated.Entry(p.personalId(), RosterUpdated.Change.ENROLLED, p.symbol(),
                        p.number(), p.nameKana(), p.birthDate(), LocalDate.of(2020, 4, 1), null, at));
            }
            events.add(CloudEvent.of(UUID.randomUUID(), "/bench", new RosterBatchUpdated(insurer, entries, at), at));
        }
        Map<String, Double> cpu0 = CpuTime.snapshot();
        long start = System.nanoTime();
        try (Events.Publisher publisher = Events.publisher(RosterData.KAFKA, Map.of("compression.type", "zstd",
                "max.request.size", Integer.toString(2 << 20)))) {
            events.forEach(publisher::sendWithoutWaiting);
            publisher.flush();
        }
        double published = (System.nanoTime() - start) / 1e9;
        while (RosterData.rosterRows(insurer) < rows + 1) {
            Thread.sleep(200);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        printCpu(cpu0, CpuTime.snapshot(), rows);
        System.out.printf("batches %,d rows in %.1f s: %,.0f rows/s (all published after %.1f s)%n", rows, seconds,
                rows / seconds, published);
        return rows / seconds;
    }

    /** The rows as events, published as fast as the producer goes; timed until the roster holds the last one. */
    static double events(int rows) throws Exception {
        String insurer = RosterData.newInsurerFeed("g-bench-events-" + UUID.randomUUID()); // holds 1 row
        Instant at = Instant.now();
        Map<String, Double> cpu0 = CpuTime.snapshot();
        long start = System.nanoTime();
        try (Events.Publisher publisher = Events.publisher(RosterData.KAFKA)) {
            for (int i = 0; i < rows; i++) {
                publisher.sendWithoutWaiting(CloudEvent.of(UUID.randomUUID(), "/bench",
                        RosterData.enrolled(insurer, RosterData.person(insurer, i), at), at));
            }
            publisher.flush();
        }
        double published = (System.nanoTime() - start) / 1e9;
        long appliedWhilePublishing = RosterData.rosterRows(insurer) - 1;
        while (RosterData.rosterRows(insurer) < rows + 1) {
            Thread.sleep(200);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        printCpu(cpu0, CpuTime.snapshot(), rows);
        System.out.printf("events %,d rows in %.1f s: %,.0f rows/s (all published after %.1f s; from then on, with "
                        + "no producer beside it, the service applied %,.0f rows/s)%n", rows, seconds, rows / seconds,
                published, (rows - appliedWhilePublishing) / (seconds - published));
        return rows / seconds;
    }
}
