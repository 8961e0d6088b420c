package cn.liaison.platform.opinion.process;

import cn.liaison.platform.opinion.OpinionHandling;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** 交办: hands the opinion to the department (async, retried; idempotent per assignment round). */
@Component("assignDepartmentDelegate")
class AssignDepartmentDelegate implements JavaDelegate {

  private final OpinionHandling handling;

  AssignDepartmentDelegate(OpinionHandling handling) {
    this.handling = handling;
  }

  @Override
  public void execute(DelegateExecution execution) {
    int round = Vars.integer(execution, "assignmentRound", 0) + 1;
    OpinionHandling.Assigned assigned = handling.assign(Vars.opinionId(execution), Vars.string(execution, "ticketNo"),
        Vars.string(execution, "departmentCode"), Vars.string(execution, "grade"),
        Vars.integer(execution, "deadlineDays", 5), round, execution.getProcessInstanceId());
    execution.setVariable("assignmentRound", round);
    execution.setVariable("departmentChannel", assigned.channel().name());
    execution.setVariable("departmentGroup", assigned.groupId());
    execution.setVariable("dueDate", assigned.deadlines().dueDate());
    execution.setVariable("urgeAt", assigned.deadlines().urgeDate());
  }
}
