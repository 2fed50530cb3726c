package io.kencom.bench;

import io.kencom.testsupport.KeycloakUsers;
import io.kencom.testsupport.KeycloakUsers.TestUser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Latency of {@code POST /v1/verifications} with a roster of at least {@code <roster>} rows loaded (through the
 * roster-file endpoint, 1 M rows per file, into this run's insurer; a roster already that large gets one file more). Members are real Keycloak users of the insurer's group;
 * each tries the way members do: a typo (NO_MATCH), then their right card (VERIFIED, which links and publishes), then
 * another member's card (ACCOUNT_ALREADY_VERIFIED: lookups, no write). One request at a time, after a warm-up.
 *
 * <p>Run against the local stack: {@code mvn -q -pl benchmarks exec:java -Dexec.mainClass=io.kencom.bench.VerificationLatency
 * -Dexec.args="<roster rows> <members> <pause ms>"}.
 */
public final class VerificationLatency {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final int FILE_ROWS = 1_000_000;

    public static void main(String[] args) throws Exception {
        long roster = args.length > 0 ? Long.parseLong(args[0]) : 10_000_000;
        int members = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        int pauseMs = args.length > 2 ? Integer.parseInt(args[2]) : 0;
        String groupId = "g-bench-latency-" + UUID.randomUUID();
        String insurer = RosterData.newInsurer(groupId);
        String feed = KeycloakUsers.insurerFeed(insurer).accessToken();
        long held = 0;
        // The first file always goes to this run's insurer: its members verify as persons of it.
        for (long from = 0; from == 0 || held < roster; from += FILE_ROWS) {
            long start = System.nanoTime();
            long to = from + Math.min(FILE_ROWS, roster); // a smoke run (mvn verify) loads a small file
            long fromRow = from;
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(RosterData.SERVICE
                            + "/v1/insurers/" + insurer + "/roster-files?asOf=2026-11-01"))
                    .header("Authorization", "Bearer " + feed).header("Content-Type", "text/csv; charset=Shift_JIS")
                    .timeout(Duration.ofMinutes(30))
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> RosterData.csv(insurer, fromRow, to))).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("file refused: " + response.statusCode() + " " + response.body());
            }
            held = RosterData.count("SELECT count(*) FROM roster_entry", null);
            System.out.printf("roster file rows %,d–%,d loaded in %.1f s; the roster holds %,d rows%n", from, to,
                    (System.nanoTime() - start) / 1e9, held);
            feed = KeycloakUsers.insurerFeed(insurer).accessToken(); // tokens live 5 minutes
        }
        long personRange = Math.min(FILE_ROWS, RosterData.rosterRows(insurer));
        // What autovacuum and the checkpointer would do in the minutes after a load, done now and waited for:
        // measured while they run, the tail reflects them, not the lookups.
        long settle = System.nanoTime();
        try (Connection c = DriverManager.getConnection(RosterData.DATABASE); Statement s = c.createStatement()) {
            s.execute("VACUUM ANALYZE roster_entry");
            s.execute("CHECKPOINT");
        }
        System.out.printf("VACUUM ANALYZE and CHECKPOINT after the load: %.1f s%n", (System.nanoTime() - settle) / 1e9);

        int warmUp = Math.min(20, members);
        System.out.printf("creating %d members of the group…%n", members + warmUp);
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < members + warmUp; i++) {
            TestUser member = KeycloakUsers.member(groupId);
            tokens.add(member.accessToken());
        }
        // Phases, so each outcome is measured on its own: every member's first try is a typo, then their card,
        // then another member's person. A pause between requests lets the stack finish what a request set off
        // (a VERIFIED goes on to entitlement-service, account-service and Keycloak on the same 2 cores).
        Map<String, List<Double>> latencies = new TreeMap<>();
        for (String outcome : List.of("NO_MATCH", "VERIFIED", "ACCOUNT_ALREADY_VERIFIED")) {
            for (int i = 0; i < tokens.size(); i++) {
                boolean warming = i < warmUp;
                RosterData.Person p = RosterData.person(insurer, (long) (i * 7919L) % personRange);
                RosterData.Person other = RosterData.person(insurer, (long) ((i + 1) * 7919L) % personRange);
                String body = switch (outcome) {
                    case "NO_MATCH" -> body(insurer, p, p.birthDate().plusDays(1).toString());
                    case "VERIFIED" -> body(insurer, p, p.birthDate().toString());
                    default -> body(insurer, other, other.birthDate().toString());
                };
                int expected = outcome.equals("NO_MATCH") ? 422 : outcome.equals("VERIFIED") ? 200 : 409;
                time(tokens.get(i), body, expected, warming ? null : latencies.computeIfAbsent(outcome,
                        k -> new ArrayList<>()));
                Thread.sleep(pauseMs);
            }
        }
        List<Double> all = new ArrayList<>();
        latencies.values().forEach(all::addAll);
        latencies.put("all", all);
        System.out.printf("%nverification latency with %,d roster rows (%d members, one request at a time, %d ms "
                + "between requests)%n", held, members, pauseMs);
        latencies.forEach((outcome, ms) -> {
            Collections.sort(ms);
            System.out.printf("  %-26s n=%4d  p50 %6.2f ms  p99 %6.2f ms  max %6.2f ms%n", outcome, ms.size(),
                    percentile(ms, 50), percentile(ms, 99), ms.get(ms.size() - 1));
        });
    }

    private static String body(String insurer, RosterData.Person p, String birthDate) {
        return "{\"insurerNumber\":\"" + insurer + "\",\"symbol\":\"" + p.symbol() + "\",\"number\":\"" + p.number()
                + "\",\"nameKana\":\"" + p.nameKana() + "\",\"birthDate\":\"" + birthDate + "\"}";
    }

    private static void time(String token, String body, int expected, List<Double> into) throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(RosterData.SERVICE
                        + "/v1/verifications")).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        double ms = (System.nanoTime() - start) / 1e6;
        if (response.statusCode() != expected) {
            throw new IllegalStateException("expected " + expected + ", got " + response.statusCode() + " "
                    + response.body());
        }
        if (into != null) {
            into.add(ms);
        }
    }

    private static double percentile(List<Double> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }
}
