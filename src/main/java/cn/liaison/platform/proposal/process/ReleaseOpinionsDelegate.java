package cn.liaison.platform.proposal.process;

import cn.liaison.platform.proposal.DeputyProposalProcess.Var;
import cn.liaison.platform.proposal.ProposalSteps;
import cn.liaison.platform.system.ProcessInstanceRef;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** 关联意见继续办理: the linked opinions go back to their loops as ordinary opinions (asynchronous, idempotent). */
@Component("releaseOpinionsDelegate")
class ReleaseOpinionsDelegate implements JavaDelegate {

  private final ProposalSteps steps;

  ReleaseOpinionsDelegate(ProposalSteps steps) {
    this.steps = steps;
  }

  @Override
  public void execute(DelegateExecution execution) {
    steps.releaseOpinions(steps.proposalOf(ProcessInstanceRef.of(execution), execution.getVariable(Var.PROPOSAL_ID)));
  }
}
