package io.kencom.ekyc;

import io.kencom.contracts.events.EkycApproved;
import io.kencom.contracts.events.EkycReviewRequested;
import io.kencom.contracts.events.EkycSubmitted;
import io.kencom.contracts.events.EkycSubmitted.DocumentType;
import io.kencom.ekyc.domain.Application;
import io.kencom.ekyc.domain.Application.Status;
import io.kencom.ekyc.domain.Challenge;
import io.kencom.ekyc.domain.Decision;
import io.kencom.ekyc.domain.DocumentFields;
import io.kencom.ekyc.domain.DocumentReader;
import io.kencom.ekyc.domain.DocumentSide;
import io.kencom.ekyc.domain.FaceMatch;
import io.kencom.ekyc.domain.FaceReader;
import io.kencom.ekyc.domain.FaceReading;
import io.kencom.ekyc.domain.PhotoQuality;
import io.kencom.ekyc.domain.SecretAnswer;
import io.kencom.ekyc.domain.Step;
import io.kencom.ekyc.infra.Argon2Hasher;
import io.kencom.ekyc.infra.FaceReadings;
import io.kencom.ekyc.infra.Images;
import io.kencom.platform.Blocking;
import io.kencom.platform.Clocks;
import io.kencom.platform.crypto.Secrets;
import io.kencom.platform.messaging.Outbox;
import io.kencom.platform.problem.ApiProblem;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The member's side of eKYC (domain.md §5): an application walked step by step, its photos checked before anything is
 * kept, and the decision at submission. CPU work (decoding, quality, face models, Argon2) runs on worker threads
 * before the step's transaction, which re-reads the application under a row lock, so two requests of one member
 * never interleave a step.
 */
@ApplicationScoped
public class Applications {

    /**
     * What the app shows: where to resume, what was read off the document for the member to confirm (step 4), and
     * the challenge once it is drawn.
     */
    public record View(UUID id, Status status, Step nextStep, DocumentType documentType, Boolean hasRemarks,
            DocumentFields documentRead, Challenge challenge, List<String> reviewReasons) {
    }

    public record DocumentChoice(DocumentType documentType, Boolean hasRemarks) {
    }

    /** Step 4: name and birth date as on the document; {@code newName} as written in the remarks, if any. */
    public record DocumentData(String name, LocalDate birthDate, String newName) {
    }

    public record SecretQuestion(String question, String answer) {
    }

    /** The photo kinds of an application, as stored. */
    enum ImageKind {
        FRONT, BACK, REMARKS, FACE_FRONT, FACE_CHALLENGE
    }

    static final int MAX_NAME_LENGTH = 100;
    static final int MAX_QUESTION_LENGTH = 100;

    private final Pool pool;
    private final Secrets secrets;
    private final FaceReader faces;
    private final DocumentReader documents;
    private final Outbox outbox;
    private final Clock clock;
    private final Members members;
    private final SecretQuestions questions;
    private final List<Challenge.Mouth> mouths;
    private final FaceMatch.Lines faceLines;
    private final SecureRandom random = new SecureRandom();

    Applications(Pool pool, Secrets secrets, FaceReader faces, DocumentReader documents, Outbox outbox, Clock clock,
            Members members, SecretQuestions questions,
            @ConfigProperty(name = "kencom.ekyc.challenge.mouths") List<Challenge.Mouth> mouths,
            @ConfigProperty(name = "kencom.ekyc.face.same-at") double sameAt,
            @ConfigProperty(name = "kencom.ekyc.face.different-below") double differentBelow) {
        this.pool = pool;
        this.secrets = secrets;
        this.faces = faces;
        this.documents = documents;
        this.outbox = outbox;
        this.clock = clock;
        this.members = members;
        this.questions = questions;
        this.mouths = List.copyOf(mouths);
        this.faceLines = new FaceMatch.Lines(sameAt, differentBelow);
    }

