package io.kencom.insuredverification;

import static io.kencom.insuredverification.RosterSteps.awaitRosterAt;
import static io.kencom.insuredverification.RosterSteps.enrolled;
import static io.kencom.insuredverification.RosterSteps.entryOf;
import static io.kencom.insuredverification.RosterSteps.lost;
import static io.kencom.insuredverification.RosterSteps.newGroup;
import static io.kencom.insuredverification.RosterSteps.newInsured;
import static io.kencom.insuredverification.RosterSteps.publishAndAwait;
import static io.kencom.insuredverification.RosterSteps.verify;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.kencom.contracts.CloudEvent;
import io.kencom.contracts.Topic;
import io.kencom.contracts.events.RosterBatchUpdated;
import io.kencom.contracts.events.RosterUpdated;
import io.kencom.contracts.model.CardFormat;
import io.kencom.insuredverification.RosterSteps.Insured;
import io.kencom.insuredverification.RosterSteps.TestGroup;
import io.kencom.platform.crypto.Secrets;
import io.kencom.platform.messaging.DeadLetterReplay;
import io.kencom.testsupport.Events;
import io.kencom.testsupport.KeycloakUsers;
import io.kencom.testsupport.RealInfrastructure;
import io.kencom.testsupport.TopicReader;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Roster news of many persons in one event (RosterBatchUpdated): applied entry by entry, once per event id. */
@QuarkusTest
class RosterBatchTest extends VerificationServiceTest {

    @Inject
    Pool pool;
    @Inject
    Secrets secrets;
    @Inject
    MeterRegistry registry;
    @Inject
    DeadLetterReplay replay;

    private TestGroup group;

    @BeforeEach
    void aGroup() {
        RosterSteps.awaitRosterConsumer(pool, secrets);
        group = newGroup(CardFormat.SYMBOL_AND_NUMBER);
    }

    @Test
    void each_entry_means_what_its_single_event_would_and_the_batch_is_applied_once() {
        Insured taro = newInsured(group, "ケンコム タロウ");
        Insured hanako = newInsured(group, "ケンコム ハナコ");
        Insured leaver = newInsured(group, "ケンコム ジロウ");
        Instant t = Instant.now().minusSeconds(60);
        publishAndAwait(pool, secrets, enrolled(leaver, t.minusSeconds(60)));
        Counter eventRows = registry.counter("kencom.roster.rows.applied", "source", "EVENT", "insurer",
                group.insurerNumber());
        double appliedBefore = eventRows.count();

        CloudEvent batch = Events.publish(batchOf(enrolled(taro, t), enrolled(hanako, t),
                lost(leaver, LocalDate.of(2026, 10, 31), t)));
        awaitRosterAt(pool, secrets, group.insurerNumber(), hanako.personalId(), t);
        awaitRosterAt(pool, secrets, group.insurerNumber(), leaver.personalId(), t);
        verify(KeycloakUsers.member(group.groupId()), taro.typed()).statusCode(200);
        verify(KeycloakUsers.member(group.groupId()), hanako.typed()).statusCode(200);
        verify(KeycloakUsers.member(group.groupId()), leaver.typed()).statusCode(422)
                .body("code", equalTo("QUALIFICATION_LOST"));
        assertThat(eventRows.count()).as("rows applied, as ops see them").isGreaterThanOrEqualTo(appliedBefore + 3);

        // The same event again (a producer's retry), then a marker behind it in the insurer's partition: the
        // replay wrote nothing — the same news again would rewrite the row (its time is not older), the inbox stops it.
        long before = rowVersion(taro);
        Events.publish(batch);
        Insured marker = newInsured(group, "ケンコム マーカー");
        Events.publish(batchOf(enrolled(marker, Instant.now())));
        awaitRosterAt(pool, secrets, group.insurerNumber(), marker.personalId(), Instant.now().minusSeconds(60));
        assertThat(rowVersion(taro)).as("taro's roster row after the replay").isEqualTo(before);
    }

