package io.kencom.testsupport.campaign;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kencom.testsupport.DeclaredBody.Answer;
import io.kencom.testsupport.DeclaredBody;
import io.kencom.testsupport.ObservedResponses;
import io.kencom.testsupport.RunReport;
import io.kencom.testsupport.campaign.BadRequests.Attempt;
import io.quarkus.runtime.configuration.MemorySize;
import io.restassured.RestAssured;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import net.jqwik.api.RandomGenerator;
import net.jqwik.api.sessions.JqwikSession;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Sends a service generated bad requests and holds it to what the app and the gateway rely on: never a 5xx; every
 * 4xx problem+json with a stable code; a request no service may accept refused; no table changed by a request that
 * was refused or only read (each checked alone, {@link TableState}); every operation reached past the platform's
 * checks by a first round of valid input; and no value sent in a personal field found in the service's log
 * ({@link LogSweep}). The seed is printed; the same seed sends the same requests again
 * ({@code -Dkencom.campaign.seed=…}); by default a service's build replays its seed of {@link #CI_SEEDS}, then
 * explores a new one.
 */
public final class BadInputCampaign {

    /**
     * How many random requests a seed sends per service ({@code -Dkencom.campaign.requests}), after each operation as
     * each caller with valid input; the issue asks for 2 000.
     */
    public static final int REQUESTS = Integer.getInteger("kencom.campaign.requests", 2000);
    /**
     * The seed each service's build replays, so that a build fails only for a change of its own: each was a random
     * one explored once, and what it found is fixed. {@code -Dkencom.campaign.seed=random} explores a new one.
     */
    private static final Map<String, Long> CI_SEEDS = Map.of("account-service", 7037341227671547765L,
            "insured-verification-service", -484423020762904376L, "ekyc-service", 1854460424304955737L,
            "entitlement-service", -1793878006768160370L, "notification-service", 2018069108520847256L);
    private static final Pattern STABLE_CODE = Pattern.compile("[A-Z][A-Z0-9_]*");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a run saw; {@code findings} empty when the service held. */
    public record Report(String service, long seed, int requests, Map<Integer, Integer> byStatus,
            Map<BadRequests.Flaw, Integer> byFlaw, int serverErrors, int checkedForStateChange, int acceptedWrites,
            int operationsReached, int personalValuesSent, int logRecordsSwept, List<String> findings,
            Duration took) {

        public String summary() {
            return String.format("bad-input campaign on %s: seed %d, %d requests in %.1f s, by status %s, 5xx %d, "
                    + "%d refused or reading requests each checked for state changes (%d accepted writes), %d "
                    + "operations reached past the platform's checks, %d personal values looked for in %d log records, "
                    + "%d findings; by flaw %s", service, seed, requests, took.toMillis() / 1000.0, byStatus,
                    serverErrors, checkedForStateChange, acceptedWrites, operationsReached, personalValuesSent,
                    logRecordsSwept, findings.size(), byFlaw);
        }
    }

    /**
     * Answers the HTTP codec writes before any route runs, so no body can be put on them: a request line or headers
     * over Vert.x's limits (4 KiB, 8 KiB). Counted, not held to problem+json.
     */
    public static final Set<Integer> BEFORE_ROUTING = Set.of(414, 431);
    /** Vert.x's limit on the request line ({@code quarkus.http.limits.max-initial-line-length}). */
    private static final int MAX_REQUEST_LINE = 4096;
    /** The status counted for a request line over that limit whose connection closed before any answer was read. */
    public static final int CLOSED_BY_CODEC = 0;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** A run against the service under test, from its own {@code /q/openapi} and body limit: a report per seed. */
    public static List<Report> against(String service, List<BadRequests.Caller> callers,
            Map<String, List<String>> knownIds, TableState tables) {
        return against(service, callers, knownIds, Map.of(), tables);
    }

    /** The same, with bodies some operations take as valid ({@link BadRequests#BadRequests}). */
    public static List<Report> against(String service, List<BadRequests.Caller> callers,
            Map<String, List<String>> knownIds, Map<String, List<BadRequests.Body>> validBodies, TableState tables) {
        OpenApi api = OpenApi.parse(RestAssured.given().get("/q/openapi?format=json").then().statusCode(200)
                .extract().asString());
        long bodyLimit = ConfigProvider.getConfig().getOptionalValue("quarkus.http.limits.max-body-size",
                MemorySize.class).orElse(new MemorySize(BigInteger.valueOf(10240 * 1024))).asLongValue();
        return new BadInputCampaign().run(service, new BadRequests(api, callers, knownIds, validBodies, bodyLimit),
                tables);
    }

    /** One report per seed of {@link #seeds}. */
    public List<Report> run(String service, BadRequests requests, TableState tables) {
        List<Report> reports = new ArrayList<>();
        for (long seed : seeds(service)) {
            // Outside a jqwik property, generators need a session to memoise in.
            JqwikSession.start();
            try {
                reports.add(runInSession(service, requests, tables, seed));
            } finally {
                JqwikSession.finish();
            }
        }
        return reports;
    }

