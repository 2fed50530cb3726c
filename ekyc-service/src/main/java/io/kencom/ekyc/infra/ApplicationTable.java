package io.kencom.ekyc.infra;

import io.kencom.contracts.events.EkycSubmitted.DocumentType;
import io.kencom.ekyc.Reviews;
import io.kencom.ekyc.domain.Application;
import io.kencom.ekyc.domain.Application.Status;
import io.kencom.ekyc.domain.Challenge;
import io.kencom.ekyc.domain.Decision;
import io.kencom.ekyc.domain.DocumentFields;
import io.kencom.ekyc.domain.DocumentSide;
import io.kencom.ekyc.domain.FaceReading;
import io.kencom.ekyc.infra.ApplicationImageTable.ImageKind;
import io.kencom.platform.Clocks;
import io.kencom.platform.Rows;
import io.kencom.platform.crypto.Secrets;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The table of eKYC applications, {@code application}: the state, the scores, what was read and confirmed (sealed).
 * Every statement of the member's steps and the reviewer's decision is here, their photos in
 * {@link ApplicationImageTable}; the use cases say when.
 */
@ApplicationScoped
public class ApplicationTable {

    /** What the app is shown beside the state: the reasons for a review and what was read off the front. */
    public record Shown(List<String> reviewReasons, DocumentFields read) {
    }

    /** Application rows (alias {@code a}) with the kinds of their photos, as {@link #application} reads them. */
    private static final String WITH_PHOTO_KINDS = "SELECT a.*, array(SELECT kind FROM application_image i "
            + "WHERE i.application_id = a.id ORDER BY kind) AS kinds FROM application a ";

    private final Secrets secrets;

    ApplicationTable(Secrets secrets) {
        this.secrets = secrets;
    }

    /** Inserts the new application unless the member has one open or in review; whether it was inserted. */
    public Uni<Boolean> insert(SqlConnection conn, Application app) {
        return conn.preparedQuery("INSERT INTO application (id, member_id, status, created_at, updated_at) "
                        + "VALUES ($1, $2, 'OPEN', $3, $3) ON CONFLICT DO NOTHING RETURNING id")
                .execute(Tuple.of(app.id(), app.memberId(), Clocks.timestamptz(app.updatedAt())))
                .map(rows -> rows.size() == 1);
    }

    /** The member's application open or in review. */
    public Uni<UUID> current(SqlConnection conn, UUID memberId) {
        return conn.preparedQuery("SELECT id FROM application WHERE member_id = $1 AND status IN ('OPEN', 'IN_REVIEW')")
                .execute(Tuple.of(memberId)).map(rows -> rows.iterator().next().getUUID(0));
    }

    /** The member's open application untouched since {@code before}, if any. */
    public Uni<Optional<UUID>> abandoned(SqlConnection conn, UUID memberId, Instant before) {
        return conn.preparedQuery("SELECT id FROM application WHERE member_id = $1 AND status = 'OPEN' AND "
                        + "updated_at <= $2")
                .execute(Tuple.of(memberId, Clocks.timestamptz(before)))
                .map(rows -> rows.size() == 0 ? Optional.<UUID>empty() : Optional.of(rows.iterator().next().getUUID(0)));
    }

    /** The member's application (row-locked with {@code forUpdate}); null when the member has none of this id. */
    public Uni<Application> load(SqlClient client, UUID memberId, UUID id, boolean forUpdate) {
        return client.preparedQuery(WITH_PHOTO_KINDS + "WHERE id = $1 AND member_id = $2"
                        + (forUpdate ? " FOR UPDATE" : ""))
                .execute(Tuple.of(id, memberId))
                .map(rows -> Rows.first(rows, ApplicationTable::application));
    }

    /** Any member's application, row-locked, for a reviewer's decision; null when there is none of this id. */
    public Uni<Application> lockForDecision(SqlConnection conn, UUID id) {
        return conn.preparedQuery(WITH_PHOTO_KINDS + "WHERE id = $1 FOR UPDATE").execute(Tuple.of(id))
                .map(rows -> Rows.first(rows, ApplicationTable::application));
    }

