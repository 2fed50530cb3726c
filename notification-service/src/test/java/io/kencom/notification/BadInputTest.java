package io.kencom.notification;

import static org.assertj.core.api.Assertions.assertThat;

import io.kencom.testsupport.ConsumerLag;
import io.kencom.testsupport.KeycloakUsers;
import io.kencom.testsupport.campaign.BadInputCampaign;
import io.kencom.testsupport.campaign.BadRequests.Caller;
import io.kencom.testsupport.campaign.TableState;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/** docs/reliability.md §1: generated bad requests on every operation, by every role. */
@QuarkusTest
class BadInputTest extends NotificationTest {

    @Inject
    Pool pool;

    @Test
    void no_generated_bad_request_gets_a_5xx_a_bare_error_or_changes_a_table() {
        // The events earlier test classes (and earlier runs) left on the broker make deliveries and addresses here as
        // they are read; the campaign would count that as its requests' doing (seen in a fresh clone's run).
        ConsumerLag.awaitCaughtUp(ConfigProvider.getConfig().getValue(
                "mp.messaging.connector.smallrye-kafka.group.id", String.class), Duration.ofMinutes(3));
        List<BadInputCampaign.Report> reports = BadInputCampaign.against("notification-service",
                Caller.everyRole(KeycloakUsers.member("g-bad-input"), "06139992"),
                Map.of("memberId", List.of(UUID.randomUUID().toString())),
                new TableState(pool, Set.of()));

        for (BadInputCampaign.Report report : reports) {
            assertThat(report.findings()).as("findings with seed %d", report.seed()).isEmpty();
            assertThat(report.checkedForStateChange()).as("every refused or reading request checked against the tables")
                    .isEqualTo(report.requests() - report.acceptedWrites());
        }
    }
}