    /** The random requests of a seed: a new seed's half as many, since the build pays for both. */
    private static int requestsFor(long seed) {
        return CI_SEEDS.containsValue(seed) || System.getProperty("kencom.campaign.seed") != null ? REQUESTS
                : REQUESTS / 2;
    }

    /**
     * The seed asked for ({@code -Dkencom.campaign.seed}, {@code random} for a new one); else the service's regression
     * seed, then a new one each run — what a new seed finds fails the build with the seed that replays it.
     */
    static List<Long> seeds(String service) {
        String asked = System.getProperty("kencom.campaign.seed");
        if (asked == null) {
            return List.of(CI_SEEDS.getOrDefault(service, 1L), new Random().nextLong());
        }
        return List.of(asked.equals("random") ? new Random().nextLong() : Long.parseLong(asked));
    }

    private Report runInSession(String service, BadRequests requests, TableState tables, long seed) {
        System.out.println("bad-input campaign on " + service + ": seed " + seed + " (-Dkencom.campaign.seed=" + seed
                + " repeats it)");
        RandomGenerator<Attempt> generator = requests.attempts().generatorWithEmbeddedEdgeCases(1000);
        Random random = new Random(seed);
        List<Integer> statuses = new ArrayList<>();
        List<BadRequests.Flaw> flaws = new ArrayList<>();
        List<String> findings = new ArrayList<>();
        int checked = 0;
        int acceptedWrites = 0;
        int serverErrors = 0;
        long start = System.nanoTime();
        long inTables = 0;
        Map<String, String> before = tables.settled();
        LogSweep logs = LogSweep.start();
        Set<String> unsent = requests.pairs();
        Set<String> unreached = requests.operations();
        // The same round in every run (a generator of its own, fixed): whether an operation is reached must not hang
        // on the seed, and the seed's random requests stay the ones it always sent.
        List<Attempt> firstValid = requests.everyOperationWithValidInput(new Random(0));
        int count = firstValid.size() + requestsFor(seed);
        for (int i = 0; i < count; i++) {
            Attempt attempt = i < firstValid.size() ? firstValid.get(i) : generator.next(random).value();
            unsent.remove(attempt.pair());
            logs.sent(attempt.contentType(), attempt.body());
            Answered answer = check(attempt, findings);
            int status = answer.status();
            statuses.add(status);
            flaws.add(attempt.flaw());
            if (i < firstValid.size() && reachedTheOperation(answer)) {
                unreached.remove(attempt.operation().id());
            }
            long t0 = System.nanoTime();
            boolean acceptedWrite = status >= 200 && status < 400 && !attempt.method().equals("GET");
            if (acceptedWrite || status >= 500 || status == NO_ANSWER) {
                // An accepted write changes tables, and so may a request that failed (itself a finding): not checked,
                // the next request is checked from the state once it has settled.
                acceptedWrites += acceptedWrite ? 1 : 0;
                serverErrors += status >= 500 ? 1 : 0;
                before = tables.settled();
            } else {
                // Refused (by the HTTP codec too), or a read: checked alone, so a finding names the one request that
                // wrote.
                checked++;
                Map<String, String> after = tables.snapshot();
                if (!after.equals(before)) {
                    findings.add("a " + (status < 400 ? "read" : "refused request") + " changed " + changed(before,
                            after) + ": " + attempt);
                    after = tables.settled();
                }
                before = after;
            }
            inTables += System.nanoTime() - t0;
        }
        if (!unsent.isEmpty()) {
            findings.add(unsent.size() + " operations × callers never sent (raise kencom.campaign.requests): "
                    + unsent);
        }
        if (!unreached.isEmpty()) {
            findings.add(unreached.size() + " operations not reached past authorisation and the checks of the "
                    + "request's form by the first round (give the campaign valid ids or bodies): " + unreached);
        }
        int logRecords = logs.recordsKept();
        findings.addAll(logs.finish());
        Report report = new Report(service, seed, count, new TreeMap<>(BadRequests.count(statuses)),
                new TreeMap<>(BadRequests.count(flaws)), serverErrors, checked, acceptedWrites,
                requests.operations().size() - unreached.size(), logs.valuesSent(), logRecords, findings,
                Duration.ofNanos(System.nanoTime() - start));
        System.out.println(report.summary() + String.format(" (%.1f s reading tables)", inTables / 1e9));
        RunReport.add("§1 bad input", report.summary());
        findings.stream().limit(20).forEach(f -> System.out.println("  finding: " + f));
        return report;
    }

    /**
     * Refusals the platform makes before an operation's own code runs: the caller's identity and role, the reading
     * of the request, a field missing or not of its form (ProblemMappers, RequestGuards, Require).
     */
    private static final Set<String> REFUSED_BEFORE_THE_OPERATION = Set.of("UNAUTHENTICATED", "FORBIDDEN",
            "MALFORMED_REQUEST", "BODY_TOO_LARGE", "UNSUPPORTED_MEDIA_TYPE", "FIELD_REQUIRED", "FIELD_INVALID",
            "NOT_FOUND");

