package cn.liaison.platform.system;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.resilience4j.bulkhead.Bulkhead;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.SQLTransientConnectionException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.View;
import org.thymeleaf.spring6.view.ThymeleafViewResolver;

/**
 * When the platform is saturated it says so at once instead of queueing (issue 10): 503 with Retry-After.
 * <ul>
 *   <li>The public endpoints (/api/opinions*, /s/**, /t/**) run behind a bulkhead (Resilience4j, {@code
 *       liaison.overload.public-max-concurrent-calls}, sized below the database pool): a request that finds no
 *       free place within {@code public-max-wait} is not handled. Health, Tasklist, Cockpit, /engine-rest and the
 *       staff API are not behind it: they keep the rest of the pool and of Tomcat's threads.</li>
 *   <li>A request of /api, /engine-rest or a page whose handler found no database connection within the pool's
 *       time-out, or lost it ({@link #isConnectionShortage}), gets the same answer instead of a 500: this filter is
 *       the one place that turns such a failure into 503 (inside Jersey, EngineRestConnectionShortage uses its
 *       answer).</li>
 * </ul>
 * /api answers an RFC 9457 problem detail; the citizens' pages answer the page "系统繁忙，请稍后再试"
 * (templates/citizen/busy.html), which keeps what the citizen typed in a form that sends it again. It is rendered
 * here, without touching the database.
 */
class OverloadFilter extends OncePerRequestFilter {

  static final String TITLE = "系统繁忙";
  static final String DETAIL = "系统繁忙，请稍后再试。";
  static final String VIEW = "citizen/busy";

  /**
   * The URL patterns the filter is registered for: the platform's API (the public part behind the bulkhead; all of
   * it for the logins of Spring Security, which read the database outside Spring MVC) and its server-rendered pages.
   */
  static final String[] URL_PATTERNS = {"/api/*", "/s/*", "/d/*", "/t", "/t/*", "/staff/*", "/field/*", "/stations", "/stations/*",
      "/engine-rest/*"};

  /** The citizens' form fields that a busy page gives back. */
  private static final String[] FIELDS = {"category", "content", "place", "contactName", "contactPhone",
      "anonymous", "consent", "deputy", "ticketNo", "key", "rating", "comment"};

  private static final Logger log = LoggerFactory.getLogger(OverloadFilter.class);

  private final Bulkhead publicBulkhead;
  private final ObjectMapper json;
  private final ObjectProvider<ThymeleafViewResolver> views;
  private final int retryAfterSeconds;

  OverloadFilter(Bulkhead publicBulkhead, ObjectMapper json, ObjectProvider<ThymeleafViewResolver> views,
      int retryAfterSeconds) {
    this.publicBulkhead = publicBulkhead;
    this.json = json;
    this.views = views;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** Whether the request is one of the public endpoints, which run behind the bulkhead. */
  static boolean isPublic(String path) {
    return path.equals("/api/opinions") || path.startsWith("/api/opinions/") || path.startsWith("/s/")
        || path.startsWith("/d/") || path.equals("/t") || path.startsWith("/t/");
  }

  /**
   * Whether the failure is the database being out of reach for now, however wrapped (by Spring's transaction
   * manager, by MyBatis and Camunda's ProcessEngineException, by the servlet): the pool's "no connection within
   * the time-out" (Hikari's {@link SQLTransientConnectionException}, Spring's
   * {@link CannotGetJdbcConnectionException}), a connection lost or closed under the request (SQLState class 08,
   * e.g. Hikari's "Connection is closed"), or a database shutting down or starting (57P01–57P03). Such a request
   * stored nothing (its transaction did not commit), so the client may send it again: 503, not 500.
   */
  static boolean isConnectionShortage(Throwable failure) {
    Throwable t = failure;
    for (int depth = 0; t != null && depth < 32; depth++, t = t.getCause()) {
      if (t instanceof SQLTransientConnectionException || t instanceof CannotGetJdbcConnectionException
          || t instanceof java.sql.SQLNonTransientConnectionException) {
        return true;
      }
      if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null
          && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P0"))) {
        return true;
      }
      // Hikari's closed connection (no SQLState), e.g. when the rollback after a lost connection fails too
      if (t instanceof java.sql.SQLException sql && "Connection is closed".equals(sql.getMessage())) {
        return true;
      }
      // a failed rollback hides what the request failed on: look at that too
      if (t instanceof org.springframework.transaction.TransactionSystemException tse
          && tse.getApplicationException() != null && tse.getApplicationException() != t
          && isConnectionShortage(tse.getApplicationException())) {
        return true;
      }
      if (t.getCause() == t) {
        return false;
      }
    }
    return false;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    boolean limited = isPublic(path);
    if (limited && !publicBulkhead.tryAcquirePermission()) {
      log.debug("public bulkhead full: {} {} answered 503", request.getMethod(), path);
      busy(request, response, path);
      return;
    }
    try {
      chain.doFilter(request, response);
    } catch (ServletException | RuntimeException e) {
      if (!isConnectionShortage(e) || response.isCommitted()) {
        throw e;
      }
      log.warn("no database connection within the pool's time-out: {} {} answered 503", request.getMethod(),
          path);
      response.resetBuffer();
      busy(request, response, path);
    } finally {
      if (limited) {
        publicBulkhead.onComplete();
      }
    }
  }

