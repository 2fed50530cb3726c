package io.kencom.contracts;

/** An event that no retry can make readable: it belongs on the dead-letter topic at once. */
public class UnreadableEventException extends RuntimeException {

    public UnreadableEventException(String message) {
        super(message);
    }

    public UnreadableEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
