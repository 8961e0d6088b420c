package cn.liaison.platform.proposal.process;

import cn.liaison.platform.proposal.DeputyProposalProcess;
import cn.liaison.platform.proposal.DeputyProposalProcess.CoSignDecision;
import cn.liaison.platform.proposal.DeputyProposalProcess.ConfirmDecision;
import cn.liaison.platform.proposal.DeputyProposalProcess.HandlingAction;
import cn.liaison.platform.proposal.DeputyProposalProcess.HandlingMode;
import cn.liaison.platform.proposal.DeputyProposalProcess.Review;
import cn.liaison.platform.proposal.DeputyProposalProcess.Task;
import cn.liaison.platform.proposal.DeputyProposalProcess.Var;
import cn.liaison.platform.proposal.ProposalSteps;
import cn.liaison.platform.system.ProcessInstanceRef;
import cn.liaison.platform.system.TaskField;
import java.time.Instant;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import cn.liaison.platform.supervision.SupervisedDeadline;
import cn.liaison.platform.supervision.SupervisionLight;
import cn.liaison.platform.system.TaskCardVariables;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;

/**
 * On every user task of deputy-proposal: status, due date and card variables on create; on complete the decision,
 * already checked by the engine's completion guard (ProposalTaskRules), is recorded on the proposal.
 */
@Component("proposalTaskListener")
class ProposalTaskListener implements TaskListener {

  private static final String[] CARD = {Var.PROPOSAL_NO, Var.LEAD_DEPUTY_NAME};

  @Bean
  static TaskCardVariables proposalTaskCards() {
    return TaskCardVariables.of(DeputyProposalProcess.KEY, Var.PROPOSAL_NO, Var.LEAD_DEPUTY_NAME,
        Var.HANDLING_UNIT_NAME, Var.UNIT_DUE_DAY, SupervisionLight.VAR, SupervisionLight.TEXT_VAR);
  }

  /** 三色督办: each handling unit's answer carries a light, planned from its unitDueDate. */
  @Bean
  static SupervisedDeadline proposalSupervisedDeadline() {
    return new SupervisedDeadline(DeputyProposalProcess.KEY, Var.UNIT_DUE_DATE, "proposals", "代表建议", null,
        java.util.List.of(java.util.Map.of("name", Var.PROPOSAL_NO, "label", "建议编号"),
            java.util.Map.of("name", Var.HANDLING_UNIT_NAME, "label", "承办单位")));
  }

  private final ProposalSteps steps;

  ProposalTaskListener(ProposalSteps steps) {
    this.steps = steps;
  }

  @Override
  public void notify(DelegateTask task) {
    long id = steps.proposalOf(ProcessInstanceRef.of(task.getExecution()), task.getVariable(Var.PROPOSAL_ID));
    String key = task.getTaskDefinitionKey();
    switch (task.getEventName()) {
      case EVENTNAME_CREATE -> {
        steps.taskCreated(id, key);
        Instant due = steps.dueDate(key);
        if (due != null) {
          task.setDueDate(Date.from(due));
        }
        // what Tasklist cards show, readable by whoever may work the task; never a variable a form edits (title):
        // a local copy would hide the edited value from the completion's check
        TaskCardVariables.copy(task, CARD);
        SupervisionLight.copyOnto(task);
        // the tasks about one unit show its name and reply date, not its group id and a timestamp
        if (Task.SUPERVISE.equals(key) || Task.APPROVE_EXTENSION.equals(key)) {
          task.setVariableLocal(Var.HANDLING_UNIT_NAME, steps.unitName(string(task, Var.HANDLING_UNIT)));
          Object unitDue = task.getVariable(Var.UNIT_DUE_DATE);
          task.setVariableLocal(Var.UNIT_DUE_DAY, steps.day(unitDue instanceof Date d ? d.toInstant() : null));
        }
      }
      case EVENTNAME_COMPLETE -> completed(id, key, task);
      default -> { }
    }
  }

