package io.kencom.e2e.journey;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.kencom.contracts.events.AccountCreated;
import io.kencom.local.Postgres;
import io.kencom.local.ServiceApp;
import io.kencom.testsupport.Events;
import io.kencom.testsupport.Mailbox;
import io.kencom.testsupport.RealInfrastructure;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * docs/operations.md: deploy/k8s's alerts in a real Prometheus that scrapes the running services (OwnStack starts it
 * with them). A dead letter makes KencomDeadLetterWaiting fire; after the fix, ops' replay applies it and the alert
 * resolves. Then the overview dashboard is drawn from the whole run's data (the journey's and this test's).
 */
@Order(12)
class AlertsTest {

    private static final String ALERT = "KencomDeadLetterWaiting";
    private static final Duration ALERTED = Duration.ofSeconds(60);

    @RegisterExtension
    static final RunningStack STACK = new RunningStack();

    private final Staff ops = Staff.withRole("ops-admin");

    @Test
    void a_dead_letter_fires_its_alert_and_its_replay_after_the_fix_resolves_it() throws SQLException {
        Prometheus prometheus = OwnStack.SHARED.prometheus().orElse(null);
        Assumptions.assumeTrue(prometheus != null, "Prometheus scrapes the services this JVM starts: stop deploy/local/run");
        String job = ServiceApp.ENTITLEMENT.module();
        await("every service scraped").atMost(ALERTED).until(() -> prometheus.value("sum(up)") == 5);
        assertThat(prometheus.firing(ALERT, job)).as("%s firing for %s before any dead letter", ALERT, job).isFalse();

        UUID member = UUID.randomUUID();
        try (Connection entitlement = Postgres.connect(ServiceApp.ENTITLEMENT.database())) {
            // the fault: entitlement-service's database refuses this member's facts, so the event that brings them
            // fails past the inbox's retries and goes to the dead-letter topic
            refuse(entitlement, member);
            Events.publish(new AccountCreated(member, "g-alerts", "06139992", Mailbox.newAddress("alerts"),
                    Instant.now()));

            await("%s firing for %s".formatted(ALERT, job)).atMost(ALERTED).until(() -> prometheus.firing(ALERT, job));
            assertThat(prometheus.value("max(kencom_dead_letters_waiting{job=\"" + job + "\"})")).isEqualTo(1);
            assertThat(prometheus.value("sum(kencom_dead_letters_total{job=\"" + job + "\",cause=\"FAILED\"})"))
                    .isPositive();
            ops.direct(ServiceApp.ENTITLEMENT).get("/ops/dead-letters").then().statusCode(200)
                    .body("size()", equalTo(1))
                    .body("[0].eventId", notNullValue())
                    .body("[0].fromTopic", equalTo("kencom.account.events"))
                    .body("[0].type", equalTo("AccountCreated.v1"));
            assertThat(level(entitlement, member)).isNull();

            // the fix, then ops' replay: applied once, nothing waits, the alert resolves
            fix(entitlement);
            ops.direct(ServiceApp.ENTITLEMENT).post("/ops/dead-letters/replay").then().statusCode(200)
                    .body("applied", equalTo(1))
                    .body("deadLetteredAgain", equalTo(0))
                    .body("stillWaiting", equalTo(0));
            assertThat(level(entitlement, member)).isEqualTo("GROUP_ID");
            await("%s resolved for %s".formatted(ALERT, job)).atMost(ALERTED)
                    .until(() -> !prometheus.firing(ALERT, job)
                            && prometheus.value("max(kencom_dead_letters_waiting{job=\"" + job + "\"})") == 0);
        } finally {
            try (Connection entitlement = Postgres.connect(ServiceApp.ENTITLEMENT.database())) {
                fix(entitlement);
            }
        }
        // the replay needs ops' role: another role's token, or none, is refused
        Staff.withRole("ekyc-reviewer").direct(ServiceApp.ENTITLEMENT).post("/ops/dead-letters/replay").then()
                .statusCode(403);
        given().baseUri(ServiceApp.ENTITLEMENT.where()).post("/ops/dead-letters/replay")
                .then().statusCode(401);

        List<OverviewPicture.Tile> tiles = OverviewPicture.draw(prometheus,
                RealInfrastructure.layout().repoRoot().resolve("e2e-tests/target/overview.png"));
        OwnStack.SHARED.stopPrometheus();
        // what this test fed is there at least: the instances, the dead letter (the journey's traffic, when it ran first)
        assertThat(tiles).as("the overview's panels drawn").hasSize(10)
                .filteredOn(t -> t.title().startsWith("Instances up") || t.title().startsWith("Dead letters"))
                .hasSize(2).allMatch(t -> t.series() > 0);
    }

    private static void refuse(Connection db, UUID member) throws SQLException {
        try (Statement sql = db.createStatement()) {
            sql.execute("CREATE OR REPLACE FUNCTION alerts_test_refuses() RETURNS trigger AS $$ BEGIN "
                    + "RAISE EXCEPTION 'refused by AlertsTest'; END $$ LANGUAGE plpgsql");
            sql.execute("DROP TRIGGER IF EXISTS alerts_test_refuses ON member_facts");
            sql.execute("CREATE TRIGGER alerts_test_refuses BEFORE INSERT ON member_facts FOR EACH ROW WHEN "
                    + "(NEW.member_id = '" + member + "') EXECUTE FUNCTION alerts_test_refuses()");
        }
    }

    private static void fix(Connection db) throws SQLException {
        try (Statement sql = db.createStatement()) {
            sql.execute("DROP TRIGGER IF EXISTS alerts_test_refuses ON member_facts");
            sql.execute("DROP FUNCTION IF EXISTS alerts_test_refuses()");
        }
    }

    private static String level(Connection db, UUID member) throws SQLException {
        try (PreparedStatement sql = db.prepareStatement("SELECT level FROM member_facts WHERE member_id = ?")) {
            sql.setObject(1, member);
            try (ResultSet rs = sql.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
