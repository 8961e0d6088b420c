package cn.liaison.platform.proposal.process;

import cn.liaison.platform.proposal.DeputyProposalProcess.Var;
import cn.liaison.platform.proposal.ProposalSteps;
import cn.liaison.platform.system.ProcessInstanceRef;
import java.util.ArrayList;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/** 安排跟踪落实: the units whose answer is class B (a transient list from the proposal's record, never stored). */
@Component("prepareFollowUpsDelegate")
class PrepareFollowUpsDelegate implements JavaDelegate {

  private final ProposalSteps steps;

  PrepareFollowUpsDelegate(ProposalSteps steps) {
    this.steps = steps;
  }

  @Override
  public void execute(DelegateExecution execution) {
    long id = steps.proposalOf(ProcessInstanceRef.of(execution), execution.getVariable(Var.PROPOSAL_ID));
    execution.setVariable(Var.FOLLOW_UP_UNIT_LIST,
        Variables.objectValue(new ArrayList<>(steps.followUpGroups(id)), true).create());
  }
}
