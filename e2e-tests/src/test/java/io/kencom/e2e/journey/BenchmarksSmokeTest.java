package io.kencom.e2e.journey;

import static org.assertj.core.api.Assertions.assertThat;

import io.kencom.ekyc.testing.Photos;
import io.kencom.local.DebianPackages;
import io.kencom.local.ManagedProcess;
import io.kencom.testsupport.RealInfrastructure;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every benchmark of docs/benchmarks.md run as its documented command runs it — its main class on the
 * benchmarks module's classpath — at a smoke size, on the stack the e2e classes share, so that none rots unseen
 * (RosterLoad did: its COPY broke when the roster gained a column). Each must finish and print its figures; no
 * speed is asserted here (the figures of docs/benchmarks.md are measured by hand, at full size). The runs go side
 * by side, all started before the first test: each driver makes its own insurer, group and members, and no figure
 * of a smoke run is read as a measurement.
 */
@Order(30)
class BenchmarksSmokeTest {

    @RegisterExtension
    static final RunningStack STACK = new RunningStack();

    private static final Path REPO = RealInfrastructure.layout().repoRoot();
    private static final Path BENCHMARKS = REPO.resolve("benchmarks/target");
    /** A number with an optional fraction and thousands separators, as the drivers print them. */
    private static final String N = "[0-9][0-9,]*(\\.[0-9]+)?";

    /** Every driver's smoke run, started before the first test, four at a time: each is a JVM that mostly waits. */
    private static final Map<String, Future<String>> RUNS = new ConcurrentHashMap<>();
    private static ExecutorService drivers;
    @TempDir
    static Path faces;

    @BeforeAll
    static void startEveryRun() throws IOException {
        DebianPackages.ensure(RealInfrastructure.layout(), "wrk", () -> Files.isExecutable(Path.of("/usr/bin/wrk")),
                List.of("wrk"));
        // The only labelled photos that may be committed: two of one person, one of another (ekyc-service's tests').
        copy("person-a-webcam-1.jpg", faces.resolve("person-a/1.jpg"));
        copy("person-a-webcam-2.jpg", faces.resolve("person-a/2.jpg"));
        copy("person-c.jpg", faces.resolve("person-c/1.jpg"));
        drivers = Executors.newFixedThreadPool(4);
        start("SignupThroughput", List.of(), "4", "2");
        start("EntitlementReads", List.of(), "2", "1", "1", "3");
        start("RosterLoad", List.of(), "2000");
        start("IdleCost", List.of(), "2");
        start("JpkiCheckTime", List.of(), "20", "100");
        start("VerificationLatency", List.of(), "1000", "3", "0");
        start("FaceCheckTime", List.of(), "5");
        start("EkycThroughput", List.of(), "2", "1", "3");
        start("FaceAccuracy", List.of("-Dfaces.dir=" + faces, "-Dfaces.held-out=0.5"));
        start("ContainerStart", List.of(), "1", "notification-service"); // one image: the driver works, in ≈ 20 s
    }

    @AfterAll
    static void stopDrivers() {
        drivers.shutdownNow();
    }

    @Test
    void sign_up_throughput() throws Exception {
        assertThat(output("SignupThroughput"))
                .containsPattern("account-service: whole sign-up +4 in +" + N + " s")
                .containsPattern("account CPU per sign-up / keycloak CPU per user = +" + N + " %");
    }

    @Test
    void entitlement_reads() throws Exception {
        assertThat(output("EntitlementReads"))
                .containsPattern("median +token +" + N + " req/s")
                .containsPattern("AccountVerified on Kafka -> PERSONAL served, 3 samples: p50 " + N + " ms");
    }

    @Test
    void roster_load() throws Exception {
        assertThat(output("RosterLoad"))
                .containsPattern("COPY +2,000 rows in " + N + " s")
                .containsPattern("file +" + N + " rows/s")
                .containsPattern("batches +" + N + " rows/s");
    }

    @Test
    void idle_stack() throws Exception {
        assertThat(output("IdleCost")).contains("idle stack over 2 s");
    }

    @Test
    void jpki_check_time() throws Exception {
        assertThat(output("JpkiCheckTime"))
                .containsPattern("JPKI checks: 20; ms p50 " + N).contains("verified 220 of 220");
    }

