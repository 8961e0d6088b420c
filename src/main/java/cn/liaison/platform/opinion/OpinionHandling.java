package cn.liaison.platform.opinion;

import cn.liaison.platform.system.ProcessInstanceRef;

import cn.liaison.platform.calendar.Dates;
import cn.liaison.platform.calendar.WorkingDayCalendar;
import cn.liaison.platform.department.Department;
import cn.liaison.platform.department.DepartmentRequest;
import cn.liaison.platform.department.DepartmentService;
import cn.liaison.platform.department.Departments;
import cn.liaison.platform.identity.PlatformGroups;
import cn.liaison.platform.notification.Notifier;
import cn.liaison.platform.notification.Subject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * What each step of the opinion loop does to the opinion: status, history, replies, notifications and
 * deadlines. The delegates in opinion.process map process variables to these calls and back.
 * Every method runs in the engine's transaction, so a failed step leaves nothing behind.
 */
@Service
public class OpinionHandling {

  static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy年M月d日");

  /** The department operation of 交办 (the department's system sees it as operation). */
  static final String ASSIGN_OPINION = "ASSIGN_OPINION";

  /** Notifications about an opinion are addressed to it as this subject kind. */
  static final String SUBJECT_KIND = "opinion";

  private final Opinions opinions;
  private final Departments departments;
  private final DepartmentService departmentService;
  private final Notifier notifier;
  private final WorkingDayCalendar calendar;
  private final OpinionProperties properties;
  private final Categories categories;
  private final Supervision supervision;

  OpinionHandling(Opinions opinions, Departments departments, DepartmentService departmentService, Notifier notifier,
      WorkingDayCalendar calendar, OpinionProperties properties, Categories categories, Supervision supervision) {
    this.supervision = supervision;
    this.categories = categories;
    this.opinions = opinions;
    this.departments = departments;
    this.departmentService = departmentService;
    this.notifier = notifier;
    this.calendar = calendar;
    this.properties = properties;
  }

  /**
   * Where the opinion was taken, e.g. a reception session of a mobile station ("流动接待 JD2027-0003"): an event
   * only staff see on the opinion's page (the citizen's page shows the channel). Nothing for an unknown ticket.
   */
  public void recordOrigin(String ticketNo, String title, String detail, String actor) {
    opinions.findByTicket(ticketNo).ifPresent(o -> opinions.addEvent(o.id(), o.status(), title, detail, false, actor));
  }

  /**
   * A user task was created: the opinion's status follows the loop. The process instance is the task's own; 汇总梳理
   * links an opinion that has no link yet (a submission's first task) in the same statement.
   */
  public void taskCreated(long opinionId, String taskKey, String processInstanceId) {
    switch (taskKey) {
      case OpinionLoopProcess.Task.SORT -> {
        if (opinions.moveToLinked(opinionId, OpinionStatus.SORTING, processInstanceId)) {
          opinions.addEvent(opinionId, OpinionStatus.SORTING, "工作人员正在梳理您的意见", null, true, null);
        }
      }
      case OpinionLoopProcess.Task.ANALYZE -> {
        if (opinions.moveToResponded(opinionId, OpinionStatus.ANALYZING)) {
          opinions.addEvent(opinionId, OpinionStatus.ANALYZING, "正在分析研判", null, true, null);
        }
      }
      default -> { }
    }
  }

  /** The deputy the opinion was sent to (from its record, never from a variable); null if none. */
  public String deputyOf(long opinionId) {
    return opinions.get(opinionId).deputyUserId();
  }

