package io.kencom.platform.messaging;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where an event was written in a trace, as W3C Trace Context ({@code traceparent}, {@code tracestate}): kept in the
 * outbox row with the event, since the relay sends it later and outside the request, and sent as the CloudEvents
 * distributed-tracing extension ({@code ce_traceparent}, {@code ce_tracestate}). {@link #NONE} when nothing was
 * traced (tracing off, or a write outside any request or event).
 */
public record TraceContext(String traceparent, String tracestate) {

    public static final TraceContext NONE = new TraceContext(null, null);

    private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();
    private static final TextMapGetter<Map<String, String>> GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    /** The span current where the event is written, or {@link #NONE}. */
    public static TraceContext current() {
        if (!Span.current().getSpanContext().isValid()) {
            return NONE;
        }
        Map<String, String> carrier = new HashMap<>();
        W3C.inject(Context.current(), carrier, Map::put);
        return new TraceContext(carrier.get("traceparent"), carrier.get("tracestate"));
    }

    public boolean traced() {
        return traceparent != null;
    }

    /** The context to continue: the sending of the event becomes a child of the span that wrote it. */
    public Context parent() {
        Map<String, String> carrier = new HashMap<>();
        carrier.put("traceparent", traceparent);
        if (tracestate != null) {
            carrier.put("tracestate", tracestate);
        }
        return W3C.extract(Context.root(), carrier, GETTER);
    }

    /** The CloudEvents distributed-tracing extension's attributes, as Kafka headers (binary mode). */
    public Map<String, byte[]> headers() {
        Map<String, byte[]> headers = new LinkedHashMap<>();
        if (traceparent != null) {
            headers.put("ce_traceparent", traceparent.getBytes(StandardCharsets.UTF_8));
        }
        if (tracestate != null && !tracestate.isEmpty()) {
            headers.put("ce_tracestate", tracestate.getBytes(StandardCharsets.UTF_8));
        }
        return headers;
    }
}
