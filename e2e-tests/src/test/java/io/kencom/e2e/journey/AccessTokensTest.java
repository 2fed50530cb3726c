package io.kencom.e2e.journey;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kencom.local.Keycloak;
import io.kencom.local.ServiceApp;
import io.kencom.testsupport.KeycloakUsers;
import io.kencom.testsupport.RunReport;
import io.kencom.testsupport.SigningKey;
import io.kencom.testsupport.Tokens;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What each of the five services does with an access token that is not one the realm issued for our API, now: a 401
 * with the problem body, before any endpoint runs. Most tokens here are signed by a test key the realm publishes,
 * with a member's real claims and one thing changed, so each refusal is for that one thing: the same token unchanged
 * is let through.
 */
@Order(22)
class AccessTokensTest {

    @RegisterExtension
    static final RunningStack STACK = new RunningStack();

    /** Per service, a request a member's token is let through to, and what the service then answers. */
    private static final Map<ServiceApp, Door> DOORS = doors();

    private record Door(String path, int answer) {
    }

    /** The mapper deploy/keycloak gives the app's and the BFF's clients. */
    private static final Map<String, Object> API_AUDIENCE = Map.of("name", "kencom api audience",
            "protocol", "openid-connect", "protocolMapper", "oidc-audience-mapper",
            "config", Map.of("included.custom.audience", "kencom-api", "access.token.claim", "true"));

    private static Map<String, Object> member;
    private static SigningKey published;
    /** Tokens refused by every service, for the run's report. */
    private static int refused;

    @BeforeAll
    static void aMemberAndAKey() {
        member = Tokens.claims(KeycloakUsers.member("g-tokens").accessToken()).getMap("$");
        published = SigningKey.publishedByTheRealm();
    }

    @Test
    void a_token_of_the_realm_for_the_api_is_let_through_whoever_signed_it() {
        String issued = KeycloakUsers.member("g-tokens").accessToken();
        assertThat(Tokens.claims(issued).getList("aud", String.class)).contains("kencom-api");

        SoftAssertions.assertSoftly(soft -> {
            for (ServiceApp service : ServiceApp.values()) {
                soft.assertThat(call(service, issued).statusCode()).as(service.name())
                        .isEqualTo(DOORS.get(service).answer());
            }
        });
        awaitLetThrough(published.sign(fresh(member)));
    }

    @Test
    void an_expired_token_and_one_not_yet_valid_are_refused() {
        awaitLetThrough(published.sign(fresh(member)));
        long now = Instant.now().getEpochSecond();

        assertRefusedEverywhere(published.sign(fresh(member, c -> {
            c.put("iat", now - 301);
            c.put("exp", now - 1);
            return c;
        })));
        assertRefusedEverywhere(published.sign(fresh(member, c -> {
            c.put("nbf", now + 300);
            return c;
        })));
    }

    @Test
    void a_token_signed_by_a_key_the_realm_does_not_publish_is_refused() {
        awaitLetThrough(published.sign(fresh(member)));

        assertRefusedEverywhere(SigningKey.unknown().sign(fresh(member)));
        assertRefusedEverywhere(published.impostor().sign(fresh(member)));
    }

    @Test
    void a_token_of_another_realm_is_refused() {
        awaitLetThrough(published.sign(fresh(member)));
        String elsewhere = Keycloak.url() + "/realms/elsewhere";
        Response created = given().auth().oauth2(KeycloakUsers.adminToken()).contentType(ContentType.JSON)
                .body(Map.of("realm", "elsewhere", "enabled", true, "clients", List.of(Map.of("clientId", "kencom-bff",
                        "secret", "elsewhere-secret", "publicClient", false, "serviceAccountsEnabled", true,
                        "standardFlowEnabled", false, "protocolMappers", List.of(API_AUDIENCE)))))
                .post(Keycloak.url() + "/admin/realms");
        assertThat(created.statusCode()).as("created now or by an earlier run").isIn(201, 409);
        String ofThatRealm = given().formParam("grant_type", "client_credentials").formParam("client_id", "kencom-bff")
                .formParam("client_secret", "elsewhere-secret").post(elsewhere + "/protocol/openid-connect/token")
                .then().statusCode(200).extract().path("access_token");
        assertThat(Tokens.claims(ofThatRealm).getList("aud", String.class)).contains("kencom-api");

        assertRefusedEverywhere(ofThatRealm);
        assertRefusedEverywhere(published.sign(fresh(member, c -> {
            c.put("iss", elsewhere);
            return c;
        })));
    }

