package cn.liaison.platform.proposal.process;

import cn.liaison.platform.proposal.DeputyProposalProcess.Var;
import cn.liaison.platform.proposal.ProposalSteps;
import cn.liaison.platform.system.ProcessInstanceRef;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** 送达单位系统 (asynchronous, retried): the proposal goes to the unit's own system, once per round. */
@Component("deliverProposalDelegate")
class DeliverProposalDelegate implements JavaDelegate {

  private final ProposalSteps steps;

  DeliverProposalDelegate(ProposalSteps steps) {
    this.steps = steps;
  }

  @Override
  public void execute(DelegateExecution execution) {
    long id = steps.proposalOf(ProcessInstanceRef.of(execution), execution.getVariable(Var.PROPOSAL_ID));
    Object round = execution.getVariable(Var.HANDLING_ROUND);
    Object due = execution.getVariable(Var.UNIT_DUE_DATE);
    steps.deliver(id, String.valueOf(execution.getVariable(Var.HANDLING_UNIT)),
        round instanceof Number n ? n.intValue() : 1, due instanceof Date d ? d.toInstant() : null);
  }
}
