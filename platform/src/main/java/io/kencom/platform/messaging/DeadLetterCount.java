package io.kencom.platform.messaging;

import io.kencom.contracts.UnreadableEventException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Records sent to a dead-letter topic, counted for ops ({@code kencom_dead_letters_total}, the alert "a dead letter
 * waiting" of docs/operations.md): by consumer, and by cause — the record unreadable, rejected by the service's rules,
 * or failing still after the inbox's retries. Tags are a handful of fixed values, never anything of the record.
 */
@ApplicationScoped
public class DeadLetterCount {

    /** Why a record went aside. */
    public enum Cause {
        UNREADABLE, REJECTED, FAILED;

        public static Cause of(Throwable failure) {
            return failure instanceof UnreadableEventException ? UNREADABLE
                    : failure instanceof RejectedEventException ? REJECTED : FAILED;
        }
    }

    private final MeterRegistry registry;
    private final List<String> consumers;

    DeadLetterCount(MeterRegistry registry,
            @ConfigProperty(name = "kencom.dead-letters.consumers") List<String> consumers) {
        this.registry = registry;
        this.consumers = consumers;
    }

    /**
     * Every consumer's counters at zero from the start: Prometheus sees a series' first dead letter as an increase
     * only if it saw the series before it (a counter born at 1 has no increase, and the alert would miss it).
     */
    void start(@Observes StartupEvent ignored) {
        for (String consumer : consumers) {
            for (Cause cause : Cause.values()) {
                counter(consumer, cause);
            }
        }
    }

    public void counted(String consumer, Cause cause) {
        counter(consumer, cause).increment();
    }

    private Counter counter(String consumer, Cause cause) {
        return Counter.builder("kencom.dead.letters").description("Records sent to the service's dead-letter topic")
                .tag("consumer", consumer).tag("cause", cause.name()).register(registry);
    }
}
