package io.kencom.contracts;

import io.kencom.contracts.events.AccountClosed;
import io.kencom.contracts.events.AccountCreated;
import io.kencom.contracts.events.AccountVerified;
import io.kencom.contracts.events.AuthLevelChanged;
import io.kencom.contracts.events.EkycApproved;
import io.kencom.contracts.events.EkycRejected;
import io.kencom.contracts.events.EkycReviewRequested;
import io.kencom.contracts.events.EkycSubmitted;
import io.kencom.contracts.events.EmailRequested;
import io.kencom.contracts.events.GroupChanged;
import io.kencom.contracts.events.MemberDisaffiliated;
import io.kencom.contracts.events.MemberReaffiliated;
import io.kencom.contracts.events.MemberWithdrew;
import io.kencom.contracts.events.RosterBatchUpdated;
import io.kencom.contracts.events.RosterUpdated;
import io.kencom.contracts.events.SecretQuestionReset;
import io.kencom.contracts.model.AuthLevel;
import io.kencom.contracts.model.CardFormat;
import io.kencom.contracts.model.ConsentDocument;
import io.kencom.contracts.model.GroupCategory;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * One filled-in example of every contracted event, each field set so that a lost field shows. Shared with other
 * modules' tests through the contracts test-jar.
 */
public final class SampleEvents {

    public static final UUID MEMBER = UUID.fromString("5b0c7a1e-3d1f-4c0b-9a59-1f2f6a0e8c11");
    public static final UUID APPLICATION = UUID.fromString("0f9e8d7c-6b5a-4938-8271-605f4e3d2c1b");
    public static final Instant AT = Instant.parse("2026-11-24T01:02:03.456Z");

    private SampleEvents() {
    }

    public static List<DomainEvent> all() {
        return List.of(
                new AccountCreated(MEMBER, "g-kenpo-01", "06139992", "member@example.jp", AT),
                new MemberWithdrew(MEMBER, "g-kenpo-01", AT),
                new AccountClosed(MEMBER, "g-kenpo-01", AccountClosed.Reason.UNAFFILIATED_100_DAYS, AT),
                new EmailRequested(UUID.randomUUID(), EmailRequested.Kind.SIGNUP_CODE, "member@example.jp", null,
                        "042917", AT.plusSeconds(600), AT),
                new RosterUpdated("06139992", "P-000123", RosterUpdated.Change.QUALIFICATION_LOST, "記号12",
                        "3456", "ケンコウ タロウ", LocalDate.of(1980, 4, 1), LocalDate.of(2020, 4, 1),
                        LocalDate.of(2026, 10, 31), AT, "健康 太郎"),
                new RosterBatchUpdated("06139992", List.of(
                        new RosterBatchUpdated.Entry("P-000124", RosterUpdated.Change.ENROLLED, "記号12", "3457",
                                "ケンコウ ハナコ", LocalDate.of(1983, 3, 3), LocalDate.of(2020, 4, 1), null, AT, "健康 花子"),
                        new RosterBatchUpdated.Entry("P-000123", RosterUpdated.Change.QUALIFICATION_LOST, null, null,
                                null, null, null, LocalDate.of(2026, 10, 31), AT)), AT),
                new AccountVerified(MEMBER, "g-kenpo-01", "06139992", AT, "q2mXz0Jk8kq4vPz3nF1x0A",
                        "Yx0c3pQm1bR7tK2vWn8aZg"),
                new MemberDisaffiliated(MEMBER, "g-kenpo-01", LocalDate.of(2026, 10, 31), AT),
                new MemberReaffiliated(MEMBER, "g-kenpo-02", LocalDate.of(2026, 12, 1), AT),
                new EkycSubmitted(MEMBER, APPLICATION, EkycSubmitted.DocumentType.MY_NUMBER_CARD, AT),
                new EkycReviewRequested(MEMBER, APPLICATION, List.of("FACE_MATCH_LOW"), AT),
                new EkycApproved(MEMBER, APPLICATION, EkycApproved.Method.EKYC_REVIEWED, AT),
                new EkycApproved(MEMBER, null, EkycApproved.Method.JPKI, AT),
                new EkycRejected(MEMBER, APPLICATION, "DOCUMENT_UNREADABLE", List.of("DOCUMENT_FRONT"), AT),
                new SecretQuestionReset(MEMBER, SecretQuestionReset.Reason.LOCKED_AFTER_WRONG_ANSWERS, AT),
                new GroupChanged("g-kenpo-01", List.of("06139992", "138057"), "ケンコム健康保険組合",
                        GroupCategory.HEALTH_INSURANCE_SOCIETY_OR_COMPANY, CardFormat.SYMBOL_AND_NUMBER,
                        List.of(new ConsentDocument(ConsentDocument.Kind.PRIVACY_POLICY, "2026-04", true),
                                new ConsentDocument(ConsentDocument.Kind.NEWSLETTER, "1", false)),
                        new GroupChanged.Options(new GroupChanged.OwnPoints("けんコイン", List.of("CHECKUP_RESULT")),
                                new GroupChanged.WalkingEvent(LocalDate.of(2026, 10, 1), LocalDate.of(2026, 11, 30)),
                                true, false, true),
                        List.of(new GroupChanged.Link("健保のお知らせ", "https://example.jp/news")),
                        List.of(new GroupChanged.MenuItem("禁煙チャレンジ", "健保の禁煙プログラム")), true, 7, AT),
                new AuthLevelChanged(MEMBER, "g-kenpo-01", AuthLevel.SENSITIVE, AuthLevel.PERSONAL, AT));
    }
}
