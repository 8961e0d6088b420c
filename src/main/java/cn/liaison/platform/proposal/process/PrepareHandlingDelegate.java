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
 * 下达办理: the units as recorded at 交办 (transient lists, the collections of 办理 and 协办, never stored) and their
 * due dates handlingDueDate and assistDueDate; the 协办 views start empty.
 */
@Component("prepareHandlingDelegate")
class PrepareHandlingDelegate implements JavaDelegate {

  private final ProposalSteps steps;

  PrepareHandlingDelegate(ProposalSteps steps) {
    this.steps = steps;
  }

  @Override
  public void execute(DelegateExecution execution) {
    long id = steps.proposalOf(ProcessInstanceRef.of(execution), execution.getVariable(Var.PROPOSAL_ID));
    var handling = steps.prepareHandling(id);
    execution.setVariable(Var.HANDLING_UNIT_LIST,
        Variables.objectValue(new ArrayList<>(handling.replyingGroups()), true).create());
    execution.setVariable(Var.ASSIST_UNIT_LIST,
        Variables.objectValue(new ArrayList<>(handling.assistGroups()), true).create());
    execution.setVariable(Var.HANDLING_DUE_DATE, Date.from(handling.replyDue()));
    execution.setVariable(Var.ASSIST_DUE_DATE, Date.from(handling.assistDue()));
    execution.setVariable(Var.HANDLING_URGE_AT, Date.from(handling.urgeAt()));
    execution.setVariable(Var.ASSIST_VIEWS, "");
    Object round = execution.getVariable(Var.HANDLING_ROUND);
    execution.setVariable(Var.HANDLING_ROUND, (round instanceof Number n ? n.intValue() : 0) + 1);
  }
}
