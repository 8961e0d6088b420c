package cn.liaison.platform.proposal.process;

import cn.liaison.platform.proposal.DeputyProposalProcess.Var;
import cn.liaison.platform.proposal.ProposalSteps;
import cn.liaison.platform.system.ProcessInstanceRef;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** 确定跟踪日期: the unit's planned date from the proposal's record, as followUpDate (local) for the timer. */
@Component("scheduleFollowUpDelegate")
class ScheduleFollowUpDelegate implements JavaDelegate {

  private final ProposalSteps steps;

  ScheduleFollowUpDelegate(ProposalSteps steps) {
    this.steps = steps;
  }

  @Override
  public void execute(DelegateExecution execution) {
    long id = steps.proposalOf(ProcessInstanceRef.of(execution), execution.getVariable(Var.PROPOSAL_ID));
    Object group = execution.getVariable(Var.FOLLOW_UP_UNIT);
    execution.setVariable(Var.FOLLOW_UP_DATE, Date.from(steps.followUpAt(id, String.valueOf(group))));
  }
}