  /**
   * The deputy acted on an opinion sent to him or her (代表先行答复): the response time is recorded; FORWARD leaves
   * a line for the station's staff (returned, for the history the 汇总梳理 form shows; null otherwise).
   */
  public String deputyResponded(long opinionId, OpinionLoopProcess.DeputyAction action, String note, String actor) {
    opinions.markFirstResponse(opinionId);
    opinions.markDeputyResponse(opinionId, action.name(), true);
    return switch (action) {
      case ANSWER -> null;
      case FORWARD -> {
        opinions.addEvent(opinionId, OpinionStatus.RECEIVED, "人大代表已转联络站办理",
            "代表已将您的意见转交联络站，由联络站梳理后交有关部门办理。", true, actor);
        if (note != null) {
          opinions.addEvent(opinionId, OpinionStatus.RECEIVED, "代表转交说明", note, false, actor);
        }
        yield "【代表转交 · " + date(opinions.now()) + "】" + (note == null ? "代表转联络站梳理办理。" : note);
      }
      case TO_PROPOSAL -> {
        if (note != null) {
          opinions.addEvent(opinionId, OpinionStatus.RECEIVED, "代表列入建议素材说明", note, false, actor);
        }
        yield null;
      }
    };
  }

  /**
   * The deputy let the deadline pass: the opinion goes to the station's staff (汇总梳理) by itself and the deputy is
   * told. Returns the line for the history.
   */
  public String movedToStation(long opinionId, String ticketNo) {
    Opinion o = opinions.get(opinionId);
    opinions.markDeputyResponse(opinionId, "TIMED_OUT", false);
    opinions.addEvent(opinionId, OpinionStatus.RECEIVED, "已转联络站工作人员办理",
        "代表未能在时限内答复，您的意见已转联络站工作人员梳理办理。", true, null);
    if (o.deputyUserId() != null) {
      notifier.notifyUser(o.deputyUserId(), subject(opinionId), "deputy-timeout:" + opinionId,
          "意见已转联络站办理 " + ticketNo, "群众通过代表码向您反映的意见（受理编号 " + ticketNo + "）未在时限内处理，"
              + "已自动转联络站工作人员梳理办理。部门答复后会告知您。");
    }
    return "【" + date(opinions.now()) + "】代表未在时限内答复，自动转联络站梳理。";
  }

  /**
   * Staff confirmed the opinion, perhaps under another category; returns the category's Chinese name. The first
   * response is recorded by 分析研判's task, which a confirmation always creates in the same transaction (the
   * model's 梳理结果 CONFIRM leads straight to it), with the status in one statement ({@link #taskCreated}).
   */
  public String sorted(Opinion o, String category, String actor) {
    long opinionId = o.id();
    if (category != null && !category.equals(o.category())) {
      opinions.recategorize(opinionId, category);
      opinions.addEvent(opinionId, OpinionStatus.SORTING, "类别更正为" + categories.nameOf(category), null, false, actor);
    }
    return categories.nameOf(category == null ? o.category() : category);
  }

  public void closeAsDuplicate(long opinionId, String duplicateOf, String actor) {
    opinions.markFirstResponse(opinionId);
    opinions.closeAsDuplicate(opinionId, duplicateOf);
    String text = "您反映的问题与受理编号 " + duplicateOf + " 的意见相同，已合并办理，办理结果将统一答复。";
    opinions.addEvent(opinionId, OpinionStatus.DUPLICATE, "已合并为重复件", text, true, actor);
    notifier.notifyCitizen(subject(opinionId), "duplicate:" + opinionId, "意见已合并办理", text);
  }

  public void reject(long opinionId, String reason, String actor) {
    opinions.reject(opinionId, reason);
    opinions.addEvent(opinionId, OpinionStatus.REJECTED, "不予受理", reason, true, actor);
    notifier.notifyCitizen(subject(opinionId), "rejected:" + opinionId, "意见不予受理", "不予受理的理由：" + reason);
  }

  public void toProposal(long opinionId, String deputy, String actor) {
    opinions.routeToProposal(opinionId, deputy);
    opinions.addEvent(opinionId, OpinionStatus.TO_PROPOSAL, "转为代表建议办理",
        "您的意见将由人大代表汇总形成代表建议，提交有关部门办理，答复后告知您。", true, actor);
    opinions.addEvent(opinionId, OpinionStatus.TO_PROPOSAL, "承接代表", deputy, false, actor);
    notifier.notifyGroup(PlatformGroups.DEPUTIES, subject(opinionId), "proposal:" + opinionId + ":" + deputy,
        "意见转代表建议", "请代表 " + deputy + " 承接该意见，汇总形成代表建议。");
  }

