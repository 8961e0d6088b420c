package cn.liaison.platform.reception;

import cn.liaison.platform.reception.ReceptionProcess.Task;
import cn.liaison.platform.reception.ReceptionProcess.Var;
import cn.liaison.platform.system.TaskCompletionRules;
import cn.liaison.platform.system.TaskDecisionRefused;
import cn.liaison.platform.system.TaskField;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/**
 * What the reception's tasks accept ({@link ReceptionProcess#TASK_CONTRACTS}) and what 接待小结 must hold: a summary,
 * and flagged matters (安全隐患, 信访苗头) one per line, each short enough to become a rectification problem. Checked
 * inside the engine's completion, for Tasklist's forms and /engine-rest alike.
 */
@Component
class ReceptionTaskRules implements TaskCompletionRules {

  static final int MAX_FLAG_LENGTH = 500;

  @Override
  public boolean appliesTo(String processDefinitionKey) {
    return ReceptionProcess.KEY.equals(processDefinitionKey);
  }

  @Override
  public Map<String, TaskField> accepts(String taskKey) {
    return ReceptionProcess.TASK_CONTRACTS.get(taskKey);
  }

  @Override
  public void check(String taskKey, Function<String, Object> vars) {
    if (!Task.SUMMARIZE.equals(taskKey)) {
      return;
    }
    Map<String, String> errors = new LinkedHashMap<>();
    Object summary = vars.apply(Var.SUMMARY);
    if (summary == null || summary.toString().strip().length() < 10) {
      errors.put(Var.SUMMARY, "请填写接待小结，至少 10 个字：来访情况、主要诉求、当场解决和转办情况");
    }
    flags(vars.apply(Var.SAFETY_HAZARDS), Var.SAFETY_HAZARDS, "安全隐患", errors);
    flags(vars.apply(Var.PETITION_SIGNS), Var.PETITION_SIGNS, "信访苗头", errors);
    if (!errors.isEmpty()) {
      throw new TaskDecisionRefused(errors);
    }
  }

  private static void flags(Object value, String field, String label, Map<String, String> errors) {
    List<String> lines = ReceptionService.lines(value == null ? null : value.toString());
    if (lines.size() > ReceptionService.MAX_FLAGS) {
      errors.put(field, label + "每行一条，最多 " + ReceptionService.MAX_FLAGS + " 条");
    } else if (lines.stream().anyMatch(l -> l.length() > MAX_FLAG_LENGTH)) {
      errors.put(field, label + "每条不超过 " + MAX_FLAG_LENGTH + " 个字");
    }
  }
}
