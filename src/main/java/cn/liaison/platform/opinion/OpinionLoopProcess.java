package cn.liaison.platform.opinion;

import static cn.liaison.platform.system.TaskField.choice;
import static cn.liaison.platform.system.TaskField.date;
import static cn.liaison.platform.system.TaskField.integer;
import static cn.liaison.platform.system.TaskField.text;

import cn.liaison.platform.system.TaskField;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The contract of processes/opinion/opinion-loop.bpmn: ids, variable names, decisions and, per user task, the
 * variables its completion accepts ({@link #TASK_CONTRACTS}). Code and tests use these instead of literals, and
 * the engine refuses any completion outside them (system.TaskCompletionGuard).
 */
public final class OpinionLoopProcess {

  public static final String KEY = "opinion-loop";
  public static final String TRIAGE_DECISION = "opinion-triage";

  private OpinionLoopProcess() {}

  public static final class Task {
    public static final String TRIAGE = "Task_TriageOpinion";
    public static final String SORT = "Task_SortOpinion";
    public static final String ANALYZE = "Task_AnalyzeOpinion";
    public static final String ASSIGN = "Task_AssignDepartment";
    public static final String HANDLE = "Task_HandleAtDepartment";
    public static final String URGE = "Task_UrgeDepartment";
    public static final String FLAG_OVERDUE = "Task_FlagOverdue";
    public static final String SUPERVISE = "Task_SuperviseOverdue";
    public static final String APPLY_SUPERVISION = "Task_ApplySupervision";
    public static final String APPROVE_EXTENSION = "Task_ApproveExtension";
    public static final String APPLY_EXTENSION = "Task_ApplyExtensionDecision";
    public static final String RECORD_REPLY = "Task_RecordReply";
    public static final String REOPEN = "Task_ReopenOpinion";
    public static final String REVIEW_DISSATISFIED = "Task_ReviewDissatisfied";
    public static final String CLOSE = "Task_CloseOpinion";
    public static final String CLOSE_AS_DUPLICATE = "Task_CloseAsDuplicate";
    public static final String REJECT = "Task_RejectOpinion";
    public static final String RECORD_FOR_PROPOSAL = "Task_RecordForProposal";
    public static final String BACK_FROM_PROPOSAL = "Task_BackFromProposal";
    public static final String HANDLING = "SubProcess_DepartmentHandling";
    /** 代表先行答复: the deputy the citizen addressed answers, forwards or keeps it for a proposal. */
    public static final String DEPUTY_FIRST_RESPONSE = "Task_DeputyFirstResponse";
    /** 转联络站并告知代表: the deputy let the deadline pass. */
    public static final String MOVE_TO_STATION = "Task_MoveToStation";
    /** 三色督办: the light turns yellow (after {@link Event#TIMER_LIGHT_YELLOW}). */
    public static final String TURN_LIGHT_YELLOW = "Task_TurnLightYellow";

    private Task() {}
  }

  public static final class Event {
    public static final String AWAIT_PROPOSAL_REPLY = "Event_AwaitProposalReply";
    public static final String DEPARTMENT_SYSTEM_REPLIED = "Event_DepartmentSystemReplied";
    public static final String AWAIT_EVALUATION = "Gateway_AwaitEvaluation";
    public static final String CITIZEN_EVALUATED = "Event_CitizenEvaluated";
    public static final String TIMER_URGE = "Timer_Urge";
    public static final String TIMER_OVERDUE = "Timer_Overdue";
    /** 三色督办: at lightYellowAt (supervision.SupervisionLight#YELLOW_AT_VAR). */
    public static final String TIMER_LIGHT_YELLOW = "Timer_LightYellow";
    public static final String TIMER_EVALUATION_TIMEOUT = "Timer_EvaluationTimeout";
    public static final String TIMER_DEPUTY_RESPONSE = "Timer_DeputyResponseDeadline";
    public static final String CLOSED = "Event_Closed";
    public static final String REJECTED = "Event_Rejected";
    public static final String CLOSED_AS_DUPLICATE = "Event_ClosedAsDuplicate";

    private Event() {}
  }

  public static final class Message {
    public static final String CITIZEN_EVALUATED = "Message_CitizenEvaluated";
    public static final String PROPOSAL_REPLIED = "Message_ProposalReplied";

    private Message() {}
  }

  /** Process variables: the public contract of the forms, documented in processes/README.md. */
  public static final class Var {
    public static final String OPINION_ID = "opinionId";
    public static final String TICKET_NO = "ticketNo";
    public static final String STATION_CODE = "stationCode";
    public static final String STATION_NAME = "stationName";
    /** The station's own staff group (station-staff-<code>), candidates of 汇总梳理; set at start from the station. */
    public static final String STATION_STAFF_GROUP = "stationStaffGroup";
    public static final String CATEGORY = "category";
    public static final String CATEGORY_NAME = "categoryName";
    public static final String CONTENT = "content";
    public static final String PLACE = "place";
    public static final String CHANNEL = "channel";
    public static final String CONTACT_MASKED = "contactMasked";
    public static final String HISTORY = "opinionHistory";
    public static final String REOPEN_COUNT = "reopenCount";
    /** Days the citizen has to evaluate, as an ISO duration (P7D); set at start from liaison.opinion.evaluation-days. */
    public static final String EVALUATION_WINDOW = "evaluationWindow";
    /** Times 不满意 reopens the opinion before 不满意复核; set at start from liaison.opinion.reopen-limit. */
    public static final String REOPEN_LIMIT = "reopenLimit";
    public static final String SORT_DECISION = "sortDecision";
    public static final String DUPLICATE_OF = "duplicateOf";
    public static final String PROPOSED_DEPARTMENT = "proposedDepartmentCode";
    public static final String DEPARTMENT_CODE = "departmentCode";
    public static final String GRADE = "grade";
    public static final String DEADLINE_DAYS = "deadlineDays";
    public static final String ROUTE = "route";
    public static final String ANSWER_TEXT = "answerText";
    public static final String REJECT_REASON = "rejectReason";
    public static final String PROPOSAL_DEPUTY = "proposalDeputy";
    /** With Message_ProposalReplied: true when no proposal took the opinion up (then replyText is the reason). */
    public static final String PROPOSAL_DECLINED = "proposalDeclined";
    public static final String DUE_DATE = "dueDate";
    public static final String URGE_AT = "urgeAt";
    public static final String HANDLING_ACTION = "handlingAction";
    public static final String REPLY_RESULT = "replyResult";
    public static final String REPLY_TEXT = "replyText";
    public static final String REPLY_MEASURES = "replyMeasures";
    public static final String EXTENSION_DEADLINE = "extensionDeadline";
    public static final String EXTENSION_REASON = "extensionReason";
    public static final String EXTENSION_DECISION = "extensionDecision";
    public static final String APPROVED_DEADLINE = "approvedDeadline";
    public static final String EXTENSION_COMMENT = "extensionComment";
    public static final String SUPERVISION_DECISION = "supervisionDecision";
    public static final String NEW_DEADLINE = "newDeadline";
    public static final String SUPERVISION_NOTE = "supervisionNote";
    public static final String RATING = "rating";
    public static final String LAST_EVALUATION_COMMENT = "lastEvaluationComment";
    public static final String REVIEW_DECISION = "reviewDecision";
    public static final String REVIEW_NOTE = "reviewNote";
    public static final String ASSIGNMENT_ROUND = "assignmentRound";
    public static final String DEPARTMENT_CHANNEL = "departmentChannel";
    public static final String DEPARTMENT_GROUP = "departmentGroup";
    public static final String TRIAGE = "triage";
    /**
     * The deputy the citizen addressed (user id), resolved by the platform from the deputy's code at submission and
     * never from a form; null for an opinion sent to the station only.
     */
    public static final String DEPUTY = "deputy";
    /** When the deputy's first response is due (Date): liaison.opinion.deputy-response-days working days. */
    public static final String DEPUTY_RESPONSE_DUE = "deputyResponseDue";
    public static final String DEPUTY_ACTION = "deputyAction";
    /** The deputy's answer to the citizen (with ANSWER). */
    public static final String DEPUTY_REPLY = "deputyReply";
    /** The deputy's note for the station's staff (with FORWARD or TO_PROPOSAL). */
    public static final String DEPUTY_NOTE = "deputyNote";

    private Var() {}
  }

  /** 梳理结果, {@link Var#SORT_DECISION}. */
  public enum SortDecision { CONFIRM, DUPLICATE }

  /** 等级, {@link Var#GRADE}. */
  public enum Grade { URGENT, GENERAL, COMPLEX }

  /** 研判路径, {@link Var#ROUTE}. */
  public enum Route { ANSWER_DIRECTLY, ASSIGN_DEPARTMENT, TO_PROPOSAL, REJECT }

  /** 部门办理, {@link Var#HANDLING_ACTION}. */
  public enum HandlingAction { REPLY, REQUEST_EXTENSION }

  /** 督办决定, {@link Var#SUPERVISION_DECISION}. */
  public enum SupervisionDecision { URGE, EXTEND, REASSIGN }

  /** 延期审批, {@link Var#EXTENSION_DECISION}. */
  public enum ExtensionDecision { APPROVE, REFUSE }

  /** 不满意复核, {@link Var#REVIEW_DECISION}. */
  public enum ReviewDecision { REOPEN, CLOSE }

  /** Where a reply came from (opinion_reply.source). */
  public enum ReplySource { ANALYST, DEPARTMENT, PROPOSAL, DEPUTY }

  /** 代表处理方式, {@link Var#DEPUTY_ACTION}. */
  public enum DeputyAction { ANSWER, FORWARD, TO_PROPOSAL }

  /**
   * Per user task, the variables its completion accepts (the form's fields). Anything else is refused, so a
   * completion cannot point the task at another record (opinionId, ticketNo) or rewrite the process's state.
   */
  public static final Map<String, Map<String, TaskField>> TASK_CONTRACTS = Map.of(
      Task.SORT, fields(choice(Var.SORT_DECISION, SortDecision.class), text(Var.DUPLICATE_OF, 32),
          text(Var.CATEGORY, 32), text(Var.DEPARTMENT_CODE, 64), choice(Var.GRADE, Grade.class),
          integer(Var.DEADLINE_DAYS)),
      Task.ANALYZE, fields(choice(Var.ROUTE, Route.class), text(Var.DEPARTMENT_CODE, 64),
          text(Var.ANSWER_TEXT, 2000), text(Var.REJECT_REASON, 1000), text(Var.PROPOSAL_DEPUTY, 64)),
      Task.HANDLE, fields(choice(Var.HANDLING_ACTION, HandlingAction.class), choice(Var.REPLY_RESULT,
          ReplyResult.class), text(Var.REPLY_TEXT, 4000), text(Var.REPLY_MEASURES, 2000),
          date(Var.EXTENSION_DEADLINE), text(Var.EXTENSION_REASON, 1000)),
      Task.SUPERVISE, fields(choice(Var.SUPERVISION_DECISION, SupervisionDecision.class), date(Var.NEW_DEADLINE),
          text(Var.DEPARTMENT_CODE, 64), text(Var.SUPERVISION_NOTE, 1000)),
      Task.APPROVE_EXTENSION, fields(choice(Var.EXTENSION_DECISION, ExtensionDecision.class),
          date(Var.APPROVED_DEADLINE), text(Var.EXTENSION_COMMENT, 1000)),
      Task.REVIEW_DISSATISFIED, fields(choice(Var.REVIEW_DECISION, ReviewDecision.class),
          text(Var.REVIEW_NOTE, 1000)),
      Task.DEPUTY_FIRST_RESPONSE, fields(choice(Var.DEPUTY_ACTION, DeputyAction.class), text(Var.DEPUTY_REPLY, 2000),
          text(Var.DEPUTY_NOTE, 1000)));

  static Map<String, TaskField> fields(TaskField... fields) {
    var map = new LinkedHashMap<String, TaskField>();
    Arrays.stream(fields).forEach(f -> map.put(f.name(), f));
    return java.util.Collections.unmodifiableMap(map);
  }
}
