package io.kencom.ekyc;

import static io.kencom.ekyc.EkycSteps.approvedMember;
import static io.kencom.ekyc.EkycSteps.linkToPerson;
import static io.kencom.ekyc.EkycSteps.member;
import static io.kencom.ekyc.EkycSteps.newGroup;
import static io.kencom.ekyc.EkycSteps.open;
import static io.kencom.ekyc.EkycSteps.openApplication;
import static io.kencom.ekyc.EkycSteps.setLevel;
import static io.kencom.ekyc.EkycSteps.submit;
import static io.kencom.ekyc.EkycSteps.walkToSubmit;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.notNullValue;

import io.kencom.contracts.EventContract;
import io.kencom.contracts.events.EkycApproved;
import io.kencom.contracts.events.EkycRejected;
import io.kencom.contracts.events.EkycReviewRequested;
import io.kencom.contracts.events.EkycSubmitted.DocumentType;
import io.kencom.contracts.events.MemberWithdrew;
import io.kencom.contracts.events.SecretQuestionReset;
import io.kencom.contracts.model.AuthLevel;
import io.kencom.contracts.model.InsurerNumber;
import io.kencom.platform.crypto.PersonReferences;
import io.kencom.testsupport.AtOnce;
import io.kencom.testsupport.Events;
import io.kencom.testsupport.KeycloakUsers.TestUser;
import io.kencom.testsupport.KeycloakUsers;
import io.kencom.testsupport.MutableClock;
import io.kencom.testsupport.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** After submission: the review queue, the secret question that guards health data, and the checkup-code path. */
@QuarkusTest
class ReviewAndAccessTest extends EkycServiceTest {

    @Inject
    Pool pool;
    @Inject
    PersonReferences personRefs;
    @Inject
    MutableClock clock;
    @Inject
    Retention retention;

    private static final TestUser REVIEWER = KeycloakUsers.staff("ekyc-reviewer");
    private static final TestUser OPS = KeycloakUsers.staff("ops-admin");

    @AfterEach
    void realTime() {
        clock.reset();
    }

    /** A member whose application waits for a person (a new name in the remarks). */
    private UUID inReview(TestUser member) {
        UUID id = walkToSubmit(member, DocumentType.DRIVERS_LICENSE, true);
        submit(member, id).statusCode(200).body("status", equalTo("IN_REVIEW"));
        return id;
    }

    private static Map<String, Object> pendingEntry(UUID id) {
        List<Map<String, Object>> pending = given().auth().oauth2(REVIEWER.accessToken()).get("/v1/ekyc/reviews")
                .then().statusCode(200).extract().jsonPath().getList("$");
        return pending.stream().filter(p -> p.get("applicationId").equals(id.toString())).findFirst().orElseThrow();
    }

    private static ConsumerRecord<String, String> awaitEvent(TopicReader reader, TestUser member, Class<?> type) {
        return reader.awaitRecord(r -> r.key().equals(member.id().toString())
                && type.isInstance(TopicReader.envelope(r).event()));
    }

    @Test
    void two_reviewers_deciding_one_application_at_once_make_one_decision() {
        TestUser member = member(pool, newGroup(true), AuthLevel.PERSONAL);
        TestUser second = KeycloakUsers.staff("ekyc-reviewer");
        try (TopicReader ekyc = Events.readerOf(EventContract.EKYC_APPROVED)) {
            UUID id = inReview(member);
            awaitEvent(ekyc, member, EkycReviewRequested.class);
            List<Map<String, Object>> decisions = List.of(Map.of("decision", "APPROVE"),
                    Map.of("decision", "REJECT", "reason", "FACE_DOES_NOT_MATCH"));
            List<String> tokens = List.of(REVIEWER.accessToken(), second.accessToken());

            List<Integer> statuses = AtOnce.run(List.<Callable<Integer>>of(
                    () -> decide(tokens.get(0), id, decisions.get(0)), () -> decide(tokens.get(1), id, decisions.get(1))));

            assertThat(statuses).containsExactlyInAnyOrder(204, 409);
            assertThat(ekyc.recordsAfter(Duration.ofSeconds(3), r -> r.key().equals(member.id().toString())
                    && (TopicReader.envelope(r).event() instanceof EkycApproved
                    || TopicReader.envelope(r).event() instanceof EkycRejected))).as("one decision").hasSize(1);
        }
    }

