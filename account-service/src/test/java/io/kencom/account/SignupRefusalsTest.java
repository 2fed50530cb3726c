package io.kencom.account;

import static io.kencom.account.SignupSteps.PASSWORD;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.kencom.account.SignupSteps.TestGroup;
import io.kencom.contracts.model.ConsentDocument;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;

/** Every refusal of the sign-up, each with its problem+json code. */
@QuarkusTest
class SignupRefusalsTest extends AccountTest {

    @Test
    void an_insurer_number_of_the_wrong_length_or_check_digit() {
        start("0613999", "HEALTH_INSURANCE_SOCIETY_OR_COMPANY").statusCode(422)
                .contentType("application/problem+json")
                .body("code", equalTo("INSURER_NUMBER_INVALID")).body("reason", equalTo("MALFORMED"));
        start("06139999", "HEALTH_INSURANCE_SOCIETY_OR_COMPANY").statusCode(422)
                .body("code", equalTo("INSURER_NUMBER_INVALID")).body("reason", equalTo("CHECK_DIGIT_MISMATCH"));
    }

    @Test
    void full_width_digits_are_read_as_the_number() {
        TestGroup group = SignupSteps.newGroup(false);
        String fullWidth = group.insurerNumber().chars().mapToObj(c -> String.valueOf((char) (c - '0' + '０')))
                .reduce("", String::concat);
        start(fullWidth, group.category().name()).statusCode(201).body("group.groupId", equalTo(group.groupId()));
    }

