package io.kencom.e2e.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kencom.contracts.Topic;
import io.kencom.local.Postgres;
import io.kencom.local.ServiceApp;
import io.kencom.testsupport.ConsumerLag;
import io.kencom.testsupport.Mailbox;
import io.kencom.testsupport.RealInfrastructure;
import io.kencom.testsupport.RunReport;
import io.kencom.testsupport.TcpProxy;
import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * docs/reliability.md §3: faults in the middle of members' lives ({@link Traffic}, two lanes): sign-ups and verifications, with
 * rosters by event and by file, on one; password resets, eKYC with and without a reviewer, and withdrawals on the
 * other. After each: every member it started ends where its life here ends (PERSONAL, or withdrawn), each got each
 * mail once, every outbox has drained and every consumer has caught up. While a fault lasts, a service answers 503
 * problem+json with Retry-After, or nothing (when it is the one down) — never another 5xx. The figures go to
 * docs/reliability.md (printed at the end). Run by the fault-campaign module (not by e2e-tests), on a stack of its
 * own, so that it breaks nothing of the journey's beside it (OwnStack).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultsTest {

    @RegisterExtension
    static final OwnStack STACK = OwnStack.SHARED;

    private static final Duration SETTLE = Duration.ofMinutes(4);
    /**
     * notification-service's {@code kencom.mail.send-timeout} as the campaign's services run it (production's): an
     * SMTP conversation the fault stalled may still end in a delivered copy until then, so a fault that breaks off
     * sending is counted only once that long has passed since it healed.
     */
    private static final Duration SEND_TIMEOUT = productionSendTimeout();
    private static final List<String> DEAD_LETTERS = Arrays.stream(Topic.values()).map(Topic::topicName)
            .filter(t -> t.endsWith(".dead-letter")).toList();
    private static final List<String> REPORT = new ArrayList<>();
    /** Per fault, each step's mean time to success: where the members' time went (printed after the report). */
    private static final List<String> STEP_TIMES = new ArrayList<>();
    /** Members who joined in an earlier fault's traffic, PERSONAL: their life goes on in a later one's. */
    private static final Queue<Traffic.Member> VETERANS = new ConcurrentLinkedQueue<>();
    private static Journey.Group group;
    private static Insurer feed;
    private static Staff reviewer;
    private static RestAssuredConfig before;

    @BeforeAll
    static void aGroupAndItsInsurer() {
        // A call to a frozen server must end, as an app's does: it then tries again.
        before = RestAssured.config;
        RestAssured.config = RestAssured.config().httpClient(HttpClientConfig.httpClientConfig()
                .setParam("http.connection.timeout", 5_000).setParam("http.socket.timeout", 30_000));
        String run = Journey.digits(6);
        group = new Journey.Group("g-e2e-faults-" + run, "フォルト健康保険組合", Journey.employeeInsurerNumber(),
                "HEALTH_INSURANCE_SOCIETY_OR_COMPANY", "SYMBOL_WITH_HYPHEN_AND_NUMBER", GuideTable.KENPO);
        // Checkup data linked: its members may apply for eKYC.
        Journey.defineGroup(Staff.withRole("ops-admin"), group, Map.of("checkupDataLink", true));
        await("the group in account-service's catalog").atMost(Duration.ofSeconds(60))
                .until(() -> App.startSignup(group.insurerNumber(), group.category()).extract().statusCode() == 201);
        feed = new Insurer(group.insurerNumber());
        reviewer = Staff.withRole("ekyc-reviewer");
        REPORT.add("| fault | members (joining + leaving) | answers not the step's, from the fault on (step: answer ×n) "
                + "| first member done after it | lost | doubled | sent again as the same message |");
        REPORT.add("|---|---|---|---|---|---|---|");
    }

    @AfterAll
    static void report() {
        RestAssured.config = before;
        System.out.println(String.join("\n", REPORT));
        REPORT.stream().filter(row -> !row.startsWith("|---") && !row.startsWith("| fault"))
                .forEach(row -> RunReport.add("§3 faults", row));
        System.out.println("\nmean time to each step's success, per fault:\n" + String.join("\n", STEP_TIMES));
    }

    @Test
    @Order(1)
    void without_a_fault_nothing_is_refused() throws Exception {
        Traffic traffic = during("none", () -> Thread.sleep(5_000));
        assertThat(traffic.refusals).as("refusals with every server up").isEmpty();
    }

    // The faults that only wait (SMTP, Keycloak) come first: they overlap the busiest minutes of the journey in
    // the module beside; the ones that restart something, and need CPU to heal, come after (docs/decisions.md §15).

    @Test
    @Order(2)
    void smtp_accepts_and_stalls_for_twenty_seconds() throws Exception {
        during("SMTP accepts and stalls for 20 s", true, smtp(TcpProxy.Mode.STALL, Duration.ofSeconds(20)));
    }

    @Test
    @Order(3)
    void smtp_is_down_for_twenty_seconds() throws Exception {
        during("SMTP down for 20 s", true, smtp(TcpProxy.Mode.DOWN, Duration.ofSeconds(20)));
    }

    /**
     * RFC 1047's window as a fault of its own: the SMTP server takes a mail whole and its answer is lost with the
     * connection, before notification-service can record SENT. The mail goes again under the same Message-ID (counted
     * as "sent again", allowed of this fault alone with the other faults that break off sending): none lost.
     */
    @Test
    @Order(4)
    void smtp_takes_a_mail_and_its_answer_is_lost() throws Exception {
        during("SMTP takes a mail, its answer lost", true, () -> {
            STACK.smtp().mode(TcpProxy.Mode.LOSE_THE_NEXT_ANSWER_TO_DATA);
            await("a mail taken and its answer lost").atMost(Duration.ofSeconds(60))
                    .until(() -> STACK.smtp().mode() == TcpProxy.Mode.PASS);
        });
    }

    @Test
    @Order(5)
    void keycloak_does_not_answer_for_twenty_seconds() throws Exception {
        during("Keycloak frozen for 20 s", () -> STACK.freezeKeycloak(Duration.ofSeconds(20)));
    }

    @Test
    @Order(6)
    void the_broker_restarts() throws Exception {
        during("Kafka broker stopped 10 s, started again", () -> STACK.restartKafka(Duration.ofSeconds(10)));
    }

    @Test
    @Order(7)
    void the_broker_is_killed() throws Exception {
        during("Kafka broker killed (SIGKILL), down 10 s, started again",
                () -> STACK.killKafka(Duration.ofSeconds(10)));
    }

    @Test
    @Order(8)
    void the_broker_is_frozen_for_twenty_seconds() throws Exception {
        during("Kafka broker frozen (SIGSTOP) for 20 s", () -> STACK.freezeKafka(Duration.ofSeconds(20)));
    }

    @Test
    @Order(9)
    void every_database_connection_is_cut_for_ten_seconds() throws Exception {
        during("PostgreSQL connections cut for 10 s", () -> STACK.cutDatabaseConnections(Duration.ofSeconds(10)));
    }

    /**
     * PostgreSQL stops answering, as under SIGSTOP, for longer than the gateway waits (Envoy's 15 s, the client's
     * timeout here): every request is still answered — 503 with Retry-After at the services' request deadline (12 s) —
     * and nothing is lost or doubled once it answers again. A sign-up started 2 s into the freeze is one such request
     * for certain: the traffic's members may all be waiting for a mail or a level then (a run saw none asking).
     */
    @Test
    @Order(10)
    void the_database_stops_answering_for_twenty_seconds() throws Exception {
        RestAssuredConfig patient = RestAssured.config;
        RestAssured.config = patient.httpClient(patient.getHttpClientConfig().setParam("http.socket.timeout", 15_000));
        Traffic traffic;
        ExecutorService prober = Executors.newSingleThreadExecutor();
        List<Future<String>> probe = new ArrayList<>();
        try {
            traffic = during("PostgreSQL frozen for 20 s", () -> {
                probe.add(prober.submit(() -> {
                    Thread.sleep(2_000); // into the freeze, which starts below
                    var answer = App.startSignup(group.insurerNumber(), group.category()).extract();
                    return answer.statusCode() + " " + answer.jsonPath().getString("code") + " Retry-After "
                            + answer.header("Retry-After");
                }));
                STACK.freezeDatabase(Duration.ofSeconds(20));
            });
        } finally {
            RestAssured.config = patient;
            prober.shutdown();
        }
        assertThat(probe.get(0).get()).as("a sign-up started while PostgreSQL was frozen")
                .matches("503 SERVICE_UNAVAILABLE Retry-After \\d+");
        assertThat(traffic.refusedSince(Instant.EPOCH)).as("answers while PostgreSQL was frozen")
                .doesNotContain("SocketTimeoutException");
    }

    /**
     * Two instances of each service in its consumer groups, as two replicas of a Deployment: the second joins while
     * events flow (each group rebalances, its partitions shared), both work for 20 s, the second leaves (a second
     * rebalance). Both relay their outbox, both consume: nothing may be lost or done twice.
     */
    @Test
    @Order(11)
    void a_second_instance_of_each_service_joins_and_leaves() throws Exception {
        during("a second instance of each service joins its consumer groups, 20 s, leaves",
                () -> STACK.secondInstances(Duration.ofSeconds(20)));
    }

    @ParameterizedTest
    @EnumSource(ServiceApp.class)
    @Order(12)
    void each_service_is_killed_and_started_again(ServiceApp service) throws Exception {
        // Killed between the SMTP server's yes and the row's SENT, notification-service sends that mail again.
        during("kill -9 " + service.module() + ", started again", service == ServiceApp.NOTIFICATION, () -> {
            STACK.kill(service);
            STACK.start(service);
        });
    }

    private static Duration productionSendTimeout() {
        Path properties = RealInfrastructure.layout().repoRoot()
                .resolve("notification-service/src/main/resources/application.properties");
        try (Stream<String> lines = Files.lines(properties)) {
            return lines.filter(l -> l.startsWith("kencom.mail.send-timeout=")).findFirst()
                    .map(l -> Duration.parse(l.substring(l.indexOf('=') + 1).strip()))
                    .orElseThrow(() -> new IllegalStateException("no kencom.mail.send-timeout in " + properties));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    interface Fault {
        void inject() throws Exception;
    }

    private static Fault smtp(TcpProxy.Mode mode, Duration lasting) {
        return () -> STACK.smtp().during(mode, lasting);
    }

    private static Traffic during(String name, Fault fault) throws Exception {
        return during(name, false, fault);
    }

    /**
     * Traffic flowing, the fault, traffic flowing again (two more members done), then the checks. The row of the
     * report is written before the checks, so a failing fault is in it too. Mails are counted as messages, by
     * Message-ID: a copy of one (SMTP's at-least-once window, docs/notification-service.md) is counted apart, and
     * allowed only of a fault that breaks off mail sending ({@code breaksOffSending}).
     */
    private static Traffic during(String name, boolean breaksOffSending, Fault fault) throws Exception {
        long deadLettersBefore = ConsumerLag.recordsWritten(DEAD_LETTERS);
        Traffic traffic = new Traffic(group, feed, reviewer, VETERANS);
        traffic.start(2);
        Thread.sleep(3_000);
        Instant from = Instant.now();
        fault.inject();
        Instant healed = Instant.now();
        long doneAtHeal = traffic.done();
        String stuck = null;
        try {
            await().atMost(SETTLE).pollInterval(Duration.ofMillis(200)).until(() -> traffic.done() >= doneAtHeal + 2
                    || !traffic.findings.isEmpty());
        } catch (ConditionTimeoutException e) {
            stuck = "two more members not done in " + SETTLE.toMinutes() + " min after it: " + traffic.whereEach();
        } finally {
            traffic.stop();
        }
        List<String> findings = new ArrayList<>(traffic.findings);
        if (stuck != null) {
            findings.add(stuck);
        }
        int lost = 0;
        int doubled = 0;
        int sentAgain = 0;
        if (findings.isEmpty()) {
            List<Runnable> settled = new ArrayList<>();
            for (ServiceApp service : ServiceApp.values()) {
                settled.add(() -> ConsumerLag.awaitCaughtUp(service.module(), SETTLE));
            }
            settled.add(() -> await(name + ": every outbox drained").atMost(SETTLE).until(() -> outboxRows() == 0));
            for (Traffic.Member member : traffic.members) {
                settled.add(() -> await(name + ": " + member.app.who + "'s " + member.lastMail() + " mail")
                        .atMost(SETTLE).until(() -> kinds(member).containsKey(member.lastMail())));
            }
            allAtOnce(settled);
            // A copy would be in by now.
            Instant copiesIn = (breaksOffSending ? healed.plus(SEND_TIMEOUT) : Instant.now()).plusSeconds(2);
            Thread.sleep(Math.max(0, Duration.between(Instant.now(), copiesIn).toMillis()));
            for (Traffic.Member member : traffic.members) {
                Map<Mail, List<MimeMessage>> kinds = kinds(member);
                for (Map.Entry<Mail, Integer> expected : member.mails().entrySet()) {
                    List<MimeMessage> mails = kinds.getOrDefault(expected.getKey(), List.of());
                    int messages = (int) mails.stream().map(Mailbox::messageId).distinct().count();
                    lost += Math.max(0, expected.getValue() - messages);
                    doubled += Math.max(0, messages - expected.getValue());
                    sentAgain += mails.size() - messages;
                    if (messages != expected.getValue()) {
                        findings.add(member.app.who + ": " + expected.getKey() + " ×" + messages + ", not ×"
                                + expected.getValue());
                    }
                }
                List<MimeMessage> codeMails = kinds.getOrDefault(member.codeMail(), List.of());
                Map<String, String> codeOfMessage = new HashMap<>();
                codeMails.forEach(m -> codeOfMessage.put(Mailbox.messageId(m), App.codeIn(m)));
                sentAgain += codeMails.size() - codeOfMessage.size();
                if (codeOfMessage.size() != codeOfMessage.values().stream().distinct().count()) {
                    doubled++;
                    findings.add(member.app.who + ": the same code mailed twice");
                }
            }
            if (sentAgain > 0 && !breaksOffSending) {
                findings.add(sentAgain + " mails sent again, though the fault did not break off mail sending");
            }
        }
        long deadLettered = ConsumerLag.recordsWritten(DEAD_LETTERS) - deadLettersBefore;
        lost += (int) deadLettered;
        if (deadLettered > 0) {
            findings.add(deadLettered + " events moved to a dead-letter topic");
        }
        Duration recovery = traffic.members.stream().map(m -> m.doneAt).filter(t -> t != null && t.isAfter(healed))
                .min(Instant::compareTo).map(t -> Duration.between(healed, t)).orElse(null);
        String refused = traffic.refusedSince(from);
        long leaving = traffic.members.stream().filter(m -> m.life == Traffic.Life.LEAVES).count();
        REPORT.add(String.format("| %s | %d + %d | %s | %s | %d | %d | %d |", name, traffic.members.size() - leaving,
                leaving,
                refused.isEmpty() ? "none" : refused,
                recovery == null ? "—" : String.format("%.1f s", recovery.toMillis() / 1000.0), lost, doubled,
                sentAgain));
        STEP_TIMES.add(name + ": " + traffic.stepTimes());
        assertThat(findings).as("%s (refused: %s)", name, refused).isEmpty();
        assertThat(traffic.members).as("%s: every member's life here done", name).allMatch(Traffic.Member::done);
        traffic.members.stream().filter(m -> m.life == Traffic.Life.JOINS).forEach(VETERANS::add);
        return traffic;
    }

    /**
     * The waits for a settled stack side by side — each consumer group, the outboxes, each member's mail — since
     * each waits on its own: the slowest decides, not their sum. The first that fails is thrown as it was.
     */
    private static void allAtOnce(List<Runnable> waits) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(waits.size());
        try {
            List<Future<?>> running = waits.stream().<Future<?>>map(pool::submit).toList();
            for (Future<?> wait : running) {
                try {
                    wait.get();
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof Error error) {
                        throw error;
                    }
                    // a RuntimeException, or a checked one a helper threw unchecked (Awaitility rethrows them so)
                    throw e.getCause() instanceof RuntimeException runtime ? runtime
                            : new IllegalStateException(e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static Map<Mail, List<MimeMessage>> kinds(Traffic.Member member) {
        return Mailbox.messagesFor(member.app.email).stream()
                .collect(Collectors.groupingBy(m -> Mail.withSubject(Mailbox.subject(m))));
    }

    /** Events written to an outbox and not yet on the broker, all services together. */
    private static long outboxRows() throws SQLException {
        long rows = 0;
        for (ServiceApp service : ServiceApp.values()) {
            try (Connection db = Postgres.connect(service.database()); Statement sql = db.createStatement();
                    ResultSet count = sql.executeQuery("SELECT count(*) FROM outbox_event")) {
                count.next();
                rows += count.getLong(1);
            }
        }
        return rows;
    }
}
