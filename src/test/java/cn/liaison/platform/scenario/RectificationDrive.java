package cn.liaison.platform.scenario;

import cn.liaison.platform.rectification.RectificationProcess;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A rectification drive (整治行动) of a town, launched by a station's staff: its tasks (整改任务) each have a responsible
 * department and a deputy's grid; their problems go 整改 (the department) → 核验 (the grid's deputy) → 反馈 → 销号 (the
 * staff), each in Tasklist.
 */
public final class RectificationDrive {

  private final CountyScenario county;
  private final String code;
  private final String staff;

  private RectificationDrive(CountyScenario county, String code, String staff) {
    this.county = county;
    this.code = code;
    this.staff = staff;
  }

  /** The drive's code. */
  public String code() {
    return code;
  }

  /** The staff list a task for the department in the grid. */
  public Task task(String title, String department, String grid, String deadline) {
    String taskNo = county.as(staff).creates("/api/rectifications/" + code + "/tasks", Map.of("title", title,
        "responsibleUnit", department, "grid", grid, "deadline", deadline)).path("taskNo").asText();
    return new Task(taskNo, department, grid);
  }

  /** The drive's figures, as the user reads them. */
  public JsonNode figures(String user) {
    return county.as(user).read("/api/rectifications/" + code);
  }

  /** A task (整改任务) of the drive. */
  public final class Task {

    private final String taskNo;
    private final String department;
    private final String grid;

    Task(String taskNo, String department, String grid) {
      this.taskNo = taskNo;
      this.department = department;
      this.grid = grid;
    }

    public String taskNo() {
      return taskNo;
    }

    /** A problem the staff list under the task. */
    public ProblemDraft problem(String description) {
      return new ProblemDraft(this, description);
    }
  }

  /** A concrete problem to be listed: where it was found, who is responsible, by when. */
  public final class ProblemDraft {

    private final Task task;
    private final Map<String, Object> body = new LinkedHashMap<>();

    ProblemDraft(Task task, String description) {
      this.task = task;
      body.put("description", description);
    }

    /** RECEPTION, HOME_VISIT or INSPECTION, with the record it comes from (or null). */
    public ProblemDraft source(String source, String sourceRef) {
      body.put("source", source);
      if (sourceRef != null) {
        body.put("sourceRef", sourceRef);
      }
      return this;
    }

    public ProblemDraft foundOn(String day) {
      body.put("foundOn", day);
      return this;
    }

    public ProblemDraft responsible(String person) {
      body.put("responsiblePerson", person);
      return this;
    }

    public ProblemDraft deadline(String day) {
      body.put("deadline", day);
      return this;
    }

    /** Listed by the staff: its process gives it to the department. */
    public Problem listed() {
      String no = county.as(staff).creates("/api/rectifications/" + code + "/tasks/" + task.taskNo + "/problems", body)
          .path("problemNo").asText();
      return new Problem(no, task);
    }
  }

  /** A listed problem in its process. */
  public final class Problem {

    private final String no;
    private final Task task;

    Problem(String no, Task task) {
      this.no = no;
      this.task = task;
    }

    public String no() {
      return no;
    }

    /** 整改 by the department, 核验 by the grid's deputy, 反馈 and 销号 by the staff: crossed off the ledger. */
    public Problem crossedOff() {
      county.as(CountyScenario.userOf(task.department)).completes(no, RectificationProcess.Task.RECTIFY, Map.of(
          RectificationProcess.Var.MEASURES, "已按要求整改并张榜公示", RectificationProcess.Var.PROGRESS, "完成",
          RectificationProcess.Var.RECTIFIED, true));
      county.as(CountyScenario.deputyOf(task.grid)).completes(no, RectificationProcess.Task.VERIFY,
          Map.of(RectificationProcess.Var.VERIFICATION, "PASS"));
      DemoUser staffUser = county.as(staff);
      staffUser.completes(no, RectificationProcess.Task.RECORD_FEEDBACK,
          Map.of(RectificationProcess.Var.FEEDBACK, "在村民代表会议上通报整改结果"));
      staffUser.completes(no, RectificationProcess.Task.CLOSE, Map.of());
      return this;
    }
  }

  /** A drive to be launched. */
  public static final class Draft {

    private final CountyScenario county;
    private final String code;
    private String name = "群众身边不正之风和腐败问题集中整治";
    private String town = "太平镇";
    private String deadline;

    Draft(CountyScenario county, String code) {
      this.county = county;
      this.code = code;
    }

    public Draft named(String name) {
      this.name = name;
      return this;
    }

    public Draft town(String town) {
      this.town = town;
      return this;
    }

    public Draft deadline(String day) {
      this.deadline = day;
      return this;
    }

    /** Launched by the staff user (POST /api/rectifications). */
    public RectificationDrive launchedBy(String staff) {
      county.as(staff).creates("/api/rectifications", Map.of("code", code, "name", name, "town", town,
          "deadline", deadline));
      return new RectificationDrive(county, code, staff);
    }
  }
}
