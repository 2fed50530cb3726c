package io.kencom.e2e.journey;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.kencom.local.Gateway;
import io.kencom.local.ServiceApp;
import io.kencom.local.StandInJlis;
import io.kencom.testsupport.Mailbox;
import io.kencom.testsupport.Tokens;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One member's app, as the mobile/BFF team calls the services, through the gateway's public port (Gateway.door):
 * sign-up without a token, then everything with the member's Keycloak token; and the member's mailbox. Each call returns the response for the journey to judge.
 */
final class App {

    private static final Pattern CODE = Pattern.compile("確認コード: (\\d{6})");
    /** Access tokens live 5 minutes; log in again before that. */
    private static final Duration TOKEN_USE = Duration.ofMinutes(4);

    final String who;
    final String email;
    private String password;
    private UUID memberId;
    private String accessToken;
    private Instant loggedInAt;
    private final List<Mail> mailsRead = new ArrayList<>();
    private final List<String> codesRead = new ArrayList<>();

    App(String who, String email, String password) {
        this.who = who;
        this.email = email;
        this.password = password;
    }

    UUID memberId() {
        return memberId;
    }

    // Sign-up (domain.md §3), account-service, no token yet.

    static ValidatableResponse startSignup(String insurerNumber, String category) {
        return given().baseUri(Gateway.door(ServiceApp.ACCOUNT)).contentType(ContentType.JSON)
                .body(Map.of("insurerNumber", insurerNumber, "groupCategory", category)).post("/v1/signups").then();
    }

    ValidatableResponse credentials(String signupId, String password) {
        return given().baseUri(Gateway.door(ServiceApp.ACCOUNT)).contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", password))
                .put("/v1/signups/{id}/credentials", signupId).then();
    }

    /** Agrees to every document offered, the newsletter too, in the version offered. */
    ValidatableResponse consents(String signupId, List<Map<String, Object>> offered) {
        List<Map<String, Object>> agreements = offered.stream()
                .map(d -> Map.of("kind", d.get("kind"), "version", d.get("version"))).toList();
        return given().baseUri(Gateway.door(ServiceApp.ACCOUNT)).contentType(ContentType.JSON)
                .body(Map.of("agreements", agreements)).put("/v1/signups/{id}/consents", signupId).then();
    }

    ValidatableResponse sendCode(String signupId) {
        return given().baseUri(Gateway.door(ServiceApp.ACCOUNT)).post("/v1/signups/{id}/code", signupId).then();
    }

    ValidatableResponse enterCode(String signupId, String code) {
        ValidatableResponse response = given().baseUri(Gateway.door(ServiceApp.ACCOUNT)).contentType(ContentType.JSON)
                .body(Map.of("code", code)).post("/v1/signups/{id}/code/verify", signupId).then();
        if (response.extract().statusCode() == 201) {
            memberId = UUID.fromString(response.extract().path("memberId"));
        }
        return response;
    }

    // Login (Keycloak) and the member's own requests.

    /** Logs in with the address and password through Keycloak's token endpoint, as the BFF does. */
    JsonPath logIn() {
        accessToken = Tokens.accessToken(OwnStack.SHARED.realmUrl(), email, password);
        loggedInAt = Instant.now();
        return Tokens.claims(accessToken);
    }

    boolean loginRefused(String password) {
        return Tokens.refused(email, password);
    }

    String password() {
        return password;
    }

    /** A request to {@code service} with this member's token, through the app's door. */
    RequestSpecification at(ServiceApp service) {
        return withToken(Gateway.door(service));
    }

    /**
     * The member's token sent straight to {@code service}, past the gateway (which routes no staff path to a member
     * at all): what the service itself allows, for checks of its own authorisation.
     */
    RequestSpecification direct(ServiceApp service) {
        return withToken(service.where());
    }

    private RequestSpecification withToken(String baseUri) {
        if (accessToken == null || Instant.now().isAfter(loggedInAt.plus(TOKEN_USE))) {
            logIn();
        }
        return given().baseUri(baseUri).auth().oauth2(accessToken);
    }

    JsonPath entitlements() {
        return at(ServiceApp.ENTITLEMENT).get("/v1/members/me/entitlements").then().statusCode(200).extract()
                .jsonPath();
    }

    /** 本人確認 (domain.md §4): the card's data, the name in katakana and the birth date. */
    ValidatableResponse verify(String insurerNumber, String symbol, String number, String nameKana,
            String birthDate) {
        Map<String, Object> card = new HashMap<>(Map.of("insurerNumber", insurerNumber, "number", number,
                "nameKana", nameKana, "birthDate", birthDate));
        if (symbol != null) {
            card.put("symbol", symbol);
        }
        return at(ServiceApp.INSURED_VERIFICATION).contentType(ContentType.JSON).body(card)
                .post("/v1/verifications").then();
    }

