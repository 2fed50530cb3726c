package io.kencom.e2e.journey;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.kencom.contracts.Topic;
import io.kencom.local.KafkaBroker;
import io.kencom.local.ServiceApp;
import io.kencom.testsupport.TopicReader;
import io.kencom.testsupport.campaign.OpenApi;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * Every operation of the five services × who calls it, with the answer each caller must get, as a table
 * (docs/reliability.md §2 shows the same). Member A is a member with data of her own everywhere; B another
 * member of the same group, whose ids A uses; staff act on A's data; the insurer feed of insurer X writes to X and
 * tries Y. A cell is one of:
 * <ul>
 * <li>{@code ok}: let through — the operation's own answer, exact: its success with the body's shape, or the
 * service's refusal of the request itself (a 409 for a closed application, say, is the service's business, not a
 * refusal of access), the same for every caller let through;
 * <li>{@code 401}, {@code 403}: {@code UNAUTHENTICATED}, {@code FORBIDDEN} (the role);
 * <li>{@code <status> <CODE>}: that refusal, e.g. {@code 404 APPLICATION_NOT_FOUND} for another member's id (never
 * 403: that would say the id exists);
 * <li>{@code —}: does not apply (no owner in the path, no insurer in the path).
 * </ul>
 * Requests that the table lets through use A's own data and leave nothing behind that the journey cares about: a
 * closed application, a wrong checkup code, a roster file with no rows. The withdrawal comes last, and is A's.
 */
final class AccessMatrix {

    enum Caller {
        ANONYMOUS("anonymous"), MEMBER_A("A on A's"), MEMBER_A_ON_B("A on B's"), OPS_ADMIN("ops-admin"),
        EKYC_REVIEWER("ekyc-reviewer"), FEED_X_ON_X("feed X on X"), FEED_X_ON_Y("feed X on Y");

        final String heading;

        Caller(String heading) {
            this.heading = heading;
        }
    }

    /** Whose data a request names: A's (or insurer X's), or B's (or insurer Y's). */
    record Target(String applicationId, String grant, UUID memberId, String insurerNumber) {
    }

    /** The journey's cast as the matrix needs it. */
    record Cast(App memberA, String secretAnswerOfA, Target ofA, Target ofB, Staff ops, Staff reviewer,
            Insurer feedX, String groupId, String insurerCategory, Person cardOfA) {
    }

    /**
     * One operation: where it is, how the test calls it, the expected answer per caller, and the answer an {@code ok}
     * cell expects: a status, with the problem's code ({@code 409 APPLICATION_CLOSED}), or the success body's shape —
     * {@code {field}} an object holding it, {@code [field]} a list whose entries hold it, {@code []} a list, or
     * {@code image/*}.
     */
    record Operation(ServiceApp service, String method, String path, List<String> cells, String letThrough,
            BiFunction<RequestSpecification, Target, Response> call) {
    }

    private static final String OK = "ok";
    private static final String NA = "—";

    private final Cast cast;
    private final List<Operation> table;
    /** Cells and guessed ids whose answer was not the table's, said without personal data. */
    final List<String> findings = new ArrayList<>();
    /** Per operation: the answers met, one per caller (for docs/reliability.md). */
    final List<String> answers = new ArrayList<>();
    int requestsSent;
    /** B's application ids read off the ekyc topic, and the requests sent with them; then with a made-up id. */
    int idsOffTheTopic;
    int requestsWithIdsOffTheTopic;
    int requestsWithAMadeUpId;

    AccessMatrix(Cast cast) {
        this.cast = cast;
        this.table = table(cast);
    }

    /** The operations the five services publish in /q/openapi, as {@code METHOD /path/{}}. */
    static Set<String> published() {
        Set<String> operations = new TreeSet<>();
        for (ServiceApp service : ServiceApp.values()) {
            OpenApi api = OpenApi.parse(given().baseUri(service.where()).accept(ContentType.JSON).get("/q/openapi")
                    .then().statusCode(200).extract().asString());
            api.operations().forEach(op -> operations.add(op.method().toUpperCase() + " " + shape(op.path())));
        }
        return operations;
    }

    /** The operations the table covers, in the same form. */
    Set<String> covered() {
        Set<String> operations = new TreeSet<>();
        table.forEach(op -> operations.add(op.method() + " " + shape(op.path())));
        return operations;
    }

    private static String shape(String path) {
        return path.replaceAll("\\?.*$", "").replaceAll("\\{[^}]+}", "{}");
    }

