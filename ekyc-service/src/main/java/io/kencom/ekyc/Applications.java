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
import io.kencom.ekyc.domain.DocumentSide;
import io.kencom.ekyc.domain.SecretAnswer;
import io.kencom.ekyc.domain.Step;
import io.kencom.ekyc.infra.ApplicationImageTable;
import io.kencom.ekyc.infra.ApplicationImageTable.ImageKind;
import io.kencom.ekyc.infra.ApplicationTable;
import io.kencom.ekyc.infra.EkycMeters;
import io.kencom.ekyc.infra.Argon2Hasher;
import io.kencom.platform.Blocking;
import io.kencom.platform.messaging.Outbox;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * The member's side of eKYC (domain.md §5): an application walked step by step, its photos checked before anything is
 * kept, and the decision at submission; the selfies (step 5) are {@link Selfies}. CPU work (decoding, quality, face
 * models, Argon2) runs on worker threads before the step's transaction, which re-reads the application under a row
 * lock, so two requests of one member never interleave a step.
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

    static final int MAX_NAME_LENGTH = 100;
    static final int MAX_QUESTION_LENGTH = 100;

    private final Pool pool;
    private final ApplicationTable table;
    private final ApplicationImageTable images;
    private final ApplicationSteps steps;
    private final PhotoChecks checks;
    private final EkycMeters meters;
    private final Outbox outbox;
    private final Clock clock;
    private final Members members;
    private final SecretQuestions questions;

    Applications(Pool pool, ApplicationTable table, ApplicationImageTable images,
            PhotoChecks checks, EkycMeters meters, Outbox outbox, Clock clock, Members members,
            SecretQuestions questions) {
        this.pool = pool;
        this.table = table;
        this.images = images;
        this.steps = new ApplicationSteps(pool, table, clock);
        this.checks = checks;
        this.meters = meters;
        this.outbox = outbox;
        this.clock = clock;
        this.members = members;
        this.questions = questions;
    }

    /** Opens an application for an eligible member; one at a time. An abandoned one is closed first. */
    public Uni<View> open(UUID memberId) {
        Application app = Application.open(UUID.randomUUID(), memberId, clock.instant());
        return pool.withTransaction(conn -> members.eligible(conn, memberId, questions)
                .chain(() -> table.abandoned(conn, memberId, clock.instant().minus(Application.EXPIRES_AFTER)))
                .chain(abandoned -> abandoned.isEmpty() ? Uni.createFrom().voidItem()
                        : steps.step(conn, memberId, abandoned.get(), (c, a) -> Uni.createFrom().voidItem())
                                .replaceWithVoid())
                .chain(() -> table.insert(conn, app))
                .chain(inserted -> inserted
                        ? Uni.createFrom().item(ApplicationSteps.view(app, new ApplicationTable.Shown(List.of(), null)))
                        : table.current(conn, memberId)
                                .chain(existing -> Uni.createFrom()
                                        .failure(EkycProblems.applicationExists(existing)))));
    }

    /** Where the member resumes. A read writes nothing, unless it finds the application abandoned and expires it. */
    public Uni<View> get(UUID memberId, UUID id) {
        return steps.load(memberId, id).chain(app -> app.expireIfAbandoned(clock.instant())
                ? steps.inStep(memberId, id, (conn, locked) -> Uni.createFrom().voidItem())
                : pool.withConnection(conn -> steps.view(conn, app)));
    }

    /** Step 1. */
    public Uni<View> chooseDocument(UUID memberId, UUID id, DocumentType documentType, Boolean hasRemarks) {
        if (documentType == null) {
            throw EkycProblems.fieldInvalid("documentType", "MISSING");
        }
        if (hasRemarks == null) {
            throw EkycProblems.fieldInvalid("hasRemarks", "MISSING");
        }
        return steps.inStep(memberId, id, (conn, app) -> {
            app.chooseDocument(documentType, hasRemarks, clock.instant());
            return Uni.createFrom().voidItem();
        });
    }

    /** Steps 2–3: a photo of the document, refused before it is kept when it is not fit. */
    public Uni<View> documentPhoto(UUID memberId, UUID id, DocumentSide side, byte[] bytes) {
        return steps.load(memberId, id).invoke(app -> ApplicationSteps.refusing(() -> app.mayTake(side)))
                .chain(() -> Blocking.call(() -> checks.document(side, bytes)))
                .chain(checked -> steps.inStep(memberId, id, (conn, app) -> {
                    app.took(side, clock.instant());
                    Uni<Void> stored = images.storeImage(conn, id, ImageKind.of(side), checked.photo(),
                            checked.portrait());
                    return checked.read() == null ? stored
                            : stored.chain(() -> table.recordRead(conn, id, checked.read()));
                }));
    }

    /** Step 4: name and birth date as on the document; {@code newName} as written in the remarks, if any. */
    public Uni<View> confirmData(UUID memberId, UUID id, String typedName, LocalDate birthDate, String typedNewName) {
        String name = text(typedName, "name", MAX_NAME_LENGTH);
        if (birthDate == null) {
            throw EkycProblems.fieldInvalid("birthDate", "MISSING");
        }
        if (birthDate.isAfter(LocalDate.now(clock))) {
            throw EkycProblems.fieldInvalid("birthDate", "IN_THE_FUTURE");
        }
        String newName = typedNewName == null || typedNewName.isBlank() ? null
                : text(typedNewName, "newName", MAX_NAME_LENGTH);
        return steps.inStep(memberId, id, (conn, app) -> {
            app.confirmData(newName != null, clock.instant());
            return table.read(conn, id).chain(read -> table.recordConfirmed(conn, id,
                    newName != null ? newName : name, birthDate, read.agreesWith(name, birthDate)));
        });
    }

    /** Step 6: kept with the application until it is approved. */
    public Uni<View> secretQuestion(UUID memberId, UUID id, String typedQuestion, String typedAnswer) {
        String question = text(typedQuestion, "question", MAX_QUESTION_LENGTH);
        String answer = SecretAnswer.normalise(text(typedAnswer, "answer", SecretAnswer.MAX_LENGTH));
        if (answer.isEmpty()) {
            throw EkycProblems.fieldInvalid("answer", "BLANK");
        }
        return Blocking.call(() -> Argon2Hasher.hash(answer)).chain(hash -> steps.inStep(memberId, id, (conn, app) -> {
            app.setSecretQuestion(clock.instant());
            return table.recordSecretQuestion(conn, id, question, hash);
        }));
    }

    /** Step 7: approved at once when every check passed with margin, otherwise queued for a person. */
    public Uni<View> submit(UUID memberId, UUID id) {
        return steps.inStep(memberId, id, (conn, app) -> reviewReasons(conn, app).chain(reasons -> {
            Instant now = clock.instant();
            app.submit(reasons, now);
            List<String> codes = reasons.stream().map(Enum::name).toList();
            Uni<?> outcome = reasons.isEmpty()
                    ? questions.activate(conn, id, now).chain(() -> outbox.publish(conn,
                            new EkycApproved(memberId, id, EkycApproved.Method.EKYC_AUTOMATIC, now)))
                    : outbox.publish(conn, new EkycReviewRequested(memberId, id, codes, now));
            return table.recordSubmitted(conn, id, now, codes)
                    .chain(() -> outbox.publish(conn, new EkycSubmitted(memberId, id, app.documentType(), now)))
                    .chain(() -> outcome).replaceWithVoid();
        })).invoke(view -> {
            if (view.status() == Status.APPROVED || view.status() == Status.IN_REVIEW) {
                meters.decided(EkycApproved.Method.EKYC_AUTOMATIC, view.status() == Status.APPROVED
                        ? EkycMeters.Outcome.APPROVED : EkycMeters.Outcome.IN_REVIEW);
            }
        });
    }

    /** What keeps an application from approval at once; read only when every step is done (else submit refuses). */
    private Uni<List<Decision.ReviewReason>> reviewReasons(SqlConnection conn, Application app) {
        return app.nextStep() != Step.SUBMIT ? Uni.createFrom().item(List.of())
                : table.evidence(conn, app.id(), app.nameFromRemarks()).map(e -> Decision.reviewReasons(e, checks.lines()));
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
}
