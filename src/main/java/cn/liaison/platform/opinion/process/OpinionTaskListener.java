package cn.liaison.platform.opinion.process;

import cn.liaison.platform.opinion.OpinionHandling;
import cn.liaison.platform.opinion.OpinionLoopProcess;
import cn.liaison.platform.opinion.TaskRules;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** On every user task of the loop: status on create, the decision's rules on complete. */
@Component("opinionTaskListener")
class OpinionTaskListener implements TaskListener {

  private final OpinionHandling handling;
  private final TaskRules rules;

  OpinionTaskListener(OpinionHandling handling, TaskRules rules) {
    this.handling = handling;
    this.rules = rules;
  }

  @Override
  public void notify(DelegateTask task) {
    switch (task.getEventName()) {
      case EVENTNAME_CREATE -> {
        handling.taskCreated(Vars.opinionId(task), task.getTaskDefinitionKey());
        // what Tasklist cards show, readable by whoever may work the task (no personal data)
        for (String card : new String[] {"ticketNo", "categoryName", "stationName"}) {
          task.setVariableLocal(card, task.getVariable(card));
        }
      }
      case EVENTNAME_COMPLETE -> {
        rules.check(task.getTaskDefinitionKey(), task::getVariable);
        if (OpinionLoopProcess.Task.SORT.equals(task.getTaskDefinitionKey())
            && "CONFIRM".equals(task.getVariable("sortDecision"))) {
          String name = handling.sorted(Vars.opinionId(task), Vars.string(task, "category"), task.getAssignee());
          task.getExecution().setVariable("categoryName", name);
        }
      }
      default -> { }
    }
  }
}
