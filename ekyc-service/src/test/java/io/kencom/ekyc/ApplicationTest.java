package io.kencom.ekyc;

import static io.kencom.ekyc.EkycSteps.CARD_OF_A;
import static io.kencom.ekyc.EkycSteps.CARD_OF_C;
import static io.kencom.ekyc.EkycSteps.FRONT_SELFIE_OF_A;
import static io.kencom.ekyc.EkycSteps.challengeFace;
import static io.kencom.ekyc.EkycSteps.data;
import static io.kencom.ekyc.EkycSteps.document;
import static io.kencom.ekyc.EkycSteps.followingTheChallenge;
import static io.kencom.ekyc.EkycSteps.frontFace;
import static io.kencom.ekyc.EkycSteps.image;
import static io.kencom.ekyc.EkycSteps.member;
import static io.kencom.ekyc.EkycSteps.newGroup;
import static io.kencom.ekyc.EkycSteps.open;
import static io.kencom.ekyc.EkycSteps.openApplication;
import static io.kencom.ekyc.EkycSteps.submit;
import static io.kencom.ekyc.EkycSteps.walkToSubmit;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.kencom.contracts.EventContract;
import io.kencom.contracts.events.EkycApproved;
import io.kencom.contracts.events.EkycSubmitted.DocumentType;
import io.kencom.contracts.events.EkycSubmitted;
import io.kencom.contracts.model.AuthLevel;
import io.kencom.ekyc.testing.Cards;
import io.kencom.ekyc.testing.Photos;
import io.kencom.platform.crypto.Secrets;
import io.kencom.testsupport.Events;
import io.kencom.testsupport.KeycloakUsers.TestUser;
import io.kencom.testsupport.MutableClock;
import io.kencom.testsupport.PersonalValue;
import io.kencom.testsupport.TopicReader;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.zip.CRC32;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The member's eKYC application (domain.md §5) on real PostgreSQL, Kafka and Keycloak, with the real face models. */
@QuarkusTest
class ApplicationTest extends EkycServiceTest {

    @Inject
    Pool pool;
    @Inject
    Secrets secrets;
    @Inject
    MutableClock clock;
    @Inject
    MeterRegistry registry;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    private TestUser personalMember() {
        return member(pool, newGroup(true), AuthLevel.PERSONAL);
    }

    /** An application of a driving licence without remarks, its front taken from {@code card}. */
    private static UUID licenceFrontTaken(TestUser member, byte[] card) {
        UUID id = openApplication(member);
        document(member, id, DocumentType.DRIVERS_LICENSE, false).statusCode(200);
        image(member, id, "FRONT", card).statusCode(200);
        return id;
    }

    /** An application of person A's residence card, its data confirmed: the selfies come next. */
    private static UUID atTheSelfies(TestUser member) {
        UUID id = openApplication(member);
        document(member, id, DocumentType.RESIDENCE_CARD, false).statusCode(200);
        image(member, id, "FRONT", CARD_OF_A).statusCode(200);
        data(member, id, "KENKO TARO", null).statusCode(200);
        return id;
    }

    private List<String> storedKinds(UUID id) {
        List<String> kinds = new ArrayList<>();
        pool.preparedQuery("SELECT kind FROM application_image WHERE application_id = $1 ORDER BY kind")
                .execute(Tuple.of(id)).await().indefinitely().forEach(r -> kinds.add(r.getString(0)));
        return kinds;
    }

    private Row application(UUID id) {
        return pool.preparedQuery("SELECT * FROM application WHERE id = $1").execute(Tuple.of(id)).await()
                .indefinitely().iterator().next();
    }

