package cn.liaison.platform.proposal;

import static cn.liaison.platform.system.TaskField.choice;
import static cn.liaison.platform.system.TaskField.date;
import static cn.liaison.platform.system.TaskField.list;
import static cn.liaison.platform.system.TaskField.text;

import cn.liaison.platform.opinion.OpinionLoopProcess.SupervisionDecision;
import cn.liaison.platform.system.TaskField;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The contract of processes/proposal/deputy-proposal.bpmn (代表建议): ids, variable names, decisions and, per user
 * task, the variables its completion accepts ({@link #TASK_CONTRACTS}), enforced by the engine's completion guard.
 */
public final class DeputyProposalProcess {

  public static final String KEY = "deputy-proposal";

  private DeputyProposalProcess() {}

  public static final class Task {
    public static final String CONFIRM = "Task_ConfirmProposal";
    public static final String INVITE_CO_SIGNERS = "Task_InviteCoSigners";
    public static final String CO_SIGN = "Task_CoSign";
    public static final String CLOSE_CO_SIGNING = "Task_CloseCoSigning";
    public static final String REVIEW = "Task_ReviewProposal";
    public static final String REVISE = "Task_ReviseProposal";
    public static final String ASSIGN = "Task_AssignProposal";
    public static final String PREPARE_HANDLING = "Task_PrepareHandling";
    public static final String HANDLING = "SubProcess_Handling";
    public static final String UNIT_HANDLING = "SubProcess_UnitHandling";
    public static final String HANDLE = "Task_HandleProposal";
    public static final String ASSIST = "Task_AssistProposal";
    public static final String APPROVE_EXTENSION = "Task_ApproveProposalExtension";
    public static final String URGE_UNIT = "Task_UrgeUnit";
    public static final String FLAG_UNIT_OVERDUE = "Task_FlagUnitOverdue";
    /** 三色督办: the unit's light turns yellow (after {@link Event#TIMER_LIGHT_YELLOW_UNIT} or its system twin). */
    public static final String TURN_UNIT_LIGHT_YELLOW = "Task_TurnUnitLightYellow";
    public static final String RECORD_ANSWERS = "Task_RecordAnswers";
    public static final String EVALUATE = "Task_EvaluateProposal";
    public static final String CLOSE_DISSATISFIED = "Task_CloseDissatisfied";
    public static final String REPLY_TO_OPINIONS = "Task_ReplyToOpinions";
    public static final String RELEASE_OPINIONS = "Task_ReleaseOpinions";
    public static final String RELEASE_WITHDRAWN_OPINIONS = "Task_ReleaseWithdrawnOpinions";
    public static final String PREPARE_FOLLOW_UPS = "Task_PrepareFollowUps";
    public static final String SCHEDULE_FOLLOW_UP = "Task_ScheduleFollowUp";
    public static final String FOLLOW_UP = "Task_FollowUpProposal";
    /** 确定办理渠道: the unit works it in Tasklist, or its own system receives it (HANDLE_PROPOSAL). */
    public static final String CHOOSE_UNIT_CHANNEL = "Task_ChooseUnitChannel";
    /** 送达单位系统: asynchronous, retried, idempotent per proposal, unit and round. */
    public static final String DELIVER = "Task_DeliverProposal";
    /** 等待单位系统答复: the unit's system answers through POST /api/departments/{code}/replies. */
    public static final String AWAIT_UNIT_SYSTEM = "Task_AwaitUnitSystem";
    /** 督办代表建议 (congress-office): a unit's reply is overdue. */
    public static final String SUPERVISE = "Task_SuperviseProposal";
    public static final String APPLY_SUPERVISION = "Task_ApplyProposalSupervision";

    private Task() {}
  }

  public static final class Event {
    public static final String SUBMITTED = "StartEvent_ProposalSubmitted";
    public static final String TIMER_CO_SIGN_DEADLINE = "Timer_CoSignDeadline";
    public static final String WITHDRAWN = "Event_Withdrawn";
    public static final String RETURNED_TO_OPINION = "Event_ReturnedToOpinion";
    public static final String UNIT_REPLIED = "Event_UnitReplied";
    public static final String UNIT_RETURNED = "Event_UnitReturned";
    public static final String RETURNED_BY_UNIT = "Event_ReturnedByUnit";
    public static final String CLOSED = "Event_Closed";
    public static final String TIMER_FOLLOW_UP_DUE = "Timer_FollowUpDue";
    public static final String TIMER_URGE_UNIT = "Timer_UrgeUnit";
    /** 三色督办: at lightYellowAt, while the unit works in Tasklist. */
    public static final String TIMER_LIGHT_YELLOW_UNIT = "Timer_LightYellowUnit";
    /** 三色督办: at lightYellowAt, while the unit's own system works on it. */
    public static final String TIMER_LIGHT_YELLOW_UNIT_SYSTEM = "Timer_LightYellowUnitSystem";
    public static final String TIMER_UNIT_OVERDUE = "Timer_UnitOverdue";
    public static final String TIMER_UNIT_SYSTEM_OVERDUE = "Timer_UnitSystemOverdue";
    public static final String TIMER_URGE_UNIT_SYSTEM = "Timer_UrgeUnitSystem";
    /** 督办改派: the office takes the proposal back to 交办 (ends all handling, like a unit's return). */
    public static final String UNIT_REASSIGNED = "Event_UnitReassigned";

    private Event() {}
  }

  /** Messages the process waits for. */
  public static final class Message {
    /** A unit's own system answered (correlated to that unit's 等待单位系统答复 only). */
    public static final String UNIT_SYSTEM_REPLIED = "Message_ProposalUnitReplied";

    private Message() {}
  }

  /** The department operation of a unit's handling when the unit has its own system. */
  public static final String HANDLE_PROPOSAL = "HANDLE_PROPOSAL";

  /** Process variables, documented in the model's documentation and processes/README.md. */
  public static final class Var {
    public static final String PROPOSAL_ID = "proposalId";
    public static final String PROPOSAL_NO = "proposalNo";
    public static final String TITLE = "title";
    public static final String REASONS = "reasons";
    public static final String CONTENT = "content";
    public static final String CATEGORY = "category";
    public static final String CATEGORY_NAME = "categoryName";
    public static final String LEAD_DEPUTY = "leadDeputy";
    public static final String LEAD_DEPUTY_NAME = "leadDeputyName";
    /** True when staff or an analyst entered the proposal on the lead's behalf: the lead confirms it first. */
    public static final String NEEDS_CONFIRMATION = "needsConfirmation";
    /** Transient: the co-signers still to be asked, from the proposal's record (the multi-instance collection). */
    public static final String CO_SIGNER_LIST = "coSignerList";
    /** Local to each 联名 task: the co-signer it asks (its assignee). */
    public static final String CO_SIGNER = "coSigner";
    public static final String CO_SIGN_DEADLINE = "coSignDeadline";
    public static final String CO_SIGNERS_SUMMARY = "coSignersSummary";
    public static final String CONFIRM_DECISION = "confirmDecision";
    public static final String CO_SIGN_DECISION = "coSignDecision";
    public static final String PROPOSAL_REVIEW = "proposalReview";
    public static final String REVIEW_COMMENT = "reviewComment";
    public static final String HANDLING_MODE = "handlingMode";
    public static final String LEAD_UNIT = "leadUnit";
    public static final String ASSIST_UNITS = "assistUnits";
    public static final String UNITS = "units";
    public static final String ASSIGN_NOTE = "assignNote";
    /** Transient: the groups of the units that reply (主办, or each unit when SEPARATE), from the proposal's record. */
    public static final String HANDLING_UNIT_LIST = "handlingUnitList";
    /** Transient: the groups of the 协办 units, from the proposal's record. */
    public static final String ASSIST_UNIT_LIST = "assistUnitList";
    /** Local to each unit's 办理: the unit's group (candidate group of 办理). */
    public static final String HANDLING_UNIT = "handlingUnit";
    /** Local to each 协办: the unit's group. */
    public static final String ASSIST_UNIT = "assistUnit";
    public static final String HANDLING_DUE_DATE = "handlingDueDate";
    public static final String ASSIST_DUE_DATE = "assistDueDate";
    /** The 协办 units' views so far, shown to the 主办. */
    public static final String ASSIST_VIEWS = "assistViews";
    public static final String HANDLING_ACTION = "handlingAction";
    public static final String CONTACTED_ON = "contactedOn";
    public static final String CONTACT_WAY = "contactWay";
    public static final String PROPOSAL_RESULT = "proposalResult";
    public static final String REPLY_TEXT = "replyText";
    public static final String RETURN_REASON = "returnReason";
    public static final String ASSIST_VIEW = "assistView";
    /** Local to each unit's handling: its reply due date (handlingDueDate, moved by an approved extension). */
    public static final String UNIT_DUE_DATE = "unitDueDate";
    /** 催办 of the units' replies, planned as the opinion loop plans it (set by 下达办理). */
    public static final String HANDLING_URGE_AT = "handlingUrgeAt";
    /** Local to each unit's handling: its 催办 moment (handlingUrgeAt, moved by an approved extension). */
    public static final String UNIT_URGE_AT = "unitUrgeAt";
    /** 计划解决日期 of a class B answer. */
    public static final String FOLLOW_UP_ON = "followUpOn";
    /** Transient: the groups of the units whose answer is class B, from the proposal's record. */
    public static final String FOLLOW_UP_UNIT_LIST = "followUpUnitList";
    /** Local to each 跟踪落实: the unit's group. */
    public static final String FOLLOW_UP_UNIT = "followUpUnit";
    /** Local to each 跟踪落实: when its timer fires (09:00 of followUpOn). */
    public static final String FOLLOW_UP_DATE = "followUpDate";
    public static final String FOLLOW_UP_TEXT = "followUpText";
    public static final String EXTENSION_DEADLINE = "extensionDeadline";
    public static final String EXTENSION_REASON = "extensionReason";
    public static final String EXTENSION_DECISION = "extensionDecision";
    public static final String APPROVED_DEADLINE = "approvedDeadline";
    public static final String EXTENSION_COMMENT = "extensionComment";
    /** The units' answers, shown to the lead deputy for the evaluation; set by 汇总答复. */
    public static final String ANSWERS_SUMMARY = "answersSummary";
    public static final String DEPUTY_RATING = "deputyRating";
    public static final String EVALUATION_COMMENT = "evaluationComment";
    /** Set with each evaluation from the proposal's record: whether 不满意 may still send it back to the units (once). */
    public static final String REHANDLE_ALLOWED = "rehandleAllowed";
    public static final String CLOSE_NOTE = "closeNote";
    /** Local to each unit's handling: INBOX (Tasklist) or HTTP (its own system), set by 确定办理渠道. */
    public static final String UNIT_CHANNEL = "unitChannel";
    /** How many times 下达办理 has run (1 at 交办; again after a unit's return or a 不满意): part of the idempotency key. */
    public static final String HANDLING_ROUND = "handlingRound";
    /**
     * 督办决定 (local to the unit's handling), the opinion loop's {@link SupervisionDecision}: URGE 再次催办 (a short grace
     * period), EXTEND 延长期限 (the office's date), REASSIGN 重新交办 (back to 交办, where the office chooses the units).
     */
    public static final String SUPERVISION_DECISION = "supervisionDecision";
    /** 督办 · 延长期限: the new reply date (yyyy-MM-dd). */
    public static final String NEW_DEADLINE = "newDeadline";
    public static final String SUPERVISION_NOTE = "supervisionNote";
    /** Local to the tasks about one unit (督办, 审批延期申请): the unit's name and reply date, as the forms show them. */
    public static final String HANDLING_UNIT_NAME = "handlingUnitName";
    public static final String UNIT_DUE_DAY = "unitDueDay";

    private Var() {}
  }

  /** 领衔代表确认, {@link Var#CONFIRM_DECISION}. */
  public enum ConfirmDecision { CONFIRM, WITHDRAW }

  /** 联名, {@link Var#CO_SIGN_DECISION}. */
  public enum CoSignDecision { AGREE, DECLINE }

  /** 审核, {@link Var#PROPOSAL_REVIEW}. */
  public enum Review { ACCEPT, RETURN, TO_OPINION }

  /** 交办方式, {@link Var#HANDLING_MODE}: 主办 + 协办, or each unit on its own. */
  public enum HandlingMode { LEAD_ASSIST, SEPARATE }

  /** 办理, {@link Var#HANDLING_ACTION}: answer the proposal, or return it as not this unit's. */
  public enum HandlingAction { REPLY, RETURN, REQUEST_EXTENSION }

  /** 延期审批, {@link Var#EXTENSION_DECISION}. */
  public enum ExtensionDecision { APPROVE, REFUSE }

  /** 办前联系的方式, {@link Var#CONTACT_WAY}. */
  public enum ContactWay { VISIT, MEETING, PHONE, OTHER }

  /** 办理结果, {@link Var#PROPOSAL_RESULT}: A 已解决/采纳, B 正在解决/计划解决, C 因条件限制暂不能解决, D 留作参考. */
  public enum ProposalResult { A, B, C, D }

  /** 代表评价, {@link Var#DEPUTY_RATING}. */
  public enum Rating { SATISFIED, BASICALLY_SATISFIED, DISSATISFIED }

  static final int MAX_TITLE = 100;
  static final int MAX_REASONS = 2000;
  static final int MAX_CONTENT = 4000;
  static final int MAX_COMMENT = 1000;

  /** Per user task, the variables its completion accepts (the form's fields); anything else is refused. */
  public static final Map<String, Map<String, TaskField>> TASK_CONTRACTS = Map.ofEntries(
      Map.entry(Task.CONFIRM, fields(choice(Var.CONFIRM_DECISION, ConfirmDecision.class))),
      Map.entry(Task.CO_SIGN, fields(choice(Var.CO_SIGN_DECISION, CoSignDecision.class))),
      Map.entry(Task.REVIEW, fields(choice(Var.PROPOSAL_REVIEW, Review.class),
          text(Var.REVIEW_COMMENT, MAX_COMMENT))),
      Map.entry(Task.REVISE, fields(text(Var.TITLE, MAX_TITLE), text(Var.REASONS, MAX_REASONS),
          text(Var.CONTENT, MAX_CONTENT))),
      Map.entry(Task.ASSIGN, fields(choice(Var.HANDLING_MODE, HandlingMode.class), text(Var.LEAD_UNIT, 64),
          list(Var.ASSIST_UNITS, null, 2000), list(Var.UNITS, null, 2000), text(Var.ASSIGN_NOTE, MAX_COMMENT))),
      Map.entry(Task.HANDLE, fields(choice(Var.HANDLING_ACTION, HandlingAction.class), date(Var.CONTACTED_ON),
          choice(Var.CONTACT_WAY, ContactWay.class), choice(Var.PROPOSAL_RESULT, ProposalResult.class),
          date(Var.FOLLOW_UP_ON), text(Var.REPLY_TEXT, MAX_CONTENT), text(Var.RETURN_REASON, MAX_COMMENT),
          date(Var.EXTENSION_DEADLINE), text(Var.EXTENSION_REASON, MAX_COMMENT))),
      Map.entry(Task.APPROVE_EXTENSION, fields(choice(Var.EXTENSION_DECISION, ExtensionDecision.class),
          date(Var.APPROVED_DEADLINE), text(Var.EXTENSION_COMMENT, MAX_COMMENT))),
      Map.entry(Task.SUPERVISE, fields(choice(Var.SUPERVISION_DECISION, SupervisionDecision.class), date(Var.NEW_DEADLINE),
          text(Var.SUPERVISION_NOTE, MAX_COMMENT))),
      Map.entry(Task.ASSIST, fields(text(Var.ASSIST_VIEW, MAX_REASONS))),
      Map.entry(Task.FOLLOW_UP, fields(text(Var.FOLLOW_UP_TEXT, MAX_REASONS))),
      Map.entry(Task.EVALUATE, fields(choice(Var.DEPUTY_RATING, Rating.class),
          text(Var.EVALUATION_COMMENT, MAX_COMMENT))),
      Map.entry(Task.CLOSE_DISSATISFIED, fields(text(Var.CLOSE_NOTE, MAX_COMMENT))));

  static Map<String, TaskField> fields(TaskField... fields) {
    var map = new LinkedHashMap<String, TaskField>();
    Arrays.stream(fields).forEach(f -> map.put(f.name(), f));
    return Collections.unmodifiableMap(map);
  }
}
