package io.kencom.ekyc;

import static io.kencom.ekyc.EkycSteps.approvedMember;
import static io.kencom.ekyc.EkycSteps.member;
import static io.kencom.ekyc.EkycSteps.newGroup;
import static io.kencom.ekyc.EkycSteps.walkToSubmit;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.kencom.contracts.EventContract;
import io.kencom.contracts.events.EkycSubmitted.DocumentType;
import io.kencom.contracts.model.AuthLevel;
import io.kencom.testsupport.AtOnce;
import io.kencom.testsupport.Events;
import io.kencom.testsupport.KeycloakUsers.TestUser;
import io.kencom.testsupport.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The same eKYC step sent twice at once has one effect (one token for both, as one app would send), and a burst of
 * wrong tries is judged no further than its limit.
 */
@QuarkusTest
class ConcurrencyTest extends EkycServiceTest {

    @Inject
    Pool pool;

    @Test
    void opening_twice_at_once_opens_one_application() {
        TestUser member = member(pool, newGroup(true), AuthLevel.PERSONAL);

        String token = member.accessToken();
        List<ExtractableResponse<Response>> answers = AtOnce.run(2, () -> given().auth().oauth2(token)
                .post("/v1/ekyc/applications").then().extract());

        assertThat(answers).extracting(ExtractableResponse::statusCode).containsExactlyInAnyOrder(201, 409);
        assertThat(answers).filteredOn(a -> a.statusCode() == 409).extracting(a -> a.<String>path("code"))
                .containsExactly("APPLICATION_EXISTS");
        assertThat(pool.preparedQuery("SELECT count(*) FROM application WHERE member_id = $1")
                .execute(Tuple.of(member.id())).await().indefinitely().iterator().next().getLong(0)).isEqualTo(1);
    }

    @Test
    void submitting_twice_at_once_submits_once() {
        TestUser member = member(pool, newGroup(true), AuthLevel.PERSONAL);
        UUID id = walkToSubmit(member, DocumentType.DRIVERS_LICENSE, false);

        try (TopicReader approvals = Events.readerOf(EventContract.EKYC_APPROVED)) {
            String token = member.accessToken();
            List<Integer> statuses = AtOnce.run(2, () -> given().auth().oauth2(token)
                    .post("/v1/ekyc/applications/{id}/submit", id).statusCode());

            assertThat(statuses).containsExactlyInAnyOrder(200, 409);
            // One EkycSubmitted and one EkycApproved (they share the topic), not two of either.
            assertThat(approvals.recordsAfter(Duration.ofSeconds(3), r -> r.key().equals(member.id().toString())))
                    .extracting(r -> TopicReader.header(r, "ce_type"))
                    .containsExactlyInAnyOrder("EkycSubmitted.v1", "EkycApproved.v2");
        }
    }

    // Attempt limits under a burst: the tries of one member wait for each other, so exactly the allowed number is
    // judged, however many arrive at once.

    @Test
    void thirty_wrong_checkup_codes_at_once_are_judged_five_times() {
        TestUser member = member(pool, newGroup(true), AuthLevel.PERSONAL);
        String token = member.accessToken();

        List<Integer> statuses = AtOnce.run(30, () -> given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("code", "NOPE", "question", "q", "answer", "a")).post("/v1/checkup-codes/redeem")
                .statusCode());

        assertThat(statuses).filteredOn(status -> status == 422).as("judged CODE_INVALID").hasSize(5);
        assertThat(statuses).filteredOn(status -> status == 429).as("TOO_MANY_ATTEMPTS").hasSize(25);
        assertThat(pool.preparedQuery("SELECT count(*) FROM checkup_code_failure WHERE member_id = $1")
                .execute(Tuple.of(member.id())).await().indefinitely().iterator().next().getLong(0)).isEqualTo(5);
    }

    @Test
    void thirty_wrong_secret_answers_at_once_lock_the_question_at_the_fifth() {
        TestUser member = approvedMember(pool);
        String token = member.accessToken();

        List<String> codes = AtOnce.run(30, () -> given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("answer", "wrong")).post("/v1/sensitive-access").then().extract().<String>path("code"));

        assertThat(codes).filteredOn("ANSWER_WRONG"::equals).hasSize(4);
        assertThat(codes).filteredOn("LOCKED"::equals).hasSize(26);
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("answer", "kencom"))
                .post("/v1/sensitive-access").then().statusCode(403).body("code", equalTo("LOCKED"));
        assertThat(pool.preparedQuery("SELECT wrong_answers FROM secret_question WHERE member_id = $1")
                .execute(Tuple.of(member.id())).await().indefinitely().iterator().next().getInteger(0)).isEqualTo(5);
    }
}
