package cn.liaison.platform.proposal;

import cn.liaison.platform.department.Department;
import cn.liaison.platform.department.Departments;
import cn.liaison.platform.proposal.DeputyProposalProcess.CoSignDecision;
import cn.liaison.platform.proposal.DeputyProposalProcess.ConfirmDecision;
import cn.liaison.platform.proposal.DeputyProposalProcess.HandlingMode;
import cn.liaison.platform.proposal.DeputyProposalProcess.Review;
import cn.liaison.platform.proposal.DeputyProposalProcess.Task;
import cn.liaison.platform.proposal.DeputyProposalProcess.Var;
import cn.liaison.platform.system.TaskCompletionRules;
import cn.liaison.platform.system.TaskDecisionRefused;
import cn.liaison.platform.system.TaskField;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/**
 * The deputy proposal's task contract ({@link DeputyProposalProcess#TASK_CONTRACTS}) and the rules each decision must
 * satisfy, checked inside the engine's completion; a broken rule refuses it with Chinese messages and changes nothing.
 */
@Component
class ProposalTaskRules implements TaskCompletionRules {

  private final Departments departments;
  private final java.time.Clock clock;
  private final java.time.ZoneId zone;
  private final ProposalProperties properties;
  private final cn.liaison.platform.opinion.Supervision supervision;

  ProposalTaskRules(Departments departments, java.time.Clock clock,
      cn.liaison.platform.calendar.WorkingDayCalendar calendar, ProposalProperties properties,
      cn.liaison.platform.opinion.Supervision supervision) {
    this.supervision = supervision;
    this.properties = properties;
    this.departments = departments;
    this.clock = clock;
    this.zone = calendar.zone();
  }

  @Override
  public boolean appliesTo(String processDefinitionKey) {
    return DeputyProposalProcess.KEY.equals(processDefinitionKey);
  }

  @Override
  public Map<String, TaskField> accepts(String taskKey) {
    return DeputyProposalProcess.TASK_CONTRACTS.get(taskKey);
  }

