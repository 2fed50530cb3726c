package io.kencom.e2e.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kencom.local.ServiceApp;
import io.kencom.testsupport.RealInfrastructure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionTimeoutException;

/**
 * docs/operations.md, traces: the request that completes a sign-up (the mailed code entered) and everything its events
 * cause — the account created, the level derived, mirrored into Keycloak and mailed — are one trace across the
 * services, although each event is sent later by an outbox relay and read by another service; and the services'
 * JSON logs name the traces they were written in.
 */
final class SignupTrace {

    private static final Duration EXPORTED = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Traces traces;

    SignupTrace(Traces traces) {
        this.traces = traces;
    }

    void check(String signupId) {
        try {
            follow(signupId);
        } finally {
            traces.writeTo(RealInfrastructure.layout().repoRoot().resolve("e2e-tests/target/spans.txt"));
        }
    }

    private void follow(String signupId) {
        Traces.Span request = await("account-service's span of the code's entry").atMost(EXPORTED)
                .until(() -> traces.spans().stream().filter(s -> s.service().equals(ServiceApp.ACCOUNT.module())
                        && s.kind().equals("SPAN_KIND_SERVER") && s.attribute("http.response.status_code").equals("201")
                        && s.attribute("url.path").endsWith("/signups/" + signupId + "/code/verify")).findFirst(),
                        Optional::isPresent).orElseThrow();
        String traceId = request.traceId();
        Set<String> services = Set.of(ServiceApp.ACCOUNT.module(), ServiceApp.INSURED_VERIFICATION.module(),
                ServiceApp.ENTITLEMENT.module(), ServiceApp.NOTIFICATION.module());
        try {
            await().atMost(EXPORTED).until(() -> trace(traceId).stream().map(Traces.Span::service)
                    .collect(Collectors.toSet()).containsAll(services));
        } catch (ConditionTimeoutException e) {
            assertThat(trace(traceId).stream().map(Traces.Span::service).collect(Collectors.toSet()))
                    .as("services in the trace:\n%s", describe(trace(traceId))).containsAll(services);
        }
        // the level's mirror into Keycloak is the trace's last hop: account-service reads AuthLevelChanged
        await("account-service reading the level").atMost(EXPORTED).until(() -> trace(traceId).stream()
                .anyMatch(s -> s.service().equals(ServiceApp.ACCOUNT.module()) && s.kind().equals("SPAN_KIND_CONSUMER")
                        && s.name().startsWith("kencom.entitlement.auth-levels")));
        List<Traces.Span> trace = trace(traceId);

        // one tree: the request is its only root (nothing before it traces), every other span's parent is in it
        Set<String> ids = trace.stream().map(Traces.Span::spanId).collect(Collectors.toSet());
        assertThat(trace).filteredOn(s -> !ids.contains(s.parentSpanId())).containsExactly(request);
        // each hop an event: sent by one service, read by the next, the reader's span a child of the sender's
        hop(trace, ServiceApp.ACCOUNT, "kencom.account.events", ServiceApp.ENTITLEMENT);
        hop(trace, ServiceApp.ACCOUNT, "kencom.account.events", ServiceApp.INSURED_VERIFICATION);
        hop(trace, ServiceApp.ACCOUNT, "kencom.account.events", ServiceApp.NOTIFICATION);
        hop(trace, ServiceApp.ENTITLEMENT, "kencom.entitlement.auth-levels", ServiceApp.ACCOUNT);

        // the account made and the level derived, each logged by its service with the trace's id
        assertThat(logLinesIn(ServiceApp.ACCOUNT, traceId)).as("account-service's JSON log lines in the trace")
                .anyMatch(m -> m.startsWith("account ") && m.endsWith(" created"));
        assertThat(logLinesIn(ServiceApp.ENTITLEMENT, traceId)).as("entitlement-service's JSON log lines in the trace")
                .anyMatch(m -> m.contains("auth level") && m.endsWith("-> GROUP_ID"));
        // and nothing that ran outside a request or an event is a trace of its own (TraceSampling)
        assertThat(traces.spans()).noneMatch(s -> s.parentSpanId().isEmpty() && s.kind().equals("SPAN_KIND_CLIENT"));
    }

    /** One line per span: service, kind, name, id ← parent. */
    static String describe(List<Traces.Span> spans) {
        return spans.stream().map(s -> s.service() + " " + s.kind() + " " + s.name() + " " + s.spanId() + " <- "
                + s.parentSpanId()).collect(Collectors.joining("\n"));
    }

    private List<Traces.Span> trace(String traceId) {
        return traces.spans().stream().filter(s -> s.traceId().equals(traceId)).toList();
    }

    private static void hop(List<Traces.Span> trace, ServiceApp from, String topic, ServiceApp to) {
        List<Traces.Span> sent = trace.stream().filter(s -> s.service().equals(from.module())
                && s.kind().equals("SPAN_KIND_PRODUCER") && s.name().startsWith(topic)).toList();
        assertThat(sent).as("%s sending to %s in the trace", from.module(), topic).isNotEmpty();
        Set<String> senders = sent.stream().map(Traces.Span::spanId).collect(Collectors.toSet());
        assertThat(trace).as("%s reading %s in the trace, after %s sent it", to.module(), topic, from.module())
                .anyMatch(s -> s.service().equals(to.module()) && s.kind().equals("SPAN_KIND_CONSUMER")
                        && s.name().startsWith(topic) && senders.contains(s.parentSpanId()));
    }

    /** The messages of the service's JSON log lines whose trace id is {@code traceId}. */
    private static List<String> logLinesIn(ServiceApp app, String traceId) {
        Path log = RealInfrastructure.layout().logDir().resolve(app.id() + ".log");
        try {
            return Files.readAllLines(log, StandardCharsets.UTF_8).stream().filter(l -> l.startsWith("{"))
                    .map(SignupTrace::json).filter(line -> traceId.equals(line.path("mdc").path("traceId").asText()))
                    .map(line -> line.path("message").asText()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + log, e);
        }
    }

    private static JsonNode json(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }
}
