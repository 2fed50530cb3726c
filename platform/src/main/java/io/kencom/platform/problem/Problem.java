package io.kencom.platform.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An RFC 9457 problem detail, plus {@code code}: the stable, machine-readable name of the problem that the app
 * switches on ({@code type} is the same code as a URN). {@code detail} is for people and must not echo personal data.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance, String code) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(int status, String code, String title, String detail, String instance) {
        return new Problem("urn:kencom:problem:" + code, title, status, detail, instance, code);
    }

    /** The JSON body: the standard members, then the extension members. */
    public Map<String, Object> body(Map<String, Object> extensions) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type);
        body.put("title", title);
        body.put("status", status);
        if (detail != null) {
            body.put("detail", detail);
        }
        body.put("instance", instance);
        body.put("code", code);
        extensions.forEach(body::putIfAbsent);
        return body;
    }
}
