package io.kencom.platform.messaging;

import io.kencom.contracts.UnreadableEventException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

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

    DeadLetterCount(MeterRegistry registry) {
        this.registry = registry;
    }

    public void counted(String consumer, Cause cause) {
        Counter.builder("kencom.dead.letters").description("Records sent to the service's dead-letter topic")
                .tag("consumer", consumer).tag("cause", cause.name()).register(registry).increment();
    }
}