  /** What a busy answer says, with its Retry-After. */
  static String detail(int retryAfterSeconds) {
    return "系统繁忙，请 " + retryAfterSeconds + " 秒后再试。";
  }

  /** A busy answer of /engine-rest, in Camunda's error format (which Tasklist and Cockpit show). */
  static Map<String, Object> engineRestError(int retryAfterSeconds) {
    return Map.of("type", "ServiceUnavailable", "message", detail(retryAfterSeconds));
  }

  private void busy(HttpServletRequest request, HttpServletResponse response, String path) throws IOException {
    response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(retryAfterSeconds));
    if (path.startsWith("/engine-rest/")) {
      // Camunda's error format, which Tasklist and Cockpit show
      response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
      response.setContentType(MediaType.APPLICATION_JSON_VALUE);
      response.setCharacterEncoding("UTF-8");
      json.writeValue(response.getOutputStream(), engineRestError(retryAfterSeconds));
      return;
    }
    if (path.startsWith("/api/")) {
      Problems.write(json, request, response, HttpStatus.SERVICE_UNAVAILABLE, TITLE, detail(retryAfterSeconds));
      return;
    }
    response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
    try {
      View view = views.getObject().resolveViewName(VIEW, Locale.SIMPLIFIED_CHINESE);
      if (view == null) {
        throw new IllegalStateException("no view " + VIEW);
      }
      view.render(model(request, path), request, response);
    } catch (Exception e) {
      log.warn("busy page not rendered, plain text instead", e);
      response.resetBuffer();
      response.setContentType(MediaType.TEXT_PLAIN_VALUE);
      response.setCharacterEncoding("UTF-8");
      response.getWriter().write(DETAIL);
    }
  }

  /**
   * The busy page's model: for a citizen's form POST the form it came from ({@code kind}: submit, lookup, track,
   * evaluate), its address and what was typed; for any other request the address to load again.
   */
  private Map<String, Object> model(HttpServletRequest request, String path) {
    Map<String, Object> model = new HashMap<>();
    model.put("retryAfter", retryAfterSeconds);
    String kind = null;
    String ticketNo = null;
    if ("POST".equals(request.getMethod())) {
      String[] segments = path.split("/");
      if (segments.length == 3 && (segments[1].equals("s") || segments[1].equals("d"))) {
        kind = "submit";
      } else if (path.equals("/t")) {
        kind = "lookup";
      } else if (segments.length == 3 && segments[1].equals("t")) {
        kind = "track";
        ticketNo = segments[2];
      } else if (segments.length == 4 && segments[1].equals("t") && segments[3].equals("evaluation")) {
        kind = "evaluate";
        ticketNo = segments[2];
      }
    } else if ("GET".equals(request.getMethod())) {
      model.put("reload", request.getRequestURI());
    }
    Map<String, String> form = new HashMap<>();
    if (kind != null && readableForm(request)) {
      for (String field : FIELDS) {
        String value = request.getParameter(field);
        if (value != null) {
          form.put(field, value);
        }
      }
    } else {
      kind = null;
    }
    if (ticketNo != null) {
      form.put("ticketNo", ticketNo);
    }
    model.put("kind", kind);
    model.put("action", request.getRequestURI());
    model.put("form", form);
    model.put("anonymousChecked", checked(form.get("anonymous")));
    model.put("consentChecked", checked(form.get("consent")));
    return model;
  }

  /** A small url-encoded form (the body limit of the citizens' endpoints, RequestSizeLimitFilter, is not passed yet). */
  private static boolean readableForm(HttpServletRequest request) {
    long length = request.getContentLengthLong();
    String type = request.getContentType();
    return length >= 0 && length <= RequestSizeLimitFilter.MAX_BYTES && type != null
        && type.toLowerCase(Locale.ROOT).startsWith(MediaType.APPLICATION_FORM_URLENCODED_VALUE);
  }

  private static boolean checked(String value) {
    return value != null && (value.equalsIgnoreCase("on") || value.equalsIgnoreCase("true") || value.equals("1")
        || value.equalsIgnoreCase("yes"));
  }
}
