package cn.liaison.platform.rectification;

import cn.liaison.platform.calendar.WorkingDayCalendar;
import cn.liaison.platform.department.Department;
import cn.liaison.platform.department.Departments;
import cn.liaison.platform.grid.Grid;
import cn.liaison.platform.grid.GridService;
import cn.liaison.platform.grid.Grids;
import cn.liaison.platform.identity.PlatformGroups;
import cn.liaison.platform.opinion.Deadlines;
import cn.liaison.platform.opinion.OpinionProperties;
import cn.liaison.platform.opinion.OpinionService;
import cn.liaison.platform.opinion.Opinions;
import cn.liaison.platform.rectification.Rectification.Drive;
import cn.liaison.platform.rectification.Rectification.Problem;
import cn.liaison.platform.rectification.Rectification.Source;
import cn.liaison.platform.rectification.Rectification.Status;
import cn.liaison.platform.rectification.Rectification.Task;
import cn.liaison.platform.rectification.RectificationProcess.Var;
import cn.liaison.platform.station.Station;
import cn.liaison.platform.station.Stations;
import cn.liaison.platform.system.InvalidInputException;
import cn.liaison.platform.system.NotFoundException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.Variables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Rectification lists (一网四制): drives, their tasks and concrete problems, each problem run by process
 * rectification-problem; the figures (tasks, problems, crossed off, overdue) and who may see what. Each call is one
 * transaction with the engine's work; input is checked whole first, so a refused request stores nothing.
 */
@Service
public class RectificationService {

  private static final Logger log = LoggerFactory.getLogger(RectificationService.class);
  static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{1,63}");
  static final String EVIDENCE_PAGE = "/staff/problems/";

  public record NewDrive(String code, String name, String town, String deadline, String stationCode) {}

  public record NewTask(String title, String responsibleUnit, String grid, String deadline) {}

  public record NewProblem(String description, String source, String sourceRef, String foundOn,
      String responsiblePerson, String deadline) {}

  public record TaskView(String taskNo, String title, String responsibleUnit, String responsibleUnitName,
      String grid, String gridName, String gridDeputy, String gridDeputyName, LocalDate deadline, int problems,
      int rectified, int overdue) {}

  /** A drive's figures: tasks, problems, rectified (crossed off, 已销号), overdue (past the deadline, not crossed off). */
  public record DriveView(String code, String name, String town, String stationCode, LocalDate deadline, int tasks,
      int problems, int rectified, int inProgress, int overdue, List<TaskView> taskList) {}

  public record ProblemView(String problemNo, String driveCode, String driveName, String taskNo, String taskTitle,
      String description, String source, String sourceLabel, String sourceRef, LocalDate foundOn,
      String responsibleUnit, String responsibleUnitName, String responsiblePerson, LocalDate deadline,
      String status, String statusLabel, boolean overdue, String measures, String progress, String verification,
      String verificationNote, String verifiedBy, Instant verifiedAt, int failedVerifications, String feedback,
      String closedBy, Instant closedAt, String gridName, String gridDeputy) {}

  private final Rectifications rectifications;
  private final ProblemNumbers numbers;
  private final Stations stations;
  private final Departments departments;
  private final Grids grids;
  private final GridService gridService;
  private final OpinionService opinions;
  private final Opinions opinionRecords;
  private final RuntimeService runtime;
  private final WorkingDayCalendar calendar;
  private final OpinionProperties opinionRules;
  private final RectificationProperties properties;
  private final Clock clock;

  RectificationService(Rectifications rectifications, ProblemNumbers numbers, Stations stations,
      Departments departments, Grids grids, GridService gridService, OpinionService opinions,
      Opinions opinionRecords, RuntimeService runtime,
      WorkingDayCalendar calendar, OpinionProperties opinionRules, RectificationProperties properties, Clock clock) {
    this.rectifications = rectifications;
    this.numbers = numbers;
    this.stations = stations;
    this.departments = departments;
    this.grids = grids;
    this.gridService = gridService;
    this.opinions = opinions;
    this.opinionRecords = opinionRecords;
    this.runtime = runtime;
    this.calendar = calendar;
    this.opinionRules = opinionRules;
    this.properties = properties;
    this.clock = clock;
  }

  // ---- who may do what ----

  public Drive requireDrive(String code) {
    return (code == null ? java.util.Optional.<Drive>empty() : rectifications.drive(code))
        .orElseThrow(() -> new NotFoundException("整治行动不存在：" + code));
  }

  public Problem requireProblem(String problemNo) {
    return (problemNo == null ? java.util.Optional.<Problem>empty() : rectifications.problem(problemNo))
        .orElseThrow(() -> new NotFoundException("问题不存在：" + problemNo));
  }

