package cn.liaison.platform.system;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A handler that costs the client one token of {@link #value()} per request ({@link RateLimitInterceptor}). Over
 * the limit the handler is not called: a {@link TooManyRequestsException} is thrown instead, answered as 429 with
 * {@code Retry-After} by {@link ApiExceptionHandler} or by the controller's own handler (the citizens' pages).
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface RateLimited {

  RateLimiter.Kind value();
}
