package io.kencom.platform.problem;

/**
 * A request the service refuses for a reason the caller can act on; becomes a problem+json response. Services
 * throw it (or a subclass) from their domain code with a stable {@code code} such as {@code OTP_EXPIRED}.
 */
public class ApiProblem extends RuntimeException {

    private final int status;
    private final String code;
    private final String title;

    public ApiProblem(int status, String code, String title, String detail) {
        super(detail);
        this.status = status;
        this.code = code;
        this.title = title;
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