    // eKYC (domain.md §5) and the secret question, ekyc-service.

    ValidatableResponse applyForEkyc() {
        return at(ServiceApp.EKYC).post("/v1/ekyc/applications").then();
    }

    ValidatableResponse ekycApplication(String id) {
        return at(ServiceApp.EKYC).get("/v1/ekyc/applications/{id}", id).then();
    }

    ValidatableResponse chooseDocument(String id, String documentType, boolean hasRemarks) {
        return at(ServiceApp.EKYC).contentType(ContentType.JSON)
                .body(Map.of("documentType", documentType, "hasRemarks", hasRemarks))
                .put("/v1/ekyc/applications/{id}/document", id).then();
    }

    /** {@code side}: FRONT, BACK or REMARKS. */
    ValidatableResponse photographDocument(String id, String side, byte[] jpeg) {
        return at(ServiceApp.EKYC).contentType("image/jpeg").body(jpeg)
                .put("/v1/ekyc/applications/{id}/images/{side}", id, side).then();
    }

    ValidatableResponse confirmDocumentData(String id, String name, String birthDate, String newName) {
        Map<String, Object> data = new HashMap<>(Map.of("name", name, "birthDate", birthDate));
        if (newName != null) {
            data.put("newName", newName);
        }
        return at(ServiceApp.EKYC).contentType(ContentType.JSON).body(data)
                .put("/v1/ekyc/applications/{id}/document-data", id).then();
    }

    ValidatableResponse frontSelfie(String id, byte[] jpeg) {
        return at(ServiceApp.EKYC).contentType("image/jpeg").body(jpeg)
                .put("/v1/ekyc/applications/{id}/faces/front", id).then();
    }

    ValidatableResponse challengeSelfie(String id, byte[] jpeg) {
        return at(ServiceApp.EKYC).contentType("image/jpeg").body(jpeg)
                .put("/v1/ekyc/applications/{id}/faces/challenge", id).then();
    }

    /** How a caller makes each call of a step of several: the journey asserts the answer, the fault traffic retries. */
    interface Calls {
        ValidatableResponse call(String step, Supplier<ValidatableResponse> request, int expected);
    }

    /**
     * The frontal selfie, then the challenge's. No test photo shows an open mouth, so a challenge asking for one
     * is met as a member who cannot comply would: a try that is refused, then a retaken frontal selfie, which may
     * draw a new challenge only because this one was attempted.
     */
    void takeSelfies(String id, Calls calls) {
        ValidatableResponse front = calls.call("front selfie", () -> frontSelfie(id, Camera.FRONT_SELFIE), 200);
        for (int retakes = 0; "OPEN".equals(front.extract().path("challenge.mouth")); retakes++) {
            assertThat(retakes).as("retakes of the frontal selfie").isLessThan(30);
            byte[] turned = Camera.turned(front.extract().path("challenge.turn"));
            calls.call("challenge not met", () -> challengeSelfie(id, turned), 422)
                    .body("code", equalTo("CHALLENGE_FAILED"));
            front = calls.call("front selfie", () -> frontSelfie(id, Camera.FRONT_SELFIE), 200);
        }
        byte[] turned = Camera.turned(front.extract().path("challenge.turn"));
        calls.call("challenge selfie", () -> challengeSelfie(id, turned), 200);
    }

    ValidatableResponse setSecretQuestion(String id, String question, String answer) {
        return at(ServiceApp.EKYC).contentType(ContentType.JSON).body(Map.of("question", question, "answer", answer))
                .put("/v1/ekyc/applications/{id}/secret-question", id).then();
    }

    ValidatableResponse submit(String id) {
        return at(ServiceApp.EKYC).post("/v1/ekyc/applications/{id}/submit", id).then();
    }

    ValidatableResponse secretQuestion() {
        return at(ServiceApp.EKYC).get("/v1/sensitive-access/question").then();
    }

    /** eKYC by the My Number card (JPKI), first step: a nonce for the card to sign. */
    ValidatableResponse jpkiChallenge() {
        return at(ServiceApp.EKYC).post("/v1/ekyc/jpki/challenges").then();
    }

