package io.kencom.bench;

import static io.restassured.RestAssured.given;

import io.kencom.contracts.CloudEvent;
import io.kencom.contracts.DomainEvent;
import io.kencom.contracts.events.AccountCreated;
import io.kencom.contracts.events.AccountVerified;
import io.kencom.contracts.model.InsurerNumber;
import io.kencom.local.KafkaBroker;
import io.kencom.testsupport.Events;
import io.kencom.testsupport.KeycloakUsers;
import io.kencom.testsupport.KeycloakUsers.TestUser;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The entitlement reads' two figures (docs/benchmarks.md), against the running local stack (deploy/local/run):
 * <ol>
 * <li>{@code GET /v1/members/me/entitlements} under wrk, beside the same service's trivial authenticated endpoint
 * {@code GET /v1/members/me/token} in the same run (same tokens, connections and threads; rounds alternate);</li>
 * <li>the time from an {@code AccountVerified} acknowledged by Kafka to {@code PERSONAL} being served by the
 * entitlements endpoint, polled by one client.</li>
 * </ol>
 * {@code mvn -q -pl benchmarks compile exec:java -Dexec.mainClass=io.kencom.bench.EntitlementReads
 * -Dexec.args="<members> <seconds per round> <rounds> <latency samples>"}; needs wrk on the PATH.
 */
public final class EntitlementReads {

    private static final String SERVICE = "http://127.0.0.1:8084";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Events.Publisher KAFKA_PUBLISHER = Events.publisher(KafkaBroker.LOCAL);

    public static void main(String[] args) throws Exception {
        int members = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        int samples = args.length > 3 ? Integer.parseInt(args[3]) : 200;

        String groupId = "bench-" + UUID.randomUUID().toString().substring(0, 8);
        String insurerNumber = putGroup(groupId);
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < members; i++) {
            TestUser member = KeycloakUsers.member(groupId);
            publish(new AccountCreated(member.id(), groupId, insurerNumber, member.email(), Instant.now()));
            publish(new AccountVerified(member.id(), groupId, insurerNumber, Instant.now()));
            tokens.add(member.accessToken());
        }
        awaitLevel(tokens.get(tokens.size() - 1), "PERSONAL");
        Path script = wrkScript(tokens);

        int warmUp = Math.min(10, seconds); // not counted; shorter in a smoke run (mvn verify)
        wrk("/v1/members/me/token", script, 16, warmUp);
        wrk("/v1/members/me/entitlements", script, 16, warmUp);
        for (int connections : new int[] { 4, 16 }) {
            System.out.printf("wrk -t2 -c%d -d%ds, %d members' tokens in rotation, %d rounds%n", connections, seconds,
                    members, rounds);
            List<double[]> trivial = new ArrayList<>();
            List<double[]> entitlements = new ArrayList<>();
            for (int r = 0; r < rounds; r++) {
                trivial.add(wrk("/v1/members/me/token", script, connections, seconds));
                entitlements.add(wrk("/v1/members/me/entitlements", script, connections, seconds));
                System.out.printf("  round %d  token %8.0f req/s p50 %5.2f ms p99 %5.2f ms | entitlements %8.0f req/s "
                                + "p50 %5.2f ms p99 %5.2f ms%n", r + 1, trivial.get(r)[0], trivial.get(r)[1],
                        trivial.get(r)[2], entitlements.get(r)[0], entitlements.get(r)[1], entitlements.get(r)[2]);
            }
            double[] t = median(trivial);
            double[] e = median(entitlements);
            System.out.printf("  median   token %8.0f req/s p99 %5.2f ms | entitlements %8.0f req/s p99 %5.2f ms"
                    + "  -> entitlements/token %.0f %% (goal >= 70 %%), p99 %.2f ms (goal <= 5 ms)%n",
                    t[0], t[2], e[0], e[2], 100 * e[0] / t[0], e[2]);
        }

