package io.kencom.entitlement;

import static io.kencom.entitlement.CatalogSteps.freshGroupId;
import static io.kencom.entitlement.CatalogSteps.freshInsurerNumber;
import static io.kencom.entitlement.CatalogSteps.groupWithEveryOption;
import static io.kencom.entitlement.CatalogSteps.put;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import io.kencom.contracts.CloudEvent;
import io.kencom.contracts.EventContract;
import io.kencom.contracts.events.AccountClosed;
import io.kencom.contracts.events.AccountCreated;
import io.kencom.contracts.events.AccountVerified;
import io.kencom.contracts.events.AuthLevelChanged;
import io.kencom.contracts.events.EkycApproved;
import io.kencom.contracts.events.EkycSubmitted;
import io.kencom.contracts.events.MemberDisaffiliated;
import io.kencom.contracts.events.MemberReaffiliated;
import io.kencom.contracts.events.MemberWithdrew;
import io.kencom.contracts.model.AuthLevel;
import io.kencom.platform.Clocks;
import io.kencom.testsupport.Events;
import io.kencom.testsupport.KeycloakUsers.TestUser;
import io.kencom.testsupport.KeycloakUsers;
import io.kencom.testsupport.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Facts from the other services' topics become the level, AuthLevelChanged and what the member may see. */
@QuarkusTest
class LevelsTest extends EntitlementTest {

    private static final LocalDate TODAY = Clocks.todayInJapan(Clock.systemUTC());

    private String groupId;
    /** How many level changes of each member the test has looked at. */
    private final Map<UUID, Integer> consumed = new HashMap<>();
    private String insurerNumber;

    @BeforeEach
    void aGroupWithEveryOptionAndAWalkingEventHeldNow() {
        groupId = freshGroupId();
        insurerNumber = freshInsurerNumber();
        put(groupId, groupWithEveryOption(insurerNumber, TODAY.minusDays(7).toString(), TODAY.plusDays(7).toString()))
                .then().statusCode(201);
    }

    @Test
    void a_member_walks_the_journey_and_each_step_changes_what_the_app_may_show() {
        TestUser member = KeycloakUsers.member(groupId);
        UUID id = member.id();
        try (TopicReader levels = Events.readerOf(EventContract.AUTH_LEVEL_CHANGED)) {
            Events.publish(new AccountCreated(id, groupId, insurerNumber, member.email(), Instant.now()));
            assertThat(awaitLevel(levels, id, AuthLevel.GROUP_ID).previousLevel()).isEqualTo(AuthLevel.NONE);
            JsonPath groupIdLevel = entitlements(member);
            assertThat(groupIdLevel.getString("level")).isEqualTo("GROUP_ID");
            assertThat(feature(groupIdLevel, "OWN_POINTS")).containsEntry("access", "PARTIAL")
                    .containsEntry("limit", "EARN_ONLY").containsEntry("fullAt", "PERSONAL");
            assertThat(feature(groupIdLevel, "KENCOM_COINS")).containsEntry("closedBy", "NOT_OFFERED");
            assertThat(feature(groupIdLevel, "WALKING_EVENT")).containsEntry("closedBy", "LEVEL");
            assertThat(groupIdLevel.getList("group.ownPoints.grantsWaitingForPersonal")).containsExactly("CHECKUP_RECEIVED");
            assertThat(groupIdLevel.getString("group.walkingEvent")).isNull();
            assertThat(groupIdLevel.getString("group.menuItems[0].title")).isEqualTo("禁煙チャレンジ");

            Events.publish(new AccountVerified(id, groupId, insurerNumber, Instant.now()));
            assertThat(awaitLevel(levels, id, AuthLevel.PERSONAL).previousLevel()).isEqualTo(AuthLevel.GROUP_ID);
            JsonPath personal = entitlements(member);
            assertThat(feature(personal, "WALKING_EVENT")).containsEntry("access", "FULL");
            assertThat(personal.getString("group.walkingEvent.heldTo")).isEqualTo(TODAY.plusDays(7).toString());
            assertThat(personal.getList("group.ownPoints.grantsWaitingForPersonal")).isEmpty();
            assertThat(feature(personal, "CHECKUP_RESULTS")).containsEntry("access", "NONE")
                    .containsEntry("fullAt", "SENSITIVE");

            Events.publish(new EkycApproved(id, UUID.randomUUID(), EkycApproved.Method.EKYC_AUTOMATIC, Instant.now()));
            awaitLevel(levels, id, AuthLevel.SENSITIVE);
            assertThat(feature(entitlements(member), "MEDICAL_COST_NOTICES")).containsEntry("access", "FULL");

            Events.publish(new MemberDisaffiliated(id, groupId, TODAY, Instant.now()));
            awaitLevel(levels, id, AuthLevel.UNAFFILIATED);
            JsonPath unaffiliated = entitlements(member);
            assertThat(feature(unaffiliated, "NOTICES")).containsEntry("access", "PARTIAL")
                    .containsEntry("limit", "SERVICE_NOTICES_ONLY");
            assertThat(feature(unaffiliated, "BODY_TAB")).containsEntry("access", "FULL");
            assertThat(unaffiliated.getString("group.links")).as("group content closes with its features").isNull();

            Events.publish(new MemberReaffiliated(id, groupId, TODAY, Instant.now()));
            assertThat(awaitLevel(levels, id, AuthLevel.SENSITIVE).previousLevel())
                    .as("re-joining restores the previous level").isEqualTo(AuthLevel.UNAFFILIATED);

            Events.publish(new MemberWithdrew(id, groupId, Instant.now()));
            awaitLevel(levels, id, AuthLevel.NONE);
            assertThat(entitlements(member).getString("level")).isEqualTo("NONE");
        }
    }

