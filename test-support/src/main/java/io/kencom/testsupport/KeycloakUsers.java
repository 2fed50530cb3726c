package io.kencom.testsupport;

import static io.restassured.RestAssured.given;

import io.kencom.local.Keycloak;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Users made straight in the real Keycloak for tests of services that only read tokens: a member as account-service
 * would leave it, or a staff member with a realm role. Uses the local stack's bootstrap administrator.
 */
public final class KeycloakUsers {

    public static final String PASSWORD = "Kencom-test-2026";

    /** A user of the kencom realm; its id is the member id and the token's {@code sub}. */
    public record TestUser(UUID id, String email) {

        public String accessToken() {
            return Tokens.accessToken(email, PASSWORD);
        }
    }

    private KeycloakUsers() {
    }

    /** A member of a group at {@code GROUP_ID}, with the attributes account-service sets. */
    public static TestUser member(String groupId) {
        return create(newEmail(), Map.of("groupId", List.of(groupId), "authLevel", List.of("GROUP_ID")),
                List.of("member"), List.of());
    }

    /**
     * A user of the address as account-service makes a member's (in the realm's group {@code /members}) with no
     * member recorded: what a sign-up whose completion died between Keycloak and its commit leaves behind.
     */
    public static TestUser leftByACompletionCutShort(String email, String groupId) {
        return create(email, Map.of("groupId", List.of(groupId), "authLevel", List.of("GROUP_ID")), List.of(),
                List.of("/members"));
    }

    /** A staff user with one realm role ({@code ops-admin}, {@code ekyc-reviewer}, {@code insurer-feed}). */
    public static TestUser staff(String role) {
        return staff(role, newEmail());
    }

    /** The same, with this address as its username. */
    public static TestUser staff(String role, String email) {
        return create(email, Map.of(), List.of(role), List.of());
    }

    public static void delete(TestUser user) {
        given().auth().oauth2(adminToken()).delete(users() + "/" + user.id()).then().statusCode(204);
    }

    /** An insurer's feed account: role {@code insurer-feed}, writing the rosters of these insurer numbers only. */
    public static TestUser insurerFeed(String... insurerNumbers) {
        return create(newEmail(), Map.of("insurerNumbers", List.of(insurerNumbers)), List.of("insurer-feed"),
                List.of());
    }

    private static String newEmail() {
        return "kc-" + UUID.randomUUID() + "@example.com";
    }

    private static TestUser create(String email, Map<String, List<String>> attributes, List<String> roles,
            List<String> groups) {
        String admin = adminToken();
        String location = given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("username", email, "email", email, "emailVerified", true, "enabled", true,
                        "attributes", attributes, "groups", groups,
                        "credentials", List.of(Map.of("type", "password", "value", PASSWORD, "temporary", false))))
                .post(users())
                .then().statusCode(201).extract().header("Location");
        UUID id = UUID.fromString(location.substring(location.lastIndexOf('/') + 1));
        List<Map<String, Object>> realmRoles = roles.stream()
                .map(role -> given().auth().oauth2(admin).get(Keycloak.url() + "/admin/realms/" + Keycloak.REALM
                        + "/roles/" + role).then().statusCode(200).extract().<Map<String, Object>>path(""))
                .toList();
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(realmRoles)
                .post(users() + "/" + id + "/role-mappings/realm").then().statusCode(204);
        return new TestUser(id, email);
    }

    private static String users() {
        return Keycloak.url() + "/admin/realms/" + Keycloak.REALM + "/users";
    }

    /** The local stack's bootstrap administrator's token (master realm). */
    public static String adminToken() {
        return given().formParam("grant_type", "password").formParam("client_id", "admin-cli")
                .formParam("username", Keycloak.ADMIN).formParam("password", Keycloak.ADMIN_PASSWORD)
                .post(Keycloak.url() + "/realms/master/protocol/openid-connect/token")
                .then().statusCode(200).extract().path("access_token");
    }
}
