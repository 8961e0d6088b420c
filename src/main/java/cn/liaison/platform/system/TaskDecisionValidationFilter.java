package cn.liaison.platform.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Checks a user task's decision (by the feature's {@link TaskCompletionRules}) before the engine sees it,
 * so that a user's mistake in Tasklist or
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
  private final List<TaskCompletionRules> rules;
  private final ObjectMapper json;
  private final IdentityService identity;
  private final AuthorizationService authorizations;

  TaskDecisionValidationFilter(TaskService tasks, RepositoryService repository, List<TaskCompletionRules> rules,
      ObjectMapper json,
      IdentityService identity, AuthorizationService authorizations) {
    this.identity = identity;
    this.authorizations = authorizations;
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
    byte[] body = request.getInputStream().readNBytes(MAX_BODY + 1);
    if (body.length > MAX_BODY) {
      respond(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "请求内容过大。");
      return;
    }
    HttpServletRequest replay = new CachedBodyRequest(request, body);
    Matcher m = COMPLETION.matcher(request.getRequestURI());
    m.matches();
    Task task = findTask(m.group(1));
    TaskCompletionRules taskRules = task == null ? null : rulesFor(task);
    if (taskRules == null || !mayWork(task, request)) {
      // the engine answers as usual: 403/404 for those who may not work the task
      chain.doFilter(replay, response);
      return;
    }
    JsonNode variables;
    try {
      variables = body.length == 0 ? null : json.readTree(body).path("variables");
    } catch (IOException malformed) {
      chain.doFilter(replay, response); // the engine answers 400 for malformed JSON
      return;
    }
    try {
      taskRules.check(task.getTaskDefinitionKey(), name -> {
        JsonNode v = variables == null ? null : variables.get(name);
        if (v != null && v.has("value")) {
          JsonNode value = v.get("value");
          return value.isNull() ? null : value.isNumber() ? value.numberValue() : value.asText();
        }
        return tasks.getVariable(task.getId(), name);
      });
    } catch (BadUserRequestException e) {
      respond(response, HttpServletResponse.SC_BAD_REQUEST, e.getMessage());
      return;
    }
    chain.doFilter(replay, response);
  }

  /**
   * The caller may complete the task: assignee, or granted TASK_WORK/UPDATE on it (candidates are). /engine-rest
   * callers are known from their credentials; Tasklist's callers from their webapp session.
   */
  private boolean mayWork(Task task, HttpServletRequest request) {
    Authentication auth = identity.getCurrentAuthentication();
    String userId;
    List<String> groups;
    if (auth != null) {
      userId = auth.getUserId();
      groups = auth.getGroupIds() == null ? List.of() : auth.getGroupIds();
    } else {
      var user = TasklistSession.user(request.getSession(false)).orElse(null);
      if (user == null) {
        return false;
      }
      userId = user.id();
      groups = user.groups();
    }
    if (userId.equals(task.getAssignee())) {
      return true;
    }
    return authorizations.isUserAuthorized(userId, groups, TaskPermissions.TASK_WORK, Resources.TASK, task.getId())
        || authorizations.isUserAuthorized(userId, groups, Permissions.UPDATE, Resources.TASK, task.getId());
  }

  private void respond(HttpServletResponse response, int status, String message) throws IOException {
    response.setStatus(status);
    response.setContentType("application/json;charset=UTF-8");
    json.writeValue(response.getOutputStream(), Map.of("type", "InvalidRequestException", "message", message));
  }

  private Task findTask(String id) {
    try {
      return tasks.createTaskQuery().taskId(id).singleResult();
    } catch (ProcessEngineException e) {
      return null;
    }
  }

  private TaskCompletionRules rulesFor(Task task) {
    if (task.getProcessDefinitionId() == null) {
      return null;
    }
    String key;
    try {
      key = repository.getProcessDefinition(task.getProcessDefinitionId()).getKey();
    } catch (ProcessEngineException e) {
      key = task.getProcessDefinitionId().split(":")[0];
    }
    String definitionKey = key;
    return rules.stream().filter(r -> r.appliesTo(definitionKey)).findFirst().orElse(null);
  }

  @Configuration(proxyBeanMethods = false)
  static class Registration {
    @Bean
    FilterRegistrationBean<TaskDecisionValidationFilter> taskDecisionValidationFilter(TaskService tasks,
        RepositoryService repository, List<TaskCompletionRules> rules, ObjectMapper json, IdentityService identity,
        AuthorizationService authorizations) {
      var registration = new FilterRegistrationBean<>(new TaskDecisionValidationFilter(tasks, repository, rules, json,
          identity, authorizations));
      registration.addUrlPatterns("/engine-rest/task/*", "/camunda/api/engine/engine/*");
      // after the engine REST authentication filter (order 100), so lookups run as the caller
      registration.setOrder(200);
      return registration;
    }
  }
}
