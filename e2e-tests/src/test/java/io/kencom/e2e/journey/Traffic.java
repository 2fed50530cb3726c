package io.kencom.e2e.journey;

import io.kencom.local.ServiceApp;
import io.kencom.testsupport.Mailbox;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Members going through their life with the product, on lanes of their own, while a fault is injected
 * (docs/reliability.md §3). A member {@link Life#JOINS}: the insurer's roster (an event, or for every second member a
 * roster file), the sign-up with the mailed code, the login, the card matched against the roster, until entitlements
 * say PERSONAL. A member of an earlier fault's traffic {@link Life#LEAVES}: a password reset, eKYC to SENSITIVE
 * (approved at once, or for every second one through a reviewer), the withdrawal. Each call is retried as an app
 * retries it — after Retry-After on a 503, after a second when nothing answers — and every answer that was not the
 * step's is recorded.
 */
final class Traffic {

    private static final String PASSWORD = "Sakura-2026-kencom";
    private static final String NEW_PASSWORD = "Kaede-2026-kencom";
    private static final String SECRET_QUESTION = "初めて飼ったペットの名前は？";
    private static final String SECRET_ANSWER = "ポチ";
    /** How long one step may take to succeed, faults included, before the member is given up (a finding). */
    private static final Duration STEP_LIMIT = Duration.ofMinutes(3);

    /** An answer that was not the step's, or none at all. */
    record Refusal(Instant at, String step, String answer) {
    }

    /** What a member of the traffic goes through. */
    enum Life {
        /** From the insurer's roster to PERSONAL. */
        JOINS,
        /** From PERSONAL: a password reset, eKYC to SENSITIVE, the withdrawal. */
        LEAVES
    }

    /** One member of the traffic: done once entitlements say PERSONAL, or once withdrawn. */
    static final class Member {
        final App app;
        final Person card;
        final Life life;
        /** The member's number in its traffic: even ones take the other way (a roster file; eKYC through review). */
        final int number;
        /** When the member's life here ended; null until then. */
        volatile Instant doneAt;
        /** The step under way, for a test's failure message. */
        volatile String at = "roster";

        Member(App app, Person card, Life life, int number) {
            this.app = app;
            this.card = card;
            this.life = life;
            this.number = number;
        }

        boolean done() {
            return doneAt != null;
        }

        /** An even member's eKYC shows a new name from the licence's remarks: a reviewer decides it. */
        boolean reviewed() {
            return life == Life.LEAVES && number % 2 == 0;
        }

        /** How many of each mail this member's life here sends (a code mail aside). */
        Map<Mail, Integer> mails() {
            return switch (life) {
                case JOINS -> Map.of(Mail.SIGNUP_COMPLETED, 1, Mail.PERSONAL_VERIFIED, 1);
                case LEAVES -> Map.of(Mail.EKYC_IN_REVIEW, reviewed() ? 1 : 0, Mail.EKYC_APPROVED, 1,
                        Mail.EKYC_REJECTED, 0, Mail.WITHDRAWN, 1);
            };
        }

        /** The mail this life ends with, waited for before the mails are counted. */
        Mail lastMail() {
            return life == Life.JOINS ? Mail.PERSONAL_VERIFIED : Mail.WITHDRAWN;
        }

        /** The mail with the one-time code of this life: a new code may be mailed, the same one never twice. */
        Mail codeMail() {
            return life == Life.JOINS ? Mail.SIGNUP_CODE : Mail.PASSWORD_RESET_CODE;
        }
    }

    /** A state the member waits for is not there yet (asynchronous, not refused): looked at again. */
    private static final class NotYet extends RuntimeException {
        NotYet(String what) {
            super(what, null, false, false);
        }
    }

    /** A step gave an answer no retry can change: the member is given up. */
    private static final class GivenUp extends RuntimeException {
        GivenUp(String why) {
            super(why, null, false, false);
        }
    }

