package io.kencom.entitlement;

import static org.assertj.core.api.Assertions.assertThat;

import io.kencom.testsupport.KeycloakUsers;
import io.kencom.testsupport.campaign.BadInputCampaign;
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
class BadInputTest extends EntitlementTest {

    @Inject
    Pool pool;

    @Test
    void no_generated_bad_request_gets_a_5xx_a_bare_error_or_changes_a_table() {
        String insurerNumber = CatalogSteps.freshInsurerNumber();
        String groupId = CatalogSteps.freshGroupId();
        CatalogSteps.put(groupId, CatalogSteps.plainGroup(insurerNumber)).then().statusCode(201);

        List<BadInputCampaign.Report> reports = BadInputCampaign.against("entitlement-service",
                Caller.everyRole(KeycloakUsers.member(groupId), insurerNumber),
                Map.of("groupId", List.of(groupId), "insurerNumber", List.of(insurerNumber)),
                new TableState(pool, Set.of()));

        for (BadInputCampaign.Report report : reports) {
            assertThat(report.findings()).as("findings with seed %d", report.seed()).isEmpty();
            assertThat(report.checkedForStateChange()).as("every refused or reading request checked against the tables")
                    .isEqualTo(report.requests() - report.acceptedWrites());
        }
    }
}
