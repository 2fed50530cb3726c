package io.kencom.account;

import static io.kencom.account.SignupSteps.PASSWORD;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.kencom.account.SignupSteps.CodeSent;
import io.kencom.account.SignupSteps.TestGroup;
import io.kencom.contracts.EventContract;
import io.kencom.contracts.events.EmailRequested;
import io.kencom.testsupport.AtOnce;
import io.kencom.testsupport.Events;
import io.kencom.testsupport.Tokens;
import io.kencom.testsupport.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What parallel clients do to one sign-up, one address and one code. */
@QuarkusTest
class ConcurrencyTest extends AccountTest {

    @Inject
    Pool pool;

    @Test
    void the_same_signup_code_sent_twenty_times_at_once_makes_one_account() {
        CodeSent sent = SignupSteps.codeSent();
        String signupId = sent.signupId();
        String email = sent.email();
        String code = sent.code();

        try (TopicReader created = Events.readerOf(EventContract.ACCOUNT_CREATED)) {
            List<Response> answers = AtOnce.run(20, () -> given().contentType(ContentType.JSON)
                    .body(Map.of("code", code)).post("/v1/signups/{id}/code/verify", signupId));

            assertThat(answers).filteredOn(a -> a.statusCode() == 201).hasSize(1);
            assertThat(answers).filteredOn(a -> a.statusCode() != 201)
                    .allSatisfy(a -> assertThat(a.statusCode()).isEqualTo(409));
            assertThat(count("SELECT count(*) FROM member WHERE email = $1", email)).isEqualTo(1);
            assertThat(created.recordsAfter(Duration.ofSeconds(3), r -> r.value().contains("\"" + email + "\"")))
                    .hasSize(1);
        }
        assertThat(Tokens.refused(email, PASSWORD)).as("the one account logs in").isFalse();
    }

    @Test
    void twenty_password_resets_at_once_for_one_address_mail_one_code() {
        String email = SignupSteps.newEmail();

        try (TopicReader mails = Events.readerOf(EventContract.EMAIL_REQUESTED)) {
            twentyResetsAtOnceStartOne(email);
            assertThat(count("SELECT count(*) FROM one_time_code WHERE email = $1", email))
                    .as("codes issued to the address").isEqualTo(1);
            // An unknown address is never mailed; a known one would be, once: the limit is on codes, checked above.
            assertThat(mails.recordsAfter(Duration.ofSeconds(2), r -> r.value().contains("\"" + email + "\"")))
                    .isEmpty();
        }
    }

    @Test
    void twenty_password_resets_at_once_for_a_member_mail_one_code() {
        String email = SignupSteps.newEmail();
        SignupSteps.signUp(SignupSteps.newGroup(false), email);
        clock.advance(Duration.ofSeconds(61)); // past the sign-up code's cooldown

        try (TopicReader mails = Events.readerOf(EventContract.EMAIL_REQUESTED)) {
            twentyResetsAtOnceStartOne(email);
            assertThat(mails.recordsAfter(Duration.ofSeconds(3), r -> r.value().contains("\"" + email + "\"")
                    && r.value().contains(EmailRequested.Kind.PASSWORD_RESET_CODE.name()))).hasSize(1);
        }
    }

    @Test
    void twenty_codes_at_once_for_one_signup_issue_one() {
        TestGroup group = SignupSteps.newGroup(false);
        String email = SignupSteps.newEmail();
        String signupId = SignupSteps.readyForCode(group, email);

        try (TopicReader mails = Events.readerOf(EventContract.EMAIL_REQUESTED)) {
            List<Integer> statuses = AtOnce.run(20, () -> SignupSteps.sendCode(signupId).extract().statusCode());

            assertThat(statuses).filteredOn(s -> s == 202).hasSize(1);
            assertThat(statuses).filteredOn(s -> s != 202).containsOnly(429);
            assertThat(mails.recordsAfter(Duration.ofSeconds(3), r -> r.value().contains("\"" + email + "\"")
                    && r.value().contains(EmailRequested.Kind.SIGNUP_CODE.name()))).hasSize(1);
        }
    }

    // Attempt limits under a burst: the tries at one code wait on its row, so the fifth wrong one voids it however
    // many arrive at once, and the right code after that is refused too.

    @Test
    void thirty_wrong_signup_codes_at_once_void_the_code_at_the_fifth() {
        CodeSent sent = SignupSteps.codeSent();
        String signupId = sent.signupId();
        String email = sent.email();
        String code = sent.code();

        List<String> codes = AtOnce.run(30, () -> SignupSteps.verify(signupId, wrong(code)).extract().path("code"));

        assertThat(codes).filteredOn("CODE_INVALID"::equals).hasSize(4);
        assertThat(codes).filteredOn("TOO_MANY_ATTEMPTS"::equals).hasSize(26);
        SignupSteps.verify(signupId, code).statusCode(429);
        assertThat(count("SELECT count(*) FROM member WHERE email = $1", email)).isZero();
    }

    @Test
    void thirty_wrong_reset_codes_at_once_void_the_code_at_the_fifth() {
        String email = SignupSteps.newEmail();
        SignupSteps.signUp(SignupSteps.newGroup(false), email);
        clock.advance(Duration.ofSeconds(61)); // the sign-up's code was the last one mailed to the address
        String resetId;
        String code;
        try (TopicReader mails = Events.readerOf(EventContract.EMAIL_REQUESTED)) {
            resetId = given().contentType(ContentType.JSON).body(Map.of("email", email)).post("/v1/password-resets")
                    .then().statusCode(202).extract().path("resetId");
            code = SignupSteps.mailTo(mails, email).oneTimeCode();
        }

        List<String> codes = AtOnce.run(30, () -> resetWith(resetId, wrong(code)).path("code"));

        assertThat(codes).filteredOn("CODE_INVALID"::equals).hasSize(4);
        assertThat(codes).filteredOn("TOO_MANY_ATTEMPTS"::equals).hasSize(26);
        assertThat(resetWith(resetId, code).statusCode()).isEqualTo(429);
        assertThat(Tokens.refused(email, PASSWORD)).as("the password is still the old one").isFalse();
    }

    /** One reset started, nineteen {@code RESEND_TOO_SOON}. */
    private static void twentyResetsAtOnceStartOne(String email) {
        List<Response> answers = AtOnce.run(20, () -> given().contentType(ContentType.JSON)
                .body(Map.of("email", email)).post("/v1/password-resets"));

        assertThat(answers).filteredOn(a -> a.statusCode() == 202).hasSize(1);
        assertThat(answers).filteredOn(a -> a.statusCode() != 202)
                .allSatisfy(a -> assertThat(a.<String>path("code")).isEqualTo("RESEND_TOO_SOON"));
    }

    private static Response resetWith(String resetId, String code) {
        return given().contentType(ContentType.JSON).body(Map.of("code", code, "newPassword", "quiet-Lantern-73"))
                .post("/v1/password-resets/{id}/verify", resetId);
    }

    /** Six digits that are not {@code code}. */
    private static String wrong(String code) {
        return String.format("%06d", (Integer.parseInt(code) + 1) % 1_000_000);
    }

    private long count(String sql, String email) {
        return pool.preparedQuery(sql).execute(Tuple.of(email)).await().indefinitely().iterator().next().getLong(0);
    }
}
