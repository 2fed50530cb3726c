package io.kencom.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeadLetterCountTest {

    @Test
    void every_consumer_and_cause_is_counted_from_zero_before_the_first_dead_letter() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        DeadLetterCount count = new DeadLetterCount(registry, List.of("notification-service",
                "notification-service/mail"));

        count.start(null);

        assertThat(registry.find("kencom.dead.letters").counters()).hasSize(6)
                .allSatisfy(c -> assertThat(c.count()).isZero());
        assertThat(registry.find("kencom.dead.letters").tag("consumer", "notification-service/mail")
                .tag("cause", "UNREADABLE").counter()).isNotNull();
    }

    @Test
    void a_dead_letter_adds_one_to_its_consumer_and_cause_only() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        DeadLetterCount count = new DeadLetterCount(registry, List.of("entitlement-service"));
        count.start(null);

        count.counted("entitlement-service", DeadLetterCount.Cause.REJECTED);

        assertThat(registry.find("kencom.dead.letters").counters()).extracting(Counter::count)
                .containsExactlyInAnyOrder(0.0, 1.0, 0.0);
        assertThat(registry.counter("kencom.dead.letters", "consumer", "entitlement-service", "cause", "REJECTED")
                .count()).isEqualTo(1.0);
    }
}
