package cn.liaison.platform.proposal.process;

import cn.liaison.platform.proposal.DeputyProposalProcess.Var;
import cn.liaison.platform.proposal.ProposalSteps;
import cn.liaison.platform.system.ProcessInstanceRef;
import java.util.ArrayList;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/**
 * 邀请联名: the co-signers to ask come from the proposal's record (a transient variable, the collection of 联名, never
 * stored), with the time limit coSignDeadline.
 */
@Component("inviteCoSignersDelegate")
class InviteCoSignersDelegate implements JavaDelegate {

  private final ProposalSteps steps;

  InviteCoSignersDelegate(ProposalSteps steps) {
    this.steps = steps;
  }

  @Override
  public void execute(DelegateExecution execution) {
    long id = steps.proposalOf(ProcessInstanceRef.of(execution), execution.getVariable(Var.PROPOSAL_ID));
    var invitation = steps.inviteCoSigners(id);
    execution.setVariable(Var.CO_SIGNER_LIST,
        Variables.objectValue(new ArrayList<>(invitation.coSigners()), true).create());
    execution.setVariable(Var.CO_SIGN_DEADLINE, Date.from(invitation.deadline()));
  }
}
