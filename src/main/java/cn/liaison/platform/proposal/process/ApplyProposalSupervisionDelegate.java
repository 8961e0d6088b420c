package cn.liaison.platform.proposal.process;

import cn.liaison.platform.opinion.Deadlines;
import cn.liaison.platform.opinion.OpinionLoopProcess.SupervisionDecision;
import cn.liaison.platform.proposal.DeputyProposalProcess.Var;
import cn.liaison.platform.proposal.ProposalSteps;
import cn.liaison.platform.system.ProcessInstanceRef;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** 落实督办决定: URGE and EXTEND give the unit its new due date and 催办; REASSIGN goes back to 交办. */
@Component("applyProposalSupervisionDelegate")
class ApplyProposalSupervisionDelegate implements JavaDelegate {

  private final ProposalSteps steps;
  private final IdentityService identity;

  ApplyProposalSupervisionDelegate(ProposalSteps steps, IdentityService identity) {
    this.steps = steps;
    this.identity = identity;
  }

  @Override
  public void execute(DelegateExecution execution) {
    long id = steps.proposalOf(ProcessInstanceRef.of(execution), execution.getVariable(Var.PROPOSAL_ID));
    var auth = identity.getCurrentAuthentication();
    Object note = execution.getVariable(Var.SUPERVISION_NOTE);
    Deadlines deadlines = steps.supervised(id, String.valueOf(execution.getVariable(Var.HANDLING_UNIT)),
        SupervisionDecision.valueOf(String.valueOf(execution.getVariable(Var.SUPERVISION_DECISION))),
        execution.getVariable(Var.NEW_DEADLINE), note == null || note.toString().isBlank() ? null : note.toString(),
        auth == null ? null : auth.getUserId());
    if (deadlines != null) {
      execution.setVariable(Var.UNIT_DUE_DATE, deadlines.dueDate());
      execution.setVariable(Var.UNIT_URGE_AT, deadlines.urgeDate());
    }
  }
}
