package cn.liaison.platform.proposal.process;

import cn.liaison.platform.proposal.DeputyProposalProcess.Var;
import cn.liaison.platform.proposal.ProposalSteps;
import cn.liaison.platform.system.ProcessInstanceRef;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** 催办承办单位: the unit's reply is due soon (its group is told). */
@Component("urgeUnitDelegate")
class UrgeUnitDelegate implements JavaDelegate {

  private final ProposalSteps steps;

  UrgeUnitDelegate(ProposalSteps steps) {
    this.steps = steps;
  }

  @Override
  public void execute(DelegateExecution execution) {
    long id = steps.proposalOf(ProcessInstanceRef.of(execution), execution.getVariable(Var.PROPOSAL_ID));
    Object due = execution.getVariable(Var.UNIT_DUE_DATE);
    steps.urgeUnit(id, String.valueOf(execution.getVariable(Var.HANDLING_UNIT)),
        due instanceof Date d ? d.toInstant() : null);
  }
}
