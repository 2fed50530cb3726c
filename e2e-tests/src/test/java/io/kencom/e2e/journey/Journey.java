package io.kencom.e2e.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.everyItem;

import io.kencom.contracts.model.AuthLevel;
import io.kencom.contracts.model.InsurerNumber;
import io.kencom.local.ServiceApp;
import io.kencom.local.StackLayout;
import io.kencom.local.StandInJlis;
import io.kencom.testsupport.Mailbox;
import io.kencom.testsupport.PersonalValue;
import io.kencom.testsupport.RunReport;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import jakarta.mail.internet.MimeMessage;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

/**
 * The journey of docs/journey.md against the running local stack, through the public APIs and the mailbox only, as the
 * app, an insurer and the operator's staff meet the product. Each step checks what it expects (and fails with an
 * assertion otherwise) and says what happened on {@code out}. {@code JourneyTest} runs it in the test suite,
 * {@code Demo} (deploy/local/demo) for a person to watch. Fresh groups, people and addresses every run, so it runs
 * again and again on the same stack.
 */
public final class Journey {

    static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");
    private static final String PASSWORD = "Sakura-2026-kencom";
    private static final String SECRET_QUESTION = "初めて飼ったペットの名前は？";
    private static final String SECRET_ANSWER = "ポチ";
    private static final String HANAKO_ANSWER = "タマ";
    private static final String MOMOKO_ANSWER = "ミケ";
    private static final String NEW_PASSWORD = "Kaede-2026-kencom";
    private static final Duration PROPAGATION = Duration.ofSeconds(60);
    /** Each call of a step made once, its answer asserted. */
    private static final App.Calls ASSERTED = (step, request, expected) -> request.get().statusCode(expected);

