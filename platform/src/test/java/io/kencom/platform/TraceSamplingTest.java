package io.kencom.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.samplers.SamplingDecision;
import java.util.List;
import org.junit.jupiter.api.Test;

class TraceSamplingTest {

    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private final TraceSampling sampling = new TraceSampling();

    @Test
    void a_query_nothing_caused_is_not_traced() {
        assertThat(decision(Context.root(), SpanKind.CLIENT)).isEqualTo(SamplingDecision.DROP);
    }

    @Test
    void requests_and_events_are_traced_with_the_queries_they_cause() {
        assertThat(decision(Context.root(), SpanKind.SERVER)).isEqualTo(SamplingDecision.RECORD_AND_SAMPLE);
        assertThat(decision(Context.root(), SpanKind.CONSUMER)).isEqualTo(SamplingDecision.RECORD_AND_SAMPLE);
        assertThat(decision(Context.root(), SpanKind.PRODUCER)).isEqualTo(SamplingDecision.RECORD_AND_SAMPLE);
        Context inARequest = Context.root().with(Span.wrap(SpanContext.create(TRACE, "00f067aa0ba902b7",
                TraceFlags.getSampled(), TraceState.getDefault())));
        assertThat(decision(inARequest, SpanKind.CLIENT)).isEqualTo(SamplingDecision.RECORD_AND_SAMPLE);
    }

    @Test
    void a_caller_that_did_not_sample_its_trace_is_followed() {
        Context unsampled = Context.root().with(Span.wrap(SpanContext.createFromRemoteParent(TRACE,
                "00f067aa0ba902b7", TraceFlags.getDefault(), TraceState.getDefault())));
        assertThat(decision(unsampled, SpanKind.SERVER)).isEqualTo(SamplingDecision.DROP);
    }

    private SamplingDecision decision(Context parent, SpanKind kind) {
        return sampling.shouldSample(parent, TRACE, "span", kind, Attributes.empty(), List.of()).getDecision();
    }
}
