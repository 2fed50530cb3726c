package io.kencom.e2e.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import io.kencom.client.ApiClient;
import io.kencom.client.ApiException;
import io.kencom.client.ApiResponse;
import io.kencom.client.api.EKycApi;
import io.kencom.client.api.EntitlementsApi;
import io.kencom.client.api.PersonalVerificationApi;
import io.kencom.client.api.SignUpApi;
import io.kencom.client.model.AccountCreatedResponse;
import io.kencom.client.model.Agreement;
import io.kencom.client.model.AuthLevel;
import io.kencom.client.model.CardFormatView;
import io.kencom.client.model.ConsentsRequest;
import io.kencom.client.model.CredentialsRequest;
import io.kencom.client.model.GroupCategory;
import io.kencom.client.model.Problem;
import io.kencom.client.model.Request;
import io.kencom.client.model.StartRequest;
import io.kencom.client.model.StartResponse;
import io.kencom.client.model.Status;
import io.kencom.client.model.Verified;
import io.kencom.client.model.VerifyRequest;
import io.kencom.client.model.View;
import io.kencom.e2e.journey.Journey.Group;
import io.kencom.local.Gateway;
import io.kencom.local.Keycloak;
import io.kencom.testsupport.Mailbox;
import io.kencom.testsupport.RealInfrastructure;
import io.kencom.testsupport.Tokens;
import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The app's backend as its team would write it: the Java client generated from the merged document (the api module's
 * jar), pointed at the local gateway's public port, and nothing else — no service port, no helper of ours for the
 * member's calls. A member signs up with the mailed code, is verified against the roster, opens an eKYC application
 * and reads what their level unlocks. Only the insurer's roster and the group's definition come from elsewhere (the
 * insurer's feed and ops' staff API), as they do in production.
 */
@Order(21)
class ClientJourneyTest {

    @RegisterExtension
    static final RunningStack STACK = new RunningStack();

    private static final String PASSWORD = "Momiji-2026-kencom";
    private static final String REALM = Gateway.publicUrl() + "/realms/" + Keycloak.REALM;

    private final String run = Journey.digits(6);
    private final Group kenpo = new Group("g-client-" + run, "クライアント健康保険組合", Journey.employeeInsurerNumber(),
            "HEALTH_INSURANCE_SOCIETY_OR_COMPANY", "SYMBOL_WITH_HYPHEN_AND_NUMBER", GuideTable.KENPO);
    private final Person card = new Person("C-" + run, "34-" + Journey.digits(3), Journey.digits(8), "クライアント サクラ",
            LocalDate.of(1992, 4, 1));
    private final String email = Mailbox.newAddress("sakura");

    private final ApiClient client = new ApiClient();

    @BeforeAll
    static void theGateway() {
        RealInfrastructure.gateway();
    }

    @Test
    void a_member_signs_up_is_verified_opens_an_ekyc_application_and_reads_their_entitlements() throws Exception {
        client.updateBaseUri(Gateway.publicUrl());
        Journey.defineGroup(Staff.withRole("ops-admin"), kenpo, Map.of("checkupDataLink", true));
        Insurer feed = new Insurer(kenpo.insurerNumber());
        feed.enrol(card);
        feed.awaitRosterTaken();

        // Sign-up (会員登録): insurer number, address and password, consents, the mailed code.
        SignUpApi signup = new SignUpApi(client);
        StartResponse started = await().atMost(Duration.ofSeconds(60)).ignoreException(ApiException.class)
                .until(() -> signup.startSignup(new StartRequest().insurerNumber(kenpo.insurerNumber())
                        .groupCategory(GroupCategory.fromValue(kenpo.category()))), s -> s != null);
        UUID id = started.getSignupId();
        assertThat(started.getGroup().getGroupId()).isEqualTo(kenpo.groupId());
        signup.setSignupCredentials(id, new CredentialsRequest().email(email).password(PASSWORD));
        signup.agreeToSignupConsents(id, new ConsentsRequest().agreements(started.getConsentDocuments().stream()
                .map(d -> new Agreement().kind(d.getKind()).version(d.getVersion())).toList()));
        assertThat(signup.sendSignupCode(id).getExpiresAt()).isInTheFuture();
        String code = App.codeIn(Mailbox.awaitMessages(email, 1).get(0));

        ApiException wrong = catchThrowableOfType(ApiException.class,
                () -> signup.verifySignupCode(id, new VerifyRequest().code(code.equals("000000") ? "111111" : "000000")));
        assertThat(wrong.getCode()).isEqualTo(422);
        assertThat(problem(wrong).getCode()).as("what the app switches on").isEqualTo("CODE_INVALID");
        AccountCreatedResponse created = signup.verifySignupCode(id, new VerifyRequest().code(code));

        // Login through the gateway's auth routes, then every call with the member's token.
        String token = Tokens.accessToken(REALM, email, PASSWORD);
        assertThat(Tokens.claims(token).getString("sub")).isEqualTo(created.getMemberId().toString());
        client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
        EntitlementsApi entitlements = new EntitlementsApi(client);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(entitlements.getMyEntitlements().getLevel()).isEqualTo(AuthLevel.GROUP_ID));

        // Personal verification (本人確認) against the roster: the card's layout for the form, then the card's data
        // with the name typed in half-width kana.
        PersonalVerificationApi verification = new PersonalVerificationApi(client);
        CardFormatView format = await().atMost(Duration.ofSeconds(60)).ignoreException(ApiException.class)
                .until(() -> verification.getCardFormat(kenpo.insurerNumber()), f -> f != null);
        assertThat(format.getSymbol()).as("a card with 記号 and 番号").isTrue();
        Verified verified = verification.verifyInsuredPerson(new Request().insurerNumber(kenpo.insurerNumber())
                .symbol(card.symbol()).number(card.number()).nameKana("ｸﾗｲｱﾝﾄ ｻｸﾗ").birthDate(card.birthDate()));
        assertThat(verified.getGroupId()).isEqualTo(kenpo.groupId());
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(entitlements.getMyEntitlements().getLevel()).isEqualTo(AuthLevel.PERSONAL));

        // eKYC (健診・医療アクセス認証): the application opens, where it can be read back.
        EKycApi ekyc = new EKycApi(client);
        ApiResponse<View> opened = ekyc.openEkycApplicationWithHttpInfo();
        assertThat(opened.getStatusCode()).isEqualTo(201);
        View application = opened.getData();
        assertThat(application.getStatus()).isEqualTo(Status.OPEN);
        assertThat(opened.getHeaders().get("location")).containsExactly("/v1/ekyc/applications/" + application.getId());
        assertThat(ekyc.getEkycApplication(application.getId()).getNextStep()).isEqualTo(application.getNextStep());

        ApiException another = catchThrowableOfType(ApiException.class, ekyc::openEkycApplication);
        assertThat(another.getCode()).isEqualTo(409);
        assertThat(problem(another).getCode()).isEqualTo("APPLICATION_EXISTS");
        assertThat(entitlements.getMyEntitlements().getFeatures()).isNotEmpty();
    }

    /** The refusal's body, read with the client's own mapper: the app switches on its code. */
    private Problem problem(ApiException e) throws IOException {
        assertThat(e.getResponseHeaders().firstValue("content-type")).hasValue("application/problem+json");
        return client.getObjectMapper().readValue(e.getResponseBody(), Problem.class);
    }
}
