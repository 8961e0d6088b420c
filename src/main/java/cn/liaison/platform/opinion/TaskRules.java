package cn.liaison.platform.opinion;

import cn.liaison.platform.department.Department;
import cn.liaison.platform.department.Departments;
import cn.liaison.platform.identity.PlatformGroups;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * The rules a user task's decision must satisfy before the task may complete — the same whether it comes
 * from the Camunda form in Tasklist or from /engine-rest/task/{id}/complete. A broken rule refuses the
 * completion with Chinese messages (per variable) and changes nothing.
 */
@Component
public class TaskRules implements cn.liaison.platform.system.TaskCompletionRules {

  @Override
  public boolean appliesTo(String processDefinitionKey) {
    return OpinionLoopProcess.KEY.equals(processDefinitionKey);
  }

  private final Departments departments;
  private final Opinions opinions;
  private final IdentityService identity;
  private final Categories categories;
  private final cn.liaison.platform.calendar.WorkingDayCalendar calendar;

  TaskRules(Departments departments, Opinions opinions, IdentityService identity, Categories categories,
      cn.liaison.platform.calendar.WorkingDayCalendar calendar) {
    this.departments = departments;
    this.opinions = opinions;
    this.identity = identity;
    this.categories = categories;
    this.calendar = calendar;
  }

  /** Checks the variables of a completing task; vars reads a variable by name. */
  @Override
  public void check(String taskKey, Function<String, Object> vars) {
    Map<String, String> errors = new LinkedHashMap<>();
    var v = new Reader(vars, errors);
    switch (taskKey) {
      case OpinionLoopProcess.Task.SORT -> {
        String decision = v.oneOf("sortDecision", "请选择梳理结果（确认受理或重复件）", "CONFIRM", "DUPLICATE");
        if ("DUPLICATE".equals(decision)) {
          String original = v.text("duplicateOf", "请填写重复的受理编号");
          if (original != null) {
            var target = opinions.findByTicket(original);
            if (target.isEmpty()) {
              errors.put("duplicateOf", "受理编号 " + original + " 不存在");
            } else if (target.get().ticketNo().equals(vars.apply("ticketNo"))) {
              errors.put("duplicateOf", "不能标记为自身的重复件");
            }
          }
        } else if ("CONFIRM".equals(decision)) {
          String category = v.text("category", "请选择意见类别");
          if (category != null && categories.find(category).isEmpty()) {
            errors.put("category", "意见类别不正确");
          }
          v.department("departmentCode");
          v.oneOf("grade", "请选择等级（紧急、一般、复杂）", "URGENT", "GENERAL", "COMPLEX");
          v.integer("deadlineDays", 1, 60, "办理时限应为 1 至 60 个工作日");
        }
      }
      case OpinionLoopProcess.Task.ANALYZE -> {
        String route = v.oneOf("route", "请选择研判路径", "ANSWER_DIRECTLY", "ASSIGN_DEPARTMENT", "TO_PROPOSAL", "REJECT");
        if (route != null) {
          switch (route) {
            case "ANSWER_DIRECTLY" -> v.longText("answerText", "请填写答复内容", 2000);
            case "ASSIGN_DEPARTMENT" -> v.department("departmentCode");
            case "REJECT" -> v.longText("rejectReason", "请填写不予受理的理由", 1000);
            default -> {
              String deputy = v.text("proposalDeputy", "请填写承接的代表");
              if (deputy != null && identity.createUserQuery().userId(deputy).memberOfGroup(PlatformGroups.DEPUTIES)
                  .count() == 0) {
                errors.put("proposalDeputy", "“" + deputy + "”不是人大代表组的用户");
              }
            }
          }
        }
      }
      case OpinionLoopProcess.Task.HANDLE -> {
        String action = v.oneOf("handlingAction", "请选择答复或申请延期", "REPLY", "REQUEST_EXTENSION");
        if ("REPLY".equals(action)) {
          v.oneOf("replyResult", "请选择办理结果", "SOLVED", "PARTLY_SOLVED", "UNSOLVED");
          v.longText("replyText", "请填写答复内容", 4000);
          v.optionalText("replyMeasures", 2000);
        } else if ("REQUEST_EXTENSION".equals(action)) {
          v.futureDate("extensionDeadline", "请填写申请延长到的日期");
          v.longText("extensionReason", "请填写延期理由", 1000);
        }
      }
      case OpinionLoopProcess.Task.SUPERVISE -> {
        String decision = v.oneOf("supervisionDecision", "请选择督办决定", "URGE", "EXTEND", "REASSIGN");
        if ("EXTEND".equals(decision)) {
          v.futureDate("newDeadline", "请填写新的办理期限");
        } else if ("REASSIGN".equals(decision)) {
          v.department("departmentCode");
        }
        v.optionalText("supervisionNote", 1000);
      }
      case OpinionLoopProcess.Task.APPROVE_EXTENSION -> {
        String decision = v.oneOf("extensionDecision", "请选择同意或不同意", "APPROVE", "REFUSE");
        if ("APPROVE".equals(decision)) {
          v.futureDate("approvedDeadline", "请填写批准的办理期限");
        }
        v.optionalText("extensionComment", 1000);
      }
      case OpinionLoopProcess.Task.REVIEW_DISSATISFIED -> {
        v.oneOf("reviewDecision", "请选择重新办理或予以办结", "REOPEN", "CLOSE");
        v.optionalText("reviewNote", 1000);
      }
      default -> { }
    }
    if (!errors.isEmpty()) {
      throw new BadUserRequestException("任务未完成，请修改后重新提交：" + String.join("；", errors.values()));
    }
  }

