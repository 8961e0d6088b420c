package cn.liaison.platform.project;

import cn.liaison.platform.calendar.WorkingDayCalendar;
import cn.liaison.platform.department.Department;
import cn.liaison.platform.department.Departments;
import cn.liaison.platform.deputy.Deputy;
import cn.liaison.platform.deputy.DeputyDirectory;
import cn.liaison.platform.identity.Deputies;
import cn.liaison.platform.identity.PlatformGroups;
import cn.liaison.platform.project.Project.Inspection;
import cn.liaison.platform.project.Project.Kind;
import cn.liaison.platform.project.Project.Milestone;
import cn.liaison.platform.project.Project.MilestoneStatus;
import cn.liaison.platform.project.Project.Status;
import cn.liaison.platform.project.ProjectProcess.Var;
import cn.liaison.platform.rectification.Caller;
import cn.liaison.platform.rectification.Rectification.Source;
import cn.liaison.platform.rectification.RectificationService;
import cn.liaison.platform.station.Station;
import cn.liaison.platform.station.Stations;
import cn.liaison.platform.system.InvalidInputException;
import cn.liaison.platform.system.NotFoundException;
import cn.liaison.platform.system.ProcessInstanceRef;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.Variables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Project supervision (项目督查): a town's project registered with its milestones and supervising deputies, run by
 * process project-supervision: at each milestone's due date the deputies inspect it; the problems they list become
 * rectification problems (source INSPECTION, the inspection's number as source) in the project's rectification task;
 * after the last milestone the deputies give their opinion at acceptance and the project is closed.
 */
@Service
public class ProjectService {

  private static final Logger log = LoggerFactory.getLogger(ProjectService.class);
  private static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{1,39}");
  static final int MAX_MILESTONES = 12;
  static final int MAX_DEPUTIES = 10;
  static final int MAX_PROBLEMS = 20;
  /** The evidence subject of a milestone's photos (evidence package). */
  public static final String PHOTO_SUBJECT = "project-milestone";
  static final String PAGE = "/api/projects/";

  public record NewMilestone(String name, String due) {}

  public record NewProject(String code, String name, String kind, String town, String department,
      String contractor, String startsOn, String endsOn, List<NewMilestone> milestones,
      List<String> supervisingDeputies, String rectificationDrive, String rectificationTask) {}

  public record MilestoneView(int seq, String name, LocalDate due, String status, String statusLabel) {}

  public record InspectionView(String inspectionNo, String milestone, LocalDate inspectedOn, String findings,
      String milestoneStatus, String milestoneStatusLabel, int farmersVisited, String farmersSaid,
      String inspectedBy, List<String> problems) {}

  public record ProjectView(String code, String name, String kind, String kindLabel, String town,
      String department, String departmentName, String contractor, LocalDate startsOn, LocalDate endsOn,
      String status, String statusLabel, List<String> supervisingDeputies, List<MilestoneView> milestones,
      List<InspectionView> inspections, int problems, int rectified, String rectificationDrive,
      String rectificationTask, String acceptanceOpinion, String acceptedBy) {}

  private final Projects projects;
  private final Stations stations;
  private final Departments departments;
  private final Deputies deputies;
  private final DeputyDirectory directory;
  private final RectificationService rectifications;
  private final RuntimeService runtime;
  private final WorkingDayCalendar calendar;
  private final Clock clock;

  ProjectService(Projects projects, Stations stations, Departments departments, Deputies deputies,
      DeputyDirectory directory, RectificationService rectifications, RuntimeService runtime,
      WorkingDayCalendar calendar, Clock clock) {
    this.projects = projects;
    this.stations = stations;
    this.departments = departments;
    this.deputies = deputies;
    this.directory = directory;
    this.rectifications = rectifications;
    this.runtime = runtime;
    this.calendar = calendar;
    this.clock = clock;
  }

  LocalDate today() {
    return LocalDate.ofInstant(clock.instant(), calendar.zone());
  }

  // ---- who may do what ----

  public Project require(String code) {
    return (code == null ? java.util.Optional.<Project>empty() : projects.find(code.strip()))
        .orElseThrow(() -> new NotFoundException("项目不存在：" + code));
  }

  /** The staff of a station of the town, analysts, the congress office and administrators register projects. */
  static boolean mayRegister(String town, Caller c, Stations stations) {
    return c.in(PlatformGroups.ANALYSTS) || c.in(PlatformGroups.CONGRESS_OFFICE) || c.in(PlatformGroups.ADMIN)
        || (town != null && stations.findByTown(town).stream().anyMatch(s -> c.in(s.staffGroup())));
  }

  /** The supervising deputies, the station's staff, analysts, the congress office, supervisors, auditors. */
  public boolean mayRead(Project p, Caller c) {
    return supervises(p, c) || c.in(Station.staffGroupOf(p.stationCode())) || c.in(PlatformGroups.ANALYSTS)
        || c.in(PlatformGroups.CONGRESS_OFFICE) || c.in(PlatformGroups.SUPERVISORS) || c.in(PlatformGroups.AUDITORS)
        || c.in(PlatformGroups.ADMIN);
  }

  /** Photos of a milestone: its supervising deputies and the station's staff, while the project is open. */
  public boolean mayAddPhoto(Project p, Caller c) {
    return p.status() != Status.CLOSED && (supervises(p, c) || c.in(Station.staffGroupOf(p.stationCode())));
  }

  boolean supervises(Project p, Caller c) {
    return projects.deputies(p.id()).contains(c.user());
  }

  /** The project's milestone by its number, as a reader may ask for its photos. */
  public Milestone milestone(Project p, int seq) {
    return projects.milestones(p.id()).stream().filter(m -> m.seq() == seq).findFirst()
        .orElseThrow(() -> new NotFoundException("项目 " + p.code() + " 没有第 " + seq + " 个节点"));
  }

  // ---- registering ----

  @Transactional
  public String register(NewProject r, Caller caller) {
    Map<String, String> errors = new LinkedHashMap<>();
    String code = r.code() == null ? null : r.code().strip();
    if (code == null || !CODE.matcher(code).matches()) {
      errors.put("code", "请填写项目编码（字母、数字和连字符，2–40 位）");
    } else if (projects.exists(code)) {
      errors.put("code", "项目编码已被使用");
    }
    String name = text(r.name(), "name", "请填写项目名称", 100, errors);
    Kind kind = null;
    try {
      kind = r.kind() == null ? null : Kind.valueOf(r.kind().strip());
    } catch (IllegalArgumentException e) {
      kind = null;
    }
    if (kind == null) {
      errors.put("kind", "项目类型只能是 HIGH_STANDARD_FARMLAND（高标准农田）、IRRIGATION（水利工程）、ROAD（道路建设）或 OTHER（其他项目）");
    }
    String town = text(r.town(), "town", "请填写乡镇", 50, errors);
    Station station = town == null ? null
        : stations.findByTown(town).stream().filter(Station::active).findFirst().orElse(null);
    if (town != null && station == null) {
      errors.put("town", "该乡镇没有联络站");
    }
    Department department = null;
    if (r.department() == null || r.department().isBlank()) {
      errors.put("department", "请选择项目主管部门");
    } else {
      department = departments.findByCode(r.department().strip()).filter(Department::active).orElse(null);
      if (department == null) {
        errors.put("department", "主管部门不在部门目录中或已停用");
      }
    }
    String contractor = text(r.contractor(), "contractor", "请填写施工单位", 50, errors);
    LocalDate startsOn = date(r.startsOn(), "startsOn", "开工日期", errors);
    LocalDate endsOn = date(r.endsOn(), "endsOn", "竣工日期", errors);
    if (startsOn != null && endsOn != null && endsOn.isBefore(startsOn)) {
      errors.put("endsOn", "竣工日期不能早于开工日期");
    }
    List<NewMilestone> milestones = r.milestones() == null ? List.of() : r.milestones();
    if (milestones.isEmpty()) {
      errors.put("milestones", "请至少列出一个节点（如 开工、土地平整、灌排工程、田间道路、竣工验收）");
    } else if (milestones.size() > MAX_MILESTONES) {
      errors.put("milestones", "节点最多 " + MAX_MILESTONES + " 个");
    } else {
      LocalDate previous = null;
      for (int i = 0; i < milestones.size(); i++) {
        NewMilestone m = milestones.get(i);
        text(m == null ? null : m.name(), "milestones[" + i + "].name", "请填写节点名称", 50, errors);
        LocalDate due = date(m == null ? null : m.due(), "milestones[" + i + "].due", "节点日期", errors);
        if (due != null && previous != null && due.isBefore(previous)) {
          errors.put("milestones[" + i + "].due", "节点日期应按先后顺序排列");
        }
        if (due != null) {
          previous = due;
        }
      }
    }
    List<String> supervisors = r.supervisingDeputies() == null ? List.of() : r.supervisingDeputies();
    if (supervisors.isEmpty()) {
      errors.put("supervisingDeputies", "请至少安排一名督查代表");
    } else if (supervisors.size() > MAX_DEPUTIES) {
      errors.put("supervisingDeputies", "督查代表最多 " + MAX_DEPUTIES + " 名");
    } else {
      deputies.checked(supervisors, "supervisingDeputies", errors);
    }
    String driveCode = r.rectificationDrive() == null ? null : r.rectificationDrive().strip();
    String taskNo = r.rectificationTask() == null ? null : r.rectificationTask().strip();
    if (driveCode == null || driveCode.isEmpty()) {
      errors.put("rectificationDrive", "请选择接收督查问题的整治行动");
    } else if (station != null) {
      cn.liaison.platform.rectification.Rectification.Drive drive;
      try {
        drive = rectifications.requireDrive(driveCode);
      } catch (NotFoundException e) {
        drive = null;
      }
      if (drive == null || !drive.stationCode().equals(station.code())) {
        errors.put("rectificationDrive", "该乡镇联络站没有这个整治行动");
      } else if (taskNo == null || taskNo.isEmpty()) {
        errors.put("rectificationTask", "请选择接收督查问题的整改任务");
      } else if (rectifications.view(driveCode).taskList().stream().noneMatch(t -> t.taskNo().equals(taskNo))) {
        errors.put("rectificationTask", "整治行动中没有这项整改任务");
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    if (!mayRegister(town, caller, stations)) {
      throw new AccessDeniedException("may not register projects of " + town);
    }
    var now = clock.instant();
    long id = projects.insert(code, name, kind, town, station.code(), department.code(), contractor, startsOn,
        endsOn, driveCode, taskNo, caller.user(), now);
    Set<String> unique = new LinkedHashSet<>();
    supervisors.forEach(d -> unique.add(d.strip()));
    unique.forEach(d -> projects.addDeputy(id, d));
    List<Long> milestoneIds = new ArrayList<>();
    for (int i = 0; i < milestones.size(); i++) {
      milestoneIds.add(projects.addMilestone(id, i + 1, milestones.get(i).name().strip(),
          LocalDate.parse(milestones.get(i).due().strip())));
    }
    var variables = Variables.createVariables()
        .putValue(Var.PROJECT_ID, id)
        .putValue(Var.PROJECT_CODE, code)
        .putValue(Var.PROJECT_NAME, name)
        .putValue(Var.KIND_LABEL, kind.label())
        .putValue(Var.TOWN, town)
        .putValue(Var.CONTRACTOR, contractor)
        .putValue(Var.MILESTONE_IDS, milestoneIds)
        .putValue(Var.SUPERVISING_DEPUTIES, new ArrayList<>(unique))
        .putValue(Var.PROJECT_PAGE, PAGE + code);
    String pi = runtime.createProcessInstanceByKey(ProjectProcess.KEY).businessKey(code).setVariables(variables)
        .execute().getId();
    projects.setProcessInstance(id, pi);
    log.info("project {} registered in {} with {} milestones by {}", code, town, milestoneIds.size(), caller.user());
    return code;
  }

  // ---- the view ----

  @Transactional(readOnly = true)
  public ProjectView view(String code) {
    Project p = require(code);
    List<Milestone> milestones = projects.milestones(p.id());
    Map<Long, String> names = new LinkedHashMap<>();
    milestones.forEach(m -> names.put(m.id(), m.name()));
    int problems = 0;
    int rectified = 0;
    List<InspectionView> inspections = new ArrayList<>();
    for (Inspection i : projects.inspections(p.id())) {
      List<String> nos = rectifications.problemsFrom(Source.INSPECTION, i.inspectionNo());
      problems += nos.size();
      rectified += (int) nos.stream().filter(no -> "CLOSED".equals(rectifications.problemView(no).status())).count();
      inspections.add(new InspectionView(i.inspectionNo(), names.get(i.milestoneId()), i.inspectedOn(),
          i.findings(), i.milestoneStatus().name(), i.milestoneStatus().label(), i.farmersVisited(), i.farmersSaid(),
          i.inspectedBy(), nos));
    }
    String departmentName = departments.findByCode(p.department()).map(Department::name).orElse(p.department());
    return new ProjectView(p.code(), p.name(), p.kind().name(), p.kind().label(), p.town(), p.department(),
        departmentName, p.contractor(), p.startsOn(), p.endsOn(), p.status().name(), p.status().label(),
        projects.deputies(p.id()).stream().map(this::nameOf).toList(),
        milestones.stream().map(m -> new MilestoneView(m.seq(), m.name(), m.due(), m.status().name(),
            m.status().label())).toList(), inspections, problems, rectified, p.driveCode(), p.taskNo(),
        p.acceptanceOpinion(), p.acceptedBy());
  }

  // ---- steps of process project-supervision, found by the process instance's business key ----

  /** 准备节点检查: the milestone's name and due date for the timer and the task (the milestone of this project). */
  public Milestone milestoneOf(ProcessInstanceRef ref, Object milestoneId) {
    Project p = projectOf(ref);
    return projects.milestones(p.id()).stream()
        .filter(m -> milestoneId instanceof Number n && n.longValue() == m.id()).findFirst()
        .orElseThrow(() -> ref.mismatch("项目节点"));
  }

  /** The milestone is due: 待检查. */
  public void milestoneDue(ProcessInstanceRef ref, Object milestoneId) {
    projects.setMilestoneStatus(milestoneOf(ref, milestoneId).id(), MilestoneStatus.DUE);
  }

  /**
   * 节点检查 (checked by ProjectTaskRules): the inspection stored with its number, the milestone's state, and each
   * listed problem raised as a rectification problem (source INSPECTION) in the project's task, the contractor
   * responsible. Returns the inspection's number.
   */
  public String inspected(ProcessInstanceRef ref, Object milestoneId, Object inspectedOn, String findings,
      String status, Object farmersVisited, String farmersSaid, Object problems, String by) {
    Project p = projectOf(ref);
    Milestone m = milestoneOf(ref, milestoneId);
    MilestoneStatus state = MilestoneStatus.valueOf(status);
    LocalDate on = day(inspectedOn, calendar.zone());
    String inspectionNo = p.code() + "-XC" + (projects.inspectionCount(p.id()) + 1);
    int visited = farmersVisited instanceof Number n ? n.intValue() : 0;
    projects.insertInspection(inspectionNo, p.id(), m.id(), on, findings, state, visited, farmersSaid, by,
        clock.instant());
    projects.setMilestoneStatus(m.id(), state);
    // the deputy raises them in the station's lists (the project's drive and task, chosen at registration)
    Caller asStation = new Caller(by, Set.of(Station.staffGroupOf(p.stationCode())));
    for (String problem : lines(problems)) {
      rectifications.raiseProblem(p.driveCode(), p.taskNo(), new RectificationService.NewProblem(
          m.name() + "：" + problem, Source.INSPECTION.name(), inspectionNo, on.toString(), p.contractor(), null),
          asStation);
    }
    log.info("project {} milestone {} inspected by {}: {} ({} problems)", p.code(), m.seq(), by, state,
        lines(problems).size());
    return inspectionNo;
  }

  /** What the acceptance card shows: inspections, problems and how many are crossed off. */
  public String figuresText(ProcessInstanceRef ref) {
    ProjectView v = view(projectOf(ref).code());
    return "节点检查 " + v.inspections().size() + " 次，发现问题 " + v.problems() + " 个，已整改销号 " + v.rectified() + " 个";
  }

  /** All milestones inspected: 待验收. */
  public void accepting(ProcessInstanceRef ref) {
    Project p = projectOf(ref);
    projects.move(p.id(), Status.SUPERVISING, Status.ACCEPTING);
  }

  /** 项目验收: the deputies' opinion; the project is closed. */
  public void accepted(ProcessInstanceRef ref, String opinion, String by) {
    Project p = projectOf(ref);
    projects.accept(p.id(), opinion, by, clock.instant());
    log.info("project {} accepted with the opinion of {}", p.code(), by);
  }

  private Project projectOf(ProcessInstanceRef ref) {
    ref.require(ProjectProcess.KEY, "项目");
    return projects.find(ref.businessKey()).orElseThrow(() -> ref.mismatch("项目"));
  }

  // ---- helpers ----

  private String nameOf(String userId) {
    return directory.find(userId).map(Deputy::name).orElse(userId);
  }

  /** A date from a form: a Date or yyyy-MM-dd; null when missing or unreadable. */
  static LocalDate day(Object value, java.time.ZoneId zone) {
    if (value instanceof Date d) {
      return LocalDate.ofInstant(d.toInstant(), zone);
    }
    if (value == null || value.toString().isBlank()) {
      return null;
    }
    try {
      return LocalDate.parse(value.toString().strip().substring(0, Math.min(10, value.toString().strip().length())));
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** The lines of a text area, each a problem; blank lines left out. */
  static List<String> lines(Object text) {
    if (text == null) {
      return List.of();
    }
    return text.toString().lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  private static String text(String value, String field, String message, int max, Map<String, String> errors) {
    if (value == null || value.isBlank()) {
      errors.put(field, message);
      return null;
    }
    if (value.strip().length() > max) {
      errors.put(field, "不超过 " + max + " 个字");
      return null;
    }
    return value.strip();
  }

  private static LocalDate date(String value, String field, String label, Map<String, String> errors) {
    if (value == null || value.isBlank()) {
      errors.put(field, "请填写" + label);
      return null;
    }
    try {
      return LocalDate.parse(value.strip());
    } catch (DateTimeParseException e) {
      errors.put(field, label + "的格式应为 年-月-日，例如 2027-06-30");
      return null;
    }
  }

}
