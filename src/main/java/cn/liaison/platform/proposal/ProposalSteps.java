package cn.liaison.platform.proposal;

import cn.liaison.platform.calendar.WorkingDayCalendar;
import cn.liaison.platform.department.Department;
import cn.liaison.platform.department.DepartmentRequest;
import cn.liaison.platform.department.DepartmentService;
import cn.liaison.platform.department.Departments;
import cn.liaison.platform.forum.ForumProposals;
import cn.liaison.platform.identity.PlatformGroups;
import cn.liaison.platform.notification.Notifier;
import cn.liaison.platform.notification.Subject;
import cn.liaison.platform.proposal.DeputyProposalProcess.CoSignDecision;
import cn.liaison.platform.proposal.DeputyProposalProcess.ConfirmDecision;
import cn.liaison.platform.proposal.DeputyProposalProcess.HandlingMode;
import cn.liaison.platform.proposal.DeputyProposalProcess.Review;
import cn.liaison.platform.proposal.DeputyProposalProcess.Task;
import cn.liaison.platform.system.ProcessInstanceRef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import cn.liaison.platform.opinion.Deadlines;
import cn.liaison.platform.opinion.OpinionLoopProcess;
import cn.liaison.platform.opinion.OpinionProperties;
import cn.liaison.platform.opinion.OpinionProposals;
import cn.liaison.platform.opinion.ReplyResult;
import org.camunda.bpm.engine.ProcessEngineException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * What the steps of the deputy-proposal process do to the proposal (status, co-signers, units, timeline,
 * notifications). The proposal is always found from the process instance (its business key, checked against the
 * proposal's own instance), never from a variable. Each step is idempotent: a repeated step changes nothing more.
 */
@Service
public class ProposalSteps {

  private static final Logger log = LoggerFactory.getLogger(ProposalSteps.class);
  static final String KIND = "proposal";

  private final Proposals proposals;
  private final Departments departments;
  private final Notifier notifier;
  private final WorkingDayCalendar calendar;
  private final ProposalProperties properties;
  private final OpinionProposals opinionProposals;
  private final OpinionProperties opinionRules;
  private final ForumProposals forumProposals;
  private final DepartmentService departmentService;
  private final cn.liaison.platform.opinion.Supervision supervision;

  ProposalSteps(Proposals proposals, Departments departments, Notifier notifier, WorkingDayCalendar calendar,
      ProposalProperties properties, OpinionProposals opinionProposals, OpinionProperties opinionRules,
      ForumProposals forumProposals, DepartmentService departmentService,
      cn.liaison.platform.opinion.Supervision supervision) {
    this.supervision = supervision;
    this.departmentService = departmentService;
    this.forumProposals = forumProposals;
    this.opinionRules = opinionRules;
    this.opinionProposals = opinionProposals;
    this.proposals = proposals;
    this.departments = departments;
    this.notifier = notifier;
    this.calendar = calendar;
    this.properties = properties;
  }

  /** The proposal of this process instance; a step of another process, or a mismatch, is refused. */
  public long proposalOf(ProcessInstanceRef ref, Object proposalIdVariable) {
    ref.require(DeputyProposalProcess.KEY, "代表建议");
    Proposal p = ref.businessKey() == null ? null : proposals.findByNo(ref.businessKey()).orElse(null);
    if (p == null || (p.processInstanceId() != null && !p.processInstanceId().equals(ref.processInstanceId()))
        || !ProcessInstanceRef.agrees(proposalIdVariable, p.id())) {
      throw ref.mismatch("代表建议");
    }
    return p.id();
  }

  public static Subject subject(long id) {
    return Subject.of(KIND, id);
  }

  /** A user task begins: the proposal's status follows, and the congress office hears of work waiting for it. */
  public void taskCreated(long id, String taskKey) {
    Proposal p = proposals.get(id);
    switch (taskKey) {
      case Task.CONFIRM -> proposals.setStatus(id, ProposalStatus.CONFIRMING);
      case Task.CO_SIGN -> proposals.setStatus(id, ProposalStatus.CO_SIGNING);
      case Task.REVIEW -> {
        proposals.setStatus(id, ProposalStatus.REVIEWING);
        notifier.notifyGroup(PlatformGroups.CONGRESS_OFFICE, subject(id), "review:" + id + ":" + p.updatedAt(),
            "代表建议待审核", "代表建议 " + p.proposalNo() + "《" + p.title() + "》待审核。");
      }
      case Task.REVISE -> proposals.setStatus(id, ProposalStatus.REVISING);
      case Task.ASSIGN -> {
        proposals.setStatus(id, ProposalStatus.ACCEPTED);
        notifier.notifyGroup(PlatformGroups.CONGRESS_OFFICE, subject(id), "assign:" + id + ":" + p.updatedAt(),
            "代表建议待交办", "代表建议 " + p.proposalNo() + "《" + p.title() + "》"
                + (p.handlingMode() == null ? "已受理" : "被承办单位退回") + "，请在 " + properties.assignDays()
                + " 个工作日内" + (p.handlingMode() == null ? "" : "重新") + "交办。");
      }
      default -> { }
    }
  }

  /** The due date of a user task, if it has one: 交办 within liaison.proposal.assign-days working days. */
  public Instant dueDate(String taskKey) {
    return Task.ASSIGN.equals(taskKey) ? calendar.deadline(proposals.now(), properties.assignDays()) : null;
  }

  /** The lead confirms the proposal entered on their behalf, or withdraws it. */
  public void confirmed(long id, ConfirmDecision decision, String actor) {
    if (decision == ConfirmDecision.WITHDRAW) {
      proposals.setStatus(id, ProposalStatus.WITHDRAWN);
      proposals.addEvent(id, ProposalStatus.WITHDRAWN, "领衔代表未确认，建议已撤回", null, actor);
    } else {
      proposals.addEvent(id, ProposalStatus.CO_SIGNING, "领衔代表已确认", null, actor);
    }
  }

  /** The co-signers to ask (those who have not decided) and when asking ends (liaison.proposal.co-sign-days). */
  public record Invitation(List<String> coSigners, Instant deadline) {}

  public Invitation inviteCoSigners(long id) {
    List<String> pending = new ArrayList<>();
    proposals.coSigners(id).stream().filter(c -> "PENDING".equals(c.decision()))
        .forEach(c -> pending.add(c.deputyUserId()));
    proposals.setStatus(id, pending.isEmpty() ? ProposalStatus.REVIEWING : ProposalStatus.CO_SIGNING);
    return new Invitation(pending, calendar.deadline(proposals.now(), properties.coSignDays()));
  }

  /** A co-signer agrees or declines (a declining co-signer is no longer one); only an invited, undecided one. */
  public void coSigned(long id, String deputy, CoSignDecision decision) {
    if (proposals.coSigners(id).stream().noneMatch(c -> c.deputyUserId().equals(deputy))) {
      throw new ProcessEngineException("用户 " + deputy + " 不是该建议邀请的联名代表");
    }
    if (proposals.decideCoSign(id, deputy, decision.name())) {
      proposals.addEvent(id, ProposalStatus.CO_SIGNING, decision == CoSignDecision.AGREE ? "同意联名" : "不联名",
          deputy, deputy);
    }
  }

  /** The co-sign time limit came: co-signers who did not decide are left out. */
  public void coSigningClosed(long id) {
    List<String> expired = proposals.expirePendingCoSigners(id);
    if (!expired.isEmpty()) {
      proposals.addEvent(id, ProposalStatus.CO_SIGNING, "联名期限届满", "未在期限内确认的代表不列为联名代表："
          + String.join("、", expired), null);
    }
  }

  /** The congress office's review: accepted, returned to the lead for revision, or handled as opinions. */
  public void reviewed(long id, Review review, String comment, String actor) {
    switch (review) {
      case ACCEPT -> {
        proposals.review(id, ProposalStatus.ACCEPTED, comment);
        proposals.addEvent(id, ProposalStatus.ACCEPTED, "审核通过，作为代表建议受理", comment, actor);
      }
      case RETURN -> {
        proposals.review(id, ProposalStatus.REVISING, comment);
        proposals.addEvent(id, ProposalStatus.REVISING, "退回领衔代表修改", comment, actor);
        tellLead(id, "returned", "建议退回修改", "您领衔的代表建议%s已由代表工委退回修改，意见：" + comment
            + "。请在任务列表“修改建议”中修改后重新提交。");
      }
      case TO_OPINION -> {
        proposals.review(id, ProposalStatus.TO_OPINION, comment);
        proposals.addEvent(id, ProposalStatus.TO_OPINION, "不作为代表建议，转为意见建议办理", comment, actor);
        tellLead(id, "to-opinion", "建议转为意见办理", "您领衔的代表建议%s经代表工委审核，不作为代表建议，转为意见建议办理。理由："
            + comment);
      }
    }
  }

  /**
   * Tells the lead deputy personally about their proposal (the text's %s is the proposal's number and title); the
   * dedup key is the step's place in the timeline, so a repeated step does not tell twice.
   */
  private void tellLead(long id, String what, String title, String text) {
    Proposal p = proposals.get(id);
    notifier.notifyUser(p.leadDeputy(), subject(id), "lead:" + what + ":" + id + ":" + proposals.events(id).size(),
        title, text.replace("%s", " " + p.proposalNo() + "《" + p.title() + "》"));
  }

  /** The lead resubmits the revised text. */
  public void revised(long id, String title, String reasons, String content, String actor) {
    proposals.revise(id, title, reasons, content);
    proposals.addEvent(id, ProposalStatus.REVIEWING, "领衔代表修改后重新提交", null, actor);
  }

  /** What 下达办理 hands to the model: the groups that reply and the 协办 groups, with their due dates. */
  public record Handling(List<String> replyingGroups, List<String> assistGroups, Instant replyDue, Instant assistDue,
      Instant urgeAt) {}

  /**
   * 下达办理: the units as recorded at 交办 — the 主办 (LEAD_ASSIST) or each unit (SEPARATE) replies within
   * liaison.proposal.reply-months calendar months; a 协办 gives its view to the 主办 within assist-months.
   */
  public Handling prepareHandling(long id) {
    List<Proposal.Evaluation> evaluations = proposals.evaluations(id);
    // after the lead's 不满意 the replying units handle it again, within rehandle-months, without 协办
    boolean rehandle = !evaluations.isEmpty() && "DISSATISFIED".equals(evaluations.get(evaluations.size() - 1).rating());
    List<String> replying = new ArrayList<>();
    List<String> assisting = new ArrayList<>();
    for (Proposal.Unit u : proposals.units(id)) {
      String group = departments.findByCode(u.departmentCode()).map(Department::groupId).orElseThrow();
      if (!"ASSIST".equals(u.role())) {
        replying.add(group);
      } else if (!rehandle) {
        assisting.add(group);
      }
    }
    if (replying.isEmpty()) {
      throw new ProcessEngineException("代表建议尚未交办承办单位，不能下达办理");
    }
    proposals.setStatus(id, ProposalStatus.HANDLING);
    java.time.LocalDate today = java.time.LocalDate.ofInstant(proposals.now(), calendar.zone());
    Instant replyDue = endOfDay(today.plusMonths(rehandle ? properties.rehandleMonths() : properties.replyMonths()));
    return new Handling(replying, assisting, replyDue, endOfDay(today.plusMonths(properties.assistMonths())),
        urgeAt(replyDue));
  }

  /** 催办 as the opinion loop plans it (liaison.opinion.urge-at-percent of the working days, at urge-time). */
  private Instant urgeAt(Instant due) {
    return Deadlines.plan(calendar, opinionRules, proposals.now(), due).urgeAt();
  }

  private Instant endOfDay(java.time.LocalDate day) {
    return day.atTime(23, 59, 59).atZone(calendar.zone()).toInstant();
  }

  private String groupOf(String code) {
    return departments.findByCode(code).map(Department::groupId).orElse(code);
  }

  /** The unit (department code) of a group among the proposal's units in a role; refused for any other group. */
  private String unitOf(long id, String group, boolean assist) {
    return proposals.units(id).stream().filter(u -> "ASSIST".equals(u.role()) == assist)
        .map(Proposal.Unit::departmentCode)
        .filter(code -> departments.findByCode(code).map(Department::groupId).filter(group::equals).isPresent())
        .findFirst().orElseThrow(() -> new ProcessEngineException("单位 " + group + " 不是该建议的承办单位"));
  }

  /**
   * 确定办理渠道: HTTP when the unit's department is active with its own system configured (it receives the proposal
   * over the signed channel and answers through its reply API), otherwise INBOX (its Tasklist task).
   */
  public Department.Channel unitChannel(long id, String group) {
    String code = unitOf(id, group, false);
    return departments.findByCode(code).filter(Department::active).map(Department::channel)
        .orElse(Department.Channel.INBOX);
  }

  /**
   * 送达单位系统: the proposal goes to the unit's own system (operation HANDLE_PROPOSAL), idempotent per proposal,
   * unit and round: a retried step sends the same key. Failures throw, so the step is retried, then an incident.
   */
  public void deliver(long id, String group, int round, Instant due) {
    String code = unitOf(id, group, false);
    Proposal p = proposals.get(id);
    Proposal.Unit unit = proposals.units(id).stream().filter(u -> u.departmentCode().equals(code)).findFirst()
        .orElseThrow();
    Map<String, Object> payload = new java.util.LinkedHashMap<>();
    payload.put("proposalNo", p.proposalNo());
    payload.put("unit", code);
    payload.put("role", unit.role());
    payload.put("title", p.title());
    payload.put("reasons", p.reasons());
    payload.put("content", p.content());
    payload.put("category", p.category());
    payload.put("round", round);
    departmentService.send(new DepartmentRequest(code, DeputyProposalProcess.HANDLE_PROPOSAL,
        p.proposalNo() + ":" + code + ":" + round, p.proposalNo(), due, payload, subject(id)));
    String name = departments.findByCode(code).map(Department::name).orElse(code);
    proposals.addEvent(id, ProposalStatus.HANDLING, "已送达" + name + "业务系统", "答复期限 "
        + (due == null ? "" : java.time.LocalDate.ofInstant(due, calendar.zone())), null);
  }

  /** A unit's answer (办前联系, result class, reply), or its return of a proposal that is not its business. */
  public void unitHandled(long id, String group, DeputyProposalProcess.HandlingAction action,
      Object contactedOnValue, String contactWay, String result, Object followUpOnValue, String text,
      String returnReason, String actor) {
    String code = unitOf(id, group, false);
    java.time.LocalDate contactedOn = contactedOnValue == null || contactedOnValue.toString().isBlank() ? null
        : cn.liaison.platform.calendar.Dates.parse(contactedOnValue, calendar.zone());
    String name = departments.findByCode(code).map(Department::name).orElse(code);
    if (action == DeputyProposalProcess.HandlingAction.RETURN) {
      proposals.addEvent(id, ProposalStatus.ACCEPTED, name + "退回，请代表工委重新交办", returnReason, actor);
      Proposal p = proposals.get(id);
      notifier.notifyGroup(PlatformGroups.CONGRESS_OFFICE, subject(id), "returned:" + id + ":" + code + ":"
          + proposals.events(id).size(), "代表建议被退回", "代表建议 " + p.proposalNo() + "《" + p.title() + "》被" + name
          + "退回：" + returnReason);
    } else {
      java.time.LocalDate followUpOn = !"B".equals(result) || followUpOnValue == null
          || followUpOnValue.toString().isBlank() ? null
          : cn.liaison.platform.calendar.Dates.parse(followUpOnValue, calendar.zone());
      proposals.unitAnswered(id, code, contactedOn, contactWay, result, text, followUpOn);
      proposals.addEvent(id, ProposalStatus.HANDLING, name + "已答复（" + resultLabel(result) + "）", text, actor);
      tellLead(id, "answered:" + code, "承办单位已答复", "您领衔的代表建议%s，" + name + "已答复（" + resultLabel(result)
          + "）：" + text);
      if (followUpOn != null) {
        notifier.notifyGroup(groupOf(code), subject(id), "follow-up-planned:" + id + ":" + code + ":" + followUpOn,
            "代表建议跟踪落实", "贵单位计划于 " + followUpOn + " 前解决代表建议 " + proposals.get(id).proposalNo()
                + " 所提问题，届时请报告落实情况。");
      }
    }
  }

  /** A unit asks for more time: the congress office decides (审批延期申请). */
  public void extensionRequested(long id, String group, Object deadline, String reason, String actor) {
    String code = unitOf(id, group, false);
    String name = departments.findByCode(code).map(Department::name).orElse(code);
    java.time.LocalDate day = cn.liaison.platform.calendar.Dates.parse(deadline, calendar.zone());
    proposals.addEvent(id, ProposalStatus.HANDLING, name + "申请延期至 " + day, reason, actor);
    Proposal p = proposals.get(id);
    notifier.notifyGroup(PlatformGroups.CONGRESS_OFFICE, subject(id), "extension:" + id + ":" + code + ":" + day,
        "代表建议延期申请", name + "申请将代表建议 " + p.proposalNo() + "《" + p.title() + "》的答复延期至 " + day + "。");
  }

  /**
   * The congress office approves (returns the unit's new due date, the end of that day, with its 催办) or refuses (null) an
   * extension; the timeline tells the lead deputy either way.
   */
  public Deadlines extensionDecided(long id, String group, DeputyProposalProcess.ExtensionDecision decision,
      Object approvedDeadline, String comment, String actor) {
    String code = unitOf(id, group, false);
    String name = departments.findByCode(code).map(Department::name).orElse(code);
    if (decision == DeputyProposalProcess.ExtensionDecision.REFUSE) {
      proposals.addEvent(id, ProposalStatus.HANDLING, "不同意" + name + "延期，按原期限答复", comment, actor);
      return null;
    }
    java.time.LocalDate day = cn.liaison.platform.calendar.Dates.parse(approvedDeadline, calendar.zone());
    proposals.addEvent(id, ProposalStatus.HANDLING, "同意" + name + "延期答复至 " + day, comment, actor);
    tellLead(id, "extended:" + code, "建议答复期限延长", "您领衔的代表建议%s，经代表工委同意，" + name + "的答复期限延长至 "
        + day + "。");
    Instant due = endOfDay(day);
    return new Deadlines(due, urgeAt(due));
  }

  /** The name of a unit (its department's) by its group, as forms show it. */
  public String unitName(String group) {
    return departments.findAll().stream().filter(d -> d.groupId().equals(group)).map(Department::name).findFirst()
        .orElse(group);
  }

  /** A day as forms show it (yyyy-MM-dd, the county's zone). */
  public String day(Instant instant) {
    return instant == null ? "" : java.time.LocalDate.ofInstant(instant, calendar.zone()).toString();
  }

  /** 催办: the unit's reply is due soon. */
  public void urgeUnit(long id, String group, Instant due) {
    String code = unitOf(id, group, false);
    Proposal p = proposals.get(id);
    String day = due == null ? "" : java.time.LocalDate.ofInstant(due, calendar.zone()).toString();
    notifier.notifyGroup(group, subject(id), "urge:" + id + ":" + code + ":" + day, "催办 " + p.proposalNo(),
        "代表建议 " + p.proposalNo() + "《" + p.title() + "》请于 " + day + " 前答复领衔代表。");
    proposals.addEvent(id, ProposalStatus.HANDLING, "催办" + departments.findByCode(code).map(Department::name)
        .orElse(code), "答复期限 " + day, null);
  }

  /** 督办: the unit's reply is overdue; the congress office is told and follows it up. */
  public void flagUnitOverdue(long id, String group, Instant due) {
    String code = unitOf(id, group, false);
    Proposal p = proposals.get(id);
    String name = departments.findByCode(code).map(Department::name).orElse(code);
    String day = due == null ? "" : java.time.LocalDate.ofInstant(due, calendar.zone()).toString();
    notifier.notifyGroup(PlatformGroups.CONGRESS_OFFICE, subject(id), "overdue:" + id + ":" + code + ":" + day,
        "代表建议超期未答复", name + "未在 " + day + " 前答复代表建议 " + p.proposalNo() + "《" + p.title() + "》，请督办。");
    notifier.notifyGroup(group, subject(id), "overdue-unit:" + id + ":" + code + ":" + day, "督办 " + p.proposalNo(),
        "代表建议 " + p.proposalNo() + "《" + p.title() + "》已超过答复期限 " + day + "，请尽快答复。");
    proposals.addEvent(id, ProposalStatus.HANDLING, name + "超期未答复，代表工委督办", "答复期限 " + day, null);
  }

  /**
   * 落实督办决定: the congress office's decision on an overdue unit, with the opinion loop's rules (shared
   * {@link cn.liaison.platform.opinion.Supervision}): URGE and EXTEND return the unit's new due date and its 催办 (the
   * unit is told; the lead deputy hears of a new date), REASSIGN returns null (back to 交办).
   */
  public Deadlines supervised(long id, String group, OpinionLoopProcess.SupervisionDecision decision,
      Object newDeadline, String note, String actor) {
    String code = unitOf(id, group, false);
    String name = departments.findByCode(code).map(Department::name).orElse(code);
    Proposal p = proposals.get(id);
    Deadlines planned = supervision.plan(decision, newDeadline, proposals.now());
    if (planned == null) {
      proposals.addEvent(id, ProposalStatus.HANDLING, "督办：" + name + "超期未答复，重新交办", note, actor);
      return null;
    }
    String day = java.time.LocalDate.ofInstant(planned.due(), calendar.zone()).toString();
    String title = decision == OpinionLoopProcess.SupervisionDecision.URGE ? "督办：再次催办" + name + "，限 " + day + " 前答复"
        : "督办：" + name + "的答复期限延长至 " + day;
    proposals.addEvent(id, ProposalStatus.HANDLING, title, note, actor);
    notifier.notifyGroup(group, subject(id), "supervise:" + id + ":" + code + ":" + day, "督办 " + p.proposalNo(),
        "代表建议 " + p.proposalNo() + "《" + p.title() + "》已超期，代表工委督办，请于 " + day + " 前答复领衔代表。"
            + (note == null ? "" : note));
    if (decision == OpinionLoopProcess.SupervisionDecision.EXTEND) {
      tellLead(id, "extended:" + code, "建议答复期限延长", "您领衔的代表建议%s，经代表工委督办，" + name + "的答复期限延长至 "
          + day + "。");
    }
    return planned;
  }

  /** A 协办 unit's view for the 主办; returns all views so far, as the 主办's form shows them. */
  public String assistGiven(long id, String group, String view, String actor) {
    String code = unitOf(id, group, true);
    proposals.unitAnswered(id, code, null, null, null, view, null);
    String name = departments.findByCode(code).map(Department::name).orElse(code);
    proposals.addEvent(id, ProposalStatus.HANDLING, name + "（协办）向主办单位提出意见", view, actor);
    List<String> views = new ArrayList<>();
    for (Proposal.Unit u : proposals.units(id)) {
      if ("ASSIST".equals(u.role()) && u.replyText() != null) {
        views.add(departments.findByCode(u.departmentCode()).map(Department::name).orElse(u.departmentCode()) + "："
            + u.replyText());
      }
    }
    return String.join("\n", views);
  }

  /** Every unit has answered; returns the answers as the lead deputy reads them for the evaluation. */
  public String answered(long id) {
    proposals.setStatus(id, ProposalStatus.ANSWERED);
    proposals.addEvent(id, ProposalStatus.ANSWERED, "承办单位已全部答复，待领衔代表评价", null, null);
    List<String> lines = new ArrayList<>();
    for (Proposal.Unit u : proposals.units(id)) {
      String name = departments.findByCode(u.departmentCode()).map(Department::name).orElse(u.departmentCode());
      if ("ASSIST".equals(u.role())) {
        lines.add(name + "（协办意见）：" + (u.replyText() == null ? "未提出" : u.replyText()));
      } else {
        lines.add(name + "（" + resultLabel(u.result()) + "）：" + u.replyText());
      }
    }
    return String.join("\n\n", lines);
  }

  /**
   * The lead deputy's evaluation. Satisfied or basically satisfied closes the proposal; the first 不满意 sends it back
   * to the units (returns true); a second 不满意 goes to the congress office to close with a note (returns false).
   */
  public boolean evaluated(long id, DeputyProposalProcess.Rating rating, String comment, String actor) {
    boolean dissatisfiedBefore = proposals.evaluations(id).stream().anyMatch(e -> "DISSATISFIED".equals(e.rating()));
    proposals.addEvaluation(id, rating.name(), comment);
    String label = switch (rating) {
      case SATISFIED -> "满意";
      case BASICALLY_SATISFIED -> "基本满意";
      case DISSATISFIED -> "不满意";
    };
    Proposal p = proposals.get(id);
    if (rating != DeputyProposalProcess.Rating.DISSATISFIED) {
      proposals.setStatus(id, ProposalStatus.CLOSED);
      proposals.addEvent(id, ProposalStatus.CLOSED, "领衔代表评价：" + label + "，建议办结", comment, actor);
      tellLead(id, "closed", "建议已办结", "您领衔的代表建议%s已办结（您的评价：" + label + "）。");
      return false;
    }
    if (!dissatisfiedBefore) {
      proposals.addEvent(id, ProposalStatus.HANDLING, "领衔代表评价：不满意，交承办单位重新办理", comment, actor);
      for (Proposal.Unit u : proposals.units(id)) {
        if (!"ASSIST".equals(u.role())) {
          Department d = departments.findByCode(u.departmentCode()).orElseThrow();
          notifier.notifyGroup(d.groupId(), subject(id), "rehandle:" + id + ":" + d.code(), "代表建议须重新办理",
              "领衔代表对代表建议 " + p.proposalNo() + "《" + p.title() + "》的答复不满意，请在 "
                  + properties.rehandleMonths() + " 个月内重新办理并答复。");
        }
      }
      return true;
    }
    proposals.addEvent(id, ProposalStatus.ANSWERED, "领衔代表评价：重新办理后仍不满意，由代表工委办结", comment, actor);
    notifier.notifyGroup(PlatformGroups.CONGRESS_OFFICE, subject(id), "close:" + id, "代表建议待办结",
        "代表建议 " + p.proposalNo() + "《" + p.title() + "》重新办理后领衔代表仍不满意，请说明情况后办结。");
    return false;
  }

  /** The congress office closes a proposal the lead is still dissatisfied with, with a note. */
  public void closedDissatisfied(long id, String note, String actor) {
    proposals.setStatus(id, ProposalStatus.CLOSED);
    proposals.addEvent(id, ProposalStatus.CLOSED, "代表工委办结", note, actor);
    tellLead(id, "closed", "建议已办结", "您领衔的代表建议%s已由代表工委办结。说明：" + note);
  }

  /**
   * 答复关联意见: each linked opinion receives the final answer and goes on to its citizen's evaluation. Opinions that
   * no longer wait (a repeated step) are left alone.
   */
  public void replyToOpinions(long id) {
    Map<Long, String> linked = proposals.linkedOpinions(id);
    if (linked.isEmpty()) {
      return;
    }
    Proposal p = proposals.get(id);
    List<Proposal.Unit> replying = proposals.units(id).stream().filter(u -> !"ASSIST".equals(u.role())).toList();
    StringBuilder text = new StringBuilder("代表建议《" + p.title() + "》（" + p.proposalNo() + "）的办理答复：");
    for (Proposal.Unit u : replying) {
      text.append("\n").append(departments.findByCode(u.departmentCode()).map(Department::name)
          .orElse(u.departmentCode())).append("：").append(u.replyText());
    }
    ReplyResult result = replying.stream().allMatch(u -> "A".equals(u.result())) ? ReplyResult.SOLVED
        : replying.stream().anyMatch(u -> "A".equals(u.result()) || "B".equals(u.result())) ? ReplyResult.PARTLY_SOLVED
        : ReplyResult.UNSOLVED;
    List<String> answered = new ArrayList<>();
    linked.forEach((opinionId, ticket) -> {
      if (opinionProposals.answer(ticket, result, text.toString())) {
        answered.add(ticket);
      }
    });
    if (!answered.isEmpty()) {
      proposals.addEvent(id, ProposalStatus.CLOSED, "已答复关联的群众意见", String.join("、", answered), null);
    }
  }

  /**
   * The proposal is withdrawn or handled as opinions: each linked opinion goes back to its loop's 分析研判 as an
   * ordinary opinion, with the reason, and is no longer linked.
   */
  public void releaseOpinions(long id) {
    Proposal p = proposals.get(id);
    // the forum suggestions it took up wait for a proposal of their deputy again
    if (forumProposals.release(p.proposalNo()) > 0) {
      proposals.addEvent(id, p.status(), "关联的座谈会建议重新作为代表建议素材", null, null);
    }
    Map<Long, String> linked = proposals.linkedOpinions(id);
    if (linked.isEmpty()) {
      return;
    }
    String reason = p.status() == ProposalStatus.WITHDRAWN ? "领衔代表撤回了建议" : p.reviewComment();
    List<String> back = new ArrayList<>();
    linked.forEach((opinionId, ticket) -> {
      if (opinionProposals.decline(ticket, reason)) {
        back.add(ticket);
      }
    });
    proposals.unlinkOpinions(id);
    if (!back.isEmpty()) {
      proposals.addEvent(id, p.status(), "关联的群众意见转回意见建议办理", String.join("、", back), null);
    }
  }

  /** 安排跟踪落实: the groups of the units whose answer is class B with a planned date. */
  public List<String> followUpGroups(long id) {
    return proposals.plannedFollowUps(id).keySet().stream()
        .map(code -> departments.findByCode(code).map(Department::groupId).orElseThrow()).toList();
  }

  /** When a unit's follow-up comes: 09:00 of its planned date. */
  public Instant followUpAt(long id, String group) {
    String code = unitOf(id, group, false);
    java.time.LocalDate day = proposals.plannedFollowUps(id).get(code);
    if (day == null) {
      throw new ProcessEngineException("单位 " + group + " 没有计划解决的日期");
    }
    return day.atTime(9, 0).atZone(calendar.zone()).toInstant();
  }

  /** The unit reports what became of its planned solution (跟踪落实). */
  public void followedUp(long id, String group, String text, String actor) {
    String code = unitOf(id, group, false);
    proposals.followedUp(id, code, text);
    String name = departments.findByCode(code).map(Department::name).orElse(code);
    proposals.addEvent(id, ProposalStatus.CLOSED, name + "报告计划解决事项的落实情况", text, actor);
  }

  public static String resultLabel(String result) {
    return switch (result == null ? "" : result) {
      case "A" -> "A 已解决或采纳";
      case "B" -> "B 正在解决或列入计划解决";
      case "C" -> "C 因条件限制暂不能解决";
      case "D" -> "D 留作参考";
      default -> "未分类";
    };
  }

  /** 交办: the units are recorded (主办 + 协办, or each separately) and told. */
  public void assigned(long id, HandlingMode mode, String leadUnit, List<String> assistUnits, List<String> units,
      String note, String actor) {
    List<Proposal.Unit> rows = new ArrayList<>();
    if (mode == HandlingMode.LEAD_ASSIST) {
      rows.add(new Proposal.Unit(leadUnit, "LEAD", null));
      assistUnits.forEach(u -> rows.add(new Proposal.Unit(u, "ASSIST", null)));
    } else {
      units.forEach(u -> rows.add(new Proposal.Unit(u, "SEPARATE", null)));
    }
    proposals.assign(id, mode.name(), rows);
    Proposal p = proposals.get(id);
    List<String> names = new ArrayList<>();
    for (Proposal.Unit u : rows) {
      Department d = departments.findByCode(u.departmentCode()).orElseThrow();
      String role = switch (u.role()) {
        case "LEAD" -> "主办";
        case "ASSIST" -> "协办";
        default -> "办理";
      };
      names.add(d.name() + "（" + role + "）");
      notifier.notifyGroup(d.groupId(), subject(id), "assigned:" + id + ":" + d.code(), "新交办代表建议",
          "代表建议 " + p.proposalNo() + "《" + p.title() + "》已交由贵单位" + role + "。");
    }
    proposals.addEvent(id, ProposalStatus.ASSIGNED, "已交办", String.join("、", names)
        + (note == null ? "" : "。" + note), actor);
    log.info("proposal {} assigned ({}) to {} units", p.proposalNo(), mode, rows.size());
  }
}
