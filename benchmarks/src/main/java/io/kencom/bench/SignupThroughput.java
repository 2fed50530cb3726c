package io.kencom.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kencom.contracts.CloudEvent;
import io.kencom.contracts.EventContract;
import io.kencom.contracts.events.EmailRequested;
import io.kencom.contracts.events.GroupChanged;
import io.kencom.contracts.model.CardFormat;
import io.kencom.contracts.model.ConsentDocument;
import io.kencom.contracts.model.GroupCategory;
import io.kencom.contracts.model.InsurerNumber;
import io.kencom.local.KafkaBroker;
import io.kencom.testsupport.Events;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Sign-ups per second through account-service, beside users per second created straight through Keycloak's admin
 * API, on the same machine and at the same concurrency. A sign-up is the whole journey of the app: group check,
 * credentials, consents, code (read from its EmailRequested, as notification-service would), verify.
 *
 * <p>Run against the local stack: {@code mvn -q -pl benchmarks exec:java -Dexec.args="<count> <threads>"}.
 */
public final class SignupThroughput {

    private static final String ACCOUNT = "http://127.0.0.1:8081";
    private static final String KEYCLOAK = "http://127.0.0.1:8180";
    private static final KafkaBroker KAFKA = KafkaBroker.LOCAL;
    private static final String PASSWORD = "blue-Heron-58";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> CODES = new ConcurrentHashMap<>();

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        String run = UUID.randomUUID().toString().substring(0, 8);
        AtomicBoolean reading = new AtomicBoolean(true);
        Thread reader = new Thread(() -> readCodes(reading), "code-reader");
        reader.start();
        String insurerNumber = publishGroup(run);

        // Warm-up of both paths (JIT, pools, Keycloak's caches), not measured; a smoke run (mvn verify) warms less.
        int warm = Math.min(20, count);
        measure("warm-up keycloak", warm, threads, i -> createKeycloakUser("warm-kc-" + run + "-" + i));
        measure("warm-up signups", warm, threads, i -> signUp(insurerNumber, "warm-" + run + "-" + i + "@example.com"));

