package cn.liaison.platform.project;

import static cn.liaison.platform.system.TaskField.choice;
import static cn.liaison.platform.system.TaskField.date;
import static cn.liaison.platform.system.TaskField.integer;
import static cn.liaison.platform.system.TaskField.text;

import cn.liaison.platform.system.TaskField;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The contract of processes/project/project-supervision.bpmn (项目督查): ids, variable names and, per user task, the
 * variables its completion accepts ({@link #TASK_CONTRACTS}), checked inside the engine by ProjectTaskRules.
 */
public final class ProjectProcess {

  public static final String KEY = "project-supervision";

  private ProjectProcess() {}

  public static final class Task {
    public static final String MILESTONE = "SubProcess_Milestone";
    public static final String PREPARE_MILESTONE = "Task_PrepareMilestone";
    public static final String INSPECT = "Task_InspectMilestone";
    public static final String ACCEPT = "Task_AcceptProject";

    private Task() {}
  }

  public static final class Event {
    public static final String TIMER_MILESTONE_DUE = "Timer_MilestoneDue";
    public static final String CLOSED = "Event_ProjectClosed";

    private Event() {}
  }

  /** Process variables, documented in the process. */
  public static final class Var {
    public static final String PROJECT_ID = "projectId";
    public static final String PROJECT_CODE = "projectCode";
    public static final String PROJECT_NAME = "projectName";
    public static final String KIND_LABEL = "kindLabel";
    public static final String TOWN = "town";
    public static final String CONTRACTOR = "contractor";
    public static final String MILESTONE_IDS = "milestoneIds";
    public static final String MILESTONE_ID = "milestoneId";
    public static final String MILESTONE_NAME = "milestoneName";
    public static final String MILESTONE_DUE = "milestoneDue";
    public static final String MILESTONE_DUE_TEXT = "milestoneDueText";
    public static final String SUPERVISING_DEPUTIES = "supervisingDeputies";
    public static final String PROJECT_PAGE = "projectPage";
    public static final String FIGURES_TEXT = "figuresText";
    public static final String INSPECTED_ON = "inspectedOn";
    public static final String FINDINGS = "findings";
    public static final String MILESTONE_STATUS = "milestoneStatus";
    public static final String FARMERS_VISITED = "farmersVisited";
    public static final String FARMERS_SAID = "farmersSaid";
    public static final String PROBLEMS = "problems";
    public static final String ACCEPTANCE_OPINION = "acceptanceOpinion";

    private Var() {}
  }

  /** 检查结论, {@link Var#MILESTONE_STATUS}. */
  public enum Finding { ON_TRACK, DELAYED, PROBLEM }

  public static final Map<String, Map<String, TaskField>> TASK_CONTRACTS = Map.of(
      Task.INSPECT, fields(date(Var.INSPECTED_ON), text(Var.FINDINGS, 2000), choice(Var.MILESTONE_STATUS, Finding.class),
          integer(Var.FARMERS_VISITED), text(Var.FARMERS_SAID, 2000), text(Var.PROBLEMS, 4000)),
      Task.ACCEPT, fields(text(Var.ACCEPTANCE_OPINION, 2000)));

  static Map<String, TaskField> fields(TaskField... fields) {
    var map = new LinkedHashMap<String, TaskField>();
    Arrays.stream(fields).forEach(f -> map.put(f.name(), f));
    return Collections.unmodifiableMap(map);
  }
}
