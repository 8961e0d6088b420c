package cn.liaison.platform.opinion.process;

import cn.liaison.platform.opinion.Deadlines;
import cn.liaison.platform.opinion.OpinionHandling;
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
    Deadlines deadlines = handling.applySupervision(Vars.opinionId(execution), Vars.string(execution, "ticketNo"),
        Vars.string(execution, "supervisionDecision"), execution.getVariable("newDeadline"),
        Vars.string(execution, "departmentCode"), Vars.string(execution, "supervisionNote"), Vars.actor(identity),
        execution.getActivityInstanceId());
    if (deadlines != null) {
      execution.setVariable("dueDate", deadlines.dueDate());
      execution.setVariable("urgeAt", deadlines.urgeDate());
    }
  }
}
