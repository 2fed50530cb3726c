package io.kencom.platform.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Map;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every error a service returns is problem+json with a stable code; a bug is a 500 that says nothing more. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response apiProblem(ApiProblem e, UriInfo uri) {
        Problem p = Problem.of(e.status(), e.code(), e.title(), e.detail(), uri.getPath());
        Response.ResponseBuilder response = Response.status(p.status()).type(Problem.MEDIA_TYPE)
                .entity(p.body(e.extensions()));
        Object retryAfter = e.extensions().get(ApiProblem.RETRY_AFTER_SECONDS);
        if (retryAfter != null) {
            response.header(HttpHeaders.RETRY_AFTER, retryAfter);
        }
        return response.build();
    }

    @ServerExceptionMapper
    public Response mismatchedJson(MismatchedInputException e, UriInfo uri) {
        return malformedJson(e, uri);
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e, UriInfo uri) {
        // Jackson's message may quote the input: only the location goes out.
        String where = e.getLocation() == null ? null
                : "at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
        Problem p = Problem.of(400, "MALFORMED_REQUEST", "The request body is not valid JSON for this operation",
                where, uri.getPath());
        String field = e instanceof JsonMappingException mapping ? path(mapping) : "";
        if (field.isEmpty()) {
            return respond(p);
        }
        // The field's path (names and indexes from the request's own structure), so the caller knows what to fix.
        return Response.status(400).type(Problem.MEDIA_TYPE).entity(p.body(Map.of("field", field))).build();
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        if (e.getCause() instanceof JsonProcessingException json) {
            return malformedJson(json, uri);
        }
        if (status >= 500) {
            LOG.error("request failed", e);
        }
        Response.Status known = Response.Status.fromStatusCode(status);
        String code = known != null ? known.name() : "HTTP_" + status;
        String title = known != null ? known.getReasonPhrase() : "HTTP " + status;
        return respond(Problem.of(status, code, title, null, uri.getPath()));
    }

    /** No token on an endpoint that needs one (Quarkus' own answer has no body). */
    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, UriInfo uri) {
        return unauthenticated(uri.getPath());
    }

    /**
     * A token that fails (expired, forged, another realm). Proactive authentication refuses it before any endpoint
     * runs, on every path, and Quarkus REST still hands the failure to its mappers, so this one place covers it.
     */
    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, UriInfo uri) {
        return unauthenticated(uri.getPath());
    }

    /** A valid token without the role the endpoint asks for. */
    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return respond(Problem.of(403, "FORBIDDEN", "This operation is not open to the token's roles", null,
                uri.getPath()));
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e, UriInfo uri) {
        if (Unavailable.causedBy(e)) {
            // Classes only: messages may carry a statement's parameters.
            LOG.warnf("a dependency is unavailable: %s", Unavailable.classes(e));
            return Response.status(503).header(HttpHeaders.RETRY_AFTER, Unavailable.RETRY_AFTER_SECONDS)
                    .type(Problem.MEDIA_TYPE).entity(Unavailable.problem(uri.getPath())).build();
        }
        LOG.error("unexpected error", e);
        return respond(Problem.of(500, "INTERNAL_ERROR", "Something went wrong on our side", null, uri.getPath()));
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /** 401 with the bearer challenge, as the OIDC mechanism would give it, and a body the app can switch on. */
    static Response unauthenticated(String path) {
        return Response.status(401).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").type(Problem.MEDIA_TYPE)
                .entity(Problem.of(401, "UNAUTHENTICATED", "A valid access token is required", null, path)).build();
    }

    static Response respond(Problem p) {
        return Response.status(p.status()).type(Problem.MEDIA_TYPE).entity(p).build();
    }
}
