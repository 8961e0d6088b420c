package cn.liaison.platform.opinion.process;

import cn.liaison.platform.opinion.OpinionLoopProcess.Var;

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
    var due = Vars.instant(execution, Var.DUE_DATE);
    handling.flagOverdue(Vars.opinionId(handling, execution), Vars.ticketNo(execution),
        Vars.string(execution, Var.DEPARTMENT_CODE), execution.getProcessInstanceId() + ":" + due.toEpochMilli());
  }
}
