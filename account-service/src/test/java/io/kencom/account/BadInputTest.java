package io.kencom.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.kencom.account.SignupSteps.TestGroup;
import io.kencom.testsupport.Tokens;
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

/** Generated bad requests on every operation, by every role (docs/reliability.md §1). */
@QuarkusTest
class BadInputTest extends AccountTest {

    @Inject
    Pool pool;

    @Test
    void no_generated_bad_request_gets_a_5xx_a_bare_error_or_changes_a_table() {
        TestGroup group = SignupSteps.newGroup(false);
        String signup = SignupSteps.startedSignup(group);
        // A member who signed up, so that the member's own operations get past "no such member" (a bare Keycloak
        // user is 404 on /v1/members/me).
        String email = SignupSteps.newEmail();
        SignupSteps.signUp(group, email);

        List<BadInputCampaign.Report> reports = BadInputCampaign.against("account-service",
                Caller.everyRole(Tokens.accessToken(email, SignupSteps.PASSWORD), group.insurerNumber()),
                Map.of("id", List.of(signup)), new TableState(pool, Set.of()));

        for (BadInputCampaign.Report report : reports) {
            assertThat(report.findings()).as("findings with seed %d", report.seed()).isEmpty();
            assertThat(report.personalValuesSent()).as("personal values looked for in the service log").isPositive();
            assertThat(report.checkedForStateChange()).as("every refused or reading request checked against the tables")
                    .isEqualTo(report.requests() - report.acceptedWrites());
        }
    }
}
