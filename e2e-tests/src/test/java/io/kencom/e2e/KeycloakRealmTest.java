package io.kencom.e2e;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;

import io.kencom.local.Keycloak;
import io.kencom.testsupport.KeycloakUsers;
import io.kencom.testsupport.KeycloakUsers.TestUser;
import io.kencom.testsupport.RealInfrastructure;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** The realm of deploy/keycloak, imported into a real Keycloak, is what the services rely on. */
@Order(2)
class KeycloakRealmTest {

    @BeforeAll
    static void keycloak() {
        RealInfrastructure.keycloak();
    }

    @Test
    void the_kencom_realm_serves_its_openid_configuration() {
        given().get(Keycloak.realmUrl() + "/.well-known/openid-configuration").then()
                .statusCode(200)
                .body("issuer", equalTo(Keycloak.realmUrl()))
                .body("grant_types_supported", hasItems("authorization_code", "client_credentials", "password"))
                .body("code_challenge_methods_supported", hasItems("S256"));
    }

    @Test
    void the_services_client_gets_a_token_that_may_manage_users() {
        String token = servicesToken();

        given().auth().oauth2(token).get(Keycloak.url() + "/admin/realms/" + Keycloak.REALM + "/users?max=1")
                .then().statusCode(200);
        given().auth().oauth2(token).get(Keycloak.url() + "/admin/realms/" + Keycloak.REALM + "/roles")
                .then().statusCode(200)
                .body("name", hasItems("member", "ops-admin", "ekyc-reviewer", "insurer-feed"));
    }

    /** Locally the realm hashes by one PBKDF2 round (docs/decisions.md §15); Kubernetes' realm names Argon2 (OverlaysTest). */
    @Test
    void the_local_realm_hashes_passwords_cheaply() {
        TestUser member = KeycloakUsers.member("g-none");

        given().auth().oauth2(servicesToken())
                .get(Keycloak.url() + "/admin/realms/" + Keycloak.REALM + "/users/" + member.id() + "/credentials")
                .then().statusCode(200)
                .body("find { it.type == 'password' }.credentialData",
                        allOf(containsString("\"algorithm\":\"pbkdf2-sha256\""), containsString("\"hashIterations\":1,")));
    }

    private static String servicesToken() {
        return given().formParam("grant_type", "client_credentials")
                .formParam("client_id", "kencom-services")
                .formParam("client_secret", Keycloak.SERVICES_SECRET)
                .post(Keycloak.realmUrl() + "/protocol/openid-connect/token")
                .then().statusCode(200).body("access_token", notNullValue()).extract().path("access_token");
    }

    @Test
    void a_wrong_client_secret_is_refused() {
        given().formParam("grant_type", "client_credentials")
                .formParam("client_id", "kencom-services")
                .formParam("client_secret", "wrong")
                .post(Keycloak.realmUrl() + "/protocol/openid-connect/token")
                .then().statusCode(401);
    }
}