    @Test
    void a_token_the_realm_issued_to_another_of_its_clients_is_refused() {
        awaitLetThrough(published.sign(fresh(member)));
        // The services' own client: before the audience was checked its token got past authentication (403).
        String services = given().formParam("grant_type", "client_credentials").formParam("client_id", "kencom-services")
                .formParam("client_secret", Keycloak.SERVICES_SECRET)
                .post(Keycloak.realmUrl() + "/protocol/openid-connect/token").then().statusCode(200).extract()
                .path("access_token");

        assertRefusedEverywhere(services);
        assertRefusedEverywhere(published.sign(fresh(member, c -> {
            c.put("aud", List.of("account"));
            return c;
        })));
    }

    @Test
    void after_a_key_rotation_the_new_key_is_trusted_at_once_and_the_dropped_one_no_more() {
        SigningKey old = SigningKey.publishedByTheRealm();
        awaitLetThrough(old.sign(fresh(member)));

        SigningKey next = SigningKey.publishedByTheRealm();
        old.dropFromTheRealm();
        // A service reads the key set again at the new key's first token (at most once per 10 s).
        awaitLetThrough(next.sign(fresh(member)));

        assertRefusedEverywhere(old.sign(fresh(member)));
        next.dropFromTheRealm();
    }

    private static void awaitLetThrough(String token) {
        for (ServiceApp service : ServiceApp.values()) {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                    assertThat(call(service, token).statusCode()).as(service.name())
                            .isEqualTo(DOORS.get(service).answer()));
        }
    }

    @AfterAll
    static void report() {
        RunReport.add("§7 access tokens", refused + " tokens of kinds not to let in, each answered 401 UNAUTHENTICATED "
                + "by the " + ServiceApp.values().length + " services");
    }

    private static void assertRefusedEverywhere(String token) {
        refused++;
        for (ServiceApp service : ServiceApp.values()) {
            Response answer = call(service, token);
            assertThat(answer.statusCode()).as(service.name()).isEqualTo(401);
            assertThat(answer.contentType()).startsWith("application/problem+json");
            assertThat(answer.<String>path("code")).isEqualTo("UNAUTHENTICATED");
            assertThat(answer.header("WWW-Authenticate")).startsWith("Bearer");
        }
    }

    private static Response call(ServiceApp service, String token) {
        return given().baseUri(service.where()).auth().oauth2(token).get(DOORS.get(service).path());
    }

    /** The claims as if issued now, for five minutes (the realm's access-token lifespan). */
    private static Map<String, Object> fresh(Map<String, Object> claims) {
        return fresh(claims, UnaryOperator.identity());
    }

    private static Map<String, Object> fresh(Map<String, Object> claims, UnaryOperator<Map<String, Object>> change) {
        Map<String, Object> copy = new HashMap<>(claims);
        long now = Instant.now().getEpochSecond();
        copy.put("iat", now);
        copy.put("exp", now + 300);
        copy.put("jti", UUID.randomUUID().toString());
        return change.apply(copy);
    }

    private static Map<ServiceApp, Door> doors() {
        Map<ServiceApp, Door> doors = new LinkedHashMap<>();
        doors.put(ServiceApp.ACCOUNT, new Door("/v1/members/me", 404)); // a Keycloak user with no member here
        doors.put(ServiceApp.INSURED_VERIFICATION, new Door("/v1/insurers/06123459/card-format", 404));
        doors.put(ServiceApp.EKYC, new Door("/v1/sensitive-access/question", 404));
        doors.put(ServiceApp.ENTITLEMENT, new Door("/v1/members/me/entitlements", 200));
        doors.put(ServiceApp.NOTIFICATION, new Door("/v1/deliveries?memberId=" + UUID.randomUUID(), 403)); // staff's
        return doors;
    }
}
