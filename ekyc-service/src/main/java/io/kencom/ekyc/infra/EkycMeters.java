package io.kencom.ekyc.infra;

import io.kencom.contracts.events.EkycApproved;
import io.kencom.platform.TableBacklog;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What ops watch of eKYC (docs/operations.md): decisions by method and outcome, how long the face and JPKI checks
 * take, and the review queue — its size and its oldest application's wait, sampled every
 * {@code kencom.ekyc.review-queue-sample}. Tags are fixed values, never anything of a member.
 */
@ApplicationScoped
public class EkycMeters {

    /** What became of an application, a card or a code. */
    public enum Outcome {
        APPROVED, IN_REVIEW, REJECTED, REFUSED
    }

    private final MeterRegistry registry;
    private final Duration sampleEvery;
    private final Timer faceCheck;
    private final Timer jpkiCheck;
    private final TableBacklog reviewQueue;

    EkycMeters(MeterRegistry registry, Pool pool,
            @ConfigProperty(name = "kencom.ekyc.review-queue-sample", defaultValue = "PT15S") Duration sampleEvery) {
        this.registry = registry;
        this.sampleEvery = sampleEvery;
        this.faceCheck = Timer.builder("kencom.ekyc.face.check")
                .description("A selfie's checks: decoding, the face models, the match").publishPercentileHistogram()
                .register(registry);
        this.jpkiCheck = Timer.builder("kencom.ekyc.jpki.check")
                .description("A My Number card's signature and certificate path checked").publishPercentileHistogram()
                .register(registry);
        this.reviewQueue = new TableBacklog(pool, "application WHERE status = 'IN_REVIEW'", "submitted_at")
                .register(registry, "kencom.ekyc.review.queue", "Applications waiting for a reviewer",
                        "kencom.ekyc.review.oldest.age", "How long the oldest application in review has waited");
    }

    void start(@Observes StartupEvent ignored, Vertx vertx) {
        reviewQueue.start(vertx, sampleEvery);
    }

    void stop(@Observes ShutdownEvent ignored) {
        reviewQueue.stop();
    }

    public void decided(EkycApproved.Method method, Outcome outcome) {
        Counter.builder("kencom.ekyc.decisions").description("eKYC decisions by method and outcome")
                .tag("method", method.name()).tag("outcome", outcome.name()).register(registry).increment();
    }

    public <T> T timedFaceCheck(Supplier<T> check) {
        return faceCheck.record(check);
    }

    public <T> T timedJpkiCheck(Supplier<T> check) {
        return jpkiCheck.record(check);
    }
}
