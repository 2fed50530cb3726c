package io.kencom.insuredverification;

import static org.assertj.core.api.Assertions.assertThat;

import io.kencom.contracts.model.CardFormat;
import io.kencom.insuredverification.RosterSteps.TestGroup;
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

/** Issue 19 §1: generated bad requests on every operation, by every role (docs/reliability.md). */
@QuarkusTest
class BadInputTest extends VerificationServiceTest {

    @Inject
    Pool pool;

    @Test
    void noGeneratedBadRequestGetsA5xxABareErrorOrChangesATable() {
        TestGroup group = RosterSteps.newGroup(CardFormat.SYMBOL_AND_NUMBER);

        List<BadInputCampaign.Report> reports = BadInputCampaign.against("insured-verification-service",
                Caller.everyRole(KeycloakUsers.member(group.groupId()), group.insurerNumber()),
                Map.of("insurerNumber", List.of(group.insurerNumber())),
                // A failed verification is a refusal that counts towards the limit of five a day.
                new TableState(pool, Set.of("verification_failure")));

        for (BadInputCampaign.Report report : reports) {
            assertThat(report.findings()).as("findings with seed %d", report.seed()).isEmpty();
            assertThat(report.personalValuesSent()).as("personal values looked for in the service log").isPositive();
            assertThat(report.checkedForStateChange()).as("every refused or reading request checked against the tables")
                    .isEqualTo(report.requests() - report.acceptedWrites());
        }
    }
}
