package io.kencom.ekyc;

import io.kencom.ekyc.Applications.View;
import io.kencom.ekyc.domain.Challenge;
import io.kencom.ekyc.domain.FaceMatch;
import io.kencom.ekyc.infra.ApplicationImageTable;
import io.kencom.ekyc.infra.ApplicationImageTable.ImageKind;
import io.kencom.ekyc.infra.ApplicationTable;
import io.kencom.platform.Blocking;
import io.kencom.platform.problem.ApiProblem;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Step 5 of an application (domain.md §5): a frontal selfie matched against the document's portrait, then a second
 * one following a challenge drawn at random. The faces are read on a worker thread before the step's transaction;
 * a photo refused is not kept, only counted for the reviewer.
 */
@ApplicationScoped
public class Selfies {

    private final Pool pool;
    private final ApplicationTable table;
    private final ApplicationImageTable images;
    private final ApplicationSteps steps;
    private final PhotoChecks checks;
    private final Clock clock;
    private final List<Challenge.Mouth> mouths;
    private final SecureRandom random = new SecureRandom();

    Selfies(Pool pool, ApplicationTable table, ApplicationImageTable images,
            PhotoChecks checks, Clock clock,
            @ConfigProperty(name = "kencom.ekyc.challenge.mouths") List<Challenge.Mouth> mouths) {
        this.pool = pool;
        this.table = table;
        this.images = images;
        this.steps = new ApplicationSteps(pool, table, clock);
        this.checks = checks;
        this.clock = clock;
        this.mouths = List.copyOf(mouths);
    }

    /**
     * Step 5a: one face, facing the camera with the mouth closed, that is not clearly someone else than the document's
     * portrait. A clear mismatch is refused with a retry and nothing is kept.
     */
    public Uni<View> front(UUID memberId, UUID id, byte[] bytes) {
        return steps.load(memberId, id)
                .invoke(app -> ApplicationSteps.refusing(app::mayTakeFrontFace))
                .chain(() -> images.storedFace(pool, id, ImageKind.FRONT))
                .chain(portrait -> Blocking.call(() -> checks.front(bytes, portrait)))
                .chain(selfie -> {
                    if (checks.lines().of(selfie.match()) == FaceMatch.DIFFERENT) {
                        return refused(id, EkycProblems.faceMismatch());
                    }
                    return steps.inStep(memberId, id, (conn, app) -> {
                        app.tookFrontFace(() -> Challenge.draw(random, mouths), clock.instant());
                        return table.recordFrontFace(conn, id, selfie.match(), selfie.face())
                                .chain(() -> images.storeImage(conn, id, ImageKind.FACE_FRONT, selfie.photo(),
                                        selfie.face()));
                    });
                });
    }

    /** Step 5b: the same person as the front selfie, following the challenge drawn for this application. */
    public Uni<View> challenge(UUID memberId, UUID id, byte[] bytes) {
        return steps.load(memberId, id)
                .invoke(app -> ApplicationSteps.refusing(app::mayTakeChallenge))
                .chain(app -> images.storedFace(pool, id, ImageKind.FACE_FRONT).chain(frontFace -> Blocking.call(
                        () -> checks.challenge(bytes, frontFace, app.challenge()))))
                .chain(selfie -> {
                    if (selfie.challenge() == null) {
                        return refusedChallenge(memberId, id, EkycProblems.faceMismatch());
                    }
                    if (selfie.challenge().outcome() == Challenge.Outcome.NOT_MET) {
                        return refusedChallenge(memberId, id,
                                EkycProblems.challengeFailed(selfie.challenge().failed()));
                    }
                    return steps.inStep(memberId, id, (conn, app) -> {
                        app.tookChallenge(clock.instant());
                        return table.recordChallenge(conn, id, selfie.match(), selfie.challenge().outcome(),
                                selfie.face()).chain(() -> images.storeImage(conn, id, ImageKind.FACE_CHALLENGE,
                                        selfie.photo(), selfie.face()));
                    });
                });
    }

    /** A face photo refused with a retry: nothing kept, the refusal counted for the reviewer. */
    private Uni<View> refused(UUID id, ApiProblem problem) {
        return table.countRefusal(pool, id).chain(() -> Uni.createFrom().failure(problem));
    }

    /** A challenge photo of one face refused: counted, and the challenge attempted (a retaken front may draw anew). */
    private Uni<View> refusedChallenge(UUID memberId, UUID id, ApiProblem problem) {
        return steps.inStep(memberId, id, (conn, app) -> {
            app.attemptedChallenge();
            return table.countRefusal(conn, id);
        }).chain(() -> Uni.createFrom().failure(problem));
    }
}