    /** Opens an application for an eligible member; one at a time. */
    public Uni<View> open(UUID memberId) {
        return pool.withTransaction(conn -> members.eligible(conn, memberId, questions)
                .chain(member -> expireAbandoned(conn, memberId).chain(() -> insert(conn, memberId))));
    }

    private Uni<View> insert(SqlConnection conn, UUID memberId) {
        Application app = Application.open(UUID.randomUUID(), memberId, clock.instant());
        return conn.preparedQuery("INSERT INTO application (id, member_id, status, created_at, updated_at) "
                        + "VALUES ($1, $2, 'OPEN', $3, $3) ON CONFLICT DO NOTHING RETURNING id")
                .execute(Tuple.of(app.id(), memberId, Clocks.timestamptz(app.updatedAt())))
                .chain(rows -> rows.size() == 1 ? Uni.createFrom().item(view(app, null, List.of()))
                        : conn.preparedQuery("SELECT id FROM application WHERE member_id = $1 AND status IN "
                                        + "('OPEN', 'IN_REVIEW')").execute(Tuple.of(memberId))
                                .chain(existing -> Uni.createFrom().<View>failure(
                                        EkycProblems.applicationExists(existing.iterator().next().getUUID(0)))));
    }

    /** An abandoned application of this member is closed first, so it does not block a new one. */
    private Uni<Void> expireAbandoned(SqlConnection conn, UUID memberId) {
        return conn.preparedQuery("SELECT id FROM application WHERE member_id = $1 AND status = 'OPEN' AND "
                        + "updated_at <= $2")
                .execute(Tuple.of(memberId, Clocks.timestamptz(clock.instant().minus(Application.EXPIRES_AFTER))))
                .chain(rows -> rows.size() == 0 ? Uni.createFrom().voidItem()
                        : step(conn, memberId, rows.iterator().next().getUUID(0), (c, a) -> Uni.createFrom().voidItem())
                                .replaceWithVoid());
    }

    /** Where the member resumes. A read writes nothing, unless it finds the application abandoned and expires it. */
    public Uni<View> get(UUID memberId, UUID id) {
        return load(pool, memberId, id, false).chain(app -> app.expireIfAbandoned(clock.instant())
                ? inStep(memberId, id, (conn, locked) -> Uni.createFrom().voidItem())
                : pool.withConnection(conn -> view(conn, app)));
    }

    /** Step 1. */
    public Uni<View> chooseDocument(UUID memberId, UUID id, DocumentChoice choice) {
        if (choice.documentType() == null) {
            throw EkycProblems.fieldInvalid("documentType", "MISSING");
        }
        if (choice.hasRemarks() == null) {
            throw EkycProblems.fieldInvalid("hasRemarks", "MISSING");
        }
        return inStep(memberId, id, (conn, app) -> {
            app.chooseDocument(choice.documentType(), choice.hasRemarks(), clock.instant());
            return Uni.createFrom().voidItem();
        });
    }

    /** Steps 2–3: a photo of the document, refused before it is kept when it is not fit. */
    public Uni<View> documentPhoto(UUID memberId, UUID id, DocumentSide side, byte[] bytes) {
        return load(pool, memberId, id, false).invoke(app -> refusing(() -> app.mayTake(side)))
                .chain(() -> Blocking.call(() -> {
                    Images.Photo photo = read(bytes);
                    List<PhotoQuality.Issue> issues = PhotoQuality.issues(PhotoQuality.measure(photo.pixels()));
                    if (!issues.isEmpty()) {
                        throw EkycProblems.photoQuality(issues);
                    }
                    if (side != DocumentSide.FRONT) {
                        return new DocumentPhoto(photo, null, null);
                    }
                    List<FaceReading> found = faces.read(photo.pixels());
                    if (found.isEmpty()) {
                        throw EkycProblems.portraitNotFound();
                    }
                    return new DocumentPhoto(photo, found.get(0), documents.read(photo.pixels()));
                }))
                .chain(checked -> inStep(memberId, id, (conn, app) -> {
                    app.took(side, clock.instant());
                    Uni<Void> stored = storeImage(conn, id, ImageKind.valueOf(side.name()), checked.photo(),
                            checked.portrait());
                    if (checked.read() == null) {
                        return stored;
                    }
                    return stored.chain(() -> conn.preparedQuery("UPDATE application SET read_name = $2, "
                                    + "read_birth_date = $3 WHERE id = $1")
                            .execute(Tuple.of(id, sealOrNull(checked.read().name()),
                                    sealOrNull(checked.read().birthDate() == null ? null
                                            : checked.read().birthDate().toString())))
                            .replaceWithVoid());
                }));
    }

