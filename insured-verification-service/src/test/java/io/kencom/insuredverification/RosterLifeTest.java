package io.kencom.insuredverification;

import static io.kencom.insuredverification.RosterSteps.changedCard;
import static io.kencom.insuredverification.RosterSteps.enrolled;
import static io.kencom.insuredverification.RosterSteps.lost;
import static io.kencom.insuredverification.RosterSteps.newGroup;
import static io.kencom.insuredverification.RosterSteps.newInsured;
import static io.kencom.insuredverification.RosterSteps.publishAndAwait;
import static io.kencom.insuredverification.RosterSteps.reinstated;
import static io.kencom.insuredverification.RosterSteps.verify;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.kencom.contracts.CloudEvent;
import io.kencom.contracts.events.MemberDisaffiliated;
import io.kencom.contracts.events.MemberReaffiliated;
import io.kencom.contracts.events.MemberWithdrew;
import io.kencom.contracts.events.RosterUpdated;
import io.kencom.contracts.model.CardFormat;
import io.kencom.insuredverification.RosterSteps.Insured;
import io.kencom.insuredverification.RosterSteps.TestGroup;
import io.kencom.platform.Clocks;
import io.kencom.platform.crypto.Secrets;
import io.kencom.testsupport.AtOnce;
import io.kencom.testsupport.Events;
import io.kencom.testsupport.KeycloakUsers;
import io.kencom.testsupport.KeycloakUsers.TestUser;
import io.kencom.testsupport.MutableClock;
import io.kencom.testsupport.RealInfrastructure;
import io.kencom.testsupport.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The life of a link between an account and an insured person as the roster changes (domain.md §6, Q4, Q5, Q8). */
@QuarkusTest
class RosterLifeTest extends VerificationServiceTest {

    private static final LocalDate LOST_ON = LocalDate.of(2026, 6, 30);

    @Inject
    Pool pool;
    @Inject
    Secrets secrets;
    @Inject
    MutableClock clock;

    private TestGroup group;
    private TopicReader verificationEvents;

    @BeforeEach
    void aGroupAndItsEvents() {
        RosterSteps.awaitRosterConsumer(pool, secrets);
        group = newGroup(CardFormat.SYMBOL_AND_NUMBER);
        verificationEvents = TopicReader.fromNow(RealInfrastructure.kafka(),
                "kencom.verification.events");
    }

    @AfterEach
    void realTime() {
        clock.reset();
        verificationEvents.close();
    }

    @Test
    void loss_disaffiliates_and_re_joining_before_day_100_reaffiliates_but_on_day_100_the_link_has_ended() {
        Linked kept = linkedPerson("ケンコム イチロウ");
        Linked ended = linkedPerson("ケンコム ジロウ");
        Instant t = Instant.now();
        publishAndAwait(pool, secrets, lost(kept.person, LOST_ON, t));
        publishAndAwait(pool, secrets, lost(ended.person, LOST_ON, t));
        assertThat(awaitEvent(MemberDisaffiliated.class, kept.member).qualificationLostOn()).isEqualTo(LOST_ON);
        MemberDisaffiliated disaffiliated = awaitEvent(MemberDisaffiliated.class, ended.member);
        assertThat(disaffiliated.groupId()).isEqualTo(group.groupId());
        assertThat(disaffiliated.qualificationLostOn()).isEqualTo(LOST_ON);

        clock.set(LOST_ON.plusDays(99).atTime(23, 59).atZone(Clocks.JAPAN).toInstant());
        publishAndAwait(pool, secrets, reinstated(kept.person, LOST_ON.plusDays(90), t.plusSeconds(1)));
        assertThat(awaitEvent(MemberReaffiliated.class, kept.member).reaffiliatedOn()).isEqualTo(LOST_ON.plusDays(90));

        clock.set(LOST_ON.plusDays(100).atStartOfDay(Clocks.JAPAN).toInstant());
        publishAndAwait(pool, secrets, reinstated(ended.person, LOST_ON.plusDays(100), t.plusSeconds(1)));
        assertThat(eventsOf(ended.member, Duration.ofSeconds(3))).noneMatch(e -> e instanceof MemberReaffiliated);
        // The ended account's person is free: a new account links to them.
        verify(KeycloakUsers.member(group.groupId()), ended.person.typed()).statusCode(200);
        verify(KeycloakUsers.member(group.groupId()), kept.person.typed()).statusCode(409)
                .body("code", equalTo("ALREADY_LINKED"));
    }

    @Test
    void a_new_card_for_the_same_personal_id_keeps_the_link() {
        Linked linked = linkedPerson("ケンコム サブロウ");
        Insured reissued = linked.person.withCard("8765", "4321");
        publishAndAwait(pool, secrets, changedCard(reissued, Instant.now()));

        verify(linked.member, reissued.typed()).statusCode(200).body("outcome", equalTo("VERIFIED"));
        TestUser other = KeycloakUsers.member(group.groupId());
        verify(other, reissued.typed()).statusCode(409).body("code", equalTo("ALREADY_LINKED"));
        verify(other, linked.person.typed()).statusCode(422).body("code", equalTo("NO_MATCH"));
        assertThat(eventsOf(linked.member, Duration.ofSeconds(2))).isEmpty();
    }

    @Test
    void withdrawal_frees_the_insured_person_for_a_new_account() {
        Linked linked = linkedPerson("ケンコム シロウ");
        Events.publish(new MemberWithdrew(linked.member.id(), group.groupId(), Instant.now()));
        await().atMost(Duration.ofSeconds(30)).until(() -> pool
                .preparedQuery("SELECT 1 FROM insured_link WHERE member_id = $1").execute(Tuple.of(linked.member.id()))
                .await().indefinitely().size() == 0);

        verify(KeycloakUsers.member(group.groupId()), linked.person.typed()).statusCode(200);
    }

