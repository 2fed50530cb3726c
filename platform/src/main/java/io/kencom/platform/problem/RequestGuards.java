package io.kencom.platform.problem;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What is refused before any resource runs, with problem+json like every other refusal:
 * <ul>
 * <li>a body declared over {@code quarkus.http.limits.max-body-size} ({@code BODY_TOO_LARGE}, 413, with the limit),
 * on its headers, as Quarkus would refuse it but with a body the app can switch on (Quarkus' own check, just after,
 * still stops a chunked body that grows past the limit);</li>
 * <li>a control character in the path or query ({@code MALFORMED_REQUEST}, 400): no app sends one, and PostgreSQL
 * refuses NUL in text, which would otherwise surface as a 500 wherever a path segment is looked up. Answered once
 * the body (within the limit) has been read and dropped, so a client still sending it gets the answer.</li>
 * </ul>
 */
@ApplicationScoped
public class RequestGuards {

    /** Percent-encoded C0 controls and DEL (%00–%1F, %7F), in either case. */
    private static final Pattern ENCODED_CONTROL = Pattern.compile("%(?:[01][0-9a-fA-F]|7[fF])");

    private final long bodyLimit;

    RequestGuards(@ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K")
            MemorySize bodyLimit) {
        this.bodyLimit = bodyLimit.asLongValue();
    }

    void install(@Observes Router router) {
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1).handler(this::check);
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1).failureHandler(RequestGuards::unavailable);
    }

    /**
     * A dependency that failed outside the resources' reach (Quarkus' own error handler would answer a bare 500):
     * 503 with Retry-After, as ProblemMappers answers it inside (FaultsTest met it while PostgreSQL was cut off).
     */
    private static void unavailable(RoutingContext context) {
        if (context.response().headWritten() || !Unavailable.causedBy(context.failure())) {
            context.next();
            return;
        }
        Problem p = Unavailable.problem(context.request().path());
        problem(context, p).putHeader(HttpHeaders.RETRY_AFTER, Integer.toString(Unavailable.RETRY_AFTER_SECONDS))
                .end(Json.encode(p.body(Map.of())));
    }

    private void check(RoutingContext context) {
        if (declaredLength(context) > bodyLimit) {
            refuse(context, Problem.of(413, "BODY_TOO_LARGE", "The request body is over this operation's limit",
                    "at most " + bodyLimit + " bytes", context.request().path()), Map.of("limit", bodyLimit));
            return;
        }
        if (ENCODED_CONTROL.matcher(context.request().uri()).find()) {
            Problem p = Problem.of(400, "MALFORMED_REQUEST", "The path or query holds a control character", null,
                    context.request().path());
            afterTheBody(context, () -> answer(context, p));
            return;
        }
        context.next();
    }

    /**
     * Reads and drops the body the request still sends (it is within the limit, checked above), then answers: an
     * answer while the client is still writing would reach it as a reset, or stall it on a full socket buffer.
     */
    private void afterTheBody(RoutingContext context, Runnable answer) {
        HttpServerRequest request = context.request();
        if (request.isEnded()) {
            answer.run();
            return;
        }
        long[] read = { 0 };
        request.handler(chunk -> {
            read[0] += chunk.length();
            if (read[0] > bodyLimit) { // a chunked body growing past the limit: not worth reading on
                request.connection().close();
            }
        });
        request.endHandler(ended -> answer.run());
        request.resume();
    }

    /** The answer to a request read whole: the connection stays open for the next. */
    private static void answer(RoutingContext context, Problem p) {
        problem(context, p).end(Json.encode(p.body(Map.of())));
    }

    /** The response with the problem's status and media type, its body still to be written. */
    private static HttpServerResponse problem(RoutingContext context, Problem p) {
        return context.response().setStatusCode(p.status()).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE);
    }

    private static long declaredLength(RoutingContext context) {
        String declared = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        try {
            return declared == null ? 0 : Long.parseLong(declared.trim());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    /** The answer, and the connection closed after it: a body the request declared is never read. */
    private static void refuse(RoutingContext context, Problem p, Map<String, Object> extensions) {
        problem(context, p).putHeader(HttpHeaders.CONNECTION, "close")
                .endHandler(done -> context.request().connection().close())
                .end(Json.encode(p.body(extensions)));
    }
}
