package io.kencom.testsupport;

import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * What the services answered the tests: each distinct method, path, status, problem {@code code} and which of the
 * {@link #DOCUMENTED_HEADERS} came, written to the module's {@code target/observed-responses/}, where the api module's
 * contract test holds the OpenAPI documents to it (every answer seen is documented, every documented answer was
 * seen). Only the {@code /v1/} operations; nothing of a body but a problem's {@code code} is kept, so nothing
 * personal is written.
 * <p>
 * Installed in every test JVM (one per module): by JUnit's launcher session for plain tests, and before each
 * {@code @QuarkusTest} method, whose class loader has a RestAssured of its own.
 */
public final class ObservedResponses implements Filter {

    static final Path DIRECTORY = Path.of("target", "observed-responses");

    /** The headers an answer's meaning depends on, which the documents must name where they are sent. */
    static final List<String> DOCUMENTED_HEADERS = List.of("Location", "Retry-After", "ETag");

    private static final ObservedResponses INSTANCE = new ObservedResponses();

    private final Set<String> seen = ConcurrentHashMap.newKeySet();
    /** One file per class loader: each has its own RestAssured and its own instance of this class. */
    private final Path file = DIRECTORY.resolve(ProcessHandle.current().pid() + "-"
            + Integer.toHexString(System.identityHashCode(ObservedResponses.class.getClassLoader())) + ".tsv");

    private ObservedResponses() {
    }

    /** Adds the recorder to RestAssured's default filters unless it is there (Quarkus may reset them). */
    public static synchronized void install() {
        if (!RestAssured.filters().contains(INSTANCE)) {
            RestAssured.filters(INSTANCE);
        }
    }

    @Override
    public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification expected,
            FilterContext context) {
        Response response = context.next(request, expected);
        String path;
        try {
            path = URI.create(request.getURI()).getRawPath();
        } catch (IllegalArgumentException e) {
            return response; // a URI the bad-input campaigns made unparseable: no operation to hold to it
        }
        if (path != null) {
            INSTANCE.add(request.getMethod(), path, response.statusCode(), problemCode(response),
                    DOCUMENTED_HEADERS.stream().filter(response.headers()::hasHeaderWithName).toList());
        }
        return response;
    }

    /**
     * An answer a test got by other means than RestAssured (the bad-input campaign's own requests): its problem
     * {@code code}, or null when the body is not a problem, and the names of the headers it came with.
     */
    public static void record(String method, String rawPath, int status, String problemCode,
            Collection<String> headerNames) {
        INSTANCE.add(method, rawPath, status, problemCode == null ? "-" : problemCode,
                DOCUMENTED_HEADERS.stream().filter(h -> headerNames.stream().anyMatch(h::equalsIgnoreCase)).toList());
    }

    private void add(String method, String path, int status, String code, List<String> headers) {
        if (path.startsWith("/v1/")) {
            add(String.join("\t", method, path, Integer.toString(status), code,
                    headers.isEmpty() ? "-" : String.join(",", headers)));
        }
    }

    private static String problemCode(Response response) {
        String type = response.getContentType();
        if (type == null || !type.startsWith("application/problem+json")) {
            return "-";
        }
        try {
            String code = response.jsonPath().getString("code");
            return code == null ? "-" : code;
        } catch (RuntimeException e) {
            return "-";
        }
    }

    private void add(String line) {
        if (!seen.add(line)) {
            return;
        }
        synchronized (this) {
            try {
                Files.createDirectories(DIRECTORY);
                Files.writeString(file, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** At the start of the module's test JVM: last run's observations go, then the recorder is in place. */
    public static final class Session implements LauncherSessionListener {
        @Override
        public void launcherSessionOpened(LauncherSession session) {
            if (Files.isDirectory(DIRECTORY)) {
                try (Stream<Path> files = Files.walk(DIRECTORY)) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            install();
        }
    }

    /** Before each {@code @QuarkusTest} method, in that test's class loader. */
    public static final class InQuarkusTests implements QuarkusTestBeforeEachCallback {
        @Override
        public void beforeEach(QuarkusTestMethodContext context) {
            install();
        }
    }
}