    @Test
    void an_unknown_group_a_wrong_category_and_an_ended_contract() {
        start(SignupSteps.newInsurerNumber(), "HEALTH_INSURANCE_SOCIETY_OR_COMPANY").statusCode(422)
                .body("code", equalTo("GROUP_NOT_FOUND"));

        TestGroup group = SignupSteps.newGroup(false);
        start(group.insurerNumber(), "MUNICIPALITY").statusCode(422)
                .body("code", equalTo("GROUP_CATEGORY_MISMATCH"))
                .body("groupCategory", equalTo(group.category().name()));

        SignupSteps.publish(group, false, 2, SignupSteps.PRIVACY_VERSION);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                "GROUP_NOT_CONTRACTED".equals(start(group.insurerNumber(), group.category().name()).extract().path("code")));
        // An older revision arriving late changes nothing.
        SignupSteps.publish(group, true, 1, SignupSteps.PRIVACY_VERSION);
        start(group.insurerNumber(), group.category().name()).statusCode(422).body("code", equalTo("GROUP_NOT_CONTRACTED"));
    }

    @Test
    void missing_fields_and_unreadable_bodies() {
        given().contentType(ContentType.JSON).body(Map.of("insurerNumber", "06139992")).post("/v1/signups")
                .then().statusCode(422).body("code", equalTo("FIELD_REQUIRED")).body("field", equalTo("groupCategory"));
        given().contentType(ContentType.JSON).body("{\"insurerNumber\": \"06139992\", \"groupCategory\": \"NOPE\"}")
                .post("/v1/signups").then().statusCode(400).body("code", equalTo("MALFORMED_REQUEST"));
        given().contentType(ContentType.JSON).body("{").post("/v1/signups")
                .then().statusCode(400).body("code", equalTo("MALFORMED_REQUEST"));
        given().contentType(ContentType.JSON).body(Map.of("code", "123456"))
                .post("/v1/signups/{id}/code/verify", "not-a-uuid").then().statusCode(404);
    }

    @Test
    void an_unknown_signup() {
        SignupSteps.credentials(UUID.randomUUID().toString(), SignupSteps.newEmail(), PASSWORD).statusCode(404)
                .body("code", equalTo("SIGNUP_NOT_FOUND"));
    }

    @Test
    void a_signup_left_for_a_day_expires_at_every_step() {
        TestGroup group = SignupSteps.newGroup(false);
        String signupId = SignupSteps.startedSignup(group);
        String email = SignupSteps.newEmail();
        String sentCode = SignupSteps.readyForCode(group, email);
        SignupSteps.sendCode(sentCode).statusCode(202);
        clock.advance(Duration.ofHours(24));
        SignupSteps.credentials(signupId, SignupSteps.newEmail(), PASSWORD).statusCode(410)
                .body("code", equalTo("SIGNUP_EXPIRED"));
        SignupSteps.consents(signupId, SignupSteps.requiredConsents(group)).statusCode(410)
                .body("code", equalTo("SIGNUP_EXPIRED"));
        SignupSteps.sendCode(sentCode).statusCode(410).body("code", equalTo("SIGNUP_EXPIRED"));
        SignupSteps.verify(sentCode, "123456").statusCode(410).body("code", equalTo("SIGNUP_EXPIRED"));
    }

    @Test
    void a_bad_address_and_weak_passwords_with_the_rules_they_break() {
        String signupId = SignupSteps.startedSignup(SignupSteps.newGroup(false));
        String email = SignupSteps.newEmail();
        SignupSteps.credentials(signupId, "taro@", PASSWORD).statusCode(422).body("code", equalTo("EMAIL_INVALID"));
        SignupSteps.credentials(signupId, email, "aaaa").statusCode(422)
                .body("code", equalTo("PASSWORD_TOO_WEAK"))
                .body("failedRules", hasItem("LENGTH")).body("failedRules", hasItem("KINDS")).body("failedRules", hasItem("RUN"));
        SignupSteps.credentials(signupId, email, "Password1").statusCode(422)
                .body("failedRules", contains("GUESSABLE"));
        SignupSteps.credentials(signupId, email, email.substring(0, email.indexOf('@')) + "X9").statusCode(422)
                .body("failedRules", hasItem("CONTAINS_EMAIL"));
        SignupSteps.credentials(signupId, email, "パスワード12345aB").statusCode(422)
                .body("failedRules", hasItem("CHARACTERS"));
        // The password is never echoed back.
        SignupSteps.credentials(signupId, email, "Password1").body(Matchers.not(
                Matchers.containsString("Password1")));
    }

    @Test
    void consents_missing_outdated_or_not_offered() {
        TestGroup group = SignupSteps.newGroup(true);
        String signupId = SignupSteps.startedSignup(group);

        SignupSteps.consents(signupId, Map.of(ConsentDocument.Kind.PRIVACY_POLICY, SignupSteps.PRIVACY_VERSION))
                .statusCode(422).body("code", equalTo("CONSENT_REQUIRED"))
                .body("documents", containsInAnyOrder("MEMBER_TERMS", "OWN_POINT_TERMS"));
        Map<ConsentDocument.Kind, String> old = new HashMap<>(SignupSteps.requiredConsents(group));
        old.put(ConsentDocument.Kind.PRIVACY_POLICY, "2019-01");
        SignupSteps.consents(signupId, old).statusCode(422).body("code", equalTo("CONSENT_OUTDATED"))
                .body("documents", contains("PRIVACY_POLICY"));

        TestGroup plain = SignupSteps.newGroup(false);
        String plainSignup = SignupSteps.startedSignup(plain);
        Map<ConsentDocument.Kind, String> tooMany = new HashMap<>(SignupSteps.requiredConsents(plain));
        tooMany.put(ConsentDocument.Kind.OWN_POINT_TERMS, "1");
        SignupSteps.consents(plainSignup, tooMany).statusCode(422).body("code", equalTo("CONSENT_NOT_OFFERED"));
    }

    @Test
    void a_new_version_of_a_document_before_the_code_asks_for_agreement_again() {
        TestGroup group = SignupSteps.newGroup(false);
        String signupId = SignupSteps.readyForCode(group, SignupSteps.newEmail());
        SignupSteps.publish(group, true, 2, "2027-01");
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                "CONSENT_OUTDATED".equals(SignupSteps.sendCode(signupId).extract().path("code")));
    }

    @Test
    void no_code_before_credentials_and_consents() {
        String signupId = SignupSteps.startedSignup(SignupSteps.newGroup(false));
        SignupSteps.sendCode(signupId).statusCode(409).body("code", equalTo("SIGNUP_INCOMPLETE"))
                .body("missing", containsInAnyOrder("CREDENTIALS", "CONSENTS"));
        SignupSteps.verify(signupId, "123456").statusCode(409).body("code", equalTo("CODE_NOT_SENT"));
    }

    private static ValidatableResponse start(String insurerNumber, String category) {
        return given().contentType(ContentType.JSON).body(Map.of("insurerNumber", insurerNumber, "groupCategory", category))
                .post("/v1/signups").then();
    }
}
