package io.kencom.platform;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * Which spans are kept: every request's and every event's, with all they cause (parent-based, always on), but not a
 * query that no request or event caused — the outbox relay's and the mail queue's polls, the gauges' samples, each a
 * trace of one span every second that would bury the members' traces.
 */
public final class TraceSampling implements Sampler {

    private static final Sampler REQUESTS_AND_EVENTS = Sampler.parentBased(Sampler.alwaysOn());

    @Produces
    @Singleton
    static Sampler sampler() {
        return new TraceSampling();
    }

    @Override
    public SamplingResult shouldSample(Context parentContext, String traceId, String name, SpanKind spanKind,
            Attributes attributes, List<LinkData> parentLinks) {
        if (spanKind == SpanKind.CLIENT && !Span.fromContext(parentContext).getSpanContext().isValid()) {
            return SamplingResult.drop();
        }
        return REQUESTS_AND_EVENTS.shouldSample(parentContext, traceId, name, spanKind, attributes, parentLinks);
    }

    @Override
    public String getDescription() {
        return "kencom: requests and events, not background queries";
    }
}
