package io.kencom.account;

import static io.kencom.account.SignupSteps.PASSWORD;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import io.kencom.account.SignupSteps.CodeSent;
import io.kencom.account.SignupSteps.TestGroup;
import io.kencom.contracts.EventContract;
import io.kencom.contracts.events.AccountCreated;
import io.kencom.contracts.events.EmailRequested;
import io.kencom.contracts.model.ConsentDocument;
import io.kencom.testsupport.Events;
import io.kencom.testsupport.KeycloakUsers;
import io.kencom.testsupport.Tokens;
import io.kencom.testsupport.TopicReader;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SignupJourneyTest extends AccountTest {

    @Inject
    MeterRegistry registry;

    @Test
    void from_the_insurer_number_to_a_token_that_opens_the_members_own_profile() {
        TestGroup group = SignupSteps.newGroup(true); // (waits for the group by starting sign-ups until one is taken)
        Map<String, Double> funnel = funnel();
        String email = SignupSteps.newEmail();

        // 団体ID認証: the group, its documents and whether it runs its own points.
        String signupId = SignupSteps.start(group).statusCode(201)
                .body("group.groupId", equalTo(group.groupId()))
                .body("ownPoints", equalTo(true))
                .body("consentDocuments.kind", hasItems("PRIVACY_POLICY", "MEMBER_TERMS", "OWN_POINT_TERMS", "NEWSLETTER"))
                .extract().path("signupId");
        SignupSteps.credentials(signupId, email, PASSWORD).statusCode(204);
        Map<ConsentDocument.Kind, String> agreed = new HashMap<>(SignupSteps.requiredConsents(group));
        agreed.put(ConsentDocument.Kind.NEWSLETTER, "1");
        SignupSteps.consents(signupId, agreed).statusCode(204);

        EmailRequested mail = SignupSteps.sendCodeAndReadIt(signupId, email);
        assertThat(mail.kind()).isEqualTo(EmailRequested.Kind.SIGNUP_CODE);
        assertThat(mail.oneTimeCode()).matches("\\d{6}");
        assertThat(Duration.between(mail.requestedAt(), mail.codeExpiresAt())).isEqualTo(Duration.ofMinutes(10));

        String memberId;
        try (TopicReader accountEvents = Events.readerOf(EventContract.ACCOUNT_CREATED)) {
            memberId = SignupSteps.verify(signupId, mail.oneTimeCode()).statusCode(201).extract().path("memberId");
            ConsumerRecord<String, String> record = accountEvents.awaitRecord(r -> r.key().equals(memberId));
            AccountCreated created = (AccountCreated) TopicReader.envelope(record).event();
            assertThat(created.groupId()).isEqualTo(group.groupId());
            assertThat(created.insurerNumber()).isEqualTo(group.insurerNumber());
            assertThat(created.email()).isEqualTo(email);
        }

        // Login is Keycloak's: the token's sub is the member id, and it carries the group and the level.
        String token = Tokens.accessToken(email, PASSWORD);
        assertThat(Tokens.claims(token).getString("sub")).isEqualTo(memberId);
        assertThat(Tokens.claims(token).getString("group_id")).isEqualTo(group.groupId());
        assertThat(Tokens.claims(token).getString("auth_level")).isEqualTo("GROUP_ID");
        assertThat(Tokens.claims(token).getBoolean("email_verified")).isTrue();
        assertThat(Tokens.claims(token).getList("realm_access.roles", String.class)).as("what member APIs ask for")
                .contains("member");

        given().auth().oauth2(token).get("/v1/members/me").then().statusCode(200)
                .body("memberId", equalTo(memberId))
                .body("email", equalTo(email))
                .body("authLevel", equalTo("GROUP_ID"))
                .body("consents", hasSize(4))
                .body("consents.find { it.kind == 'PRIVACY_POLICY' }.version", equalTo(SignupSteps.PRIVACY_VERSION));
        // The funnel ops watch (docs/operations.md): one sign-up through each step.
        Map<String, Double> after = funnel();
        assertThat(after).allSatisfy((step, count) -> assertThat(count).as(step).isEqualTo(funnel.get(step) + 1));
    }

    private Map<String, Double> funnel() {
        Map<String, Double> counts = new HashMap<>();
        for (String step : List.of("STARTED", "CODE_SENT", "COMPLETED")) {
            counts.put(step, registry.counter("kencom.signups", "step", step).count());
        }
        return counts;
    }

    @Test
    void the_profile_needs_a_token() {
        // No token (refused by the endpoint's role check) and a token that fails (refused before any endpoint runs):
        // the same problem for the app to switch on, with the bearer challenge.
        given().get("/v1/members/me").then().statusCode(401).header("WWW-Authenticate", startsWith("Bearer"))
                .contentType("application/problem+json").body("code", equalTo("UNAUTHENTICATED"));
        given().auth().oauth2("not-a-token").get("/v1/members/me").then().statusCode(401)
                .header("WWW-Authenticate", startsWith("Bearer")).contentType("application/problem+json")
                .body("code", equalTo("UNAUTHENTICATED")).body("instance", equalTo("/v1/members/me"));
        // A staff account's token is valid but names no member.
        given().auth().oauth2(KeycloakUsers.staff("ops-admin").accessToken()).get("/v1/members/me").then()
                .statusCode(403).body("code", equalTo("FORBIDDEN"));
    }

    @Test
    void a_completed_signup_cannot_be_replayed() {
        CodeSent sent = SignupSteps.codeSent();
        String signupId = sent.signupId();
        TestGroup group = sent.group();
        SignupSteps.verify(signupId, sent.code()).statusCode(201);

        SignupSteps.verify(signupId, sent.code()).statusCode(409).body("code", equalTo("SIGNUP_COMPLETED"));
        SignupSteps.sendCode(signupId).statusCode(409).body("code", equalTo("SIGNUP_COMPLETED"));
        SignupSteps.credentials(signupId, SignupSteps.newEmail(), PASSWORD).statusCode(409)
                .body("code", equalTo("SIGNUP_COMPLETED"));
        SignupSteps.consents(signupId, SignupSteps.requiredConsents(group)).statusCode(409)
                .body("code", equalTo("SIGNUP_COMPLETED"));
    }

    @Test
    void a_second_signup_with_the_same_address_is_refused() {
        TestGroup group = SignupSteps.newGroup(false);
        String email = SignupSteps.newEmail();
        SignupSteps.signUp(group, email);

        String again = SignupSteps.startedSignup(group);
        SignupSteps.credentials(again, email.toUpperCase(), PASSWORD).statusCode(409).body("code", equalTo("EMAIL_IN_USE"));
    }

    @Test
    void two_signups_racing_for_one_address_end_with_one_account() {
        TestGroup group = SignupSteps.newGroup(false);
        String email = SignupSteps.newEmail();
        String first = SignupSteps.readyForCode(group, email);
        String second = SignupSteps.readyForCode(group, email);
        EmailRequested firstCode = SignupSteps.sendCodeAndReadIt(first, email);
        SignupSteps.verify(first, firstCode.oneTimeCode()).statusCode(201);

        clock.advance(Duration.ofSeconds(61)); // the resend cooldown follows the address
        EmailRequested secondCode = SignupSteps.sendCodeAndReadIt(second, email);
        SignupSteps.verify(second, secondCode.oneTimeCode()).statusCode(409).body("code", equalTo("EMAIL_IN_USE"));
    }

}
