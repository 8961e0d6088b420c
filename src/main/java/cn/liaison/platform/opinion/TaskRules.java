package cn.liaison.platform.opinion;

import cn.liaison.platform.department.Department;
import cn.liaison.platform.department.Departments;
import cn.liaison.platform.identity.Deputies;
import cn.liaison.platform.opinion.OpinionLoopProcess.ExtensionDecision;
import cn.liaison.platform.opinion.OpinionLoopProcess.Grade;
import cn.liaison.platform.opinion.OpinionLoopProcess.HandlingAction;
import cn.liaison.platform.opinion.OpinionLoopProcess.ReviewDecision;
import cn.liaison.platform.opinion.OpinionLoopProcess.Route;
import cn.liaison.platform.opinion.OpinionLoopProcess.SortDecision;
import cn.liaison.platform.opinion.OpinionLoopProcess.SupervisionDecision;
import cn.liaison.platform.opinion.OpinionLoopProcess.Task;
import cn.liaison.platform.opinion.OpinionLoopProcess.Var;
import cn.liaison.platform.system.TaskDecisionRefused;
import cn.liaison.platform.system.TaskField;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/**
 * The opinion loop's task contract in force: the variables each user task accepts
 * ({@link OpinionLoopProcess#TASK_CONTRACTS}) and the rules its decision must satisfy, checked inside the engine's
 * completion (Tasklist's form, /engine-rest, Java alike). A broken rule refuses the completion with Chinese
 * messages per variable and changes nothing.
 */
@Component
public class TaskRules implements cn.liaison.platform.system.TaskCompletionRules {

  @Override
  public boolean appliesTo(String processDefinitionKey) {
    return OpinionLoopProcess.KEY.equals(processDefinitionKey);
  }

  @Override
  public Map<String, TaskField> accepts(String taskKey) {
    return OpinionLoopProcess.TASK_CONTRACTS.get(taskKey);
  }

  private final Departments departments;
  private final Opinions opinions;
  private final Deputies deputies;
  private final Categories categories;
  private final cn.liaison.platform.calendar.WorkingDayCalendar calendar;
  private final Supervision supervision;

  TaskRules(Departments departments, Opinions opinions, Deputies deputies, Categories categories,
      cn.liaison.platform.calendar.WorkingDayCalendar calendar, Supervision supervision) {
    this.supervision = supervision;
    this.departments = departments;
    this.opinions = opinions;
    this.deputies = deputies;
    this.categories = categories;
    this.calendar = calendar;
  }

