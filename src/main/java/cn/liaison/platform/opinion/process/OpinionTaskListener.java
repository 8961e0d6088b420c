package cn.liaison.platform.opinion.process;

import cn.liaison.platform.opinion.OpinionLoopProcess.Var;

import cn.liaison.platform.opinion.OpinionHandling;
import cn.liaison.platform.opinion.OpinionLoopProcess;
import cn.liaison.platform.opinion.OpinionLoopProcess.DeputyAction;
import cn.liaison.platform.opinion.OpinionLoopProcess.SortDecision;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import cn.liaison.platform.supervision.SupervisedDeadline;
import cn.liaison.platform.supervision.SupervisionLight;
import cn.liaison.platform.system.TaskCardVariables;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;

/** On every user task of the loop: status and card variables on create, the sorted category on complete. */
@Component("opinionTaskListener")
class OpinionTaskListener implements TaskListener {

  private static final String[] CARD = {Var.TICKET_NO, Var.CATEGORY_NAME, Var.STATION_NAME};

  @Bean
  static TaskCardVariables opinionTaskCards() {
    return TaskCardVariables.of(OpinionLoopProcess.KEY, Var.TICKET_NO, Var.CATEGORY_NAME, Var.STATION_NAME,
        SupervisionLight.VAR, SupervisionLight.TEXT_VAR);
  }

  /** 三色督办: an opinion at the department carries a light, planned from its dueDate. */
  @Bean
  static SupervisedDeadline opinionSupervisedDeadline() {
    return new SupervisedDeadline(OpinionLoopProcess.KEY, Var.DUE_DATE, "opinions", "群众意见", Var.STATION_CODE,
        java.util.List.of(java.util.Map.of("name", Var.TICKET_NO, "label", "受理编号"),
            java.util.Map.of("name", Var.CATEGORY_NAME, "label", "类别")));
  }

  private final OpinionHandling handling;

  OpinionTaskListener(OpinionHandling handling) {
    this.handling = handling;
  }

  /**
   * 代表先行答复 completed: the response is recorded; TO_PROPOSAL routes the opinion to the proposal candidates of
   * the deputy on record (the opinion's own deputy, never a form value), as 研判's 转为代表建议 does.
   */
  private void deputyResponded(DelegateTask task) {
    long opinionId = Vars.opinionId(handling, task);
    DeputyAction action = DeputyAction.valueOf(Vars.string(task, Var.DEPUTY_ACTION));
    String line = handling.deputyResponded(opinionId, action, Vars.string(task, Var.DEPUTY_NOTE),
        task.getAssignee() != null ? task.getAssignee() : handling.deputyOf(opinionId));
    if (line != null) {
      String history = Vars.string(task, Var.HISTORY);
      task.getExecution().setVariable(Var.HISTORY, history == null ? line : history + "\n\n" + line);
    }
    if (action == DeputyAction.TO_PROPOSAL) {
      task.getExecution().setVariable(Var.PROPOSAL_DEPUTY, handling.deputyOf(opinionId));
      task.getExecution().setVariable(Var.ROUTE, OpinionLoopProcess.Route.TO_PROPOSAL.name());
    }
  }

  @Override
  public void notify(DelegateTask task) {
    switch (task.getEventName()) {
      case EVENTNAME_CREATE -> {
        handling.taskCreated(Vars.opinionId(handling, task), task.getTaskDefinitionKey(), task.getProcessInstanceId());
        // what Tasklist cards show, readable by whoever may work the task (no personal data)
        TaskCardVariables.copy(task, CARD);
        SupervisionLight.copyOnto(task);
      }
      case EVENTNAME_COMPLETE -> {
        // the decision itself was checked by the engine's completion guard (TaskRules) before this runs
        if (OpinionLoopProcess.Task.DEPUTY_FIRST_RESPONSE.equals(task.getTaskDefinitionKey())) {
          deputyResponded(task);
          return;
        }
        if (OpinionLoopProcess.Task.SORT.equals(task.getTaskDefinitionKey())
            && SortDecision.CONFIRM.name().equals(task.getVariable(Var.SORT_DECISION))) {
          String name = handling.sorted(Vars.opinion(handling, task.getExecution()), Vars.string(task, Var.CATEGORY),
              task.getAssignee());
          if (!name.equals(task.getExecution().getVariable(Var.CATEGORY_NAME))) {
            // only a corrected category changes it: setting the same value again would still write it and its history
            task.getExecution().setVariable(Var.CATEGORY_NAME, name);
          }
        }
      }
      default -> { }
    }
  }
}
