package cn.liaison.platform.opinion.process;

import cn.liaison.platform.opinion.OpinionLoopProcess.Var;

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
    int round = Vars.integer(execution, Var.ASSIGNMENT_ROUND, 0) + 1;
    OpinionHandling.Assigned assigned = handling.assign(Vars.opinion(handling, execution),
        Vars.string(execution, Var.DEPARTMENT_CODE), Vars.string(execution, Var.GRADE),
        Vars.integer(execution, Var.DEADLINE_DAYS, 5), round, execution.getProcessInstanceId());
    execution.setVariable(Var.ASSIGNMENT_ROUND, round);
    execution.setVariable(Var.DEPARTMENT_CHANNEL, assigned.channel().name());
    execution.setVariable(Var.DEPARTMENT_GROUP, assigned.groupId());
    execution.setVariable(Var.DUE_DATE, assigned.deadlines().dueDate());
    execution.setVariable(Var.URGE_AT, assigned.deadlines().urgeDate());
  }
}
