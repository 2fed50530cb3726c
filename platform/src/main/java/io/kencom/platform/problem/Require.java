package io.kencom.platform.problem;

/** Checks of a request's fields, refused as 422 {@code FIELD_REQUIRED} naming the field. */
public final class Require {

    private Require() {
    }

    public static <T> T field(T value, String name) {
        if (value == null || (value instanceof String s && s.isBlank())) {
            throw missing(name);
        }
        return value;
    }

    /** The refusal of a request without the field {@code name}. */
    public static ApiProblem missing(String name) {
        return new ApiProblem(422, "FIELD_REQUIRED", "A required field is missing").with("field", name);
    }
}
