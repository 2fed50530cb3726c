package io.kencom.insuredverification;

import static io.kencom.insuredverification.RosterSteps.enrolled;
import static io.kencom.insuredverification.RosterSteps.newGroup;
import static io.kencom.insuredverification.RosterSteps.newInsured;
import static io.kencom.insuredverification.RosterSteps.publishAndAwait;
import static io.kencom.insuredverification.RosterSteps.verify;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.kencom.contracts.EventContract;
import io.kencom.contracts.events.AccountVerified;
import io.kencom.contracts.events.MemberDisaffiliated;
import io.kencom.contracts.model.CardFormat;
import io.kencom.contracts.model.InsurerNumber;
import io.kencom.insuredverification.RosterSteps.Insured;
import io.kencom.insuredverification.RosterSteps.TestGroup;
import io.kencom.platform.crypto.PersonReferences;
import io.kencom.platform.crypto.Secrets;
import io.kencom.testsupport.Events;
import io.kencom.testsupport.KeycloakUsers.TestUser;
import io.kencom.testsupport.KeycloakUsers;
import io.kencom.testsupport.RealInfrastructure;
import io.kencom.testsupport.TopicReader;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Insurers' roster files: CSV in Shift_JIS or UTF-8, streamed, with a report of the rows refused. */
@QuarkusTest
class RosterFileTest extends VerificationServiceTest {

    private static final Charset SHIFT_JIS = Charset.forName("windows-31j");
    private static final String HEADER = "personal_id,symbol,number,name_kana,birth_date,qualified_on,qualification_lost_on\n";

    @Inject
    Pool pool;
    @Inject
    Secrets secrets;
    @Inject
    PersonReferences personRefs;
    @Inject
    MeterRegistry registry;

    private TestGroup group;
    private String feed;

    @BeforeEach
    void aGroupAndItsFeed() {
        RosterSteps.awaitRosterConsumer(pool, secrets);
        group = newGroup(CardFormat.SYMBOL_AND_NUMBER);
        feed = KeycloakUsers.insurerFeed(group.insurerNumber()).accessToken();
    }

    @Test
    void a_shift_jis_file_is_applied_row_by_row_and_its_report_names_the_refused_rows_by_line_only() {
        Insured taro = newInsured(group, "ケンコム タロウ");
        Insured hanako = newInsured(group, "ケンコム ハナコ");
        Insured leaver = newInsured(group, "ケンコム ジロウ");
        Insured kanji = newInsured(group, "健康 太郎");
        String csv = HEADER
                + row(taro, null)
                + row(kanji, null)                                          // line 3: not katakana
                + row(hanako, null)
                + row(leaver, LocalDate.of(2026, 9, 30))
                + "P-bad-date,1234,5678,ケンコム サブロウ,1980/02/30,,\n"   // line 6: no such day
                + row(taro, null);                                          // line 7: taro again
        Counter fileRows = registry.counter("kencom.roster.rows.applied", "source", "FILE", "insurer",
                group.insurerNumber());
        double before = fileRows.count();

        JsonPath report = upload(csv.getBytes(SHIFT_JIS), "text/csv", "2026-11-01").statusCode(200)
                .body("alreadyApplied", equalTo(false)).body("charset", equalTo("windows-31j"))
                .body("rows", equalTo(6)).body("applied", equalTo(3)).body("rejected", equalTo(3))
                .extract().jsonPath();
        assertThat(report.getList("rejections", Map.class)).containsExactly(
                Map.of("line", 3, "field", "name_kana", "reason", "NOT_KATAKANA"),
                Map.of("line", 6, "field", "birth_date", "reason", "NOT_A_DATE"),
                Map.of("line", 7, "field", "personal_id", "reason", "REPEATED_IN_FILE"));
        assertThat(report.prettify()).doesNotContain("ケンコム").doesNotContain(taro.personalId());
        assertThat(fileRows.count()).as("rows applied, as ops see them").isEqualTo(before + 3);

        verify(KeycloakUsers.member(group.groupId()), taro.typed()).statusCode(200);
        verify(KeycloakUsers.member(group.groupId()), hanako.typed()).statusCode(200);
        verify(KeycloakUsers.member(group.groupId()), leaver.typed()).statusCode(422)
                .body("code", equalTo("QUALIFICATION_LOST"));
        verify(KeycloakUsers.member(group.groupId()), kanji.typed()).statusCode(422)
                .body("code", equalTo("FIELD_INVALID"));
    }

