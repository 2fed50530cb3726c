package io.kencom.e2e.journey;

import io.kencom.local.MailServer;
import io.kencom.local.ServiceApp;
import io.kencom.testsupport.Mailbox;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Members signing up and being verified one after another, on lanes of their own, while a fault is injected
 * (issue 19 §3): the insurer's roster event, the sign-up with the mailed code, the login, the card matched against
 * the roster, until entitlements say PERSONAL. Each call is retried as an app retries it — after Retry-After on a
 * 503, after a second when nothing answers — and every answer that was not the step's is recorded.
 */
final class Traffic {

    private static final String PASSWORD = "Sakura-2026-kencom";
    /** How long one step may take to succeed, faults included, before the member is given up (a finding). */
    private static final Duration STEP_LIMIT = Duration.ofMinutes(3);

    /** An answer that was not the step's, or none at all. */
    record Refusal(Instant at, String step, String answer) {
    }

    /** One member of the traffic: done once entitlements say PERSONAL. */
    static final class Member {
        final App app;
        final Person card;
        /** When entitlements said PERSONAL; null until then. */
        volatile Instant doneAt;

        boolean done() {
            return doneAt != null;
        }
        /** The step under way, for a test's failure message. */
        volatile String at = "roster event";

        Member(App app, Person card) {
            this.app = app;
            this.card = card;
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
    private final Map<String, LongAdder[]> stepTimes = new ConcurrentSkipListMap<>();
    private volatile boolean stopping;

    Traffic(Journey.Group group, Insurer feed) {
        this.group = group;
        this.feed = feed;
    }

    void start(int laneCount) {
        for (int i = 0; i < laneCount; i++) {
            Thread lane = new Thread(() -> {
                try {
                    while (!stopping) {
                        member();
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
                    .collect(java.util.stream.Collectors.groupingBy(r -> r.step() + ": " + r.answer(),
                            java.util.TreeMap::new, java.util.stream.Collectors.counting()))
                    .entrySet().stream().map(e -> e.getKey() + " ×" + e.getValue())
                    .collect(java.util.stream.Collectors.joining("; "));
        }
    }

    /** Mean time to each step's success: "start sign-up 120 ms; credentials 80 ms; …", in the member's order. */
    String stepTimes() {
        return STEP_ORDER.stream().filter(stepTimes::containsKey).map(name -> {
            LongAdder[] t = stepTimes.get(name);
            return name + " " + t[0].sum() / Math.max(1, t[1].sum()) + " ms";
        }).collect(java.util.stream.Collectors.joining("; "));
    }

    private static final List<String> STEP_ORDER = List.of("roster event", "start sign-up", "credentials", "consents",
            "send code", "the code mail", "enter code", "log in", "roster taken", "verify card", "entitlements",
            "PERSONAL");

    private void timed(String name, Instant from) {
        LongAdder[] t = stepTimes.computeIfAbsent(name, k -> new LongAdder[] {new LongAdder(), new LongAdder()});
        t[0].add(Duration.between(from, Instant.now()).toMillis());
        t[1].increment();
    }

    /** Where each member is: "member 3 at verify card", done ones left out. */
    String whereEach() {
        synchronized (members) {
            return members.stream().filter(m -> !m.done()).map(m -> m.app.who + " at " + m.at)
                    .collect(java.util.stream.Collectors.joining(", "));
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

    private void member() {
        int n = started.incrementAndGet();
        Person card = new Person("F-" + run + "-" + n, "34-" + Journey.digits(3), Journey.digits(8), "コショウ タロウ",
                LocalDate.of(1990, 1, 1).plusDays(n));
        Member member = new Member(new App("member " + n, Mailbox.newAddress("fault-" + run + "-" + n), PASSWORD),
                card);
        members.add(member);
        current.set(member);
        App app = member.app;
        try {
            step("roster event", () -> {
                feed.enrol(card);
                return null;
            }, 0);
            JsonPath signup = step("start sign-up", () -> App.startSignup(group.insurerNumber(), group.category()),
                    201).extract().jsonPath();
            String signupId = signup.getString("signupId");
            List<Map<String, Object>> documents = signup.getList("consentDocuments");
            step("credentials", () -> app.credentials(signupId, PASSWORD), 204);
            step("consents", () -> app.consents(signupId, documents), 204);
            // RESEND_TOO_SOON: an earlier request was taken, though its answer was lost; its mail comes.
            step("send code", () -> app.sendCode(signupId), 202, "RESEND_TOO_SOON");
            member.at = "the code mail";
            Instant mailFrom = Instant.now();
            String code = App.codeIn(firstMail(app.email));
            timed("the code mail", mailFrom);
            step("enter code", () -> app.enterCode(signupId, code), 201, "SIGNUP_COMPLETED");
            step("log in", () -> {
                app.logIn();
                return null;
            }, 0);
            step("roster taken", () -> {
                try {
                    feed.awaitRosterTaken();
                } catch (org.awaitility.core.ConditionTimeoutException e) {
                    throw new NotYet("the roster consumer is behind");
                }
                return null;
            }, 0);
            step("verify card", () -> app.verify(group.insurerNumber(), card.symbol(), card.number(),
                    card.nameKana(), card.birthDate().toString()), 200);
            Instant deadline = Instant.now().plus(STEP_LIMIT);
            Instant verified = Instant.now();
            while (!"PERSONAL".equals(step("entitlements", () -> app.at(ServiceApp.ENTITLEMENT)
                    .get("/v1/members/me/entitlements").then(), 200).extract().path("level"))) {
                if (Instant.now().isAfter(deadline)) {
                    throw new GivenUp("not PERSONAL after " + STEP_LIMIT.toMinutes() + " min");
                }
                sleep(Duration.ofMillis(250));
            }
            timed("PERSONAL", verified);
            member.doneAt = Instant.now();
        } catch (GivenUp e) {
            findings.add(member.app.who + " given up: " + e.getMessage());
        }
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

    private static MimeMessage firstMail(String address) {
        try {
            return Mailbox.awaitMessages(MailServer.LOCAL, address, 1, STEP_LIMIT).get(0);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new GivenUp("no code mail in " + STEP_LIMIT.toMinutes() + " min");
        }
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
