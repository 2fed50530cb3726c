package io.kencom.account;

import static io.kencom.account.SignupSteps.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.kencom.account.SignupSteps.CodeSent;
import io.kencom.contracts.EventContract;
import io.kencom.local.Keycloak;
import io.kencom.testsupport.Events;
import io.kencom.testsupport.KeycloakUsers;
import io.kencom.testsupport.KeycloakUsers.TestUser;
import io.kencom.testsupport.RealInfrastructure;
import io.kencom.testsupport.Tokens;
import io.kencom.testsupport.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The code's last step spends the code only with the account recorded (docs/reliability.md §3: a crash inside it left a
 * sign-up whose code was used and whose member never existed). What a completion cut short leaves in Keycloak is
 * made here directly, as the crash would leave it.
 */
@QuarkusTest
class SignupCompletionTest extends AccountTest {

    @Test
    void the_user_a_completion_cut_short_left_in_keycloak_becomes_the_account() {
        CodeSent signup = SignupSteps.codeSent();
        String email = signup.email();
        TestUser leftOver = KeycloakUsers.leftByACompletionCutShort(email, signup.group().groupId());

        try (TopicReader created = Events.readerOf(EventContract.ACCOUNT_CREATED)) {
            String memberId = SignupSteps.verify(signup.signupId(), signup.code()).statusCode(201)
                    .extract().path("memberId");

            assertThat(memberId).isEqualTo(leftOver.id().toString());
            assertThat(created.recordsAfter(Duration.ofSeconds(3), r -> r.value().contains(memberId))).hasSize(1);
        }
        assertThat(Tokens.refused(email, PASSWORD)).as("the sign-up's password logs in").isFalse();
        assertThat(Tokens.refused(email, KeycloakUsers.PASSWORD)).as("the left-over password does not").isTrue();
        SignupSteps.verify(signup.signupId(), signup.code()).statusCode(409)
                .body("code", equalTo("SIGNUP_COMPLETED"));
    }

    @Test
    void a_completion_given_up_while_keycloak_does_not_answer_is_finished_by_the_same_code() {
        CodeSent signup = SignupSteps.codeSent();
        String email = signup.email();

        try (TopicReader created = Events.readerOf(EventContract.ACCOUNT_CREATED)) {
            try (RealInfrastructure.Frozen keycloak = RealInfrastructure.freeze(new Keycloak(), FROZEN_AT_MOST)) {
                SignupSteps.verify(signup.signupId(), signup.code()).statusCode(503)
                        .header("Retry-After", notNullValue()).body("code", equalTo("SERVICE_UNAVAILABLE"));
            }
            // The user asked for meanwhile may be made once Keycloak goes on: then it is the one taken over.
            String memberId = untilNot503(() -> SignupSteps.verify(signup.signupId(), signup.code()))
                    .statusCode(201).extract().path("memberId");

            assertThat(created.recordsAfter(Duration.ofSeconds(3), r -> r.value().contains(email)))
                    .singleElement().satisfies(r -> assertThat(r.value()).contains(memberId));
        }
        assertThat(Tokens.refused(email, PASSWORD)).isFalse();
    }

    @Test
    void a_staff_user_holding_the_address_keeps_it_and_the_refused_completion_does_not_spend_the_code() {
        CodeSent signup = SignupSteps.codeSent();
        String email = signup.email();
        TestUser staff = KeycloakUsers.staff("ops-admin", email);

        SignupSteps.verify(signup.signupId(), signup.code()).statusCode(409).body("code", equalTo("EMAIL_IN_USE"));
        assertThat(Tokens.refused(email, KeycloakUsers.PASSWORD)).as("the staff user is untouched").isFalse();

        KeycloakUsers.delete(staff);
        String memberId = SignupSteps.verify(signup.signupId(), signup.code()).statusCode(201)
                .extract().path("memberId");
        assertThat(memberId).isNotEqualTo(staff.id().toString());
        assertThat(Tokens.refused(email, PASSWORD)).isFalse();
    }
}
