package io.kencom.ekyc;

import static io.kencom.ekyc.EkycSteps.linkToHolder;
import static io.kencom.ekyc.EkycSteps.member;
import static io.kencom.ekyc.EkycSteps.newGroup;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import io.kencom.contracts.EventContract;
import io.kencom.contracts.events.EkycApproved;
import io.kencom.contracts.model.AuthLevel;
import io.kencom.local.StandInJlis.Card;
import io.kencom.local.StandInJlis;
import io.kencom.platform.crypto.PersonReferences;
import io.kencom.platform.crypto.Secrets;
import io.kencom.testsupport.AtOnce;
import io.kencom.testsupport.Events;
import io.kencom.testsupport.KeycloakUsers.TestUser;
import io.kencom.testsupport.MutableClock;
import io.kencom.testsupport.PersonalValue;
import io.kencom.testsupport.RealInfrastructure;
import io.kencom.testsupport.TopicReader;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * eKYC by the My Number card's IC chip (JPKI) against the stand-in J-LIS this service is configured to trust (the
 * local stack's, InfrastructureResource need {@code jpki}): a nonce, the card's signing certificate and its signature
 * over it, and the match with the insured person the member is linked to.
 */
@QuarkusTest
class JpkiVerificationTest extends EkycServiceTest {

    private static final StandInJlis JLIS = RealInfrastructure.jpki();
    private static final LocalDate BORN = LocalDate.of(1985, 7, 7);
    /** A number with a right check digit: what the app must never send. */
    private static final String INDIVIDUAL_NUMBER = "123456789018";

    @Inject
    Pool pool;
    @Inject
    PersonReferences personRefs;
    @Inject
    Secrets secrets;
    @Inject
    MutableClock clock;
    @Inject
    Retention retention;
    @Inject
    MeterRegistry registry;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    /** A PERSONAL member whose roster entry gives 髙橋 花子 (the old form of 高) born {@link #BORN}. */
    private TestUser takahashiHanako() {
        return takahashiHanako(newGroup(true));
    }

    private TestUser takahashiHanako(EkycSteps.Group group) {
        TestUser member = member(pool, group, AuthLevel.PERSONAL);
        linkToHolder(pool, member, group, PersonReferences.text(personRefs.holderOf("髙橋 花子", BORN)));
        return member;
    }

    @Test
    void a_good_card_approves_at_once_and_its_secret_question_then_guards_health_data() {
        EkycSteps.Group group = newGroup(true);
        TestUser member = takahashiHanako(group);
        Card card = JLIS.signingCard("高橋　花子", BORN);
        Counter approvals = registry.counter("kencom.ekyc.decisions", "method", "JPKI", "outcome", "APPROVED");
        double approvedBefore = approvals.count();
        long checksBefore = registry.get("kencom.ekyc.jpki.check").timer().count();

        try (TopicReader ekyc = Events.readerOf(EventContract.EKYC_APPROVED)) {
            byte[] nonce = challenge(member).statusCode(201).body("expiresAt", notNullValue()).extract().jsonPath()
                    .getString("nonce").transform(n -> Base64.getUrlDecoder().decode(n));
            assertThat(nonce).hasSize(32);
            verify(member, submission(card, card.sign(nonce), nonce)).statusCode(200)
                    .body("status", equalTo("APPROVED")).body("method", equalTo("JPKI"));

            ConsumerRecord<String, String> record = ekyc.awaitRecord(r -> r.key().equals(member.id().toString()));
            EkycApproved approved = (EkycApproved) TopicReader.envelope(record).event();
            assertThat(approved.method()).isEqualTo(EkycApproved.Method.JPKI);
            assertThat(approved.applicationId()).isNull();
            assertThat(TopicReader.header(record, "ce_type")).isEqualTo("EkycApproved.v2");
            assertThat(record.value()).doesNotContain("高橋").doesNotContain(PersonalValue.birthDate(BORN));
        }
        assertThat(approvals.count()).isEqualTo(approvedBefore + 1);
        assertThat(registry.get("kencom.ekyc.jpki.check").timer().count()).isEqualTo(checksBefore + 1);
        given().auth().oauth2(member.accessToken()).contentType(ContentType.JSON).body(Map.of("answer", "ﾎﾟﾁ"))
                .post("/v1/sensitive-access").then().statusCode(200).body("grant", notNullValue());

        // The check's record: its result, and sealed what identifies the certificate; nothing of the holder.
        Row check = checks(member).get(0);
        assertThat(check.getString("result")).isEqualTo("APPROVED");
        String opened = new String(secrets.openBytes(check.getBuffer("certificate").getBytes()), StandardCharsets.UTF_8);
        assertThat(opened).contains("serial=" + card.certificate().getSerialNumber().toString(16))
                .contains("issuer=").contains("sha256=").doesNotContain("高橋").doesNotContain("東京都");
        // Once entitlement-service has made the member SENSITIVE, there is nothing to verify.
        EkycSteps.setLevel(pool, member, group, AuthLevel.SENSITIVE);
        challenge(member).statusCode(409).body("code", equalTo("ALREADY_VERIFIED"));
    }