  /** The staff of the drive's station, analysts and administrators keep its lists. */
  public boolean mayManage(Drive d, Caller c) {
    return c.in(Station.staffGroupOf(d.stationCode())) || c.in(PlatformGroups.ANALYSTS) || c.in(PlatformGroups.ADMIN);
  }

  /** Those, supervisors, the congress office and auditors read its figures and ledger. */
  public boolean mayRead(Drive d, Caller c) {
    return mayManage(d, c) || c.in(PlatformGroups.SUPERVISORS) || c.in(PlatformGroups.CONGRESS_OFFICE)
        || c.in(PlatformGroups.AUDITORS);
  }

  /** A problem (and its photos): the drive's readers, the responsible unit and the grid's deputy. */
  public boolean maySee(Problem p, Caller c) {
    Task t = rectifications.taskById(p.taskId());
    Drive d = rectifications.driveById(t.driveId());
    return mayRead(d, c) || unitMember(t, c) || gridDeputy(t, c);
  }

  /** Photos are added by the unit, the grid's deputy and the station's staff while the problem is open. */
  public boolean mayAddEvidence(Problem p, Caller c) {
    Task t = rectifications.taskById(p.taskId());
    Drive d = rectifications.driveById(t.driveId());
    return c.in(Station.staffGroupOf(d.stationCode())) || c.in(PlatformGroups.ADMIN) || unitMember(t, c)
        || gridDeputy(t, c);
  }

  private boolean unitMember(Task t, Caller c) {
    return departments.findByCode(t.responsibleUnit()).map(Department::groupId).filter(c::in).isPresent();
  }

  private boolean gridDeputy(Task t, Caller c) {
    return grids.findByCode(t.gridCode()).map(Grid::deputyUserId).filter(c.user()::equals).isPresent();
  }

  // ---- drives, tasks, problems ----

