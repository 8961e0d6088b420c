package cn.liaison.platform.project;

import cn.liaison.platform.project.ProjectProcess.Finding;
import cn.liaison.platform.project.ProjectProcess.Task;
import cn.liaison.platform.project.ProjectProcess.Var;
import cn.liaison.platform.system.TaskCompletionRules;
import cn.liaison.platform.system.TaskDecisionRefused;
import cn.liaison.platform.system.TaskField;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/**
 * What the project's tasks accept ({@link ProjectProcess#TASK_CONTRACTS}) and what an inspection and the acceptance
 * must hold: the day (not in the future), findings, the milestone's state, the problems when it is PROBLEM (one per
 * line, at most {@link ProjectService#MAX_PROBLEMS}); the deputies' opinion at acceptance.
 */
@Component
class ProjectTaskRules implements TaskCompletionRules {

  private final java.time.Clock clock;
  private final cn.liaison.platform.calendar.WorkingDayCalendar calendar;

  ProjectTaskRules(java.time.Clock clock, cn.liaison.platform.calendar.WorkingDayCalendar calendar) {
    this.clock = clock;
    this.calendar = calendar;
  }

  @Override
  public boolean appliesTo(String processDefinitionKey) {
    return ProjectProcess.KEY.equals(processDefinitionKey);
  }

  @Override
  public Map<String, TaskField> accepts(String taskKey) {
    return ProjectProcess.TASK_CONTRACTS.get(taskKey);
  }

  @Override
  public void check(String taskKey, Function<String, Object> vars) {
    Map<String, String> errors = new LinkedHashMap<>();
    switch (taskKey) {
      case Task.INSPECT -> {
        LocalDate on = ProjectService.day(vars.apply(Var.INSPECTED_ON), calendar.zone());
        if (on == null) {
          errors.put(Var.INSPECTED_ON, "请填写检查日期");
        } else if (on.isAfter(LocalDate.ofInstant(clock.instant(), calendar.zone()))) {
          errors.put(Var.INSPECTED_ON, "检查日期不能晚于今天");
        }
        if (blank(vars.apply(Var.FINDINGS))) {
          errors.put(Var.FINDINGS, "请填写检查发现的情况");
        }
        Object status = vars.apply(Var.MILESTONE_STATUS);
        boolean known = status != null && java.util.Arrays.stream(Finding.values())
            .anyMatch(f -> f.name().equals(status.toString()));
        if (!known) {
          errors.put(Var.MILESTONE_STATUS, "请选择节点进度：按期推进、进度滞后或发现问题");
        }
        Object visited = vars.apply(Var.FARMERS_VISITED);
        if (visited instanceof Number n && n.longValue() < 0) {
          errors.put(Var.FARMERS_VISITED, "走访群众人数不能小于 0");
        }
        var problems = ProjectService.lines(vars.apply(Var.PROBLEMS));
        if (known && Finding.PROBLEM.name().equals(status.toString()) && problems.isEmpty()) {
          errors.put(Var.PROBLEMS, "发现问题时请逐行列出问题，每行一条");
        } else if (problems.size() > ProjectService.MAX_PROBLEMS) {
          errors.put(Var.PROBLEMS, "一次检查最多列出 " + ProjectService.MAX_PROBLEMS + " 条问题");
        } else if (problems.stream().anyMatch(p -> p.length() > 500)) {
          errors.put(Var.PROBLEMS, "每条问题不超过 500 字");
        }
      }
      case Task.ACCEPT -> {
        if (blank(vars.apply(Var.ACCEPTANCE_OPINION))) {
          errors.put(Var.ACCEPTANCE_OPINION, "请填写代表的验收意见");
        }
      }
      default -> { }
    }
    if (!errors.isEmpty()) {
      throw new TaskDecisionRefused(errors);
    }
  }

  private static boolean blank(Object value) {
    return value == null || value.toString().isBlank();
  }
}
