package io.kencom.account.infra;

import io.kencom.account.domain.EmailAddress;
import io.kencom.contracts.model.AuthLevel;
import io.kencom.platform.Blocking;
import io.kencom.platform.problem.Unavailable;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.OAuth2Constants;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.KeycloakBuilder;
import org.keycloak.admin.client.resource.UsersResource;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/**
 * The members' Keycloak users, through the admin client (service account {@code kencom-services}). The Keycloak
 * user id is the member id, hence the token's {@code sub}; the group and the auth level are user attributes that
 * the realm maps into tokens as {@code group_id} and {@code auth_level}.
 */
@ApplicationScoped
public class KeycloakAccounts {

    /** Keycloak already has a user with this address. */
    public static class UsernameTaken extends RuntimeException {
        UsernameTaken() {
            super("username taken in Keycloak");
        }
    }

    /**
     * The realm's group whose role {@code member} the other services' member APIs require. Joined in the create
     * request itself, so no user exists without it (Keycloak ignores realm roles in a create request).
     */
    static final String MEMBERS_GROUP = "/members";

    private final Keycloak keycloak;
    private final String realm;
    private final Duration callTimeout;

    /**
     * One client for the application, built here rather than injected: the extension's bean is request-scoped,
     * which fetched a new service-account token for every call (and needed a request context in consumers).
     * This one keeps its token and refreshes it when it expires.
     */
    KeycloakAccounts(@ConfigProperty(name = "quarkus.keycloak.admin-client.server-url") String serverUrl,
            @ConfigProperty(name = "quarkus.keycloak.admin-client.realm") String realm,
            @ConfigProperty(name = "quarkus.keycloak.admin-client.client-id") String clientId,
            @ConfigProperty(name = "quarkus.keycloak.admin-client.client-secret") String clientSecret,
            @ConfigProperty(name = "kencom.keycloak.call-timeout") Duration callTimeout) {
        this.keycloak = KeycloakBuilder.builder().serverUrl(serverUrl).realm(realm).clientId(clientId)
                .clientSecret(clientSecret).grantType(OAuth2Constants.CLIENT_CREDENTIALS).build();
        this.realm = realm;
        this.callTimeout = callTimeout;
    }

    @PreDestroy
    void close() {
        keycloak.close();
    }

    /** Creates the member's user, in {@link #MEMBERS_GROUP}; {@link UsernameTaken} when the address has one. */
    public Uni<UUID> create(EmailAddress email, String password, String groupId, AuthLevel level) {
        return call(() -> {
            UserRepresentation user = new UserRepresentation();
            user.setUsername(email.value());
            user.setEmail(email.value());
            user.setEmailVerified(true); // the one-time code proved it
            user.setEnabled(true);
            user.setAttributes(new HashMap<>(Map.of("groupId", List.of(groupId), "authLevel", List.of(level.name()))));
            user.setCredentials(List.of(password(password)));
            user.setGroups(List.of(MEMBERS_GROUP));
            try (Response response = users().create(user)) {
                if (response.getStatus() == 409) {
                    throw new UsernameTaken();
                }
                if (response.getStatus() >= 500) {
                    throw new Unavailable.ServerError("Keycloak", response.getStatus(), null);
                }
                if (response.getStatus() != 201) {
                    throw new IllegalStateException("Keycloak refused the user: HTTP " + response.getStatus());
                }
                return UUID.fromString(CreatedResponseUtil.getCreatedId(response));
            }
        });
    }

    /** The user whose username is the address, if it is one this service made (it is in {@link #MEMBERS_GROUP}). */
    public Uni<Optional<UUID>> memberUserOf(EmailAddress email) {
        return call(() -> users().searchByUsername(email.value(), true).stream().findFirst()
                .filter(user -> users().get(user.getId()).groups().stream()
                        .anyMatch(group -> MEMBERS_GROUP.equals(group.getPath())))
                .map(user -> UUID.fromString(user.getId())));
    }

    /** Gives an existing member user to a new account: its group, level and password, enabled. */
    public Uni<Void> takeOver(UUID userId, String password, String groupId, AuthLevel level) {
        return run(() -> {
            var resource = users().get(userId.toString());
            UserRepresentation user = resource.toRepresentation();
            user.setEnabled(true);
            user.setEmailVerified(true);
            user.setAttributes(new HashMap<>(Map.of("groupId", List.of(groupId), "authLevel", List.of(level.name()))));
            resource.update(user);
            resource.resetPassword(password(password));
        });
    }

    /** Deletes the user; one that is already gone is fine. */
    public Uni<Void> delete(UUID memberId) {
        return run(() -> {
            try (Response response = users().delete(memberId.toString())) {
                if (response.getStatus() >= 500) {
                    throw new Unavailable.ServerError("Keycloak", response.getStatus(), null);
                }
                if (response.getStatus() != 204 && response.getStatus() != 404) {
                    throw new IllegalStateException("Keycloak did not delete the user: HTTP " + response.getStatus());
                }
            }
        });
    }

    public Uni<Void> setPassword(UUID memberId, String password) {
        return run(() -> users().get(memberId.toString()).resetPassword(password(password)));
    }

    /** Mirrors the level into the user, so the next token carries it; a user that is gone is skipped. */
    public Uni<Void> setAuthLevel(UUID memberId, AuthLevel level) {
        return run(() -> {
            try {
                var resource = users().get(memberId.toString());
                UserRepresentation user = resource.toRepresentation();
                Map<String, List<String>> attributes = user.getAttributes() == null ? new HashMap<>()
                        : new HashMap<>(user.getAttributes());
                attributes.put("authLevel", List.of(level.name()));
                user.setAttributes(attributes);
                resource.update(user);
            } catch (WebApplicationException e) {
                // The REST client answers 404 with a ClientWebApplicationException, not a NotFoundException.
                if (e.getResponse() == null || e.getResponse().getStatus() != 404) {
                    throw e;
                }
                // withdrawn meanwhile: nothing to mirror
            }
        });
    }

    /**
     * A call on a worker thread, given up after {@code kencom.keycloak.call-timeout}: a Keycloak that does not answer
     * becomes a 503 rather than a request (and a sign-up's transaction) held without end.
     */
    private <T> Uni<T> call(Callable<T> work) {
        return Blocking.call(work).ifNoItem().after(callTimeout).fail()
                // e.g. a 500 when a call given up earlier is still writing the same user: the app tries again
                .onFailure(e -> e instanceof WebApplicationException w && w.getResponse() != null
                        && w.getResponse().getStatus() >= 500)
                .transform(e -> new Unavailable.ServerError("Keycloak",
                        ((WebApplicationException) e).getResponse().getStatus(), e));
    }

    private Uni<Void> run(Runnable work) {
        return call(() -> {
            work.run();
            return null;
        });
    }

    private UsersResource users() {
        return keycloak.realm(realm).users();
    }

    private static CredentialRepresentation password(String password) {
        CredentialRepresentation credential = new CredentialRepresentation();
        credential.setType(CredentialRepresentation.PASSWORD);
        credential.setValue(password);
        credential.setTemporary(false);
        return credential;
    }
}
