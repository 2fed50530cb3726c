package io.kencom.platform.problem;

import io.smallrye.mutiny.CompositeException;
import io.vertx.core.VertxException;
import io.vertx.core.http.ConnectionPoolTooBusyException;
import io.vertx.core.impl.NoStackTraceThrowable;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeoutException;

/**
 * A failure of something the service depends on — PostgreSQL restarting or its connection cut, Keycloak or SMTP
 * not answering — rather than of the request: trying again in a moment may work, so the answer is 503 with
 * Retry-After, not a 500 (docs/reliability.md §3), and a consumer waits for it rather than dead-lettering the event. Known by
 * its class anywhere in the cause chain, since Hibernate, Mutiny and the REST clients wrap what the network said.
 */
public final class Unavailable {

    /** What the app waits before trying again: a broker or database restart takes seconds. */
    static final int RETRY_AFTER_SECONDS = 5;

    private Unavailable() {
    }

    /** A dependency that answered with a server error (an HTTP 5xx): as unavailable as one that does not answer. */
    public static final class ServerError extends RuntimeException {
        public ServerError(String dependency, int status, Throwable cause) {
            super(dependency + " answered HTTP " + status, cause);
        }
    }

    public static boolean causedBy(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof CompositeException composite) {
                // a connection that broke mid-transaction, then the rollback that could not run on it
                return composite.getCauses().stream().anyMatch(Unavailable::causedBy);
            }
            if (t instanceof ServerError || t instanceof SocketException || t instanceof NoRouteToHostException
                    || t instanceof SocketTimeoutException || t instanceof TimeoutException
                    || t instanceof io.smallrye.mutiny.TimeoutException || t instanceof ClosedConnectionException
                    || t instanceof ConnectionPoolTooBusyException
                    || (t instanceof PgException pg && isUnavailable(pg.getSqlState()))
                    || isClosedConnection(t)) {
                return true;
            }
        }
        return false;
    }

    /** The answer: the app tries again after {@link #RETRY_AFTER_SECONDS}. */
    static Problem problem(String path) {
        return Problem.of(503, "SERVICE_UNAVAILABLE", "A service this one depends on is not answering; try again shortly",
                null, path);
    }

    /** The cause chain's classes, outermost first: what a log may say of the failure. */
    static String classes(Throwable failure) {
        StringBuilder chain = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            chain.append(chain.length() == 0 ? "" : " < ").append(t.getClass().getName());
        }
        return chain.toString();
    }

    /**
     * Hibernate Reactive and the Vert.x pool say "connection closed" with Vert.x's generic exceptions: known by
     * their message, there being no class of their own.
     */
    private static boolean isClosedConnection(Throwable t) {
        String message = t.getMessage();
        return (t instanceof NoStackTraceThrowable || t instanceof VertxException) && message != null
                && (message.startsWith("Connection is not active") || message.equals("Connection closed")
                        || message.equals("Pool closed"));
    }

    /** SQLSTATE class 08 (connection), 57P01–57P03 (shut down, crashed, starting), 53300 (too many connections). */
    private static boolean isUnavailable(String sqlState) {
        return sqlState != null && (sqlState.startsWith("08") || sqlState.startsWith("57P") || sqlState.equals("53300"));
    }
}
