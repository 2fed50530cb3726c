package io.kencom.platform.problem;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A request the service refuses for a reason the caller can act on; becomes a problem+json response with a stable
 * {@code code} such as {@code CODE_EXPIRED}. Thrown by the use cases and resources, never by the domain: a domain
 * class refuses with a refusal of its own, which the service's one {@code …Problems} class maps to this.
 */
public class ApiProblem extends RuntimeException {

    static final String RETRY_AFTER_SECONDS = "retryAfterSeconds";

    private final int status;
    private final String code;
    private final String title;
    private final Map<String, Object> extensions = new LinkedHashMap<>();

    public ApiProblem(int status, String code, String title, String detail) {
        super(detail);
        this.status = status;
        this.code = code;
        this.title = title;
    }

    /** Adds an RFC 9457 extension member the app can read, e.g. {@code attemptsLeft}. */
    public ApiProblem with(String name, Object value) {
        extensions.put(name, value);
        return this;
    }

    /**
     * When to try again: {@code retryAfterSeconds} in the body, and the {@code Retry-After} header that HTTP clients
     * and gateways understand (ProblemMappers sends both).
     */
    public ApiProblem retryAfter(long seconds) {
        return with(RETRY_AFTER_SECONDS, seconds);
    }

    public Map<String, Object> extensions() {
        return extensions;
    }

    public ApiProblem(int status, String code, String title) {
        this(status, code, title, null);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }
}