    /** The card's signing certificate and its signature over the nonce, read over NFC, with a secret question. */
    ValidatableResponse jpkiVerify(StandInJlis.Card card, String nonce, String question, String answer) {
        byte[] signature = card.sign(Base64.getUrlDecoder().decode(nonce));
        Base64.Encoder base64 = Base64.getEncoder();
        return at(ServiceApp.EKYC).contentType(ContentType.JSON)
                .body(Map.of("certificate", base64.encodeToString(card.der()), "signature",
                        base64.encodeToString(signature), "nonce", nonce, "question", question, "answer", answer))
                .post("/v1/ekyc/jpki/verifications").then();
    }

    /** The path without eKYC (Q7): a checkup viewing code from the group plus a secret question. */
    ValidatableResponse redeemCheckupCode(String code, String question, String answer) {
        return at(ServiceApp.EKYC).contentType(ContentType.JSON)
                .body(Map.of("code", code, "question", question, "answer", answer))
                .post("/v1/checkup-codes/redeem").then();
    }

    ValidatableResponse answerSecretQuestion(String answer) {
        return at(ServiceApp.EKYC).contentType(ContentType.JSON).body(Map.of("answer", answer))
                .post("/v1/sensitive-access").then();
    }

    /** What a health-data endpoint behind the BFF asks before it shows anything. */
    ValidatableResponse checkGrant(String grant) {
        return at(ServiceApp.EKYC).contentType(ContentType.JSON).body(Map.of("grant", grant))
                .post("/v1/sensitive-access/check").then();
    }

    // Account life.

    ValidatableResponse withdraw() {
        return at(ServiceApp.ACCOUNT).delete("/v1/members/me").then();
    }

    /**
     * Forgot the password: a code by mail, then the new password. Codes to one address are 60 s apart; the app
     * waits as long as {@code RESEND_TOO_SOON} says. Returns the seconds waited.
     */
    long resetPassword(String newPassword) {
        ValidatableResponse asked = askForResetCode();
        long waited = 0;
        if (asked.extract().statusCode() == 429 && "RESEND_TOO_SOON".equals(asked.extract().path("code"))) {
            waited = asked.extract().<Integer>path("retryAfterSeconds");
            sleep(Duration.ofSeconds(waited));
            asked = askForResetCode();
        }
        String resetId = asked.statusCode(202).extract().path("resetId");
        String code = codeIn(nextMail(Mail.PASSWORD_RESET_CODE));
        completeReset(resetId, code, newPassword).statusCode(204);
        return waited;
    }

    /** Forgot the password, first step: a code to this address. */
    ValidatableResponse askForResetCode() {
        return given().baseUri(Gateway.door(ServiceApp.ACCOUNT)).contentType(ContentType.JSON)
                .body(Map.of("email", email)).post("/v1/password-resets").then();
    }

    /** The mailed code and the new password; once taken (204), the app logs in with the new one. */
    ValidatableResponse completeReset(String resetId, String code, String newPassword) {
        ValidatableResponse answer = given().baseUri(Gateway.door(ServiceApp.ACCOUNT)).contentType(ContentType.JSON)
                .body(Map.of("code", code, "newPassword", newPassword))
                .post("/v1/password-resets/{id}/verify", resetId).then();
        if (answer.extract().statusCode() == 204) {
            passwordChanged(newPassword);
        }
        return answer;
    }

    /** The password is {@code newPassword} now (a reset taken, though its answer was lost): log in with it. */
    void passwordChanged(String newPassword) {
        password = newPassword;
        accessToken = null;
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // The mailbox.

    /** Waits for the next mail to this address and checks it is {@code expected}. */
    MimeMessage nextMail(Mail expected) {
        List<MimeMessage> all = Mailbox.awaitMessages(email, mailsRead.size() + 1);
        MimeMessage next = all.get(mailsRead.size());
        assertThat(Mail.withSubject(Mailbox.subject(next))).as("mail %d to %s", mailsRead.size() + 1, who)
                .isEqualTo(expected);
        mailsRead.add(expected);
        if (expected == Mail.SIGNUP_CODE || expected == Mail.PASSWORD_RESET_CODE) {
            codesRead.add(codeIn(next));
        }
        return next;
    }

    /** The one-time codes mailed to this address so far. */
    List<String> codesRead() {
        return List.copyOf(codesRead);
    }

    /** The mails read so far, in order. */
    List<Mail> mailsRead() {
        return List.copyOf(mailsRead);
    }

    static String codeIn(MimeMessage mail) {
        Matcher m = CODE.matcher(Mailbox.text(mail));
        assertThat(m.find()).as("a one-time code in the mail").isTrue();
        return m.group(1);
    }
}