    @Test
    void a_bad_entry_goes_to_the_dead_letter_topic_alone_and_the_rest_of_its_batch_applies() {
        Insured first = newInsured(group, "ケンコム イチロウ");
        Insured kanji = newInsured(group, "健康 太郎"); // not a name in katakana
        Insured last = newInsured(group, "ケンコム サブロウ");
        Instant t = Instant.now();
        Counter refused = rosterDeadLetters("REJECTED");
        double refusedBefore = refused.count();
        try (TopicReader deadLetters = deadLetterTopic()) {
            List<RosterBatchUpdated.Entry> entries = new ArrayList<>(batchOf(enrolled(first, t), enrolled(kanji, t),
                    enrolled(last, t)).entries());
            entries.add(2, new RosterBatchUpdated.Entry(null, RosterUpdated.Change.ENROLLED, null, null, null, null,
                    null, null, t)); // no personal ID at all
            CloudEvent batch = Events.publish(new RosterBatchUpdated(group.insurerNumber(), entries, t));
            awaitRosterAt(pool, secrets, group.insurerNumber(), last.personalId(), t);

            List<ConsumerRecord<String, String>> dead = List.of(deadEntry(deadLetters, batch, 1),
                    deadEntry(deadLetters, batch, 2));
            assertThat(TopicReader.header(dead.get(0), "dead-letter-reason")).contains("nameKana")
                    .contains("NOT_KATAKANA").doesNotContain("健康");
            assertThat(TopicReader.header(dead.get(1), "dead-letter-reason")).contains("personalId");
            for (ConsumerRecord<String, String> d : dead) {
                // A batch of that one entry, with an id of its own: put back once fixed, it applies once.
                CloudEvent alone = TopicReader.envelope(d);
                assertThat(((RosterBatchUpdated) alone.event()).entries()).hasSize(1);
                assertThat(alone.id()).isNotEqualTo(batch.id()).isEqualTo(UUID.nameUUIDFromBytes(
                        (batch.id() + "/" + TopicReader.header(d, "dead-letter-entry")).getBytes(StandardCharsets.UTF_8)));
                assertThat(d.key()).isEqualTo(group.insurerNumber());
            }
            assertThat(dead.get(0).value()).contains(kanji.personalId()).doesNotContain(first.personalId())
                    .doesNotContain(last.personalId());
            assertThat(refused.count()).as("dead letters, as ops see them").isGreaterThanOrEqualTo(refusedBefore + 2);
        }
        verify(KeycloakUsers.member(group.groupId()), first.typed()).statusCode(200);
        verify(KeycloakUsers.member(group.groupId()), last.typed()).statusCode(200);
        assertThat(rowsOf(kanji)).as("the refused entry's person").isZero();
    }

    @Test
    void a_batch_over_the_limit_goes_to_the_dead_letter_topic_whole_and_nothing_of_it_applies() {
        Insured person = newInsured(group, "ケンコム シロウ");
        Instant t = Instant.now();
        List<RosterBatchUpdated.Entry> entries = new ArrayList<>();
        entries.add(entryOf(enrolled(person, t)));
        for (int i = entries.size(); i <= RosterBatchUpdated.MAX_ENTRIES; i++) {
            entries.add(new RosterBatchUpdated.Entry("L" + i, RosterUpdated.Change.QUALIFICATION_LOST, null, null,
                    null, null, null, LocalDate.of(2026, 10, 31), t));
        }
        try (TopicReader deadLetters = deadLetterTopic()) {
            CloudEvent batch = Events.publish(new RosterBatchUpdated(group.insurerNumber(), entries, t));
            ConsumerRecord<String, String> dead = deadLetters.awaitRecord(
                    r -> batch.id().toString().equals(TopicReader.header(r, "ce_id")), Duration.ofSeconds(60));
            assertThat(TopicReader.header(dead, "dead-letter-reason")).isEqualTo("too many entries: "
                    + (RosterBatchUpdated.MAX_ENTRIES + 1) + " (at most " + RosterBatchUpdated.MAX_ENTRIES + ")");
            assertThat(dead.value()).isEqualTo(batch.data());
        }
        assertThat(rowsOf(person)).isZero();
    }

