package io.kencom.account;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.kencom.contracts.EventContract;
import io.kencom.contracts.events.EmailRequested;
import io.kencom.contracts.events.GroupChanged;
import io.kencom.contracts.model.CardFormat;
import io.kencom.contracts.model.ConsentDocument;
import io.kencom.contracts.model.GroupCategory;
import io.kencom.contracts.model.InsurerNumber;
import io.kencom.testsupport.Events;
import io.kencom.testsupport.TopicReader;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** The sign-up as the app walks it, one call per step, against the running test app. */
final class SignupSteps {

    static final String PASSWORD = "blue-Heron-58";
    static final String PRIVACY_VERSION = "2026-04";
    static final String TERMS_VERSION = "3";
    static final String OWN_POINT_TERMS_VERSION = "1";

    private SignupSteps() {
    }

    /** A group of the catalog as entitlement-service would publish it, with a fresh valid insurer number. */
    record TestGroup(String groupId, String insurerNumber, GroupCategory category, boolean ownPoints) {
    }

    static TestGroup newGroup(boolean ownPoints) {
        return newGroup(ownPoints, true, 1);
    }

    static TestGroup newGroup(boolean ownPoints, boolean contracted, long revision) {
        TestGroup group = new TestGroup("g-" + UUID.randomUUID(), newInsurerNumber(),
                GroupCategory.HEALTH_INSURANCE_SOCIETY_OR_COMPANY, ownPoints);
        publish(group, contracted, revision, PRIVACY_VERSION);
        awaitInCatalog(group, contracted);
        return group;
    }

    static void publish(TestGroup group, boolean contracted, long revision, String privacyVersion) {
        List<ConsentDocument> documents = new ArrayList<>(List.of(
                new ConsentDocument(ConsentDocument.Kind.PRIVACY_POLICY, privacyVersion, true),
                new ConsentDocument(ConsentDocument.Kind.MEMBER_TERMS, TERMS_VERSION, true),
                new ConsentDocument(ConsentDocument.Kind.NEWSLETTER, "1", false)));
        GroupChanged.OwnPoints ownPoints = null;
        if (group.ownPoints()) {
            documents.add(new ConsentDocument(ConsentDocument.Kind.OWN_POINT_TERMS, OWN_POINT_TERMS_VERSION, true));
            ownPoints = new GroupChanged.OwnPoints("けんコイン", List.of());
        }
        Events.publish(new GroupChanged(group.groupId(), List.of(group.insurerNumber()), "テスト健康保険組合",
                group.category(), CardFormat.SYMBOL_AND_NUMBER, documents,
                new GroupChanged.Options(ownPoints, null, false, false, false), List.of(), List.of(), contracted, revision,
                Instant.now()));
    }

    private static void awaitInCatalog(TestGroup group, boolean contracted) {
        String expected = contracted ? "" : "GROUP_NOT_CONTRACTED";
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            var response = given().contentType(ContentType.JSON)
                    .body(Map.of("insurerNumber", group.insurerNumber(), "groupCategory", group.category().name()))
                    .post("/v1/signups");
            return contracted ? response.statusCode() == 201 : expected.equals(response.path("code"));
        });
    }

    /** A random 8-digit insurer number with the right check digit. */
    static String newInsurerNumber() {
        String digits = String.format("%07d", ThreadLocalRandom.current().nextInt(10_000_000));
        return digits + InsurerNumber.checkDigit(digits);
    }

    static ValidatableResponse start(TestGroup group) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("insurerNumber", group.insurerNumber(), "groupCategory", group.category().name()))
                .post("/v1/signups").then();
    }

    static String startedSignup(TestGroup group) {
        return start(group).statusCode(201).extract().path("signupId");
    }

    static ValidatableResponse credentials(String signupId, String email, String password) {
        return given().contentType(ContentType.JSON).body(Map.of("email", email, "password", password))
                .put("/v1/signups/{id}/credentials", signupId).then();
    }

    static ValidatableResponse consents(String signupId, Map<ConsentDocument.Kind, String> agreed) {
        List<Map<String, String>> agreements = agreed.entrySet().stream()
                .map(e -> Map.of("kind", e.getKey().name(), "version", e.getValue())).toList();
        return given().contentType(ContentType.JSON).body(Map.of("agreements", agreements))
                .put("/v1/signups/{id}/consents", signupId).then();
    }

    static Map<ConsentDocument.Kind, String> requiredConsents(TestGroup group) {
        Map<ConsentDocument.Kind, String> agreed = new HashMap<>();
        agreed.put(ConsentDocument.Kind.PRIVACY_POLICY, PRIVACY_VERSION);
        agreed.put(ConsentDocument.Kind.MEMBER_TERMS, TERMS_VERSION);
        if (group.ownPoints()) {
            agreed.put(ConsentDocument.Kind.OWN_POINT_TERMS, OWN_POINT_TERMS_VERSION);
        }
        return agreed;
    }

    static ValidatableResponse sendCode(String signupId) {
        return given().post("/v1/signups/{id}/code", signupId).then();
    }

    static ValidatableResponse verify(String signupId, String code) {
        return given().contentType(ContentType.JSON).body(Map.of("code", code))
                .post("/v1/signups/{id}/code/verify", signupId).then();
    }

    /** Sends a code and reads it from the mail request, as notification-service would. */
    static EmailRequested sendCodeAndReadIt(String signupId, String email) {
        try (TopicReader mails = Events.readerOf(EventContract.EMAIL_REQUESTED)) {
            sendCode(signupId).statusCode(202);
            return mailTo(mails, email);
        }
    }

    static EmailRequested mailTo(TopicReader mails, String email) {
        ConsumerRecord<String, String> record = mails.awaitRecord(r -> r.value().contains("\"" + email + "\""));
        return (EmailRequested) TopicReader.envelope(record).event();
    }

    /** A sign-up ready for its code: started, credentials set, required consents given. */
    static String readyForCode(TestGroup group, String email) {
        String signupId = startedSignup(group);
        credentials(signupId, email, PASSWORD).statusCode(204);
        consents(signupId, requiredConsents(group)).statusCode(204);
        return signupId;
    }

    /** A sign-up of a new group and address whose code has been mailed: all but the code's last step. */
    record CodeSent(TestGroup group, String email, String signupId, String code) {
    }

    static CodeSent codeSent() {
        TestGroup group = newGroup(false);
        String email = newEmail();
        String signupId = readyForCode(group, email);
        return new CodeSent(group, email, signupId, sendCodeAndReadIt(signupId, email).oneTimeCode());
    }

    /** The whole sign-up; returns the member id. */
    static String signUp(TestGroup group, String email) {
        String signupId = readyForCode(group, email);
        EmailRequested mail = sendCodeAndReadIt(signupId, email);
        return verify(signupId, mail.oneTimeCode()).statusCode(201).extract().path("memberId");
    }

    static String newEmail() {
        return "member-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }
}