    @Test
    void a_second_nonce_sent_after_an_approval_approves_nobody_twice() {
        TestUser member = takahashiHanako();
        Card card = JLIS.signingCard("高橋 花子", BORN);
        byte[] first = nonce(member);
        byte[] second = nonce(member);

        try (TopicReader ekyc = Events.readerOf(EventContract.EKYC_APPROVED)) {
            verify(member, submission(card, card.sign(first), first)).statusCode(200);
            // entitlement-service has not made the member SENSITIVE yet; the second nonce is still the member's.
            verify(member, submission(card, card.sign(second), second)).statusCode(409)
                    .body("code", equalTo("ALREADY_VERIFIED"));
            ekyc.awaitRecord(r -> r.key().equals(member.id().toString()));
            assertThat(ekyc.recordsAfter(Duration.ofSeconds(3), r -> r.key().equals(member.id().toString())
                    && TopicReader.envelope(r).event() instanceof EkycApproved)).as("one EkycApproved").hasSize(1);
        }
    }

    @Test
    void one_nonce_sent_ten_times_at_once_is_checked_once() {
        TestUser member = takahashiHanako();
        Card card = JLIS.signingCard("高橋 花子", BORN);
        Card other = JLIS.signingCard("高橋 花子", BORN);
        byte[] nonce = nonce(member);
        Map<String, Object> wronglySigned = submission(card, other.sign(nonce), nonce);

        String token = member.accessToken(); // one login: ten at once look like brute force to Keycloak
        List<String> codes = AtOnce.run(10, () -> verify(token, wronglySigned).extract().<String>path("code"));

        assertThat(codes).containsOnlyOnce("SIGNATURE_INVALID").filteredOn("NONCE_USED"::equals).hasSize(9);
        assertThat(checks(member)).as("one check recorded").hasSize(1);

        byte[] good = nonce(member);
        Map<String, Object> rightlySigned = submission(card, card.sign(good), good);
        List<Integer> statuses = AtOnce.run(10, () -> verify(token, rightlySigned).extract().statusCode());
        assertThat(statuses).containsOnlyOnce(200).filteredOn(status -> status == 409).hasSize(9);
        assertThat(checks(member)).hasSize(2);
    }

    @Test
    void a_nonce_is_the_members_own_and_serves_once_within_its_minutes() {
        TestUser member = takahashiHanako();
        TestUser neighbour = takahashiHanako();
        Card card = JLIS.signingCard("高橋 花子", BORN);

        byte[] never = new byte[32];
        new SecureRandom().nextBytes(never);
        verify(member, submission(card, card.sign(never), never)).statusCode(422).body("code", equalTo("NONCE_UNKNOWN"));

        byte[] neighbours = nonce(neighbour);
        verify(member, submission(card, card.sign(neighbours), neighbours)).statusCode(422)
                .body("code", equalTo("NONCE_UNKNOWN"));

        // Signed by another key: refused, and the nonce is spent all the same.
        byte[] nonce = nonce(member);
        Card other = JLIS.signingCard("高橋 花子", BORN);
        verify(member, submission(card, other.sign(nonce), nonce)).statusCode(422)
                .body("code", equalTo("SIGNATURE_INVALID"));
        verify(member, submission(card, card.sign(nonce), nonce)).statusCode(409).body("code", equalTo("NONCE_USED"));

        byte[] late = nonce(member);
        clock.advance(Duration.ofMinutes(6));
        verify(member, submission(card, card.sign(late), late)).statusCode(422).body("code", equalTo("NONCE_EXPIRED"));

        assertThat(checks(member)).extracting(r -> r.getString("result")).containsExactly("SIGNATURE_INVALID");
    }

