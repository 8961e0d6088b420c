package cn.liaison.platform.mobile;

import jakarta.servlet.http.HttpServletResponse;

/** The protective headers of the workbench's pages and its JSON. */
final class MobileHeaders {

  /**
   * Only the platform's own scripts; form-js sets element styles, hence inline styles; photos are shown from blob:
   * before upload.
   */
  static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
      + "img-src 'self' data: blob:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
      + "base-uri 'none'; object-src 'none'; worker-src 'self'";

  private MobileHeaders() {}

  /** Pages: revalidated every time (the shell has no personal data; the login page none either). */
  static void page(HttpServletResponse response) {
    response.setHeader("Content-Security-Policy", POLICY);
    response.setHeader("X-Frame-Options", "DENY");
    response.setHeader("X-Content-Type-Options", "nosniff");
    // same-origin keeps Origin on the page's own posts (CrossSiteRequestGuard refuses "Origin: null")
    response.setHeader("Referrer-Policy", "same-origin");
    response.setHeader("Cache-Control", "no-cache");
  }

  /** Personal JSON: never kept by a shared cache, nor by the browser's. */
  static void personal(HttpServletResponse response) {
    response.setHeader("Cache-Control", "private, no-store");
    response.setHeader("X-Content-Type-Options", "nosniff");
  }
}
