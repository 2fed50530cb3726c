package io.kencom.testsupport;

import static io.restassured.RestAssured.given;

import io.kencom.local.Keycloak;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Logs a member in against the real Keycloak with the dev/test realm's password-grant client. */
public final class Tokens {

    private static final String CLIENT = "kencom-bff";
    private static final String SECRET = "kencom-bff-local-secret";

    private Tokens() {
    }

    /** The token endpoint's whole answer (200 with tokens, or 401 with an error). */
    public static Response login(String email, String password) {
        return login(Keycloak.realmUrl(), email, password);
    }

    /** As above, at the realm's address {@code realmUrl} (Keycloak's own, or a proxy's in front of it). */
    public static Response login(String realmUrl, String email, String password) {
        return given().formParam("grant_type", "password")
                .formParam("client_id", CLIENT)
                .formParam("client_secret", SECRET)
                .formParam("username", email)
                .formParam("password", password)
                .formParam("scope", "openid")
                .post(realmUrl + "/protocol/openid-connect/token");
    }

    /** The token endpoint's answer to a refresh token (400 invalid_grant once its session has ended). */
    public static Response refresh(String refreshToken) {
        return given().formParam("grant_type", "refresh_token")
                .formParam("client_id", CLIENT)
                .formParam("client_secret", SECRET)
                .formParam("refresh_token", refreshToken)
                .post(Keycloak.realmUrl() + "/protocol/openid-connect/token");
    }

    /** Whether Keycloak refuses these credentials (an unknown user or a wrong password: 400 invalid_grant). */
    public static boolean refused(String email, String password) {
        Response response = login(email, password);
        return response.statusCode() == 400 && "invalid_grant".equals(response.path("error"));
    }

    public static String accessToken(String email, String password) {
        return accessToken(Keycloak.realmUrl(), email, password);
    }

    public static String accessToken(String realmUrl, String email, String password) {
        Response response = login(realmUrl, email, password);
        if (response.statusCode() != 200) {
            throw new AssertionError("login failed: HTTP " + response.statusCode() + " " + response.body().asString());
        }
        return response.path("access_token");
    }

    /** The claims of a JWT, read without checking it (the service under test checks it). */
    public static JsonPath claims(String jwt) {
        String payload = jwt.split("\\.")[1];
        return new JsonPath(new String(Base64.getUrlDecoder().decode(payload),
                StandardCharsets.UTF_8));
    }
}