    @Test
    void a_duplicate_or_a_fact_already_known_publishes_nothing_more() {
        UUID id = UUID.randomUUID();
        try (TopicReader levels = Events.readerOf(EventContract.AUTH_LEVEL_CHANGED)) {
            Events.publish(new AccountCreated(id, groupId, insurerNumber, "dup@example.com", Instant.now()));
            awaitLevel(levels, id, AuthLevel.GROUP_ID);
            CloudEvent verified = Events.publish(new AccountVerified(id, groupId, insurerNumber, Instant.now()));
            awaitLevel(levels, id, AuthLevel.PERSONAL);

            Events.publish(verified); // redelivered: same event id
            Events.publish(new AccountVerified(id, groupId, insurerNumber, Instant.now())); // a second verification
            Events.publish(new EkycSubmitted(id, UUID.randomUUID(), EkycSubmitted.DocumentType.DRIVERS_LICENSE, Instant.now())); // a step, not a fact

            assertThat(levels.recordsAfter(Duration.ofSeconds(3), r -> id.toString().equals(r.key())))
                    .extracting(r -> changed(r).level()).containsExactly(AuthLevel.GROUP_ID, AuthLevel.PERSONAL);
        }
    }

    @Test
    void facts_arriving_out_of_order_end_at_the_same_level() {
        UUID id = UUID.randomUUID();
        try (TopicReader levels = Events.readerOf(EventContract.AUTH_LEVEL_CHANGED)) {
            Events.publish(new EkycApproved(id, UUID.randomUUID(), EkycApproved.Method.CHECKUP_VIEWING_CODE, Instant.now()));
            Events.publish(new MemberReaffiliated(id, groupId, TODAY, Instant.now()));
            Events.publish(new AccountVerified(id, groupId, insurerNumber, Instant.now().minusSeconds(60)));
            Events.publish(new MemberDisaffiliated(id, groupId, TODAY.minusDays(1), Instant.now().minusSeconds(30)));
            Events.publish(new AccountCreated(id, groupId, insurerNumber, "late@example.com",
                    Instant.now().minusSeconds(120)));

            awaitLatest(levels, id, AuthLevel.SENSITIVE);
            List<ConsumerRecord<String, String>> changes = levels.recordsAfter(Duration.ofSeconds(2),
                    r -> id.toString().equals(r.key()));
            assertThat(changed(changes.get(changes.size() - 1)).level()).isEqualTo(AuthLevel.SENSITIVE);
        }
    }

    @Test
    void a_closed_account_has_no_level_even_if_the_roster_rejoins_it_later() {
        UUID id = UUID.randomUUID();
        try (TopicReader levels = Events.readerOf(EventContract.AUTH_LEVEL_CHANGED)) {
            Events.publish(new AccountCreated(id, groupId, insurerNumber, "closed@example.com", Instant.now()));
            Events.publish(new MemberDisaffiliated(id, groupId, TODAY.minusDays(100), Instant.now()));
            awaitLatest(levels, id, AuthLevel.UNAFFILIATED);
            Events.publish(new AccountClosed(id, groupId, AccountClosed.Reason.UNAFFILIATED_100_DAYS, Instant.now()));
            awaitLatest(levels, id, AuthLevel.NONE);
            Events.publish(new MemberReaffiliated(id, groupId, TODAY, Instant.now()));

            assertThat(levels.recordsAfter(Duration.ofSeconds(2), r -> id.toString().equals(r.key())))
                    .extracting(r -> changed(r).level()).last().isEqualTo(AuthLevel.NONE);
        }
    }