  /**
   * No deputy proposal took the opinion up (the congress office handles it as an opinion, or the proposal was
   * withdrawn): the citizen is told, and it goes back to 分析研判; returns the line for the opinion's history.
   */
  public String backFromProposal(long opinionId, String reason, String actor) {
    String text = "您的意见未形成代表建议" + (reason == null ? "" : "（" + reason + "）") + "，将作为意见建议继续办理。";
    opinions.addEvent(opinionId, OpinionStatus.ANALYZING, "未形成代表建议，重新研判", text, true, actor);
    int step = opinions.events(opinionId, false).size();
    notifier.notifyCitizen(subject(opinionId), "proposal-declined:" + opinionId + ":" + step, "意见将继续办理", text);
    return "未形成代表建议：" + (reason == null ? "" : reason);
  }

  /** The result of 交办: the deadlines and how the department works the item (Tasklist or its own system). */
  public record Assigned(Deadlines deadlines, Department.Channel channel, String groupId) {}

  /** Hands the opinion to the department and returns its deadlines (in working days from now). */
  public Assigned assign(Opinion o, String departmentCode, String grade, int deadlineDays, int round,
      String processInstanceId) {
    long opinionId = o.id();
    String ticketNo = o.ticketNo();
    Department department = activeDepartment(departmentCode);
    Instant now = opinions.now();
    Instant due = calendar.deadline(now, deadlineDays);
    Map<String, Object> payload = new HashMap<>();
    payload.put("opinionId", opinionId);
    payload.put("category", o.category());
    payload.put("content", o.content());
    payload.put("place", o.place());
    payload.put("grade", grade);
    payload.put("ticketNo", ticketNo);
    payload.put("categoryName", categories.nameOf(o.category()));
    Department.Channel channel = departmentService.send(new DepartmentRequest(department.code(),
        ASSIGN_OPINION, processInstanceId + ":assign:" + round, ticketNo, due, payload, subject(opinionId)));
    opinions.assign(opinionId, department.code(), grade, due);
    opinions.addEvent(opinionId, OpinionStatus.ASSIGNED, "已交办" + department.name(),
        "办理时限：" + date(due) + "前（" + deadlineDays + "个工作日）。", true, null);
    return new Assigned(Deadlines.plan(calendar, properties, now, due), channel, department.groupId());
  }

  public void urge(long opinionId, String ticketNo, String departmentCode, Instant due, String dedup) {
    Department department = departments.findByCode(departmentCode).orElseThrow();
    opinions.addEvent(opinionId, OpinionStatus.ASSIGNED, "催办" + department.name(),
        "办理时限 " + date(due) + "，请抓紧办理。", false, null);
    notifier.notifyGroup(department.groupId(), subject(opinionId), "urge:" + dedup, "催办 " + ticketNo,
        "该事项将于 " + date(due) + " 到期，请抓紧办理并答复。");
  }

  public void flagOverdue(long opinionId, String ticketNo, String departmentCode, String dedup) {
    Department department = departments.findByCode(departmentCode).orElseThrow();
    opinions.flagOverdue(opinionId);
    opinions.addEvent(opinionId, OpinionStatus.ASSIGNED, "办理超期，已转督办", department.name() + "未在时限内答复。",
        false, null);
    notifier.notifyGroup(PlatformGroups.SUPERVISORS, subject(opinionId), "overdue:" + dedup, "超期督办 " + ticketNo,
        department.name() + "办理超期，请督办。");
  }