    @Test
    void a_card_that_cannot_prove_who_the_member_is_is_refused_with_its_own_code() {
        TestUser member = takahashiHanako();
        StandInJlis impostor = new StandInJlis("Local stand-in J-LIS", Instant.now()); // same names, other keys
        Instant now = Instant.now();
        Map<String, Card> cards = new HashMap<>();
        cards.put("CERTIFICATE_UNTRUSTED", impostor.signingCard("高橋 花子", BORN));
        cards.put("CERTIFICATE_EXPIRED", JLIS.card("高橋 花子", BORN, now.minus(Duration.ofDays(1826)),
                now.minus(Duration.ofDays(1)), KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
        cards.put("NOT_A_SIGNING_CERTIFICATE", JLIS.authenticationCard());
        cards.put("HOLDER_MISMATCH", JLIS.signingCard("高橋 花江", BORN));
        cards.put("NAME_NOT_COMPARABLE", JLIS.signingCard("高橋 花子", BORN, "01000"));

        List<String> codes = new ArrayList<>();
        cards.forEach((code, card) -> {
            byte[] nonce = nonce(member);
            verify(member, submission(card, card.sign(nonce), nonce)).statusCode(422).body("code", equalTo(code))
                    .body("options", hasItem("PHOTO_METHOD"));
            codes.add(code);
        });
        // Born a day later: the same refusal as another name; which one differs is not told.
        Card otherBirthday = JLIS.signingCard("高橋 花子", BORN.plusDays(1));
        byte[] nonce = nonce(member);
        verify(member, submission(otherBirthday, otherBirthday.sign(nonce), nonce)).statusCode(422)
                .body("code", equalTo("HOLDER_MISMATCH")).body("options", hasItem("ASK_INSURER_TO_UPDATE_ROSTER"));
        codes.add("HOLDER_MISMATCH");

        assertThat(checks(member)).extracting(r -> r.getString("result")).containsExactlyInAnyOrderElementsOf(codes);
        assertThat(questionOf(member)).as("nothing approved, no question set").isZero();
    }

    @Test
    void a_checks_record_lives_as_long_as_the_photos_and_a_spent_nonce_a_day_past_its_expiry() {
        TestUser member = takahashiHanako();
        Card other = JLIS.signingCard("高橋 花江", BORN);
        byte[] nonce = nonce(member);
        verify(member, submission(other, other.sign(nonce), nonce)).statusCode(422);
        nonce(member); // one never used

        clock.advance(Duration.ofDays(29));
        retention.sweep().await().indefinitely();
        assertThat(checks(member)).hasSize(1);
        assertThat(nonces(member)).as("a day past their expiry").isZero();

        clock.advance(Duration.ofDays(1));
        retention.sweep().await().indefinitely();
        assertThat(checks(member)).isEmpty();
    }

    private long nonces(TestUser member) {
        return pool.preparedQuery("SELECT count(*) FROM jpki_nonce WHERE member_id = $1")
                .execute(Tuple.of(member.id())).await().indefinitely().iterator().next().getLong(0);
    }

    @Test
    void a_member_whose_roster_gives_no_kanji_name_is_told_to_use_the_photo_method() {
        EkycSteps.Group group = newGroup(true);
        TestUser member = member(pool, group, AuthLevel.PERSONAL);
        linkToHolder(pool, member, group, null);
        Card card = JLIS.signingCard("高橋 花子", BORN);
        byte[] nonce = nonce(member);
        verify(member, submission(card, card.sign(nonce), nonce)).statusCode(422)
                .body("code", equalTo("JPKI_NAME_UNAVAILABLE")).body("options", hasItem("PHOTO_METHOD"));
    }

    @Test
    void an_individual_number_anywhere_in_the_request_is_refused_and_nothing_is_kept() {
        TestUser member = takahashiHanako();
        Card card = JLIS.signingCard("高橋 花子", BORN);
        byte[] nonce = nonce(member);

        Map<String, Object> inTheAnswer = submission(card, card.sign(nonce), nonce);
        inTheAnswer.put("answer", "1234-5678-9018");
        Map<String, Object> besides = submission(card, card.sign(nonce), nonce);
        besides.put("myNumber", INDIVIDUAL_NUMBER);
        Map<String, Object> nested = submission(card, card.sign(nonce), nonce);
        nested.put("card", Map.of("numbers", List.of(Long.parseLong(INDIVIDUAL_NUMBER))));
        for (Map<String, Object> body : List.of(inTheAnswer, besides, nested)) {
            verify(member, body).statusCode(422).body("code", equalTo("INDIVIDUAL_NUMBER_REFUSED"));
        }

        assertThat(checks(member)).isEmpty();
        assertThat(questionOf(member)).isZero();
        // Not even the nonce was touched: the member sends the request again without the number.
        verify(member, submission(card, card.sign(nonce), nonce)).statusCode(200).body("method", equalTo("JPKI"));
    }

    @Test
    void only_a_member_who_may_do_ekyc_gets_a_nonce_and_bad_fields_are_named() {
        TestUser groupOnly = member(pool, newGroup(true), AuthLevel.GROUP_ID);
        challenge(groupOnly).statusCode(403).body("code", equalTo("LEVEL_TOO_LOW"));
        TestUser noCheckupData = member(pool, newGroup(false), AuthLevel.PERSONAL);
        challenge(noCheckupData).statusCode(403).body("code", equalTo("GROUP_HAS_NO_CHECKUP_DATA"));

        TestUser member = takahashiHanako();
        Card card = JLIS.signingCard("高橋 花子", BORN);
        byte[] nonce = nonce(member);
        Map<String, Object> notBase64 = submission(card, card.sign(nonce), nonce);
        notBase64.put("certificate", "not base64!");
        verify(member, notBase64).statusCode(422).body("code", equalTo("FIELD_INVALID"))
                .body("field", equalTo("certificate")).body("reason", equalTo("NOT_BASE64"));
        Map<String, Object> noQuestion = submission(card, card.sign(nonce), nonce);
        noQuestion.remove("question");
        verify(member, noQuestion).statusCode(422).body("field", equalTo("question"));
        Map<String, Object> garbage = submission(card, card.sign(nonce), nonce);
        garbage.put("certificate", Base64.getEncoder().encodeToString("not a certificate".getBytes()));
        verify(member, garbage).statusCode(422).body("code", equalTo("CERTIFICATE_UNREADABLE"));

        // Eligibility is judged again at the signature: personal verification lost since the nonce refuses it.
        EkycSteps.Group group = newGroup(true);
        TestUser demoted = takahashiHanako(group);
        byte[] before = nonce(demoted);
        EkycSteps.setLevel(pool, demoted, group, AuthLevel.GROUP_ID);
        verify(demoted, submission(card, card.sign(before), before)).statusCode(403)
                .body("code", equalTo("LEVEL_TOO_LOW"));
        // So is a group that stopped linking checkup data meanwhile.
        EkycSteps.Group unlinked = newGroup(true);
        TestUser inUnlinked = takahashiHanako(unlinked);
        byte[] issued = nonce(inUnlinked);
        EkycSteps.stopLinkingCheckupData(pool, unlinked);
        verify(inUnlinked, submission(card, card.sign(issued), issued)).statusCode(403)
                .body("code", equalTo("GROUP_HAS_NO_CHECKUP_DATA"));
    }

    private static ValidatableResponse challenge(TestUser member) {
        return given().auth().oauth2(member.accessToken()).post("/v1/ekyc/jpki/challenges").then();
    }

    private static byte[] nonce(TestUser member) {
        return Base64.getUrlDecoder().decode(challenge(member).statusCode(201).extract().jsonPath().getString("nonce"));
    }

    private static ValidatableResponse verify(TestUser member, Map<String, Object> body) {
        return verify(member.accessToken(), body);
    }

    private static ValidatableResponse verify(String token, Map<String, Object> body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .post("/v1/ekyc/jpki/verifications").then();
    }

    private static Map<String, Object> submission(Card card, byte[] signature, byte[] nonce) {
        Map<String, Object> body = new HashMap<>();
        body.put("certificate", Base64.getEncoder().encodeToString(card.der()));
        body.put("signature", Base64.getEncoder().encodeToString(signature));
        body.put("nonce", Base64.getUrlEncoder().withoutPadding().encodeToString(nonce));
        body.put("question", "初めて飼ったペットは？");
        body.put("answer", "ポチ");
        return body;
    }

    private List<Row> checks(TestUser member) {
        List<Row> rows = new ArrayList<>();
        pool.preparedQuery("SELECT result, certificate FROM jpki_check WHERE member_id = $1 ORDER BY checked_at")
                .execute(Tuple.of(member.id())).await().indefinitely().forEach(rows::add);
        return rows;
    }

    private long questionOf(TestUser member) {
        return pool.preparedQuery("SELECT count(*) FROM secret_question WHERE member_id = $1")
                .execute(Tuple.of(member.id())).await().indefinitely().iterator().next().getLong(0);
    }
}