    @Test
    void a_link_carries_the_persons_reference_from_a_file_row_and_none_for_an_entry_older_than_it() {
        Insured taro = newInsured(group, "ケンコム タロウ");
        Insured jiro = newInsured(group, "ケンコム ジロウ");
        upload((HEADER + row(taro, null) + row(jiro, null)).getBytes(SHIFT_JIS), "text/csv", "2026-11-01")
                .statusCode(200).body("applied", equalTo(2));
        // jiro's entry as a roster written before the reference existed holds it.
        pool.preparedQuery("UPDATE roster_entry SET person_ref = NULL WHERE person_key = $1")
                .execute(Tuple.of(RosterSteps.personKey(secrets, group.insurerNumber(), jiro.personalId())))
                .await().indefinitely();

        try (TopicReader events = Events.readerOf(EventContract.ACCOUNT_VERIFIED)) {
            TestUser taroMember = KeycloakUsers.member(group.groupId());
            TestUser jiroMember = KeycloakUsers.member(group.groupId());
            verify(taroMember, taro.typed()).statusCode(200);
            verify(jiroMember, jiro.typed()).statusCode(200);
            AccountVerified taroLinked = (AccountVerified) TopicReader.envelope(events.awaitRecord(
                    r -> r.key().equals(taroMember.id().toString()))).event();
            AccountVerified jiroLinked = (AccountVerified) TopicReader.envelope(events.awaitRecord(
                    r -> r.key().equals(jiroMember.id().toString()))).event();
            assertThat(taroLinked.personRef()).isEqualTo(PersonReferences.text(personRefs.of(
                    InsurerNumber.parse(group.insurerNumber()), taro.personalId())));
            assertThat(jiroLinked.personRef()).isNull();
        }
    }

    @Test
    void a_kanji_name_column_gives_the_link_the_holders_reference_and_an_empty_cell_none() {
        Insured taro = newInsured(group, "ワタナベ タロウ");
        Insured jiro = newInsured(group, "ワタナベ ジロウ");
        String csv = HEADER.strip() + ",name_kanji\n"
                + row(taro, null).strip() + ",渡邊　太郎\n"   // the old form and a full-width space
                + row(jiro, null).strip() + ",\n";
        upload(csv.getBytes(SHIFT_JIS), "text/csv", "2026-11-01").statusCode(200).body("applied", equalTo(2));

        try (TopicReader events = Events.readerOf(EventContract.ACCOUNT_VERIFIED)) {
            TestUser taroMember = KeycloakUsers.member(group.groupId());
            TestUser jiroMember = KeycloakUsers.member(group.groupId());
            verify(taroMember, taro.typed()).statusCode(200);
            verify(jiroMember, jiro.typed()).statusCode(200);
            ConsumerRecord<String, String> taroEvent = events.awaitRecord(
                    r -> r.key().equals(taroMember.id().toString()));
            AccountVerified taroLinked = (AccountVerified) TopicReader.envelope(taroEvent).event();
            AccountVerified jiroLinked = (AccountVerified) TopicReader.envelope(events.awaitRecord(
                    r -> r.key().equals(jiroMember.id().toString()))).event();
            // What ekyc-service computes from a My Number card naming 渡辺 太郎 born the same day.
            assertThat(taroLinked.holderRef()).isNotNull()
                    .isEqualTo(PersonReferences.text(personRefs.holderOf("渡辺 太郎", taro.birthDate())));
            assertThat(taroEvent.value()).doesNotContain("渡");
            assertThat(jiroLinked.holderRef()).isNull();
        }
    }