    /** B's ids as anyone reading the ekyc topic sees them, then the table, cell by cell. */
    void run() {
        idsFromEvents();
        for (Operation op : table) {
            StringBuilder row = new StringBuilder("| `" + op.method() + " " + op.path() + "` |");
            for (Caller caller : Caller.values()) {
                String expected = op.cells().get(caller.ordinal());
                if (expected.equals(NA)) {
                    row.append(" — |");
                    continue;
                }
                Response answer = op.call().apply(as(caller, op.service()), target(caller));
                requestsSent++;
                row.append(' ').append(said(answer)).append(" |");
                if (!holds(expected.equals(OK) ? op.letThrough() : expected, answer)) {
                    findings.add(op.method() + " " + op.path() + " as " + caller.heading + ": expected " + expected
                            + ", got " + said(answer));
                }
            }
            answers.add(row.toString());
        }
    }

    /**
     * An eKYC event names the member and the application: A, having read B's ids off the topic, gets for each what
     * a made-up id gets, 404 on every application operation.
     */
    private void idsFromEvents() {
        Set<String> ids = new LinkedHashSet<>();
        try (TopicReader topic = TopicReader.fromStart(KafkaBroker.LOCAL,
                Topic.EKYC_EVENTS.topicName())) {
            String ofB = cast.ofB().memberId().toString();
            topic.recordsAfter(Duration.ofSeconds(3), r -> ofB.equals(r.key())).stream()
                    .map(r -> new JsonPath(r.value()).getString("applicationId")).filter(id -> id != null)
                    .forEach(ids::add);
        }
        assertThat(ids).as("B's application ids on the ekyc topic").isNotEmpty();
        idsOffTheTopic = ids.size();
        String madeUp = UUID.randomUUID().toString();
        ids.add(madeUp);
        for (String id : ids) {
            Target guessed = new Target(id, null, cast.ofB().memberId(), null);
            for (Operation op : table) {
                if (op.path().startsWith("/v1/ekyc/applications/{id}")) {
                    Response answer = op.call().apply(as(Caller.MEMBER_A_ON_B, op.service()), guessed);
                    requestsSent++;
                    if (id.equals(madeUp)) {
                        requestsWithAMadeUpId++;
                    } else {
                        requestsWithIdsOffTheTopic++;
                    }
                    if (!holds("404 APPLICATION_NOT_FOUND", answer)) {
                        findings.add(op.method() + " " + op.path() + (id.equals(madeUp) ? " with a made-up id"
                                : " with an id from B's events") + ": got " + said(answer));
                    }
                }
            }
        }
    }

    private RequestSpecification as(Caller caller, ServiceApp service) {
        return switch (caller) {
            case ANONYMOUS -> given().baseUri(service.where());
            // each service's own authorisation, past the gateways (which route by audience: GatewayTest)
            case MEMBER_A, MEMBER_A_ON_B -> cast.memberA().direct(service);
            case OPS_ADMIN -> cast.ops().direct(service);
            case EKYC_REVIEWER -> cast.reviewer().direct(service);
            case FEED_X_ON_X, FEED_X_ON_Y -> cast.feedX().direct(service);
        };
    }

    private Target target(Caller caller) {
        return caller == Caller.MEMBER_A_ON_B || caller == Caller.FEED_X_ON_Y ? cast.ofB() : cast.ofA();
    }

    /**
     * {@code 401} and {@code 403} are the platform's UNAUTHENTICATED and FORBIDDEN; a refusal names its code; a
     * success its body's shape (see {@link Operation}), or nothing when it has no body.
     */
    private static boolean holds(String expected, Response answer) {
        String[] parts = (expected.equals("401") ? "401 UNAUTHENTICATED" : expected.equals("403") ? "403 FORBIDDEN"
                : expected).split(" ");
        if (answer.statusCode() != Integer.parseInt(parts[0])) {
            return false;
        }
        if (parts.length == 1) {
            return answer.body().asString().isEmpty();
        }
        String shape = parts[1];
        if (shape.equals("image/*")) {
            return answer.contentType().startsWith("image/") && answer.body().asByteArray().length > 0;
        }
        if (!shape.startsWith("{") && !shape.startsWith("[")) {
            return shape.equals(code(answer));
        }
        if (!answer.contentType().startsWith("application/json")) {
            return false;
        }
        Object body = answer.path("$");
        String field = shape.substring(1, shape.length() - 1);
        if (shape.startsWith("{")) {
            return body instanceof Map<?, ?> object && object.get(field) != null;
        }
        return body instanceof List<?> list && (field.isEmpty()
                || !list.isEmpty() && list.stream().allMatch(e -> e instanceof Map<?, ?> m && m.get(field) != null));
    }

