package cn.liaison.platform.system;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The one place for the protective headers of the server-rendered pages, which sit outside Spring Security's
 * chains. Every page: never framed by another page, no MIME sniffing, no referrer, and a content security policy.
 * <ul>
 *   <li>citizens' pages (/s/**, /t/**): nothing kept by a browser or proxy (the result page shows the tracking
 *       key, the progress page the citizen's own text); only the platform's own styles, scripts and images;</li>
 *   <li>station pages (/stations, signboards): the same policy, cacheable; the QR images: no sniffing, and the
 *       SVG runs nothing;</li>
 *   <li>staff pages (/staff/**, opened from Tasklist, showing citizens' contact data; the deputies' phone pages
 *       /field/**; the work bulletin's page /bulletins, which posts its own forms too): nothing kept, and nothing
 *       loaded or run but the page's inline styles and its "back to Tasklist" link handler (allowed by its hash).</li>
 * </ul>
 */
class PageHeadersFilter extends OncePerRequestFilter {

  /** sha256 of the pages' {@code onclick="if (history.length > 1) { history.back(); return false; }"}. */
  static final String BACK_LINK_HASH = "'sha256-ZQHnxTP5VeKlCJa5k7axcy33atZmw2A0kav3CO3vDrg='";

  static final String STAFF_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; "
      + "script-src 'unsafe-hashes' " + BACK_LINK_HASH + "; form-action 'self'; frame-ancestors 'none'; "
      + "base-uri 'none'";

  static final String PUBLIC_POLICY = "default-src 'self'; img-src 'self' data:; style-src 'self'; "
      + "script-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

  static final String SVG_POLICY = "default-src 'none'; style-src 'unsafe-inline'";

  /** The URL patterns the filter is registered for. */
  static final String[] URL_PATTERNS = {"/s/*", "/d/*", "/t", "/t/*", "/stations", "/stations/*", "/staff/*", "/field/*",
      "/bulletins", "/bulletins/*"};

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (path.startsWith("/stations/") && path.endsWith(".png")) {
      response.setHeader("X-Content-Type-Options", "nosniff");
    } else if (path.startsWith("/stations/") && path.endsWith(".svg")) {
      response.setHeader("X-Content-Type-Options", "nosniff");
      response.setHeader("Content-Security-Policy", SVG_POLICY);
    } else if (path.startsWith("/stations")) {
      page(response, PUBLIC_POLICY);
    } else if (path.startsWith("/staff/")) {
      page(response, STAFF_POLICY);
      noStore(response);
    } else if (path.startsWith("/field/") || path.equals("/bulletins") || path.startsWith("/bulletins/")) {
      // the phone pages post their own forms with the Tasklist session: with no-referrer, browsers would send
      // "Origin: null", which CrossSiteRequestGuard refuses as foreign; same-origin keeps the referrer at home
      page(response, STAFF_POLICY);
      response.setHeader("Referrer-Policy", "same-origin");
      noStore(response);
    } else {
      page(response, PUBLIC_POLICY);
      noStore(response);
    }
    chain.doFilter(request, response);
  }

  private static void page(HttpServletResponse response, String policy) {
    response.setHeader("Content-Security-Policy", policy);
    response.setHeader("X-Frame-Options", "DENY");
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("Referrer-Policy", "no-referrer");
  }

  private static void noStore(HttpServletResponse response) {
    response.setHeader("Cache-Control", "no-store");
    response.setHeader("Pragma", "no-cache");
  }
}
