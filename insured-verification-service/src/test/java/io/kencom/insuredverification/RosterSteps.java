package io.kencom.insuredverification;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.kencom.contracts.events.GroupChanged;
import io.kencom.contracts.events.RosterBatchUpdated;
import io.kencom.contracts.events.RosterUpdated;
import io.kencom.contracts.model.CardFormat;
import io.kencom.contracts.model.ConsentDocument;
import io.kencom.contracts.model.GroupCategory;
import io.kencom.contracts.model.InsurerNumber;
import io.kencom.insuredverification.domain.InsuredPerson;
import io.kencom.platform.crypto.Secrets;
import io.kencom.testsupport.Events;
import io.kencom.testsupport.KeycloakUsers.TestUser;
import io.kencom.testsupport.KeycloakUsers;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.awaitility.core.ConditionTimeoutException;

/** What the tests do as an insurer, as ops (the catalog) and as a member, in the domain's words. */
final class RosterSteps {

    /** A group of the catalog with one insurer number. */
    record TestGroup(String groupId, String insurerNumber, CardFormat cardFormat) {
    }

    /** An insured person as the insurer's roster has them (the card as printed). */
    record Insured(String insurerNumber, String personalId, String symbol, String number, String nameKana,
            LocalDate birthDate) {

        Insured withCard(String newSymbol, String newNumber) {
            return new Insured(insurerNumber, personalId, newSymbol, newNumber, nameKana, birthDate);
        }

        /** The member's request as typed from this card. */
        Map<String, Object> typed() {
            Map<String, Object> body = new HashMap<>();
            body.put("insurerNumber", insurerNumber);
            body.put("symbol", symbol);
            body.put("number", number);
            body.put("nameKana", nameKana);
            body.put("birthDate", birthDate.toString());
            return body;
        }
    }

    private RosterSteps() {
    }

