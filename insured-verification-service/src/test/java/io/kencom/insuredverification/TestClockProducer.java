package io.kencom.insuredverification;

import io.kencom.testsupport.MutableClock;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Instant;

/** Replaces the system clock in tests (the platform's is a default bean), so they can move time. */
@ApplicationScoped
public class TestClockProducer {

    @Produces
    @Singleton
    MutableClock clock() {
        return new MutableClock(Instant.now());
    }
}
