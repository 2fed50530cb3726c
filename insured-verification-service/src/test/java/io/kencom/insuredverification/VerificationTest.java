package io.kencom.insuredverification;

import static io.kencom.insuredverification.RosterSteps.enrolled;
import static io.kencom.insuredverification.RosterSteps.newGroup;
import static io.kencom.insuredverification.RosterSteps.newInsured;
import static io.kencom.insuredverification.RosterSteps.publishAndAwait;
import static io.kencom.insuredverification.RosterSteps.verify;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import io.kencom.contracts.EventContract;
import io.kencom.contracts.events.AccountVerified;
import io.kencom.contracts.model.CardFormat;
import io.kencom.contracts.model.InsurerNumber;
import io.kencom.insuredverification.RosterSteps.Insured;
import io.kencom.insuredverification.RosterSteps.TestGroup;
import io.kencom.platform.crypto.PersonReferences;
import io.kencom.platform.crypto.Secrets;
import io.kencom.testsupport.Events;
import io.kencom.testsupport.AtOnce;
import io.kencom.testsupport.KeycloakUsers;
import io.kencom.testsupport.KeycloakUsers.TestUser;
import io.kencom.testsupport.MutableClock;
import io.kencom.testsupport.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Tuple;
import io.kencom.contracts.events.RosterUpdated;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Personal verification (本人確認, domain.md §4) against rosters that insurers pushed as events. */
@QuarkusTest
class VerificationTest extends VerificationServiceTest {

    @Inject
    Pool pool;
    @Inject
    Secrets secrets;
    @Inject
    PersonReferences personRefs;
    @Inject
    MutableClock clock;