    /** Open applications untouched since {@code before} expire; their secret question is dropped. */
    public Uni<Void> expireAbandoned(SqlConnection conn, Instant before) {
        return conn.preparedQuery("UPDATE application SET status = 'EXPIRED', secret_question = NULL, "
                        + "secret_answer_hash = NULL WHERE status = 'OPEN' AND updated_at <= $1")
                .execute(Tuple.of(Clocks.timestamptz(before))).replaceWithVoid();
    }

    /** The applications waiting for a reviewer, oldest first, with what the reviewer compares (opened). */
    public Uni<List<Reviews.Pending>> inReview(SqlClient client, int limit) {
        return client.preparedQuery(WITH_PHOTO_KINDS + "WHERE status = 'IN_REVIEW' ORDER BY submitted_at LIMIT $1")
                .execute(Tuple.of(limit))
                .map(rows -> {
                    List<Reviews.Pending> list = new ArrayList<>();
                    rows.forEach(r -> list.add(pending(r)));
                    return list;
                });
    }

    private Reviews.Pending pending(Row r) {
        UUID id = r.getUUID("id");
        List<String> images = new ArrayList<>();
        for (String kind : r.getArrayOfStrings("kinds")) {
            images.add("/v1/ekyc/reviews/" + id + "/images/" + kind);
        }
        String readBirthDate = opened(r.getString("read_birth_date"));
        return new Reviews.Pending(id, r.getUUID("member_id"), DocumentType.valueOf(r.getString("document_type")),
                r.getBoolean("has_remarks"), secrets.open(r.getString("confirmed_name")),
                LocalDate.parse(secrets.open(r.getString("confirmed_birth_date"))), r.getBoolean("name_from_remarks"),
                opened(r.getString("read_name")), readBirthDate == null ? null : LocalDate.parse(readBirthDate),
                r.getOffsetDateTime("submitted_at").toInstant(), List.of(r.getArrayOfStrings("review_reasons")),
                new Reviews.Scores(r.getDouble("document_match"), r.getDouble("selfie_match"),
                        r.getString("challenge_turn"), r.getString("challenge_mouth"), r.getString("challenge_outcome"),
                        r.getDouble("front_liveness"), r.getDouble("challenge_liveness"), r.getDouble("front_yaw"),
                        r.getDouble("challenge_yaw"), r.getInteger("face_refusals")),
                images);
    }

    private static Application application(Row r) {
        Set<String> kinds = Set.of(r.getArrayOfStrings("kinds"));
        Set<DocumentSide> sides = EnumSet.noneOf(DocumentSide.class);
        for (DocumentSide side : DocumentSide.values()) {
            if (kinds.contains(side.name())) {
                sides.add(side);
            }
        }
        String docType = r.getString("document_type");
        String turn = r.getString("challenge_turn");
        return new Application(r.getUUID("id"), r.getUUID("member_id"), Status.valueOf(r.getString("status")),
                docType == null ? null : DocumentType.valueOf(docType),
                Boolean.TRUE.equals(r.getBoolean("has_remarks")),
                sides, r.getString("confirmed_name") != null, Boolean.TRUE.equals(r.getBoolean("name_from_remarks")),
                turn == null ? null : new Challenge(Challenge.Turn.valueOf(turn),
                        Challenge.Mouth.valueOf(r.getString("challenge_mouth"))),
                r.getBoolean("challenge_attempted"), kinds.contains(ImageKind.FACE_FRONT.name()),
                kinds.contains(ImageKind.FACE_CHALLENGE.name()), r.getString("secret_answer_hash") != null,
                r.getOffsetDateTime("updated_at").toInstant());
    }