    /**
     * Waits until the service's roster consumer reads the topic: it starts at the topic's end in tests, so an event
     * published before it has its partitions would be missed. A probe person is enrolled until the roster has them.
     */
    static void awaitRosterConsumer(Pool pool, Secrets secrets) {
        Insured probe = newInsured(new TestGroup("g-probe", freshInsurerNumber(), CardFormat.NUMBER_ONLY), "プローブ");
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            Instant at = Instant.now();
            Events.publish(enrolled(probe, at));
            try {
                awaitRosterAt(pool, secrets, probe.insurerNumber(), probe.personalId(), at, Duration.ofSeconds(2));
                return true;
            } catch (ConditionTimeoutException e) {
                return false;
            }
        });
    }

    /** A new group with a fresh insurer number and this card format, once this service's catalog has it. */
    static TestGroup newGroup(CardFormat format) {
        TestGroup group = new TestGroup("g-" + UUID.randomUUID(), freshInsurerNumber(), format);
        Events.publish(new GroupChanged(group.groupId(), List.of(group.insurerNumber()), "テスト健康保険組合",
                GroupCategory.HEALTH_INSURANCE_SOCIETY_OR_COMPANY, format,
                List.of(new ConsentDocument(ConsentDocument.Kind.PRIVACY_POLICY, "1", true),
                        new ConsentDocument(ConsentDocument.Kind.MEMBER_TERMS, "1", true)),
                null, List.of(), List.of(), true, 1, Instant.now()));
        String token = anyMember().accessToken();
        await().atMost(Duration.ofSeconds(30)).until(() -> given().auth().oauth2(token)
                .get("/v1/insurers/{n}/card-format", group.insurerNumber()).statusCode() == 200);
        return group;
    }

    private static TestUser anyMember;

    static synchronized TestUser anyMember() {
        if (anyMember == null) {
            anyMember = KeycloakUsers.member("g-none");
        }
        return anyMember;
    }

    /** A random 8-digit insurer number with the right check digit. */
    static String freshInsurerNumber() {
        String digits = String.format("%07d", ThreadLocalRandom.current().nextInt(10_000_000));
        return digits + InsurerNumber.checkDigit(digits);
    }

    /** A new insured person with a card of the group's format (numbers as the card prints them). */
    static Insured newInsured(TestGroup group, String nameKana) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String front = String.format("%04d", random.nextInt(10_000));
        String back = String.format("%04d", random.nextInt(10_000));
        String symbol = switch (group.cardFormat()) {
            case NUMBER_WITH_HYPHEN, NUMBER_ONLY -> null;
            case SYMBOL_WITH_HYPHEN_AND_NUMBER -> String.format("%02d-%03d", random.nextInt(100), random.nextInt(1000));
            case SYMBOL_AND_NUMBER -> String.format("%04d", random.nextInt(10_000));
        };
        String number = group.cardFormat() == CardFormat.NUMBER_WITH_HYPHEN ? front + "-" + back
                : group.cardFormat() == CardFormat.NUMBER_ONLY ? front + back : back;
        return new Insured(group.insurerNumber(), "P" + UUID.randomUUID(), symbol, number, nameKana,
                LocalDate.of(1960 + random.nextInt(40), 1 + random.nextInt(12), 1 + random.nextInt(28)));
    }

    static RosterUpdated enrolled(Insured p, Instant at) {
        return new RosterUpdated(p.insurerNumber(), p.personalId(), RosterUpdated.Change.ENROLLED, p.symbol(),
                p.number(), p.nameKana(), p.birthDate(), LocalDate.of(2020, 4, 1), null, at);
    }

    static RosterUpdated lost(Insured p, LocalDate lostOn, Instant at) {
        return new RosterUpdated(p.insurerNumber(), p.personalId(), RosterUpdated.Change.QUALIFICATION_LOST, null,
                null, null, null, null, lostOn, at);
    }

    static RosterUpdated reinstated(Insured p, LocalDate qualifiedOn, Instant at) {
        return new RosterUpdated(p.insurerNumber(), p.personalId(), RosterUpdated.Change.REINSTATED, null, null,
                null, null, qualifiedOn, null, at);
    }

    static RosterUpdated changedCard(Insured p, Instant at) {
        return new RosterUpdated(p.insurerNumber(), p.personalId(), RosterUpdated.Change.CHANGED, p.symbol(),
                p.number(), p.nameKana(), p.birthDate(), null, null, at);
    }

    /** The single event's news as an entry of a batch. */
    static RosterBatchUpdated.Entry entryOf(RosterUpdated u) {
        return new RosterBatchUpdated.Entry(u.personalId(), u.change(), u.symbol(), u.number(), u.nameKana(),
                u.birthDate(), u.qualifiedOn(), u.qualificationLostOn(), u.updatedAt());
    }

    /** Publishes roster news as the insurer and waits until the roster holds it. */
    static void publishAndAwait(Pool pool, Secrets secrets, RosterUpdated news) {
        Events.publish(news);
        awaitRosterAt(pool, secrets, news.insurerNumber(), news.personalId(), news.updatedAt());
    }

    static void awaitRosterAt(Pool pool, Secrets secrets, String insurerNumber, String personalId, Instant at) {
        awaitRosterAt(pool, secrets, insurerNumber, personalId, at, Duration.ofSeconds(30));
    }

    private static void awaitRosterAt(Pool pool, Secrets secrets, String insurerNumber, String personalId, Instant at,
            Duration atMost) {
        Buffer key = personKey(secrets, insurerNumber, personalId);
        await().atMost(atMost).until(() -> pool
                .preparedQuery("SELECT 1 FROM roster_entry WHERE person_key = $1 AND updated_at >= $2")
                .execute(Tuple.of(key, at.atOffset(ZoneOffset.UTC))).await().indefinitely().size() == 1);
    }

    /** The roster entry's key of a person, as the service stores it. */
    static Buffer personKey(Secrets secrets, String insurerNumber, String personalId) {
        return Buffer.buffer(secrets.lookupDigest(InsuredPerson.personText(new InsurerNumber(insurerNumber),
                personalId)));
    }

    static ValidatableResponse verify(TestUser member, Map<String, Object> typed) {
        return given().auth().oauth2(member.accessToken()).contentType(ContentType.JSON).body(typed)
                .post("/v1/verifications").then();
    }
}
