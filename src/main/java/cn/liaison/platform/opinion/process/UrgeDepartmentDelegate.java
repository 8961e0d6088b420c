package cn.liaison.platform.opinion.process;

import cn.liaison.platform.opinion.OpinionLoopProcess.Var;

import cn.liaison.platform.opinion.OpinionHandling;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** 催办 when the configured share of the deadline has passed (liaison.opinion.urge-at-percent): one notice per deadline. */
@Component("urgeDepartmentDelegate")
class UrgeDepartmentDelegate implements JavaDelegate {

  private final OpinionHandling handling;

  UrgeDepartmentDelegate(OpinionHandling handling) {
    this.handling = handling;
  }

  @Override
  public void execute(DelegateExecution execution) {
    var due = Vars.instant(execution, Var.DUE_DATE);
    handling.urge(Vars.opinionId(handling, execution), Vars.ticketNo(execution),
        Vars.string(execution, Var.DEPARTMENT_CODE), due, execution.getProcessInstanceId() + ":" + due.toEpochMilli());
  }
}
