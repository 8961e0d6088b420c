package cn.liaison.platform.reception;

import static cn.liaison.platform.system.TaskField.text;

import cn.liaison.platform.system.TaskField;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The contract of processes/reception/mobile-reception.bpmn: ids, variable names and, per user task, the variables
 * its completion accepts ({@link #TASK_CONTRACTS}), checked inside the engine by ReceptionTaskRules.
 */
public final class ReceptionProcess {

  public static final String KEY = "mobile-reception";

  private ReceptionProcess() {}

  public static final class Task {
    public static final String OPEN = "Task_OpenReception";
    public static final String RECEIVE_VISITORS = "Task_ReceiveVisitors";
    public static final String END = "Task_EndReception";
    public static final String SUMMARIZE = "Task_SummarizeReception";
    public static final String SAVE_SUMMARY = "Task_SaveReceptionSummary";

    private Task() {}
  }

  public static final class Event {
    public static final String ANNOUNCED = "Event_ReceptionAnnounced";
    public static final String TIMER_SESSION_STARTS = "Timer_SessionStarts";
    public static final String TIMER_SESSION_ENDS = "Timer_SessionEnds";
    public static final String CLOSED = "Event_ReceptionClosed";

    private Event() {}
  }

  /** Process variables, documented in the process and in processes/README.md. */
  public static final class Var {
    public static final String RECEPTION_ID = "receptionId";
    public static final String RECEPTION_NO = "receptionNo";
    public static final String STATION_CODE = "stationCode";
    public static final String STATION_NAME = "stationName";
    public static final String STATION_STAFF_GROUP = "stationStaffGroup";
    public static final String KIND_LABEL = "kindLabel";
    public static final String THEME = "theme";
    public static final String PLACE = "place";
    public static final String STARTS_AT = "startsAt";
    public static final String ENDS_AT = "endsAt";
    public static final String TIME_TEXT = "timeText";
    public static final String SUMMARY_DUE = "summaryDue";
    public static final String DEPUTIES_ON_DUTY = "deputiesOnDuty";
    public static final String FIELD_PAGE = "fieldPage";
    public static final String FIGURES_TEXT = "figuresText";
    public static final String SUMMARY = "summary";
    public static final String TOWN_ISSUES = "townIssues";
    public static final String SAFETY_HAZARDS = "safetyHazards";
    public static final String PETITION_SIGNS = "petitionSigns";

    private Var() {}
  }

  public static final Map<String, Map<String, TaskField>> TASK_CONTRACTS = Map.of(
      Task.RECEIVE_VISITORS, fields(),
      Task.SUMMARIZE, fields(text(Var.SUMMARY, 4000), text(Var.TOWN_ISSUES, 4000), text(Var.SAFETY_HAZARDS, 4000),
          text(Var.PETITION_SIGNS, 4000)));

  static Map<String, TaskField> fields(TaskField... fields) {
    var map = new LinkedHashMap<String, TaskField>();
    Arrays.stream(fields).forEach(f -> map.put(f.name(), f));
    return Collections.unmodifiableMap(map);
  }
}