  /** Checks the variables of a completing task; vars reads a variable by name. */
  @Override
  public void check(String taskKey, Function<String, Object> vars) {
    Map<String, String> errors = new LinkedHashMap<>();
    var v = new Reader(vars, errors);
    switch (taskKey) {
      case Task.SORT -> {
        SortDecision decision = v.oneOf(Var.SORT_DECISION, "请选择梳理结果（确认受理或重复件）", SortDecision.class);
        if (decision == SortDecision.DUPLICATE) {
          String original = v.text(Var.DUPLICATE_OF, "请填写重复的受理编号");
          if (original != null) {
            var target = opinions.findByTicket(original);
            // only the station's own opinions: another station's tickets stay as unknown as to a stranger
            if (target.isEmpty() || !target.get().stationCode().equals(vars.apply(Var.STATION_CODE))) {
              errors.put(Var.DUPLICATE_OF, "本联络站没有受理编号为 " + original + " 的意见");
            } else if (target.get().ticketNo().equals(vars.apply(Var.TICKET_NO))) {
              errors.put(Var.DUPLICATE_OF, "不能标记为自身的重复件");
            }
          }
        } else if (decision == SortDecision.CONFIRM) {
          String category = v.text(Var.CATEGORY, "请选择意见类别");
          if (category != null && categories.find(category).isEmpty()) {
            errors.put(Var.CATEGORY, "意见类别不正确");
          }
          v.department(Var.DEPARTMENT_CODE);
          v.oneOf(Var.GRADE, "请选择等级（紧急、一般、复杂）", Grade.class);
          v.integer(Var.DEADLINE_DAYS, 1, 60, "办理时限应为 1 至 60 个工作日");
        }
      }
      case Task.ANALYZE -> {
        Route route = v.oneOf(Var.ROUTE, "请选择研判路径", Route.class);
        if (route != null) {
          switch (route) {
            case ANSWER_DIRECTLY -> v.longText(Var.ANSWER_TEXT, "请填写答复内容", 2000);
            case ASSIGN_DEPARTMENT -> v.department(Var.DEPARTMENT_CODE);
            case REJECT -> v.longText(Var.REJECT_REASON, "请填写不予受理的理由", 1000);
            case TO_PROPOSAL -> {
              String deputy = v.text(Var.PROPOSAL_DEPUTY, "请填写承接的代表");
              if (deputy != null && !deputies.isDeputy(deputy)) {
                errors.put(Var.PROPOSAL_DEPUTY, "“" + deputy + "”不是人大代表组的用户");
              }
            }
          }
        }
      }
      case Task.HANDLE -> {
        HandlingAction action = v.oneOf(Var.HANDLING_ACTION, "请选择答复或申请延期", HandlingAction.class);
        if (action == HandlingAction.REPLY) {
          v.oneOf(Var.REPLY_RESULT, "请选择办理结果", ReplyResult.class);
          v.longText(Var.REPLY_TEXT, "请填写答复内容", 4000);
          v.optionalText(Var.REPLY_MEASURES, 2000);
        } else if (action == HandlingAction.REQUEST_EXTENSION) {
          v.futureDate(Var.EXTENSION_DEADLINE, "请填写申请延长到的日期");
          v.longText(Var.EXTENSION_REASON, "请填写延期理由", 1000);
        }
      }
      case Task.SUPERVISE -> {
        // the rules the deputy proposal's 督办 shares; 改派 names the department here (the proposal assigns anew)
        SupervisionDecision decision = supervision.check(vars, errors, Var.SUPERVISION_DECISION, Var.NEW_DEADLINE);
        if (decision == SupervisionDecision.REASSIGN) {
          v.department(Var.DEPARTMENT_CODE);
        }
        v.optionalText(Var.SUPERVISION_NOTE, 1000);
      }
      case Task.APPROVE_EXTENSION -> {
        ExtensionDecision decision = v.oneOf(Var.EXTENSION_DECISION, "请选择同意或不同意", ExtensionDecision.class);
        if (decision == ExtensionDecision.APPROVE) {
          v.futureDate(Var.APPROVED_DEADLINE, "请填写批准的办理期限");
        }
        v.optionalText(Var.EXTENSION_COMMENT, 1000);
      }
      case Task.DEPUTY_FIRST_RESPONSE -> {
        var action = v.oneOf(Var.DEPUTY_ACTION, "请选择处理方式（直接答复、转联络站梳理或列入代表建议素材）",
            OpinionLoopProcess.DeputyAction.class);
        if (action == OpinionLoopProcess.DeputyAction.ANSWER) {
          v.longText(Var.DEPUTY_REPLY, "请填写给群众的答复内容", 2000);
        }
        v.optionalText(Var.DEPUTY_NOTE, 1000);
      }
      case Task.REVIEW_DISSATISFIED -> {
        v.oneOf(Var.REVIEW_DECISION, "请选择重新办理或予以办结", ReviewDecision.class);
        v.optionalText(Var.REVIEW_NOTE, 1000);
      }
      default -> { }
    }
    if (!errors.isEmpty()) {
      throw new TaskDecisionRefused(errors);
    }
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

    <E extends Enum<E>> E oneOf(String name, String missing, Class<E> allowed) {
      String value = text(name, missing);
      if (value == null) {
        return null;
      }
      var match = Arrays.stream(allowed.getEnumConstants()).filter(e -> e.name().equals(value)).findFirst();
      if (match.isEmpty()) {
        errors.put(name, missing);
      }
      return match.orElse(null);
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
      supervision.futureDate(vars.apply(name), errors, name, missing);
    }
  }
}