        Map<String, Double> cpu0 = CpuTime.snapshot();
        double keycloak = measure("keycloak admin API: create user", count, threads,
                i -> createKeycloakUser("kc-" + run + "-" + i));
        Map<String, Double> cpu1 = CpuTime.snapshot();
        STEPS.clear();
        double signups = measure("account-service: whole sign-up", count, threads,
                i -> signUp(insurerNumber, "su-" + run + "-" + i + "@example.com"));
        Map<String, Double> cpu2 = CpuTime.snapshot();
        System.out.printf("CPU ms per item        %s%n", CpuTime.header(cpu2.keySet()));
        System.out.printf("  keycloak user        %s%n", CpuTime.perItem(cpu0, cpu1, cpu2.keySet(), count, 1e3));
        System.out.printf("  sign-up              %s%n", CpuTime.perItem(cpu1, cpu2, cpu2.keySet(), count, 1e3));
        STEPS.forEach((name, total) -> System.out.printf("    %-20s mean %6.1f ms%n", name, total.sum() / 1e6 / count));
        reading.set(false);
        reader.join();
        System.out.printf("%nrate keycloak / rate sign-ups = %.2f (goal: <= 1.2)%n", keycloak / signups);
        // account-service's own CPU per sign-up against Keycloak's own per user it creates
        System.out.printf("account CPU per sign-up / keycloak CPU per user = %.0f %% (goal: <= 25 %%)%n",
                100 * CpuTime.spent(cpu1, cpu2, "account") / CpuTime.spent(cpu0, cpu1, "keycloak"));
    }

    /** CPU seconds used so far by each server of the stack (from /proc), to see where a phase's work went. */
    interface Step {
        void run(int i) throws Exception;
    }

    private static double measure(String name, int count, int threads, Step step) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        long t0 = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int n = i;
            futures.add(pool.submit(() -> {
                long s = System.nanoTime();
                step.run(n);
                latencies.add(System.nanoTime() - s);
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        pool.shutdown();
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        double rate = count / seconds;
        System.out.printf("%-40s %5d in %6.2f s = %6.1f/s  p50 %5.0f ms  p99 %5.0f ms%n", name, count, seconds, rate,
                sorted[sorted.length / 2] / 1e6, sorted[(int) Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)] / 1e6);
        return rate;
    }

    /** Time spent in each step of the sign-up, summed over all sign-ups (nanoseconds). */
    private static final Map<String, LongAdder> STEPS = new ConcurrentSkipListMap<>();

    private static void step(String name, long since) {
        STEPS.computeIfAbsent(name, k -> new LongAdder()).add(System.nanoTime() - since);
    }

    private static void signUp(String insurerNumber, String email) throws Exception {
        long t = System.nanoTime();
        JsonNode started = call("POST", ACCOUNT + "/v1/signups",
                Map.of("insurerNumber", insurerNumber, "groupCategory", "HEALTH_INSURANCE_SOCIETY_OR_COMPANY"), null, 201);
        String id = started.get("signupId").asText();
        step("1 start", t);
        t = System.nanoTime();
        call("PUT", ACCOUNT + "/v1/signups/" + id + "/credentials", Map.of("email", email, "password", PASSWORD), null, 204);
        step("2 credentials", t);
        t = System.nanoTime();
        call("PUT", ACCOUNT + "/v1/signups/" + id + "/consents", Map.of("agreements", List.of(
                Map.of("kind", "PRIVACY_POLICY", "version", "1"), Map.of("kind", "MEMBER_TERMS", "version", "1"))), null, 204);
        step("3 consents", t);
        t = System.nanoTime();
        call("POST", ACCOUNT + "/v1/signups/" + id + "/code", null, null, 202);
        step("4 code", t);
        t = System.nanoTime();
        String code = null;
        for (long deadline = System.nanoTime() + 30_000_000_000L; code == null && System.nanoTime() < deadline; ) {
            code = CODES.remove(email);
            if (code == null) {
                Thread.sleep(5);
            }
        }
        if (code == null) {
            throw new IllegalStateException("no code arrived");
        }
        step("5 code on Kafka", t);
        t = System.nanoTime();
        call("POST", ACCOUNT + "/v1/signups/" + id + "/code/verify", Map.of("code", code), null, 201);
        step("6 verify", t);
    }

    private static volatile String adminToken;
    private static volatile Instant adminTokenExpiry = Instant.EPOCH;

    private static void createKeycloakUser(String name) throws Exception {
        Map<String, Object> user = Map.of("username", name + "@example.com", "email", name + "@example.com",
                "emailVerified", true, "enabled", true,
                "attributes", Map.of("groupId", List.of("bench"), "authLevel", List.of("GROUP_ID")),
                "credentials", List.of(Map.of("type", "password", "value", PASSWORD, "temporary", false)));
        call("POST", KEYCLOAK + "/admin/realms/kencom/users", user, adminToken(), 201);
    }

    private static synchronized String adminToken() throws Exception {
        if (Instant.now().isAfter(adminTokenExpiry)) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(KEYCLOAK + "/realms/kencom/protocol/openid-connect/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id=kencom-services"
                            + "&client_secret=kencom-services-local-secret")).build();
            JsonNode token = JSON.readTree(HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body());
            adminToken = token.get("access_token").asText();
            adminTokenExpiry = Instant.now().plusSeconds(token.get("expires_in").asLong() - 30);
        }
        return adminToken;
    }

    private static JsonNode call(String method, String url, Object body, String bearer, int expected) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .header("Content-Type", "application/json");
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        HttpResponse<String> response = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(method + " " + url + " → " + response.statusCode() + " " + response.body());
        }
        return response.body().isEmpty() ? null : JSON.readTree(response.body());
    }

    private static String publishGroup(String run) throws Exception {
        String digits = String.format("%07d", ThreadLocalRandom.current().nextInt(10_000_000));
        String insurerNumber = digits + InsurerNumber.checkDigit(digits);
        GroupChanged group = new GroupChanged("bench-" + run, List.of(insurerNumber), "ベンチマーク健保",
                GroupCategory.HEALTH_INSURANCE_SOCIETY_OR_COMPANY, CardFormat.NUMBER_ONLY,
                List.of(new ConsentDocument(ConsentDocument.Kind.PRIVACY_POLICY, "1", true),
                        new ConsentDocument(ConsentDocument.Kind.MEMBER_TERMS, "1", true)),
                null, List.of(), List.of(), true, 1, Instant.now());
        Events.publish(KAFKA, CloudEvent.of(UUID.randomUUID(), "/benchmark", group, Instant.now()));
        for (int i = 0; i < 300; i++) { // until account-service's projection has it
            HttpRequest probe = HttpRequest.newBuilder(URI.create(ACCOUNT + "/v1/signups")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("insurerNumber", insurerNumber,
                            "groupCategory", "HEALTH_INSURANCE_SOCIETY_OR_COMPANY")))).build();
            if (HTTP.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 201) {
                return insurerNumber;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("account-service never saw the benchmark group");
    }

    private static void readCodes(AtomicBoolean reading) {
        Properties p = new Properties();
        p.putAll(KAFKA.clientConfig(KafkaBroker.ADMIN));
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "benchmark-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            consumer.subscribe(List.of(EventContract.EMAIL_REQUESTED.topic().topicName()));
            while (reading.get()) {
                consumer.poll(Duration.ofMillis(50)).forEach(r -> {
                    Map<String, byte[]> headers = new HashMap<>();
                    r.headers().forEach(h -> headers.put(h.key(), h.value()));
                    EmailRequested mail = (EmailRequested) CloudEvent.fromKafka(headers, r.value()).event();
                    CODES.put(mail.to(), mail.oneTimeCode());
                });
            }
        }
    }

}