        factToServed(groupId, insurerNumber, samples);
        KAFKA_PUBLISHER.close();
    }

    /** AccountVerified acknowledged by the broker → PERSONAL served, for members created one at a time. */
    private static void factToServed(String groupId, String insurerNumber, int samples) throws Exception {
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < samples; i++) {
            TestUser member = KeycloakUsers.member(groupId);
            String token = member.accessToken();
            publish(new AccountCreated(member.id(), groupId, insurerNumber, member.email(), Instant.now()));
            awaitLevel(token, "GROUP_ID");
            publish(new AccountVerified(member.id(), groupId, insurerNumber, Instant.now()));
            long start = System.nanoTime(); // acknowledged: the event is on Kafka
            awaitLevel(token, "PERSONAL");
            millis.add((System.nanoTime() - start) / 1e6);
        }
        double[] sorted = millis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        System.out.printf("AccountVerified on Kafka -> PERSONAL served, %d samples: p50 %.1f ms  p99 %.1f ms  "
                        + "max %.1f ms%n", samples, sorted[sorted.length / 2],
                sorted[(int) Math.ceil(sorted.length * 0.99) - 1], sorted[sorted.length - 1]);
    }

    private static String putGroup(String groupId) {
        String digits = String.format("%07d", ThreadLocalRandom.current().nextInt(10_000_000));
        String insurerNumber = digits + InsurerNumber.checkDigit(digits);
        LocalDate today = LocalDate.now();
        Map<String, Object> group = Map.of("insurerNumbers", List.of(insurerNumber), "name", "ベンチマーク健保",
                "category", "HEALTH_INSURANCE_SOCIETY_OR_COMPANY", "cardFormat", "SYMBOL_AND_NUMBER",
                "consentDocuments", List.of(Map.of("kind", "PRIVACY_POLICY", "version", "1", "required", true),
                        Map.of("kind", "MEMBER_TERMS", "version", "1", "required", true),
                        Map.of("kind", "OWN_POINT_TERMS", "version", "1", "required", true)),
                "options", Map.of("ownPoints", Map.of("name", "けんポ", "grantsAfterPersonal", List.of("CHECKUP")),
                        "walkingEvent", Map.of("heldFrom", today.minusDays(30).toString(),
                                "heldTo", today.plusDays(30).toString()),
                        "checkupDataLink", true, "medicationHistoryLink", true, "medicalCostNoticeLink", true),
                "links", List.of(Map.of("title", "健保のお知らせ", "url", "https://example.jp/news")),
                "menuItems", List.of(Map.of("title", "禁煙チャレンジ")));
        given().auth().oauth2(KeycloakUsers.staff("ops-admin").accessToken()).contentType(ContentType.JSON).body(group)
                .put(SERVICE + "/v1/groups/" + groupId).then().statusCode(201);
        return insurerNumber;
    }

    private static void publish(DomainEvent event) {
        KAFKA_PUBLISHER.send(CloudEvent.of(UUID.randomUUID(), "/benchmark", event, Instant.now()));
    }

    /** Polls the entitlements as the app would, as fast as one client can, until the level is served. */
    private static void awaitLevel(String token, String level) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(SERVICE + "/v1/members/me/entitlements"))
                .header("Authorization", "Bearer " + token).build();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            String body = HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body();
            if (body.startsWith("{\"level\":\"" + level + "\"")) {
                return;
            }
        }
        throw new IllegalStateException("level " + level + " never served");
    }

    private static Path wrkScript(List<String> tokens) throws IOException {
        StringBuilder lua = new StringBuilder("tokens = {\n");
        tokens.forEach(t -> lua.append("  \"").append(t).append("\",\n"));
        lua.append("}\nlocal n = 0\nrequest = function()\n  n = n + 1\n")
                .append("  return wrk.format(\"GET\", nil, {[\"Authorization\"] = \"Bearer \" .. tokens[n % #tokens + 1]})\n")
                .append("end\n");
        Path script = Files.createTempFile("entitlement-reads", ".lua");
        Files.writeString(script, lua);
        return script;
    }

    /** Requests per second, p50 and p99 in ms of one wrk run; refuses a run with errors or non-2xx answers. */
    private static double[] wrk(String path, Path script, int connections, int seconds) throws Exception {
        Process wrk = new ProcessBuilder("wrk", "-t2", "-c" + connections, "-d" + seconds + "s", "--latency", "-s",
                script.toString(), SERVICE + path).redirectErrorStream(true).start();
        String out = new String(wrk.getInputStream().readAllBytes());
        if (wrk.waitFor() != 0 || out.contains("Non-2xx") || out.contains("Socket errors")) {
            throw new IllegalStateException("wrk run not clean:\n" + out);
        }
        return new double[] { number(out, "Requests/sec:\\s+([\\d.]+)"), millis(out, "50%"), millis(out, "99%") };
    }

    private static double millis(String out, String percentile) {
        Matcher m = Pattern.compile(percentile + "\\s+([\\d.]+)(us|ms|s)").matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("no " + percentile + " in wrk output:\n" + out);
        }
        double v = Double.parseDouble(m.group(1));
        return switch (m.group(2)) {
            case "us" -> v / 1000;
            case "s" -> v * 1000;
            default -> v;
        };
    }

    private static double number(String out, String regex) {
        Matcher m = Pattern.compile(regex).matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("no match for " + regex + " in wrk output:\n" + out);
        }
        return Double.parseDouble(m.group(1));
    }

    private static double[] median(List<double[]> runs) {
        double[] result = new double[3];
        for (int k = 0; k < 3; k++) {
            int col = k;
            double[] values = runs.stream().mapToDouble(r -> r[col]).sorted().toArray();
            result[k] = values[values.length / 2];
        }
        return result;
    }
}
