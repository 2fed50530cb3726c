package io.kencom.contracts;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * The envelope of every event on Kafka: CloudEvents 1.0 in binary content mode, so the attributes travel as
 * {@code ce_*} record headers and the record value is the event's JSON. {@code subject} is also the record key.
 */
public record CloudEvent(UUID id, String source, String type, String subject, Instant time, String data) {

    public static final String SPEC_VERSION = "1.0";
    public static final String CONTENT_TYPE = "application/json";

    public CloudEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(data, "data");
    }

    /** Wraps an event of this system; {@code source} names the producing service, e.g. {@code /account-service}. */
    public static CloudEvent of(UUID id, String source, DomainEvent event, Instant time) {
        return new CloudEvent(id, source, EventContract.of(event).type(), event.subject(), time, EventJson.write(event));
    }

    public EventContract contract() {
        return EventContract.byType(type).orElseThrow(() -> new UnreadableEventException("unknown event type " + type));
    }

    public DomainEvent event() {
        return EventJson.read(type, data);
    }

    /** The binary-mode Kafka headers (CloudEvents Kafka protocol binding, §3.2). */
    public Map<String, byte[]> headers() {
        Map<String, byte[]> headers = new LinkedHashMap<>();
        headers.put("ce_specversion", bytes(SPEC_VERSION));
        headers.put("ce_id", bytes(id.toString()));
        headers.put("ce_source", bytes(source));
        headers.put("ce_type", bytes(type));
        headers.put("ce_subject", bytes(subject));
        headers.put("ce_time", bytes(time.toString()));
        headers.put("content-type", bytes(CONTENT_TYPE));
        return headers;
    }

    /**
     * Reads an envelope back from Kafka headers and value.
     *
     * @throws UnreadableEventException when a required attribute is missing or malformed
     */
    public static CloudEvent fromKafka(Map<String, byte[]> headers, String value) {
        try {
            if (!SPEC_VERSION.equals(text(headers, "ce_specversion"))) {
                throw new UnreadableEventException("not a CloudEvents 1.0 record");
            }
            if (value == null) {
                throw new UnreadableEventException("record without a value");
            }
            return new CloudEvent(UUID.fromString(text(headers, "ce_id")), text(headers, "ce_source"),
                    text(headers, "ce_type"), text(headers, "ce_subject"), Instant.parse(text(headers, "ce_time")),
                    value);
        } catch (NullPointerException | IllegalArgumentException | DateTimeParseException e) {
            throw new UnreadableEventException("malformed CloudEvents attributes: " + e.getMessage(), e);
        }
    }

    private static String text(Map<String, byte[]> headers, String name) {
        byte[] raw = headers.get(name);
        if (raw == null) {
            throw new UnreadableEventException("missing header " + name);
        }
        return new String(raw, StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Only the attributes: the data may hold personal data. */
    @Override
    public String toString() {
        return "CloudEvent[id=" + id + ", type=" + type + ", source=" + source + "]";
    }
}
