package io.kencom.platform.problem;

import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.SocketException;

/** A route that fails outside any resource, where Quarkus' own error handler would answer. */
@ApplicationScoped
class FailingRoutes {

    void install(@Observes Router router) {
        router.get("/test/routes/database-gone").handler(context -> context.fail(
                new IllegalStateException("wrapped", new SocketException("Connection reset"))));
    }
}
