package io.kencom.testsupport;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Instant;

/**
 * Replaces the system clock in tests (the platform's is a default bean), so they can move time. A service whose tests
 * want it indexes this module in its test profile ({@code %test.quarkus.index-dependency.test-support.*}).
 */
@ApplicationScoped
public class TestClockProducer {

    @Produces
    @Singleton
    MutableClock clock() {
        return new MutableClock(Instant.now());
    }
}