    @ParameterizedTest
    @EnumSource(DocumentType.class)
    void each_document_with_a_matching_selfie_is_approved_at_once(DocumentType type) {
        TestUser member = personalMember();
        double approvedAtOnce = decisions("EKYC_AUTOMATIC", "APPROVED");
        long faceChecks = registry.get("kencom.ekyc.face.check").timer().count();
        UUID id = walkToSubmit(member, type, false);
        try (TopicReader ekyc = Events.readerOf(EventContract.EKYC_APPROVED)) {

            submit(member, id).statusCode(200).body("status", equalTo("APPROVED")).body("nextStep", equalTo("DONE"))
                    .body("reviewReasons", empty());

            ConsumerRecord<String, String> submitted = ekyc.awaitRecord(r -> r.key().equals(member.id().toString())
                    && TopicReader.envelope(r).event() instanceof EkycSubmitted);
            ConsumerRecord<String, String> approved = ekyc.awaitRecord(r -> r.key().equals(member.id().toString())
                    && TopicReader.envelope(r).event() instanceof EkycApproved);
            assertThat(((EkycSubmitted) TopicReader.envelope(submitted).event()).documentType()).isEqualTo(type);
            EkycApproved event = (EkycApproved) TopicReader.envelope(approved).event();
            assertThat(event.method()).isEqualTo(EkycApproved.Method.EKYC_AUTOMATIC);
            assertThat(event.applicationId()).isEqualTo(id);
            for (ConsumerRecord<String, String> r : List.of(submitted, approved)) {
                assertThat(r.value()).doesNotContain("健康", "kencom", "卒業")
                        .doesNotContain(PersonalValue.birthDate(LocalDate.of(1980, 1, 1)));
            }
        }
        Row row = application(id);
        assertThat(row.getDouble("document_match")).isGreaterThanOrEqualTo(0.6);
        assertThat(row.getString("challenge_outcome")).isEqualTo("MET");
        assertThat(row.getString("confirmed_name")).doesNotContain("健康");
        // What ops watch (docs/operations.md): the decision, and the two selfies' checks timed.
        assertThat(decisions("EKYC_AUTOMATIC", "APPROVED")).isEqualTo(approvedAtOnce + 1);
        assertThat(registry.get("kencom.ekyc.face.check").timer().count()).isEqualTo(faceChecks + 2);
    }

    private double decisions(String method, String outcome) {
        return registry.counter("kencom.ekyc.decisions", "method", method, "outcome", outcome).count();
    }

