package io.kencom.ekyc;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.awaitility.Awaitility.await;

import io.kencom.contracts.events.AccountVerified;
import io.kencom.contracts.events.AuthLevelChanged;
import io.kencom.contracts.events.EkycSubmitted.DocumentType;
import io.kencom.contracts.events.GroupChanged;
import io.kencom.contracts.model.AuthLevel;
import io.kencom.contracts.model.CardFormat;
import io.kencom.contracts.model.GroupCategory;
import io.kencom.ekyc.testing.Cards;
import io.kencom.ekyc.testing.Photos;
import io.kencom.testsupport.Events;
import io.kencom.testsupport.KeycloakUsers.TestUser;
import io.kencom.testsupport.KeycloakUsers;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import java.awt.image.BufferedImage;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The steps of domain.md §5 as the app calls them, and the members and groups they need. */
final class EkycSteps {

    /** The document portrait: person A in one webcam frame; the selfie: person A in another. */
    static final byte[] CARD_OF_A = Cards.jpeg(Cards.sharp(Photos.portrait("person-a-webcam-1.jpg")));
    static final byte[] CARD_OF_C = Cards.jpeg(Cards.sharp(Photos.portrait("person-c.jpg")));
    static final BufferedImage SELFIE_OF_A = Photos.load("person-a-webcam-2.jpg");
    static final byte[] FRONT_SELFIE_OF_A = Cards.jpeg(SELFIE_OF_A);
    private static final byte[] TURNED_LEFT_A = Cards.jpeg(Photos.turnedLeft("person-a-webcam-2.jpg"));
    private static final byte[] TURNED_RIGHT_A = Cards.jpeg(Photos.mirrored(Photos.turnedLeft("person-a-webcam-2.jpg")));

    record Group(String groupId) {
    }

    private EkycSteps() {
    }

    /** The test groups' insurer number (保険者番号, check digit right). */
    static final String INSURER_NUMBER = "06139992";

    static Group newGroup(boolean linksCheckupData) {
        Group group = new Group("g-" + UUID.randomUUID());
        publish(group, linksCheckupData, 1);
        return group;
    }

    /** The group's revision 2 no longer links checkup data, once this service has heard of it. */
    static void stopLinkingCheckupData(Pool pool, Group group) {
        publish(group, false, 2);
        await().atMost(Duration.ofSeconds(30)).until(() -> pool
                .preparedQuery("SELECT revision FROM catalog_group WHERE group_id = $1 AND NOT checkup_data_link")
                .execute(Tuple.of(group.groupId())).await().indefinitely().size() == 1);
    }

    private static void publish(Group group, boolean linksCheckupData, long revision) {
        Events.publish(new GroupChanged(group.groupId(), List.of(INSURER_NUMBER), "テスト健康保険組合",
                GroupCategory.HEALTH_INSURANCE_SOCIETY_OR_COMPANY, CardFormat.NUMBER_ONLY, List.of(),
                new GroupChanged.Options(null, null, linksCheckupData, linksCheckupData, false), List.of(), List.of(),
                true, revision, Instant.now()));
    }

    /** A member of the group at {@code level}, once this service has heard of it. */
    static TestUser member(Pool pool, Group group, AuthLevel level) {
        TestUser user = KeycloakUsers.member(group.groupId());
        setLevel(pool, user, group, level);
        return user;
    }

    /** The member is linked to the insured person {@code personRef} names (null: a roster entry older than it). */
    static void linkToPerson(Pool pool, TestUser user, Group group, String personRef) {
        Events.publish(new AccountVerified(user.id(), group.groupId(), INSURER_NUMBER, Instant.now(), personRef));
        await().atMost(Duration.ofSeconds(30)).until(() -> pool.preparedQuery("SELECT 1 FROM member_person "
                + "WHERE member_id = $1").execute(Tuple.of(user.id())).await().indefinitely().size() == 1);
    }

    /** The member is linked to an insured person whose roster entry names them {@code holderRef} (kanji name, birth date). */
    static void linkToHolder(Pool pool, TestUser user, Group group, String holderRef) {
        Events.publish(new AccountVerified(user.id(), group.groupId(), INSURER_NUMBER, Instant.now(), null, holderRef));
        await().atMost(Duration.ofSeconds(30)).until(() -> pool.preparedQuery("SELECT 1 FROM member_person "
                + "WHERE member_id = $1").execute(Tuple.of(user.id())).await().indefinitely().size() == 1);
    }

