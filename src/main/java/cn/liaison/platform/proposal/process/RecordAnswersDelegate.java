package cn.liaison.platform.proposal.process;

import cn.liaison.platform.proposal.DeputyProposalProcess.Var;
import cn.liaison.platform.proposal.ProposalSteps;
import cn.liaison.platform.system.ProcessInstanceRef;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** 汇总答复: every unit has answered the proposal; answersSummary shows the answers to the lead deputy. */
@Component("recordAnswersDelegate")
class RecordAnswersDelegate implements JavaDelegate {

  private final ProposalSteps steps;

  RecordAnswersDelegate(ProposalSteps steps) {
    this.steps = steps;
  }

  @Override
  public void execute(DelegateExecution execution) {
    long id = steps.proposalOf(ProcessInstanceRef.of(execution), execution.getVariable(Var.PROPOSAL_ID));
    execution.setVariable(Var.ANSWERS_SUMMARY, steps.answered(id));
  }
}
