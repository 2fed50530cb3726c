package io.kencom.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.kencom.api.Documents.Answer;
import io.kencom.api.Documents.Operation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The services' OpenAPI documents against what the whole suite saw them answer — the service modules' tests (their
 * bad-input campaigns included), the journey, the access matrix and the fault campaign — as test-support's
 * ObservedResponses recorded it in each module's target/observed-responses. The document is what the app's BFF codes
 * against, so it must hold every answer it can meet, and nothing no test ever produced.
 */
class ContractTest {

    /** The modules whose tests call the services over HTTP. */
    static final List<String> MODULES = Stream.concat(Documents.SERVICES.stream(),
            Stream.of("e2e-tests", "fault-campaign")).toList();

    /** One answer seen: method, path as sent, status, problem code or {@code -}, headers or {@code -}. */
    record Seen(String module, String method, String path, String status, String code, Set<String> headers) {

        static Seen parse(String module, String line) {
            String[] f = line.split("\t", -1);
            Set<String> headers = f[4].equals("-") ? Set.of() : Set.of(f[4].split(","));
            return new Seen(module, f[0], f[1], f[2], f[3], headers);
        }
    }

    /**
     * What the platform answers on any operation it applies to, from one piece of code (ProblemMappers,
     * RequestGuards; documented by ProblemResponses): each must be met on some operation, not on every one — a
     * database cut answers 503 wherever it strikes, and the fault campaign strikes a few.
     */
    static final Set<String> PLATFORM_ANSWERS = Set.of("400 MALFORMED_REQUEST", "401 UNAUTHENTICATED",
            "403 FORBIDDEN", "404 NOT_FOUND", "413 BODY_TOO_LARGE", "415 UNSUPPORTED_MEDIA_TYPE",
            "503 SERVICE_UNAVAILABLE");

    /**
     * Answers an operation gives, documented so that the app can meet them, which no test produces yet: each says how
     * it comes about. The list only shrinks: an entry a test produces fails the build until it is taken off.
     */
    static final Map<String, String> NOT_YET_PRODUCED = Map.ofEntries(
            Map.entry("startJpkiChallenge 404 JPKI_NOT_OFFERED",
                    "a deployment configured without J-LIS certificates (kencom.jpki.*)"),
            Map.entry("uploadEkycFrontSelfie 422 MOUTH_OPEN",
                    "the front selfie with the mouth open (Applications.frontFace)"),
            Map.entry("verifyJpkiSignature 404 JPKI_NOT_OFFERED",
                    "a deployment configured without J-LIS certificates (kencom.jpki.*)"),
            Map.entry("verifyJpkiSignature 422 CERTIFICATE_REVOKED",
                    "a card on the CA's CRL (JpkiCheck; JpkiCheckTest covers the rule)"),
            Map.entry("verifyJpkiSignature 422 KEY_USAGE_NOT_SIGNING",
                    "a certificate whose key may not sign (JpkiCheck; JpkiCheckTest)"),
            Map.entry("verifyJpkiSignature 503 REVOCATION_STATUS_UNKNOWN",
                    "the CRL stale and its distribution point down (JpkiCheck; JpkiCheckTest)"));

    static List<Operation> operations;
    static List<Seen> seen;

    @BeforeAll
    static void read() throws IOException {
        operations = Documents.operations();
        seen = new ArrayList<>();
        for (String module : MODULES) {
            Path directory = Repo.path(module + "/target/observed-responses");
            assertThat(directory).as("%s's tests recorded what they saw (run the whole build)", module).isDirectory();
            try (Stream<Path> files = Files.list(directory)) {
                for (Path file : files.toList()) {
                    Files.readAllLines(file).stream().filter(l -> !l.isBlank())
                            .forEach(l -> seen.add(Seen.parse(module, l)));
                }
            }
        }
    }

    @Test
    void every_answer_a_test_saw_is_documented_for_its_operation() {
        Set<String> undocumented = new TreeSet<>();
        for (Seen s : seen) {
            Optional<Operation> operation = Documents.find(operations, s.method(), s.path());
            if (operation.isEmpty()) {
                if (!(s.status().equals("404") && s.code().equals("NOT_FOUND"))) {
                    undocumented.add(s.method() + " " + s.path() + " → " + s.status() + " " + s.code()
                            + ": no operation serves it, yet not 404 NOT_FOUND (" + s.module() + ")");
                }
                continue;
            }
            Answer answer = operation.get().answers().get(s.status());
            if (answer == null) {
                undocumented.add(operation.get().name() + " → " + s.status() + " " + s.code()
                        + ": status not documented (" + s.module() + ")");
            } else if (!answer.codes().contains(s.code())) {
                undocumented.add(operation.get().name() + " → " + s.status() + " " + s.code() + ": code not documented"
                        + " (" + s.module() + ")");
            } else if (!answer.headers().containsAll(s.headers())) {
                undocumented.add(operation.get().name() + " → " + s.status() + " " + s.code() + ": headers "
                        + s.headers() + " not documented (" + s.module() + ")");
            }
        }
        assertThat(undocumented).as("answers the suite met that the documents do not hold").isEmpty();
    }

    @Test
    void every_documented_answer_was_produced_by_some_test() {
        Set<String> unproduced = new TreeSet<>();
        Set<String> platformAnswersMet = new TreeSet<>();
        for (Operation operation : operations) {
            List<Seen> mine = seen.stream().filter(s -> answers(operation, s)).toList();
            operation.answers().forEach((status, answer) -> {
                for (String code : answer.codes()) {
                    boolean met = mine.stream().anyMatch(s -> s.status().equals(status) && s.code().equals(code));
                    String name = operation.id() + " " + status + " " + code;
                    if (PLATFORM_ANSWERS.contains(status + " " + code)) {
                        if (met) {
                            platformAnswersMet.add(status + " " + code);
                        }
                    } else if (met && NOT_YET_PRODUCED.containsKey(name)) {
                        unproduced.add(name + ": produced now, so off NOT_YET_PRODUCED");
                    } else if (!met && !NOT_YET_PRODUCED.containsKey(name)) {
                        unproduced.add(name);
                    }
                }
                Set<String> headersMet = mine.stream().filter(s -> s.status().equals(status))
                        .flatMap(s -> s.headers().stream()).collect(Collectors.toSet());
                answer.headers().stream().filter(h -> !headersMet.contains(h) && !status.equals("503"))
                        .forEach(h -> unproduced.add(operation.id() + " " + status + " header " + h));
            });
        }
        assertThat(unproduced).as("documented answers no test produced").isEmpty();
        assertThat(platformAnswersMet).as("the platform's answers, each met on some operation")
                .containsExactlyInAnyOrderElementsOf(PLATFORM_ANSWERS);
        assertThat(seen).as("a 503 came with Retry-After")
                .anyMatch(s -> s.status().equals("503") && s.headers().contains("Retry-After"));
    }

    @Test
    void the_suite_called_every_operation_and_saw_it_succeed() {
        for (Operation operation : operations) {
            assertThat(seen).as(operation.name()).anyMatch(s -> answers(operation, s) && s.status().startsWith("2"));
        }
    }

    private static boolean answers(Operation operation, Seen s) {
        return s.method().equals(operation.method()) && operation.matcher().matcher(s.path()).matches();
    }
}