    /** Step 4. */
    public Uni<View> confirmData(UUID memberId, UUID id, DocumentData data) {
        String name = text(data.name(), "name", MAX_NAME_LENGTH);
        if (data.birthDate() == null) {
            throw EkycProblems.fieldInvalid("birthDate", "MISSING");
        }
        if (data.birthDate().isAfter(LocalDate.now(clock))) {
            throw EkycProblems.fieldInvalid("birthDate", "IN_THE_FUTURE");
        }
        String newName = data.newName() == null || data.newName().isBlank() ? null
                : text(data.newName(), "newName", MAX_NAME_LENGTH);
        return inStep(memberId, id, (conn, app) -> {
            app.confirmData(newName != null, clock.instant());
            return conn.preparedQuery("SELECT read_name, read_birth_date FROM application WHERE id = $1")
                    .execute(Tuple.of(id))
                    .chain(rows -> {
                        boolean asRead = documentRead(rows.iterator().next()).agreesWith(name, data.birthDate());
                        return conn.preparedQuery("UPDATE application SET confirmed_name = $2, "
                                        + "confirmed_birth_date = $3, data_as_read = $4 WHERE id = $1")
                                .execute(Tuple.of(id, secrets.seal(newName != null ? newName : name),
                                        secrets.seal(data.birthDate().toString()), asRead));
                    })
                    .replaceWithVoid();
        });
    }

    /**
     * Step 5a: one face, facing the camera with the mouth closed, that is not clearly someone else than the document's
     * portrait. A clear mismatch is refused with a retry and nothing is kept.
     */
    public Uni<View> frontFace(UUID memberId, UUID id, byte[] bytes) {
        return load(pool, memberId, id, false)
                .invoke(app -> refusing(app::mayTakeFrontFace))
                .chain(() -> storedFace(id, ImageKind.FRONT))
                .chain(portrait -> Blocking.call(() -> {
                    Images.Photo photo = read(bytes);
                    FaceReading selfie = onlyFace(photo);
                    if (Math.abs(selfie.headTurn()) >= FRONTAL_AT_MOST) {
                        throw EkycProblems.face("NOT_FRONTAL", "Face the camera");
                    }
                    if (selfie.mouthOpening() >= Challenge.MOUTH_OPEN_AT) {
                        throw EkycProblems.face("MOUTH_OPEN", "Close the mouth");
                    }
                    return new Checked(photo, selfie, selfie.similarity(portrait));
                }))
                .chain(checked -> {
                    if (faceLines.of(checked.match()) == FaceMatch.DIFFERENT) {
                        return refused(id, EkycProblems.faceMismatch());
                    }
                    return inStep(memberId, id, (conn, app) -> {
                        app.tookFrontFace(() -> Challenge.draw(random, mouths), clock.instant());
                        return conn.preparedQuery("UPDATE application SET document_match = $2, front_liveness = $3, "
                                        + "front_yaw = $4 WHERE id = $1")
                                .execute(Tuple.of(id, checked.match(), checked.face().liveness(), checked.face().yaw()))
                                .chain(() -> storeImage(conn, id, ImageKind.FACE_FRONT, checked.photo(),
                                        checked.face()));
                    });
                });
    }

