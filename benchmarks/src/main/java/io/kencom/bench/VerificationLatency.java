package io.kencom.bench;

import io.kencom.testsupport.KeycloakUsers;
import io.kencom.testsupport.KeycloakUsers.TestUser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Latency of {@code POST /v1/verifications} with a roster of at least {@code <roster>} rows loaded (through the
 * roster-file endpoint, 1 M rows per file, into one insurer). Members are real Keycloak users of the insurer's group;
 * each tries the way members do: a typo (NO_MATCH), then their right card (VERIFIED, which links and publishes),
 * then a second account for an already linked person (ALREADY_LINKED). One request at a time, after a warm-up.
 *
 * <p>Run against the local stack: {@code mvn -q -pl benchmarks exec:java -Dexec.mainClass=io.kencom.bench.VerificationLatency
 * -Dexec.args="<roster rows> <members>"}.
 */
public final class VerificationLatency {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final int FILE_ROWS = 1_000_000;

    public static void main(String[] args) throws Exception {
        long roster = args.length > 0 ? Long.parseLong(args[0]) : 10_000_000;
        int members = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        String groupId = "g-bench-latency-" + UUID.randomUUID();
        String insurer = RosterData.newInsurer(groupId);
        String feed = KeycloakUsers.staff("insurer-feed").accessToken();
        long held = RosterData.count("SELECT count(*) FROM roster_entry", null);
        for (long from = 0; held < roster; from += FILE_ROWS) {
            long start = System.nanoTime();
            long to = from + FILE_ROWS;
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
            feed = KeycloakUsers.staff("insurer-feed").accessToken(); // tokens live 5 minutes
        }
        long personRange = Math.min(FILE_ROWS, RosterData.rosterRows(insurer));

        System.out.printf("creating %d members of the group…%n", members + 20);
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < members + 20; i++) {
            TestUser member = KeycloakUsers.member(groupId);
            tokens.add(member.accessToken());
        }
        Map<String, List<Double>> latencies = new TreeMap<>();
        for (int i = 0; i < tokens.size(); i++) {
            boolean warmUp = i < 20;
            long row = (long) (i * 7919L) % personRange;
            RosterData.Person p = RosterData.person(insurer, row);
            String right = body(insurer, p, p.birthDate().toString());
            String typo = body(insurer, p, p.birthDate().plusDays(1).toString());
            time(tokens.get(i), typo, 422, warmUp ? null : latencies.computeIfAbsent("NO_MATCH", k -> new ArrayList<>()));
            time(tokens.get(i), right, 200, warmUp ? null : latencies.computeIfAbsent("VERIFIED", k -> new ArrayList<>()));
            if (i > 0) {
                RosterData.Person linked = RosterData.person(insurer, (long) ((i - 1) * 7919L) % personRange);
                time(tokens.get(i), body(insurer, linked, linked.birthDate().toString()), 409,
                        warmUp ? null : latencies.computeIfAbsent("ACCOUNT_ALREADY_VERIFIED", k -> new ArrayList<>()));
            }
        }
        List<Double> all = new ArrayList<>();
        latencies.values().forEach(all::addAll);
        latencies.put("all", all);
        System.out.printf("%nverification latency with %,d roster rows (%d members, one request at a time)%n", held,
                members);
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