    @Test
    void a_change_of_the_group_reaches_the_next_read_of_its_members() {
        TestUser member = KeycloakUsers.member(groupId);
        try (TopicReader levels = Events.readerOf(EventContract.AUTH_LEVEL_CHANGED)) {
            Events.publish(new AccountCreated(member.id(), groupId, insurerNumber, member.email(), Instant.now()));
            Events.publish(new AccountVerified(member.id(), groupId, insurerNumber, Instant.now()));
            awaitLatest(levels, member.id(), AuthLevel.PERSONAL);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> "FULL".equals(feature(entitlements(member), "WALKING_EVENT")
                .get("access")));

        Map<String, Object> withoutWalking = groupWithEveryOption(insurerNumber,
                TODAY.minusDays(7).toString(), TODAY.plusDays(7).toString());
        withoutWalking.put("options", Map.of("ownPoints", Map.of("name", "けんポ"),
                "checkupDataLink", true));
        put(groupId, withoutWalking).then().statusCode(200).body("revision", equalTo(2));

        await().atMost(Duration.ofSeconds(10)).until(() -> "NOT_OFFERED".equals(
                feature(entitlements(member), "WALKING_EVENT").get("closedBy")));
        assertThat(feature(entitlements(member), "MEDICATION_HISTORY")).containsEntry("closedBy", "NOT_OFFERED");
    }

    @Test
    void a_member_the_service_has_not_heard_of_yet_gets_the_level_their_token_carries() {
        TestUser member = KeycloakUsers.member(groupId); // no AccountCreated published
        given().auth().oauth2(member.accessToken()).get("/v1/members/me/entitlements").then().statusCode(200)
                .body("level", equalTo("GROUP_ID")).body("group.groupId", equalTo(groupId))
                .body("features", hasSize(15));
    }

    @Test
    void a_member_sees_only_their_own_level() {
        TestUser verified = KeycloakUsers.member(groupId);
        TestUser other = KeycloakUsers.member(groupId);
        try (TopicReader levels = Events.readerOf(EventContract.AUTH_LEVEL_CHANGED)) {
            Events.publish(new AccountCreated(verified.id(), groupId, insurerNumber, verified.email(), Instant.now()));
            Events.publish(new AccountVerified(verified.id(), groupId, insurerNumber, Instant.now()));
            Events.publish(new AccountCreated(other.id(), groupId, insurerNumber, other.email(), Instant.now()));
            awaitLatest(levels, verified.id(), AuthLevel.PERSONAL);
            awaitLevel(levels, other.id(), AuthLevel.GROUP_ID);
        }
        assertThat(entitlements(verified).getString("level")).isEqualTo("PERSONAL");
        assertThat(entitlements(other).getString("level")).isEqualTo("GROUP_ID");
        given().get("/v1/members/me/entitlements").then().statusCode(401);
        given().auth().oauth2(KeycloakUsers.staff("ops-admin").accessToken()).get("/v1/members/me/entitlements")
                .then().statusCode(403).body("code", equalTo("FORBIDDEN"));
        given().auth().oauth2(other.accessToken()).get("/v1/members/{id}/entitlements", verified.id()).then()
                .statusCode(404).body("code", equalTo("NOT_FOUND")).body("level", nullValue());
    }

    /** Waits for this member's next level change, which must be to {@code level}; earlier ones are skipped. */
    private AuthLevelChanged awaitLevel(TopicReader levels, UUID memberId, AuthLevel level) {
        int seen = consumed.getOrDefault(memberId, 0);
        List<AuthLevelChanged> changes = await().atMost(Duration.ofSeconds(30)).until(
                () -> levels.poll().stream().filter(r -> memberId.toString().equals(r.key())).map(LevelsTest::changed)
                        .toList(), all -> all.size() > seen);
        consumed.put(memberId, seen + 1);
        AuthLevelChanged next = changes.get(seen);
        assertThat(next.level()).as("the next level of the member").isEqualTo(level);
        return next;
    }

    /** Waits until the latest change of this member's level is to {@code level}, whatever came before. */
    private static void awaitLatest(TopicReader levels, UUID memberId, AuthLevel level) {
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            List<AuthLevelChanged> changes = levels.poll().stream().filter(r -> memberId.toString().equals(r.key()))
                    .map(LevelsTest::changed).toList();
            return !changes.isEmpty() && changes.get(changes.size() - 1).level() == level;
        });
    }

    private static AuthLevelChanged changed(ConsumerRecord<String, String> record) {
        return (AuthLevelChanged) TopicReader.envelope(record).event();
    }

    private static JsonPath entitlements(TestUser member) {
        return given().auth().oauth2(member.accessToken()).get("/v1/members/me/entitlements").then().statusCode(200)
                .extract().jsonPath();
    }

    private static Map<String, Object> feature(JsonPath entitlements, String feature) {
        return entitlements.getMap("features.find { it.feature == '" + feature + "' }");
    }
}
