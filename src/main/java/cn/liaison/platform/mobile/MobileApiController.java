package cn.liaison.platform.mobile;

import cn.liaison.platform.system.DisplayNames;
import cn.liaison.platform.system.StaffSession;
import cn.liaison.platform.system.TaskDecisionRefused;
import cn.liaison.platform.system.TasklistSession;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The workbench's JSON (/m/api), with the session of /m/login (or Tasklist's): who I am, my tasks, one task's form
 * and its submission. Nobody logged in: 401. Personal JSON: {@code Cache-Control: private, no-store}.
 */
@RestController
@RequestMapping("/m/api")
class MobileApiController {

  /** What a submission may carry: the form's values. */
  record Submission(Map<String, Object> variables) {}

  private final MobileTasks tasks;
  private final StaffSession staffSession;
  private final IdentityService identity;

  private final cn.liaison.platform.notification.OutboxNotifier outbox;

  MobileApiController(MobileTasks tasks, StaffSession staffSession, IdentityService identity,
      cn.liaison.platform.notification.OutboxNotifier outbox) {
    this.outbox = outbox;
    this.tasks = tasks;
    this.staffSession = staffSession;
    this.identity = identity;
  }

  @GetMapping("/me")
  ResponseEntity<?> me(HttpServletRequest request, HttpServletResponse response) {
    MobileHeaders.personal(response);
    TasklistSession.User user = staffSession.current(request).orElse(null);
    if (user == null) {
      return loginRequired();
    }
    User u = identity.createUserQuery().userId(user.id()).singleResult();
    return ResponseEntity.ok(Map.of("userId", user.id(), "name", u == null ? user.id() : DisplayNames.of(u)));
  }

  /** One message to the user, e.g. the department's answer to an opinion the deputy forwarded (代表码). */
  record Notice(String title, String body, String at) {}

  static final int MAX_NOTICES = 10;

  /** 消息: the user's latest notifications (addressed to the user only, never a group's or a citizen's). */
  @GetMapping("/notices")
  ResponseEntity<?> notices(HttpServletRequest request, HttpServletResponse response) {
    MobileHeaders.personal(response);
    TasklistSession.User user = staffSession.current(request).orElse(null);
    if (user == null) {
      return loginRequired();
    }
    var format = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
        .withZone(java.time.ZoneId.of("Asia/Shanghai"));
    return ResponseEntity.ok(outbox.forUser(user.id()).stream().limit(MAX_NOTICES)
        .map(n -> new Notice(n.title(), n.body(), format.format(n.createdAt()))).toList());
  }

  @GetMapping("/tasks")
  ResponseEntity<?> list(@RequestParam(required = false) String q, HttpServletRequest request,
      HttpServletResponse response) {
    MobileHeaders.personal(response);
    TasklistSession.User user = staffSession.current(request).orElse(null);
    if (user == null) {
      return loginRequired();
    }
    if (q != null && q.length() > 64) {
      return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, "输入有误", "搜索内容不能超过 64 个字。",
          Map.of("q", "搜索内容不能超过 64 个字。")));
    }
    return ResponseEntity.ok(tasks.list(user, q));
  }

  @GetMapping("/tasks/{taskId}")
  ResponseEntity<?> open(@PathVariable String taskId, HttpServletRequest request, HttpServletResponse response) {
    MobileHeaders.personal(response);
    TasklistSession.User user = staffSession.current(request).orElse(null);
    if (user == null) {
      return loginRequired();
    }
    return ResponseEntity.ok(tasks.open(user, taskId));
  }

  @PostMapping("/tasks/{taskId}/complete")
  ResponseEntity<?> complete(@PathVariable String taskId, @RequestBody(required = false) Submission submission,
      HttpServletRequest request, HttpServletResponse response) {
    MobileHeaders.personal(response);
    TasklistSession.User user = staffSession.current(request).orElse(null);
    if (user == null) {
      return loginRequired();
    }
    try {
      tasks.complete(user, taskId, submission == null ? Map.of() : submission.variables());
    } catch (TaskDecisionRefused refused) {
      // the engine's own refusal, per form field, as Tasklist shows it
      return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, "任务未完成", refused.getMessage(),
          refused.errors()));
    } catch (FormFieldValidationException invalid) {
      return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, "任务未完成", invalid.getMessage(),
          Map.of()));
    }
    return ResponseEntity.noContent().build();
  }

  private static ResponseEntity<ProblemDetail> loginRequired() {
    return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(problem(HttpStatus.UNAUTHORIZED, "请先登录",
        "请先登录移动工作台。", Map.of()));
  }

  static ProblemDetail problem(HttpStatus status, String title, String detail, Map<String, String> errors) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setTitle(title);
    if (!errors.isEmpty()) {
      List<Map<String, String>> list = errors.entrySet().stream().map(e -> {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("field", e.getKey());
        m.put("message", e.getValue());
        return m;
      }).toList();
      problem.setProperty("errors", list);
    }
    return problem;
  }
}
