package io.kencom.ekyc;

import static io.kencom.ekyc.EkycSteps.member;
import static io.kencom.ekyc.EkycSteps.newGroup;
import static io.kencom.ekyc.EkycSteps.walkToSubmit;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.kencom.contracts.EventContract;
import io.kencom.contracts.events.EkycSubmitted.DocumentType;
import io.kencom.contracts.model.AuthLevel;
import io.kencom.testsupport.AtOnce;
import io.kencom.testsupport.Events;
import io.kencom.testsupport.KeycloakUsers.TestUser;
import io.kencom.testsupport.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Issue 19 §4: the same eKYC step sent twice at once has one effect (one token for both, as one app would send). */
@QuarkusTest
class ConcurrencyTest extends EkycServiceTest {

    @Inject
    Pool pool;

    @Test
    void openingTwiceAtOnceOpensOneApplication() {
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
    void submittingTwiceAtOnceSubmitsOnce() {
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
}