  /** URGE gives a short grace period, EXTEND sets the supervisor's date; REASSIGN returns null (assign anew). */
  public Deadlines applySupervision(long opinionId, String ticketNo, OpinionLoopProcess.SupervisionDecision decision, Object newDeadline,
      String departmentCode, String note, String actor, String dedup) {
    Instant now = opinions.now();
    String detail = note == null ? null : note;
    return switch (decision) {
      case URGE -> {
        Deadlines planned = supervision.plan(decision, newDeadline, now);
        Instant due = planned.due();
        opinions.setGraceDeadline(opinionId, due);
        opinions.addEvent(opinionId, OpinionStatus.ASSIGNED, "督办：再次催办，限" + date(due) + "前答复", detail, false,
            actor);
        notifier.notifyGroup(activeDepartment(departmentCode).groupId(), subject(opinionId), "supervise:" + dedup,
            "督办 " + ticketNo, "该事项已超期，督办人员要求于 " + date(due) + " 前答复。" + (note == null ? "" : note));
        yield planned;
      }
      case EXTEND -> {
        Deadlines planned = supervision.plan(decision, newDeadline, now);
        Instant due = planned.due();
        opinions.extendDeadline(opinionId, due);
        opinions.addEvent(opinionId, OpinionStatus.ASSIGNED, "办理期限延长至" + date(due),
            "经督办同意，办理期限延长。", true, actor);
        notifier.notifyCitizen(subject(opinionId), "extended:" + dedup, "办理期限延长", "您的意见办理期限延长至 " + date(due) + "。");
        yield planned;
      }
      case REASSIGN -> {
        opinions.addEvent(opinionId, OpinionStatus.ASSIGNED, "督办：改派" + activeDepartment(departmentCode).name(),
            detail, false, actor);
        yield null;
      }
    };
  }

  /** A supervisor approved or refused a department's request to extend. */
  public Deadlines applyExtension(long opinionId, OpinionLoopProcess.ExtensionDecision decision, Object approvedDeadline, String comment,
      Instant currentDue, String actor, String dedup) {
    Instant now = opinions.now();
    Opinion o = opinions.get(opinionId);
    Department department = activeDepartment(o.departmentCode());
    if (decision == OpinionLoopProcess.ExtensionDecision.APPROVE) {
      Instant due = endOfDay(Dates.parse(approvedDeadline, zone()));
      opinions.extendDeadline(opinionId, due);
      opinions.addEvent(opinionId, OpinionStatus.ASSIGNED, "办理期限延长至" + date(due),
          "承办部门申请延期，已获同意。", true, actor);
      notifier.notifyCitizen(subject(opinionId), "extended:" + dedup, "办理期限延长", "您的意见办理期限延长至 " + date(due) + "。");
      notifier.notifyGroup(department.groupId(), subject(opinionId), "extension:" + dedup, "延期申请已同意 " + o.ticketNo(),
          "新的办理时限：" + date(due) + "。");
      return Deadlines.plan(calendar, properties, now, due);
    }
    opinions.addEvent(opinionId, OpinionStatus.ASSIGNED, "延期申请未获同意", comment, false, actor);
    notifier.notifyGroup(department.groupId(), subject(opinionId), "extension:" + dedup, "延期申请未获同意 " + o.ticketNo(),
        "请按原办理时限 " + date(currentDue) + " 答复。" + (comment == null ? "" : comment));
    return Deadlines.plan(calendar, properties, now, currentDue);
  }

  /**
   * The opinion a process instance of the loop handles: found by its business key (the ticket number) and
   * checked against the opinion's own process instance and the opinionId variable, which is for display only.
   * A step of another process, or of an instance pointed at another opinion, is refused.
   */
  public long opinionOf(ProcessInstanceRef process, Object opinionIdVariable) {
    process.require(OpinionLoopProcess.KEY, "意见建议记录");
    Opinions.ProcessLink o = process.businessKey() == null ? null
        : opinions.processLink(process.businessKey()).orElse(null);
    if (o == null || !matches(process, opinionIdVariable, o.id(), o.processInstanceId())) {
      throw process.mismatch("意见建议记录");
    }
    return o.id();
  }

  /**
   * The opinion this process instance handles, checked as {@link #opinionOf} checks it, read in full in the same
   * statement: for the steps that need more of the record than its id (one query instead of two). The record is as
   * it was when the step began.
   */
  public Opinion opinionRecordOf(ProcessInstanceRef process, Object opinionIdVariable) {
    process.require(OpinionLoopProcess.KEY, "意见建议记录");
    Opinion o = process.businessKey() == null ? null : opinions.findByTicket(process.businessKey()).orElse(null);
    if (o == null || !matches(process, opinionIdVariable, o.id(), o.processInstanceId())) {
      throw process.mismatch("意见建议记录");
    }
    opinions.knownLink(o.ticketNo(), o.id(), o.processInstanceId());
    return o;
  }

