package cn.liaison.platform.rectification.process;

import cn.liaison.platform.rectification.RectificationProcess;
import cn.liaison.platform.rectification.RectificationProcess.Task;
import cn.liaison.platform.rectification.RectificationProcess.Var;
import cn.liaison.platform.rectification.RectificationProcess.Verification;
import cn.liaison.platform.rectification.RectificationSteps;
import cn.liaison.platform.system.ProcessInstanceRef;
import cn.liaison.platform.supervision.SupervisedDeadline;
import cn.liaison.platform.supervision.SupervisionLight;
import cn.liaison.platform.system.TaskCardVariables;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The thin delegates and the task listener of rectification-problem.bpmn. The problem is found from the process
 * instance (its business key), never from a variable; who completed a task is the authenticated user.
 */
@Configuration(proxyBeanMethods = false)
class RectificationDelegates {

  /** 催办: the unit's deadline is near. */
  @Bean
  JavaDelegate urgeRectificationDelegate(RectificationSteps steps) {
    return execution -> steps.urge(ProcessInstanceRef.of(execution));
  }

  /** 督办: the unit's deadline has passed. */
  @Bean
  JavaDelegate escalateOverdueDelegate(RectificationSteps steps) {
    return execution -> steps.escalate(ProcessInstanceRef.of(execution));
  }

  /** 发送至单位系统: asynchronous and retried by the engine; the request is idempotent per round. */
  @Bean
  JavaDelegate sendToUnitSystemDelegate(RectificationSteps steps) {
    return execution -> {
      Object due = execution.getVariable(Var.DUE_AT);
      steps.sendToUnitSystem(ProcessInstanceRef.of(execution),
          due instanceof java.util.Date d ? d.toInstant() : null);
    };
  }

  /** 反馈群众: on the tracking page of the opinion the problem was raised from. */
  @Bean
  JavaDelegate notifyCitizenDelegate(RectificationSteps steps) {
    return execution -> steps.tellCitizen(ProcessInstanceRef.of(execution));
  }

  /** The cards of 整改待办 and 待我核验: copies local to each task, which write no history (the originals have theirs). */
  @Bean
  static TaskCardVariables rectificationTaskCards() {
    return TaskCardVariables.of(RectificationProcess.KEY, Var.PROBLEM_NO, Var.DRIVE_NAME, Var.DEADLINE_TEXT,
        SupervisionLight.VAR, SupervisionLight.TEXT_VAR);
  }

  /** 三色督办: a problem being rectified carries a light, planned from its dueAt. */
  @Bean
  static SupervisedDeadline rectificationSupervisedDeadline() {
    return new SupervisedDeadline(RectificationProcess.KEY, Var.DUE_AT, "rectification", "整改问题",
        Var.STATION_STAFF_GROUP,
        java.util.List.of(java.util.Map.of("name", Var.PROBLEM_NO, "label", "问题编号"),
            java.util.Map.of("name", Var.DEADLINE_TEXT, "label", "整改期限")));
  }

  /**
   * On create: the task cards' local copies (problemNo, driveName, deadlineText) and a fresh decision (the last
   * round's is not taken for this one's). On complete: the decision is stored on the problem (already checked by
   * RectificationTaskRules).
   */
  @Bean
  TaskListener rectificationTaskListener(RectificationSteps steps) {
    return task -> {
      String key = task.getTaskDefinitionKey();
      if (TaskListener.EVENTNAME_CREATE.equals(task.getEventName())) {
        TaskCardVariables.copy(task, Var.PROBLEM_NO, Var.DRIVE_NAME, Var.DEADLINE_TEXT);
        SupervisionLight.copyOnto(task);
        if (Task.RECTIFY.equals(key)) {
          task.getExecution().removeVariable(Var.RECTIFIED);
        } else if (Task.VERIFY.equals(key)) {
          // the grid's deputy as the grid is now, not as it was when the problem was raised
          String deputy = steps.gridDeputyOf(ProcessInstanceRef.of(task.getExecution()));
          if (deputy != null && !deputy.equals(task.getAssignee())) {
            task.setAssignee(deputy);
          }
          task.getExecution().removeVariable(Var.VERIFICATION);
          task.getExecution().removeVariable(Var.VERIFICATION_NOTE);
        }
        return;
      }
      if (!TaskListener.EVENTNAME_COMPLETE.equals(task.getEventName())) {
        return;
      }
      ProcessInstanceRef ref = ProcessInstanceRef.of(task.getExecution());
      switch (key) {
        case Task.RECTIFY -> steps.rectificationReported(ref, text(task, Var.MEASURES), text(task, Var.PROGRESS),
            Boolean.TRUE.equals(task.getVariable(Var.RECTIFIED)), actor(task));
        case Task.VERIFY -> steps.verified(ref, Verification.valueOf(text(task, Var.VERIFICATION)),
            text(task, Var.VERIFICATION_NOTE), actor(task));
        case Task.RECORD_FEEDBACK -> steps.feedbackRecorded(ref, text(task, Var.FEEDBACK));
        case Task.CLOSE -> steps.closed(ref, actor(task));
        default -> { }
      }
    };
  }

  static String text(DelegateTask task, String name) {
    Object v = task.getVariable(name);
    return v == null || v.toString().isBlank() ? null : v.toString().strip();
  }

  static String actor(DelegateTask task) {
    Authentication auth = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    if (auth != null && auth.getUserId() != null) {
      return auth.getUserId();
    }
    return task.getAssignee() != null ? task.getAssignee() : "system";
  }
}
