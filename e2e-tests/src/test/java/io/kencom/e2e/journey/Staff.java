package io.kencom.e2e.journey;

import static io.restassured.RestAssured.given;

import io.kencom.local.Gateway;
import io.kencom.local.ServiceApp;
import io.kencom.testsupport.KeycloakUsers;
import io.restassured.specification.RequestSpecification;

/**
 * Somebody of the operator's staff with one realm role ({@code ops-admin}, {@code ekyc-reviewer}): accounts that
 * the operator's administrators create in Keycloak, not through sign-up.
 */
final class Staff {

    private final KeycloakUsers.TestUser user;

    private Staff(KeycloakUsers.TestUser user) {
        this.user = user;
    }

    static Staff withRole(String role) {
        return new Staff(KeycloakUsers.staff(role));
    }

    /** A request to {@code service} with a fresh token of this staff member, through the staff's gateway. */
    RequestSpecification at(ServiceApp service) {
        return to(Gateway.staffDoor(service));
    }

    /** The same, straight to the service: what the service itself allows this role (the access matrix). */
    RequestSpecification direct(ServiceApp service) {
        return to(service.where());
    }

    private RequestSpecification to(String baseUri) {
        return given().baseUri(baseUri).auth().oauth2(user.accessToken());
    }
}