  /** The process may work the record: the record is not linked to another instance, and the id variable agrees. */
  private static boolean matches(ProcessInstanceRef process, Object opinionIdVariable, long id, String linked) {
    return (linked == null || linked.equals(process.processInstanceId()))
        && ProcessInstanceRef.agrees(opinionIdVariable, id);
  }

  /**
   * Stores the reply, tells the citizen, and returns the line for the history shown in later forms. A department's
   * reply is the assigned department's (from the record, never from a task's variables).
   */
  public String recordReply(Opinion o, OpinionLoopProcess.ReplySource source, ReplyResult result, String text,
      String measures, String actor) {
    long opinionId = o.id();
    String departmentCode = source == OpinionLoopProcess.ReplySource.DEPARTMENT ? o.departmentCode() : null;
    int round = opinions.addReply(opinionId, source.name(), departmentCode, result, text, measures, actor);
    opinions.markReplied(opinionId, result == null ? "ANSWERED" : result.name());
    String who = source == OpinionLoopProcess.ReplySource.DEPUTY ? "人大代表"
        : departmentCode == null ? "联络站" : activeOrAnyDepartmentName(departmentCode);
    opinions.addEvent(opinionId, OpinionStatus.REPLIED, who + "已答复" + (result == null ? "" : "：" + result.label()),
        text, true, actor);
    if (source == OpinionLoopProcess.ReplySource.DEPARTMENT && o.deputyUserId() != null
        && !"ANSWER".equals(o.deputyAction())) {
      // the deputy the citizen addressed sees the department's answer to what he or she passed on
      notifier.notifyUser(o.deputyUserId(), subject(opinionId), "deputy-reply:" + opinionId + ":" + round,
          who + "已答复 " + o.ticketNo(), who + "答复" + (result == null ? "" : "（" + result.label() + "）") + "：" + text);
    }
    notifier.notifyCitizen(subject(opinionId), "reply:" + opinionId + ":" + round, "您的意见已答复",
        "请查看答复内容并在 " + properties.evaluationDays() + " 日内评价（满意 / 基本满意 / 不满意）。");
    return "【第" + round + "次答复 · " + date(opinions.now()) + " · " + who
        + (result == null ? "" : " · " + result.label()) + "】" + text;
  }

  public int reopen(long opinionId, String comment, String actor) {
    Opinion o = opinions.get(opinionId);
    int count = o.reopenCount() + 1;
    opinions.reopen(opinionId, count);
    opinions.addEvent(opinionId, OpinionStatus.ANALYZING, "您对答复不满意，已重新研判办理", comment, true, actor);
    return count;
  }

  /** Ends the loop; rating null means the citizen did not evaluate within 7 days (未评价). */
  public void close(long opinionId, String rating, String actor) {
    opinions.close(opinionId, rating == null ? "UNEVALUATED" : rating);
    opinions.addEvent(opinionId, OpinionStatus.CLOSED, "已办结",
        rating == null ? properties.evaluationDays() + " 日内未评价，按未评价办结。" : "感谢您的评价。", true, actor);
    notifier.notifyCitizen(subject(opinionId), "closed:" + opinionId, "意见已办结", "您的意见已办结，感谢您对人大代表工作的支持。");
  }

  /** What notifications about the opinion are addressed to. */
  static Subject subject(long opinionId) {
    return Subject.of(SUBJECT_KIND, opinionId);
  }

  private Department activeDepartment(String code) {
    return departments.findByCode(code).filter(Department::active)
        .orElseThrow(() -> new IllegalStateException("承办部门不存在或已停用：" + code));
  }

  private String activeOrAnyDepartmentName(String code) {
    return departments.findByCode(code).map(Department::name).orElse(code);
  }

  private ZoneId zone() {
    return calendar.zone();
  }

  private Instant endOfDay(LocalDate day) {
    return day.atTime(LocalTime.of(23, 59, 59)).atZone(zone()).toInstant();
  }

  private String date(Instant i) {
    return DATE.format(i.atZone(zone()));
  }
}