    /**
     * Whether the request got past authorisation and the platform's checks of its form to the operation's own rules:
     * accepted, or refused with the operation's own code (no such application, a wrong code, a closed application).
     */
    static boolean reachedTheOperation(Answered answer) {
        int status = answer.status();
        return (status >= 200 && status < 300) || (status >= 400 && status < 500 && answer.code() != null
                && !REFUSED_BEFORE_THE_OPERATION.contains(answer.code()));
    }

    /** A request's status (or {@link #NO_ANSWER}) and its problem code, if it had one. */
    record Answered(int status, String code) {
    }

    /** The status counted for a request that got no answer at all (a finding). */
    static final int NO_ANSWER = -1;

    /** The attempt sent and its answer checked. */
    private Answered check(Attempt attempt, List<String> findings) {
        Answer response;
        try {
            response = send(attempt);
        } catch (IOException closedBeforeRead) {
            // The codec closes a connection after a 414 without saying so; the next request on it meets the close.
            try {
                response = send(attempt);
            } catch (IOException e) {
                if (attempt.pathAndQuery().length() > MAX_REQUEST_LINE) {
                    // its 414 may be lost to the reset of a connection with unread bytes
                    return new Answered(CLOSED_BY_CODEC, null);
                }
                findings.add("no answer (" + e.getMessage() + ") to " + attempt);
                return new Answered(NO_ANSWER, null);
            }
        }
        int status = response.status();
        JsonNode problem = problem(response);
        if (!BEFORE_ROUTING.contains(status)) { // the HTTP codec's answers to what it cannot read, for no operation
            ObservedResponses.record(attempt.method(), URI.create(attempt.pathAndQuery()).getRawPath(), status,
                    problem == null ? null : problem.path("code").asText(null), response.headers().keySet());
        }
        if (status >= 500) {
            findings.add(status + " for " + attempt + ": " + excerpt(response.body()));
        } else if (status >= 400) {
            String wrong = BEFORE_ROUTING.contains(status) ? null : problemJsonFault(response, problem);
            if (wrong != null) {
                findings.add(status + " without a proper problem+json (" + wrong + ") for " + attempt);
            }
        } else if (attempt.flaw().mustBeRefused) {
            findings.add(status + ": accepted " + attempt);
        }
        return new Answered(status, problem == null ? null : problem.path("code").asText(null));
    }

    private Answer send(Attempt attempt) throws IOException {
        URI uri = URI.create(RestAssured.baseURI + ":" + RestAssured.port + attempt.pathAndQuery());
        if (attempt.flaw() == BadRequests.Flaw.OVER_THE_BODY_LIMIT) {
            return DeclaredBody.send(attempt.method(), uri, attempt.contentType(), attempt.declaredLength(),
                    attempt.caller().token());
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .method(attempt.method(), attempt.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(attempt.body()));
        if (attempt.contentType() != null) {
            request.header("Content-Type", attempt.contentType());
        }
        if (attempt.caller().token() != null) {
            request.header("Authorization", "Bearer " + attempt.caller().token());
        }
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            Map<String, String> headers = new TreeMap<>();
            response.headers().map().forEach((name, values) -> headers.put(name.toLowerCase(), values.get(0)));
            return new Answer(response.statusCode(), headers, response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The body, read once, when the answer says it is problem+json and the body is JSON; else null. */
    private static JsonNode problem(Answer response) {
        if (!contentType(response).startsWith("application/problem+json")) {
            return null;
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            return null;
        }
    }

    private static String contentType(Answer response) {
        return response.headers().getOrDefault("content-type", "");
    }

    /**
     * Null when the answer is problem+json with a stable code and its own status; else what is wrong.
     * {@code problem} is its body as {@link #problem} read it.
     */
    private static String problemJsonFault(Answer response, JsonNode problem) {
        String type = contentType(response);
        if (!type.startsWith("application/problem+json")) {
            return "Content-Type " + (type.isEmpty() ? "missing" : type);
        }
        if (problem == null) {
            return "body is not JSON";
        }
        if (!STABLE_CODE.matcher(problem.path("code").asText("")).matches()) {
            return "code " + problem.path("code");
        }
        if (problem.path("status").asInt() != response.status()) {
            return "status " + problem.path("status");
        }
        return null;
    }

    private static List<String> changed(Map<String, String> before, Map<String, String> after) {
        List<String> tables = new ArrayList<>();
        after.forEach((table, digest) -> {
            if (!digest.equals(before.get(table))) {
                tables.add(table);
            }
        });
        return tables;
    }

    private static String excerpt(byte[] body) {
        String s = new String(body, StandardCharsets.UTF_8);
        return s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }
}
