package cn.liaison.platform.proposal;

import cn.liaison.platform.department.Department;
import cn.liaison.platform.department.DepartmentReply;
import cn.liaison.platform.department.DepartmentReplyListener;
import cn.liaison.platform.proposal.DeputyProposalProcess.HandlingAction;
import cn.liaison.platform.proposal.DeputyProposalProcess.Message;
import cn.liaison.platform.proposal.DeputyProposalProcess.Task;
import cn.liaison.platform.proposal.DeputyProposalProcess.Var;
import cn.liaison.platform.system.ConflictException;
import cn.liaison.platform.system.InvalidInputException;
import cn.liaison.platform.system.TaskDecisionRefused;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Execution;
import org.springframework.stereotype.Component;

/**
 * Answers of units' own systems to deputy proposals (numbers JY…, operation HANDLE_PROPOSAL): checked by the same
 * rules as the unit's Tasklist form, recorded as that form records them, and delivered to that unit's handling only
 * (the execution waiting at 等待单位系统答复 whose unit is the answering department). A department may answer only
 * for itself and only a proposal waiting for its answer; anything else is refused and changes nothing.
 */
@Component
class ProposalDepartmentReplies implements DepartmentReplyListener {

  /** The variables an answer sets on the unit's handling (the HANDLE contract's fields). */
  private static final List<String> ANSWER_VARIABLES = List.of(Var.HANDLING_ACTION, Var.CONTACTED_ON,
      Var.CONTACT_WAY, Var.PROPOSAL_RESULT, Var.FOLLOW_UP_ON, Var.REPLY_TEXT, Var.RETURN_REASON,
      Var.EXTENSION_DEADLINE, Var.EXTENSION_REASON);
  /** What the rules read from the unit's handling rather than from the answer. */
  private static final Set<String> FROM_THE_PROCESS = Set.of(Var.UNIT_DUE_DATE, Var.HANDLING_DUE_DATE);

  private final Proposals proposals;
  private final ProposalSteps steps;
  private final ProposalTaskRules rules;
  private final RuntimeService runtime;

  ProposalDepartmentReplies(Proposals proposals, ProposalSteps steps, ProposalTaskRules rules, RuntimeService runtime) {
    this.proposals = proposals;
    this.steps = steps;
    this.rules = rules;
    this.runtime = runtime;
  }

  @Override
  public boolean handles(String reference) {
    return reference != null && reference.startsWith("JY");
  }

  @Override
  public void onReply(Department department, DepartmentReply reply) {
    if (reply.type() != DepartmentReply.Type.PROPOSAL_ANSWER) {
      throw new InvalidInputException("proposalNo", "代表建议的答复请使用 proposalNo、unit、handlingAction 等字段");
    }
    if (!department.code().equals(reply.field("unit"))) {
      throw new InvalidInputException("unit", "只能以本单位名义答复：unit 应为 " + department.code());
    }
    // an unknown number is answered like a proposal not given to this department, so numbers cannot be walked
    Proposal p = proposals.findByNo(reply.ticketNo()).orElse(null);
    Execution waiting = p == null || p.processInstanceId() == null ? null : runtime.createExecutionQuery()
        .processInstanceId(p.processInstanceId()).activityId(Task.AWAIT_UNIT_SYSTEM).list().stream()
        .filter(e -> department.groupId().equals(runtime.getVariable(e.getId(), Var.HANDLING_UNIT)))
        .findFirst().orElse(null);
    if (waiting == null) {
      throw new ConflictException("代表建议 " + reply.ticketNo() + " 当前不在等待" + department.name() + "系统答复的环节。");
    }
    try {
      rules.check(Task.HANDLE, name -> FROM_THE_PROCESS.contains(name) ? runtime.getVariable(waiting.getId(), name)
          : reply.field(name));
    } catch (TaskDecisionRefused refused) {
      throw new InvalidInputException(refused.errors());
    }
    String group = department.groupId();
    String actor = department.code();
    HandlingAction action = HandlingAction.valueOf(reply.field(Var.HANDLING_ACTION));
    if (action == HandlingAction.REQUEST_EXTENSION) {
      steps.extensionRequested(p.id(), group, reply.field(Var.EXTENSION_DEADLINE), reply.field(Var.EXTENSION_REASON),
          actor);
    } else {
      steps.unitHandled(p.id(), group, action, reply.field(Var.CONTACTED_ON), reply.field(Var.CONTACT_WAY),
          reply.field(Var.PROPOSAL_RESULT), reply.field(Var.FOLLOW_UP_ON), reply.field(Var.REPLY_TEXT),
          reply.field(Var.RETURN_REASON), actor);
    }
    Map<String, Object> variables = new HashMap<>();
    ANSWER_VARIABLES.forEach(name -> variables.put(name, reply.field(name)));
    runtime.messageEventReceived(Message.UNIT_SYSTEM_REPLIED, waiting.getId(), variables);
  }
}
