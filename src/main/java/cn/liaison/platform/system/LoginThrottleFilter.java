package cn.liaison.platform.system;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Failed logins are throttled per client address: every login attempt that ends in 401 (wrong user or password)
 * costs the address one token of {@link RateLimiter.Kind#LOGIN_FAILURE} (liaison.security.login-failures-per-minute,
 * all refilled a minute after the first); while the address has none left, its login attempts get 429 with Retry-After before
 * any password is checked. Successful logins cost nothing. Login attempts are requests with HTTP Basic credentials
 * to /api and /engine-rest, and the webapps' login form ({@code POST /camunda/api/admin/auth/user/{engine}/login/{app}}).
 *
 * <p>Camunda's own per-user lock (login-max-attempts, login-delay-*) is switched off in application.yaml: it would let
 * anybody lock out any user, the administrator included, from anywhere.
 */
class LoginThrottleFilter extends OncePerRequestFilter {

  private static final Logger log = LoggerFactory.getLogger(LoginThrottleFilter.class);

  private final RateLimiter limiter;
  private final ObjectMapper json;
  private final Pattern webappLogin;

  LoginThrottleFilter(RateLimiter limiter, ObjectMapper json, String webappPath) {
    this.limiter = limiter;
    this.json = json;
    this.webappLogin = Pattern.compile(Pattern.quote(webappPath) + "/api/admin/auth/user/[^/]+/login/[^/]+/?");
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !isLoginAttempt(request);
  }

  boolean isLoginAttempt(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (path.startsWith("/api/") || path.startsWith("/engine-rest/")) {
      String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
      return authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6);
    }
    // the mobile workbench's login form (/m/login) answers a wrong password with 401 as well
    return "POST".equals(request.getMethod()) && (webappLogin.matcher(path).matches() || "/m/login".equals(path));
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String client = ClientAddress.of(request);
    long wait = limiter.secondsToWait(RateLimiter.Kind.LOGIN_FAILURE, client);
    if (wait > 0) {
      response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(wait));
      Problems.write(json, request, response, HttpStatus.TOO_MANY_REQUESTS, "登录尝试过于频繁",
          "登录失败次数过多，请 " + wait + " 秒后再试。");
      return;
    }
    // the failure is counted when the 401 is set, before the answer can reach the client: counted after the chain,
    // a client's next attempt could be checked before its last failure was counted
    FailureCounting counting = new FailureCounting(response, () -> failed(request, client));
    chain.doFilter(request, counting);
    if (response.getStatus() == HttpStatus.UNAUTHORIZED.value()) {
      counting.failed();
    }
  }

  private void failed(HttpServletRequest request, String client) {
    limiter.record(RateLimiter.Kind.LOGIN_FAILURE, client);
    if (limiter.secondsToWait(RateLimiter.Kind.LOGIN_FAILURE, client) > 0) {
      log.warn("failed logins from {} are throttled (last: {} {})", client, request.getMethod(),
          request.getRequestURI());
    }
  }

  /** Counts the attempt as failed, once, as soon as the response is given status 401. */
  private static final class FailureCounting extends HttpServletResponseWrapper {
    private final Runnable onFailure;
    private boolean counted;

    FailureCounting(HttpServletResponse response, Runnable onFailure) {
      super(response);
      this.onFailure = onFailure;
    }

    void failed() {
      if (!counted) {
        counted = true;
        onFailure.run();
      }
    }

    @Override
    public void setStatus(int sc) {
      if (sc == HttpServletResponse.SC_UNAUTHORIZED) {
        failed();
      }
      super.setStatus(sc);
    }

    @Override
    public void sendError(int sc) throws IOException {
      if (sc == HttpServletResponse.SC_UNAUTHORIZED) {
        failed();
      }
      super.sendError(sc);
    }

    @Override
    public void sendError(int sc, String msg) throws IOException {
      if (sc == HttpServletResponse.SC_UNAUTHORIZED) {
        failed();
      }
      super.sendError(sc, msg);
    }
  }
}
