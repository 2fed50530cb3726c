package io.kencom.entitlement;

import static io.kencom.entitlement.CatalogSteps.freshGroupId;
import static io.kencom.entitlement.CatalogSteps.freshInsurerNumber;
import static io.kencom.entitlement.CatalogSteps.groupWithEveryOption;
import static io.kencom.entitlement.CatalogSteps.opsToken;
import static io.kencom.entitlement.CatalogSteps.plainGroup;
import static io.kencom.entitlement.CatalogSteps.put;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.kencom.contracts.EventContract;
import io.kencom.contracts.Topic;
import io.kencom.contracts.events.GroupChanged;
import io.kencom.contracts.model.InsurerNumber;
import io.kencom.testsupport.Events;
import io.kencom.testsupport.KeycloakUsers;
import io.kencom.testsupport.RealInfrastructure;
import io.kencom.testsupport.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@QuarkusTest
class CatalogTest extends EntitlementTest {

    @Test
    void a_new_group_is_published_whole_as_revision_one() {
        String groupId = freshGroupId();
        String number = freshInsurerNumber();
        try (TopicReader groups = Events.readerOf(EventContract.GROUP_CHANGED)) {
            put(groupId, groupWithEveryOption(number, "2026-11-01", "2026-11-30")).then().statusCode(201)
                    .header("ETag", "\"1\"")
                    .body("groupId", equalTo(groupId)).body("revision", equalTo(1))
                    .body("options.ownPoints.name", equalTo("けんポ"));

            GroupChanged published = groupChanged(groups.awaitRecord(r -> groupId.equals(r.key())));
            assertThat(published.revision()).isEqualTo(1);
            assertThat(published.insurerNumbers()).containsExactly(number);
            assertThat(published.options().walkingEvent().heldTo()).hasToString("2026-11-30");
            assertThat(published.menuItems()).extracting(GroupChanged.MenuItem::title).containsExactly("禁煙チャレンジ");
            assertThat(published.contracted()).as("a new group is contracted unless said otherwise").isTrue();
        }
        given().auth().oauth2(opsToken()).get("/v1/groups/{id}", groupId).then().statusCode(200)
                .body("revision", equalTo(1)).body("links[0].url", equalTo("https://example.jp/news"));
    }

    @Test
    void a_change_is_the_next_revision_and_a_repeat_changes_nothing() {
        String groupId = freshGroupId();
        Map<String, Object> group = plainGroup(freshInsurerNumber());
        try (TopicReader groups = Events.readerOf(EventContract.GROUP_CHANGED)) {
            put(groupId, group).then().statusCode(201);
            groups.awaitRecord(r -> groupId.equals(r.key()));

            put(groupId, group).then().statusCode(200).body("revision", equalTo(1));
            group.put("contracted", false);
            put(groupId, group).then().statusCode(200).body("revision", equalTo(2)).body("contracted", equalTo(false));

            List<ConsumerRecord<String, String>> published = groups.recordsAfter(Duration.ofSeconds(2),
                    r -> groupId.equals(r.key()));
            assertThat(published).extracting(r -> groupChanged(r).revision()).containsExactly(1L, 2L);
        }
    }

    @Test
    void if_match_refuses_to_overwrite_a_change_made_meanwhile() {
        String groupId = freshGroupId();
        Map<String, Object> group = plainGroup(freshInsurerNumber());
        put(groupId, group).then().statusCode(201).header("Location", "/v1/groups/" + groupId).header("ETag", "\"1\"");
        group.put("name", "改称健康保険組合");
        put(groupId, group).then().statusCode(200).header("ETag", "\"2\"");

        group.put("name", "古い画面からの変更");
        given().auth().oauth2(opsToken()).contentType(ContentType.JSON).header("If-Match", "\"1\"").body(group)
                .put("/v1/groups/{id}", groupId).then().statusCode(412)
                .body("code", equalTo("GROUP_REVISION_MISMATCH")).body("revision", equalTo(2));
        // If-Match that names no revision is refused, not read as "no If-Match".
        given().auth().oauth2(opsToken()).contentType(ContentType.JSON).header("If-Match", "\"latest\"").body(group)
                .put("/v1/groups/{id}", groupId).then().statusCode(400).body("code", equalTo("IF_MATCH_INVALID"));
        given().auth().oauth2(opsToken()).contentType(ContentType.JSON).header("If-Match", "\"2\"").body(group)
                .put("/v1/groups/{id}", groupId).then().statusCode(200).body("revision", equalTo(3));
    }

