package cn.liaison.platform.opinion.process;

import cn.liaison.platform.opinion.OpinionHandling;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

@Component("flagOverdueDelegate")
class FlagOverdueDelegate implements JavaDelegate {

  private final OpinionHandling handling;

  FlagOverdueDelegate(OpinionHandling handling) {
    this.handling = handling;
  }

  @Override
  public void execute(DelegateExecution execution) {
    var due = Vars.instant(execution, "dueDate");
    handling.flagOverdue(Vars.opinionId(execution), Vars.string(execution, "ticketNo"),
        Vars.string(execution, "departmentCode"), execution.getProcessInstanceId() + ":" + due.toEpochMilli());
  }
}
