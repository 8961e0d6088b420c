package cn.liaison.platform.system;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * CSRF defence of /api and /engine-rest, which authenticate with HTTP Basic: browsers keep Basic credentials and
 * attach them to any request to the site, also to a form that a foreign page posts. A state-changing request
 * (POST, PUT, PATCH, DELETE) that carries credentials (an Authorization header or the session cookie) passes only
 * when it shows it was not forged by a foreign page:
 * <ol>
 *   <li>if it has an {@code Origin} header, that origin must be the platform's own (the request's scheme, host and
 *       port, or liaison.public-base-url) or one of liaison.security.trusted-origins ({@code file://}: Camunda
 *       Modeler); {@code Origin: null} is foreign;</li>
 *   <li>else, if it has {@code Sec-Fetch-Site}, that must be {@code same-origin} or {@code none};</li>
 *   <li>else (scripts, curl, older browsers) it must carry something a cross-site form cannot send without a CORS
 *       preflight, which the platform never grants: an {@code X-Requested-With} header, a content type other than
 *       {@code application/x-www-form-urlencoded}, {@code multipart/form-data} and {@code text/plain} (e.g.
 *       {@code application/json}), or a method other than POST.</li>
 * </ol>
 * Anything else is refused with 403 before credentials are checked. Requests without credentials (the citizens'
 * public endpoints, signed department replies) are not concerned: a foreign page cannot do more with them than its
 * author could. The Camunda webapps under /camunda have their own CSRF token (CsrfPreventionFilter).
 */
class CrossSiteRequestGuard extends OncePerRequestFilter {

  static final String MARKER_HEADER = "X-Requested-With";

  private static final Logger log = LoggerFactory.getLogger(CrossSiteRequestGuard.class);
  private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");
  private static final Set<String> SIMPLE_CONTENT_TYPES = Set.of("application/x-www-form-urlencoded",
      "multipart/form-data", "text/plain");
  private static final String SESSION_COOKIE = "JSESSIONID";

  private final ObjectMapper json;
  private final List<String> trustedOrigins;
  private final String publicOrigin;

  CrossSiteRequestGuard(ObjectMapper json, List<String> trustedOrigins, String publicBaseUrl) {
    this.json = json;
    this.trustedOrigins = trustedOrigins.stream().map(CrossSiteRequestGuard::normalized).filter(Objects::nonNull)
        .toList();
    this.publicOrigin = normalized(publicBaseUrl);
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (allowed(request)) {
      chain.doFilter(request, response);
      return;
    }
    log.warn("cross-site request refused: {} {} Origin={} Sec-Fetch-Site={} Content-Type={}", request.getMethod(),
        request.getRequestURI(), request.getHeader(HttpHeaders.ORIGIN), request.getHeader("Sec-Fetch-Site"),
        request.getContentType());
    Problems.write(json, request, response, HttpStatus.FORBIDDEN, "已拒绝跨站请求",
        "此请求可能由其他网站伪造，已拒绝。脚本和工具调用接口时请带上请求头 X-Requested-With（或以 JSON 提交）；"
            + "浏览器页面只能从本平台自己的页面提交。");
  }

  boolean allowed(HttpServletRequest request) {
    String method = request.getMethod().toUpperCase(Locale.ROOT);
    if (SAFE_METHODS.contains(method) || !carriesCredentials(request)) {
      return true;
    }
    String origin = request.getHeader(HttpHeaders.ORIGIN);
    if (origin != null) {
      String normalized = normalized(origin);
      return normalized != null && (normalized.equals(ownOrigin(request)) || normalized.equals(publicOrigin)
          || trustedOrigins.contains(normalized));
    }
    String site = request.getHeader("Sec-Fetch-Site");
    if (site != null) {
      return site.equalsIgnoreCase("same-origin") || site.equalsIgnoreCase("none");
    }
    return !"POST".equals(method) || request.getHeader(MARKER_HEADER) != null
        || !isSimpleContentType(request.getContentType());
  }

  private static boolean carriesCredentials(HttpServletRequest request) {
    if (request.getHeader(HttpHeaders.AUTHORIZATION) != null) {
      return true;
    }
    Cookie[] cookies = request.getCookies();
    return cookies != null && Arrays.stream(cookies).anyMatch(c -> SESSION_COOKIE.equals(c.getName()));
  }

  /** Form-encoded, multipart, plain text, no type or one that does not parse: what a form or no-cors fetch sends. */
  static boolean isSimpleContentType(String contentType) {
    if (contentType == null || contentType.isBlank()) {
      return true;
    }
    try {
      MediaType type = MediaType.parseMediaType(contentType);
      return SIMPLE_CONTENT_TYPES.contains((type.getType() + "/" + type.getSubtype()).toLowerCase(Locale.ROOT));
    } catch (RuntimeException e) {
      return true;
    }
  }

  private static String ownOrigin(HttpServletRequest request) {
    return origin(request.getScheme(), request.getServerName(), request.getServerPort());
  }

  /** scheme://host[:port] in lower case with the default port left out; file:// as it is; null if not an origin. */
  static String normalized(String origin) {
    if (origin == null || origin.isBlank() || origin.trim().equalsIgnoreCase("null")) {
      return null;
    }
    String value = origin.trim();
    if (value.regionMatches(true, 0, "file:", 0, 5)) {
      return "file://";
    }
    try {
      URI uri = URI.create(value);
      if (uri.getScheme() == null || uri.getHost() == null) {
        return null;
      }
      return origin(uri.getScheme(), uri.getHost(), uri.getPort());
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static String origin(String scheme, String host, int port) {
    String s = scheme.toLowerCase(Locale.ROOT);
    boolean defaultPort = port < 0 || ("http".equals(s) && port == 80) || ("https".equals(s) && port == 443);
    return s + "://" + host.toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
  }
}
