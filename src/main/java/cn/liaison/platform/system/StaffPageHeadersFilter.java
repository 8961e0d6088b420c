package cn.liaison.platform.system;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Protective headers of the staff pages (/staff/**, opened from Tasklist with the webapp session; they show
 * citizens' contact data): never framed by another page, never kept by a browser or proxy, no MIME sniffing, no
 * referrer, and nothing loaded or run but the page's own inline styles and its "back to Tasklist" link handler
 * (allowed by its hash). One place for every staff page instead of one line per controller.
 */
class StaffPageHeadersFilter extends OncePerRequestFilter {

  /** sha256 of the pages' {@code onclick="if (history.length > 1) { history.back(); return false; }"}. */
  static final String BACK_LINK_HASH = "'sha256-ZQHnxTP5VeKlCJa5k7axcy33atZmw2A0kav3CO3vDrg='";

  static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; "
      + "script-src 'unsafe-hashes' " + BACK_LINK_HASH + "; form-action 'self'; frame-ancestors 'none'; "
      + "base-uri 'none'";

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    response.setHeader("X-Frame-Options", "DENY");
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("Cache-Control", "no-store");
    response.setHeader("Pragma", "no-cache");
    response.setHeader("Referrer-Policy", "no-referrer");
    chain.doFilter(request, response);
  }
}