    /** Step 5b: the same person as the front selfie, following the challenge drawn for this application. */
    public Uni<View> challengeFace(UUID memberId, UUID id, byte[] bytes) {
        return load(pool, memberId, id, false)
                .invoke(app -> refusing(app::mayTakeChallenge))
                .chain(app -> storedFace(id, ImageKind.FACE_FRONT).chain(frontFace -> Blocking.call(() -> {
                    Images.Photo photo = read(bytes);
                    FaceReading face = onlyFace(photo);
                    double match = face.similarity(frontFace);
                    if (faceLines.of(match) == FaceMatch.DIFFERENT) {
                        return new Checked(photo, face, match, null);
                    }
                    return new Checked(photo, face, match, app.challenge().judge(frontFace, face));
                })))
                .chain(checked -> {
                    if (checked.challenge() == null) {
                        return refusedChallenge(memberId, id, EkycProblems.faceMismatch());
                    }
                    if (checked.challenge().outcome() == Challenge.Outcome.NOT_MET) {
                        return refusedChallenge(memberId, id,
                                EkycProblems.challengeFailed(checked.challenge().failed()));
                    }
                    return inStep(memberId, id, (conn, app) -> {
                        app.tookChallenge(clock.instant());
                        return conn.preparedQuery("UPDATE application SET selfie_match = $2, challenge_outcome = $3, "
                                        + "challenge_liveness = $4, challenge_yaw = $5 WHERE id = $1")
                                .execute(Tuple.of(id, checked.match(), checked.challenge().outcome().name(),
                                        checked.face().liveness(), checked.face().yaw()))
                                .chain(() -> storeImage(conn, id, ImageKind.FACE_CHALLENGE, checked.photo(),
                                        checked.face()));
                    });
                });
    }

    /** Step 6: kept with the application until it is approved. */
    public Uni<View> secretQuestion(UUID memberId, UUID id, SecretQuestion q) {
        String question = text(q.question(), "question", MAX_QUESTION_LENGTH);
        String answer = SecretAnswer.normalise(text(q.answer(), "answer", SecretAnswer.MAX_LENGTH));
        if (answer.isEmpty()) {
            throw EkycProblems.fieldInvalid("answer", "BLANK");
        }
        return Blocking.call(() -> Argon2Hasher.hash(answer)).chain(hash -> inStep(memberId, id, (conn, app) -> {
            app.setSecretQuestion(clock.instant());
            return conn.preparedQuery("UPDATE application SET secret_question = $2, secret_answer_hash = $3 "
                            + "WHERE id = $1")
                    .execute(Tuple.of(id, secrets.seal(question), hash)).replaceWithVoid();
        }));
    }

    /** Step 7: approved at once when every check passed with margin, otherwise queued for a person. */
    public Uni<View> submit(UUID memberId, UUID id) {
        return inStep(memberId, id, (conn, app) -> conn
                .preparedQuery("SELECT document_match, selfie_match, challenge_outcome, front_liveness, "
                        + "challenge_liveness, data_as_read FROM application WHERE id = $1")
                .execute(Tuple.of(id))
                .chain(rows -> {
                    Row r = rows.iterator().next();
                    List<Decision.ReviewReason> reasons = app.nextStep() != Step.SUBMIT ? List.of()
                            : Decision.reviewReasons(new Decision.Evidence(r.getDouble("document_match"),
                                    r.getDouble("selfie_match"),
                                    Challenge.Outcome.valueOf(r.getString("challenge_outcome")),
                                    r.getDouble("front_liveness"), r.getDouble("challenge_liveness"),
                                    app.nameFromRemarks(), Boolean.TRUE.equals(r.getBoolean("data_as_read"))),
                                    faceLines);
                    Instant now = clock.instant();
                    app.submit(reasons, now);
                    List<String> codes = reasons.stream().map(Enum::name).toList();
                    Uni<?> outcome = reasons.isEmpty()
                            ? questions.activate(conn, id, memberId, now)
                                    .chain(() -> outbox.publish(conn, new EkycApproved(memberId, id,
                                            EkycApproved.Method.EKYC_AUTOMATIC, now)))
                            : outbox.publish(conn, new EkycReviewRequested(memberId, id, codes, now));
                    return conn.preparedQuery("UPDATE application SET submitted_at = $2::timestamptz, "
                                    + "review_reasons = $3, "
                                    + "decided_at = CASE WHEN $4 THEN $2::timestamptz END WHERE id = $1")
                            .execute(Tuple.of(id, Clocks.timestamptz(now), codes.toArray(String[]::new),
                                    reasons.isEmpty()))
                            .chain(() -> outbox.publish(conn, new EkycSubmitted(memberId, id, app.documentType(), now)))
                            .chain(() -> outcome).replaceWithVoid();
                }));
    }

