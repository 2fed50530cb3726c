package io.kencom.account;

import static io.kencom.account.SignupSteps.PASSWORD;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

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

/** Issue 19 §4: what parallel clients do to one sign-up and one address. */
@QuarkusTest
class ConcurrencyTest extends AccountTest {

    @Inject
    Pool pool;

    @Test
    void theSameSignupCodeSentTwentyTimesAtOnceMakesOneAccount() {
        TestGroup group = SignupSteps.newGroup(false);
        String email = SignupSteps.newEmail();
        String signupId = SignupSteps.readyForCode(group, email);
        String code = SignupSteps.sendCodeAndReadIt(signupId, email).oneTimeCode();

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
    void twentyPasswordResetsAtOnceForOneAddressMailOneCode() {
        String email = SignupSteps.newEmail();

        try (TopicReader mails = Events.readerOf(EventContract.EMAIL_REQUESTED)) {
            List<Response> answers = AtOnce.run(20, () -> given().contentType(ContentType.JSON)
                    .body(Map.of("email", email)).post("/v1/password-resets"));

            assertThat(answers).filteredOn(a -> a.statusCode() == 202).hasSize(1);
            assertThat(answers).filteredOn(a -> a.statusCode() != 202)
                    .allSatisfy(a -> assertThat(a.<String>path("code")).isEqualTo("RESEND_TOO_SOON"));
            assertThat(count("SELECT count(*) FROM one_time_code WHERE email = $1", email))
                    .as("codes issued to the address").isEqualTo(1);
            // An unknown address is never mailed; a known one would be, once: the limit is on codes, checked above.
            assertThat(mails.recordsAfter(Duration.ofSeconds(2), r -> r.value().contains("\"" + email + "\"")))
                    .isEmpty();
        }
    }

    @Test
    void twentyCodesAtOnceForOneSignupIssueOne() {
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

    private long count(String sql, String email) {
        return pool.preparedQuery(sql).execute(Tuple.of(email)).await().indefinitely().iterator().next().getLong(0);
    }
}