  private void completed(long id, String key, DelegateTask task) {
    String actor = task.getAssignee();
    switch (key) {
      case Task.CONFIRM -> steps.confirmed(id, ConfirmDecision.valueOf(string(task, Var.CONFIRM_DECISION)), actor);
      // the co-signer this task asks: its element variable, from the proposal's record (no completion may set it)
      case Task.CO_SIGN -> steps.coSigned(id, string(task, Var.CO_SIGNER),
          CoSignDecision.valueOf(string(task, Var.CO_SIGN_DECISION)));
      case Task.REVIEW -> steps.reviewed(id, Review.valueOf(string(task, Var.PROPOSAL_REVIEW)),
          string(task, Var.REVIEW_COMMENT), actor);
      case Task.REVISE -> steps.revised(id, string(task, Var.TITLE), string(task, Var.REASONS),
          string(task, Var.CONTENT), actor);
      case Task.ASSIGN -> steps.assigned(id, HandlingMode.valueOf(string(task, Var.HANDLING_MODE)),
          string(task, Var.LEAD_UNIT), TaskField.items(task.getVariable(Var.ASSIST_UNITS)),
          TaskField.items(task.getVariable(Var.UNITS)), string(task, Var.ASSIGN_NOTE), actor);
      case Task.HANDLE -> {
        if (HandlingAction.REQUEST_EXTENSION.name().equals(string(task, Var.HANDLING_ACTION))) {
          steps.extensionRequested(id, string(task, Var.HANDLING_UNIT), task.getVariable(Var.EXTENSION_DEADLINE),
              string(task, Var.EXTENSION_REASON), actor);
          return;
        }
        handled(id, task, actor);
      }
      case Task.APPROVE_EXTENSION -> {
        var approved = steps.extensionDecided(id, string(task, Var.HANDLING_UNIT),
            DeputyProposalProcess.ExtensionDecision.valueOf(string(task, Var.EXTENSION_DECISION)),
            task.getVariable(Var.APPROVED_DEADLINE), string(task, Var.EXTENSION_COMMENT), actor);
        if (approved != null) {
          // the unit's own due date (local to its handling), which its next 办理 task is due at
          task.getExecution().setVariable(Var.UNIT_DUE_DATE, approved.dueDate());
          task.getExecution().setVariable(Var.UNIT_URGE_AT, approved.urgeDate());
        }
      }
      case Task.ASSIST -> task.getExecution().getProcessInstance().setVariable(Var.ASSIST_VIEWS,
          steps.assistGiven(id, string(task, Var.ASSIST_UNIT), string(task, Var.ASSIST_VIEW), actor));
      case Task.EVALUATE -> task.getExecution().getProcessInstance().setVariable(Var.REHANDLE_ALLOWED,
          steps.evaluated(id, DeputyProposalProcess.Rating.valueOf(string(task, Var.DEPUTY_RATING)),
              string(task, Var.EVALUATION_COMMENT), actor));
      case Task.FOLLOW_UP -> steps.followedUp(id, string(task, Var.FOLLOW_UP_UNIT), string(task, Var.FOLLOW_UP_TEXT),
          actor);
      case Task.CLOSE_DISSATISFIED -> steps.closedDissatisfied(id, string(task, Var.CLOSE_NOTE), actor);
      default -> { }
    }
  }

  private void handled(long id, DelegateTask task, String actor) {
    steps.unitHandled(id, string(task, Var.HANDLING_UNIT),
        HandlingAction.valueOf(string(task, Var.HANDLING_ACTION)), task.getVariable(Var.CONTACTED_ON),
        string(task, Var.CONTACT_WAY), string(task, Var.PROPOSAL_RESULT), task.getVariable(Var.FOLLOW_UP_ON),
        string(task, Var.REPLY_TEXT), string(task, Var.RETURN_REASON), actor);
  }

  private static String string(DelegateTask task, String name) {
    Object value = task.getVariable(name);
    return value == null || value.toString().isBlank() ? null : value.toString().strip();
  }
}
