package io.kencom.platform.problem;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * An operation still unanswered at the deadline fails with a {@link TimeoutException}, answered 503
 * {@code SERVICE_UNAVAILABLE} with Retry-After like any other dependency's failure (Unavailable). What hangs is almost
 * always PostgreSQL: the reactive SQL client has no statement timeout, and on an open connection that receives nothing
 * (the server stopped, a partition dropping packets) a query waits for good — the connection's idle timeout does not
 * apply to SQL connections. The operation's transaction is left to the database: it commits whole, or not at all,
 * when the database answers again, and the app, told to try again, meets either outcome as it meets any retry.
 * The deadline stays under the gateway's own (Envoy's 15 s), so that the app gets this answer rather than the
 * gateway's bare 504.
 */
@AnsweredInTime
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_AFTER)
public class AnsweredInTimeInterceptor {

    private final Duration deadline;

    AnsweredInTimeInterceptor(
            @ConfigProperty(name = "kencom.http.request-deadline", defaultValue = "12s") Duration deadline) {
        this.deadline = deadline;
    }

    @AroundInvoke
    Object within(InvocationContext invocation) throws Exception {
        Object result = invocation.proceed();
        if (result instanceof Uni<?> answer) {
            return answer.ifNoItem().after(deadline)
                    .failWith(() -> new TimeoutException("no answer within " + deadline));
        }
        return result; // a blocking operation runs on a worker thread of its own: nothing waits on the event loop
    }
}