    /**
     * Writes the application's state back; what a redone step voided goes (images included); an expired application
     * keeps no photo and no secret question, as the sweep leaves them (Retention).
     */
    public Uni<Void> save(SqlConnection conn, Application app) {
        List<String> keep = new ArrayList<>();
        app.sides().forEach(s -> keep.add(s.name()));
        if (app.frontFaceTaken()) {
            keep.add(ImageKind.FACE_FRONT.name());
        }
        if (app.challengeTaken()) {
            keep.add(ImageKind.FACE_CHALLENGE.name());
        }
        if (app.status() == Status.EXPIRED) {
            keep.clear();
        }
        Challenge c = app.challenge();
        return conn.preparedQuery("UPDATE application SET status = $2, document_type = $3, has_remarks = $4, "
                        + "name_from_remarks = $5, challenge_turn = $6, challenge_mouth = $7, updated_at = $8, "
                        + "confirmed_name = CASE WHEN $9 THEN confirmed_name END, "
                        + "confirmed_birth_date = CASE WHEN $9 THEN confirmed_birth_date END, "
                        + "document_match = CASE WHEN $10 THEN document_match END, "
                        + "front_liveness = CASE WHEN $10 THEN front_liveness END, "
                        + "front_yaw = CASE WHEN $10 THEN front_yaw END, "
                        + "selfie_match = CASE WHEN $11 THEN selfie_match END, "
                        + "challenge_outcome = CASE WHEN $11 THEN challenge_outcome END, "
                        + "challenge_liveness = CASE WHEN $11 THEN challenge_liveness END, "
                        + "challenge_yaw = CASE WHEN $11 THEN challenge_yaw END, challenge_attempted = $12 "
                        + "WHERE id = $1")
                .execute(Tuple.from(Arrays.asList(app.id(), app.status().name(),
                        app.documentType() == null ? null : app.documentType().name(), app.hasRemarks(),
                        app.nameFromRemarks(), c == null ? null : c.turn().name(), c == null ? null : c.mouth().name(),
                        Clocks.timestamptz(app.updatedAt()), app.dataConfirmed(), app.frontFaceTaken(),
                        app.challengeTaken(), app.challengeAttempted())))
                .chain(() -> conn.preparedQuery("DELETE FROM application_image WHERE application_id = $1 "
                        + "AND kind <> ALL($2::text[])").execute(Tuple.of(app.id(), keep.toArray(String[]::new))))
                .chain(() -> app.status() != Status.EXPIRED ? Uni.createFrom().voidItem() : conn
                        .preparedQuery("UPDATE application SET secret_question = NULL, secret_answer_hash = NULL "
                                + "WHERE id = $1").execute(Tuple.of(app.id())).replaceWithVoid())
                .replaceWithVoid();
    }

    /** What was read off the front (step 2), sealed. */
    public Uni<Void> recordRead(SqlConnection conn, UUID id, DocumentFields read) {
        return conn.preparedQuery("UPDATE application SET read_name = $2, read_birth_date = $3 WHERE id = $1")
                .execute(Tuple.of(id, sealOrNull(read.name()),
                        sealOrNull(read.birthDate() == null ? null : read.birthDate().toString())))
                .replaceWithVoid();
    }

    public Uni<DocumentFields> read(SqlConnection conn, UUID id) {
        return conn.preparedQuery("SELECT read_name, read_birth_date FROM application WHERE id = $1")
                .execute(Tuple.of(id)).map(rows -> documentRead(rows.iterator().next()));
    }

    /** The name and birth date the member confirmed (step 4), sealed, and whether they are what was read. */
    public Uni<Void> recordConfirmed(SqlConnection conn, UUID id, String name, LocalDate birthDate, boolean asRead) {
        return conn.preparedQuery("UPDATE application SET confirmed_name = $2, confirmed_birth_date = $3, "
                        + "data_as_read = $4 WHERE id = $1")
                .execute(Tuple.of(id, secrets.seal(name), secrets.seal(birthDate.toString()), asRead))
                .replaceWithVoid();
    }

    /** The front selfie's scores (step 5a). */
    public Uni<Void> recordFrontFace(SqlConnection conn, UUID id, double documentMatch, FaceReading face) {
        return conn.preparedQuery("UPDATE application SET document_match = $2, front_liveness = $3, front_yaw = $4 "
                        + "WHERE id = $1")
                .execute(Tuple.of(id, documentMatch, face.liveness(), face.yaw())).replaceWithVoid();
    }

