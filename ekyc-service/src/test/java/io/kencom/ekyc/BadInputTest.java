package io.kencom.ekyc;

import static io.kencom.ekyc.EkycSteps.member;
import static io.kencom.ekyc.EkycSteps.newGroup;
import static io.kencom.ekyc.EkycSteps.openApplication;
import static org.assertj.core.api.Assertions.assertThat;

import io.kencom.contracts.model.AuthLevel;
import io.kencom.testsupport.KeycloakUsers.TestUser;
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

/** Issue 19 §1: generated bad requests on every operation, by every role (docs/reliability.md). */
@QuarkusTest
class BadInputTest extends EkycServiceTest {

    @Inject
    Pool pool;

    @Test
    void noGeneratedBadRequestGetsA5xxABareErrorOrChangesATable() {
        TestUser member = member(pool, newGroup(true), AuthLevel.PERSONAL);
        String application = openApplication(member).toString();

        BadInputCampaign.Report report = BadInputCampaign.against("ekyc-service",
                Caller.everyRole(member, EkycSteps.INSURER_NUMBER), Map.of("id", List.of(application)),
                // A wrong checkup code is a refusal that counts towards the limit of five a day.
                new TableState(pool, Set.of("checkup_code_failure")));

        assertThat(report.findings()).isEmpty();
        assertThat(report.personalValuesSent()).as("personal values looked for in the service log").isPositive();
        assertThat(report.checkedForStateChange()).as("refused or reading requests checked against the tables")
                .isGreaterThan(report.requests() / 2);
    }
}
