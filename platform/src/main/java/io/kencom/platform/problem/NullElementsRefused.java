package io.kencom.platform.problem;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * {@code [null]} is valid JSON for a list of anything, and a null element reached domain code as a 500 (the
 * bad-input campaign's find: {@code {"agreements": [null]}}). No request or event of ours carries null elements, so
 * Jackson refuses them while reading, as {@code MALFORMED_REQUEST} naming the field.
 */
@Singleton
public class NullElementsRefused implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.setDefaultSetterInfo(JsonSetter.Value.forContentNulls(Nulls.FAIL));
    }
}
