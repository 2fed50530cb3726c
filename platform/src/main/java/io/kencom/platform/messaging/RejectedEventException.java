package io.kencom.platform.messaging;

/**
 * Thrown by a consumer's effect when an event can never be applied (it contradicts the rules, not a passing
 * outage): the event goes to the dead-letter topic at once, with this message as its reason. The message must
 * not hold personal data.
 */
public class RejectedEventException extends RuntimeException {

    public RejectedEventException(String message) {
        super(message);
    }
}
