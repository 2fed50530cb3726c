package io.kencom.account;

import static org.awaitility.Awaitility.await;

import io.kencom.testsupport.InfrastructureResource;
import io.kencom.testsupport.MutableClock;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;

/** The real servers account-service uses: PostgreSQL, Kafka and Keycloak; and a clock tests can move. */
@QuarkusTestResource(value = InfrastructureResource.class, initArgs = {
        @ResourceArg(name = "database", value = "account_test"), @ResourceArg(name = "needs", value = "kafka,keycloak") })
abstract class AccountTest {

    /**
     * How long a test may keep Keycloak frozen: past {@code kencom.keycloak.call-timeout} (10 s), so a call given up
     * answers 503 meanwhile; a call that was not given up would answer only after it, and fail its test.
     */
    static final Duration FROZEN_AT_MOST = Duration.ofSeconds(30);

    @Inject
    MutableClock clock;

    /** The call again, as an app does after a 503's Retry-After, until the answer is another (at most 30 s). */
    static ValidatableResponse untilNot503(Supplier<ValidatableResponse> call) {
        AtomicReference<ValidatableResponse> last = new AtomicReference<>();
        await().atMost(FROZEN_AT_MOST).pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    last.set(call.get());
                    return last.get().extract().statusCode() != 503;
                });
        return last.get();
    }

    @AfterEach
    void backToNow() {
        clock.reset();
    }
}
