package cn.liaison.platform.system;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Pattern;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * The one adapter left around task completion: Camunda's REST layer answers a refused completion with 400 and
 * the engine's message, but puts "Cannot complete task {id}: " (or "Cannot submit task form {id}: ") in front
 * of it, and Tasklist shows that English prefix to the user. For those 400 answers only, this filter drops the
 * prefix so the user reads just the Chinese message. It reads nothing of the request and decides nothing: the
 * check itself runs inside the engine ({@link TaskCompletionGuard}).
 */
class TaskRefusalMessageFilter extends OncePerRequestFilter {

  static final Pattern COMPLETION =
      Pattern.compile("^(?:/engine-rest|/camunda/api/engine/engine/[^/]+)/task/[^/]+/(complete|submit-form)$");
  static final Pattern PREFIX = Pattern.compile("^Cannot (complete task|submit task form) [^:]+: ");

  private final ObjectMapper json = new ObjectMapper();

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !"POST".equals(request.getMethod()) || !COMPLETION.matcher(request.getRequestURI()).matches();
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    var wrapper = new ContentCachingResponseWrapper(response);
    try {
      chain.doFilter(request, wrapper);
      if (wrapper.getStatus() == HttpServletResponse.SC_BAD_REQUEST && wrapper.getContentSize() < 64 * 1024) {
        byte[] body = wrapper.getContentAsByteArray();
        var node = body.length == 0 ? null : json.readTree(body);
        if (node instanceof ObjectNode object && object.path("message").isTextual()) {
          String message = object.get("message").asText();
          String stripped = PREFIX.matcher(message).replaceFirst("");
          if (!stripped.equals(message) && stripped.startsWith(TaskDecisionRefused.MESSAGE_START)) {
            object.put("message", stripped);
            wrapper.resetBuffer();
            wrapper.getOutputStream().write(json.writeValueAsBytes(object));
          }
        }
      }
    } catch (IOException malformed) {
      // not the engine's JSON answer: left as it is
    } finally {
      wrapper.copyBodyToResponse();
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class Registration {
    @Bean
    FilterRegistrationBean<TaskRefusalMessageFilter> taskRefusalMessageFilter() {
      var registration = new FilterRegistrationBean<>(new TaskRefusalMessageFilter());
      registration.addUrlPatterns("/engine-rest/task/*", "/camunda/api/engine/engine/*");
      registration.setOrder(200);
      return registration;
    }
  }
}