    private final Journey.Group group;
    private final Insurer feed;
    private final Staff reviewer;
    /** Members of earlier traffic, PERSONAL, whose life goes on here (oldest first). */
    private final Queue<Member> veterans;
    private final String run = Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36)
            .substring(0, 5);
    private final AtomicInteger started = new AtomicInteger();
    final List<Member> members = Collections.synchronizedList(new ArrayList<>());
    final List<Refusal> refusals = Collections.synchronizedList(new ArrayList<>());
    /** 5xx but 503, a 503 without Retry-After, a member given up. */
    final List<String> findings = Collections.synchronizedList(new ArrayList<>());
    private final List<Thread> lanes = new ArrayList<>();
    private final ThreadLocal<Member> current = new ThreadLocal<>();
    /** Time to each step's success, summed over members (ms), and how many: where a member's minute goes. */
    private final Map<String, LongAdder[]> stepTimes = new LinkedHashMap<>();
    private volatile boolean stopping;

    Traffic(Journey.Group group, Insurer feed, Staff reviewer, Queue<Member> veterans) {
        this.group = group;
        this.feed = feed;
        this.reviewer = reviewer;
        this.veterans = veterans;
    }

    /** The first lane's members join; the others' leave while there are veterans, and join when there are none. */
    void start(int laneCount) {
        for (int i = 0; i < laneCount; i++) {
            boolean leaving = i > 0;
            Thread lane = new Thread(() -> {
                try {
                    while (!stopping) {
                        Member veteran = leaving ? veterans.poll() : null;
                        if (veteran == null) {
                            joins();
                        } else {
                            leaves(veteran);
                        }
                    }
                } catch (RuntimeException | Error e) {
                    findings.add("a lane stopped: " + e);
                }
            }, "traffic-" + i);
            lane.setDaemon(true);
            lane.start();
            lanes.add(lane);
        }
    }

    /** Members done so far. */
    long done() {
        synchronized (members) {
            return members.stream().filter(Member::done).count();
        }
    }

    /** Answers not the step's, by step and answer: "verify card: 503 SERVICE_UNAVAILABLE ×2; …". */
    String refusedSince(Instant from) {
        synchronized (refusals) {
            return refusals.stream().filter(r -> !r.at().isBefore(from))
                    .collect(Collectors.groupingBy(r -> r.step() + ": " + r.answer(),
                            TreeMap::new, Collectors.counting()))
                    .entrySet().stream().map(e -> e.getKey() + " ×" + e.getValue())
                    .collect(Collectors.joining("; "));
        }
    }

    /** Mean time to each step's success: "start sign-up 120 ms; credentials 80 ms; …", in the order first done. */
    String stepTimes() {
        synchronized (stepTimes) {
            return stepTimes.entrySet().stream().map(e -> {
                LongAdder[] t = e.getValue();
                return e.getKey() + " " + t[0].sum() / Math.max(1, t[1].sum()) + " ms";
            }).collect(Collectors.joining("; "));
        }
    }

    private void timed(String name, Instant from) {
        LongAdder[] t;
        synchronized (stepTimes) {
            t = stepTimes.computeIfAbsent(name, k -> new LongAdder[] {new LongAdder(), new LongAdder()});
        }
        t[0].add(Duration.between(from, Instant.now()).toMillis());
        t[1].increment();
    }

    /** Where each member is: "member 3 at verify card", done ones left out. */
    String whereEach() {
        synchronized (members) {
            return members.stream().filter(m -> !m.done()).map(m -> m.app.who + " at " + m.at)
                    .collect(Collectors.joining(", "));
        }
    }

    /** No new members; the ones under way finish (or are given up). */
    void stop() throws InterruptedException {
        stopping = true;
        for (Thread lane : lanes) {
            lane.join(STEP_LIMIT.plusMinutes(1).toMillis());
            lane.interrupt(); // stuck past any step's limit: the test has failed already
        }
    }

    private void joins() {
        int n = started.incrementAndGet();
        Person card = new Person("F-" + run + "-" + n, "34-" + Journey.digits(3), Journey.digits(8), "コショウ タロウ",
                LocalDate.of(1990, 1, 1).plusDays(n));
        Member member = new Member(new App("member " + n, Mailbox.newAddress("fault-" + run + "-" + n), PASSWORD),
                card, Life.JOINS, n);
        members.add(member);
        current.set(member);
        App app = member.app;
        try {
            boolean byFile = n % 2 == 0;
            if (byFile) {
                // A file sent again (its answer lost) is answered with its first report: alreadyApplied.
                ValidatableResponse report = step("roster file",
                        () -> feed.sendFile(List.of(card), StandardCharsets.UTF_8), 200);
                if (report.extract().<Integer>path("rejected") != 0) {
                    throw new GivenUp("roster file: " + report.extract().asString());
                }
            } else {
                step("roster event", () -> {
                    feed.enrol(card);
                    return null;
                }, 0);
            }
            JsonPath signup = step("start sign-up", () -> App.startSignup(group.insurerNumber(), group.category()),
                    201).extract().jsonPath();
            String signupId = signup.getString("signupId");
            List<Map<String, Object>> documents = signup.getList("consentDocuments");
            step("credentials", () -> app.credentials(signupId, PASSWORD), 204);
            step("consents", () -> app.consents(signupId, documents), 204);
            // RESEND_TOO_SOON: an earlier request was taken, though its answer was lost; its mail comes.
            step("send code", () -> app.sendCode(signupId), 202, "RESEND_TOO_SOON");
            String code = App.codeIn(mail(Mail.SIGNUP_CODE));
            step("enter code", () -> app.enterCode(signupId, code), 201, "SIGNUP_COMPLETED");
            step("log in", () -> {
                app.logIn();
                return null;
            }, 0);
            if (!byFile) {
                step("roster taken", () -> {
                    try {
                        feed.awaitRosterTaken();
                    } catch (ConditionTimeoutException e) {
                        throw new NotYet("the roster consumer is behind");
                    }
                    return null;
                }, 0);
            }
            step("verify card", () -> app.verify(group.insurerNumber(), card.symbol(), card.number(),
                    card.nameKana(), card.birthDate().toString()), 200);
            untilLevel("PERSONAL");
            member.doneAt = Instant.now();
        } catch (GivenUp e) {
            findings.add(member.app.who + " given up: " + e.getMessage());
        }
    }

    /**
     * A veteran's life goes on: a password reset (its code is 60 s apart from the sign-up's, which an earlier fault's
     * traffic mailed), eKYC to SENSITIVE, the withdrawal; each mail awaited before the next step, as a withdrawal
     * drops the member's mails not yet sent.
     */
    private void leaves(Member veteran) {
        Member member = new Member(veteran.app, veteran.card, Life.LEAVES, started.incrementAndGet());
        members.add(member);
        current.set(member);
        App app = member.app;
        try {
            resetPassword(app);
            step("log in, new password", () -> {
                app.logIn();
                return null;
            }, 0);
            String id = ekyc(member);
            if (member.reviewed()) {
                mail(Mail.EKYC_IN_REVIEW);
                step("review", () -> reviewer.at(ServiceApp.EKYC).contentType(ContentType.JSON)
                        .body(Map.of("decision", "APPROVE")).post("/v1/ekyc/reviews/{id}/decision", id).then(),
                        204, "NOT_IN_REVIEW");
            }
            untilLevel("SENSITIVE");
            mail(Mail.EKYC_APPROVED);
            step("withdraw", app::withdraw, 204, "MEMBER_NOT_FOUND");
            mail(Mail.WITHDRAWN);
            step("login refused", () -> {
                if (!app.loginRefused(app.password())) {
                    throw new GivenUp("a withdrawn member still logs in");
                }
                return null;
            }, 0);
            member.doneAt = Instant.now();
        } catch (GivenUp e) {
            findings.add(member.app.who + " (leaving) given up: " + e.getMessage());
        }
    }

    /** A code by mail, then the new password. */
    private void resetPassword(App app) {
        String resetId = null;
        while (resetId == null) {
            ValidatableResponse asked = step("ask for a reset code", app::askForResetCode, 202, "RESEND_TOO_SOON");
            if (asked.extract().statusCode() == 202) {
                resetId = asked.extract().path("resetId");
            } else {
                sleep(Duration.ofSeconds(asked.extract().<Integer>path("retryAfterSeconds")));
            }
        }
        // An ask whose answer was lost mailed a code of its own, void for this reset: the newest code first.
        String reset = resetId;
        Set<String> tried = new HashSet<>();
        while (true) {
            String code = until("usable reset code", () -> mails(Mail.PASSWORD_RESET_CODE).stream().map(App::codeIn)
                    .distinct().filter(c -> !tried.contains(c)).reduce((older, newer) -> newer));
            tried.add(code);
            ValidatableResponse taken = step("new password", () -> app.completeReset(reset, code, NEW_PASSWORD), 204,
                    "RESET_COMPLETED", "CODE_INVALID");
            String refusal = taken.extract().statusCode() == 204 ? null : taken.extract().path("code");
            if ("RESET_COMPLETED".equals(refusal)) {
                app.passwordChanged(NEW_PASSWORD); // taken, though its answer was lost
            }
            if (!"CODE_INVALID".equals(refusal)) {
                return;
            }
        }
    }

    /** eKYC with a driving licence and two selfies; an even member's licence gives a new name in its remarks. */
    private String ekyc(Member member) {
        App app = member.app;
        boolean review = member.reviewed();
        ValidatableResponse applied = step("apply for eKYC", app::applyForEkyc, 201, "APPLICATION_EXISTS");
        String id = applied.extract().path(applied.extract().statusCode() == 201 ? "id" : "applicationId");
        step("choose the document", () -> app.chooseDocument(id, "DRIVERS_LICENSE", review), 200);
        step("photograph the front", () -> app.photographDocument(id, "FRONT",
                review ? Camera.HANAKO_LICENCE : Camera.TARO_LICENCE), 200);
        if (review) {
            step("photograph the back", () -> app.photographDocument(id, "BACK", Camera.HANAKO_LICENCE_BACK), 200);
            step("confirm the data", () -> app.confirmDocumentData(id, "佐藤 花子", "1983-03-03", "健康 花子"), 200);
        } else {
            step("confirm the data", () -> app.confirmDocumentData(id, "健康 太郎", "1980-01-01", null), 200);
        }
        app.takeSelfies(id, (name, request, expected) -> step(name, request, expected));
        step("secret question", () -> app.setSecretQuestion(id, SECRET_QUESTION, SECRET_ANSWER), 200);
        // APPLICATION_CLOSED: submitted, though its answer was lost; the application says how it went.
        ValidatableResponse submitted = step("submit eKYC", () -> app.submit(id), 200, "APPLICATION_CLOSED");
        if (submitted.extract().statusCode() != 200) {
            submitted = step("read the application", () -> app.ekycApplication(id), 200);
        }
        String status = submitted.extract().path("status");
        String expected = review ? "IN_REVIEW" : "APPROVED";
        if (!expected.equals(status)) {
            throw new GivenUp("eKYC submitted: " + status + ", not " + expected);
        }
        return id;
    }

    /** Polls the member's entitlements until they say {@code level}. */
    private void untilLevel(String level) {
        App app = current.get().app;
        Instant from = Instant.now();
        until(level, () -> {
            String now = step("entitlements", () -> app.at(ServiceApp.ENTITLEMENT).get("/v1/members/me/entitlements")
                    .then(), 200).extract().path("level");
            return level.equals(now) ? Optional.of(now) : Optional.empty();
        });
        timed(level, from);
    }

    /** Looks every 250 ms until {@code look} finds something; the member is given up after {@link #STEP_LIMIT}. */
    private <T> T until(String what, Supplier<Optional<T>> look) {
        Instant deadline = Instant.now().plus(STEP_LIMIT);
        Optional<T> found;
        while ((found = look.get()).isEmpty()) {
            if (Instant.now().isAfter(deadline)) {
                throw new GivenUp("no " + what + " in " + STEP_LIMIT.toMinutes() + " min");
            }
            sleep(Duration.ofMillis(250));
        }
        return found.get();
    }

    /**
     * Calls until the answer is {@code expected} (or a problem code meaning it was done already); {@code expected}
     * 0: until the call returns without an exception.
     */
    private ValidatableResponse step(String name, Supplier<ValidatableResponse> call, int expected,
            String... doneAlready) {
        current.get().at = name;
        Instant from = Instant.now();
        Instant deadline = from.plus(STEP_LIMIT);
        while (true) {
            Duration wait = Duration.ofSeconds(1);
            try {
                ValidatableResponse answer = call.get();
                if (expected == 0) {
                    timed(name, from);
                    return answer;
                }
                int status = answer.extract().statusCode();
                String code = status >= 400 ? answer.extract().path("code") : null;
                if (status == expected || (code != null && Set.of(doneAlready).contains(code))) {
                    timed(name, from);
                    return answer;
                }
                refusals.add(new Refusal(Instant.now(), name, status + (code == null ? "" : " " + code)));
                if (status == 503) {
                    String retryAfter = answer.extract().header("Retry-After");
                    if (retryAfter == null) {
                        findings.add(name + ": 503 without Retry-After");
                    } else {
                        wait = Duration.ofSeconds(Math.min(Long.parseLong(retryAfter), 5));
                    }
                } else if (status >= 500) {
                    findings.add(name + ": " + status + " " + code);
                } else {
                    throw new GivenUp(name + ": " + status + " " + code);
                }
            } catch (GivenUp e) {
                throw e;
            } catch (NotYet e) {
                wait = Duration.ofMillis(250);
            } catch (Exception | AssertionError e) {
                // Nothing answered: refused, reset, timed out (REST Assured throws IOExceptions undeclared).
                refusals.add(new Refusal(Instant.now(), name, "no answer: " + rootCause(e)));
            }
            if (Instant.now().isAfter(deadline)) {
                throw new GivenUp(name + ": no success in " + STEP_LIMIT.toMinutes() + " min");
            }
            sleep(wait);
        }
    }

    /** The member's mails of {@code kind} so far. */
    private List<MimeMessage> mails(Mail kind) {
        return Mailbox.messagesFor(current.get().app.email).stream()
                .filter(m -> Mail.withSubject(Mailbox.subject(m)) == kind).toList();
    }

    /** Waits for the member's mail of {@code kind} (the last one, if more came). */
    private MimeMessage mail(Mail kind) {
        current.get().at = "the " + kind + " mail";
        Instant from = Instant.now();
        MimeMessage last = until(kind + " mail", () -> mails(kind).stream().reduce((older, newer) -> newer));
        timed("the " + kind + " mail", from);
        return last;
    }

    private static String rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName();
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GivenUp("interrupted");
        }
    }
}
