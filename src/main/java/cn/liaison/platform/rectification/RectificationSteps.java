package cn.liaison.platform.rectification;

import cn.liaison.platform.calendar.WorkingDayCalendar;
import cn.liaison.platform.department.Department;
import cn.liaison.platform.department.DepartmentRequest;
import cn.liaison.platform.department.DepartmentService;
import cn.liaison.platform.department.Departments;
import cn.liaison.platform.identity.PlatformGroups;
import cn.liaison.platform.notification.Notifier;
import cn.liaison.platform.notification.Subject;
import cn.liaison.platform.opinion.OpinionService;
import cn.liaison.platform.rectification.Rectification.Problem;
import cn.liaison.platform.rectification.Rectification.Source;
import cn.liaison.platform.rectification.Rectification.Status;
import cn.liaison.platform.rectification.Rectification.Task;
import cn.liaison.platform.rectification.RectificationProcess.Verification;
import cn.liaison.platform.system.ProcessInstanceRef;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngineException;
import org.springframework.stereotype.Service;

/**
 * The steps of process rectification-problem, each on the problem its process instance leads to (by business key,
 * never by a variable): what the unit, the grid's deputy and the station's staff decided, 催办, 督办 and the feedback to
 * the citizen. Notifications are idempotent by key, so a retried step tells nobody twice.
 */
@Service
public class RectificationSteps {

  static final String SUBJECT = "problem";

  private final Rectifications rectifications;
  private final Departments departments;
  private final cn.liaison.platform.grid.Grids grids;
  private final DepartmentService departmentService;
  private final OpinionService opinions;
  private final Notifier notifier;
  private final WorkingDayCalendar calendar;
  private final Clock clock;

  RectificationSteps(Rectifications rectifications, Departments departments, DepartmentService departmentService,
      cn.liaison.platform.grid.Grids grids, OpinionService opinions, Notifier notifier, WorkingDayCalendar calendar,
      Clock clock) {
    this.grids = grids;
    this.departmentService = departmentService;
    this.rectifications = rectifications;
    this.departments = departments;
    this.opinions = opinions;
    this.notifier = notifier;
    this.calendar = calendar;
    this.clock = clock;
  }

  /** The problem of the step's process instance; a step of another process is refused. */
  public Problem problemOf(ProcessInstanceRef ref) {
    ref.require(RectificationProcess.KEY, "整改问题");
    Problem p = rectifications.problem(ref.businessKey()).orElseThrow(() -> ref.mismatch("整改问题"));
    if (p.processInstanceId() != null && !p.processInstanceId().equals(ref.processInstanceId())) {
      throw ref.mismatch("整改问题");
    }
    return p;
  }

  /**
   * Who verifies the problem now: the responsible deputy of its task's grid as the grid is today (an administrator
   * may have changed it since the problem was raised).
   */
  public String gridDeputyOf(ProcessInstanceRef ref) {
    Problem p = problemOf(ref);
    Task t = rectifications.taskById(p.taskId());
    return grids.findByCode(t.gridCode()).map(cn.liaison.platform.grid.Grid::deputyUserId).orElse(null);
  }

  /** 整改处理 completed: measures and progress; rectified → waits for the grid's deputy. */
  public void rectificationReported(ProcessInstanceRef ref, String measures, String progress, boolean rectified,
      String actor) {
    Problem p = problemOf(ref);
    rectifications.recordHandling(p.id(), measures, progress, rectified, actor, clock.instant());
  }

  /** 监督核验 completed: PASS → feedback; FAIL → back to the unit, which is told why. */
  public void verified(ProcessInstanceRef ref, Verification verification, String note, String actor) {
    Problem p = problemOf(ref);
    boolean passed = verification == Verification.PASS;
    rectifications.recordVerification(p.id(), verification.name(), note, passed,
        passed ? Status.FEEDBACK : Status.HANDLING, actor, clock.instant());
    if (!passed) {
      Task t = rectifications.taskById(p.taskId());
      notifier.notifyGroup(group(t), Subject.of(SUBJECT, p.id()),
          "verify-failed:" + p.problemNo() + ":" + (p.failedVerifications() + 1), "整改未通过核验 " + p.problemNo(),
          "问题 " + p.problemNo() + " 的整改未通过网格代表核验：" + note + "。请继续整改。");
    }
  }