  /** A date from a form (yyyy-MM-dd, or an ISO date-time) or from the REST API (a Date). */
  public static LocalDate toDate(Object value, ZoneId zone) {
    if (value instanceof Date d) {
      return LocalDate.ofInstant(d.toInstant(), zone);
    }
    if (value instanceof LocalDate d) {
      return d;
    }
    String s = value == null ? "" : value.toString().strip();
    if (s.length() >= 10) {
      s = s.substring(0, 10);
    }
    return LocalDate.parse(s);
  }

  private final class Reader {
    private final Function<String, Object> vars;
    private final Map<String, String> errors;

    Reader(Function<String, Object> vars, Map<String, String> errors) {
      this.vars = vars;
      this.errors = errors;
    }

    String text(String name, String missing) {
      Object value = vars.apply(name);
      if (value == null || value.toString().isBlank()) {
        errors.put(name, missing);
        return null;
      }
      return value.toString().strip();
    }

    String oneOf(String name, String missing, String... allowed) {
      String value = text(name, missing);
      if (value != null && !Set.of(allowed).contains(value)) {
        errors.put(name, missing);
        return null;
      }
      return value;
    }

    void longText(String name, String missing, int max) {
      String value = text(name, missing);
      if (value != null && value.length() > max) {
        errors.put(name, "内容不能超过 " + max + " 个字");
      }
    }

    void optionalText(String name, int max) {
      Object value = vars.apply(name);
      if (value != null && value.toString().length() > max) {
        errors.put(name, "内容不能超过 " + max + " 个字");
      }
    }

    void department(String name) {
      String code = text(name, "请选择承办部门");
      if (code != null && departments.findByCode(code).filter(Department::active).isEmpty()) {
        errors.put(name, "承办部门不存在或已停用：" + code);
      }
    }

    void integer(String name, int min, int max, String message) {
      Object value = vars.apply(name);
      try {
        int n = value instanceof Number num ? num.intValue() : Integer.parseInt(String.valueOf(value).strip());
        if (n < min || n > max) {
          errors.put(name, message);
        }
      } catch (NumberFormatException e) {
        errors.put(name, message);
      }
    }

    void futureDate(String name, String missing) {
      Object value = vars.apply(name);
      if (value == null || value.toString().isBlank()) {
        errors.put(name, missing);
        return;
      }
      try {
        LocalDate date = toDate(value, calendar.zone());
        LocalDate today = LocalDate.ofInstant(ClockUtil.getCurrentTime().toInstant(), calendar.zone());
        if (!date.isAfter(today)) {
          errors.put(name, "日期应晚于今天");
        } else if (date.isAfter(today.plusYears(1))) {
          errors.put(name, "日期不能超过一年");
        }
      } catch (DateTimeParseException e) {
        errors.put(name, "日期格式应为 年-月-日，例如 2026-12-31");
      }
    }
  }
}
