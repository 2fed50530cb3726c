package io.kencom.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kencom.contracts.events.AccountVerified;
import io.kencom.testsupport.campaign.TableState;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The bad-input campaign's judge of "no table changed" (test-support TableState) against the write it once missed:
 * an outbox row inserted and relayed between two readings, which leaves every table as it was.
 */
@QuarkusTest
@QuarkusTestResource(DedicatedBroker.class)
class TableStateTest {

    @Inject
    Outbox outbox;

    @Inject
    Pool pool;

    @Test
    void an_event_published_and_relayed_between_two_readings_is_a_change() throws Throwable {
        // The test consumer's own row for the event, written in the background, is not what is judged here.
        TableState tables = new TableState(pool, Set.of("applied_effect"));
        Map<String, String> before = tables.settled();

        UUID member = UUID.randomUUID();
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(
                () -> outbox.publish(new AccountVerified(member, "g-test", "06139992", Instant.now()))));
        await().until(() -> pool.preparedQuery("SELECT count(*) FROM outbox_event WHERE record_key = $1")
                .execute(Tuple.of(member.toString())).await().indefinitely().iterator().next().getLong(0) == 0);
        Map<String, String> after = tables.snapshot();

        assertThat(tablesAlone(after)).as("the tables alone, as the campaign read them before").isEqualTo(
                tablesAlone(before));
        assertThat(after).as("with the relay's count").isNotEqualTo(before);
    }

    private static Map<String, String> tablesAlone(Map<String, String> state) {
        Map<String, String> tables = new TreeMap<>(state);
        tables.keySet().removeIf(key -> key.contains(" ")); // the relay's count: not a table name
        return tables;
    }
}
