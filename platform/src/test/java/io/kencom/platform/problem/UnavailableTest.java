package io.kencom.platform.problem;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.mutiny.CompositeException;
import io.smallrye.mutiny.TimeoutException;
import io.vertx.core.impl.NoStackTraceThrowable;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.net.ConnectException;
import java.net.SocketException;
import java.util.concurrent.CompletionException;
import org.hibernate.HibernateException;
import org.junit.jupiter.api.Test;

class UnavailableTest {

    @Test
    void a_dependency_down_or_cut_off_is_unavailable_however_deeply_wrapped() {
        assertThat(Unavailable.causedBy(new CompletionException(new HibernateException("x",
                new ConnectException("Connection refused"))))).isTrue();
        assertThat(Unavailable.causedBy(new HibernateException(ClosedConnectionException.INSTANCE))).isTrue();
        assertThat(Unavailable.causedBy(new TimeoutException())).isTrue();
        // PostgreSQL shutting down (57P01 admin_shutdown) or not accepting connections (08006)
        assertThat(Unavailable.causedBy(new PgException("terminating connection", "FATAL", "57P01", null))).isTrue();
        assertThat(Unavailable.causedBy(new PgException("connection failure", "FATAL", "08006", null))).isTrue();
        // what FaultsTest met when PostgreSQL cut the connections: a reset, then a rollback that could not run
        assertThat(Unavailable.causedBy(new CompositeException(new SocketException("Connection reset"),
                new IllegalStateException("HR000090: Live transaction detected while closing the connection"))))
                .isTrue();
        assertThat(Unavailable.causedBy(new NoStackTraceThrowable(
                "Connection is not active now, current status: CLOSED"))).isTrue();
        // Keycloak answering 500 while a call given up earlier still writes the same user
        assertThat(Unavailable.causedBy(new CompletionException(new Unavailable.ServerError("Keycloak", 500, null))))
                .isTrue();
    }

    @Test
    void a_bug_or_a_refused_statement_is_not() {
        assertThat(Unavailable.causedBy(new IllegalStateException("bug"))).isFalse();
        assertThat(Unavailable.causedBy(new NoStackTraceThrowable("Some other Vert.x failure"))).isFalse();
        // unique_violation and invalid text: the request's or the code's fault, a retry changes nothing
        assertThat(Unavailable.causedBy(new PgException("duplicate key", "ERROR", "23505", null))).isFalse();
        assertThat(Unavailable.causedBy(new HibernateException(new PgException("bad", "ERROR", "22021", null))))
                .isFalse();
    }

    @Test
    void the_log_names_the_classes_only() {
        assertThat(Unavailable.classes(new CompletionException(new ConnectException("10.0.0.7 secret"))))
                .isEqualTo("java.util.concurrent.CompletionException < java.net.ConnectException")
                .doesNotContain("secret");
    }
}
