package cn.liaison.platform.opinion.process;

import cn.liaison.platform.opinion.OpinionLoopProcess.Var;

import cn.liaison.platform.opinion.Deadlines;
import cn.liaison.platform.opinion.OpinionHandling;
import cn.liaison.platform.opinion.OpinionLoopProcess.ExtensionDecision;
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
    Deadlines deadlines = handling.applyExtension(Vars.opinionId(handling, execution),
        ExtensionDecision.valueOf(Vars.string(execution, Var.EXTENSION_DECISION)), execution.getVariable(Var.APPROVED_DEADLINE),
        Vars.string(execution, Var.EXTENSION_COMMENT), Vars.instant(execution, Var.DUE_DATE), Vars.actor(identity),
        execution.getActivityInstanceId());
    execution.setVariable(Var.DUE_DATE, deadlines.dueDate());
    execution.setVariable(Var.URGE_AT, deadlines.urgeDate());
  }
}