    @Test
    void the_same_file_sent_again_changes_nothing_and_never_undoes_newer_events() {
        Insured taro = newInsured(group, "ケンコム タロウ");
        byte[] file = (HEADER + row(taro, null)).getBytes(SHIFT_JIS);
        String firstId = upload(file, "text/csv; charset=Shift_JIS", "2026-11-01").statusCode(200)
                .extract().path("fileId");
        TestUser member = KeycloakUsers.member(group.groupId());
        verify(member, taro.typed()).statusCode(200);

        // The insurer then reports the loss as an event; the old file arrives once more.
        try (TopicReader events = TopicReader.fromNow(RealInfrastructure.kafka(),
                "kencom.verification.events")) {
            publishAndAwait(pool, secrets, RosterSteps.lost(taro, LocalDate.of(2026, 11, 10), Instant.now()));
            events.awaitRecord(r -> r.key().equals(member.id().toString())
                    && TopicReader.envelope(r).event() instanceof MemberDisaffiliated);

            upload(file, "text/csv; charset=Shift_JIS", "2026-11-01").statusCode(200)
                    .body("alreadyApplied", equalTo(true)).body("fileId", equalTo(firstId))
                    .body("applied", equalTo(1));
            assertThat(events.recordsAfter(Duration.ofSeconds(2), r -> r.key().equals(member.id().toString())
                    && !(TopicReader.envelope(r).event() instanceof AccountVerified))).hasSize(1); // the loss only
        }
        verify(KeycloakUsers.member(group.groupId()), taro.typed()).statusCode(422)
                .body("code", equalTo("QUALIFICATION_LOST"));
    }

    @Test
    void a_file_and_events_end_in_the_same_roster_and_a_file_loss_disaffiliates_a_linked_member() {
        Insured jiro = newInsured(group, "ケンコム ジロウ");
        publishAndAwait(pool, secrets, enrolled(jiro, Instant.parse("2026-10-01T00:00:00Z")));
        TestUser member = KeycloakUsers.member(group.groupId());
        verify(member, jiro.typed()).statusCode(200);
        Insured reissued = jiro.withCard("7777", "8888");

        try (TopicReader events = TopicReader.fromNow(RealInfrastructure.kafka(),
                "kencom.verification.events")) {
            // UTF-8 with a byte-order mark, quoted fields, slashes in dates: the file knows the new card and the loss.
            String csv = "\uFEFF" + HEADER + "\"" + jiro.personalId() + "\",\"7777\",\"8888\",\"ケンコム　ジロウ\","
                    + jiro.birthDate().format(DateTimeFormatter.ofPattern("yyyy/MM/dd")) + ",2020/04/01,2026/10/31\n";
            upload(csv.getBytes(StandardCharsets.UTF_8), "text/csv", "2026-11-01").statusCode(200)
                    .body("charset", equalTo("UTF-8")).body("applied", equalTo(1));

            MemberDisaffiliated lost = (MemberDisaffiliated) TopicReader.envelope(events.awaitRecord(
                    r -> r.key().equals(member.id().toString())
                            && TopicReader.envelope(r).event() instanceof MemberDisaffiliated)).event();
            assertThat(lost.qualificationLostOn()).isEqualTo(LocalDate.of(2026, 10, 31));
        }
        TestUser other = KeycloakUsers.member(group.groupId());
        verify(other, jiro.typed()).statusCode(422).body("code", equalTo("NO_MATCH"));
        verify(other, reissued.typed()).statusCode(422).body("code", equalTo("QUALIFICATION_LOST"));
    }

    @Test
    void a_file_that_cannot_be_read_as_a_roster_is_refused_with_the_reason() {
        Insured taro = newInsured(group, "ケンコム タロウ");
        upload("personal_id,symbol,number,name,birth_date\n".getBytes(StandardCharsets.UTF_8), "text/csv",
                "2026-11-01").statusCode(422).body("code", equalTo("ROSTER_FILE_INVALID"))
                .body("reason", equalTo("HEADER_UNKNOWN_COLUMN")).body("line", equalTo(1));
        upload("personal_id,symbol,number,birth_date\n".getBytes(StandardCharsets.UTF_8), "text/csv", "2026-11-01")
                .statusCode(422).body("reason", equalTo("HEADER_MISSING_COLUMN"));
        upload(new byte[0], "text/csv", "2026-11-01").statusCode(422).body("reason", equalTo("HEADER_MISSING"));
        // Declared UTF-8, sent in Shift_JIS: the rows whose bytes are not UTF-8 are refused, each with its line.
        assertThat(upload((HEADER + row(taro, null)).getBytes(SHIFT_JIS), "text/csv; charset=UTF-8", "2026-11-01")
                .statusCode(200).body("applied", equalTo(0)).extract().jsonPath().getList("rejections", Map.class))
                .containsExactly(Map.of("line", 2, "field", "name_kana", "reason", "ENCODING"));
        upload(HEADER.getBytes(StandardCharsets.UTF_8), "text/csv; charset=EUC-JP", "2026-11-01").statusCode(422)
                .body("reason", equalTo("CHARSET_NOT_SUPPORTED"));

        byte[] fine = HEADER.getBytes(StandardCharsets.UTF_8);
        upload(fine, "text/csv", null).statusCode(422).body("code", equalTo("FIELD_INVALID"))
                .body("field", equalTo("asOf")).body("reason", equalTo("REQUIRED"));
        upload(fine, "text/csv", LocalDate.now().plusDays(2).toString()).statusCode(422)
                .body("reason", equalTo("IN_FUTURE"));
        String unknownInsurersFeed = KeycloakUsers.insurerFeed("06132013").accessToken();
        given().auth().oauth2(unknownInsurersFeed).contentType("text/csv; charset=UTF-8").body(fine)
                .queryParam("asOf", "2026-11-01").post("/v1/insurers/06132013/roster-files").then().statusCode(404)
                .body("code", equalTo("INSURER_NOT_FOUND"));
    }

