package cn.liaison.platform.opinion.process;

import cn.liaison.platform.opinion.Deadlines;
import cn.liaison.platform.opinion.OpinionHandling;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

@Component("applyExtensionDecisionDelegate")
class ApplyExtensionDecisionDelegate implements JavaDelegate {

  private final OpinionHandling handling;
  private final IdentityService identity;

  ApplyExtensionDecisionDelegate(OpinionHandling handling, IdentityService identity) {
    this.handling = handling;
    this.identity = identity;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Deadlines deadlines = handling.applyExtension(Vars.opinionId(execution),
        Vars.string(execution, "extensionDecision"), execution.getVariable("approvedDeadline"),
        Vars.string(execution, "extensionComment"), Vars.instant(execution, "dueDate"), Vars.actor(identity),
        execution.getActivityInstanceId());
    execution.setVariable("dueDate", deadlines.dueDate());
    execution.setVariable("urgeAt", deadlines.urgeDate());
  }
}
