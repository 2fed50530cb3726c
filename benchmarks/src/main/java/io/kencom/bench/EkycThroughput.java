package io.kencom.bench;

import io.kencom.contracts.CloudEvent;
import io.kencom.contracts.events.AuthLevelChanged;
import io.kencom.contracts.events.GroupChanged;
import io.kencom.contracts.model.AuthLevel;
import io.kencom.contracts.model.CardFormat;
import io.kencom.contracts.model.GroupCategory;
import io.kencom.ekyc.testing.Cards;
import io.kencom.ekyc.testing.Photos;
import io.kencom.testsupport.Events;
import io.kencom.testsupport.KeycloakUsers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Face photos per second one ekyc-service instance takes through {@code PUT …/faces/front}, the heaviest step: the
 * photo decoded, re-encoded without metadata and sealed, the selfie's face and the stored document's portrait read
 * by the models, the match written. Members of a fresh group are taken to that step once, then the front selfie is
 * sent again and again (a retake is allowed) by {@code <clients>} concurrent clients for {@code <seconds>}.
 *
 * <p>Run against the local stack: {@code mvn -q -pl benchmarks exec:java -Dexec.mainClass=io.kencom.bench.EkycThroughput
 * -Dexec.args="<members> <clients> <seconds>"}.
 */
public final class EkycThroughput {

    static final String SERVICE = "http://127.0.0.1:8083";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern ID = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"");

    public static void main(String[] args) throws Exception {
        int members = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 60;
        byte[] card = Cards.jpeg(Cards.sharp(Photos.portrait("person-a-webcam-1.jpg")));
        byte[] selfie = Cards.jpeg(Photos.load("person-a-webcam-2.jpg"));
        String groupId = "g-bench-ekyc-" + UUID.randomUUID();
        List<String[]> ready = new ArrayList<>();
        try (Events.Publisher publisher = Events.publisher(RosterData.KAFKA)) {
            publisher.send(CloudEvent.of(UUID.randomUUID(), "/bench", new GroupChanged(groupId, List.of("06139996"),
                    "ベンチ健保", GroupCategory.HEALTH_INSURANCE_SOCIETY_OR_COMPANY, CardFormat.NUMBER_ONLY, List.of(),
                    new GroupChanged.Options(null, null, true, true, false), List.of(), List.of(), true, 1,
                    Instant.now()), Instant.now()));
            for (int i = 0; i < members; i++) {
                KeycloakUsers.TestUser user = KeycloakUsers.member(groupId);
                publisher.send(CloudEvent.of(UUID.randomUUID(), "/bench", new AuthLevelChanged(user.id(), groupId,
                        AuthLevel.PERSONAL, AuthLevel.GROUP_ID, Instant.now()), Instant.now()));
                ready.add(new String[] { user.accessToken(), null });
            }
        }
        for (String[] m : ready) {
            m[1] = openWhenEligible(m[0]);
            expect(send("PUT", "/v1/ekyc/applications/" + m[1] + "/document", m[0], "application/json",
                    "{\"documentType\":\"DRIVERS_LICENSE\",\"hasRemarks\":false}".getBytes()), 200);
            expect(send("PUT", "/v1/ekyc/applications/" + m[1] + "/images/FRONT", m[0], "image/jpeg", card), 200);
            expect(send("PUT", "/v1/ekyc/applications/" + m[1] + "/document-data", m[0], "application/json",
                    "{\"name\":\"ベンチ 太郎\",\"birthDate\":\"1980-01-01\"}".getBytes()), 200);
        }
        System.out.printf("%d members at the face step; %d clients for %d s; selfie %,d bytes%n", members, clients,
                seconds, selfie.length);

        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicLong failures = new AtomicLong();
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        int warmUp = Math.min(10, seconds / 3); // 10 s; less in a smoke run (mvn verify)
        long warmEnd = System.nanoTime() + Duration.ofSeconds(warmUp).toNanos();
        Map<String, Double> cpuFrom = null;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        for (int c = 0; c < clients; c++) {
            int client = c;
            pool.submit(() -> {
                for (int i = client; System.nanoTime() < end; i += clients) {
                    String[] m = ready.get(i % ready.size());
                    long t = System.nanoTime();
                    try {
                        int status = send("PUT", "/v1/ekyc/applications/" + m[1] + "/faces/front", m[0],
                                "image/jpeg", selfie).statusCode();
                        if (status != 200) {
                            failures.incrementAndGet();
                        } else if (t > warmEnd) {
                            latencies.add(System.nanoTime() - t);
                        }
                    } catch (Exception e) {
                        failures.incrementAndGet();
                    }
                }
                return null;
            });
        }
        Thread.sleep(Duration.ofSeconds(warmUp).toMillis());
        cpuFrom = CpuTime.snapshot();
        long measuredFrom = System.nanoTime();
        pool.shutdown();
        pool.awaitTermination(seconds + 60L, TimeUnit.SECONDS);
        Map<String, Double> cpuTo = CpuTime.snapshot();
        double measured = (System.nanoTime() - measuredFrom) / 1e9;
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        int n = sorted.size();
        System.out.printf("after a %d s warm-up: %,d photos in %.1f s = %.1f photos/s; failures %d; latency ms "
                        + "p50 %.0f, p90 %.0f, p99 %.0f%n", warmUp, n, measured, n / measured, failures.get(),
                sorted.get(n / 2) / 1e6, sorted.get(n * 9 / 10) / 1e6, sorted.get(n * 99 / 100) / 1e6);
        Set<String> names = Set.of("ekyc", "postgres", "driver");
        System.out.println("CPU ms per photo: " + CpuTime.header(new TreeSet<>(names)));
        System.out.println("                  " + CpuTime.perItem(cpuFrom, cpuTo, new TreeSet<>(names), n, 1e3));
    }

    private static String openWhenEligible(String token) throws Exception {
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            HttpResponse<String> r = send("POST", "/v1/ekyc/applications", token, "application/json", new byte[0]);
            if (r.statusCode() == 201) {
                Matcher m = ID.matcher(r.body());
                m.find();
                return m.group(1);
            }
            if (System.nanoTime() > until) {
                throw new IllegalStateException("member never eligible: " + r.statusCode() + " " + r.body());
            }
            Thread.sleep(200);
        }
    }

    private static void expect(HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(response.statusCode() + " " + response.body());
        }
    }

    private static HttpResponse<String> send(String method, String path, String token, String type, byte[] body)
            throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(SERVICE + path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", type).timeout(Duration.ofSeconds(60))
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