    private static String code(Response answer) {
        String type = answer.contentType();
        return type != null && type.startsWith("application/problem+json") ? answer.path("code") : null;
    }

    private static String said(Response answer) {
        String code = code(answer);
        return answer.statusCode() + (code == null ? "" : " " + code);
    }

    /** The table, in the order it is sent: reads and refused writes first, A's withdrawal last. */
    private static List<Operation> table(Cast c) {
        //                     anonymous | A on A's | A on B's                  | ops | reviewer | feed X on X | feed X on Y
        String memberMe = "     401       | ok       | —                         | 403 | 403      | 403         | —";
        String memberOwns = "   401       | ok       | 404 APPLICATION_NOT_FOUND | 403 | 403      | 403         | —";
        String opsOnly = "      401       | 403      | —                         | ok  | 403      | 403         | —";
        String reviewerOnly = " 401       | 403      | —                         | 403 | ok       | 403         | —";
        String open = "         ok        | ok       | —                         | ok  | ok       | ok          | —";
        String anyToken = "     401       | ok       | —                         | ok  | ok       | ok          | —";
        byte[] jpeg = Camera.FRONT_SELFIE;
        String signup = UUID.randomUUID().toString(); // the sign-up's id is its capability: unknown ids are 404
        return List.of(
                // account-service: sign-up and reset are open (the ids are the capability), the account is the token's
                op(ServiceApp.ACCOUNT, "POST", "/v1/signups", open, "422 INSURER_NUMBER_INVALID",
                        (r, t) -> r.contentType(ContentType.JSON)
                        .body(Map.of("insurerNumber", "06139997", "groupCategory", c.insurerCategory()))
                        .post("/v1/signups")),
                op(ServiceApp.ACCOUNT, "PUT", "/v1/signups/{id}/credentials", open, "422 FIELD_REQUIRED", (r, t) -> r
                        .contentType(ContentType.JSON).body(Map.of("email", "", "password", ""))
                        .put("/v1/signups/{id}/credentials", signup)),
                op(ServiceApp.ACCOUNT, "PUT", "/v1/signups/{id}/consents", open, "404 SIGNUP_NOT_FOUND", (r, t) -> r
                        .contentType(ContentType.JSON).body(Map.of("agreements", List.of()))
                        .put("/v1/signups/{id}/consents", signup)),
                op(ServiceApp.ACCOUNT, "POST", "/v1/signups/{id}/code", open, "404 SIGNUP_NOT_FOUND",
                        (r, t) -> r.post("/v1/signups/{id}/code", signup)),
                op(ServiceApp.ACCOUNT, "POST", "/v1/signups/{id}/code/verify", open, "404 SIGNUP_NOT_FOUND", (r, t) -> r
                        .contentType(ContentType.JSON).body(Map.of("code", "000000"))
                        .post("/v1/signups/{id}/code/verify", signup)),
                op(ServiceApp.ACCOUNT, "POST", "/v1/password-resets", open, "422 EMAIL_INVALID",
                        (r, t) -> r.contentType(ContentType.JSON)
                        .body(Map.of("email", "not-an-address")).post("/v1/password-resets")),
                op(ServiceApp.ACCOUNT, "POST", "/v1/password-resets/{id}/verify", open, "404 RESET_NOT_FOUND",
                        (r, t) -> r
                        .contentType(ContentType.JSON).body(Map.of("code", "000000", "newPassword", "x"))
                        .post("/v1/password-resets/{id}/verify", UUID.randomUUID())),
                op(ServiceApp.ACCOUNT, "GET", "/v1/members/me", memberMe, "200 {memberId}",
                        (r, t) -> r.get("/v1/members/me")),
                // insured-verification-service
                op(ServiceApp.INSURED_VERIFICATION, "GET", "/v1/insurers/{n}/card-format", anyToken, "200 {cardFormat}",
                        (r, t) -> r.get("/v1/insurers/{n}/card-format", t.insurerNumber())),
                op(ServiceApp.INSURED_VERIFICATION, "POST", "/v1/insurers/{n}/roster-files",
                        "401 | 403 | — | 403 | 403 | ok | 403 INSURER_NOT_ALLOWED", "422 ROSTER_FILE_INVALID",
                        (r, t) -> r.contentType("text/csv")
                                .queryParam("asOf", "2026-01-01")
                                .body("personal_id,symbol,number,name_kana,birth_date,qualified_on,"
                                        + "qualification_lost_on\r\n")
                                .post("/v1/insurers/{n}/roster-files", t.insurerNumber())),
                op(ServiceApp.INSURED_VERIFICATION, "POST", "/v1/verifications", memberMe, "200 {outcome}",
                        (r, t) -> r.contentType(ContentType.JSON).body(Map.of("insurerNumber", t.insurerNumber(),
                                "symbol", c.cardOfA().symbol(), "number", c.cardOfA().number(),
                                "nameKana", c.cardOfA().nameKana(), "birthDate", c.cardOfA().birthDate().toString()))
                                .post("/v1/verifications")),
                // entitlement-service
                op(ServiceApp.ENTITLEMENT, "GET", "/v1/groups/{groupId}", opsOnly, "200 {groupId}",
                        (r, t) -> r.get("/v1/groups/{g}", c.groupId())),
                op(ServiceApp.ENTITLEMENT, "PUT", "/v1/groups/{groupId}", opsOnly, "422 FIELD_REQUIRED", (r, t) -> r
                        .contentType(ContentType.JSON).header("If-Match", "\"0\"").body(Map.of())
                        .put("/v1/groups/{g}", c.groupId())),
                op(ServiceApp.ENTITLEMENT, "GET", "/v1/members/me/entitlements", memberMe, "200 {level}",
                        (r, t) -> r.get("/v1/members/me/entitlements")),
                op(ServiceApp.ENTITLEMENT, "GET", "/v1/members/me/token", memberMe, "200 {memberId}",
                        (r, t) -> r.get("/v1/members/me/token")),
                // notification-service: the delivery log is the operator's, even of one's own mails
                op(ServiceApp.NOTIFICATION, "GET", "/v1/deliveries?memberId=", "401 | 403 | 403 | ok | 403 | 403 | —",
                        "200 [eventId]",
                        (r, t) -> r.queryParam("memberId", t.memberId()).get("/v1/deliveries")),
                // ekyc-service: the secret question and the grant it gives
                op(ServiceApp.EKYC, "GET", "/v1/sensitive-access/question", memberMe, "200 {question}",
                        (r, t) -> r.get("/v1/sensitive-access/question")),
                op(ServiceApp.EKYC, "POST", "/v1/sensitive-access", memberMe, "200 {grant}",
                        (r, t) -> r.contentType(ContentType.JSON).body(Map.of("answer", c.secretAnswerOfA()))
                                .post("/v1/sensitive-access")),
                op(ServiceApp.EKYC, "POST", "/v1/sensitive-access/check", "401 | ok | 403 GRANT_INVALID | 403 | 403 | 403 | —",
                        "200 {memberId}", (r, t) -> r.contentType(ContentType.JSON).body(Map.of("grant", t.grant()))
                                .post("/v1/sensitive-access/check")),
                // ekyc-service: applications (A's is closed: writes to it are the service's 409s, not refusals)
                op(ServiceApp.EKYC, "POST", "/v1/ekyc/applications", memberMe, "409 ALREADY_VERIFIED",
                        (r, t) -> r.post("/v1/ekyc/applications")),
                op(ServiceApp.EKYC, "GET", "/v1/ekyc/applications/{id}", memberOwns, "200 {status}",
                        (r, t) -> r.get("/v1/ekyc/applications/{id}", t.applicationId())),
                op(ServiceApp.EKYC, "PUT", "/v1/ekyc/applications/{id}/document", memberOwns,
                        "409 APPLICATION_CLOSED", (r, t) -> r
                        .contentType(ContentType.JSON).body(Map.of("documentType", "DRIVERS_LICENSE",
                                "hasRemarks", false))
                        .put("/v1/ekyc/applications/{id}/document", t.applicationId())),
                op(ServiceApp.EKYC, "PUT", "/v1/ekyc/applications/{id}/images/{side}", memberOwns,
                        "409 APPLICATION_CLOSED", (r, t) -> r
                        .contentType("image/jpeg").body(jpeg)
                        .put("/v1/ekyc/applications/{id}/images/{side}", t.applicationId(), "FRONT")),
                op(ServiceApp.EKYC, "PUT", "/v1/ekyc/applications/{id}/document-data", memberOwns,
                        "409 APPLICATION_CLOSED", (r, t) -> r
                        .contentType(ContentType.JSON).body(Map.of("name", "健康 花子", "birthDate", "1983-03-03"))
                        .put("/v1/ekyc/applications/{id}/document-data", t.applicationId())),
                op(ServiceApp.EKYC, "PUT", "/v1/ekyc/applications/{id}/faces/front", memberOwns,
                        "409 APPLICATION_CLOSED", (r, t) -> r
                        .contentType("image/jpeg").body(jpeg)
                        .put("/v1/ekyc/applications/{id}/faces/front", t.applicationId())),
                op(ServiceApp.EKYC, "PUT", "/v1/ekyc/applications/{id}/faces/challenge", memberOwns,
                        "409 APPLICATION_CLOSED", (r, t) -> r
                        .contentType("image/jpeg").body(jpeg)
                        .put("/v1/ekyc/applications/{id}/faces/challenge", t.applicationId())),
                op(ServiceApp.EKYC, "PUT", "/v1/ekyc/applications/{id}/secret-question", memberOwns,
                        "409 APPLICATION_CLOSED", (r, t) -> r
                        .contentType(ContentType.JSON).body(Map.of("question", "好きな色は？", "answer", "あお"))
                        .put("/v1/ekyc/applications/{id}/secret-question", t.applicationId())),
                op(ServiceApp.EKYC, "POST", "/v1/ekyc/applications/{id}/submit", memberOwns,
                        "409 APPLICATION_CLOSED", (r, t) -> r.post("/v1/ekyc/applications/{id}/submit", t.applicationId())),
                // ekyc-service: the My Number card (JPKI); A is SENSITIVE already, and sends nothing of a card
                op(ServiceApp.EKYC, "POST", "/v1/ekyc/jpki/challenges", memberMe, "409 ALREADY_VERIFIED",
                        (r, t) -> r.post("/v1/ekyc/jpki/challenges")),
                op(ServiceApp.EKYC, "POST", "/v1/ekyc/jpki/verifications", memberMe, "422 FIELD_INVALID",
                        (r, t) -> r.contentType(ContentType.JSON).body(Map.of()).post("/v1/ekyc/jpki/verifications")),
                // ekyc-service: the review queue (staff act on A's application)
                op(ServiceApp.EKYC, "GET", "/v1/ekyc/reviews", reviewerOnly, "200 []",
                        (r, t) -> r.get("/v1/ekyc/reviews")),
                op(ServiceApp.EKYC, "GET", "/v1/ekyc/reviews/{id}/images/{kind}", reviewerOnly, "200 image/*",
                        (r, t) -> r
                        .get("/v1/ekyc/reviews/{id}/images/{kind}", t.applicationId(), "FRONT")),
                op(ServiceApp.EKYC, "POST", "/v1/ekyc/reviews/{id}/decision", reviewerOnly, "409 NOT_IN_REVIEW",
                        (r, t) -> r
                        .contentType(ContentType.JSON).body(Map.of("decision", "APPROVE"))
                        .post("/v1/ekyc/reviews/{id}/decision", t.applicationId())),
                // ekyc-service: checkup viewing codes
                op(ServiceApp.EKYC, "POST", "/v1/groups/{groupId}/checkup-codes", opsOnly, "422 FIELD_INVALID",
                        (r, t) -> r
                        .contentType(ContentType.JSON).body(Map.of("codes", List.of()))
                        .post("/v1/groups/{g}/checkup-codes", c.groupId())),
                op(ServiceApp.EKYC, "POST", "/v1/checkup-codes/redeem", memberMe, "422 FIELD_INVALID",
                        (r, t) -> r.contentType(ContentType.JSON).body(Map.of("code", "WRONG-CODE-0000"))
                                .post("/v1/checkup-codes/redeem")),
                // last: A withdraws (退会)
                op(ServiceApp.ACCOUNT, "DELETE", "/v1/members/me", memberMe, "204",
                        (r, t) -> r.delete("/v1/members/me")));
    }

    private static Operation op(ServiceApp service, String method, String path, String cells, String letThrough,
            BiFunction<RequestSpecification, Target, Response> call) {
        List<String> parsed = Arrays.stream(cells.split("\\|")).map(String::strip).toList();
        assertThat(parsed).as("%s %s: one cell per caller", method, path).hasSize(Caller.values().length);
        return new Operation(service, method, path, parsed, letThrough, call);
    }
}
