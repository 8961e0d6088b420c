package cn.liaison.platform.opinion.process;

import cn.liaison.platform.opinion.OpinionHandling;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** 催办 at two-thirds of the deadline: one notice per deadline. */
@Component("urgeDepartmentDelegate")
class UrgeDepartmentDelegate implements JavaDelegate {

  private final OpinionHandling handling;

  UrgeDepartmentDelegate(OpinionHandling handling) {
    this.handling = handling;
  }

  @Override
  public void execute(DelegateExecution execution) {
    var due = Vars.instant(execution, "dueDate");
    handling.urge(Vars.opinionId(execution), Vars.string(execution, "ticketNo"),
        Vars.string(execution, "departmentCode"), due, execution.getProcessInstanceId() + ":" + due.toEpochMilli());
  }
}
