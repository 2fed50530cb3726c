package io.kencom.insuredverification;

import static io.kencom.insuredverification.RosterSteps.enrolled;
import static io.kencom.insuredverification.RosterSteps.entryOf;
import static io.kencom.insuredverification.RosterSteps.lost;
import static io.kencom.insuredverification.RosterSteps.newGroup;
import static io.kencom.insuredverification.RosterSteps.newInsured;
import static io.kencom.insuredverification.RosterSteps.publishAndAwait;
import static io.kencom.insuredverification.RosterSteps.verify;
import static org.assertj.core.api.Assertions.assertThat;

import io.kencom.contracts.CloudEvent;
import io.kencom.contracts.Topic;
import io.kencom.contracts.events.RosterBatchUpdated;
import io.kencom.contracts.events.RosterUpdated;
import io.kencom.contracts.model.CardFormat;
import io.kencom.insuredverification.RosterSteps.Insured;
import io.kencom.insuredverification.RosterSteps.TestGroup;
import io.kencom.platform.crypto.Secrets;
import io.kencom.testsupport.Events;
import io.kencom.testsupport.KeycloakUsers;
import io.kencom.testsupport.RealInfrastructure;
import io.kencom.testsupport.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Each insurer's roster arrives on a topic of its own, and only that insurer's news counts there: the broker keeps a
 * feed to its own topic (KafkaPrincipalsTest), this service keeps a topic to its own insurer.
 */
@QuarkusTest
class RosterTopicTest extends VerificationServiceTest {

    @Inject
    Pool pool;
    @Inject
    Secrets secrets;

    @Test
    void news_of_another_insurer_on_an_insurers_topic_goes_to_the_dead_letter_topic_whole_and_the_other_roster_stays_as_it_was() {
        RosterSteps.awaitRosterConsumer(pool, secrets);
        TestGroup x = newGroup(CardFormat.NUMBER_ONLY);
        TestGroup y = newGroup(CardFormat.NUMBER_ONLY);
        Insured ofY = newInsured(y, "ケンコム タロウ");
        Instant t = Instant.now().minusSeconds(60);
        publishAndAwait(pool, secrets, enrolled(ofY, t));
        String topicOfX = Topic.INSURER_ROSTER.topicName(x.insurerNumber());

        try (TopicReader deadLetters = TopicReader.fromNow(RealInfrastructure.kafka(),
                Topic.VERIFICATION_DEAD_LETTER.topicName());
                Events.Publisher feedOfX = Events.publisher(RealInfrastructure.kafka())) {
            // X's feed writes that Y's insured person lost their qualification, once alone and once in a batch
            RosterUpdated loss = lost(ofY, LocalDate.of(2026, 10, 31), Instant.now());
            CloudEvent single = CloudEvent.of(UUID.randomUUID(), "/insurer/" + x.insurerNumber(), loss, Instant.now());
            CloudEvent batch = CloudEvent.of(UUID.randomUUID(), "/insurer/" + x.insurerNumber(),
                    new RosterBatchUpdated(y.insurerNumber(), List.of(entryOf(loss)), Instant.now()), Instant.now());
            feedOfX.sendTo(topicOfX, single);
            feedOfX.sendTo(topicOfX, batch);
            // and one whose insurer number field holds a name: refused too, and the name echoed nowhere
            CloudEvent garbled = CloudEvent.of(UUID.randomUUID(), "/insurer/" + x.insurerNumber(),
                    new RosterUpdated("ケンコム タロウ", loss.personalId(), loss.change(), null, null, null, null, null,
                            loss.qualificationLostOn(), loss.updatedAt()), Instant.now());
            feedOfX.sendTo(topicOfX, garbled);

            for (CloudEvent refused : List.of(single, batch)) {
                ConsumerRecord<String, String> dead = deadLetters.awaitRecord(
                        r -> refused.id().toString().equals(TopicReader.header(r, "ce_id")));
                assertThat(TopicReader.header(dead, "dead-letter-reason")).isEqualTo("insurer " + y.insurerNumber()
                        + " is not the insurer of " + topicOfX);
                assertThat(TopicReader.header(dead, "dead-letter-topic")).isEqualTo(topicOfX);
                assertThat(dead.value()).isEqualTo(refused.data());
            }
            ConsumerRecord<String, String> dead = deadLetters.awaitRecord(
                    r -> garbled.id().toString().equals(TopicReader.header(r, "ce_id")));
            assertThat(TopicReader.header(dead, "dead-letter-reason"))
                    .isEqualTo("insurer (not an insurer number) is not the insurer of " + topicOfX);
        }
        // X's own news behind them on the same topic applies, and Y's insured person is as Y's roster says
        Insured ofX = newInsured(x, "ケンコム ハナコ");
        publishAndAwait(pool, secrets, enrolled(ofX, Instant.now()));
        verify(KeycloakUsers.member(x.groupId()), ofX.typed()).statusCode(200);
        verify(KeycloakUsers.member(y.groupId()), ofY.typed()).statusCode(200); // not QUALIFICATION_LOST
    }
}
