package io.kencom.platform.problem;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.io.IOException;

/**
 * What JSON allows and no request or event of ours carries, refused while reading, as {@code MALFORMED_REQUEST}
 * naming the field (both found by the bad-input campaign, docs/reliability.md):
 * <ul>
 * <li>{@code null} as a list element ({@code {"agreements": [null]}} reached domain code as a 500);</li>
 * <li>NUL ({@code \u0000}) in a string, which PostgreSQL refuses in text and jsonb, so that it would surface as a 500
 * wherever the string is stored.</li>
 * </ul>
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.setDefaultSetterInfo(JsonSetter.Value.forContentNulls(Nulls.FAIL));
        mapper.registerModule(new SimpleModule("kencom-no-nul").addDeserializer(String.class, new NoNul()));
    }

    private static final class NoNul extends StdScalarDeserializer<String> {

        NoNul() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String value = StringDeserializer.instance.deserialize(p, ctxt);
            if (value != null && value.indexOf('\u0000') >= 0) {
                throw InvalidFormatException.from(p, "NUL in a string", "(not echoed)", String.class);
            }
            return value;
        }
    }
}
