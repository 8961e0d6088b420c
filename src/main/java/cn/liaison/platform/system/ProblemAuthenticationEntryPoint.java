package cn.liaison.platform.system;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.stereotype.Component;

/**
 * 401 and 403 on /api as RFC 9457 problem details with Chinese messages. The 401's challenge is not "Basic": a Basic
 * challenge makes browsers ask for a password and then attach it to every later request to the site, also to forms
 * that foreign pages post (see {@link CrossSiteRequestGuard}). Clients send {@code Authorization: Basic …} with every
 * request instead (curl -u, scripts, Camunda Modeler, Swagger UI's "Authorize").
 */
@Component
class ProblemAuthenticationEntryPoint implements AuthenticationEntryPoint, AccessDeniedHandler {

  private final ObjectMapper json;

  ProblemAuthenticationEntryPoint(ObjectMapper json) {
    this.json = json;
  }

  @Override
  public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
      throws IOException {
    response.setHeader("WWW-Authenticate", challenge("liaison-platform"));
    write(request, response, HttpStatus.UNAUTHORIZED, "需要登录",
        "请提供有效的用户名和密码（每个请求都带上 Authorization: Basic 请求头）。");
  }

  /** A challenge that names the scheme but is no "Basic" one, so browsers show no login dialog. */
  static String challenge(String realm) {
    return "Liaison-Basic realm=\"" + realm + "\"";
  }

  @Override
  public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
      throws IOException {
    write(request, response, HttpStatus.FORBIDDEN, "无权访问", "当前用户所在的组无权执行此操作。");
  }

  private void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String title,
      String detail) throws IOException {
    Problems.write(json, request, response, status, title, detail);
  }
}