    /** A frontal selfie may turn the head less than this (see FaceReading#headTurn). */
    static final double FRONTAL_AT_MOST = 0.30;

    private record DocumentPhoto(Images.Photo photo, FaceReading portrait, DocumentFields read) {
    }

    private record Checked(Images.Photo photo, FaceReading face, double match, Challenge.Result challenge) {

        Checked(Images.Photo photo, FaceReading face, double match) {
            this(photo, face, match, null);
        }
    }

    private FaceReading onlyFace(Images.Photo photo) {
        List<FaceReading> found = faces.read(photo.pixels());
        if (found.isEmpty()) {
            throw EkycProblems.face("NO_FACE", "No face was found; take the photo again");
        }
        if (found.size() > 1) {
            throw EkycProblems.face("MORE_THAN_ONE_FACE", "Only the member may be in the photo");
        }
        return found.get(0);
    }

    private static Images.Photo read(byte[] bytes) {
        try {
            return Images.read(bytes);
        } catch (Images.Refused e) {
            throw EkycProblems.image(e);
        }
    }

    private static void refusing(Runnable rule) {
        try {
            rule.run();
        } catch (Application.StepRefused e) {
            throw EkycProblems.stepRefused(e);
        }
    }

    /** A face photo refused with a retry: nothing kept, the refusal counted for the reviewer. */
    private Uni<View> refused(UUID id, ApiProblem problem) {
        return countRefusal(pool, id).chain(() -> Uni.createFrom().failure(problem));
    }

    /** A challenge photo of one face refused: counted, and the challenge attempted (a retaken front may draw anew). */
    private Uni<View> refusedChallenge(UUID memberId, UUID id, ApiProblem problem) {
        return inStep(memberId, id, (conn, app) -> {
            app.attemptedChallenge();
            return countRefusal(conn, id);
        }).chain(() -> Uni.createFrom().failure(problem));
    }

    private static Uni<Void> countRefusal(SqlClient client, UUID id) {
        return client.preparedQuery("UPDATE application SET face_refusals = face_refusals + 1 WHERE id = $1")
                .execute(Tuple.of(id)).replaceWithVoid();
    }

    /** The face read off a stored photo when it was taken: compared again without decoding the photo. */
    private Uni<FaceReading> storedFace(UUID id, ImageKind kind) {
        return pool.preparedQuery("SELECT face FROM application_image WHERE application_id = $1 AND kind = $2")
                .execute(Tuple.of(id, kind.name()))
                .map(rows -> FaceReadings.fromBytes(secrets.openBytes(rows.iterator().next().getBuffer(0).getBytes())));
    }

    private Uni<Void> storeImage(SqlConnection conn, UUID id, ImageKind kind, Images.Photo photo, FaceReading face) {
        return conn.preparedQuery("INSERT INTO application_image (application_id, kind, media_type, sealed, face) "
                        + "VALUES ($1, $2, $3, $4, $5) ON CONFLICT (application_id, kind) DO UPDATE "
                        + "SET media_type = $3, sealed = $4, face = $5")
                .execute(Tuple.of(id, kind.name(), photo.type().mediaType,
                        Buffer.buffer(secrets.sealBytes(photo.clean())),
                        face == null ? null : Buffer.buffer(secrets.sealBytes(FaceReadings.toBytes(face)))))
                .replaceWithVoid();
    }