  @Transactional
  public String createDrive(NewDrive r, Caller caller) {
    Map<String, String> errors = new LinkedHashMap<>();
    if (r.code() == null || !CODE.matcher(r.code().strip()).matches()) {
      errors.put("code", "请填写整治行动编码（字母、数字和连字符，2–64 位）");
    } else if (rectifications.driveExists(r.code().strip())) {
      errors.put("code", "整治行动编码已被使用");
    }
    String name = text(r.name(), "name", "请填写整治行动名称", 100, errors);
    String town = text(r.town(), "town", "请填写乡镇", 50, errors);
    LocalDate deadline = date(r.deadline(), "deadline", "整治期限", errors);
    Station station = null;
    if (town != null) {
      station = r.stationCode() != null && !r.stationCode().isBlank()
          ? stations.findByCode(r.stationCode().strip()).filter(Station::active).filter(s -> town.equals(s.town()))
              .orElse(null)
          : stations.findByTown(town).stream().filter(Station::active).findFirst().orElse(null);
      if (station == null) {
        errors.put(r.stationCode() == null ? "town" : "stationCode", "该乡镇没有这个联络站（问题的反馈和销号由乡镇联络站的工作人员负责）");
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    boolean allowed = caller.in(Station.staffGroupOf(station.code())) || caller.in(PlatformGroups.ANALYSTS)
        || caller.in(PlatformGroups.ADMIN);
    if (!allowed) {
      throw new AccessDeniedException("not staff of station " + station.code());
    }
    rectifications.insertDrive(r.code().strip(), name, town, station.code(), deadline, caller.user(), clock.instant());
    log.info("rectification drive {} created for {} by {}", r.code().strip(), town, caller.user());
    return r.code().strip();
  }

  @Transactional
  public String addTask(String driveCode, NewTask r, Caller caller) {
    Drive d = requireDrive(driveCode);
    requireManager(d, caller);
    Map<String, String> errors = new LinkedHashMap<>();
    String title = text(r.title(), "title", "请填写整改任务", 200, errors);
    Department unit = null;
    if (r.responsibleUnit() == null || r.responsibleUnit().isBlank()) {
      errors.put("responsibleUnit", "请选择责任单位");
    } else {
      unit = departments.findByCode(r.responsibleUnit().strip()).filter(Department::active).orElse(null);
      if (unit == null) {
        errors.put("responsibleUnit", "责任单位不在部门目录中或已停用");
      }
    }
    Grid grid = null;
    if (r.grid() == null || r.grid().isBlank()) {
      errors.put("grid", "请选择网格");
    } else {
      grid = grids.findByCode(r.grid().strip()).orElse(null);
      if (grid == null || !grid.town().equals(d.town())) {
        errors.put("grid", "网格不存在或不属于" + d.town());
        grid = null;
      }
    }
    LocalDate deadline = date(r.deadline(), "deadline", "整改期限", errors);
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    String taskNo = String.format("RW%02d", rectifications.taskCount(d.id()) + 1);
    rectifications.insertTask(d.id(), taskNo, title, unit.code(), grid.code(), deadline, caller.user(),
        clock.instant());
    return taskNo;
  }

  /** Registers a concrete problem of the task and starts its process (business key = the problem number). */
  @Transactional
  public String raiseProblem(String driveCode, String taskNo, NewProblem r, Caller caller) {
    Drive d = requireDrive(driveCode);
    Task task = rectifications.task(d.id(), taskNo).orElseThrow(() -> new NotFoundException("整改任务不存在：" + taskNo));
    if (!mayManage(d, caller)) {
      throw new AccessDeniedException("may not raise problems in drive " + d.code());
    }
    Map<String, String> errors = new LinkedHashMap<>();
    String description = text(r.description(), "description", "请描述具体问题", 1000, errors);
    Source source = null;
    try {
      source = r.source() == null ? null : Source.valueOf(r.source().strip());
    } catch (IllegalArgumentException e) {
      source = null;
    }
    if (source == null) {
      errors.put("source", "问题来源只能是 RECEPTION（接待群众）、HOME_VISIT（入户走访）、OPINION（群众意见）或 INSPECTION（督查检查）");
    }
    String sourceRef = r.sourceRef() == null || r.sourceRef().isBlank() ? null : r.sourceRef().strip();
    if (sourceRef != null && sourceRef.length() > 64) {
      errors.put("sourceRef", "来源编号不超过 64 个字符");
    } else if (sourceRef == null && (source == Source.OPINION || source == Source.RECEPTION)) {
      errors.put("sourceRef", source == Source.OPINION ? "请填写群众意见的受理编号" : "请填写接待活动的编号");
    }
    LocalDate foundOn = date(r.foundOn(), "foundOn", "发现日期", errors);
    LocalDate today = LocalDate.ofInstant(clock.instant(), calendar.zone());
    if (foundOn != null && foundOn.isAfter(today)) {
      errors.put("foundOn", "发现日期不能晚于今天");
    }
    String person = text(r.responsiblePerson(), "responsiblePerson", "请填写责任人", 50, errors);
    LocalDate deadline = r.deadline() == null || r.deadline().isBlank() ? task.deadline()
        : date(r.deadline(), "deadline", "整改期限", errors);
    if (deadline != null && foundOn != null && deadline.isBefore(foundOn)) {
      errors.put("deadline", "整改期限不能早于发现日期");
    }
    if (errors.isEmpty() && source == Source.OPINION) {
      // the opinion's own tracking page names the problem (checked first, so a wrong ticket stores nothing)
      var opinion = opinionRecords.findByTicket(sourceRef).orElse(null);
      if (opinion == null) {
        errors.put("sourceRef", "没有这个受理编号的群众意见");
      } else if (!opinion.stationCode().equals(d.stationCode()) && !caller.in(PlatformGroups.ANALYSTS)
          && !caller.in(PlatformGroups.ADMIN)) {
        // a station's staff raise problems from their own station's opinions only (analysts from any)
        errors.put("sourceRef", "这件群众意见不是本联络站受理的，请由研判人员列入整改");
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    Department unit = departments.findByCode(task.responsibleUnit()).orElseThrow();
    Grid grid = grids.findByCode(task.gridCode()).orElseThrow();
    Station station = stations.findByCode(d.stationCode()).orElseThrow();

    String problemNo = numbers.next();
    Instant now = clock.instant();
    long id = rectifications.insertProblem(problemNo, task.id(), description, source, sourceRef, foundOn, person,
        deadline, caller.user(), now);
    if (source == Source.OPINION) {
      opinions.noteRectificationProblem(sourceRef, problemNo, caller.user());
    }
    Instant due = deadline.atTime(properties.dueTime()).atZone(calendar.zone()).toInstant();
    Deadlines plan = Deadlines.plan(calendar, opinionRules, now, due.isAfter(now) ? due : now);
    var variables = Variables.createVariables()
        .putValue(Var.PROBLEM_ID, id)
        .putValue(Var.PROBLEM_NO, problemNo)
        .putValue(Var.DRIVE_CODE, d.code())
        .putValue(Var.DRIVE_NAME, d.name())
        .putValue(Var.TASK_NO, task.taskNo())
        .putValue(Var.TASK_TITLE, task.title())
        .putValue(Var.DESCRIPTION, description)
        .putValue(Var.GRID_NAME, grid.name())
        .putValue(Var.DEADLINE_TEXT, deadline.toString())
        .putValue(Var.UNIT_GROUP, unit.groupId())
        .putValue(Var.UNIT_CHANNEL, unit.channel().name())
        .putValue(Var.GRID_DEPUTY, grid.deputyUserId())
        .putValue(Var.STATION_STAFF_GROUP, station.staffGroup())
        .putValue(Var.FROM_OPINION, source == Source.OPINION)
        .putValue(Var.DUE_AT, Date.from(due))
        .putValue(Var.URGE_AT, plan.urgeDate())
        .putValue(Var.EVIDENCE_LINK, EVIDENCE_PAGE + problemNo);
    String pi = runtime.createProcessInstanceByKey(RectificationProcess.KEY).businessKey(problemNo)
        .setVariables(variables).execute().getId();
    rectifications.setProcessInstance(id, pi);
    log.info("problem {} raised in task {} of drive {} ({})", problemNo, task.taskNo(), d.code(), source);
    return problemNo;
  }

  // ---- views ----

  @Transactional(readOnly = true)
  public DriveView view(String code) {
    Drive d = requireDrive(code);
    LocalDate today = LocalDate.ofInstant(clock.instant(), calendar.zone());
    List<TaskView> tasks = new ArrayList<>();
    int problems = 0;
    int rectified = 0;
    int overdue = 0;
    for (Task t : rectifications.tasks(d.id())) {
      List<Problem> ps = rectifications.problemsOfTask(t.id());
      int closed = (int) ps.stream().filter(p -> p.status() == Status.CLOSED).count();
      int late = (int) ps.stream().filter(p -> overdue(p, today)).count();
      Grid grid = grids.findByCode(t.gridCode()).orElse(null);
      var gridView = grid == null ? null : gridService.view(grid);
      tasks.add(new TaskView(t.taskNo(), t.title(), t.responsibleUnit(), unitName(t.responsibleUnit()), t.gridCode(),
          gridView == null ? null : gridView.name(), gridView == null ? null : gridView.deputy(),
          gridView == null ? null : gridView.deputyName(), t.deadline(), ps.size(), closed, late));
      problems += ps.size();
      rectified += closed;
      overdue += late;
    }
    return new DriveView(d.code(), d.name(), d.town(), d.stationCode(), d.deadline(), tasks.size(), problems,
        rectified, problems - rectified, overdue, tasks);
  }

  @Transactional(readOnly = true)
  public ProblemView problemView(String problemNo) {
    Problem p = requireProblem(problemNo);
    Task t = rectifications.taskById(p.taskId());
    Drive d = rectifications.driveById(t.driveId());
    Grid g = grids.findByCode(t.gridCode()).orElse(null);
    LocalDate today = LocalDate.ofInstant(clock.instant(), calendar.zone());
    return new ProblemView(p.problemNo(), d.code(), d.name(), t.taskNo(), t.title(), p.description(),
        p.source().name(), p.source().label(), p.sourceRef(), p.foundOn(), t.responsibleUnit(),
        unitName(t.responsibleUnit()), p.responsiblePerson(), p.deadline(), p.status().name(), p.status().label(),
        overdue(p, today), p.measures(), p.progress(), p.verification(), p.verificationNote(), p.verifiedBy(),
        p.verifiedAt(), p.failedVerifications(), p.feedback(), p.closedBy(), p.closedAt(),
        g == null ? null : g.name(), g == null ? null : g.deputyUserId());
  }

  /** The problem numbers raised from an opinion's ticket or a reception's number (the link back). */
  public List<String> problemsFrom(Source source, String sourceRef) {
    return rectifications.problemNosFrom(source, sourceRef);
  }

  static boolean overdue(Problem p, LocalDate today) {
    return p.status() != Status.CLOSED && (p.escalatedAt() != null || today.isAfter(p.deadline()));
  }

  String unitName(String code) {
    return departments.findByCode(code).map(Department::name).orElse(code);
  }

  private void requireManager(Drive d, Caller c) {
    if (!mayManage(d, c)) {
      throw new AccessDeniedException("may not change drive " + d.code());
    }
  }

  static String text(String value, String field, String message, int max, Map<String, String> errors) {
    if (value == null || value.isBlank()) {
      errors.put(field, message);
      return null;
    }
    String v = value.strip();
    if (v.length() > max) {
      String label = message.replaceFirst("^请(填写|描述|选择)", "").replaceFirst("（.*$", "");
      errors.put(field, label + "不超过 " + max + " 字");
      return null;
    }
    return v;
  }

  static LocalDate date(String value, String field, String label, Map<String, String> errors) {
    if (value == null || value.isBlank()) {
      errors.put(field, "请填写" + label + "（如 2027-06-30）");
      return null;
    }
    try {
      return LocalDate.parse(value.strip());
    } catch (DateTimeParseException e) {
      errors.put(field, label + "的格式应为 年-月-日，如 2027-06-30");
      return null;
    }
  }
}