    static void setLevel(Pool pool, TestUser user, Group group, AuthLevel level) {
        Events.publish(new AuthLevelChanged(user.id(), group.groupId(), level, AuthLevel.GROUP_ID, Instant.now()));
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            var rows = pool.preparedQuery("SELECT m.level, g.group_id FROM member_level m "
                            + "JOIN catalog_group g USING (group_id) WHERE member_id = $1")
                    .execute(Tuple.of(user.id())).await().indefinitely();
            return rows.size() == 1 && rows.iterator().next().getString(0).equals(level.name());
        });
    }

    static ValidatableResponse open(TestUser member) {
        return given().auth().oauth2(member.accessToken()).post("/v1/ekyc/applications").then();
    }

    /** Opens one, and holds its Location to the application's own address. */
    static UUID openApplication(TestUser member) {
        ValidatableResponse opened = open(member).statusCode(201);
        UUID id = UUID.fromString(opened.extract().path("id"));
        opened.header("Location", "/v1/ekyc/applications/" + id);
        return id;
    }

    static ValidatableResponse document(TestUser member, UUID id, DocumentType type, boolean hasRemarks) {
        return given().auth().oauth2(member.accessToken()).contentType(ContentType.JSON)
                .body(Map.of("documentType", type.name(), "hasRemarks", hasRemarks))
                .put("/v1/ekyc/applications/{id}/document", id).then();
    }

    static ValidatableResponse image(TestUser member, UUID id, String side, byte[] photo) {
        return given().auth().oauth2(member.accessToken()).contentType("image/jpeg").body(photo)
                .put("/v1/ekyc/applications/{id}/images/{side}", id, side).then();
    }

    static ValidatableResponse data(TestUser member, UUID id, String name, String newName) {
        Map<String, Object> body = new HashMap<>(Map.of("name", name, "birthDate", "1980-01-01"));
        if (newName != null) {
            body.put("newName", newName);
        }
        return given().auth().oauth2(member.accessToken()).contentType(ContentType.JSON).body(body)
                .put("/v1/ekyc/applications/{id}/document-data", id).then();
    }

    static ValidatableResponse frontFace(TestUser member, UUID id, byte[] photo) {
        return given().auth().oauth2(member.accessToken()).contentType("image/jpeg").body(photo)
                .put("/v1/ekyc/applications/{id}/faces/front", id).then();
    }

    static ValidatableResponse challengeFace(TestUser member, UUID id, byte[] photo) {
        return given().auth().oauth2(member.accessToken()).contentType("image/jpeg").body(photo)
                .put("/v1/ekyc/applications/{id}/faces/challenge", id).then();
    }

    /** Person A's head turned as the challenge asks (mouth closed, as in every test photo). */
    static byte[] followingTheChallenge(ValidatableResponse afterFrontFace) {
        return "LEFT".equals(afterFrontFace.extract().path("challenge.turn")) ? TURNED_LEFT_A : TURNED_RIGHT_A;
    }

    /** Person A's head turned the other way. */
    static byte[] againstTheChallenge(ValidatableResponse afterFrontFace) {
        return "LEFT".equals(afterFrontFace.extract().path("challenge.turn")) ? TURNED_RIGHT_A : TURNED_LEFT_A;
    }

    static ValidatableResponse secretQuestion(TestUser member, UUID id, String question, String answer) {
        return given().auth().oauth2(member.accessToken()).contentType(ContentType.JSON)
                .body(Map.of("question", question, "answer", answer))
                .put("/v1/ekyc/applications/{id}/secret-question", id).then();
    }

    static ValidatableResponse submit(TestUser member, UUID id) {
        return given().auth().oauth2(member.accessToken()).post("/v1/ekyc/applications/{id}/submit", id).then();
    }

    /** Every step up to submission with person A and a matching document; returns the application. */
    /** A member approved at once, with the secret answer "kencom". */
    static TestUser approvedMember(Pool pool) {
        TestUser member = member(pool, newGroup(true), AuthLevel.PERSONAL);
        UUID id = walkToSubmit(member, DocumentType.MY_NUMBER_CARD, false);
        submit(member, id).statusCode(200).body("status", equalTo("APPROVED"));
        return member;
    }

    static UUID walkToSubmit(TestUser member, DocumentType type, boolean remarks) {
        UUID id = openApplication(member);
        document(member, id, type, remarks).statusCode(200);
        image(member, id, "FRONT", CARD_OF_A).statusCode(200);
        if (remarks) {
            image(member, id, "BACK", Cards.jpeg(Cards.back())).statusCode(200);
        }
        data(member, id, "健康 太郎", remarks ? "健康 花子" : null).statusCode(200);
        ValidatableResponse front = frontFace(member, id, FRONT_SELFIE_OF_A).statusCode(200);
        challengeFace(member, id, followingTheChallenge(front)).statusCode(200);
        secretQuestion(member, id, "卒業した小学校は？", "kencom").statusCode(200);
        return id;
    }
}