  /** 反馈 by the station's staff (problems not raised from an opinion). */
  public void feedbackRecorded(ProcessInstanceRef ref, String feedback) {
    Problem p = problemOf(ref);
    rectifications.recordFeedback(p.id(), feedback, clock.instant());
  }

  /** 反馈群众: the opinion's tracking page shows that its problem was rectified and verified. */
  public void tellCitizen(ProcessInstanceRef ref) {
    Problem p = problemOf(ref);
    if (p.source() != Source.OPINION || p.sourceRef() == null) {
      throw new ProcessEngineException("问题 " + p.problemNo() + " 不是由群众意见提出的");
    }
    opinions.tellRectified(p.sourceRef(), p.problemNo(), p.measures() == null ? "" : p.measures());
    rectifications.recordFeedback(p.id(), "已在群众意见 " + p.sourceRef() + " 的进度查询页反馈整改结果", clock.instant());
  }

  /** 销号: who and when. */
  public void closed(ProcessInstanceRef ref, String actor) {
    Problem p = problemOf(ref);
    rectifications.close(p.id(), actor, clock.instant());
    if (p.source() == Source.OPINION && p.sourceRef() != null) {
      opinions.noteRectificationClosed(p.sourceRef(), p.problemNo());
    }
  }

  /** 催办: the unit's group is told the deadline is near. */
  public void urge(ProcessInstanceRef ref) {
    Problem p = problemOf(ref);
    Task t = rectifications.taskById(p.taskId());
    notifier.notifyGroup(group(t), Subject.of(SUBJECT, p.id()), "urge:" + p.problemNo() + ":" + p.deadline(),
        "催办 " + p.problemNo(), "整改问题 " + p.problemNo() + "（" + t.title() + "）请于 " + p.deadline() + " 前整改到位。");
    rectifications.markUrged(p.id(), clock.instant());
  }

  /** 督办: past its deadline; the supervisors and the unit are told, the problem counts as overdue. */
  public void escalate(ProcessInstanceRef ref) {
    Problem p = problemOf(ref);
    Task t = rectifications.taskById(p.taskId());
    String unit = departments.findByCode(t.responsibleUnit()).map(Department::name).orElse(t.responsibleUnit());
    notifier.notifyGroup(PlatformGroups.SUPERVISORS, Subject.of(SUBJECT, p.id()),
        "overdue:" + p.problemNo() + ":" + p.deadline(), "整改问题超期",
        unit + "未在 " + p.deadline() + " 前整改问题 " + p.problemNo() + "（" + t.title() + "），请督办。");
    notifier.notifyGroup(group(t), Subject.of(SUBJECT, p.id()), "overdue-unit:" + p.problemNo() + ":" + p.deadline(),
        "督办 " + p.problemNo(), "整改问题 " + p.problemNo() + " 已超过整改期限 " + p.deadline() + "，请尽快整改。");
    rectifications.markEscalated(p.id(), clock.instant());
  }

  /**
   * 发送至单位系统: the problem goes to the unit's own system (operation RECTIFY_PROBLEM), idempotent per round (a round
   * after a failed verification is a new request, with the deputy's note). No personal data in the payload.
   */
  public void sendToUnitSystem(ProcessInstanceRef ref, java.time.Instant due) {
    Problem p = problemOf(ref);
    Task t = rectifications.taskById(p.taskId());
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("problemNo", p.problemNo());
    payload.put("task", t.title());
    payload.put("description", p.description());
    payload.put("deadline", p.deadline().toString());
    if (p.failedVerifications() > 0 && p.verificationNote() != null) {
      payload.put("verificationNote", p.verificationNote());
    }
    departmentService.send(new DepartmentRequest(t.responsibleUnit(), RectificationProcess.OPERATION,
        ref.processInstanceId() + ":rectify:" + (p.failedVerifications() + 1), p.problemNo(), due, payload,
        Subject.of(SUBJECT, p.id())));
  }

  /** The unit's own system reports progress, or the problem rectified (recorded for the unit, the process goes on). */
  public void reportedBySystem(Problem p, String measures, String progress, boolean rectified, String unitCode) {
    rectifications.recordHandling(p.id(), measures, progress, rectified, unitCode, clock.instant());
  }

  private String group(Task t) {
    return departments.findByCode(t.responsibleUnit()).map(Department::groupId).orElse(t.responsibleUnit());
  }

  WorkingDayCalendar calendar() {
    return calendar;
  }
}
