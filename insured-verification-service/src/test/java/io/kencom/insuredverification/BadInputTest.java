package io.kencom.insuredverification;

import static org.assertj.core.api.Assertions.assertThat;

import io.kencom.contracts.model.CardFormat;
import io.kencom.insuredverification.RosterSteps.TestGroup;
import io.kencom.testsupport.KeycloakUsers;
import io.kencom.testsupport.campaign.BadInputCampaign;
import io.kencom.testsupport.campaign.BadRequests.Body;
import io.kencom.testsupport.campaign.BadRequests.Caller;
import io.kencom.testsupport.campaign.TableState;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** docs/reliability.md §1: generated bad requests on every operation, by every role. */
@QuarkusTest
class BadInputTest extends VerificationServiceTest {

    @Inject
    Pool pool;

    @Test
    void no_generated_bad_request_gets_a_5xx_a_bare_error_or_changes_a_table() {
        TestGroup group = RosterSteps.newGroup(CardFormat.SYMBOL_AND_NUMBER);

        List<BadInputCampaign.Report> reports = BadInputCampaign.against("insured-verification-service",
                Caller.everyRole(KeycloakUsers.member(group.groupId()), group.insurerNumber()),
                Map.of("insurerNumber", List.of(group.insurerNumber()), "asOf", List.of("2026-11-01")),
                // Bodies the operations take as valid: a roster file with no rows, a card nobody holds.
                Map.of("POST /v1/insurers/{insurerNumber}/roster-files", List.of(new Body("text/csv; charset=UTF-8",
                                "personal_id,symbol,number,name_kana,birth_date,qualified_on,qualification_lost_on\n"
                                        .getBytes(StandardCharsets.UTF_8))),
                        "POST /v1/verifications", List.of(Body.json("{\"insurerNumber\": \"" + group.insurerNumber()
                                + "\", \"symbol\": \"1234\", \"number\": \"5678\", \"nameKana\": \"ケンコム ハナコ\", "
                                + "\"birthDate\": \"1985-04-01\"}"))),
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