    @Test
    void a_feed_account_writes_only_the_rosters_of_its_own_insurer_numbers() {
        Insured taro = newInsured(group, "ケンコム タロウ");
        byte[] file = (HEADER + row(taro, null)).getBytes(SHIFT_JIS);
        TestGroup other = newGroup(CardFormat.SYMBOL_AND_NUMBER);
        for (String token : List.of(KeycloakUsers.insurerFeed(other.insurerNumber()).accessToken(),
                KeycloakUsers.staff("insurer-feed").accessToken())) {
            given().auth().oauth2(token).contentType("text/csv; charset=Shift_JIS").body(file)
                    .queryParam("asOf", "2026-11-01").post("/v1/insurers/{n}/roster-files", group.insurerNumber())
                    .then().statusCode(403).contentType("application/problem+json")
                    .body("code", equalTo("INSURER_NOT_ALLOWED"));
        }
        verify(KeycloakUsers.member(group.groupId()), taro.typed()).statusCode(422).body("code", equalTo("NO_MATCH"));

        String both = KeycloakUsers.insurerFeed(other.insurerNumber(), group.insurerNumber()).accessToken();
        given().auth().oauth2(both).contentType("text/csv; charset=Shift_JIS").body(file)
                .queryParam("asOf", "2026-11-01").post("/v1/insurers/{n}/roster-files", group.insurerNumber())
                .then().statusCode(200).body("applied", equalTo(1));
        verify(KeycloakUsers.member(group.groupId()), taro.typed()).statusCode(200);
    }

    @Test
    void only_the_insurer_feed_role_may_send_roster_files() {
        byte[] fine = HEADER.getBytes(StandardCharsets.UTF_8);
        given().contentType("text/csv").body(fine).queryParam("asOf", "2026-11-01")
                .post("/v1/insurers/{n}/roster-files", group.insurerNumber()).then().statusCode(401);
        given().auth().oauth2(RosterSteps.anyMember().accessToken()).contentType("text/csv").body(fine)
                .queryParam("asOf", "2026-11-01").post("/v1/insurers/{n}/roster-files", group.insurerNumber())
                .then().statusCode(403);
    }

    private ValidatableResponse upload(byte[] body, String contentType, String asOf) {
        // As an insurer's client sends it: no charset unless the test names one.
        var request = given().config(RestAssuredConfig.config().encoderConfig(EncoderConfig.encoderConfig()
                        .appendDefaultContentCharsetToContentTypeIfUndefined(false)))
                .auth().oauth2(feed).contentType(contentType).body(body);
        if (asOf != null) {
            request = request.queryParam("asOf", asOf);
        }
        return request.post("/v1/insurers/{n}/roster-files", group.insurerNumber()).then();
    }

    /** A roster row as an insurer exports it. */
    private static String row(Insured p, LocalDate lostOn) {
        return String.join(",", List.of(p.personalId(), p.symbol(), p.number(), p.nameKana(),
                p.birthDate().toString(), "2020-04-01", lostOn == null ? "" : lostOn.toString())) + "\n";
    }
}
