package cn.liaison.platform.opinion.web;

import cn.liaison.platform.opinion.OpinionLoopProcess;
import cn.liaison.platform.opinion.TaskRules;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Checks an opinion task's decision before the engine sees it, so that a user's mistake in Tasklist or
 * through /engine-rest is a 400 with the Chinese message (the engine would wrap the task listener's refusal
 * into a 500). The task listener still checks every completion, whatever the entry point.
 * Runs after the REST authentication filter, so the task lookup is subject to the caller's authorizations:
 * a task the caller may not see passes through untouched and the engine answers as usual.
 */
class TaskDecisionValidationFilter extends OncePerRequestFilter {

  static final Pattern COMPLETION =
      Pattern.compile("^(?:/engine-rest|/camunda/api/engine/engine/[^/]+)/task/([^/]+)/(complete|submit-form)$");
  static final int MAX_BODY = 256 * 1024;

  private final TaskService tasks;
  private final RepositoryService repository;
  private final TaskRules rules;
  private final ObjectMapper json;

  TaskDecisionValidationFilter(TaskService tasks, RepositoryService repository, TaskRules rules, ObjectMapper json) {
    this.tasks = tasks;
    this.repository = repository;
    this.rules = rules;
    this.json = json;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !"POST".equals(request.getMethod()) || !COMPLETION.matcher(request.getRequestURI()).matches();
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    byte[] body = request.getInputStream().readNBytes(MAX_BODY);
    HttpServletRequest replay = new CachedBodyRequest(request, body);
    Matcher m = COMPLETION.matcher(request.getRequestURI());
    m.matches();
    Task task = findTask(m.group(1));
    if (task == null || !isOpinionTask(task)) {
      chain.doFilter(replay, response);
      return;
    }
    JsonNode variables = body.length == 0 ? null : json.readTree(body).path("variables");
    try {
      rules.check(task.getTaskDefinitionKey(), name -> {
        JsonNode v = variables == null ? null : variables.get(name);
        if (v != null && v.has("value")) {
          JsonNode value = v.get("value");
          return value.isNull() ? null : value.isNumber() ? value.numberValue() : value.asText();
        }
        return tasks.getVariable(task.getId(), name);
      });
    } catch (BadUserRequestException e) {
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      response.setContentType("application/json;charset=UTF-8");
      json.writeValue(response.getOutputStream(), Map.of("type", "InvalidRequestException", "message", e.getMessage()));
      return;
    }
    chain.doFilter(replay, response);
  }

  private Task findTask(String id) {
    try {
      return tasks.createTaskQuery().taskId(id).singleResult();
    } catch (ProcessEngineException e) {
      return null;
    }
  }

  private boolean isOpinionTask(Task task) {
    if (task.getProcessDefinitionId() == null) {
      return false;
    }
    try {
      return OpinionLoopProcess.KEY.equals(repository.getProcessDefinition(task.getProcessDefinitionId()).getKey());
    } catch (ProcessEngineException e) {
      return task.getProcessDefinitionId().startsWith(OpinionLoopProcess.KEY + ":");
    }
  }

  /** Lets the engine read the body this filter already read. */
  static final class CachedBodyRequest extends HttpServletRequestWrapper {
    private final byte[] body;

    CachedBodyRequest(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override
    public ServletInputStream getInputStream() {
      ByteArrayInputStream in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public boolean isFinished() {
          return in.available() == 0;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new UnsupportedOperationException();
        }

        @Override
        public int read() {
          return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
          return in.read(b, off, len);
        }
      };
    }

    @Override
    public BufferedReader getReader() {
      return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
    }

    @Override
    public int getContentLength() {
      return body.length;
    }

    @Override
    public long getContentLengthLong() {
      return body.length;
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class Registration {
    @Bean
    FilterRegistrationBean<TaskDecisionValidationFilter> taskDecisionValidationFilter(TaskService tasks,
        RepositoryService repository, TaskRules rules, ObjectMapper json) {
      var registration = new FilterRegistrationBean<>(new TaskDecisionValidationFilter(tasks, repository, rules, json));
      registration.addUrlPatterns("/engine-rest/task/*", "/camunda/api/engine/engine/*");
      // after the engine REST authentication filter (order 100), so lookups run as the caller
      registration.setOrder(200);
      return registration;
    }
  }
}