    @Test
    void verification_latency() throws Exception {
        assertThat(output("VerificationLatency"))
                .containsPattern("VERIFIED +n= +3 +p50 +" + N + " ms")
                .containsPattern("NO_MATCH +n= +3 ")
                .containsPattern("ACCOUNT_ALREADY_VERIFIED +n= +3 ");
    }

    @Test
    void face_check_time() throws Exception {
        assertThat(output("FaceCheckTime")).containsPattern("models loaded in " + N + " ms");
    }

    @Test
    void ekyc_throughput() throws Exception {
        assertThat(output("EkycThroughput")).containsPattern("photos/s; failures 0; latency ms p50 " + N);
    }

    @Test
    void face_accuracy_on_a_labelled_folder() throws Exception {
        assertThat(output("FaceAccuracy"))
                .contains("faces.dir " + faces + ": 2 people, 3 photos")
                .contains("goal CANNOT TELL"); // three photos are far too few pairs to tell, and it must say so
    }

    @Test
    void container_start() throws Exception {
        assertThat(output("ContainerStart")).containsPattern(
                "\\| notification-service \\| " + N + " s \\| " + N + " s \\| " + N + " MiB \\|")
                .doesNotContain("account-service");
    }

    /** Each driver that docs/benchmarks.md tells a reader to run has its smoke run above. */
    @Test
    void every_documented_benchmark_has_a_smoke_run() throws IOException {
        Set<String> documented = new TreeSet<>();
        Matcher m = Pattern.compile("-Dexec\\.mainClass=io\\.kencom\\.bench\\.(\\w+)")
                .matcher(Files.readString(REPO.resolve("docs/benchmarks.md")));
        while (m.find()) {
            documented.add(m.group(1));
        }
        documented.add("SignupThroughput"); // the module's default exec.mainClass: its section runs exec:java bare
        Set<String> smoked = new TreeSet<>();
        Matcher run = Pattern.compile("start\\(\"(\\w+)\"").matcher(Files.readString(
                REPO.resolve("e2e-tests/src/test/java/io/kencom/e2e/journey/BenchmarksSmokeTest.java")));
        while (run.find()) {
            smoked.add(run.group(1));
        }
        assertThat(smoked).containsExactlyInAnyOrderElementsOf(documented);
    }

    private static void start(String driver, List<String> properties, String... args) {
        RUNS.put(driver, drivers.submit(() -> run(driver, properties, args)));
    }

    /** The driver's output, once its run has ended with exit code 0 (a failure says why). */
    private static String output(String driver) throws Exception {
        try {
            return RUNS.get(driver).get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof AssertionError failure) {
                throw failure;
            }
            throw e;
        }
    }

    /** The driver's main, as `mvn -pl benchmarks exec:java -Dexec.mainClass=…` runs it; its output, after exit 0. */
    private static String run(String driver, List<String> properties, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"));
        // A smoke run's figures are not kept (docs/benchmarks.md's are measured at full size): C1, as for the tests.
        command.addAll(ManagedProcess.testJvmOptions());
        command.addAll(properties);
        command.addAll(List.of("-cp", BENCHMARKS.resolve("classes") + ":"
                + Files.readString(BENCHMARKS.resolve("benchmarks.classpath")).trim(), "io.kencom.bench." + driver));
        command.addAll(List.of(args));
        Path log = RealInfrastructure.layout().logDir().resolve("benchmark-" + driver + ".log");
        Process process = new ProcessBuilder(command).directory(REPO.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        boolean ended = process.waitFor(3, TimeUnit.MINUTES);
        if (!ended) {
            process.destroyForcibly().waitFor();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        System.out.println("== " + driver + " " + String.join(" ", args) + "\n" + output);
        assertThat(ended).as("%s ended within 3 minutes; its output: %s", driver, log).isTrue();
        assertThat(process.exitValue()).as("%s's exit code; its output:%n%s", driver, output).isZero();
        return output;
    }

    private static void copy(String photo, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        try (InputStream in = Photos.class.getResourceAsStream("/faces/" + photo)) {
            Files.copy(in, to);
        }
    }
}
