package cn.liaison.platform.opinion.process;

import cn.liaison.platform.opinion.OpinionLoopProcess.Var;

import cn.liaison.platform.opinion.Deadlines;
import cn.liaison.platform.opinion.OpinionHandling;
import cn.liaison.platform.opinion.OpinionLoopProcess.SupervisionDecision;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** 落实督办决定: new deadlines for URGE and EXTEND; REASSIGN goes back to 交办. */
@Component("applySupervisionDecisionDelegate")
class ApplySupervisionDecisionDelegate implements JavaDelegate {

  private final OpinionHandling handling;
  private final IdentityService identity;

  ApplySupervisionDecisionDelegate(OpinionHandling handling, IdentityService identity) {
    this.handling = handling;
    this.identity = identity;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Deadlines deadlines = handling.applySupervision(Vars.opinionId(handling, execution), Vars.ticketNo(execution),
        SupervisionDecision.valueOf(Vars.string(execution, Var.SUPERVISION_DECISION)), execution.getVariable(Var.NEW_DEADLINE),
        Vars.string(execution, Var.DEPARTMENT_CODE), Vars.string(execution, Var.SUPERVISION_NOTE), Vars.actor(identity),
        execution.getActivityInstanceId());
    if (deadlines != null) {
      execution.setVariable(Var.DUE_DATE, deadlines.dueDate());
      execution.setVariable(Var.URGE_AT, deadlines.urgeDate());
    }
  }
}
