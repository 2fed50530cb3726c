package io.kencom.ekyc;

import io.kencom.contracts.events.EkycApproved;
import io.kencom.contracts.events.EkycRejected;
import io.kencom.contracts.events.EkycSubmitted.DocumentType;
import io.kencom.ekyc.domain.Application;
import io.kencom.ekyc.domain.Step;
import io.kencom.ekyc.infra.ApplicationTable;
import io.kencom.platform.crypto.Secrets;
import io.kencom.platform.messaging.Outbox;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
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

    public record DecisionRequest(Verdict decision, RejectReason reason, List<Step> redo) {
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
    private final Secrets secrets;
    private final Outbox outbox;
    private final Clock clock;
    private final SecretQuestions questions;

    Reviews(Pool pool, ApplicationTable table, Secrets secrets, Outbox outbox, Clock clock,
            SecretQuestions questions) {
        this.pool = pool;
        this.table = table;
        this.secrets = secrets;
        this.outbox = outbox;
        this.clock = clock;
        this.questions = questions;
    }

    /** Oldest first. */
    public Uni<List<Pending>> pending(int limit) {
        return table.inReview(pool, limit).map(rows -> rows.stream().map(this::pending).toList());
    }

    private Pending pending(Row r) {
        UUID id = r.getUUID("id");
        List<String> images = new ArrayList<>();
        for (String kind : r.getArrayOfStrings("kinds")) {
            images.add("/v1/ekyc/reviews/" + id + "/images/" + kind);
        }
        return new Pending(id, r.getUUID("member_id"), DocumentType.valueOf(r.getString("document_type")),
                r.getBoolean("has_remarks"), secrets.open(r.getString("confirmed_name")),
                LocalDate.parse(secrets.open(r.getString("confirmed_birth_date"))), r.getBoolean("name_from_remarks"),
                opened(r.getString("read_name")),
                r.getString("read_birth_date") == null ? null : LocalDate.parse(opened(r.getString("read_birth_date"))),
                r.getOffsetDateTime("submitted_at").toInstant(), List.of(r.getArrayOfStrings("review_reasons")),
                new Scores(r.getDouble("document_match"), r.getDouble("selfie_match"), r.getString("challenge_turn"),
                        r.getString("challenge_mouth"), r.getString("challenge_outcome"), r.getDouble("front_liveness"),
                        r.getDouble("challenge_liveness"), r.getDouble("front_yaw"), r.getDouble("challenge_yaw"),
                        r.getInteger("face_refusals")),
                images);
    }

    private String opened(String sealed) {
        return sealed == null ? null : secrets.open(sealed);
    }

    /** A photo of an application, decrypted for the reviewer; only while it is kept. */
    public Uni<Image> image(UUID applicationId, String kind) {
        return pool.preparedQuery("SELECT media_type, sealed FROM application_image WHERE application_id = $1 "
                        + "AND kind = $2").execute(Tuple.of(applicationId, kind))
                .map(rows -> {
                    Iterator<Row> it = rows.iterator();
                    if (!it.hasNext()) {
                        throw EkycProblems.reviewNotFound();
                    }
                    Row row = it.next();
                    return new Image(row.getString("media_type"),
                            secrets.openBytes(row.getBuffer("sealed").getBytes()));
                });
    }

    public Uni<Void> decide(UUID applicationId, UUID reviewerId, DecisionRequest request) {
        if (request == null || request.decision() == null) {
            throw EkycProblems.fieldInvalid("decision", "MISSING");
        }
        boolean approve = request.decision() == Verdict.APPROVE;
        if (!approve && request.reason() == null) {
            throw EkycProblems.fieldInvalid("reason", "MISSING");
        }
        List<Step> redo = request.redo() == null ? List.of() : request.redo();
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
                            ? questions.activate(conn, applicationId, app.memberId(), now)
                                    .chain(() -> outbox.publish(conn, new EkycApproved(app.memberId(), applicationId,
                                            EkycApproved.Method.EKYC_REVIEWED, now)))
                            : outbox.publish(conn, new EkycRejected(app.memberId(), applicationId,
                                    request.reason().name(), redo.stream().map(Enum::name).toList(), now));
                    return table.recordDecision(conn, app, now, reviewerId, approve ? null : request.reason().name(),
                                    redo.stream().map(Enum::name).toList())
                            .chain(() -> effect);
                })).replaceWithVoid();
    }
}
