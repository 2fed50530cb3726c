package io.kencom.account;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.matchesPattern;

import io.kencom.account.SignupSteps.CodeSent;
import io.kencom.account.SignupSteps.TestGroup;
import io.kencom.account.infra.IssuedCode;
import io.kencom.contracts.events.EmailRequested;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** ワンタイムパスワード: ten minutes, five tries, a cooldown and a daily cap — time moved by the test's clock. */
@QuarkusTest
class OneTimeCodeTest extends AccountTest {

    @Test
    void the_code_expires_at_ten_minutes_and_a_new_one_can_be_sent() {
        CodeSent sent = SignupSteps.codeSent();
        String signupId = sent.signupId();
        String email = sent.email();

        clock.advance(Duration.ofMinutes(10));
        SignupSteps.verify(signupId, sent.code()).statusCode(410).body("code", equalTo("CODE_EXPIRED"));

        EmailRequested second = SignupSteps.sendCodeAndReadIt(signupId, email);
        SignupSteps.verify(signupId, sent.code()).statusCode(422).body("code", equalTo("CODE_INVALID"));
        SignupSteps.verify(signupId, second.oneTimeCode()).statusCode(201);
    }

    @Test
    void nine_minutes_fifty_nine_is_still_in_time() {
        CodeSent sent = SignupSteps.codeSent();
        String signupId = sent.signupId();
        clock.advance(Duration.ofMinutes(10).minusSeconds(1));
        SignupSteps.verify(signupId, sent.code()).statusCode(201);
    }

    @Test
    void five_wrong_codes_void_the_code_even_for_the_right_one() {
        CodeSent sent = SignupSteps.codeSent();
        String signupId = sent.signupId();
        String email = sent.email();
        String wrong = sent.code().equals("000000") ? "111111" : "000000";

        for (int left = 4; left >= 1; left--) {
            SignupSteps.verify(signupId, wrong).statusCode(422).body("code", equalTo("CODE_INVALID"))
                    .body("attemptsLeft", equalTo(left));
        }
        SignupSteps.verify(signupId, "12345").statusCode(429).body("code", equalTo("TOO_MANY_ATTEMPTS"));
        SignupSteps.verify(signupId, sent.code()).statusCode(429).body("code", equalTo("TOO_MANY_ATTEMPTS"));

        // A new code after the cooldown works.
        clock.advance(Duration.ofSeconds(60));
        EmailRequested fresh = SignupSteps.sendCodeAndReadIt(signupId, email);
        SignupSteps.verify(signupId, fresh.oneTimeCode()).statusCode(201);
    }

    @Test
    void resending_waits_for_the_cooldown_and_stops_at_the_daily_cap() {
        TestGroup group = SignupSteps.newGroup(false);
        String email = SignupSteps.newEmail();
        String signupId = SignupSteps.readyForCode(group, email);
        SignupSteps.sendCode(signupId).statusCode(202);
        SignupSteps.sendCode(signupId).statusCode(429).body("code", equalTo("RESEND_TOO_SOON"))
                .body("retryAfterSeconds", greaterThan(0)).header("Retry-After", matchesPattern("[1-9][0-9]*"));
        for (int i = 2; i <= 5; i++) {
            clock.advance(Duration.ofSeconds(61));
            SignupSteps.sendCode(signupId).statusCode(202);
        }
        clock.advance(Duration.ofSeconds(61));
        SignupSteps.sendCode(signupId).statusCode(429).body("code", equalTo("DAILY_CODE_LIMIT"));

        // Another sign-up to the same address does not escape the cap; a day later it is lifted.
        String other = SignupSteps.readyForCode(group, email);
        SignupSteps.sendCode(other).statusCode(429).body("code", equalTo("DAILY_CODE_LIMIT"));
        // Nor does a password reset: the cap is the address's, whatever the code is for.
        given().contentType(ContentType.JSON).body(Map.of("email", email)).post("/v1/password-resets").then()
                .statusCode(429).body("code", equalTo("DAILY_CODE_LIMIT"));
        clock.advance(Duration.ofHours(23).plusMinutes(55)); // the first code is now more than 24 hours old
        SignupSteps.sendCode(other).statusCode(202);
    }

    @Test
    void the_code_is_stored_only_as_a_keyed_hash() throws Throwable {
        CodeSent sent = SignupSteps.codeSent();
        String signupId = sent.signupId();
        String stored = VertxContextSupport.subscribeAndAwait(() ->
                Panache.withSession(() ->
                        IssuedCode.<IssuedCode>find("flowId",
                                UUID.fromString(signupId)).firstResult().map(c -> c.codeMac)));
        assertThat(stored).doesNotContain(sent.code()).hasSizeGreaterThan(40);
    }
}
