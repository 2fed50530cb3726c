package io.kencom.platform;

import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import java.util.function.Consumer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * PostgreSQL LISTEN for the service: one connection, reconnecting every second when lost. NOTIFY is delivered only
 * when its transaction commits, which makes it the cheapest "this changed" signal between the instances of a
 * service sharing one database. Notifications sent while the connection was down are lost: listeners are told
 * each time it (re)starts listening, and must then assume they missed something.
 */
@ApplicationScoped
public class PgNotifications {

    private static final Logger LOG = Logger.getLogger(PgNotifications.class);

    private final Vertx vertx;
    private final PgConnectOptions options;
    private PgSubscriber subscriber;

    PgNotifications(Vertx vertx, @ConfigProperty(name = "quarkus.datasource.reactive.url") String reactiveUrl,
            @ConfigProperty(name = "quarkus.datasource.username") String user,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this.vertx = vertx;
        this.options = PgConnectOptions.fromUri(reactiveUrl.replaceFirst("^vertx-reactive:", "")).setUser(user);
        password.ifPresent(options::setPassword);
    }

    /**
     * Calls {@code payloads} with each notification on {@code channel}, and {@code listening} each time the LISTEN
     * is in place (at start and after a reconnect).
     */
    public synchronized void listen(String channel, Consumer<String> payloads, Runnable listening) {
        boolean first = subscriber == null;
        if (first) {
            subscriber = PgSubscriber.subscriber(vertx, options).reconnectPolicy(attempt -> 1000L);
        }
        subscriber.channel(channel).subscribeHandler(v -> listening.run()).handler(payloads::accept);
        if (first) {
            subscriber.connect().onFailure(e -> LOG.warnf("cannot LISTEN to PostgreSQL, retrying: %s", e.toString()));
        }
    }

    synchronized void stop(@Observes ShutdownEvent ignored) {
        if (subscriber != null) {
            subscriber.close();
        }
    }
}