  @Override
  public void check(String taskKey, Function<String, Object> vars) {
    Map<String, String> errors = new LinkedHashMap<>();
    switch (taskKey) {
      case Task.CONFIRM -> oneOf(vars, errors, Var.CONFIRM_DECISION, "请选择确认领衔或撤回建议", ConfirmDecision.class);
      case Task.CO_SIGN -> oneOf(vars, errors, Var.CO_SIGN_DECISION, "请选择同意联名或不联名", CoSignDecision.class);
      case Task.REVIEW -> {
        Review review = oneOf(vars, errors, Var.PROPOSAL_REVIEW, "请选择审核结论", Review.class);
        if (review == Review.RETURN) {
          text(vars, errors, Var.REVIEW_COMMENT, "请填写退回修改的意见", DeputyProposalProcess.MAX_COMMENT);
        } else if (review == Review.TO_OPINION) {
          text(vars, errors, Var.REVIEW_COMMENT, "请填写不作为代表建议的理由（将告知领衔代表）",
              DeputyProposalProcess.MAX_COMMENT);
        } else {
          optional(vars, errors, Var.REVIEW_COMMENT, DeputyProposalProcess.MAX_COMMENT);
        }
      }
      case Task.REVISE -> {
        String title = text(vars, errors, Var.TITLE, "请填写建议标题", DeputyProposalProcess.MAX_TITLE);
        if (title != null && (!title.startsWith("关于") || !title.endsWith("的建议"))) {
          errors.put(Var.TITLE, "建议标题的格式应为“关于……的建议”");
        }
        text(vars, errors, Var.REASONS, "请填写案由", DeputyProposalProcess.MAX_REASONS);
        text(vars, errors, Var.CONTENT, "请填写建议内容", DeputyProposalProcess.MAX_CONTENT);
      }
      case Task.ASSIGN -> {
        HandlingMode mode = oneOf(vars, errors, Var.HANDLING_MODE, "请选择交办方式（主办协办或分别办理）",
            HandlingMode.class);
        if (mode == HandlingMode.LEAD_ASSIST) {
          String lead = text(vars, errors, Var.LEAD_UNIT, "请选择主办单位", 64);
          if (lead != null && !activeDepartment(lead)) {
            errors.put(Var.LEAD_UNIT, "承办单位不存在或已停用：" + lead);
          }
          List<String> assists = units(vars, errors, Var.ASSIST_UNITS);
          if (assists != null && lead != null && assists.contains(lead)) {
            errors.put(Var.ASSIST_UNITS, "主办单位不能同时作为协办单位");
          }
        } else if (mode == HandlingMode.SEPARATE) {
          List<String> units = units(vars, errors, Var.UNITS);
          if (units != null && units.size() < 2 && !errors.containsKey(Var.UNITS)) {
            errors.put(Var.UNITS, "分别办理请至少选择两个承办单位（只有一个单位时请选择主办）");
          }
        }
        optional(vars, errors, Var.ASSIGN_NOTE, DeputyProposalProcess.MAX_COMMENT);
      }
      case Task.HANDLE -> {
        var action = oneOf(vars, errors, Var.HANDLING_ACTION, "请选择答复或退回", DeputyProposalProcess.HandlingAction.class);
        if (action == DeputyProposalProcess.HandlingAction.REPLY) {
          Object contacted = vars.apply(Var.CONTACTED_ON);
          if (contacted == null || contacted.toString().isBlank()) {
            errors.put(Var.CONTACTED_ON, "请填写办前与领衔代表联系的日期");
          } else {
            try {
              if (cn.liaison.platform.calendar.Dates.parse(contacted, zone)
                  .isAfter(java.time.LocalDate.ofInstant(clock.instant(), zone))) {
                errors.put(Var.CONTACTED_ON, "联系日期不能晚于今天");
              }
            } catch (java.time.format.DateTimeParseException e) {
              errors.put(Var.CONTACTED_ON, "日期格式应为 年-月-日，例如 2026-12-31");
            }
          }
          oneOf(vars, errors, Var.CONTACT_WAY, "请选择联系方式", DeputyProposalProcess.ContactWay.class);
          var result = oneOf(vars, errors, Var.PROPOSAL_RESULT, "请选择办理结果（A、B、C、D 类）",
              DeputyProposalProcess.ProposalResult.class);
          if (result == DeputyProposalProcess.ProposalResult.B) {
            Object planned = vars.apply(Var.FOLLOW_UP_ON);
            try {
              java.time.LocalDate day = planned == null || planned.toString().isBlank() ? null
                  : cn.liaison.platform.calendar.Dates.parse(planned, zone);
              java.time.LocalDate today = java.time.LocalDate.ofInstant(clock.instant(), zone);
              if (day == null) {
                errors.put(Var.FOLLOW_UP_ON, "B 类答复请填写计划解决的日期");
              } else if (!day.isAfter(today) || day.isAfter(today.plusYears(3))) {
                errors.put(Var.FOLLOW_UP_ON, "计划解决日期应晚于今天，且在三年以内");
              }
            } catch (java.time.format.DateTimeParseException e) {
              errors.put(Var.FOLLOW_UP_ON, "日期格式应为 年-月-日，例如 2027-06-30");
            }
          }
          text(vars, errors, Var.REPLY_TEXT, "请填写答复内容", DeputyProposalProcess.MAX_CONTENT);
        } else if (action == DeputyProposalProcess.HandlingAction.REQUEST_EXTENSION) {
          extensionDate(vars, errors, Var.EXTENSION_DEADLINE, "请填写申请延期到的日期");
          text(vars, errors, Var.EXTENSION_REASON, "请填写延期理由", DeputyProposalProcess.MAX_COMMENT);
        } else if (action == DeputyProposalProcess.HandlingAction.RETURN) {
          text(vars, errors, Var.RETURN_REASON, "请填写退回理由（为什么不属于本单位办理，建议由哪个单位办理）",
              DeputyProposalProcess.MAX_COMMENT);
        }
      }
      case Task.EVALUATE -> {
        var rating = oneOf(vars, errors, Var.DEPUTY_RATING, "请选择满意、基本满意或不满意", DeputyProposalProcess.Rating.class);
        if (rating == DeputyProposalProcess.Rating.DISSATISFIED) {
          text(vars, errors, Var.EVALUATION_COMMENT, "不满意时请说明理由", DeputyProposalProcess.MAX_COMMENT);
        } else {
          optional(vars, errors, Var.EVALUATION_COMMENT, DeputyProposalProcess.MAX_COMMENT);
        }
      }
      case Task.CLOSE_DISSATISFIED -> text(vars, errors, Var.CLOSE_NOTE, "请填写办结说明", DeputyProposalProcess.MAX_COMMENT);
      case Task.APPROVE_EXTENSION -> {
        var decision = oneOf(vars, errors, Var.EXTENSION_DECISION, "请选择同意或不同意",
            DeputyProposalProcess.ExtensionDecision.class);
        if (decision == DeputyProposalProcess.ExtensionDecision.APPROVE) {
          extensionDate(vars, errors, Var.APPROVED_DEADLINE, "请填写批准的办理期限");
        }
        optional(vars, errors, Var.EXTENSION_COMMENT, DeputyProposalProcess.MAX_COMMENT);
      }
      case Task.SUPERVISE -> {
        // the opinion loop's 督办 rules (decision, a new date after today within a year), shared
        supervision.check(vars, errors, Var.SUPERVISION_DECISION, Var.NEW_DEADLINE);
        optional(vars, errors, Var.SUPERVISION_NOTE, DeputyProposalProcess.MAX_COMMENT);
      }
      case Task.FOLLOW_UP -> text(vars, errors, Var.FOLLOW_UP_TEXT, "请填写落实情况", DeputyProposalProcess.MAX_REASONS);
      case Task.ASSIST -> text(vars, errors, Var.ASSIST_VIEW, "请填写协办意见", DeputyProposalProcess.MAX_REASONS);
      default -> { }
    }
    if (!errors.isEmpty()) {
      throw new TaskDecisionRefused(errors);
    }
  }