    @Test
    void the_name_and_birth_date_read_off_the_front_are_shown_and_a_different_confirmation_goes_to_review() {
        TestUser member = personalMember();
        UUID id = openApplication(member);
        document(member, id, DocumentType.DRIVERS_LICENSE, false).statusCode(200);

        image(member, id, "FRONT", CARD_OF_A).statusCode(200).body("documentRead.name", equalTo("健康 太郎"))
                .body("documentRead.birthDate", equalTo("1980-01-01"));
        // Width and spaces aside, the confirmation must say what was read; otherwise a person looks.
        data(member, id, "健康次郎", null).statusCode(200);
        ValidatableResponse front = frontFace(member, id, FRONT_SELFIE_OF_A).statusCode(200);
        challengeFace(member, id, followingTheChallenge(front)).statusCode(200);
        EkycSteps.secretQuestion(member, id, "q", "a").statusCode(200);

        double toReview = decisions("EKYC_AUTOMATIC", "IN_REVIEW");
        submit(member, id).statusCode(200).body("status", equalTo("IN_REVIEW"))
                .body("reviewReasons", contains("DATA_NOT_AS_READ"));
        assertThat(application(id).getBoolean("data_as_read")).isFalse();
        assertThat(decisions("EKYC_AUTOMATIC", "IN_REVIEW")).isEqualTo(toReview + 1);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> registry.get("kencom.ekyc.review.queue").gauge().value() >= 1);
        assertThat(application(id).getString("read_name")).doesNotContain("健康");
    }

    @Test
    void the_my_number_card_back_is_refused_and_never_stored() {
        TestUser member = personalMember();
        UUID id = openApplication(member);
        document(member, id, DocumentType.MY_NUMBER_CARD, true).statusCode(200);
        image(member, id, "FRONT", CARD_OF_A).statusCode(200).body("nextStep", equalTo("DOCUMENT_DATA"));

        for (String side : List.of("BACK", "REMARKS")) {
            image(member, id, side, Cards.jpeg(Cards.back())).statusCode(422)
                    .body("code", equalTo("MY_NUMBER_BACK_REFUSED"));
        }
        assertThat(storedKinds(id)).containsExactly("FRONT");
    }

    @Test
    void without_remarks_no_back_is_taken_and_no_new_name_is_accepted() {
        TestUser member = personalMember();
        UUID id = licenceFrontTaken(member, CARD_OF_A);

        image(member, id, "BACK", Cards.jpeg(Cards.back())).statusCode(422).body("code", equalTo("STEP_NOT_NEEDED"));
        data(member, id, "健康 太郎", "健康 花子").statusCode(422).body("code", equalTo("NEW_NAME_WITHOUT_REMARKS"));
        data(member, id, "健康 太郎", null).statusCode(200);
    }

    @Test
    void a_card_back_sent_as_the_front_has_no_portrait_and_is_not_kept() {
        TestUser member = personalMember();
        UUID id = openApplication(member);
        document(member, id, DocumentType.MY_NUMBER_CARD, false).statusCode(200);

        image(member, id, "FRONT", Cards.jpeg(Cards.back())).statusCode(422)
                .body("code", equalTo("PORTRAIT_NOT_FOUND"));
        assertThat(storedKinds(id)).isEmpty();
    }

    @Test
    void each_quality_fault_is_named_and_a_retake_is_taken() {
        TestUser member = personalMember();
        UUID id = openApplication(member);
        document(member, id, DocumentType.DRIVERS_LICENSE, false).statusCode(200);
        var portrait = Photos.portrait("person-a-webcam-1.jpg");

        image(member, id, "FRONT", Cards.jpeg(Cards.blurred(portrait))).statusCode(422)
                .body("code", equalTo("PHOTO_QUALITY")).body("issues", contains("BLURRED"));
        image(member, id, "FRONT", Cards.jpeg(Cards.cutOff(portrait))).statusCode(422)
                .body("issues", contains("CUT_OFF"));
        image(member, id, "FRONT", Cards.jpeg(Cards.withGlare(portrait))).statusCode(422)
                .body("issues", contains("GLARE"));
        assertThat(storedKinds(id)).isEmpty();

        image(member, id, "FRONT", CARD_OF_A).statusCode(200).body("nextStep", equalTo("DOCUMENT_DATA"));
    }

    @Test
    void the_type_is_read_from_the_bytes_and_metadata_is_stripped() throws Exception {
        TestUser member = personalMember();
        UUID id = openApplication(member);
        document(member, id, DocumentType.DRIVERS_LICENSE, false).statusCode(200);

        // A GIF (or anything else) is refused whatever header it comes with.
        image(member, id, "FRONT", "GIF89a not a photo".getBytes(StandardCharsets.US_ASCII)).statusCode(415)
                .body("code", equalTo("IMAGE_TYPE_UNSUPPORTED"));
        image(member, id, "FRONT", new byte[] { (byte) 0xff, (byte) 0xd8, (byte) 0xff, 0, 1, 2 }).statusCode(422)
                .body("code", equalTo("IMAGE_UNREADABLE"));
        image(member, id, "FRONT", new byte[11 * 1024 * 1024]).statusCode(413).body("code", equalTo("IMAGE_TOO_LARGE"));

        // A PNG sent as image/jpeg is a PNG; a comment in it (metadata) is not kept.
        byte[] png = Cards.png(Cards.sharp(Photos.portrait("person-a-webcam-1.jpg")));
        image(member, id, "FRONT", withTextChunk(png, "GPS 35.6812,139.7671")).statusCode(200);

        Row stored = pool.preparedQuery("SELECT media_type, sealed FROM application_image WHERE application_id = $1")
                .execute(Tuple.of(id)).await().indefinitely().iterator().next();
        byte[] sealed = stored.getBuffer("sealed").getBytes();
        byte[] clean = secrets.openBytes(sealed);
        assertThat(stored.getString("media_type")).isEqualTo("image/png");
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("PNG");
        assertThat(new String(clean, StandardCharsets.ISO_8859_1)).startsWith("\u0089PNG")
                .doesNotContain("GPS 35.6812");
    }

    /** A PNG with a tEXt chunk inserted after its header chunk. */
    private static byte[] withTextChunk(byte[] png, String text) throws Exception {
        byte[] data = ("Comment\0" + text).getBytes(StandardCharsets.ISO_8859_1);
        CRC32 crc = new CRC32();
        crc.update("tEXt".getBytes(StandardCharsets.US_ASCII));
        crc.update(data);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int afterHeader = 8 + 25;
        out.write(png, 0, afterHeader);
        out.write(ByteBuffer.allocate(4).putInt(data.length).array());
        out.write("tEXt".getBytes(StandardCharsets.US_ASCII));
        out.write(data);
        out.write(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
        out.write(png, afterHeader, png.length - afterHeader);
        assertThat(new String(out.toByteArray(), StandardCharsets.ISO_8859_1)).contains(text);
        return out.toByteArray();
    }

    @Test
    void steps_are_taken_in_the_guides_order() {
        TestUser member = personalMember();
        UUID id = openApplication(member);

        image(member, id, "FRONT", CARD_OF_A).statusCode(409).body("code", equalTo("STEP_OUT_OF_ORDER"));
        document(member, id, DocumentType.DRIVERS_LICENSE, true).statusCode(200).body("nextStep", equalTo("FRONT"));
        frontFace(member, id, FRONT_SELFIE_OF_A).statusCode(409).body("code", equalTo("STEP_OUT_OF_ORDER"));
        image(member, id, "FRONT", CARD_OF_A).statusCode(200).body("nextStep", equalTo("BACK"));
        data(member, id, "健康 太郎", null).statusCode(409);
        submit(member, id).statusCode(409).body("code", equalTo("STEP_OUT_OF_ORDER"));

        // Resumable: the application says where to go on.
        given().auth().oauth2(member.accessToken()).get("/v1/ekyc/applications/{id}", id).then().statusCode(200)
                .body("nextStep", equalTo("BACK")).body("documentType", equalTo("DRIVERS_LICENSE"));
    }

    @Test
    void a_selfie_of_someone_else_is_refused_with_a_retry() {
        TestUser member = personalMember();
        UUID id = licenceFrontTaken(member, CARD_OF_C);
        data(member, id, "健康 太郎", null).statusCode(200);

        frontFace(member, id, FRONT_SELFIE_OF_A).statusCode(422).body("code", equalTo("FACE_MISMATCH"));

        assertThat(storedKinds(id)).containsExactly("FRONT");
        assertThat(application(id).getInteger("face_refusals")).isEqualTo(1);
        given().auth().oauth2(member.accessToken()).get("/v1/ekyc/applications/{id}", id).then()
                .body("nextStep", equalTo("FACE_FRONT")).body("challenge", nullValue());
        // The retry with the right person's document goes on, its data confirmed again.
        image(member, id, "FRONT", CARD_OF_A).statusCode(200).body("nextStep", equalTo("DOCUMENT_DATA"));
        data(member, id, "健康 太郎", null).statusCode(200);
        frontFace(member, id, FRONT_SELFIE_OF_A).statusCode(200).body("challenge.turn", notNullValue());
    }

    @Test
    void a_selfie_must_be_a_photo_of_one_face_facing_the_camera() {
        TestUser member = personalMember();
        UUID id = atTheSelfies(member);
        byte[] gif = "GIF89a not a photo".getBytes(StandardCharsets.US_ASCII);
        byte[] broken = new byte[] { (byte) 0xff, (byte) 0xd8, (byte) 0xff, 0, 1, 2 };
        byte[] tooLarge = new byte[11 * 1024 * 1024];
        byte[] noFace = Cards.jpeg(Cards.back());
        byte[] fourPeople = Cards.jpeg(Photos.load("four-people-grid.jpg"));

        frontFace(member, id, gif).statusCode(415).body("code", equalTo("IMAGE_TYPE_UNSUPPORTED"));
        frontFace(member, id, broken).statusCode(422).body("code", equalTo("IMAGE_UNREADABLE"));
        frontFace(member, id, tooLarge).statusCode(413).body("code", equalTo("IMAGE_TOO_LARGE"));
        frontFace(member, id, noFace).statusCode(422).body("code", equalTo("NO_FACE"));
        frontFace(member, id, fourPeople).statusCode(422).body("code", equalTo("MORE_THAN_ONE_FACE"));
        frontFace(member, id, Cards.jpeg(Photos.turnedLeft("person-a-webcam-2.jpg"))).statusCode(422)
                .body("code", equalTo("NOT_FRONTAL"));
        assertThat(storedKinds(id)).containsExactly("FRONT");

        frontFace(member, id, FRONT_SELFIE_OF_A).statusCode(200);
        challengeFace(member, id, gif).statusCode(415).body("code", equalTo("IMAGE_TYPE_UNSUPPORTED"));
        challengeFace(member, id, broken).statusCode(422).body("code", equalTo("IMAGE_UNREADABLE"));
        challengeFace(member, id, tooLarge).statusCode(413).body("code", equalTo("IMAGE_TOO_LARGE"));
        challengeFace(member, id, noFace).statusCode(422).body("code", equalTo("NO_FACE"));
        challengeFace(member, id, fourPeople).statusCode(422).body("code", equalTo("MORE_THAN_ONE_FACE"));
        // Someone else for the challenge: the same refusal as at the front selfie.
        challengeFace(member, id, Cards.jpeg(Photos.load("person-c.jpg"))).statusCode(422)
                .body("code", equalTo("FACE_MISMATCH"));
        assertThat(storedKinds(id)).doesNotContain("FACE_CHALLENGE");
    }

    @Test
    void a_challenge_not_followed_is_refused() {
        TestUser member = personalMember();
        UUID id = atTheSelfies(member);
        ValidatableResponse front = frontFace(member, id, FRONT_SELFIE_OF_A).statusCode(200)
                .body("nextStep", equalTo("FACE_CHALLENGE")).body("challenge.mouth", equalTo("CLOSED"));

        challengeFace(member, id, FRONT_SELFIE_OF_A).statusCode(422).body("code", equalTo("CHALLENGE_FAILED"))
                .body("failed", contains("TURN"));
        challengeFace(member, id, EkycSteps.againstTheChallenge(front)).statusCode(422)
                .body("code", equalTo("CHALLENGE_FAILED"));
        assertThat(storedKinds(id)).doesNotContain("FACE_CHALLENGE");

        challengeFace(member, id, followingTheChallenge(front)).statusCode(200)
                .body("nextStep", equalTo("SECRET_QUESTION"));
    }

    @Test
    void retaking_the_front_selfie_keeps_the_challenge_until_a_photo_was_judged_against_it() {
        TestUser member = personalMember();
        UUID id = atTheSelfies(member);
        String drawn = frontFace(member, id, FRONT_SELFIE_OF_A).statusCode(200).extract().path("challenge.turn");

        // No fishing: eight retakes would draw the other turn at least once with odds 255 to 1 if they redrew.
        for (int retake = 0; retake < 8; retake++) {
            frontFace(member, id, FRONT_SELFIE_OF_A).statusCode(200).body("challenge.turn", equalTo(drawn));
        }
        image(member, id, "FRONT", CARD_OF_A).statusCode(200).body("challenge", nullValue());
        data(member, id, "KENKO TARO", null).statusCode(200);
        ValidatableResponse front = frontFace(member, id, FRONT_SELFIE_OF_A).statusCode(200)
                .body("challenge.turn", equalTo(drawn));

        // A photo judged against it and refused counts as an attempt: the next front selfie may draw anew.
        challengeFace(member, id, EkycSteps.againstTheChallenge(front)).statusCode(422)
                .body("code", equalTo("CHALLENGE_FAILED"));
        assertThat(application(id).getBoolean("challenge_attempted")).isTrue();
        Set<String> turns = new HashSet<>();
        for (int retake = 0; retake < 12 && turns.size() < 2; retake++) {
            turns.add(frontFace(member, id, FRONT_SELFIE_OF_A).statusCode(200).extract().path("challenge.turn"));
            challengeFace(member, id, FRONT_SELFIE_OF_A).statusCode(422).body("code", equalTo("CHALLENGE_FAILED"));
        }
        assertThat(turns).containsExactlyInAnyOrder("LEFT", "RIGHT");
    }

    @Test
    void a_new_name_from_the_remarks_sends_the_application_to_review() {
        TestUser member = personalMember();
        UUID id = walkToSubmit(member, DocumentType.DRIVERS_LICENSE, true);

        submit(member, id).statusCode(200).body("status", equalTo("IN_REVIEW"))
                .body("reviewReasons", contains("NAME_FROM_REMARKS"));
        assertThat(secrets.open(application(id).getString("confirmed_name"))).isEqualTo("健康 花子");
        assertThat(storedKinds(id)).containsExactly("BACK", "FACE_CHALLENGE", "FACE_FRONT", "FRONT");
        submit(member, id).statusCode(409).body("code", equalTo("APPLICATION_CLOSED"));
    }

    @Test
    void only_personal_members_of_groups_with_checkup_data_may_apply() {
        EkycSteps.Group linked = newGroup(true);
        TestUser groupIdOnly = member(pool, linked, AuthLevel.GROUP_ID);
        TestUser noCheckupData = member(pool, newGroup(false), AuthLevel.PERSONAL);
        TestUser personal = member(pool, linked, AuthLevel.PERSONAL);

        open(groupIdOnly).statusCode(403).body("code", equalTo("LEVEL_TOO_LOW"));
        open(noCheckupData).statusCode(403).body("code", equalTo("GROUP_HAS_NO_CHECKUP_DATA"));
        UUID id = openApplication(personal);
        open(personal).statusCode(409).body("code", equalTo("APPLICATION_EXISTS"))
                .body("applicationId", equalTo(id.toString()));
        // Another member's application is not theirs to see.
        given().auth().oauth2(groupIdOnly.accessToken()).get("/v1/ekyc/applications/{id}", id).then()
                .statusCode(404).body("code", equalTo("APPLICATION_NOT_FOUND"));
        given().get("/v1/ekyc/applications/{id}", id).then().statusCode(401);
    }

    @Test
    void an_abandoned_application_expires_with_its_photos() {
        TestUser member = personalMember();
        UUID id = licenceFrontTaken(member, CARD_OF_A);

        clock.advance(Duration.ofHours(23));
        given().auth().oauth2(member.accessToken()).get("/v1/ekyc/applications/{id}", id).then()
                .body("status", equalTo("OPEN"));
        clock.advance(Duration.ofHours(1));
        given().auth().oauth2(member.accessToken()).get("/v1/ekyc/applications/{id}", id).then()
                .body("status", equalTo("EXPIRED")).body("nextStep", equalTo("DONE"));

        assertThat(storedKinds(id)).isEmpty();
        data(member, id, "健康 太郎", null).statusCode(409).body("code", equalTo("APPLICATION_CLOSED"));
        assertThat(openApplication(member)).isNotEqualTo(id);
    }

    @Test
    void bad_input_is_a_problem_with_a_field() {
        TestUser member = personalMember();
        UUID id = openApplication(member);
        given().auth().oauth2(member.accessToken()).contentType("application/json").body("{\"documentType\":\"PASSPORT\"}")
                .put("/v1/ekyc/applications/{id}/document", id).then().statusCode(400)
                .contentType(containsString("application/problem+json"));
        given().auth().oauth2(member.accessToken()).contentType("application/json").body("{\"documentType\":\"DRIVERS_LICENSE\"}")
                .put("/v1/ekyc/applications/{id}/document", id).then().statusCode(422)
                .body("field", equalTo("hasRemarks"));
        image(member, id, "SIDEWAYS", CARD_OF_A).statusCode(422).body("field", equalTo("side"));
        given().auth().oauth2(member.accessToken()).contentType("application/json")
                .body(Map.of("name", "健康 太郎", "birthDate", "2999-01-01"))
                .put("/v1/ekyc/applications/{id}/document-data", id).then().statusCode(422)
                .body("code", equalTo("FIELD_INVALID")).body("field", equalTo("birthDate"))
                .body("reason", equalTo("IN_THE_FUTURE"));
    }
}
