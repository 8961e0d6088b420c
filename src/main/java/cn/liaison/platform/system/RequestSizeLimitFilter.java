package cn.liaison.platform.system;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The citizens' endpoints take small bodies only (an opinion is at most 2000 characters): anything over
 * 32 KB is refused with 413 before it is read. File uploads of staff endpoints have their own multipart limits.
 */
@Component
class RequestSizeLimitFilter extends OncePerRequestFilter {

  static final long MAX_BYTES = 32 * 1024;

  private final ObjectMapper json;

  RequestSizeLimitFilter(ObjectMapper json) {
    this.json = json;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String path = request.getRequestURI();
    return !(path.startsWith("/api/opinions") || path.startsWith("/api/departments/") || path.startsWith("/s/")
        || path.startsWith("/t/") || path.equals("/t"));
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    long length = request.getContentLengthLong();
    if (length > MAX_BYTES) {
      tooLarge(request, response);
      return;
    }
    if (length < 0 && "chunked".equalsIgnoreCase(request.getHeader("Transfer-Encoding"))) {
      // no length announced: read at most one byte past the limit, then hand the body on
      byte[] body = request.getInputStream().readNBytes((int) MAX_BYTES + 1);
      if (body.length > MAX_BYTES) {
        tooLarge(request, response);
        return;
      }
      chain.doFilter(new CachedBodyRequest(request, body), response);
      return;
    }
    chain.doFilter(request, response);
  }

  private void tooLarge(HttpServletRequest request, HttpServletResponse response) throws IOException {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.PAYLOAD_TOO_LARGE,
        "提交的内容过大（最多 32 KB）。");
    problem.setTitle("内容过大");
    problem.setInstance(URI.create(request.getRequestURI()));
    response.setStatus(HttpStatus.PAYLOAD_TOO_LARGE.value());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.setCharacterEncoding("UTF-8");
    json.writeValue(response.getOutputStream(), problem);
  }
}
