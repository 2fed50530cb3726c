package io.kencom.platform.problem;

import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A resource whose operations are answered within {@code kencom.http.request-deadline}, whatever hangs behind them
 * ({@link AnsweredInTimeInterceptor}). Every resource of the services carries it (ServiceContractTest checks).
 */
@InterceptorBinding
@Inherited
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface AnsweredInTime {
}
