package io.kencom.testsupport;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kencom.local.Keycloak;
import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A key that signs access tokens of a test's making — expired, not yet valid, for another audience — which Keycloak
 * would never issue. One the kencom realm publishes is added to it as a key provider of the lowest priority, so the
 * services trust it while Keycloak goes on signing with its own; one it does not publish is trusted by nobody.
 */
public final class SigningKey {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final KeyPair pair;
    private final String kid;
    /** The realm's key provider holding it; null for a key the realm does not publish. */
    private final String providerId;

    private SigningKey(KeyPair pair, String kid, String providerId) {
        this.pair = pair;
        this.kid = kid;
        this.providerId = providerId;
    }

    /** A key the kencom realm publishes in its key set (and never signs with). */
    public static SigningKey publishedByTheRealm() {
        KeyPair pair = newPair();
        String admin = KeycloakUsers.adminToken();
        String realm = Keycloak.url() + "/admin/realms/" + Keycloak.REALM;
        String realmId = given().auth().oauth2(admin).get(realm).then().statusCode(200).extract().path("id");
        String pem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(
                pair.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----";
        String location = given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("name", "test-key-" + UUID.randomUUID(), "providerId", "rsa",
                        "providerType", "org.keycloak.keys.KeyProvider", "parentId", realmId,
                        "config", Map.of("priority", List.of("-1000"), "enabled", List.of("true"),
                                "active", List.of("true"), "algorithm", List.of("RS256"),
                                "privateKey", List.of(pem))))
                .post(realm + "/components").then().statusCode(201).extract().header("Location");
        String providerId = location.substring(location.lastIndexOf('/') + 1);
        String kid = given().auth().oauth2(admin).get(realm + "/keys").then().statusCode(200).extract()
                .path("keys.find { it.providerId == '" + providerId + "' }.kid");
        return new SigningKey(pair, kid, providerId);
    }

    /** A key no realm publishes, under a key id of its own. */
    public static SigningKey unknown() {
        return new SigningKey(newPair(), "unknown-" + UUID.randomUUID(), null);
    }

    /** A key no realm publishes, passing itself off as this one. */
    public SigningKey impostor() {
        return new SigningKey(newPair(), kid, null);
    }

    /** Removes the key from the realm's key set, as a rotation or a compromise would. */
    public void dropFromTheRealm() {
        given().auth().oauth2(KeycloakUsers.adminToken())
                .delete(Keycloak.url() + "/admin/realms/" + Keycloak.REALM + "/components/" + providerId)
                .then().statusCode(204);
    }

    /** A JWT (RS256) of these claims under this key's id. */
    public String sign(Map<String, Object> claims) {
        try {
            String signed = part(Map.of("alg", "RS256", "typ", "JWT", "kid", kid)) + "." + part(claims);
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(pair.getPrivate());
            rsa.update(signed.getBytes(StandardCharsets.US_ASCII));
            return signed + "." + BASE64URL.encodeToString(rsa.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String part(Map<String, Object> json) {
        try {
            return BASE64URL.encodeToString(JSON.writeValueAsBytes(json));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static KeyPair newPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
