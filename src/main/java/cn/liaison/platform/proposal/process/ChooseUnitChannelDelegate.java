package cn.liaison.platform.proposal.process;

import cn.liaison.platform.proposal.DeputyProposalProcess.Var;
import cn.liaison.platform.proposal.ProposalSteps;
import cn.liaison.platform.system.ProcessInstanceRef;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** 确定办理渠道: the unit's channel (INBOX or HTTP), from the department directory, local to the unit's handling. */
@Component("chooseUnitChannelDelegate")
class ChooseUnitChannelDelegate implements JavaDelegate {

  private final ProposalSteps steps;

  ChooseUnitChannelDelegate(ProposalSteps steps) {
    this.steps = steps;
  }

  @Override
  public void execute(DelegateExecution execution) {
    long id = steps.proposalOf(ProcessInstanceRef.of(execution), execution.getVariable(Var.PROPOSAL_ID));
    execution.setVariable(Var.UNIT_CHANNEL,
        steps.unitChannel(id, String.valueOf(execution.getVariable(Var.HANDLING_UNIT))).name());
  }
}