  /**
   * A new reply date: after the unit's present due date (unitDueDate), at most liaison.proposal.max-extension-months
   * after the reply date set at 交办 (handlingDueDate).
   */
  private void extensionDate(Function<String, Object> vars, Map<String, String> errors, String name, String missing) {
    Object value = vars.apply(name);
    if (value == null || value.toString().isBlank()) {
      errors.put(name, missing);
      return;
    }
    java.time.LocalDate date;
    try {
      date = cn.liaison.platform.calendar.Dates.parse(value, zone);
    } catch (java.time.format.DateTimeParseException e) {
      errors.put(name, "日期格式应为 年-月-日，例如 2027-03-31");
      return;
    }
    java.time.LocalDate current = day(vars.apply(Var.UNIT_DUE_DATE));
    java.time.LocalDate original = day(vars.apply(Var.HANDLING_DUE_DATE));
    if (current != null && !date.isAfter(current)) {
      errors.put(name, "延期后的日期应晚于现在的办理期限 " + current);
    } else if (original != null && date.isAfter(original.plusMonths(properties.maxExtensionMonths()))) {
      errors.put(name, "最多延长 " + properties.maxExtensionMonths() + " 个月，即不晚于 "
          + original.plusMonths(properties.maxExtensionMonths()));
    }
  }

  private java.time.LocalDate day(Object value) {
    return value instanceof java.util.Date d ? java.time.LocalDate.ofInstant(d.toInstant(), zone) : null;
  }

  /** A list of distinct, active departments (empty when not given); null when it is unreadable. */
  private List<String> units(Function<String, Object> vars, Map<String, String> errors, String name) {
    List<String> units = TaskField.items(vars.apply(name));
    if (units == null) {
      errors.put(name, "承办单位应为单位编码的列表");
      return null;
    }
    Set<String> seen = new HashSet<>();
    for (String u : units) {
      if (!seen.add(u)) {
        errors.put(name, "承办单位重复：" + u);
      } else if (!activeDepartment(u)) {
        errors.put(name, "承办单位不存在或已停用：" + u);
      }
    }
    return units;
  }

  private boolean activeDepartment(String code) {
    return departments.findByCode(code).filter(Department::active).isPresent();
  }

  private static <E extends Enum<E>> E oneOf(Function<String, Object> vars, Map<String, String> errors, String name,
      String missing, Class<E> allowed) {
    Object value = vars.apply(name);
    String s = value == null ? "" : value.toString().strip();
    var match = Arrays.stream(allowed.getEnumConstants()).filter(e -> e.name().equals(s)).findFirst();
    if (match.isEmpty()) {
      errors.put(name, missing);
    }
    return match.orElse(null);
  }

  private static String text(Function<String, Object> vars, Map<String, String> errors, String name, String missing,
      int max) {
    Object value = vars.apply(name);
    if (value == null || value.toString().isBlank()) {
      errors.put(name, missing);
      return null;
    }
    String s = value.toString().strip();
    if (s.length() > max) {
      errors.put(name, "内容不能超过 " + max + " 个字");
    }
    return s;
  }

  private static void optional(Function<String, Object> vars, Map<String, String> errors, String name, int max) {
    Object value = vars.apply(name);
    if (value != null && value.toString().length() > max) {
      errors.put(name, "内容不能超过 " + max + " 个字");
    }
  }
}
