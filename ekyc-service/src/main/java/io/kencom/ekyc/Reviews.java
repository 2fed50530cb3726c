package io.kencom.ekyc;

import io.kencom.contracts.events.EkycApproved;
import io.kencom.contracts.events.EkycRejected;
import io.kencom.contracts.events.EkycSubmitted.DocumentType;
import io.kencom.ekyc.domain.Application;
import io.kencom.ekyc.domain.Step;
import io.kencom.ekyc.infra.ApplicationImageTable;
import io.kencom.ekyc.infra.ApplicationTable;
import io.kencom.ekyc.infra.EkycMeters;
import io.kencom.platform.messaging.Outbox;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** The review queue (role {@code ekyc-reviewer}): applications a person must look at, and their decision. */
@ApplicationScoped
public class Reviews {

    /** Why a reviewer did not approve; the member is told what to redo. */
    public enum RejectReason {
        DOCUMENT_UNREADABLE,
        DOCUMENT_NOT_ACCEPTED,
        FACE_DOES_NOT_MATCH,
        DATA_DOES_NOT_MATCH_DOCUMENT,
        CHALLENGE_NOT_FOLLOWED
    }

    public enum Verdict {
        APPROVE,
        REJECT
    }

    public record Scores(double documentMatch, double selfieMatch, String challengeTurn, String challengeMouth,
            String challengeOutcome, double frontLiveness, double challengeLiveness, double frontYaw,
            double challengeYaw, int faceRefusals) {
    }

    /** One pending application with what the reviewer compares: typed data, scores, and links to the photos. */
    public record Pending(UUID applicationId, UUID memberId, DocumentType documentType, boolean hasRemarks,
            String name, LocalDate birthDate, boolean nameFromRemarks, String readName, LocalDate readBirthDate,
            Instant submittedAt, List<String> reasons, Scores scores, List<String> images) {
    }

    public record Image(String mediaType, byte[] bytes) {
    }

    private final Pool pool;
    private final ApplicationTable table;
    private final ApplicationImageTable images;
    private final EkycMeters meters;
    private final Outbox outbox;
    private final Clock clock;
    private final SecretQuestions questions;

    Reviews(Pool pool, ApplicationTable table, ApplicationImageTable images, EkycMeters meters, Outbox outbox,
            Clock clock, SecretQuestions questions) {
        this.pool = pool;
        this.table = table;
        this.images = images;
        this.meters = meters;
        this.outbox = outbox;
        this.clock = clock;
        this.questions = questions;
    }

    /** Oldest first. */
    public Uni<List<Pending>> pending(int limit) {
        return table.inReview(pool, limit);
    }

    /** A photo of an application, decrypted for the reviewer; only while it is kept. */
    public Uni<Image> image(UUID applicationId, String kind) {
        return images.image(pool, applicationId, kind)
                .map(image -> image.orElseThrow(EkycProblems::reviewNotFound));
    }

    /** Approves, or rejects for {@code reason} with the steps the member redoes ({@code redo}, none when null). */
    public Uni<Void> decide(UUID applicationId, UUID reviewerId, Verdict decision, RejectReason reason,
            List<Step> stepsToRedo) {
        if (decision == null) {
            throw EkycProblems.fieldInvalid("decision", "MISSING");
        }
        boolean approve = decision == Verdict.APPROVE;
        if (!approve && reason == null) {
            throw EkycProblems.fieldInvalid("reason", "MISSING");
        }
        List<Step> redo = stepsToRedo == null ? List.of() : stepsToRedo;
        return pool.withTransaction(conn -> table.lockForDecision(conn, applicationId)
                .chain(app -> {
                    if (app == null) {
                        return Uni.createFrom().failure(EkycProblems.reviewNotFound());
                    }
                    Instant now = clock.instant();
                    try {
                        app.decide(approve, now);
                    } catch (Application.StepRefused e) {
                        return Uni.createFrom().failure(EkycProblems.stepRefused(e));
                    }
                    Uni<?> effect = approve
                            ? questions.activate(conn, applicationId, now)
                                    .chain(() -> outbox.publish(conn, new EkycApproved(app.memberId(), applicationId,
                                            EkycApproved.Method.EKYC_REVIEWED, now)))
                            : outbox.publish(conn, new EkycRejected(app.memberId(), applicationId,
                                    reason.name(), redo.stream().map(Enum::name).toList(), now));
                    return table.recordDecision(conn, app, now, reviewerId, approve ? null : reason.name(),
                                    redo.stream().map(Enum::name).toList())
                            .chain(() -> effect);
                })).replaceWithVoid()
                .invoke(() -> meters.decided(EkycApproved.Method.EKYC_REVIEWED,
                        approve ? EkycMeters.Outcome.APPROVED : EkycMeters.Outcome.REJECTED));
    }
}