    private final PrintStream out;
    /** Where every topic ended as the journey began: step 7 sweeps what the journey wrote. */
    private final PersonalDataSweep.Start start;
    private final String run = Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36)
            .substring(0, 6);

    // The operator's staff and the two insurers.
    private final Staff ops = Staff.withRole("ops-admin");
    private final Staff reviewer = Staff.withRole("ekyc-reviewer");
    /** A 健康保険組合 with every option, sending roster events. */
    private final Group kenpo = new Group("g-e2e-kenpo-" + run, "ケンコム健康保険組合", employeeInsurerNumber(),
            "HEALTH_INSURANCE_SOCIETY_OR_COMPANY", "SYMBOL_WITH_HYPHEN_AND_NUMBER", GuideTable.KENPO);
    /** A 国民健康保険組合 with no options, sending roster files from Windows (Shift_JIS). */
    private final Group kokuho = new Group("g-e2e-kokuho-" + run, "ケンコム国民健康保険組合", nationalInsurerNumber(),
            "NATIONAL_HEALTH_INSURANCE_SOCIETY", "NUMBER_ONLY", GuideTable.KOKUHO);
    private final Insurer kenpoFeed = new Insurer(kenpo.insurerNumber());
    private final Insurer kokuhoFeed = new Insurer(kokuho.insurerNumber());

    // The insured people (rosters) and their apps.
    private final Person taroCard = new Person("K-" + run + "-1", "12-" + digits(3), digits(8), "ケンコウ タロウ",
            LocalDate.of(1980, 1, 1));
    private final Person hanakoCard = new Person("K-" + run + "-2", "12-" + digits(3), digits(8), "ケンコウ ハナコ",
            LocalDate.of(1983, 3, 3));
    private final Person momokoCard = new Person("K-" + run + "-3", "12-" + digits(3), digits(8), "ケンコウ モモコ",
            LocalDate.of(2001, 5, 5));
    /** In the roster with her kanji name, in its old form (髙); her My Number card writes 高. */
    private final Person yukiCard = new Person("K-" + run + "-4", "12-" + digits(3), digits(8), "タカハシ ユキ",
            LocalDate.of(1990, 10, 10), "髙橋 由紀");
    private final Person ichiroCard = new Person("N-" + run + "-1", null, digits(8), "ヤマダ イチロウ",
            LocalDate.of(1975, 6, 30));
    private final Person jiroCard = new Person("N-" + run + "-2", null, digits(8), "ヤマダ ジロウ",
            LocalDate.of(1978, 2, 14));
    private final App taro = new App("健康 太郎", Mailbox.newAddress("taro"), PASSWORD);
    /** Taro again, with his other address: a second account for the same insured person. */
    private final App taroAgain = new App("健康 太郎 (2nd account)", Mailbox.newAddress("taro-private"), PASSWORD);
    private final App hanako = new App("健康 花子", Mailbox.newAddress("hanako"), PASSWORD);
    private final App ichiro = new App("山田 一郎", Mailbox.newAddress("ichiro"), PASSWORD);
    /** Reaches SENSITIVE without eKYC: the checkup viewing code her insurer issued to her (Q7). */
    private final App momoko = new App("健康 桃子", Mailbox.newAddress("momoko"), PASSWORD);
    /** Reaches SENSITIVE with her My Number card's IC chip (JPKI), no photos, no reviewer. */
    private final App yuki = new App("高橋 由紀", Mailbox.newAddress("yuki"), PASSWORD);
    private static final String YUKI_ANSWER = "シロ";
    /** Checkup viewing codes the insurer issued, one to 花子 and one to 桃子. */
    private final String hanakoCheckupCode = "KC-" + digits(4) + "-" + digits(4);
    private final String momokoCheckupCode = "KC-" + digits(4) + "-" + digits(4);

    private final Map<App, Group> groupOf = new LinkedHashMap<>();
    private final Map<App, AuthLevel> levelOf = new LinkedHashMap<>();
    /** Every eKYC application opened so far, with its owner: nobody else may read it. */
    private final Map<String, App> applicationOwner = new LinkedHashMap<>();
    /** The first member's sign-up, whose trace TracesTest follows. */
    private String firstSignupId;
    private String taroApplication;
    private String taroGrant;

    record Group(String groupId, String name, String insurerNumber, String category, String cardFormat,
            GuideTable features) {
    }

    public Journey(PrintStream out) {
        this.out = out;
        this.start = PersonalDataSweep.Start.now();
    }

    /** All eight steps in order. */
    public void run() {
        rostersArrive();
        membersSignUp();
        personalVerification();
        ekycAndSecretQuestion();
        lossReinstatementAndWithdrawal();
        everyMailArrivedOnce();
        noPersonalDataOutsideItsPlaces();
        nobodyInWhereTheyDoNotBelong();
    }

    /** 1. Operations register two groups; one insurer sends roster events, the other a Shift_JIS file. */
    public void rostersArrive() {
        step(1, "Two insurers' rosters arrive");
        defineGroup(kenpo, Map.of(
                "ownPoints", Map.of("name", "けんポ", "grantsAfterPersonal", List.of("CHECKUP_RECEIVED")),
                "walkingEvent", Map.of("heldFrom", today().minusDays(14).toString(),
                        "heldTo", today().plusDays(14).toString()),
                "checkupDataLink", true, "medicationHistoryLink", true, "medicalCostNoticeLink", true));
        defineGroup(kokuho, Map.of());
        said("operations register %s (%s, own points, walking event, health data linked) and %s (%s, no options)",
                kenpo.name(), kenpo.insurerNumber(), kokuho.name(), kokuho.insurerNumber());

        await().atMost(PROPAGATION).until(() -> cardFormat(kenpo).extract().statusCode() == 200
                && cardFormat(kokuho).extract().statusCode() == 200);
        cardFormat(kenpo).body("pattern", equalTo(3)).body("symbol", equalTo(true));
        cardFormat(kokuho).body("pattern", equalTo(2)).body("symbol", equalTo(false));
        said("insured-verification-service knows both card formats from the catalog: pattern 3 (記号 12-456 番号 5678) "
                + "and pattern 2 (番号 only)");

        kenpoFeed.enrol(taroCard);
        kenpoFeed.enrol(hanakoCard);
        kenpoFeed.enrol(momokoCard);
        kenpoFeed.enrol(yukiCard);
        kenpoFeed.awaitRosterTaken();
        said("%s's system sends 4 enrolments as RosterUpdated events (one with the kanji name too); the roster "
                + "consumer has taken them", kenpo.name());

        kokuhoFeed.sendFile(List.of(ichiroCard, jiroCard), Charset.forName("Shift_JIS")).statusCode(200)
                .body("charset", equalTo("windows-31j")).body("rows", equalTo(2)).body("applied", equalTo(2))
                .body("rejected", equalTo(0)).body("alreadyApplied", equalTo(false));
        said("%s uploads its roster as a Shift_JIS CSV file: 2 rows read as Windows-31J, 2 applied, 0 refused",
                kokuho.name());
    }

    /** 2. Sign-up by insurer number, the mailed code, login through Keycloak: GROUP_ID. */
    public void membersSignUp() {
        step(2, "Members sign up with their insurer number and the mailed code");
        App.startSignup("06139997", kenpo.category()).statusCode(422)
                .body("code", equalTo("INSURER_NUMBER_INVALID")).body("reason", equalTo("CHECK_DIGIT_MISMATCH"));
        App.startSignup(kenpo.insurerNumber(), kokuho.category()).statusCode(422)
                .body("code", equalTo("GROUP_CATEGORY_MISMATCH"));
        said("a mistyped insurer number is INSURER_NUMBER_INVALID (check digit); the wrong category "
                + "GROUP_CATEGORY_MISMATCH");

        Signup signup = startSignup(kenpo);
        firstSignupId = signup.id();
        taro.credentials(signup.id(), "password1").statusCode(422).body("code", equalTo("PASSWORD_TOO_WEAK"));
        completeSignup(taro, kenpo, signup, true);
        said("%s: a weak password is PASSWORD_TOO_WEAK; a wrong code CODE_INVALID with 4 tries left; the mailed "
                + "code creates the account", taro.who);

        JsonPath claims = taro.logIn();
        assertThat(claims.getString("sub")).isEqualTo(taro.memberId().toString());
        assertThat(claims.getString("group_id")).isEqualTo(kenpo.groupId());
        said("%s logs in through Keycloak: the token's sub is the member id, group_id %s", taro.who, kenpo.groupId());
        taro.nextMail(Mail.SIGNUP_COMPLETED);
        expectLevel(taro, AuthLevel.GROUP_ID);

        for (App app : List.of(taroAgain, hanako, momoko, yuki)) {
            completeSignup(app, kenpo, startSignup(kenpo), false);
            app.nextMail(Mail.SIGNUP_COMPLETED);
            expectLevel(app, AuthLevel.GROUP_ID);
        }
        completeSignup(ichiro, kokuho, startSignup(kokuho), false);
        ichiro.nextMail(Mail.SIGNUP_COMPLETED);
        expectLevel(ichiro, AuthLevel.GROUP_ID);
        said("%s, %s, %s and %s sign up with %s, %s with %s", taroAgain.who, hanako.who, momoko.who, yuki.who,
                kenpo.name(),
                ichiro.who, kokuho.name());

        RestAssured.given().baseUri(ServiceApp.ENTITLEMENT.where())
                .get("/v1/members/me/entitlements").then().statusCode(401).body("code", equalTo("UNAUTHENTICATED"));
        said("without a token the entitlements answer 401 UNAUTHENTICATED");
        levels();
    }

    /** The id of the journey's first sign-up (step 2), taro's. */
    String firstSignupId() {
        return firstSignupId;
    }

    /** 3. Card data matched against the roster: PERSONAL; the same insured person again is ALREADY_LINKED. */
    public void personalVerification() {
        step(3, "Personal verification (本人確認) against the roster");
        // Full-width digits and an IME's long-vowel mark for the hyphen, as a phone keyboard gives them.
        String typedSymbol = toFullWidth(taroCard.symbol()).replace('－', 'ー');
        taro.verify(kenpo.insurerNumber(), typedSymbol, taroCard.number(), "ｹﾝｺｳ ﾀﾛｳ", "1980-01-02")
                .statusCode(422).body("code", equalTo("NO_MATCH")).body("attemptsLeft", equalTo(4));
        verified(taro, kenpo, taroCard, typedSymbol, "ｹﾝｺｳ ﾀﾛｳ");
        said("%s: a wrong birth date is NO_MATCH (4 tries left); card typed in full width, name in half-width kana: "
                + "VERIFIED", taro.who);
        expectLevel(taro, AuthLevel.PERSONAL);
        await().atMost(PROPAGATION).until(() -> "PERSONAL".equals(taro.logIn().getString("auth_level")));
        said("a new Keycloak token of %s says auth_level PERSONAL", taro.who);

        taroAgain.verify(kenpo.insurerNumber(), taroCard.symbol(), taroCard.number(), taroCard.nameKana(),
                        taroCard.birthDate().toString())
                .statusCode(409).body("code", equalTo("ALREADY_LINKED"));
        said("%s tries the same card: ALREADY_LINKED (one insured person, one account)", taroAgain.who);
        expectLevel(taroAgain, AuthLevel.GROUP_ID);

        ichiro.verify(kenpo.insurerNumber(), hanakoCard.symbol(), hanakoCard.number(), hanakoCard.nameKana(),
                hanakoCard.birthDate().toString()).statusCode(422).body("code", equalTo("WRONG_GROUP"));
        said("%s cannot try another group's roster: WRONG_GROUP", ichiro.who);
        verified(ichiro, kokuho, ichiroCard, null, "やまだ いちろう");
        said("%s (from the Shift_JIS file) verifies, name typed in hiragana", ichiro.who);
        expectLevel(ichiro, AuthLevel.PERSONAL);

        verified(hanako, kenpo, hanakoCard, hanakoCard.symbol(), hanakoCard.nameKana());
        expectLevel(hanako, AuthLevel.PERSONAL);
        verified(momoko, kenpo, momokoCard, momokoCard.symbol(), momokoCard.nameKana());
        expectLevel(momoko, AuthLevel.PERSONAL);
        verified(yuki, kenpo, yukiCard, yukiCard.symbol(), yukiCard.nameKana());
        expectLevel(yuki, AuthLevel.PERSONAL);
        levels();
    }

    /** 4. eKYC at once for one member, through review for another; the secret question guards health data. */
    public void ekycAndSecretQuestion() {
        step(4, "eKYC (健診・医療アクセス認証) and the secret question");
        ichiro.applyForEkyc().statusCode(403).body("code", equalTo("GROUP_HAS_NO_CHECKUP_DATA"));
        taroAgain.applyForEkyc().statusCode(403).body("code", equalTo("LEVEL_TOO_LOW"));
        said("eKYC is refused where the group links no health data (GROUP_HAS_NO_CHECKUP_DATA) and below PERSONAL "
                + "(LEVEL_TOO_LOW)");

        taroApplication = openApplication(taro, false);
        taro.photographDocument(taroApplication, "FRONT", Camera.TARO_LICENCE).statusCode(200)
                .body("documentRead.name", equalTo("健康 太郎")).body("documentRead.birthDate", equalTo("1980-01-01"));
        taro.confirmDocumentData(taroApplication, "健康 太郎", "1980-01-01", null).statusCode(200);
        taro.takeSelfies(taroApplication, ASSERTED);
        taro.setSecretQuestion(taroApplication, SECRET_QUESTION, SECRET_ANSWER).statusCode(200);
        taro.submit(taroApplication).statusCode(200).body("status", equalTo("APPROVED"));
        said("%s: driving licence read by OCR as 健康 太郎, 1980-01-01; selfie matches the portrait; challenge met; "
                + "secret question set: APPROVED at once", taro.who);
        taro.nextMail(Mail.EKYC_APPROVED);
        expectLevel(taro, AuthLevel.SENSITIVE);

        ops.at(ServiceApp.EKYC).contentType(ContentType.JSON).body(Map.of("expiresOn", today().plusDays(90).toString(),
                        "personalCodes", List.of(
                                Map.of("code", hanakoCheckupCode, "insurerNumber", kenpo.insurerNumber(),
                                        "personalId", hanakoCard.personalId()),
                                Map.of("code", momokoCheckupCode, "insurerNumber", kenpo.insurerNumber(),
                                        "personalId", momokoCard.personalId()))))
                .post("/v1/groups/{g}/checkup-codes", kenpo.groupId()).then().statusCode(200)
                .body("added", equalTo(2));
        momoko.redeemCheckupCode(hanakoCheckupCode, SECRET_QUESTION, MOMOKO_ANSWER).statusCode(422)
                .body("code", equalTo("CODE_INVALID")).body("attemptsLeft", equalTo(4));
        momoko.redeemCheckupCode(momokoCheckupCode.toLowerCase().replace("-", ""), SECRET_QUESTION, MOMOKO_ANSWER)
                .statusCode(200).body("method", equalTo("CHECKUP_VIEWING_CODE"));
        momoko.nextMail(Mail.EKYC_APPROVED);
        expectLevel(momoko, AuthLevel.SENSITIVE);
        said("%s: her insurer issued checkup viewing codes by personal ID, to her and to %s; %s's is CODE_INVALID "
                + "for her (another insured person's); her own, typed in lower case without hyphens, and a secret "
                + "question make her SENSITIVE without eKYC (Q7)", momoko.who, hanako.who, hanako.who);

        myNumberCard();

        String first = hanakoApplies();
        said("%s: licence in her maiden name, new name in the remarks on the back: IN_REVIEW (NAME_FROM_REMARKS), "
                + "\"application received\" by mail, in the reviewer's queue", hanako.who);
        reviewer.at(ServiceApp.EKYC).contentType(ContentType.JSON)
                .body(Map.of("decision", "REJECT", "reason", "DOCUMENT_UNREADABLE", "redo", List.of("BACK")))
                .post("/v1/ekyc/reviews/{id}/decision", first).then().statusCode(204);
        hanako.nextMail(Mail.EKYC_REJECTED);
        expectLevel(hanako, AuthLevel.PERSONAL);
        said("the reviewer rejects it (DOCUMENT_UNREADABLE, retake the back); %s is told by mail", hanako.who);

        String second = hanakoApplies();
        said("she applies again, with a new photo of the back: IN_REVIEW again, a mail again");
        reviewer.at(ServiceApp.EKYC).get("/v1/ekyc/reviews/{id}/images/{kind}", second, "BACK").then()
                .statusCode(200).header("Cache-Control", equalTo("no-store"));
        reviewer.at(ServiceApp.EKYC).contentType(ContentType.JSON).body(Map.of("decision", "APPROVE"))
                .post("/v1/ekyc/reviews/{id}/decision", second).then().statusCode(204);
        hanako.nextMail(Mail.EKYC_APPROVED);
        expectLevel(hanako, AuthLevel.SENSITIVE);
        said("the reviewer looks at the back's photo and approves: SENSITIVE, and a mail");

        taro.secretQuestion().statusCode(200).body("question", equalTo(SECRET_QUESTION));
        JsonPath grant = taro.answerSecretQuestion("ﾎﾟﾁ").statusCode(200).extract().jsonPath();
        taroGrant = grant.getString("grant");
        assertThat(Instant.parse(grant.getString("expiresAt"))).as("the grant's expiry")
                .isBetween(Instant.now().plus(Duration.ofMinutes(9)), Instant.now().plus(Duration.ofMinutes(10)));
        taro.checkGrant(taroGrant).statusCode(200).body("memberId", equalTo(taro.memberId().toString()));
        said("%s opens health data: his secret question, answered in half-width kana (width does not count), gives "
                + "a 10-minute grant that a health-data endpoint accepts", taro.who);

        hanako.checkGrant(taroGrant).statusCode(403).body("code", equalTo("GRANT_INVALID"));
        hanako.ekycApplication(taroApplication).statusCode(404).body("code", equalTo("APPLICATION_NOT_FOUND"));
        taro.direct(ServiceApp.EKYC).get("/v1/ekyc/reviews").then().statusCode(403).body("code", equalTo("FORBIDDEN"));
        said("no other member's data: %s cannot use %s's grant (GRANT_INVALID) nor read his application (404); a "
                + "member cannot reach the review queue (403)", hanako.who, taro.who);

        for (int attemptsLeft = 4; attemptsLeft >= 1; attemptsLeft--) {
            taro.answerSecretQuestion("タマ").statusCode(422).body("code", equalTo("ANSWER_WRONG"))
                    .body("attemptsLeft", equalTo(attemptsLeft));
        }
        taro.answerSecretQuestion("タマ").statusCode(403).body("code", equalTo("LOCKED"));
        taro.answerSecretQuestion(SECRET_ANSWER).statusCode(403).body("code", equalTo("LOCKED"));
        said("5 wrong answers lock the secret question: even the right one is LOCKED now (Q6: eKYC again)");
        applicationOwner.put(taro.applyForEkyc().statusCode(201).extract().path("id"), taro);
        said("%s may apply for eKYC again to set a new one", taro.who);
        expectLevel(taro, AuthLevel.SENSITIVE);
        levels();
    }

    /**
     * 由紀 has her My Number card read over NFC: the card signs the nonce ekyc-service issued, and its signing
     * certificate (issued here by the local stack's stand-in J-LIS) names 高橋 由紀 born on her roster's date.
     */
    private void myNumberCard() {
        StandInJlis jlis = StandInJlis.of(StackLayout.find());
        StandInJlis.Card someoneElses = jlis.signingCard("高橋　由美", yukiCard.birthDate());
        yuki.jpkiVerify(someoneElses, yuki.jpkiChallenge().statusCode(201).extract().path("nonce"), SECRET_QUESTION,
                YUKI_ANSWER).statusCode(422).body("code", equalTo("HOLDER_MISMATCH"))
                .body("options", hasItem("PHOTO_METHOD"));
        String nonce = yuki.jpkiChallenge().statusCode(201).extract().path("nonce");
        StandInJlis.Card hers = jlis.signingCard("高橋　由紀", yukiCard.birthDate());
        yuki.jpkiVerify(hers, nonce, SECRET_QUESTION, YUKI_ANSWER).statusCode(200).body("status", equalTo("APPROVED"))
                .body("method", equalTo("JPKI"));
        yuki.jpkiVerify(hers, nonce, SECRET_QUESTION, YUKI_ANSWER).statusCode(409).body("code", equalTo("NONCE_USED"));
        assertThat(Mailbox.text(yuki.nextMail(Mail.EKYC_APPROVED))).contains("マイナンバーカード");
        expectLevel(yuki, AuthLevel.SENSITIVE);
        said("%s: another person's My Number card (高橋 由美) is HOLDER_MISMATCH; her own, whose certificate writes "
                + "高橋 where her roster writes 髙橋, signs a fresh nonce: APPROVED by JPKI at once, no photos, no "
                + "reviewer; the nonce serves once; the mail names the method; SENSITIVE", yuki.who);
    }

    /** 5. The roster's loss of qualification and reinstatement; a password reset; a withdrawal frees the address. */
    public void lossReinstatementAndWithdrawal() {
        step(5, "Loss of qualification (資格喪失), reinstatement, password reset, withdrawal");
        kenpoFeed.reportLoss(taroCard, today());
        expectLevel(taro, AuthLevel.UNAFFILIATED);
        said("%s's insurer reports 資格喪失 today: UNAFFILIATED (body tab and service notices only)", taro.who);
        String newSignup = startSignup(kenpo).id();
        await().atMost(PROPAGATION).until(() -> "EMAIL_NOT_YET_REUSABLE".equals(
                taro.credentials(newSignup, PASSWORD).extract().path("code")));
        taro.credentials(newSignup, PASSWORD).statusCode(409)
                .body("reusableOn", equalTo(today().plusDays(100).toString()));
        said("his address cannot start a new account before day 100: EMAIL_NOT_YET_REUSABLE until %s",
                today().plusDays(100));

        kenpoFeed.reportReinstated(taroCard, today());
        expectLevel(taro, AuthLevel.SENSITIVE);
        said("the insurer reinstates him the same day (before day 100): SENSITIVE again, as before the loss");

        long waited = taro.resetPassword(NEW_PASSWORD);
        assertThat(taro.loginRefused(PASSWORD)).isTrue();
        taro.logIn();
        said("%s forgets his password: a code by mail%s, a new password; the old one no longer logs in", taro.who,
                waited == 0 ? "" : " (after RESEND_TOO_SOON's " + waited + " s: codes to one address are 60 s apart)");

        String signupId = startSignup(kenpo).id();
        taroAgain.credentials(signupId, PASSWORD).statusCode(409).body("code", equalTo("EMAIL_IN_USE"));
        taroAgain.withdraw().statusCode(204);
        taroAgain.nextMail(Mail.WITHDRAWN);
        assertThat(taroAgain.loginRefused(PASSWORD)).isTrue();
        taroAgain.credentials(signupId, PASSWORD).statusCode(204);
        said("%s withdraws (退会): login refused, and his address, EMAIL_IN_USE a moment ago, starts a new sign-up",
                taroAgain.who);
        levelOf.remove(taroAgain);
        levels();
    }

    /** 6. Every mail of domain.md §8, each once, none carrying a card number, a name, a birth date or an answer. */
    public void everyMailArrivedOnce() {
        step(6, "Every mail of domain.md §8 arrived, once");
        Map<App, List<Mail>> expected = new LinkedHashMap<>();
        expected.put(taro, List.of(Mail.SIGNUP_CODE, Mail.SIGNUP_COMPLETED, Mail.PERSONAL_VERIFIED,
                Mail.EKYC_APPROVED, Mail.PASSWORD_RESET_CODE));
        expected.put(taroAgain, List.of(Mail.SIGNUP_CODE, Mail.SIGNUP_COMPLETED, Mail.WITHDRAWN));
        expected.put(hanako, List.of(Mail.SIGNUP_CODE, Mail.SIGNUP_COMPLETED, Mail.PERSONAL_VERIFIED,
                Mail.EKYC_IN_REVIEW, Mail.EKYC_REJECTED, Mail.EKYC_IN_REVIEW, Mail.EKYC_APPROVED));
        expected.put(ichiro, List.of(Mail.SIGNUP_CODE, Mail.SIGNUP_COMPLETED, Mail.PERSONAL_VERIFIED));
        expected.put(momoko, List.of(Mail.SIGNUP_CODE, Mail.SIGNUP_COMPLETED, Mail.PERSONAL_VERIFIED,
                Mail.EKYC_APPROVED));
        expected.put(yuki, List.of(Mail.SIGNUP_CODE, Mail.SIGNUP_COMPLETED, Mail.PERSONAL_VERIFIED,
                Mail.EKYC_APPROVED));
        assertThat(expected.values().stream().flatMap(List::stream).distinct()).as("domain.md §8")
                .containsExactlyInAnyOrder(Mail.values());
        List<String> never = new ArrayList<>(List.of(taroCard.number(), hanakoCard.number(), ichiroCard.number(),
                momokoCard.number(), "タロウ", "ハナコ", "イチロウ", "モモコ", "ユキ", "太郎", "花子", "桃子", "由紀",
                SECRET_ANSWER, YUKI_ANSWER, SECRET_QUESTION, momokoCheckupCode));
        for (Person p : List.of(taroCard, hanakoCard, momokoCard, yukiCard, ichiroCard)) {
            never.addAll(PersonalValue.birthDate(p.birthDate()));
        }
        for (Map.Entry<App, List<Mail>> e : expected.entrySet()) {
            App app = e.getKey();
            List<MimeMessage> received = Mailbox.messagesFor(app.email);
            assertThat(received.stream().map(m -> Mail.withSubject(Mailbox.subject(m))).toList()).as(app.who)
                    .isEqualTo(e.getValue()).isEqualTo(app.mailsRead());
            for (MimeMessage m : received) {
                assertThat(Mailbox.text(m)).as("a mail to " + app.who).doesNotContain(never);
            }
            said("%-22s %s", app.who, e.getValue().stream().map(Enum::name).collect(Collectors.joining(", ")));
        }
        ops.at(ServiceApp.NOTIFICATION).queryParam("memberId", hanako.memberId()).get("/v1/deliveries").then()
                .statusCode(200).body("status", everyItem(equalTo("SENT")))
                .body("kind", contains("EKYC_APPROVED", "EKYC_IN_REVIEW", "EKYC_REJECTED", "EKYC_IN_REVIEW",
                        "PERSONAL_VERIFIED", "SIGNUP_COMPLETED"));
        hanako.direct(ServiceApp.NOTIFICATION).queryParam("memberId", hanako.memberId()).get("/v1/deliveries").then()
                .statusCode(403).body("code", equalTo("FORBIDDEN"));
        said("no mail twice, every kind of §8 among them, none with a card number, name, birth date or answer; the "
                + "delivery log (ops only) agrees");
    }

    /**
     * 7. The journey's personal data, looked for in every service's log, what it wrote to every topic and every table
     * (docs/reliability.md §6):
     * found only where docs/decisions.md allows it (PersonalDataSweep).
     */
    public void noPersonalDataOutsideItsPlaces() {
        step(7, "No personal data outside its places: logs, topics, tables");
        List<PersonalDataSweep.Sensitive> values = new ArrayList<>();
        for (Person p : List.of(taroCard, hanakoCard, momokoCard, yukiCard, ichiroCard, jiroCard)) {
            String who = p.nameKana().substring(p.nameKana().indexOf(' ') + 1);
            values.add(new PersonalDataSweep.Sensitive(p + " name", PersonalDataSweep.Kind.NAME, who));
            values.add(new PersonalDataSweep.Sensitive(p + " card number", PersonalDataSweep.Kind.CARD_NUMBER,
                    p.number()));
            values.add(new PersonalDataSweep.Sensitive(p + " personal ID", PersonalDataSweep.Kind.PERSONAL_ID,
                    p.personalId()));
            for (String form : PersonalValue.birthDate(p.birthDate())) {
                values.add(new PersonalDataSweep.Sensitive(p + " birth date as " + form,
                        PersonalDataSweep.Kind.BIRTH_DATE, form));
            }
        }
        for (String name : List.of("太郎", "花子", "佐藤", "一郎", "桃子", "由紀")) {
            values.add(new PersonalDataSweep.Sensitive("a name as the member typed it", PersonalDataSweep.Kind.NAME,
                    name));
        }
        values.add(new PersonalDataSweep.Sensitive("the password", PersonalDataSweep.Kind.PASSWORD, PASSWORD));
        values.add(new PersonalDataSweep.Sensitive("the new password", PersonalDataSweep.Kind.PASSWORD, NEW_PASSWORD));
        values.add(new PersonalDataSweep.Sensitive("a secret answer", PersonalDataSweep.Kind.SECRET, SECRET_ANSWER));
        values.add(new PersonalDataSweep.Sensitive("a secret answer", PersonalDataSweep.Kind.SECRET, HANAKO_ANSWER));
        values.add(new PersonalDataSweep.Sensitive("a secret answer", PersonalDataSweep.Kind.SECRET, MOMOKO_ANSWER));
        values.add(new PersonalDataSweep.Sensitive("a secret answer", PersonalDataSweep.Kind.SECRET, YUKI_ANSWER));
        values.add(new PersonalDataSweep.Sensitive("a checkup viewing code", PersonalDataSweep.Kind.CODE,
                hanakoCheckupCode));
        values.add(new PersonalDataSweep.Sensitive("a checkup viewing code", PersonalDataSweep.Kind.CODE,
                momokoCheckupCode));
        values.add(new PersonalDataSweep.Sensitive("the secret question", PersonalDataSweep.Kind.SECRET,
                SECRET_QUESTION));
        for (App app : List.of(taro, taroAgain, hanako, ichiro, momoko, yuki)) {
            for (String code : app.codesRead()) {
                values.add(new PersonalDataSweep.Sensitive(app.who + "'s one-time code", PersonalDataSweep.Kind.CODE,
                        code));
            }
        }
        PersonalDataSweep sweep = new PersonalDataSweep(values, start);
        List<String> hits = sweep.hits();
        String figures = String.format("%d values looked for in %d service logs, %d spans, %d topic records, %d table "
                + "rows and %d bytea values as bytes: %d found out of place", values.size(), sweep.logsRead,
                sweep.spansRead, sweep.recordsRead, sweep.rowsRead, sweep.bytesRead, hits.size());
        said("%s", figures);
        RunReport.add("§6 PII sweep", figures);
        assertThat(hits).as("personal data outside its places").isEmpty();
        assertThat(sweep.logsRead).as("service logs read").isEqualTo(5);
        assertThat(sweep.recordsRead).as("topic records read").isPositive();
        if (OwnStack.SHARED.traces().isPresent()) {
            assertThat(sweep.spansRead).as("spans read").isPositive();
        }
        assertThat(sweep.bytesRead).as("sealed columns and images read as bytes").isPositive();
    }

    /**
     * 8. Every operation of the five services × anonymous, a member on her own and on another's data, each staff
     * role, an insurer's feed on its own and another insurer's roster (docs/reliability.md §2, AccessMatrix's table). 花子 is
     * member A, 太郎 member B; A's withdrawal is the table's last cell.
     */
    public void nobodyInWhereTheyDoNotBelong() {
        step(8, "Nobody in where they don't belong: every operation × every caller");
        String grantOfA = hanako.answerSecretQuestion(HANAKO_ANSWER).statusCode(200).extract().path("grant");
        AccessMatrix matrix = new AccessMatrix(new AccessMatrix.Cast(hanako, HANAKO_ANSWER,
                new AccessMatrix.Target(lastApplicationOf(hanako), grantOfA, hanako.memberId(), kenpo.insurerNumber()),
                new AccessMatrix.Target(lastApplicationOf(taro), taroGrant, taro.memberId(), kokuho.insurerNumber()),
                ops, reviewer, kenpoFeed, kenpo.groupId(), kenpo.category(), hanakoCard));
        assertThat(matrix.covered()).as("the table covers every published operation")
                .isEqualTo(AccessMatrix.published());
        matrix.run();
        matrix.answers.forEach(out::println);
        String figures = String.format("%d operations × 7 callers: %d requests, %d of them with %s's %d application ids "
                + "read off the ekyc topic and %d with a made-up id; %d answers not the table's",
                matrix.covered().size(), matrix.requestsSent, matrix.requestsWithIdsOffTheTopic, taro.who,
                matrix.idsOffTheTopic, matrix.requestsWithAMadeUpId, matrix.findings.size());
        said("%s", figures);
        RunReport.add("§2 access matrix", figures);
        assertThat(matrix.findings).as("answers not the table's").isEmpty();
        hanako.nextMail(Mail.WITHDRAWN);
        levelOf.remove(hanako);
        said("the last cell: %s withdraws with her own token", hanako.who);
    }

    private String lastApplicationOf(App app) {
        return applicationOwner.entrySet().stream().filter(e -> e.getValue() == app).map(Map.Entry::getKey)
                .reduce((first, second) -> second).orElseThrow();
    }

    // Steps shared by several members.

    private void defineGroup(Group group, Map<String, Object> options) {
        defineGroup(ops, group, options);
    }

    /** Operations register a group in the catalog, with the three usual consent documents (and own points'). */
    static void defineGroup(Staff ops, Group group, Map<String, Object> options) {
        List<Map<String, Object>> documents = new ArrayList<>(List.of(
                Map.of("kind", "PRIVACY_POLICY", "version", "2026-04", "required", true),
                Map.of("kind", "MEMBER_TERMS", "version", "3", "required", true),
                Map.of("kind", "NEWSLETTER", "version", "1", "required", false)));
        if (options.containsKey("ownPoints")) {
            documents.add(Map.of("kind", "OWN_POINT_TERMS", "version", "1", "required", true));
        }
        ops.at(ServiceApp.ENTITLEMENT).contentType(ContentType.JSON)
                .body(Map.of("insurerNumbers", List.of(group.insurerNumber()), "name", group.name(),
                        "category", group.category(), "cardFormat", group.cardFormat(),
                        "consentDocuments", documents, "options", options,
                        "links", List.of(Map.of("title", group.name() + "のお知らせ", "url", "https://example.jp/news")),
                        "menuItems", List.of(Map.of("title", "禁煙チャレンジ", "description", "禁煙プログラム"))))
                .put("/v1/groups/{groupId}", group.groupId()).then().statusCode(201);
    }

    private ValidatableResponse cardFormat(Group group) {
        // a member's operation, asked with ops' token straight at the service: has the catalog reached it?
        return ops.direct(ServiceApp.INSURED_VERIFICATION).get("/v1/insurers/{n}/card-format", group.insurerNumber())
                .then();
    }

    record Signup(String id, List<Map<String, Object>> consentDocuments) {
    }

    /** The first sign-up screen (insurer number), once account-service has the group from the catalog. */
    private Signup startSignup(Group group) {
        await().atMost(PROPAGATION).until(() -> App.startSignup(group.insurerNumber(), group.category()).extract()
                .statusCode() == 201);
        JsonPath started = App.startSignup(group.insurerNumber(), group.category()).statusCode(201)
                .body("group.groupId", equalTo(group.groupId())).extract().jsonPath();
        return new Signup(started.getString("signupId"), started.getList("consentDocuments"));
    }

    private void completeSignup(App app, Group group, Signup signup, boolean tryAWrongCode) {
        groupOf.put(app, group);
        String signupId = signup.id();
        app.credentials(signupId, PASSWORD).statusCode(204);
        app.consents(signupId, signup.consentDocuments()).statusCode(204);
        app.sendCode(signupId).statusCode(202);
        String code = App.codeIn(app.nextMail(Mail.SIGNUP_CODE));
        if (tryAWrongCode) {
            app.enterCode(signupId, code.equals("000000") ? "111111" : "000000").statusCode(422)
                    .body("code", equalTo("CODE_INVALID")).body("attemptsLeft", equalTo(4));
        }
        app.enterCode(signupId, code).statusCode(201);
    }

    private void verified(App app, Group group, Person card, String typedSymbol, String typedName) {
        app.verify(group.insurerNumber(), typedSymbol, card.number(), typedName, card.birthDate().toString())
                .statusCode(200).body("outcome", equalTo("VERIFIED")).body("groupId", equalTo(group.groupId()));
        app.nextMail(Mail.PERSONAL_VERIFIED);
    }

    private String openApplication(App app, boolean hasRemarks) {
        String id = app.applyForEkyc().statusCode(201).extract().path("id");
        applicationOwner.put(id, app);
        app.chooseDocument(id, "DRIVERS_LICENSE", hasRemarks).statusCode(200);
        return id;
    }

    /** Hanako's licence shows her maiden name; the remarks on its back give the new one: a person must look. */
    private String hanakoApplies() {
        String id = openApplication(hanako, true);
        hanako.photographDocument(id, "FRONT", Camera.HANAKO_LICENCE).statusCode(200);
        hanako.photographDocument(id, "BACK", Camera.HANAKO_LICENCE_BACK).statusCode(200);
        hanako.confirmDocumentData(id, "佐藤 花子", "1983-03-03", "健康 花子").statusCode(200);
        hanako.takeSelfies(id, ASSERTED);
        hanako.setSecretQuestion(id, SECRET_QUESTION, HANAKO_ANSWER).statusCode(200);
        hanako.submit(id).statusCode(200).body("status", equalTo("IN_REVIEW"))
                .body("reviewReasons", hasItem("NAME_FROM_REMARKS"));
        hanako.nextMail(Mail.EKYC_IN_REVIEW);
        reviewer.at(ServiceApp.EKYC).queryParam("limit", 200).get("/v1/ekyc/reviews").then().statusCode(200)
                .body("find { it.applicationId == '" + id + "' }.reasons", hasItem("NAME_FROM_REMARKS"));
        return id;
    }

    /** Waits until the member's entitlements are at {@code level}, then checks every feature against the guide. */
    private void expectLevel(App app, AuthLevel level) {
        await().atMost(PROPAGATION).pollInterval(Duration.ofMillis(250))
                .until(() -> level.name().equals(app.entitlements().getString("level")));
        JsonPath entitlements = app.entitlements();
        Map<String, String> features = new LinkedHashMap<>();
        for (Map<String, Object> f : entitlements.<Map<String, Object>>getList("features")) {
            features.put((String) f.get("feature"), (String) f.get("access"));
        }
        Group group = groupOf.get(app);
        assertThat(features).as("%s at %s", app.who, level).isEqualTo(group.features().at(level));
        if (level != AuthLevel.UNAFFILIATED) {
            assertThat(entitlements.getString("group.name")).as("the member's own group").isEqualTo(group.name());
        } else {
            assertThat(entitlements.getString("group.links")).as("no group content when unaffiliated").isNull();
        }
        levelOf.put(app, level);
    }

    // Narration.

    private void step(int number, String title) {
        out.printf("%n%d. %s%n", number, title);
    }

    private void said(String format, Object... args) {
        out.println("   ✓ " + String.format(format, args));
    }

    /** The end of every step: no member reaches another's data; then each member's level. */
    private void levels() {
        onlyTheirOwn();
        out.println("   levels: " + levelOf.entrySet().stream().map(e -> e.getKey().who + " " + e.getValue())
                .collect(Collectors.joining(" · ")));
    }

    /** Each member's own profile, nobody else's eKYC application, nobody else's health-data grant. */
    private void onlyTheirOwn() {
        for (App app : levelOf.keySet()) {
            app.at(ServiceApp.ACCOUNT).get("/v1/members/me").then().statusCode(200)
                    .body("memberId", equalTo(app.memberId().toString())).body("email", equalTo(app.email));
            applicationOwner.forEach((id, owner) -> {
                if (owner != app) {
                    app.ekycApplication(id).statusCode(404).body("code", equalTo("APPLICATION_NOT_FOUND"));
                }
            });
            if (taroGrant != null && app != taro) {
                app.checkGrant(taroGrant).statusCode(403).body("code", equalTo("GRANT_INVALID"));
            }
        }
        said("nobody reaches another member's data: each member reads their own profile%s%s",
                applicationOwner.isEmpty() ? "" : "; another's eKYC application is 404 (" + applicationOwner.size()
                        + " opened so far)",
                taroGrant == null ? "" : "; " + taro.who + "'s grant is GRANT_INVALID for the others");
    }

    // Test data: valid and unique to this run.

    private static LocalDate today() {
        return LocalDate.now(JAPAN);
    }

    static String digits(int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append(ThreadLocalRandom.current().nextInt(10));
        }
        return s.toString();
    }

    /** 8 digits: 法別番号, 都道府県番号, 保険者別番号 (random) + 検証番号. */
    static String employeeInsurerNumber() {
        String body = digits(7);
        return body + InsurerNumber.checkDigit(body);
    }

    /** 6 digits: 都道府県番号, 保険者別番号 (random) + 検証番号. */
    private static String nationalInsurerNumber() {
        String body = digits(5);
        return body + InsurerNumber.checkDigit(body);
    }

    private static String toFullWidth(String ascii) {
        return ascii.chars().mapToObj(c -> String.valueOf((char) (c == '-' ? '－' : c + 0xFEE0)))
                .collect(Collectors.joining());
    }
}
