package io.kencom.ekyc;

import io.kencom.ekyc.Applications.View;
import io.kencom.ekyc.domain.Application;
import io.kencom.ekyc.domain.Application.Status;
import io.kencom.ekyc.infra.ApplicationTable;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import java.time.Clock;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * How every step of the member's application runs: in one transaction, the application locked, an abandoned one
 * expired instead, the domain's rule applied (its refusal answered as {@link EkycProblems#stepRefused}), the effect
 * written, the state saved, and what the app shows read back. Stateless: each use case of the steps holds one.
 */
record ApplicationSteps(Pool pool, ApplicationTable table, Clock clock) {

    /** The member's application as it stands, unlocked: to check a step may start before its slow work. */
    Uni<Application> load(UUID memberId, UUID id) {
        return table.load(pool, memberId, id, false).map(ApplicationSteps::found);
    }

    /** A step in one transaction: the application locked, the rule applied, the effect written, the state saved. */
    Uni<View> inStep(UUID memberId, UUID id, BiFunction<SqlConnection, Application, Uni<Void>> effect) {
        return pool.withTransaction(conn -> step(conn, memberId, id, effect));
    }

    /** The same inside a transaction the caller holds. */
    Uni<View> step(SqlConnection conn, UUID memberId, UUID id,
            BiFunction<SqlConnection, Application, Uni<Void>> effect) {
        return table.load(conn, memberId, id, true).map(ApplicationSteps::found).chain(app -> {
            if (app.expireIfAbandoned(clock.instant())) {
                return table.save(conn, app).chain(() -> view(conn, app));
            }
            Uni<Void> done;
            try {
                done = effect.apply(conn, app);
            } catch (Application.StepRefused e) {
                throw EkycProblems.stepRefused(e);
            }
            return done.chain(() -> table.save(conn, app)).chain(() -> view(conn, app))
                    .onFailure(Application.StepRefused.class)
                    .transform(e -> EkycProblems.stepRefused((Application.StepRefused) e));
        });
    }

    /** A rule checked before the step's slow work, refused as the step would refuse it. */
    static void refusing(Runnable rule) {
        try {
            rule.run();
        } catch (Application.StepRefused e) {
            throw EkycProblems.stepRefused(e);
        }
    }

    Uni<View> view(SqlConnection conn, Application app) {
        return table.shown(conn, app).map(shown -> view(app, shown));
    }

    static View view(Application app, ApplicationTable.Shown shown) {
        boolean open = app.status() == Status.OPEN;
        return new View(app.id(), app.status(), app.nextStep(), app.documentType(),
                app.documentType() == null ? null : app.hasRemarks(), open ? shown.read() : null,
                open && app.frontFaceTaken() ? app.challenge() : null, shown.reviewReasons());
    }

    private static Application found(Application app) {
        if (app == null) {
            throw EkycProblems.notFound();
        }
        return app;
    }
}
