package io.kencom.ekyc;

import static io.kencom.ekyc.EkycSteps.member;
import static io.kencom.ekyc.EkycSteps.newGroup;
import static io.kencom.ekyc.EkycSteps.openApplication;
import static org.assertj.core.api.Assertions.assertThat;

import io.kencom.contracts.model.AuthLevel;
import io.kencom.testsupport.KeycloakUsers.TestUser;
import io.kencom.testsupport.campaign.BadInputCampaign;
import io.kencom.testsupport.campaign.BadRequests.Body;
import io.kencom.testsupport.campaign.BadRequests.Caller;
import io.kencom.testsupport.campaign.TableState;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** docs/reliability.md §1: generated bad requests on every operation, by every role. */
@QuarkusTest
class BadInputTest extends EkycServiceTest {

    @Inject
    Pool pool;

    @Test
    void no_generated_bad_request_gets_a_5xx_a_bare_error_or_changes_a_table() {
        EkycSteps.Group group = newGroup(true);
        TestUser member = member(pool, group, AuthLevel.PERSONAL);
        String application = openApplication(member).toString();
        // Bodies the operations take as valid, so that requests also reach their own rules: a photo, a group's codes
        // (loaded by ops-admin), a code to redeem, a JPKI submission whose certificate is not one, a document's data,
        // a reviewer's decision (on an application not in review).
        Map<String, List<Body>> valid = Map.of(
                "PUT /v1/ekyc/applications/{id}/images/{side}", List.of(new Body("image/jpeg", EkycSteps.CARD_OF_A)),
                "POST /v1/groups/{groupId}/checkup-codes", List.of(Body.json(
                        "{\"codes\": [\"CAMPAIGN-7G4K\"], \"expiresOn\": \"2099-03-31\"}")),
                "POST /v1/checkup-codes/redeem", List.of(Body.json(
                        "{\"code\": \"CAMPAIGN-0000\", \"question\": \"好きな色\", \"answer\": \"あお\"}")),
                "PUT /v1/ekyc/applications/{id}/document-data", List.of(Body.json(
                        "{\"name\": \"健康 花子\", \"birthDate\": \"1980-01-01\"}")),
                "POST /v1/ekyc/reviews/{id}/decision", List.of(Body.json("{\"decision\": \"APPROVE\"}")),
                "POST /v1/ekyc/jpki/verifications", List.of(Body.json("{\"certificate\": \"MIIBAA==\", "
                        + "\"signature\": \"AAAA\", \"nonce\": \"AAAAAAAAAAAAAAAAAAAAAA==\", \"question\": \"好きな色\", "
                        + "\"answer\": \"あお\"}")));

        List<BadInputCampaign.Report> reports = BadInputCampaign.against("ekyc-service",
                Caller.everyRole(member, EkycSteps.INSURER_NUMBER), Map.of("id", List.of(application), "side",
                        List.of("FRONT", "BACK"), "groupId", List.of(group.groupId())), valid,
                // A wrong checkup code is a refusal that counts towards the limit of five a day.
                new TableState(pool, Set.of("checkup_code_failure")));

        for (BadInputCampaign.Report report : reports) {
            assertThat(report.findings()).as("findings with seed %d", report.seed()).isEmpty();
            assertThat(report.personalValuesSent()).as("personal values looked for in the service log").isPositive();
            assertThat(report.checkedForStateChange()).as("every refused or reading request checked against the tables")
                    .isEqualTo(report.requests() - report.acceptedWrites());
        }
    }
}
