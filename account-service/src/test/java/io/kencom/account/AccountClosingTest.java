package io.kencom.account;

import static io.kencom.account.SignupSteps.PASSWORD;
import static io.kencom.platform.Clocks.JAPAN;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.kencom.account.SignupSteps.TestGroup;
import io.kencom.contracts.EventContract;
import io.kencom.contracts.events.AccountClosed;
import io.kencom.contracts.events.MemberDisaffiliated;
import io.kencom.testsupport.AtOnce;
import io.kencom.testsupport.Events;
import io.kencom.testsupport.Tokens;
import io.kencom.testsupport.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** The 100-day clock (domain.md Q4/Q5): an account nobody re-joined ends on day 100, once. */
@QuarkusTest
class AccountClosingTest extends AccountTest {

    @Inject
    AccountClosing closing;

    @Test
    void on_day_100_the_account_ends_once_even_when_two_instances_run_the_clock_at_the_same_time() throws Exception {
        TestGroup group = SignupSteps.newGroup(false);
        String email = SignupSteps.newEmail();
        String memberId = SignupSteps.signUp(group, email);
        String token = Tokens.accessToken(email, PASSWORD);
        LocalDate today = LocalDate.now(JAPAN);
        Events.publish(new MemberDisaffiliated(UUID.fromString(memberId), group.groupId(), today.minusDays(99),
                Instant.now()));
        String signup = SignupSteps.startedSignup(group);
        await().atMost(Duration.ofSeconds(30)).until(() -> "EMAIL_NOT_YET_REUSABLE".equals(
                SignupSteps.credentials(signup, email, PASSWORD).extract().path("code")));

        // Day 99: nothing ends.
        closeDue();
        assertThat(Tokens.refused(email, PASSWORD)).as("day 99: the member still logs in").isFalse();

        // Day 100: two runs at once, as two instances would, close it once.
        clock.advance(Duration.ofDays(1));
        try (TopicReader accountEvents = Events.readerOf(EventContract.ACCOUNT_CLOSED)) {
            List<Integer> runs = AtOnce.run(2, this::closeDue);
            assertThat(runs.get(0) + runs.get(1)).as("accounts closed by both runs").isGreaterThanOrEqualTo(1);

            List<ConsumerRecord<String, String>> closed = accountEvents.recordsAfter(Duration.ofSeconds(3),
                    r -> r.key().equals(memberId) && "AccountClosed.v1".equals(TopicReader.header(r, "ce_type")));
            assertThat(closed).hasSize(1);
            AccountClosed event = (AccountClosed) TopicReader.envelope(closed.get(0)).event();
            assertThat(event.reason()).isEqualTo(AccountClosed.Reason.UNAFFILIATED_100_DAYS);
            assertThat(event.groupId()).isEqualTo(group.groupId());
        }
        assertThat(Tokens.refused(email, PASSWORD)).as("the Keycloak user is gone").isTrue();
        given().auth().oauth2(token).get("/v1/members/me").then().statusCode(404)
                .body("code", equalTo("MEMBER_NOT_FOUND"));
        closeDue();
        SignupSteps.credentials(SignupSteps.startedSignup(group), email, PASSWORD).statusCode(204);
    }

    private int closeDue() {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> closing.closeDue());
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
