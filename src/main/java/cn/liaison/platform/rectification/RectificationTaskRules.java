package cn.liaison.platform.rectification;

import cn.liaison.platform.rectification.RectificationProcess.Task;
import cn.liaison.platform.rectification.RectificationProcess.Var;
import cn.liaison.platform.rectification.RectificationProcess.Verification;
import cn.liaison.platform.system.TaskCompletionRules;
import cn.liaison.platform.system.TaskDecisionRefused;
import cn.liaison.platform.system.TaskField;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/**
 * What the problem's tasks accept ({@link RectificationProcess#TASK_CONTRACTS}) and what their decisions must
 * satisfy: measures and whether rectified; a verification with a note when it fails; the feedback. Checked inside the
 * engine's completion, for Tasklist's forms and /engine-rest alike.
 */
@Component
class RectificationTaskRules implements TaskCompletionRules {

  @Override
  public boolean appliesTo(String processDefinitionKey) {
    return RectificationProcess.KEY.equals(processDefinitionKey);
  }

  @Override
  public Map<String, TaskField> accepts(String taskKey) {
    return RectificationProcess.TASK_CONTRACTS.get(taskKey);
  }

  @Override
  public void check(String taskKey, Function<String, Object> vars) {
    Map<String, String> errors = new LinkedHashMap<>();
    switch (taskKey) {
      case Task.RECTIFY -> {
        if (blank(vars.apply(Var.MEASURES))) {
          errors.put(Var.MEASURES, "请填写整改措施");
        }
        if (!(vars.apply(Var.RECTIFIED) instanceof Boolean)) {
          errors.put(Var.RECTIFIED, "请说明是否已整改完成");
        }
      }
      case Task.VERIFY -> {
        Object v = vars.apply(Var.VERIFICATION);
        if (!Verification.PASS.name().equals(v) && !Verification.FAIL.name().equals(v)) {
          errors.put(Var.VERIFICATION, "请选择核验结论（通过或不通过）");
        } else if (Verification.FAIL.name().equals(v) && blank(vars.apply(Var.VERIFICATION_NOTE))) {
          errors.put(Var.VERIFICATION_NOTE, "不通过时请写明哪里没有整改到位");
        }
      }
      case Task.RECORD_FEEDBACK -> {
        if (blank(vars.apply(Var.FEEDBACK))) {
          errors.put(Var.FEEDBACK, "请填写向群众反馈的情况");
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