    @Test
    void older_news_never_overwrites_newer_and_a_redelivered_event_has_no_second_effect() {
        Linked linked = linkedPerson("ケンコム ゴロウ");
        Instant t = Instant.now();
        LocalDate lostOn = Clocks.todayInJapan(clock).minusDays(10);
        CloudEvent loss = Events.publish(lost(linked.person, lostOn, t.plusSeconds(10)));
        RosterSteps.awaitRosterAt(pool, secrets, group.insurerNumber(), linked.person.personalId(), t.plusSeconds(10));
        awaitEvent(MemberDisaffiliated.class, linked.member);

        // An enrolment older than the loss arrives late: the person stays lost, nothing is published.
        CloudEvent late = Events.publish(enrolled(linked.person, t.plusSeconds(5)));
        awaitProcessed(late.id());
        verify(KeycloakUsers.member(group.groupId()), linked.person.typed()).statusCode(422)
                .body("code", equalTo("QUALIFICATION_LOST"));

        // Re-joined; then the loss event is delivered again: the inbox knows it, the member stays affiliated.
        publishAndAwait(pool, secrets, reinstated(linked.person, lostOn.plusDays(1), t.plusSeconds(20)));
        awaitEvent(MemberReaffiliated.class, linked.member);
        Events.publish(loss);
        publishAndAwait(pool, secrets, changedCard(linked.person, t.plusSeconds(30))); // behind it in the partition
        assertThat(eventsOf(linked.member, Duration.ofSeconds(2)))
                .map(e -> e.getClass().getSimpleName()).containsExactly("MemberDisaffiliated", "MemberReaffiliated");
    }

    @Test
    void roster_data_that_cannot_be_a_person_goes_to_the_dead_letter_topic_and_the_rest_is_applied() {
        Insured bad = newInsured(group, "健康 太郎"); // kanji: not a name in katakana
        Insured good = newInsured(group, "ケンコム ロクロウ");
        try (TopicReader deadLetters = TopicReader.fromNow(RealInfrastructure.kafka(),
                "kencom.verification.dead-letter")) {
            CloudEvent refused = Events.publish(enrolled(bad, Instant.now()));
            publishAndAwait(pool, secrets, enrolled(good, Instant.now()));

            ConsumerRecord<String, String> dead = deadLetters.awaitRecord(r -> refused.id().toString()
                    .equals(TopicReader.header(r, "ce_id")));
            String reason = TopicReader.header(dead, "dead-letter-reason");
            assertThat(reason).contains("nameKana").contains("NOT_KATAKANA").doesNotContain("健康");
        }
        verify(KeycloakUsers.member(group.groupId()), good.typed()).statusCode(200);
    }

    @Test
    void a_loss_arriving_during_a_verification_either_refuses_it_or_disaffiliates_the_member_it_linked() {
        for (int round = 0; round < 4; round++) {
            Insured person = newInsured(group, "ケンコム サブロウ");
            publishAndAwait(pool, secrets, enrolled(person, Instant.now().minusSeconds(60)));
            TestUser member = KeycloakUsers.member(group.groupId());
            String token = member.accessToken();
            RosterUpdated loss = lost(person, LOST_ON, Instant.now());
            long head = round * 15L; // the verification a little later each round, so that either may come first

            List<Integer> answers = AtOnce.run(List.<Callable<Integer>>of(() -> {
                Thread.sleep(head);
                return given().auth().oauth2(token).contentType(ContentType.JSON).body(person.typed())
                        .post("/v1/verifications").statusCode();
            }, () -> {
                publishAndAwait(pool, secrets, loss);
                return 0;
            }));

            if (answers.get(0) == 200) {
                assertThat(awaitEvent(MemberDisaffiliated.class, member).qualificationLostOn())
                        .as("linked first, then lost").isEqualTo(LOST_ON);
            } else {
                assertThat(answers.get(0)).as("lost first").isEqualTo(422);
                assertThat(eventsOf(member, Duration.ofSeconds(2))).isEmpty();
                verify(member, person.typed()).statusCode(422).body("code", equalTo("QUALIFICATION_LOST"));
            }
        }
    }

    private record Linked(Insured person, TestUser member) {
    }

    private Linked linkedPerson(String nameKana) {
        Insured person = newInsured(group, nameKana);
        publishAndAwait(pool, secrets, enrolled(person, Instant.now().minusSeconds(60)));
        TestUser member = KeycloakUsers.member(group.groupId());
        verify(member, person.typed()).statusCode(200);
        return new Linked(person, member);
    }

    private <T> T awaitEvent(Class<T> type, TestUser member) {
        ConsumerRecord<String, String> record = verificationEvents.awaitRecord(r -> r.key().equals(
                member.id().toString()) && type.isInstance(TopicReader.envelope(r).event()));
        return type.cast(TopicReader.envelope(record).event());
    }

    /** The member's link events (not AccountVerified) seen by the end of the quiet period. */
    private List<Object> eventsOf(TestUser member, Duration quiet) {
        return verificationEvents.recordsAfter(quiet, r -> r.key().equals(member.id().toString())).stream()
                .map(r -> (Object) TopicReader.envelope(r).event())
                .filter(e -> e instanceof MemberDisaffiliated || e instanceof MemberReaffiliated).toList();
    }

    private void awaitProcessed(UUID eventId) {
        await().atMost(Duration.ofSeconds(30)).until(() -> pool
                .preparedQuery("SELECT 1 FROM processed_event WHERE event_id = $1").execute(Tuple.of(eventId))
                .await().indefinitely().size() == 1);
    }
}
