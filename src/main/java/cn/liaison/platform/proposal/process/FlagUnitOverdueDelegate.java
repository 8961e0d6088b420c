package cn.liaison.platform.proposal.process;

import cn.liaison.platform.proposal.DeputyProposalProcess.Var;
import cn.liaison.platform.proposal.ProposalSteps;
import cn.liaison.platform.system.ProcessInstanceRef;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** 超期督办: the unit's reply is overdue; the congress office and the unit are told. */
@Component("flagUnitOverdueDelegate")
class FlagUnitOverdueDelegate implements JavaDelegate {

  private final ProposalSteps steps;

  FlagUnitOverdueDelegate(ProposalSteps steps) {
    this.steps = steps;
  }

  @Override
  public void execute(DelegateExecution execution) {
    long id = steps.proposalOf(ProcessInstanceRef.of(execution), execution.getVariable(Var.PROPOSAL_ID));
    Object due = execution.getVariable(Var.UNIT_DUE_DATE);
    steps.flagUnitOverdue(id, String.valueOf(execution.getVariable(Var.HANDLING_UNIT)),
        due instanceof Date d ? d.toInstant() : null);
  }
}
