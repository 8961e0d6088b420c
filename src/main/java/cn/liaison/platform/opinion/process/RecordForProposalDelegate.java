package cn.liaison.platform.opinion.process;

import cn.liaison.platform.opinion.OpinionLoopProcess.Var;

import cn.liaison.platform.opinion.OpinionHandling;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

@Component("recordForProposalDelegate")
class RecordForProposalDelegate implements JavaDelegate {

  private final OpinionHandling handling;
  private final IdentityService identity;

  RecordForProposalDelegate(OpinionHandling handling, IdentityService identity) {
    this.handling = handling;
    this.identity = identity;
  }

  @Override
  public void execute(DelegateExecution execution) {
    handling.toProposal(Vars.opinionId(handling, execution), Vars.string(execution, Var.PROPOSAL_DEPUTY), Vars.actor(identity));
  }
}