    private static int decide(String token, UUID id, Map<String, Object> decision) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(decision)
                .post("/v1/ekyc/reviews/{id}/decision", id).statusCode();
    }

    @Test
    @SuppressWarnings("unchecked")
    void a_reviewer_sees_scores_and_photos_and_approves() throws Exception {
        TestUser member = member(pool, newGroup(true), AuthLevel.PERSONAL);
        try (TopicReader ekyc = Events.readerOf(EventContract.EKYC_APPROVED)) {
            UUID id = inReview(member);
            EkycReviewRequested requested = (EkycReviewRequested) TopicReader.envelope(
                    awaitEvent(ekyc, member, EkycReviewRequested.class)).event();
            assertThat(requested.reasons()).containsExactly("NAME_FROM_REMARKS");

            Map<String, Object> entry = pendingEntry(id);
            assertThat(entry.get("name")).isEqualTo("健康 花子");
            assertThat(entry.get("birthDate")).isEqualTo("1980-01-01");
            assertThat(entry.get("readName")).isEqualTo("健康 太郎");
            assertThat(entry.get("reasons")).isEqualTo(List.of("NAME_FROM_REMARKS"));
            Map<String, Object> scores = (Map<String, Object>) entry.get("scores");
            assertThat(((Number) scores.get("documentMatch")).doubleValue()).isGreaterThan(0.6);
            assertThat(scores.get("challengeOutcome")).isEqualTo("MET");
            List<String> images = (List<String>) entry.get("images");
            assertThat(images).hasSize(4);
            byte[] front = given().auth().oauth2(REVIEWER.accessToken()).get(images.get(images.size() - 1)).then()
                    .statusCode(200).contentType("image/jpeg").extract().asByteArray();
            assertThat(ImageIO.read(new ByteArrayInputStream(front)).getWidth()).isGreaterThan(100);

            given().auth().oauth2(REVIEWER.accessToken()).contentType(ContentType.JSON)
                    .body(Map.of("decision", "APPROVE")).post("/v1/ekyc/reviews/{id}/decision", id).then()
                    .statusCode(204);

            EkycApproved approved = (EkycApproved) TopicReader.envelope(awaitEvent(ekyc, member, EkycApproved.class))
                    .event();
            assertThat(approved.method()).isEqualTo(EkycApproved.Method.EKYC_REVIEWED);
            // Decided once only.
            given().auth().oauth2(REVIEWER.accessToken()).contentType(ContentType.JSON)
                    .body(Map.of("decision", "REJECT", "reason", "FACE_DOES_NOT_MATCH"))
                    .post("/v1/ekyc/reviews/{id}/decision", id).then().statusCode(409)
                    .body("code", equalTo("NOT_IN_REVIEW"));
        }
        // The secret question of the application is now the member's.
        given().auth().oauth2(member.accessToken()).get("/v1/sensitive-access/question").then().statusCode(200)
                .body("question", equalTo("卒業した小学校は？"));
    }

    @Test
    void a_reviewer_rejects_with_a_reason_and_what_to_redo() {
        TestUser member = member(pool, newGroup(true), AuthLevel.PERSONAL);
        try (TopicReader ekyc = Events.readerOf(EventContract.EKYC_REJECTED)) {
            UUID id = inReview(member);

            given().auth().oauth2(REVIEWER.accessToken()).contentType(ContentType.JSON)
                    .body(Map.of("decision", "REJECT")).post("/v1/ekyc/reviews/{id}/decision", id).then()
                    .statusCode(422).body("field", equalTo("reason"));
            given().auth().oauth2(REVIEWER.accessToken()).contentType(ContentType.JSON)
                    .body(Map.of("decision", "REJECT", "reason", "DOCUMENT_UNREADABLE", "redo", List.of("BACK")))
                    .post("/v1/ekyc/reviews/{id}/decision", id).then().statusCode(204);

            EkycRejected rejected = (EkycRejected) TopicReader.envelope(awaitEvent(ekyc, member, EkycRejected.class))
                    .event();
            assertThat(rejected.reasonCode()).isEqualTo("DOCUMENT_UNREADABLE");
            assertThat(rejected.redo()).containsExactly("BACK");
            given().auth().oauth2(member.accessToken()).get("/v1/ekyc/applications/{id}", id).then()
                    .body("status", equalTo("REJECTED"));
        }
        // Rejected: no secret question was set, and the member may apply again.
        given().auth().oauth2(member.accessToken()).get("/v1/sensitive-access/question").then().statusCode(404)
                .body("code", equalTo("NO_SECRET_QUESTION"));
        openApplication(member);
    }

    @Test
    void a_decided_application_keeps_its_photos_for_the_retention_period_only() {
        TestUser member = approvedMember(pool);
        UUID id = pool.preparedQuery("SELECT id FROM application WHERE member_id = $1").execute(Tuple.of(member.id()))
                .await().indefinitely().iterator().next().getUUID(0);

        clock.advance(Duration.ofDays(29));
        retention.sweep().await().indefinitely();
        assertThat(photos(id)).isEqualTo(3);
        clock.advance(Duration.ofDays(1));
        retention.sweep().await().indefinitely();
        assertThat(photos(id)).isZero();
    }

    private long photos(UUID id) {
        return pool.preparedQuery("SELECT count(*) FROM application_image WHERE application_id = $1")
                .execute(Tuple.of(id)).await().indefinitely().iterator().next().getLong(0);
    }

    @Test
    void reviews_are_for_reviewers_only() {
        TestUser member = member(pool, newGroup(true), AuthLevel.PERSONAL);
        given().auth().oauth2(member.accessToken()).get("/v1/ekyc/reviews").then().statusCode(403);
        given().auth().oauth2(OPS.accessToken()).get("/v1/ekyc/reviews").then().statusCode(403);
        given().get("/v1/ekyc/reviews").then().statusCode(401);
    }

    private static ValidatableResponse answer(TestUser member, String answer) {
        return given().auth().oauth2(member.accessToken()).contentType(ContentType.JSON)
                .body(Map.of("answer", answer)).post("/v1/sensitive-access").then();
    }

    @Test
    void the_right_answer_in_any_width_case_or_spacing_gives_a_short_lived_grant() {
        TestUser member = approvedMember(pool);

        String grant = answer(member, " ＫＥＮ ｃｏｍ ").statusCode(200).body("expiresAt", notNullValue())
                .extract().path("grant");
        answer(member, "kencom").statusCode(200);

        given().auth().oauth2(member.accessToken()).contentType(ContentType.JSON).body(Map.of("grant", grant))
                .post("/v1/sensitive-access/check").then().statusCode(200)
                .body("memberId", equalTo(member.id().toString()));
        // Another member cannot use it, a forged one is refused, and it expires.
        TestUser other = member(pool, newGroup(true), AuthLevel.PERSONAL);
        given().auth().oauth2(other.accessToken()).contentType(ContentType.JSON).body(Map.of("grant", grant))
                .post("/v1/sensitive-access/check").then().statusCode(403).body("code", equalTo("GRANT_INVALID"));
        given().auth().oauth2(member.accessToken()).contentType(ContentType.JSON)
                .body(Map.of("grant", grant.substring(0, grant.length() - 2) + "xx"))
                .post("/v1/sensitive-access/check").then().statusCode(403);
        clock.advance(Duration.ofMinutes(11));
        given().auth().oauth2(member.accessToken()).contentType(ContentType.JSON).body(Map.of("grant", grant))
                .post("/v1/sensitive-access/check").then().statusCode(403);
    }

    @Test
    void five_wrong_answers_lock_the_question_until_ekyc_is_done_again() {
        TestUser member = approvedMember(pool);
        EkycSteps.Group group = new EkycSteps.Group(pool.preparedQuery("SELECT group_id FROM member_level WHERE "
                + "member_id = $1").execute(Tuple.of(member.id())).await().indefinitely().iterator().next().getString(0));
        setLevel(pool, member, group, AuthLevel.SENSITIVE);
        open(member).statusCode(409).body("code", equalTo("ALREADY_VERIFIED"));

        try (TopicReader ekyc = Events.readerOf(EventContract.SECRET_QUESTION_RESET)) {
            for (int left = 4; left >= 1; left--) {
                answer(member, "wrong").statusCode(422).body("code", equalTo("ANSWER_WRONG"))
                        .body("attemptsLeft", equalTo(left));
            }
            answer(member, "kencom").statusCode(200);
            // A right answer starts the count again; five wrong in a row lock.
            for (int i = 0; i < 4; i++) {
                answer(member, "wrong").statusCode(422);
            }
            answer(member, "wrong").statusCode(403).body("code", equalTo("LOCKED"));

            SecretQuestionReset reset = (SecretQuestionReset) TopicReader.envelope(
                    awaitEvent(ekyc, member, SecretQuestionReset.class)).event();
            assertThat(reset.reason()).isEqualTo(SecretQuestionReset.Reason.LOCKED_AFTER_WRONG_ANSWERS);
        }
        answer(member, "kencom").statusCode(403).body("code", equalTo("LOCKED"));
        given().auth().oauth2(member.accessToken()).get("/v1/sensitive-access/question").then().statusCode(403);

        // eKYC again sets a new question and unlocks access.
        UUID again = walkToSubmit(member, DocumentType.RESIDENCE_CARD, false);
        submit(member, again).statusCode(200).body("status", equalTo("APPROVED"));
        answer(member, "kencom").statusCode(200);
    }

    @Test
    void a_checkup_viewing_code_and_a_secret_question_give_access_without_ekyc() {
        EkycSteps.Group group = newGroup(true);
        TestUser member = member(pool, group, AuthLevel.PERSONAL);
        TestUser neighbour = member(pool, group, AuthLevel.PERSONAL);
        String code = "KC-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        given().auth().oauth2(OPS.accessToken()).contentType(ContentType.JSON)
                .body(Map.of("codes", List.of(code, code + "X"), "expiresOn", LocalDate.now().plusDays(30).toString()))
                .post("/v1/groups/{g}/checkup-codes", group.groupId()).then().statusCode(200)
                .body("added", equalTo(2)).body("alreadyKnown", equalTo(0));

        try (TopicReader ekyc = Events.readerOf(EventContract.EKYC_APPROVED)) {
            // Typed in full width, lower case, without its hyphen.
            String typed = fullWidth(code.replace("-", "").toLowerCase());
            given().auth().oauth2(member.accessToken()).contentType(ContentType.JSON)
                    .body(Map.of("code", typed, "question", "初めて飼ったペットは？", "answer", "ポチ"))
                    .post("/v1/checkup-codes/redeem").then().statusCode(200)
                    .body("method", equalTo("CHECKUP_VIEWING_CODE"));

            EkycApproved approved = (EkycApproved) TopicReader.envelope(awaitEvent(ekyc, member, EkycApproved.class))
                    .event();
            assertThat(approved.method()).isEqualTo(EkycApproved.Method.CHECKUP_VIEWING_CODE);
            assertThat(approved.applicationId()).isNull();
        }
        answer(member, "ﾎﾟﾁ").statusCode(200);
        // Used once.
        given().auth().oauth2(neighbour.accessToken()).contentType(ContentType.JSON)
                .body(Map.of("code", code, "question", "q", "answer", "a")).post("/v1/checkup-codes/redeem").then()
                .statusCode(422).body("code", equalTo("CODE_INVALID")).body("attemptsLeft", equalTo(4));
    }

    @Test
    void a_code_issued_to_one_insured_person_is_redeemed_by_that_persons_member_only() {
        EkycSteps.Group group = newGroup(true);
        InsurerNumber insurer = InsurerNumber.parse(EkycSteps.INSURER_NUMBER);
        String personalId = "P-" + UUID.randomUUID();
        TestUser person = member(pool, group, AuthLevel.PERSONAL);
        TestUser otherPerson = member(pool, group, AuthLevel.PERSONAL);
        TestUser unknownPerson = member(pool, group, AuthLevel.PERSONAL);
        linkToPerson(pool, person, group, PersonReferences.text(personRefs.of(insurer, personalId)));
        linkToPerson(pool, otherPerson, group, PersonReferences.text(personRefs.of(insurer, personalId + "-2")));
        linkToPerson(pool, unknownPerson, group, null);
        String code = "KC-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        // As the insurer's list gives it: the personal ID with blanks around it.
        loadCodes(group, Map.of("personalCodes", List.of(Map.of("code", code, "insurerNumber", insurer.value(),
                "personalId", " " + personalId + " ")))).statusCode(200).body("added", equalTo(1));
        assertThat(pool.preparedQuery("SELECT count(*) FROM checkup_code WHERE group_id = $1 AND person_ref IS NOT NULL")
                .execute(Tuple.of(group.groupId())).await().indefinitely().iterator().next().getLong(0))
                .as("kept with the person's pseudonym").isEqualTo(1);

        // Another person's member, and a member whose person this service cannot name: a wrong code, counted.
        redeem(otherPerson, code).statusCode(422).body("code", equalTo("CODE_INVALID")).body("attemptsLeft", equalTo(4));
        redeem(unknownPerson, code).statusCode(422).body("code", equalTo("CODE_INVALID"));
        redeem(person, code).statusCode(200).body("method", equalTo("CHECKUP_VIEWING_CODE"));
        assertThat(pool.preparedQuery("SELECT redeemed_by FROM checkup_code WHERE group_id = $1")
                .execute(Tuple.of(group.groupId())).await().indefinitely().iterator().next().getUUID(0))
                .isEqualTo(person.id());
    }

    @Test
    void codes_for_a_person_need_a_well_formed_insurer_number_of_the_group_and_a_personal_id() {
        EkycSteps.Group group = newGroup(true);
        member(pool, group, AuthLevel.PERSONAL); // once this service knows the group (and its insurer numbers)
        String expires = LocalDate.now().plusDays(30).toString();
        loadCodes(group, Map.of("personalCodes", List.of(Map.of("code", "C1", "insurerNumber", "06139996",
                "personalId", "P-1")), "expiresOn", expires)).statusCode(422)
                .body("field", equalTo("personalCodes.insurerNumber")).body("reason", equalTo("INSURER_NUMBER_INVALID"));
        loadCodes(group, Map.of("personalCodes", List.of(Map.of("code", "C1", "insurerNumber", "138057",
                "personalId", "P-1")), "expiresOn", expires)).statusCode(422)
                .body("field", equalTo("personalCodes.insurerNumber")).body("reason", equalTo("NOT_OF_THIS_GROUP"));
        loadCodes(group, Map.of("personalCodes", List.of(Map.of("code", "C1", "insurerNumber",
                EkycSteps.INSURER_NUMBER, "personalId", "  ")), "expiresOn", expires)).statusCode(422)
                .body("reason", equalTo("PERSONAL_ID_INVALID"));
        loadCodes(group, Map.of("personalCodes", List.of(Map.of("code", "C1", "insurerNumber",
                EkycSteps.INSURER_NUMBER, "personalId", "P".repeat(65))), "expiresOn", expires)).statusCode(422)
                .body("reason", equalTo("PERSONAL_ID_INVALID"));
        assertThat(pool.preparedQuery("SELECT count(*) FROM checkup_code WHERE group_id = $1")
                .execute(Tuple.of(group.groupId())).await().indefinitely().iterator().next().getLong(0))
                .as("nothing of a refused batch").isZero();
    }

    private static ValidatableResponse loadCodes(EkycSteps.Group group,
            Map<String, Object> batch) {
        Map<String, Object> body = new HashMap<>(batch);
        body.putIfAbsent("expiresOn", LocalDate.now().plusDays(30).toString());
        return given().auth().oauth2(OPS.accessToken()).contentType(ContentType.JSON).body(body)
                .post("/v1/groups/{g}/checkup-codes", group.groupId()).then();
    }

    private static ValidatableResponse redeem(TestUser member, String code) {
        return given().auth().oauth2(member.accessToken()).contentType(ContentType.JSON)
                .body(Map.of("code", code, "question", "初めて飼ったペットは？", "answer", "ポチ"))
                .post("/v1/checkup-codes/redeem").then();
    }

    @Test
    void wrong_checkup_codes_stop_after_five_in_a_day() {
        TestUser member = member(pool, newGroup(true), AuthLevel.PERSONAL);
        for (int left = 4; left >= 0; left--) {
            given().auth().oauth2(member.accessToken()).contentType(ContentType.JSON)
                    .body(Map.of("code", "NOPE" + left, "question", "q", "answer", "a"))
                    .post("/v1/checkup-codes/redeem").then().statusCode(422).body("attemptsLeft", equalTo(left));
        }
        given().auth().oauth2(member.accessToken()).contentType(ContentType.JSON)
                .body(Map.of("code", "NOPE", "question", "q", "answer", "a")).post("/v1/checkup-codes/redeem").then()
                .statusCode(429).body("code", equalTo("TOO_MANY_ATTEMPTS")).body("retryAfterSeconds", greaterThan(0));
        clock.advance(Duration.ofHours(24));
        given().auth().oauth2(member.accessToken()).contentType(ContentType.JSON)
                .body(Map.of("code", "NOPE", "question", "q", "answer", "a")).post("/v1/checkup-codes/redeem").then()
                .statusCode(422);
    }

    @Test
    void a_withdrawn_member_leaves_no_application_photo_or_question() {
        TestUser member = approvedMember(pool);
        Events.publish(new MemberWithdrew(member.id(), "g-any", Instant.now()));

        await().atMost(Duration.ofSeconds(30)).until(() -> pool.preparedQuery("SELECT (SELECT count(*) FROM application "
                        + "WHERE member_id = $1) + (SELECT count(*) FROM secret_question WHERE member_id = $1)")
                .execute(Tuple.of(member.id())).await().indefinitely().iterator().next().getLong(0) == 0);
    }

    @Test
    void a_secret_answer_a_checkup_code_or_a_grant_sent_without_a_body_is_refused_naming_it() {
        TestUser member = member(pool, newGroup(true), AuthLevel.PERSONAL);
        for (String path : List.of("/v1/sensitive-access", "/v1/sensitive-access/check", "/v1/checkup-codes/redeem")) {
            given().auth().oauth2(member.accessToken()).contentType(ContentType.JSON).post(path).then()
                    .statusCode(422).body("code", equalTo("FIELD_REQUIRED")).body("field", equalTo("body"));
        }
    }

    /**
     * A withdrawal racing a reviewer's approval, in four rounds from "approval first" to "withdrawal well before":
     * the decision and the deletion meet on the application's row lock, so the approval either lands first — 204,
     * one EkycApproved, then the withdrawal deletes everything — or finds nothing to approve — 404, no EkycApproved.
     * Never a 5xx, and nothing of the member stays either way.
     */
    @Test
    void a_withdrawal_racing_an_approval_either_follows_it_or_leaves_nothing_to_approve() throws Exception {
        Map<Integer, Integer> outcomes = new TreeMap<>();
        try (TopicReader ekyc = Events.readerOf(EventContract.EKYC_APPROVED)) {
            for (long withdrawalFirstByMillis : List.of(-50L, 0L, 50L, 300L)) {
                TestUser member = member(pool, newGroup(true), AuthLevel.PERSONAL);
                UUID id = inReview(member);
                Callable<Integer> approve = () -> {
                    Thread.sleep(Math.max(0, withdrawalFirstByMillis));
                    return decide(REVIEWER.accessToken(), id, Map.of("decision", "APPROVE"));
                };
                Callable<Integer> withdraw = () -> {
                    Thread.sleep(Math.max(0, -withdrawalFirstByMillis));
                    Events.publish(new MemberWithdrew(member.id(), "g-any", Instant.now()));
                    return 0;
                };
                int status = AtOnce.run(List.of(approve, withdraw)).get(0);

                assertThat(status).as("the approval's answer").isIn(204, 404);
                await().atMost(Duration.ofSeconds(30)).until(() -> rowsOf(member) == 0);
                assertThat(ekyc.recordsAfter(Duration.ofSeconds(2), r -> r.key().equals(member.id().toString())
                        && TopicReader.envelope(r).event() instanceof EkycApproved))
                        .as("EkycApproved after a %d", status).hasSize(status == 204 ? 1 : 0);
                outcomes.merge(status, 1, Integer::sum);
            }
        }
        System.out.println("a withdrawal racing an approval, answers by round: " + outcomes);
    }

    /** The member's applications, secret question and level: what a withdrawal deletes. */
    private long rowsOf(TestUser member) {
        return pool.preparedQuery("SELECT (SELECT count(*) FROM application WHERE member_id = $1) + (SELECT count(*) "
                        + "FROM secret_question WHERE member_id = $1) + (SELECT count(*) FROM member_level WHERE "
                        + "member_id = $1)")
                .execute(Tuple.of(member.id())).await().indefinitely().iterator().next().getLong(0);
    }

    private static String fullWidth(String s) {
        StringBuilder out = new StringBuilder();
        s.chars().forEach(c -> out.append(c >= '!' && c <= '~' ? (char) (c - '!' + '！') : (char) c));
        return out.toString();
    }
}
