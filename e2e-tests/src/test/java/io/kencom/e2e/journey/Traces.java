package io.kencom.e2e.journey;

import com.google.protobuf.InvalidProtocolBufferException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.kencom.local.Net;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.zip.GZIPInputStream;

/**
 * An OTLP receiver inside the test (OTLP/HTTP, protobuf): the services of {@link OwnStack} export their spans here as
 * they would to a collector in the cluster, and a test reads them back. Every span is kept for the JVM's life.
 */
final class Traces {

    /** One span as exported: the service that made it, its ids (hex), name, kind and attributes as text. */
    record Span(String service, String traceId, String spanId, String parentSpanId, String name, String kind,
            Instant start, Map<String, String> attributes) {

        String attribute(String key) {
            return attributes.getOrDefault(key, "");
        }
    }

    private static final HexFormat HEX = HexFormat.of();

    private final HttpServer server;
    private final List<Span> spans = new ArrayList<>();
    private int requests;
    /** Once the tests that read spans are done, what comes is answered and not read (the services still trace). */
    private volatile boolean keeping = true;

    private Traces(HttpServer server) {
        this.server = server;
    }

    /** Listens on a free port of loopback until the JVM exits. */
    static Traces start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(Net.HOST, 0), 0);
            Traces traces = new Traces(server);
            server.createContext("/v1/traces", traces::receive);
            server.setExecutor(Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "otlp-receiver");
                t.setDaemon(true);
                return t;
            }));
            server.start();
            return traces;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the OTLP receiver", e);
        }
    }

    /** Where a service sends its spans: {@code quarkus.otel.exporter.otlp.traces.endpoint}. */
    String endpoint() {
        return "http://" + Net.HOST + ":" + server.getAddress().getPort();
    }

    /** The settings that turn a service's tracing on and point it here. */
    List<String> serviceProperties() {
        return List.of("-Dquarkus.otel.sdk.disabled=false",
                "-Dquarkus.otel.exporter.otlp.traces.endpoint=" + endpoint(),
                "-Dquarkus.otel.exporter.otlp.traces.protocol=http/protobuf",
                // spans here within a second of their end, rather than the SDK's five
                "-Dquarkus.otel.bsp.schedule.delay=PT1S");
    }

    /** Stops keeping spans: later classes' load (the benchmarks') would only fill memory. */
    void stopKeeping() {
        keeping = false;
    }

    synchronized List<Span> spans() {
        return List.copyOf(spans);
    }

    /** Every span so far, one a line in the order they started: what to read when a trace is not as expected. */
    void writeTo(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, spans().stream().sorted(java.util.Comparator.comparing(Span::start))
                    .map(s -> s.start() + " " + s.traceId() + " " + s.spanId() + " <- " + s.parentSpanId() + " "
                            + s.service() + " " + s.kind() + " " + s.name() + " " + s.attributes())
                    .toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    synchronized int requests() {
        return requests;
    }

    private void receive(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))
                    ? new GZIPInputStream(exchange.getRequestBody()) : exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            List<Span> received;
            try {
                received = keeping ? read(ExportTraceServiceRequest.parseFrom(body)) : List.of();
            } catch (InvalidProtocolBufferException e) {
                exchange.sendResponseHeaders(400, -1);
                return;
            }
            synchronized (this) {
                spans.addAll(received);
                requests++;
            }
            byte[] answer = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
            exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, answer.length == 0 ? -1 : answer.length);
            if (answer.length > 0) {
                exchange.getResponseBody().write(answer);
            }
        }
    }

    private static List<Span> read(ExportTraceServiceRequest request) {
        List<Span> read = new ArrayList<>();
        for (ResourceSpans resource : request.getResourceSpansList()) {
            String service = text(resource.getResource().getAttributesList()).getOrDefault("service.name", "?");
            for (ScopeSpans scope : resource.getScopeSpansList()) {
                for (io.opentelemetry.proto.trace.v1.Span span : scope.getSpansList()) {
                    read.add(new Span(service, HEX.formatHex(span.getTraceId().toByteArray()),
                            HEX.formatHex(span.getSpanId().toByteArray()),
                            HEX.formatHex(span.getParentSpanId().toByteArray()), span.getName(),
                            span.getKind().name(), Instant.EPOCH.plusNanos(span.getStartTimeUnixNano()),
                            text(span.getAttributesList())));
                }
            }
        }
        return read;
    }

    private static Map<String, String> text(List<KeyValue> attributes) {
        Map<String, String> text = new LinkedHashMap<>();
        for (KeyValue kv : attributes) {
            text.put(kv.getKey(), text(kv.getValue()));
        }
        return text;
    }

    private static String text(AnyValue value) {
        return switch (value.getValueCase()) {
            case STRING_VALUE -> value.getStringValue();
            case BOOL_VALUE -> Boolean.toString(value.getBoolValue());
            case INT_VALUE -> Long.toString(value.getIntValue());
            case DOUBLE_VALUE -> Double.toString(value.getDoubleValue());
            case ARRAY_VALUE -> value.getArrayValue().getValuesList().stream().map(Traces::text).toList().toString();
            case BYTES_VALUE -> HEX.formatHex(value.getBytesValue().toByteArray());
            default -> value.toString();
        };
    }
}