    /** The challenge selfie's scores (step 5b). */
    public Uni<Void> recordChallenge(SqlConnection conn, UUID id, double selfieMatch, Challenge.Outcome outcome,
            FaceReading face) {
        return conn.preparedQuery("UPDATE application SET selfie_match = $2, challenge_outcome = $3, "
                        + "challenge_liveness = $4, challenge_yaw = $5 WHERE id = $1")
                .execute(Tuple.of(id, selfieMatch, outcome.name(), face.liveness(), face.yaw())).replaceWithVoid();
    }

    /** A face photo refused: counted for the reviewer. */
    public Uni<Void> countRefusal(SqlClient client, UUID id) {
        return client.preparedQuery("UPDATE application SET face_refusals = face_refusals + 1 WHERE id = $1")
                .execute(Tuple.of(id)).replaceWithVoid();
    }

    /** The question (sealed) and the answer's hash (step 6). */
    public Uni<Void> recordSecretQuestion(SqlConnection conn, UUID id, String question, String answerHash) {
        return conn.preparedQuery("UPDATE application SET secret_question = $2, secret_answer_hash = $3 WHERE id = $1")
                .execute(Tuple.of(id, secrets.seal(question), answerHash)).replaceWithVoid();
    }

    /** What the decision at submission weighs, as the steps recorded it. */
    public Uni<Decision.Evidence> evidence(SqlConnection conn, UUID id, boolean nameFromRemarks) {
        return conn.preparedQuery("SELECT document_match, selfie_match, challenge_outcome, front_liveness, "
                        + "challenge_liveness, data_as_read FROM application WHERE id = $1")
                .execute(Tuple.of(id))
                .map(rows -> {
                    Row r = rows.iterator().next();
                    return new Decision.Evidence(r.getDouble("document_match"), r.getDouble("selfie_match"),
                            Challenge.Outcome.valueOf(r.getString("challenge_outcome")), r.getDouble("front_liveness"),
                            r.getDouble("challenge_liveness"), nameFromRemarks,
                            Boolean.TRUE.equals(r.getBoolean("data_as_read")));
                });
    }

    /** Submitted at {@code now}, with the reasons for a review; decided at once when there are none. */
    public Uni<Void> recordSubmitted(SqlConnection conn, UUID id, Instant now, List<String> reviewReasons) {
        return conn.preparedQuery("UPDATE application SET submitted_at = $2::timestamptz, review_reasons = $3, "
                        + "decided_at = CASE WHEN $4 THEN $2::timestamptz END WHERE id = $1")
                .execute(Tuple.of(id, Clocks.timestamptz(now), reviewReasons.toArray(String[]::new),
                        reviewReasons.isEmpty()))
                .replaceWithVoid();
    }

    /** A reviewer's decision: the state, who decided, why a rejection, what to redo. */
    public Uni<Void> recordDecision(SqlConnection conn, Application app, Instant now, UUID reviewerId, String reason,
            List<String> redo) {
        return conn.preparedQuery("UPDATE application SET status = $2, decided_at = $3, decided_by = $4, "
                        + "decision_reason = $5, redo = $6, updated_at = $3 WHERE id = $1")
                .execute(Tuple.from(Arrays.asList(app.id(), app.status().name(), Clocks.timestamptz(now), reviewerId,
                        reason, redo.toArray(String[]::new))))
                .replaceWithVoid();
    }

    /** The reasons for a review, and what was read off the front once it is taken. */
    public Uni<Shown> shown(SqlConnection conn, Application app) {
        return conn.preparedQuery("SELECT review_reasons, read_name, read_birth_date FROM application WHERE id = $1")
                .execute(Tuple.of(app.id()))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return new Shown(List.of(row.getArrayOfStrings("review_reasons")),
                            app.sides().contains(DocumentSide.FRONT) ? documentRead(row) : null);
                });
    }

    private DocumentFields documentRead(Row row) {
        String name = row.getString("read_name");
        String birthDate = row.getString("read_birth_date");
        return new DocumentFields(name == null ? null : secrets.open(name),
                birthDate == null ? null : LocalDate.parse(secrets.open(birthDate)));
    }

    private String opened(String sealed) {
        return sealed == null ? null : secrets.open(sealed);
    }

    private String sealOrNull(String value) {
        return value == null ? null : secrets.seal(value);
    }
}
