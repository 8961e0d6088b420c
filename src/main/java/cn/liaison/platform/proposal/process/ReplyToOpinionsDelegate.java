package cn.liaison.platform.proposal.process;

import cn.liaison.platform.proposal.DeputyProposalProcess.Var;
import cn.liaison.platform.proposal.ProposalSteps;
import cn.liaison.platform.system.ProcessInstanceRef;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** 答复关联意见: each linked opinion receives the proposal's final answer (asynchronous, idempotent). */
@Component("replyToOpinionsDelegate")
class ReplyToOpinionsDelegate implements JavaDelegate {

  private final ProposalSteps steps;

  ReplyToOpinionsDelegate(ProposalSteps steps) {
    this.steps = steps;
  }

  @Override
  public void execute(DelegateExecution execution) {
    steps.replyToOpinions(steps.proposalOf(ProcessInstanceRef.of(execution), execution.getVariable(Var.PROPOSAL_ID)));
  }
}