    private static String text(String value, String field, int maxLength) {
        if (value == null || value.isBlank()) {
            throw EkycProblems.fieldInvalid(field, "MISSING");
        }
        if (value.length() > maxLength) {
            throw EkycProblems.fieldInvalid(field, "TOO_LONG");
        }
        return value.strip();
    }

    /** A step in one transaction: the application locked, the rule applied, the effect written, the state saved. */
    private Uni<View> inStep(UUID memberId, UUID id, BiFunction<SqlConnection, Application, Uni<Void>> effect) {
        return pool.withTransaction(conn -> step(conn, memberId, id, effect));
    }

    private Uni<View> step(SqlConnection conn, UUID memberId, UUID id,
            BiFunction<SqlConnection, Application, Uni<Void>> effect) {
        return load(conn, memberId, id, true).chain(app -> {
            if (app.expireIfAbandoned(clock.instant())) {
                return save(conn, app).chain(() -> view(conn, app));
            }
            Uni<Void> done;
            try {
                done = effect.apply(conn, app);
            } catch (Application.StepRefused e) {
                throw EkycProblems.stepRefused(e);
            }
            return done.chain(() -> save(conn, app)).chain(() -> view(conn, app))
                    .onFailure(Application.StepRefused.class)
                    .transform(e -> EkycProblems.stepRefused((Application.StepRefused) e));
        });
    }

    /** Application rows (alias {@code a}) with the kinds of their photos, as {@link #application} reads them. */
    static final String WITH_PHOTO_KINDS = "SELECT a.*, array(SELECT kind FROM application_image i "
            + "WHERE i.application_id = a.id ORDER BY kind) AS kinds FROM application a ";

    private Uni<Application> load(SqlClient client, UUID memberId, UUID id, boolean forUpdate) {
        return client.preparedQuery(WITH_PHOTO_KINDS + "WHERE id = $1 AND member_id = $2"
                        + (forUpdate ? " FOR UPDATE" : ""))
                .execute(Tuple.of(id, memberId))
                .map(rows -> {
                    Iterator<Row> it = rows.iterator();
                    if (!it.hasNext()) {
                        throw EkycProblems.notFound();
                    }
                    return application(it.next());
                });
    }

    static Application application(Row r) {
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
                r.getBoolean("challenge_attempted"), kinds.contains(ImageKind.FACE_FRONT.name()), kinds.contains(ImageKind.FACE_CHALLENGE.name()),
                r.getString("secret_answer_hash") != null, r.getOffsetDateTime("updated_at").toInstant());
    }

    /**
     * Writes the application's state back; what a redone step voided goes (images included); an expired application
     * keeps no photo and no secret question, as the sweep leaves them (Retention).
     */
    private Uni<Void> save(SqlConnection conn, Application app) {
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

    private Uni<View> view(SqlConnection conn, Application app) {
        return conn.preparedQuery("SELECT review_reasons, read_name, read_birth_date FROM application WHERE id = $1")
                .execute(Tuple.of(app.id()))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return view(app, app.sides().contains(DocumentSide.FRONT) ? documentRead(row) : null,
                            List.of(row.getArrayOfStrings("review_reasons")));
                });
    }

    private static View view(Application app, DocumentFields read, List<String> reviewReasons) {
        boolean open = app.status() == Status.OPEN;
        return new View(app.id(), app.status(), app.nextStep(), app.documentType(),
                app.documentType() == null ? null : app.hasRemarks(), open ? read : null,
                open && app.frontFaceTaken() ? app.challenge() : null, reviewReasons);
    }

    /** What was read off the front, as stored (sealed). */
    private DocumentFields documentRead(Row row) {
        String name = row.getString("read_name");
        String birthDate = row.getString("read_birth_date");
        return new DocumentFields(name == null ? null : secrets.open(name),
                birthDate == null ? null : LocalDate.parse(secrets.open(birthDate)));
    }

    private String sealOrNull(String value) {
        return value == null ? null : secrets.seal(value);
    }
}
