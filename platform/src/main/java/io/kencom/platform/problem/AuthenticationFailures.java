package io.kencom.platform.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.AuthenticationFailedException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * A bearer token that fails (expired, forged, from another realm) is refused before any endpoint runs, by Quarkus'
 * proactive authentication, with a 401 and no body. This gives that 401 the problem+json every other refusal has,
 * keeping the status and challenge the OIDC mechanism set.
 */
@ApplicationScoped
public class AuthenticationFailures {

    static final String CHALLENGE = "Bearer";
    private static final String WWW_AUTHENTICATE = "WWW-Authenticate";

    private final ObjectMapper json;

    AuthenticationFailures(ObjectMapper json) {
        this.json = json;
    }

    void install(@Observes Router router) {
        router.route().failureHandler(this::handle);
    }

    static Problem problem(String path) {
        return Problem.of(401, "UNAUTHENTICATED", "A valid access token is required", null, path);
    }

    private void handle(RoutingContext context) {
        HttpServerResponse response = context.response();
        if (!(context.failure() instanceof AuthenticationFailedException) || response.ended()
                || response.headWritten()) {
            context.next();
            return;
        }
        String body;
        try {
            body = json.writeValueAsString(problem(context.normalizedPath()));
        } catch (JsonProcessingException e) {
            context.next();
            return;
        }
        response.setStatusCode(401);
        if (!response.headers().contains(WWW_AUTHENTICATE)) {
            response.putHeader(WWW_AUTHENTICATE, CHALLENGE);
        }
        response.putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE).end(body);
    }
}