    @Test
    void a_batch_the_database_refuses_is_dead_lettered_counted_and_applied_by_a_replay_after_the_fix() {
        Insured person = newInsured(group, "ケンコム ゴロウ");
        Instant t = Instant.now();
        Counter failed = rosterDeadLetters("FAILED");
        double failedBefore = failed.count();
        try (TopicReader deadLetters = deadLetterTopic()) {
            // the fault: the database refuses this insurer's rows, past the retries
            sql("CREATE OR REPLACE FUNCTION roster_test_refuses() RETURNS trigger AS $$ BEGIN "
                    + "RAISE EXCEPTION 'refused by RosterBatchTest'; END $$ LANGUAGE plpgsql");
            sql("CREATE TRIGGER roster_test_refuses BEFORE INSERT ON roster_entry FOR EACH ROW WHEN "
                    + "(NEW.insurer_number = '" + group.insurerNumber() + "') EXECUTE FUNCTION roster_test_refuses()");
            CloudEvent batch = Events.publish(batchOf(enrolled(person, t)));
            ConsumerRecord<String, String> dead = deadLetters.awaitRecord(
                    r -> batch.id().toString().equals(TopicReader.header(r, "ce_id")), Duration.ofSeconds(60));
            assertThat(TopicReader.header(dead, "dead-letter-topic")).isEqualTo(
                    Topic.INSURER_ROSTER.topicName(group.insurerNumber()));
            assertThat(failed.count()).as("dead letters, as ops see them").isGreaterThanOrEqualTo(failedBefore + 1);
            assertThat(rowsOf(person)).isZero();
        } finally {
            sql("DROP TRIGGER IF EXISTS roster_test_refuses ON roster_entry");
        }

        // fixed: ops' replay applies it through the roster's consumer
        assertThat(replay.replay().applied()).isPositive();
        awaitRosterAt(pool, secrets, group.insurerNumber(), person.personalId(), t);
        verify(KeycloakUsers.member(group.groupId()), person.typed()).statusCode(200);
    }

    /** What ops see of the roster consumer's dead letters of one cause. */
    private Counter rosterDeadLetters(String cause) {
        return registry.counter("kencom.dead.letters", "consumer", "insured-verification-service/roster", "cause",
                cause);
    }

    private static TopicReader deadLetterTopic() {
        return TopicReader.fromNow(RealInfrastructure.kafka(), "kencom.verification.dead-letter");
    }

    private void sql(String statement) {
        pool.query(statement).execute().await().indefinitely();
    }

    private RosterBatchUpdated batchOf(RosterUpdated... updates) {
        return new RosterBatchUpdated(group.insurerNumber(), Arrays.stream(updates)
                .map(RosterSteps::entryOf).toList(), Instant.now());
    }

    private static ConsumerRecord<String, String> deadEntry(TopicReader deadLetters, CloudEvent batch, int entry) {
        return deadLetters.awaitRecord(r -> batch.id().toString().equals(TopicReader.header(r, "dead-letter-event"))
                && Integer.toString(entry).equals(TopicReader.header(r, "dead-letter-entry")));
    }

    private Buffer personKey(Insured p) {
        return RosterSteps.personKey(secrets, p.insurerNumber(), p.personalId());
    }

    /** The row's version: its creating transaction's id changes with every write. */
    private long rowVersion(Insured p) {
        return pool.preparedQuery("SELECT xmin::text::bigint FROM roster_entry WHERE person_key = $1")
                .execute(Tuple.of(personKey(p))).await().indefinitely().iterator().next().getLong(0);
    }

    private long rowsOf(Insured p) {
        return pool.preparedQuery("SELECT count(*) FROM roster_entry WHERE person_key = $1")
                .execute(Tuple.of(personKey(p))).await().indefinitely().iterator().next().getLong(0);
    }
}
