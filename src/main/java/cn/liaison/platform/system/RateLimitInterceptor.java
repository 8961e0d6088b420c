package cn.liaison.platform.system;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The rate limits of the citizens' endpoints in one place: a handler marked {@link RateLimited} takes one token of
 * its kind per client address before it runs, or is refused with a {@link TooManyRequestsException}.
 */
@Configuration(proxyBeanMethods = false)
class RateLimitInterceptor implements HandlerInterceptor, WebMvcConfigurer {

  private final RateLimiter limiter;

  RateLimitInterceptor(RateLimiter limiter) {
    this.limiter = limiter;
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(this);
  }

  @Override
  public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
    if (handler instanceof HandlerMethod method) {
      RateLimited limited = method.getMethodAnnotation(RateLimited.class);
      if (limited != null && !limiter.tryAcquire(limited.value(), ClientAddress.of(request))) {
        throw new TooManyRequestsException();
      }
    }
    return true;
  }
}
