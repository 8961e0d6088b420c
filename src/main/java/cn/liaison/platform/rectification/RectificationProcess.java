package cn.liaison.platform.rectification;

import static cn.liaison.platform.system.TaskField.bool;
import static cn.liaison.platform.system.TaskField.choice;
import static cn.liaison.platform.system.TaskField.text;

import cn.liaison.platform.system.TaskField;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The contract of processes/rectification/rectification-problem.bpmn (一网四制: 处理, 监督, 反馈, 销号): ids, variable
 * names, decisions and, per user task, the variables its completion accepts ({@link #TASK_CONTRACTS}), checked
 * inside the engine by RectificationTaskRules.
 */
public final class RectificationProcess {

  public static final String KEY = "rectification-problem";

  private RectificationProcess() {}

  public static final class Task {
    public static final String RECTIFY = "Task_RectifyProblem";
    public static final String VERIFY = "Task_VerifyRectification";
    public static final String RECORD_FEEDBACK = "Task_RecordFeedback";
    public static final String NOTIFY_CITIZEN = "Task_NotifyCitizen";
    public static final String CLOSE = "Task_CloseProblem";
    public static final String URGE = "Task_UrgeRectification";
    /** 三色督办: the problem's light turns yellow (after {@link Event#TIMER_LIGHT_YELLOW}). */
    public static final String TURN_LIGHT_YELLOW = "Task_TurnLightYellow";
    public static final String ESCALATE = "Task_EscalateOverdue";
    public static final String SEND_TO_UNIT_SYSTEM = "Task_SendToUnitSystem";
    public static final String HANDLING = "SubProcess_Handling";

    private Task() {}
  }

  public static final class Event {
    public static final String TIMER_URGE = "Timer_UrgeRectification";
    public static final String TIMER_OVERDUE = "Timer_RectificationOverdue";
    /** 三色督办: at lightYellowAt (supervision.SupervisionLight#YELLOW_AT_VAR). */
    public static final String TIMER_LIGHT_YELLOW = "Timer_LightYellow";
    public static final String CLOSED = "Event_ProblemClosed";
    public static final String UNIT_SYSTEM_REPORTED = "Event_UnitSystemReported";

    private Event() {}
  }

  /** Messages the process waits for. */
  public static final class Message {
    /** A unit's own system reported the problem rectified (its signed FINAL reply with result SOLVED). */
    public static final String UNIT_SYSTEM_REPORTED = "Message_UnitSystemReported";

    private Message() {}
  }

  /** The department operation of a unit's own system, over the signed HTTP channel. */
  public static final String OPERATION = "RECTIFY_PROBLEM";

  /** Process variables, documented in the process and in processes/README.md. */
  public static final class Var {
    public static final String PROBLEM_ID = "problemId";
    public static final String PROBLEM_NO = "problemNo";
    public static final String DRIVE_CODE = "driveCode";
    public static final String DRIVE_NAME = "driveName";
    public static final String TASK_NO = "taskNo";
    public static final String TASK_TITLE = "taskTitle";
    public static final String DESCRIPTION = "description";
    public static final String GRID_NAME = "gridName";
    public static final String DEADLINE_TEXT = "deadlineText";
    public static final String UNIT_GROUP = "unitGroup";
    public static final String UNIT_CHANNEL = "unitChannel";
    public static final String GRID_DEPUTY = "gridDeputy";
    public static final String STATION_STAFF_GROUP = "stationStaffGroup";
    public static final String FROM_OPINION = "fromOpinion";
    public static final String DUE_AT = "dueAt";
    public static final String URGE_AT = "urgeAt";
    public static final String EVIDENCE_LINK = "evidenceLink";
    public static final String MEASURES = "measures";
    public static final String PROGRESS = "progress";
    public static final String RECTIFIED = "rectified";
    public static final String VERIFICATION = "verification";
    public static final String VERIFICATION_NOTE = "verificationNote";
    public static final String FEEDBACK = "feedback";
    public static final String CLOSE_NOTE = "closeNote";

    private Var() {}
  }

  /** 核验结论, {@link Var#VERIFICATION}: 通过 (→ 反馈) or 不通过 (→ back to 处理). */
  public enum Verification { PASS, FAIL }

  public static final Map<String, Map<String, TaskField>> TASK_CONTRACTS = Map.of(
      Task.RECTIFY, fields(text(Var.MEASURES, 2000), text(Var.PROGRESS, 1000), bool(Var.RECTIFIED)),
      Task.VERIFY, fields(choice(Var.VERIFICATION, Verification.class), text(Var.VERIFICATION_NOTE, 500)),
      Task.RECORD_FEEDBACK, fields(text(Var.FEEDBACK, 1000)),
      Task.CLOSE, fields(text(Var.CLOSE_NOTE, 500)));

  static Map<String, TaskField> fields(TaskField... fields) {
    var map = new LinkedHashMap<String, TaskField>();
    Arrays.stream(fields).forEach(f -> map.put(f.name(), f));
    return Collections.unmodifiableMap(map);
  }
}