    @Test
    void full_width_insurer_numbers_are_stored_half_width() {
        String number = freshInsurerNumber();
        String fullWidth = number.chars().mapToObj(c -> String.valueOf((char) (c - '0' + '０')))
                .reduce("", String::concat);
        put(freshGroupId(), plainGroup(fullWidth)).then().statusCode(201)
                .body("insurerNumbers", equalTo(List.of(number)));
    }

    @Test
    void an_insurer_number_belongs_to_one_group_only() {
        String number = freshInsurerNumber();
        String holder = freshGroupId();
        put(holder, plainGroup(number)).then().statusCode(201);

        put(freshGroupId(), plainGroup(number)).then().statusCode(409)
                .contentType("application/problem+json")
                .body("code", equalTo("INSURER_NUMBER_TAKEN")).body("groupId", equalTo(holder));
    }

    @Test
    void a_broken_insurer_number_is_refused_with_its_reason() {
        String number = freshInsurerNumber();
        char last = number.charAt(7);
        String wrongCheckDigit = number.substring(0, 7) + (char) (last == '9' ? '0' : last + 1);

        put(freshGroupId(), plainGroup(wrongCheckDigit)).then().statusCode(422)
                .body("code", equalTo("INSURER_NUMBER_INVALID")).body("reason", equalTo("CHECK_DIGIT_MISMATCH"))
                .body("field", equalTo("insurerNumbers[0]"));
        put(freshGroupId(), plainGroup("1234")).then().statusCode(422).body("reason", equalTo("MALFORMED"));
        assertThat(InsurerNumber.problemWith(wrongCheckDigit)).isPresent();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "no privacy policy, PRIVACY_POLICY, MISSING",
            "optional member terms, MEMBER_TERMS, MUST_BE_REQUIRED",
            "own-point terms without own points, OWN_POINT_TERMS, NOT_APPLICABLE",
            "a required newsletter, NEWSLETTER, MUST_BE_OPTIONAL" })
    void consentDocumentsMustFollowTheSignUpRules(String name, String kind, String reason) {
        Map<String, Object> group = plainGroup(freshInsurerNumber());
        List<Map<String, Object>> documents = new ArrayList<>(List.of(
                Map.of("kind", "PRIVACY_POLICY", "version", "1", "required", true),
                Map.of("kind", "MEMBER_TERMS", "version", "1", "required", true)));
        switch (kind) {
            case "PRIVACY_POLICY" -> documents.remove(0);
            case "MEMBER_TERMS" -> documents.set(1, Map.of("kind", "MEMBER_TERMS", "version", "1", "required", false));
            case "OWN_POINT_TERMS" -> documents.add(Map.of("kind", "OWN_POINT_TERMS", "version", "1", "required", true));
            default -> documents.add(Map.of("kind", "NEWSLETTER", "version", "1", "required", true));
        }
        group.put("consentDocuments", documents);

        put(freshGroupId(), group).then().statusCode(422).body("code", equalTo("CONSENT_DOCUMENTS_INVALID"))
                .body("kind", equalTo(kind)).body("reason", equalTo(reason));
    }

    @Test
    void own_points_need_their_special_terms() {
        Map<String, Object> group = groupWithEveryOption(freshInsurerNumber(), "2026-11-01", "2026-11-30");
        group.put("consentDocuments", plainGroup("0").get("consentDocuments"));

        put(freshGroupId(), group).then().statusCode(422).body("code", equalTo("CONSENT_DOCUMENTS_INVALID"))
                .body("kind", equalTo("OWN_POINT_TERMS")).body("reason", equalTo("MISSING"));
    }

    @Test
    void other_bad_definitions_get_their_own_codes() {
        put(freshGroupId(), groupWithEveryOption(freshInsurerNumber(), "2026-11-30", "2026-11-01")).then()
                .statusCode(422).body("code", equalTo("WALKING_EVENT_PERIOD_INVALID"));

        Map<String, Object> badLink = plainGroup(freshInsurerNumber());
        badLink.put("links", List.of(Map.of("title", "x", "url", "javascript:alert(1)")));
        put(freshGroupId(), badLink).then().statusCode(422).body("code", equalTo("LINK_URL_INVALID"))
                .body("field", equalTo("links[0].url"));

        Map<String, Object> noName = plainGroup(freshInsurerNumber());
        noName.remove("name");
        put(freshGroupId(), noName).then().statusCode(422).body("code", equalTo("FIELD_REQUIRED"))
                .body("field", equalTo("name"));

        put("Not A Valid Id", plainGroup(freshInsurerNumber())).then().statusCode(422)
                .body("code", equalTo("GROUP_ID_INVALID"));

        given().auth().oauth2(opsToken()).contentType(ContentType.JSON).body("{\"name\": ")
                .put("/v1/groups/{id}", freshGroupId()).then().statusCode(400).body("code", equalTo("MALFORMED_REQUEST"));

        Map<String, Object> halfLink = plainGroup(freshInsurerNumber());
        halfLink.put("links", List.of(Map.of("title", "no address")));
        put(freshGroupId(), halfLink).then().statusCode(400).body("code", equalTo("MALFORMED_REQUEST"))
                .body("field", equalTo("links[0]"));
    }

    @Test
    void an_unknown_group_is_not_found() {
        given().auth().oauth2(opsToken()).get("/v1/groups/{id}", freshGroupId()).then().statusCode(404)
                .body("code", equalTo("GROUP_NOT_FOUND"));
    }

    @Test
    void only_operations_staff_reach_the_catalog() {
        String groupId = freshGroupId();
        given().contentType(ContentType.JSON).body(plainGroup(freshInsurerNumber())).put("/v1/groups/{id}", groupId)
                .then().statusCode(401);
        String member = KeycloakUsers.member("g-any").accessToken();
        given().auth().oauth2(member).contentType(ContentType.JSON).body(plainGroup(freshInsurerNumber()))
                .put("/v1/groups/{id}", groupId).then().statusCode(403).body("code", equalTo("FORBIDDEN"));
        given().auth().oauth2(member).get("/v1/groups/{id}", groupId).then().statusCode(403)
                .contentType("application/problem+json").body("code", equalTo("FORBIDDEN"));
    }

    @Test
    void a_new_instance_rebuilds_the_catalog_from_the_compacted_topic_alone() {
        String groupId = freshGroupId();
        Map<String, Object> group = plainGroup(freshInsurerNumber());
        put(groupId, group).then().statusCode(201);
        group.put("name", "第二版健康保険組合");
        put(groupId, group).then().statusCode(200);

        assertThat(Topic.GROUPS.compacted()).isTrue();
        try (TopicReader fromStart = TopicReader.fromStart(RealInfrastructure.kafka(),
                Topic.GROUPS.topicName())) {
            fromStart.awaitRecord(r -> groupId.equals(r.key()) && groupChanged(r).revision() == 2);
            List<GroupChanged> history = fromStart.poll().stream().filter(r -> groupId.equals(r.key()))
                    .map(CatalogTest::groupChanged).toList();
            GroupChanged latest = history.get(history.size() - 1);
            given().auth().oauth2(opsToken()).get("/v1/groups/{id}", groupId).then()
                    .body("name", equalTo(latest.name())).body("revision", equalTo((int) latest.revision()))
                    .body("insurerNumbers", hasSize(1));
        }
    }

    private static GroupChanged groupChanged(ConsumerRecord<String, String> record) {
        return (GroupChanged) TopicReader.envelope(record).event();
    }
}