    @BeforeEach
    void rosterConsumerReads() {
        RosterSteps.awaitRosterConsumer(pool, secrets);
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @ParameterizedTest
    @EnumSource(CardFormat.class)
    void each_card_pattern_verifies_whatever_the_cards_presentation(CardFormat format) {
        TestGroup group = newGroup(format);
        Insured person = enrol(group, "ケンコム タロウ");
        TestUser member = KeycloakUsers.member(group.groupId());

        Map<String, Object> typed = person.typed();
        // Full-width digits, hyphens dropped or added, the name without its space and in half-width katakana.
        typed.put("number", fullWidth(((String) typed.get("number")).replace("-", "")));
        if (typed.get("symbol") != null) {
            typed.put("symbol", " " + typed.get("symbol") + " ");
        }
        typed.put("nameKana", "ｹﾝｺﾑﾀﾛｳ");
        try (TopicReader verified = Events.readerOf(EventContract.ACCOUNT_VERIFIED)) {
            verify(member, typed).statusCode(200).body("outcome", equalTo("VERIFIED"))
                    .body("groupId", equalTo(group.groupId())).body("insurerNumber", equalTo(group.insurerNumber()));
            ConsumerRecord<String, String> event = verified.awaitRecord(r -> r.key().equals(member.id().toString()));
            AccountVerified published = (AccountVerified) TopicReader.envelope(event).event();
            assertThat(published.groupId()).isEqualTo(group.groupId());
            assertThat(published.insurerNumber()).isEqualTo(group.insurerNumber());
            // The person's pseudonym, as ekyc-service computes it for a checkup code issued to this personal ID.
            assertThat(published.holderRef()).as("no kanji name in this roster").isNull();
            assertThat(published.personRef()).isNotNull().isEqualTo(PersonReferences.text(personRefs.of(
                    InsurerNumber.parse(group.insurerNumber()), person.personalId())));
            assertThat(event.value()).doesNotContain(person.personalId()).doesNotContain("ケンコム")
                    .doesNotContain(person.birthDate().toString());
        }
        given().auth().oauth2(member.accessToken()).get("/v1/insurers/{n}/card-format", group.insurerNumber())
                .then().statusCode(200).body("cardFormat", equalTo(format.name()))
                .body("pattern", equalTo(format.ordinal() + 1));
    }

    @Test
    void the_holders_reference_comes_with_the_card_and_stays_through_a_loss_until_the_next_card_news() {
        TestGroup group = newGroup(CardFormat.NUMBER_ONLY);
        Insured person = newInsured(group, "タカハシ ハナコ");
        Buffer personKey = RosterSteps.personKey(secrets, group.insurerNumber(), person.personalId());
        RosterUpdated enrolled = enrolled(person, Instant.now());
        publishAndAwait(pool, secrets, new RosterUpdated(enrolled.insurerNumber(), enrolled.personalId(),
                enrolled.change(), enrolled.symbol(), enrolled.number(), enrolled.nameKana(), enrolled.birthDate(),
                enrolled.qualifiedOn(), null, enrolled.updatedAt(), "髙橋 花子"));
        byte[] expected = personRefs.holderOf("高橋花子", person.birthDate());
        assertThat(holderRef(personKey)).isEqualTo(expected);

        publishAndAwait(pool, secrets, RosterSteps.lost(person, LocalDate.of(2026, 10, 31), Instant.now()));
        assertThat(holderRef(personKey)).as("a loss does not touch the card").isEqualTo(expected);

        publishAndAwait(pool, secrets, RosterSteps.changedCard(person, Instant.now()));
        assertThat(holderRef(personKey)).as("card news without a kanji name").isNull();
    }

    private byte[] holderRef(Buffer personKey) {
        var stored = pool.preparedQuery("SELECT holder_ref FROM roster_entry WHERE person_key = $1")
                .execute(Tuple.of(personKey)).await().indefinitely().iterator().next().getBuffer("holder_ref");
        return stored == null ? null : stored.getBytes();
    }

    @Test
    void hiragana_is_read_as_katakana_but_a_different_name_never_matches() {
        TestGroup group = newGroup(CardFormat.SYMBOL_AND_NUMBER);
        Insured person = enrol(group, "ケンコム ジロウ");

        TestUser other = KeycloakUsers.member(group.groupId());
        for (String notTheName : List.of("ケンコム シロウ", "ケンコム ジロー", "ケンコムジロ", "ケンコム ジロウウ")) {
            Map<String, Object> typed = person.typed();
            typed.put("nameKana", notTheName);
            verify(other, typed).statusCode(422).body("code", equalTo("NO_MATCH"));
        }
        Map<String, Object> typed = person.typed();
        typed.put("nameKana", "けんこむ　じろう");
        verify(KeycloakUsers.member(group.groupId()), typed).statusCode(200).body("outcome", equalTo("VERIFIED"));
    }

    @Test
    void no_match_tells_the_possible_causes_and_the_tries_left() {
        TestGroup group = newGroup(CardFormat.SYMBOL_AND_NUMBER);
        Insured person = enrol(group, "ケンコム ハナコ");
        Map<String, Object> typo = person.typed();
        typo.put("birthDate", person.birthDate().plusDays(1).toString());

        verify(KeycloakUsers.member(group.groupId()), typo).statusCode(422)
                .contentType("application/problem+json")
                .body("code", equalTo("NO_MATCH"))
                .body("possibleCauses", contains("TYPO", "ROSTER_NOT_YET_LINKED", "CARD_REISSUED_OR_CHANGED"))
                .body("attemptsLeft", equalTo(4));
    }

    @Test
    void five_failures_in_24_hours_block_even_the_right_data_until_the_first_is_24_hours_old() {
        TestGroup group = newGroup(CardFormat.NUMBER_ONLY);
        Insured person = enrol(group, "ケンコム サブロウ");
        TestUser member = KeycloakUsers.member(group.groupId());
        Map<String, Object> wrong = person.typed();
        wrong.put("number", "99999999");

        for (int left = 4; left >= 0; left--) {
            verify(member, wrong).statusCode(422).body("code", equalTo("NO_MATCH")).body("attemptsLeft", equalTo(left));
            clock.advance(Duration.ofHours(1));
        }
        verify(member, person.typed()).statusCode(429).body("code", equalTo("TOO_MANY_ATTEMPTS"))
                .body("retryAfterSeconds", equalTo(19 * 3600));
        clock.advance(Duration.ofHours(19));
        verify(member, person.typed()).statusCode(200).body("outcome", equalTo("VERIFIED"));
    }

    @Test
    void thirty_wrong_tries_at_once_are_judged_five_times_and_the_right_one_after_is_refused() {
        TestGroup group = newGroup(CardFormat.NUMBER_ONLY);
        Insured person = enrol(group, "ケンコム クロウ");
        TestUser member = KeycloakUsers.member(group.groupId());
        String token = member.accessToken();
        Map<String, Object> wrong = person.typed();
        wrong.put("number", "99999999");

        List<Integer> statuses = AtOnce.run(30, () -> given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(wrong).post("/v1/verifications").statusCode());

        assertThat(statuses).filteredOn(status -> status == 422).as("judged NO_MATCH").hasSize(5);
        assertThat(statuses).filteredOn(status -> status == 429).as("TOO_MANY_ATTEMPTS").hasSize(25);
        verify(member, person.typed()).statusCode(429);
    }

    @Test
    void an_insured_person_linked_to_one_account_is_refused_to_another() {
        TestGroup group = newGroup(CardFormat.SYMBOL_WITH_HYPHEN_AND_NUMBER);
        Insured person = enrol(group, "ケンコム シロウ");
        TestUser first = KeycloakUsers.member(group.groupId());
        verify(first, person.typed()).statusCode(200);

        verify(KeycloakUsers.member(group.groupId()), person.typed()).statusCode(409)
                .body("code", equalTo("ALREADY_LINKED")).body("attemptsLeft", equalTo(4));
        // The same member again is still verified, and nothing new is published.
        verify(first, person.typed()).statusCode(200).body("outcome", equalTo("VERIFIED"));
        // One account, one insured person.
        verify(first, enrol(group, "ケンコム ゴロウ").typed()).statusCode(409)
                .body("code", equalTo("ACCOUNT_ALREADY_VERIFIED"));
    }

    @Test
    void of_accounts_racing_for_the_same_person_exactly_one_wins() {
        TestGroup group = newGroup(CardFormat.SYMBOL_AND_NUMBER);
        for (int round = 0; round < 5; round++) {
            Insured person = enrol(group, "ケンコム ロクロウ");
            List<String> tokens = List.of(KeycloakUsers.member(group.groupId()).accessToken(),
                    KeycloakUsers.member(group.groupId()).accessToken());
            List<Integer> statuses = AtOnce.run(tokens.stream().<Callable<Integer>>map(token -> () -> given()
                    .auth().oauth2(token).contentType(ContentType.JSON).body(person.typed())
                    .post("/v1/verifications").statusCode()).toList());
            assertThat(statuses).containsExactlyInAnyOrder(200, 409);
        }
    }

    @Test
    void a_person_who_lost_qualification_cannot_verify() {
        TestGroup group = newGroup(CardFormat.SYMBOL_AND_NUMBER);
        Insured person = enrol(group, "ケンコム ナナコ");
        publishAndAwait(pool, secrets, RosterSteps.lost(person, LocalDate.of(2026, 3, 31), Instant.now()));

        verify(KeycloakUsers.member(group.groupId()), person.typed()).statusCode(422)
                .body("code", equalTo("QUALIFICATION_LOST")).body("qualificationLostOn", equalTo("2026-03-31"));
    }

    @Test
    void malformed_input_is_refused_field_by_field_without_counting_as_a_failure() {
        TestGroup numberOnly = newGroup(CardFormat.NUMBER_ONLY);
        Insured person = enrol(numberOnly, "ケンコム ハチロウ");
        TestUser member = KeycloakUsers.member(numberOnly.groupId());

        Map<String, Map.Entry<String, Object>> cases = Map.of(
                "NOT_ON_THIS_CARD", Map.entry("symbol", "12"),
                "NOT_DIGITS", Map.entry("number", "12AB"),
                "NOT_KATAKANA", Map.entry("nameKana", "健康 太郎"),
                "IN_FUTURE", Map.entry("birthDate", LocalDate.now().plusDays(2).toString()),
                "REQUIRED", Map.entry("number", " - "));
        cases.forEach((reason, field) -> {
            Map<String, Object> typed = person.typed();
            typed.put(field.getKey(), field.getValue());
            verify(member, typed).statusCode(422).body("code", equalTo("FIELD_INVALID"))
                    .body("field", equalTo(field.getKey())).body("reason", equalTo(reason));
        });
        Map<String, Object> badDate = person.typed();
        badDate.put("birthDate", "1980-02-30");
        verify(member, badDate).statusCode(400).body("code", equalTo("MALFORMED_REQUEST"))
                .body("field", equalTo("birthDate"));
        Map<String, Object> badInsurer = person.typed();
        badInsurer.put("insurerNumber", "12345679");
        verify(member, badInsurer).statusCode(422).body("code", equalTo("INSURER_NUMBER_INVALID"))
                .body("reason", equalTo("CHECK_DIGIT_MISMATCH"));

        // None of those counted: five wrong tries are still allowed after them.
        Map<String, Object> wrong = person.typed();
        wrong.put("number", "1");
        verify(member, wrong).statusCode(422).body("attemptsLeft", equalTo(4));
    }

    @Test
    void a_member_verifies_only_with_their_own_groups_insurer() {
        TestGroup mine = newGroup(CardFormat.SYMBOL_AND_NUMBER);
        TestGroup theirs = newGroup(CardFormat.SYMBOL_AND_NUMBER);
        Insured person = enrol(theirs, "ケンコム キュウコ");

        verify(KeycloakUsers.member(mine.groupId()), person.typed()).statusCode(422)
                .body("code", equalTo("WRONG_GROUP"));
    }

    @Test
    void only_a_members_token_may_verify_and_any_token_may_read_a_card_format() {
        given().contentType(ContentType.JSON).body(Map.of()).post("/v1/verifications").then().statusCode(401);
        given().auth().oauth2(KeycloakUsers.staff("insurer-feed").accessToken()).contentType(ContentType.JSON)
                .body(Map.of("insurerNumber", "06132013")).post("/v1/verifications").then().statusCode(403);
        given().get("/v1/insurers/06132013/card-format").then().statusCode(401);
        String token = RosterSteps.anyMember().accessToken();
        given().auth().oauth2(token).get("/v1/insurers/06132013/card-format").then().statusCode(404)
                .body("code", equalTo("INSURER_NOT_FOUND"));
        given().auth().oauth2(token).get("/v1/insurers/0613201/card-format").then().statusCode(422)
                .body("code", equalTo("INSURER_NUMBER_INVALID")).body("reason", equalTo("MALFORMED"));
    }

    private Insured enrol(TestGroup group, String nameKana) {
        Insured person = newInsured(group, nameKana);
        publishAndAwait(pool, secrets, enrolled(person, Instant.now()));
        return person;
    }

    private static String fullWidth(String digits) {
        StringBuilder out = new StringBuilder();
        digits.chars().forEach(c -> out.append(Character.isDigit(c) ? (char) (c - '0' + '０') : (char) c));
        return out.toString();
    }
}
