package io.kencom.account;

import static io.kencom.account.SignupSteps.PASSWORD;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import io.kencom.contracts.EventContract;
import io.kencom.contracts.events.EmailRequested;
import io.kencom.local.Keycloak;
import io.kencom.testsupport.Events;
import io.kencom.testsupport.RealInfrastructure;
import io.kencom.testsupport.Tokens;
import io.kencom.testsupport.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** パスワードを忘れた方: by mailed code, same rules, same answer for known and unknown addresses. */
@QuarkusTest
class PasswordResetTest extends AccountTest {

    private static final String NEW_PASSWORD = "quiet-Lantern-73";
    /** The sign-up just mailed a code to the address: the next one waits this long. */
    private static final Duration COOLDOWN = Duration.ofSeconds(61);

    @Test
    void a_member_resets_the_password_with_the_mailed_code_and_logs_in_with_the_new_one() {
        String email = SignupSteps.newEmail();
        SignupSteps.signUp(SignupSteps.newGroup(false), email);
        Mailed reset = requestAndReadMail(email);
        String resetId = reset.resetId();
        EmailRequested mail = reset.mail();
        assertThat(mail.kind()).isEqualTo(EmailRequested.Kind.PASSWORD_RESET_CODE);

        complete(resetId, mail.oneTimeCode(), "Password1").statusCode(422)
                .body("code", equalTo("PASSWORD_TOO_WEAK")).body("failedRules", hasItem("GUESSABLE"));
        complete(resetId, mail.oneTimeCode(), NEW_PASSWORD).statusCode(204);

        assertThat(Tokens.refused(email, PASSWORD)).isTrue();
        assertThat(Tokens.login(email, NEW_PASSWORD).statusCode()).isEqualTo(200);
        complete(resetId, mail.oneTimeCode(), NEW_PASSWORD).statusCode(409).body("code", equalTo("RESET_COMPLETED"));
    }

    @Test
    void a_reset_given_up_while_keycloak_does_not_answer_is_finished_by_the_same_code() {
        String email = SignupSteps.newEmail();
        SignupSteps.signUp(SignupSteps.newGroup(false), email);
        Mailed reset = requestAndReadMail(email);

        try (RealInfrastructure.Frozen keycloak = RealInfrastructure.freeze(new Keycloak(), FROZEN_AT_MOST)) {
            complete(reset.resetId(), reset.mail().oneTimeCode(), NEW_PASSWORD).statusCode(503)
                    .header("Retry-After", notNullValue()).body("code", equalTo("SERVICE_UNAVAILABLE"));
        }
        // Keycloak, going on, still runs the call given up: the app tries again while the answer is 503.
        untilNot503(() -> complete(reset.resetId(), reset.mail().oneTimeCode(), NEW_PASSWORD)).statusCode(204);

        assertThat(Tokens.login(email, NEW_PASSWORD).statusCode()).isEqualTo(200);
    }

    @Test
    void an_unknown_address_gets_the_same_answer_and_no_mail() {
        String member = SignupSteps.newEmail();
        SignupSteps.signUp(SignupSteps.newGroup(false), member);
        clock.advance(COOLDOWN);
        String stranger = SignupSteps.newEmail();

        try (TopicReader mails = Events.readerOf(EventContract.EMAIL_REQUESTED)) {
            ExtractableResponse<Response> known = request(member).extract();
            ExtractableResponse<Response> unknown = request(stranger).extract();

            assertThat(unknown.statusCode()).isEqualTo(known.statusCode()).isEqualTo(202);
            assertThat(keys(unknown)).isEqualTo(keys(known));
            SignupSteps.mailTo(mails, member);
            assertThat(mails.recordsAfter(Duration.ofSeconds(2), r -> r.value().contains(stranger))).isEmpty();

            // Its tries run down like a real code's, then lock.
            String resetId = unknown.path("resetId");
            for (int left = 4; left >= 1; left--) {
                complete(resetId, "123456", NEW_PASSWORD).statusCode(422).body("attemptsLeft", equalTo(left));
            }
            complete(resetId, "123456", NEW_PASSWORD).statusCode(429).body("code", equalTo("TOO_MANY_ATTEMPTS"));
            // And the resend limits are the same too.
            request(stranger).statusCode(429).body("code", equalTo("RESEND_TOO_SOON"));
            request(member).statusCode(429).body("code", equalTo("RESEND_TOO_SOON"));
        }
    }

    @Test
    void the_reset_code_expires_too() {
        String email = SignupSteps.newEmail();
        SignupSteps.signUp(SignupSteps.newGroup(false), email);
        clock.advance(COOLDOWN);
        try (TopicReader mails = Events.readerOf(EventContract.EMAIL_REQUESTED)) {
            String resetId = request(email).statusCode(202).extract().path("resetId");
            EmailRequested mail = SignupSteps.mailTo(mails, email);
            clock.advance(Duration.ofMinutes(10));
            complete(resetId, mail.oneTimeCode(), NEW_PASSWORD).statusCode(410).body("code", equalTo("CODE_EXPIRED"));
        }
        given().contentType(ContentType.JSON).body(Map.of("code", "123456", "newPassword", NEW_PASSWORD))
                .post("/v1/password-resets/{id}/verify", UUID.randomUUID()).then()
                .statusCode(404).body("code", equalTo("RESET_NOT_FOUND"));
    }

    private static ValidatableResponse request(String email) {
        return given().contentType(ContentType.JSON).body(Map.of("email", email)).post("/v1/password-resets").then();
    }

    private static ValidatableResponse complete(String resetId, String code, String password) {
        return given().contentType(ContentType.JSON).body(Map.of("code", code, "newPassword", password))
                .post("/v1/password-resets/{id}/verify", resetId).then();
    }

    private static Set<String> keys(ExtractableResponse<Response> response) {
        return response.jsonPath().getMap("").keySet().stream().map(Object::toString)
                .collect(Collectors.toSet());
    }


    private record Mailed(String resetId, EmailRequested mail) {
    }

    /** A reset asked for once the sign-up's cooldown has passed, and its mail as notification-service reads it. */
    private Mailed requestAndReadMail(String email) {
        clock.advance(COOLDOWN);
        try (TopicReader mails = Events.readerOf(EventContract.EMAIL_REQUESTED)) {
            String resetId = request(email).statusCode(202).extract().path("resetId");
            return new Mailed(resetId, SignupSteps.mailTo(mails, email));
        }
    }
}
