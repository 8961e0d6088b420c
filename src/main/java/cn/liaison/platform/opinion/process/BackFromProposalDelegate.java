package cn.liaison.platform.opinion.process;

import cn.liaison.platform.opinion.OpinionHandling;
import cn.liaison.platform.opinion.OpinionLoopProcess.Var;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** 退回研判: no deputy proposal took the opinion up; the reason joins its history and analysts route it again. */
@Component("backFromProposalDelegate")
class BackFromProposalDelegate implements JavaDelegate {

  private final OpinionHandling handling;
  private final IdentityService identity;

  BackFromProposalDelegate(OpinionHandling handling, IdentityService identity) {
    this.handling = handling;
    this.identity = identity;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String line = handling.backFromProposal(Vars.opinionId(handling, execution), Vars.string(execution, Var.REPLY_TEXT),
        Vars.actor(identity));
    String history = Vars.string(execution, Var.HISTORY);
    execution.setVariable(Var.HISTORY, history == null ? line : history + "\n\n" + line);
    execution.removeVariable(Var.REPLY_TEXT);
  }
}
