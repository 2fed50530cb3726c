package io.kencom.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The JSON form of events, the same for every writer and reader. Readers ignore fields they do not know, so a
 * producer may add an optional field without breaking an old consumer (the compatibility rule of the contracts).
 */
public final class EventJson {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private EventJson() {
    }

    public static String write(DomainEvent event) {
        try {
            return MAPPER.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + event.getClass().getSimpleName(), e);
        }
    }

    /**
     * Reads the payload of an event of the given CloudEvents type.
     *
     * @throws UnreadableEventException when the type is unknown or the payload does not fit its record
     */
    public static DomainEvent read(String type, String json) {
        EventContract contract = EventContract.byType(type)
                .orElseThrow(() -> new UnreadableEventException("unknown event type " + type));
        try {
            return MAPPER.readValue(json, contract.recordType());
        } catch (JsonProcessingException | IllegalArgumentException e) {
            // The message names the field, never its value: payloads may hold e-mail addresses or roster data.
            throw new UnreadableEventException("payload of " + type + " does not fit its record: "
                    + e.getClass().getSimpleName(), e);
        }
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
