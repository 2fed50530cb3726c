package io.kencom.notification;

import static org.assertj.core.api.Assertions.assertThat;

import io.kencom.contracts.CloudEvent;
import io.kencom.contracts.events.AccountVerified;
import io.kencom.notification.domain.MailKind;
import io.kencom.notification.infra.Delivery;
import io.kencom.testsupport.Mailbox;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * A mail waiting for its member's address (AWAITING_ADDRESS) and the AccountCreated that brings the address come on
 * two topics, to two consumers, each in its own transaction. Taken at the same moment, they must still meet.
 */
@QuarkusTest
class WaitingMailTest extends NotificationTest {

    @Inject
    Deliveries deliveries;

    @Test
    void the_address_that_arrives_while_the_mail_is_being_recorded_still_releases_it() throws Exception {
        UUID member = UUID.randomUUID();
        CloudEvent verified = CloudEvent.of(UUID.randomUUID(), "test",
                new AccountVerified(member, "g-kenpo-01", "06139992", Instant.now()), Instant.now());

        // The mail's transaction finds no address, writes its row and holds on for 2 s before it commits …
        CompletableFuture<Void> mail = CompletableFuture.runAsync(() -> onVertx(() -> Panache.withTransaction(
                () -> deliveries.requestForMember(verified, MailKind.PERSONAL_VERIFIED, member, Map.of())
                        .onItem().delayIt().by(Duration.ofSeconds(2)))));
        Thread.sleep(500);
        // … while the address is recorded (FaultsTest met this after a restart: the mail then waited for good).
        onVertx(() -> Panache.withTransaction(() -> deliveries.remember(member, Mailbox.newAddress("race"))));
        mail.get();

        Delivery delivery = onVertx(() -> Panache.withSession(() -> Delivery.<Delivery>findById(verified.id())));
        assertThat(delivery.status).isIn(Delivery.Status.PENDING.name(), Delivery.Status.SENT.name());
    }

    /** Hibernate Reactive runs on a Vert.x context only; tests call it from theirs. */
    private static <T> T onVertx(Supplier<Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(work);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
