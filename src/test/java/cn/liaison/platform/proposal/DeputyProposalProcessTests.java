package cn.liaison.platform.proposal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import cn.liaison.platform.FullProcessCoverage;
import cn.liaison.platform.PlatformTest;
import cn.liaison.platform.campaign.CampaignProcess;
import cn.liaison.platform.notification.OutboxNotifier;
import cn.liaison.platform.opinion.OpinionLoopProcess;
import cn.liaison.platform.opinion.OpinionStatus;
import cn.liaison.platform.opinion.OpinionSubmission;
import cn.liaison.platform.proposal.DeputyProposalProcess.CoSignDecision;
import cn.liaison.platform.proposal.DeputyProposalProcess.ConfirmDecision;
import cn.liaison.platform.proposal.DeputyProposalProcess.Event;
import cn.liaison.platform.proposal.DeputyProposalProcess.HandlingMode;
import cn.liaison.platform.proposal.DeputyProposalProcess.Review;
import cn.liaison.platform.proposal.DeputyProposalProcess.Task;
import cn.liaison.platform.proposal.DeputyProposalProcess.Var;
import cn.liaison.platform.system.TaskDecisionRefused;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import cn.liaison.platform.supervision.SupervisionLight;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Every path of the deputy proposal (代表建议) as the people do it: a deputy's own proposal or one entered on the
 * deputy's behalf, co-signers agreeing, declining or letting the time limit pass, the congress office accepting,
 * returning for revision or handing it back as opinions, and 交办 to a 主办 with 协办 or to units separately, who answer
 * (办前联系, result class A–D) or return it to be assigned again. The
 * coverage report must show every flow node and sequence flow of deputy-proposal walked.
 */
@PlatformTest
@FullProcessCoverage(excluding = {OpinionLoopProcess.KEY, CampaignProcess.CAMPAIGN_KEY, CampaignProcess.HOUSEHOLD_KEY})
class DeputyProposalProcessTests {

  static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
  /** Monday 2026-11-30, 09:00 Beijing time. */
  static final ZonedDateTime MONDAY_MORNING = ZonedDateTime.of(2026, 11, 30, 9, 0, 0, 0, BEIJING);

  static final ProposalService.Caller DEPUTY3 = new ProposalService.Caller("deputy3", Set.of("deputies"));
  static final ProposalService.Caller STAFF1 = new ProposalService.Caller("staff1",
      Set.of("station-staff", "station-staff-cy-crane", "station-staff-cy-anticorrosion"));

  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired ProposalService service;
  @Autowired Proposals proposals;
  @Autowired OutboxNotifier outbox;
  @Autowired cn.liaison.platform.opinion.OpinionService opinionService;
  @Autowired cn.liaison.platform.opinion.Opinions opinions;
  @Autowired cn.liaison.platform.department.DepartmentDirectory directory;
  @Autowired cn.liaison.platform.department.DepartmentReplies departmentReplies;

  /** Stands in for the units' own systems. */
  static final com.github.tomakehurst.wiremock.WireMockServer unitSystems = new com.github.tomakehurst.wiremock.WireMockServer(
      com.github.tomakehurst.wiremock.core.WireMockConfiguration.options().dynamicPort());

  @org.junit.jupiter.api.BeforeAll
  static void startUnitSystems() {
    unitSystems.start();
  }

  @org.junit.jupiter.api.AfterAll
  static void stopUnitSystems() {
    unitSystems.stop();
  }

  ProcessInstance pi;
  String proposalNo;

  @BeforeEach
  void mondayMorning() {
    BpmnAwareTests.init(engine);
    ClockUtil.setCurrentTime(Date.from(MONDAY_MORNING.toInstant()));
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void deputysOwnProposalWithOneCoSignerAgreeingAndOneDecliningIsAcceptedAndAssignedToLeadAndAssistUnits() {
    String ticket = opinionForProposal();
    submit(DEPUTY3, List.of("deputy7", "deputy1"), List.of(ticket));
    // the citizen reads that the opinion became a proposal; the proposal shows it with the contact masked
    long opinionId = opinions.findByTicket(ticket).orElseThrow().id();
    assertThat(opinions.events(opinionId, true)).anyMatch(e -> e.title().equals("已转为代表建议《关于起重行业安全培训的建议》"));
    var view = service.view(proposalNo, new ProposalService.Caller("office1", Set.of("congress-office")));
    assertThat(view.linkedOpinions()).singleElement().satisfies(o -> {
      assertThat(o.ticketNo()).isEqualTo(ticket);
      assertThat(o.contactMasked()).isEqualTo("138****5678");
    });
    assertThat(view.toString()).doesNotContain("13812345678", "李某");
    // one opinion belongs to one proposal
    assertThatThrownBy(() -> service.submit(new ProposalService.Submission("关于另一件事的建议", "案由案由案由案由案由案由",
        "内容内容内容内容内容内容", "SAFETY", "deputy3", List.of(), List.of(ticket)), DEPUTY3))
        .isInstanceOf(cn.liaison.platform.system.InvalidInputException.class)
        .satisfies(e -> assertThat(((cn.liaison.platform.system.InvalidInputException) e).errors().get("opinionTickets"))
            .contains("已在另一件代表建议中"));
    assertThat(pi).isWaitingAt(Task.CO_SIGN).hasPassed(Task.INVITE_CO_SIGNERS).hasNotPassed(Task.CONFIRM);
    assertThat(proposal().status()).isEqualTo(ProposalStatus.CO_SIGNING);
    var coSignTasks = tasks.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey(Task.CO_SIGN).list();
    assertThat(coSignTasks).extracting(t -> t.getAssignee()).containsExactlyInAnyOrder("deputy7", "deputy1");
    // Monday 30 Nov + 5 working days = Monday 7 Dec
    assertThat(coSignTasks).allSatisfy(t -> assertThat(LocalDate.ofInstant(t.getDueDate().toInstant(), BEIJING))
        .isEqualTo(LocalDate.of(2026, 12, 7)));
    // the co-signers are not stored in a variable anyone could change: they come from the proposal's record
    assertThat(runtime.getVariable(pi.getId(), Var.CO_SIGNER_LIST)).isNull();

    coSign("deputy7", CoSignDecision.AGREE);
    coSign("deputy1", CoSignDecision.DECLINE);
    assertThat(pi).isWaitingAt(Task.REVIEW);
    assertThat(proposals.coSigners(proposal().id())).extracting(Proposal.CoSigner::deputyUserId,
        Proposal.CoSigner::decision).containsExactly(org.assertj.core.groups.Tuple.tuple("deputy7", "AGREE"),
        org.assertj.core.groups.Tuple.tuple("deputy1", "DECLINE"));
    assertThat(proposal().status()).isEqualTo(ProposalStatus.REVIEWING);
    assertThat(outbox.forGroup("congress-office")).anyMatch(n -> n.body().contains(proposalNo));
    // a deputy who declined is no co-signer: the proposal is no longer his to read
    assertThat(service.view(proposalNo, new ProposalService.Caller("deputy7", Set.of("deputies")))).isNotNull();
    assertThatThrownBy(() -> service.view(proposalNo, new ProposalService.Caller("deputy1", Set.of("deputies"))))
        .isInstanceOf(org.springframework.security.access.AccessDeniedException.class);
    assertThat(tasks.getIdentityLinksForTask(task(Task.REVIEW).getId())).extracting("groupId")
        .containsExactly("congress-office");

    complete(Task.REVIEW, Map.of(Var.PROPOSAL_REVIEW, Review.ACCEPT.name()));
    assertThat(pi).isWaitingAt(Task.ASSIGN);
    assertThat(proposal().status()).isEqualTo(ProposalStatus.ACCEPTED);
    // 交办 within 5 working days of acceptance
    assertThat(LocalDate.ofInstant(task(Task.ASSIGN).getDueDate().toInstant(), BEIJING))
        .isEqualTo(LocalDate.of(2026, 12, 7));

    complete(Task.ASSIGN, Map.of(Var.HANDLING_MODE, HandlingMode.LEAD_ASSIST.name(), Var.LEAD_UNIT, "dept-water",
        Var.ASSIST_UNITS, "[\"dept-agriculture\", \"dept-finance\"]"));
    assertThat(pi).hasPassed(Task.PREPARE_HANDLING).isWaitingAt(Task.HANDLE, Task.ASSIST);
    assertThat(proposal().status()).isEqualTo(ProposalStatus.HANDLING);
    assertThat(proposal().handlingMode()).isEqualTo("LEAD_ASSIST");
    assertThat(proposals.units(proposal().id())).extracting(Proposal.Unit::departmentCode, Proposal.Unit::role)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("dept-water", "LEAD"),
            org.assertj.core.groups.Tuple.tuple("dept-agriculture", "ASSIST"),
            org.assertj.core.groups.Tuple.tuple("dept-finance", "ASSIST"));
    assertThat(outbox.forGroup("dept-water")).anyMatch(n -> n.body().contains(proposalNo) && n.body().contains("主办"));
    assertThat(outbox.forGroup("dept-finance")).anyMatch(n -> n.body().contains(proposalNo) && n.body().contains("协办"));
    // the 主办 answers within 3 calendar months of 交办, a 协办 gives its view within one month
    var handle = unitTask(Task.HANDLE, "dept-water");
    assertThat(LocalDate.ofInstant(handle.getDueDate().toInstant(), BEIJING)).isEqualTo(LocalDate.of(2027, 2, 28));
    var assist = unitTask(Task.ASSIST, "dept-agriculture");
    assertThat(LocalDate.ofInstant(assist.getDueDate().toInstant(), BEIJING)).isEqualTo(LocalDate.of(2026, 12, 30));
    assertThat(unitTask(Task.ASSIST, "dept-finance")).isNotNull();

    tasks.complete(assist.getId(), Map.of(Var.ASSIST_VIEW, "建议结合高标准农田项目安排培训场地。"));
    assertThat(runtime.getVariable(pi.getId(), Var.ASSIST_VIEWS)).isEqualTo("县农业农村局：建议结合高标准农田项目安排培训场地。");
    tasks.complete(unitTask(Task.ASSIST, "dept-finance").getId(), Map.of(Var.ASSIST_VIEW, "培训经费可列入明年预算。"));
    assertThat(runtime.getVariable(pi.getId(), Var.ASSIST_VIEWS).toString()).contains("县财政局：培训经费可列入明年预算。");

    // the 主办 asks for more time: at most three months beyond the reply date, approved by the congress office
    assertThatThrownBy(() -> tasks.complete(handle.getId(), Map.of(Var.HANDLING_ACTION, "REQUEST_EXTENSION",
        Var.EXTENSION_DEADLINE, "2027-06-30", Var.EXTENSION_REASON, "需等明年预算批复。")))
        .hasMessageContaining("最多延长 3 个月，即不晚于 2027-05-28");
    tasks.complete(handle.getId(), Map.of(Var.HANDLING_ACTION, "REQUEST_EXTENSION",
        Var.EXTENSION_DEADLINE, "2027-04-30", Var.EXTENSION_REASON, "需等明年预算批复。"));
    assertThat(pi).isWaitingAt(Task.APPROVE_EXTENSION);
    assertThat(tasks.getIdentityLinksForTask(task(Task.APPROVE_EXTENSION).getId())).extracting("groupId")
        .containsExactly("congress-office");
    assertThatThrownBy(() -> complete(Task.APPROVE_EXTENSION, Map.of(Var.EXTENSION_DECISION, "APPROVE",
        Var.APPROVED_DEADLINE, "2027-02-01"))).hasMessageContaining("延期后的日期应晚于现在的办理期限 2027-02-28");
    complete(Task.APPROVE_EXTENSION, Map.of(Var.EXTENSION_DECISION, "APPROVE", Var.APPROVED_DEADLINE, "2027-04-30",
        Var.EXTENSION_COMMENT, "同意，请提前与领衔代表沟通。"));
    var extended = unitTask(Task.HANDLE, "dept-water");
    assertThat(LocalDate.ofInstant(extended.getDueDate().toInstant(), BEIJING)).isEqualTo(LocalDate.of(2027, 4, 30));
    assertThat(proposals.events(proposal().id())).extracting(Proposal.Event::title)
        .contains("县水利局申请延期至 2027-04-30", "同意县水利局延期答复至 2027-04-30");
    // the lead deputy is told the new date personally
    assertThat(outbox.forUser("deputy3")).anyMatch(n -> n.title().equals("建议答复期限延长")
        && n.body().contains(proposalNo) && n.body().contains("县水利局的答复期限延长至 2027-04-30"));

    // 催办 as the opinion loop plans it (two thirds of the working days), then 督办 when the reply is overdue
    Job urge = management.createJobQuery().processInstanceId(pi.getId()).activityId(Event.TIMER_URGE_UNIT).singleResult();
    assertThat(urge.getDuedate()).isAfter(Date.from(ZonedDateTime.of(2027, 2, 28, 0, 0, 0, 0, BEIJING).toInstant()))
        .isBefore(extended.getDueDate());
    ClockUtil.setCurrentTime(urge.getDuedate());
    management.executeJob(urge.getId());
    assertThat(outbox.forGroup("dept-water")).anyMatch(n -> n.title().equals("催办 " + proposalNo)
        && n.body().contains("2027-04-30"));
    ClockUtil.setCurrentTime(Date.from(ZonedDateTime.of(2027, 5, 1, 9, 0, 0, 0, BEIJING).toInstant()));
    management.executeJob(management.createJobQuery().processInstanceId(pi.getId())
        .activityId(Event.TIMER_UNIT_OVERDUE).singleResult().getId());
    assertThat(pi).hasPassed(Task.URGE_UNIT, Task.FLAG_UNIT_OVERDUE).isWaitingAt(Task.SUPERVISE);
    assertThat(outbox.forGroup("congress-office")).anyMatch(n -> n.title().equals("代表建议超期未答复")
        && n.body().contains(proposalNo));
    // 督办 as in the opinion loop: the congress office decides while the unit's overdue task waits no longer
    assertThat(tasks.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey(Task.HANDLE).count()).isZero();
    assertThat(tasks.getIdentityLinksForTask(task(Task.SUPERVISE).getId())).extracting("groupId")
        .containsExactly("congress-office");
    assertThat(task(Task.SUPERVISE).getName()).isEqualTo("督办代表建议");
    // the form shows the unit by name and its reply date as a day
    assertThat(tasks.getVariablesLocal(task(Task.SUPERVISE).getId())).containsEntry(Var.HANDLING_UNIT_NAME, "县水利局")
        .containsEntry(Var.UNIT_DUE_DAY, "2027-04-30");
    assertThatThrownBy(() -> complete(Task.SUPERVISE, Map.of(Var.SUPERVISION_DECISION, "EXTEND",
        Var.NEW_DEADLINE, "2027-04-30"))).isInstanceOf(TaskDecisionRefused.class).hasMessageContaining("日期应晚于今天");
    assertThatThrownBy(() -> complete(Task.SUPERVISE, Map.of(Var.SUPERVISION_NOTE, "请尽快答复。")))
        .hasMessageContaining("请选择督办决定");
    complete(Task.SUPERVISE, Map.of(Var.SUPERVISION_DECISION, "URGE", Var.SUPERVISION_NOTE, "请于两个工作日内答复领衔代表。"));
    assertThat(pi).hasPassed(Task.APPLY_SUPERVISION).isWaitingAt(Task.HANDLE);
    var handleAgain = unitTask(Task.HANDLE, "dept-water");
    // a short grace period (liaison.opinion.urge-grace-days working days), not the three months again
    assertThat(handleAgain.getDueDate()).isAfter(ClockUtil.getCurrentTime())
        .isBefore(Date.from(ZonedDateTime.of(2027, 5, 15, 0, 0, 0, 0, BEIJING).toInstant()));
    assertThat(runtime.getVariable(handleAgain.getExecutionId(), Var.UNIT_DUE_DATE)).isEqualTo(handleAgain.getDueDate());
    assertThat(outbox.forGroup("dept-water")).anyMatch(n -> n.title().equals("督办 " + proposalNo)
        && n.body().contains("请于两个工作日内答复领衔代表。"));
    assertThat(proposals.events(proposal().id())).extracting(Proposal.Event::title)
        .anyMatch(t -> t.startsWith("督办：再次催办县水利局"));

    // 办前联系 is required before an answer
    assertThatThrownBy(() -> tasks.complete(handleAgain.getId(), Map.of(Var.HANDLING_ACTION, "REPLY",
        Var.PROPOSAL_RESULT, "A", Var.REPLY_TEXT, "已安排培训。")))
        .isInstanceOf(TaskDecisionRefused.class).hasMessageContaining("请填写办前与领衔代表联系的日期");
    assertThatThrownBy(() -> tasks.complete(handleAgain.getId(), Map.of(Var.HANDLING_ACTION, "REPLY",
        Var.CONTACTED_ON, "2027-05-30", Var.CONTACT_WAY, "VISIT", Var.PROPOSAL_RESULT, "A", Var.REPLY_TEXT, "已安排。")))
        .hasMessageContaining("联系日期不能晚于今天");
    tasks.complete(handleAgain.getId(), Map.of(Var.HANDLING_ACTION, "REPLY", Var.CONTACTED_ON, "2026-11-30",
        Var.CONTACT_WAY, "VISIT", Var.PROPOSAL_RESULT, "A", Var.REPLY_TEXT, "已将起重作业培训纳入全县安全生产计划，每季度一次。"));
    assertThat(pi).hasPassed(Task.RECORD_ANSWERS).isWaitingAt(Task.EVALUATE);
    assertThat(proposal().status()).isEqualTo(ProposalStatus.ANSWERED);
    assertThat(outbox.forUser("deputy3")).anyMatch(n -> n.title().equals("承办单位已答复")
        && n.body().contains("县水利局已答复（A 已解决或采纳）：已将起重作业培训纳入全县安全生产计划"));
    assertThat(proposals.units(proposal().id()).get(0)).satisfies(u -> {
      assertThat(u.result()).isEqualTo("A");
      assertThat(u.contactWay()).isEqualTo("VISIT");
      assertThat(u.contactedOn()).isEqualTo(LocalDate.of(2026, 11, 30));
      assertThat(u.replyText()).contains("每季度一次");
    });
    // the lead deputy evaluates what the units answered
    assertThat(task(Task.EVALUATE).getAssignee()).isEqualTo("deputy3");
    assertThat(runtime.getVariable(pi.getId(), Var.ANSWERS_SUMMARY).toString())
        .contains("县水利局（A 已解决或采纳）：已将起重作业培训纳入全县安全生产计划", "县财政局（协办意见）：培训经费可列入明年预算。");
    complete(Task.EVALUATE, Map.of(Var.DEPUTY_RATING, "SATISFIED"));
    executeJob(Task.REPLY_TO_OPINIONS);
    assertThat(pi).isEnded().hasPassed(Event.CLOSED).hasNotPassed(Task.CLOSE_DISSATISFIED);
    // the linked opinion gets the answer and its citizen evaluates it
    assertThat(opinionLoop(ticket)).isWaitingAt(OpinionLoopProcess.Event.AWAIT_EVALUATION);
    assertThat(opinions.replies(opinionId)).singleElement().satisfies(r -> {
      assertThat(r.source()).isEqualTo("PROPOSAL");
      assertThat(r.result().name()).isEqualTo("SOLVED");
      assertThat(r.text()).contains("关于起重行业安全培训的建议", "县水利局：已将起重作业培训纳入全县安全生产计划");
    });
    assertThat(proposal().status()).isEqualTo(ProposalStatus.CLOSED);
    assertThat(proposals.evaluations(proposal().id())).extracting(Proposal.Evaluation::rating).containsExactly("SATISFIED");
    assertThat(outbox.forUser("deputy3")).anyMatch(n -> n.title().equals("建议已办结") && n.body().contains(proposalNo)
        && n.body().contains("满意"));
  }

  @Test
  void proposalEnteredByStaffWaitsForTheLeadWhoWithdrawsIt() {
    String ticket = opinionForProposal();
    submit(STAFF1, List.of("deputy7"), List.of(ticket));
    assertThat(pi).isWaitingAt(Task.CONFIRM);
    assertThat(task(Task.CONFIRM).getAssignee()).isEqualTo("deputy3");
    assertThat(proposal().status()).isEqualTo(ProposalStatus.CONFIRMING);
    assertThat(proposal().createdBy()).isEqualTo("staff1");

    complete(Task.CONFIRM, Map.of(Var.CONFIRM_DECISION, ConfirmDecision.WITHDRAW.name()));
    executeJob(Task.RELEASE_WITHDRAWN_OPINIONS);
    assertThat(pi).isEnded().hasPassed(Event.WITHDRAWN).hasNotPassed(Task.CO_SIGN);
    assertThat(proposal().status()).isEqualTo(ProposalStatus.WITHDRAWN);
    // the opinion goes back to analysis as an ordinary opinion and may be taken up again
    assertThat(opinionLoop(ticket)).isWaitingAt(OpinionLoopProcess.Task.ANALYZE);
    assertThat(proposals.isLinked(opinions.findByTicket(ticket).orElseThrow().id())).isFalse();
  }

  @Test
  void confirmedProposalWithoutCoSignersIsReturnedForRevisionThenHandedBackAsOpinions() {
    String ticket = opinionForProposal();
    submit(STAFF1, List.of(), List.of(ticket));
    complete(Task.CONFIRM, Map.of(Var.CONFIRM_DECISION, ConfirmDecision.CONFIRM.name()));
    // no co-signers: straight to 审核
    assertThat(pi).isWaitingAt(Task.REVIEW).hasPassed(Task.INVITE_CO_SIGNERS);

    assertThatThrownBy(() -> complete(Task.REVIEW, Map.of(Var.PROPOSAL_REVIEW, Review.RETURN.name())))
        .isInstanceOf(TaskDecisionRefused.class).hasMessageContaining("请填写退回修改的意见");
    complete(Task.REVIEW, Map.of(Var.PROPOSAL_REVIEW, Review.RETURN.name(), Var.REVIEW_COMMENT, "案由不够具体，请补充数据。"));
    assertThat(pi).isWaitingAt(Task.REVISE);
    assertThat(task(Task.REVISE).getAssignee()).isEqualTo("deputy3");
    assertThat(outbox.forUser("deputy3")).anyMatch(n -> n.title().equals("建议退回修改")
        && n.body().contains(proposalNo) && n.body().contains("案由不够具体，请补充数据。"));
    assertThat(proposal().status()).isEqualTo(ProposalStatus.REVISING);

    assertThatThrownBy(() -> complete(Task.REVISE, Map.of(Var.TITLE, "起重行业安全培训")))
        .isInstanceOf(TaskDecisionRefused.class).hasMessageContaining("关于……的建议");
    complete(Task.REVISE, Map.of(Var.TITLE, "关于加强起重行业安全培训的建议",
        Var.REASONS, "全县起重企业 120 家，持证上岗率不足六成，去年发生事故 3 起。",
        Var.CONTENT, "建议县市场监管局牵头，每季度组织一次起重作业人员培训考核。"));
    assertThat(pi).isWaitingAt(Task.REVIEW);
    assertThat(proposal().title()).isEqualTo("关于加强起重行业安全培训的建议");
    assertThat(runtime.getVariable(pi.getId(), Var.TITLE)).isEqualTo("关于加强起重行业安全培训的建议");

    complete(Task.REVIEW, Map.of(Var.PROPOSAL_REVIEW, Review.TO_OPINION.name(),
        Var.REVIEW_COMMENT, "属于具体个案，转为意见建议由联络站交办即可。"));
    executeJob(Task.RELEASE_OPINIONS);
    assertThat(pi).isEnded().hasPassed(Event.RETURNED_TO_OPINION);
    assertThat(outbox.forUser("deputy3")).anyMatch(n -> n.title().equals("建议转为意见办理")
        && n.body().contains("不作为代表建议") && n.body().contains("属于具体个案，转为意见建议由联络站交办即可。"));
    var opinion = opinions.findByTicket(ticket).orElseThrow();
    assertThat(opinionLoop(ticket)).isWaitingAt(OpinionLoopProcess.Task.ANALYZE);
    assertThat(opinion.status()).isEqualTo(OpinionStatus.ANALYZING);
    assertThat(opinions.events(opinion.id(), true)).anyMatch(e -> e.detail() != null && e.detail().contains("属于具体个案"));
    assertThat(proposal().status()).isEqualTo(ProposalStatus.TO_OPINION);
    assertThat(proposal().reviewComment()).contains("具体个案");
    assertThat(proposals.events(proposal().id())).extracting(Proposal.Event::title)
        .contains("退回领衔代表修改", "领衔代表修改后重新提交", "不作为代表建议，转为意见建议办理");
  }

  @Test
  void coSignersWhoDoNotAnswerInFiveWorkingDaysAreLeftOutAndUnitsAreAssignedSeparately() {
    submit(DEPUTY3, List.of("deputy7", "deputy1"));
    coSign("deputy7", CoSignDecision.AGREE);

    ClockUtil.setCurrentTime(Date.from(ZonedDateTime.of(2026, 12, 8, 9, 0, 0, 0, BEIJING).toInstant()));
    Job timer = management.createJobQuery().processInstanceId(pi.getId()).activityId(Event.TIMER_CO_SIGN_DEADLINE)
        .timers().singleResult();
    assertThat(timer.getDuedate()).isBefore(ClockUtil.getCurrentTime());
    management.executeJob(timer.getId());
    assertThat(pi).hasPassed(Event.TIMER_CO_SIGN_DEADLINE, Task.CLOSE_CO_SIGNING).isWaitingAt(Task.REVIEW);
    assertThat(proposals.coSigners(proposal().id())).extracting(Proposal.CoSigner::deputyUserId,
        Proposal.CoSigner::decision).containsExactly(org.assertj.core.groups.Tuple.tuple("deputy7", "AGREE"),
        org.assertj.core.groups.Tuple.tuple("deputy1", "EXPIRED"));

    complete(Task.REVIEW, Map.of(Var.PROPOSAL_REVIEW, Review.ACCEPT.name()));
    assertThatThrownBy(() -> complete(Task.ASSIGN, Map.of(Var.HANDLING_MODE, HandlingMode.SEPARATE.name(),
        Var.UNITS, "[\"dept-water\"]"))).hasMessageContaining("至少选择两个承办单位");
    assertThatThrownBy(() -> complete(Task.ASSIGN, Map.of(Var.HANDLING_MODE, HandlingMode.SEPARATE.name(),
        Var.UNITS, "[\"dept-water\", \"dept-moon\"]"))).hasMessageContaining("承办单位不存在或已停用：dept-moon");
    assertThatThrownBy(() -> complete(Task.ASSIGN, Map.of(Var.HANDLING_MODE, HandlingMode.LEAD_ASSIST.name(),
        Var.LEAD_UNIT, "dept-water", Var.ASSIST_UNITS, "[\"dept-water\"]")))
        .hasMessageContaining("主办单位不能同时作为协办单位");
    assertThat(pi).isWaitingAt(Task.ASSIGN);
    assertThat(proposals.units(proposal().id())).isEmpty();

    complete(Task.ASSIGN, Map.of(Var.HANDLING_MODE, HandlingMode.SEPARATE.name(),
        Var.UNITS, "[\"dept-water\", \"dept-agriculture\"]", Var.ASSIGN_NOTE, "请各自答复领衔代表。"));
    assertThat(pi).isWaitingAt(Task.HANDLE).hasNotPassed(Task.ASSIST);
    assertThat(tasks.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey(Task.HANDLE).count()).isEqualTo(2);
    assertThat(proposals.units(proposal().id())).extracting(Proposal.Unit::role).containsOnly("SEPARATE").hasSize(2);

    // the water bureau answers; the agriculture bureau says it is not its business: 交办 again, all handling ends
    tasks.complete(unitTask(Task.HANDLE, "dept-water").getId(), Map.of(Var.HANDLING_ACTION, "REPLY",
        Var.CONTACTED_ON, "2026-12-08", Var.CONTACT_WAY, "PHONE", Var.PROPOSAL_RESULT, "B",
        Var.FOLLOW_UP_ON, "2027-06-30", Var.REPLY_TEXT, "已列入明年计划。"));
    var agriculture = unitTask(Task.HANDLE, "dept-agriculture");
    assertThatThrownBy(() -> tasks.complete(agriculture.getId(), Map.of(Var.HANDLING_ACTION, "RETURN")))
        .hasMessageContaining("请填写退回理由");
    tasks.complete(agriculture.getId(), Map.of(Var.HANDLING_ACTION, "RETURN",
        Var.RETURN_REASON, "起重作业培训属于市场监管部门职责，建议交县市场监管局。"));
    assertThat(pi).hasPassed(Event.UNIT_RETURNED, Event.RETURNED_BY_UNIT).isWaitingAt(Task.ASSIGN);
    assertThat(tasks.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey(Task.HANDLE).count()).isZero();
    assertThat(proposal().status()).isEqualTo(ProposalStatus.ACCEPTED);
    assertThat(outbox.forGroup("congress-office")).anyMatch(n -> n.body().contains("建议交县市场监管局"));

    complete(Task.ASSIGN, Map.of(Var.HANDLING_MODE, HandlingMode.SEPARATE.name(),
        Var.UNITS, "[\"dept-water\", \"dept-market\"]"));
    for (String unit : List.of("dept-water", "dept-market")) {
      tasks.complete(unitTask(Task.HANDLE, unit).getId(), Map.of(Var.HANDLING_ACTION, "REPLY",
          Var.CONTACTED_ON, "2026-12-08", Var.CONTACT_WAY, "MEETING", Var.PROPOSAL_RESULT, "C",
          Var.REPLY_TEXT, "受场地条件限制，暂以线上培训代替。"));
    }
    assertThat(pi).isWaitingAt(Task.EVALUATE);
    assertThat(proposals.units(proposal().id())).extracting(Proposal.Unit::departmentCode, Proposal.Unit::result)
        .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("dept-water", "C"),
            org.assertj.core.groups.Tuple.tuple("dept-market", "C"));

    // 不满意: the units handle it again and answer within a month (once)
    assertThatThrownBy(() -> complete(Task.EVALUATE, Map.of(Var.DEPUTY_RATING, "DISSATISFIED")))
        .hasMessageContaining("不满意时请说明理由");
    complete(Task.EVALUATE, Map.of(Var.DEPUTY_RATING, "DISSATISFIED", Var.EVALUATION_COMMENT, "线上培训不能代替实操。"));
    assertThat(pi).isWaitingAt(Task.HANDLE).hasNotPassed(Task.CLOSE_DISSATISFIED);
    assertThat(tasks.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey(Task.HANDLE).list())
        .hasSize(2).allSatisfy(t -> assertThat(LocalDate.ofInstant(t.getDueDate().toInstant(), BEIJING))
            .isEqualTo(LocalDate.of(2027, 1, 8)));
    assertThat(outbox.forGroup("dept-market")).anyMatch(n -> n.title().equals("代表建议须重新办理"));
    for (String unit : List.of("dept-water", "dept-market")) {
      assertThatThrownBy(() -> tasks.complete(unitTask(Task.HANDLE, unit).getId(), Map.of(Var.HANDLING_ACTION,
          "REPLY", Var.CONTACTED_ON, "2026-12-08", Var.CONTACT_WAY, "VISIT", Var.PROPOSAL_RESULT, "B",
          Var.REPLY_TEXT, "明年一季度租用实训场地开展实操培训。"))).hasMessageContaining("B 类答复请填写计划解决的日期");
      tasks.complete(unitTask(Task.HANDLE, unit).getId(), Map.of(Var.HANDLING_ACTION, "REPLY",
          Var.CONTACTED_ON, "2026-12-08", Var.CONTACT_WAY, "VISIT", Var.PROPOSAL_RESULT, "B",
          Var.FOLLOW_UP_ON, "2027-03-31", Var.REPLY_TEXT, "明年一季度租用实训场地开展实操培训。"));
    }
    // still 不满意: the congress office closes it with a note
    complete(Task.EVALUATE, Map.of(Var.DEPUTY_RATING, "DISSATISFIED", Var.EVALUATION_COMMENT, "时间太晚。"));
    assertThat(pi).isWaitingAt(Task.CLOSE_DISSATISFIED);
    assertThat(tasks.getIdentityLinksForTask(task(Task.CLOSE_DISSATISFIED).getId())).extracting("groupId")
        .containsExactly("congress-office");
    assertThatThrownBy(() -> complete(Task.CLOSE_DISSATISFIED, Map.of())).hasMessageContaining("请填写办结说明");
    complete(Task.CLOSE_DISSATISFIED, Map.of(Var.CLOSE_NOTE, "已督促两单位提前至明年一月开展实操培训，予以办结。"));
    executeJob(Task.REPLY_TO_OPINIONS);
    assertThat(proposal().status()).isEqualTo(ProposalStatus.CLOSED);
    assertThat(proposals.evaluations(proposal().id())).extracting(Proposal.Evaluation::rating)
        .containsExactly("DISSATISFIED", "DISSATISFIED");
    assertThat(outbox.forUser("deputy3")).anyMatch(n -> n.title().equals("建议已办结") && n.body().contains(proposalNo)
        && n.body().contains("已督促两单位提前至明年一月开展实操培训"));

    // both answers were class B: when the planned date comes, each unit reports what became of it
    assertThat(pi).isWaitingAt(Event.TIMER_FOLLOW_UP_DUE).hasPassed(Task.PREPARE_FOLLOW_UPS, Task.SCHEDULE_FOLLOW_UP);
    ClockUtil.setCurrentTime(Date.from(ZonedDateTime.of(2027, 3, 31, 9, 1, 0, 0, BEIJING).toInstant()));
    var followUpTimers = management.createJobQuery().processInstanceId(pi.getId())
        .activityId(Event.TIMER_FOLLOW_UP_DUE).timers().list();
    assertThat(followUpTimers).hasSize(2);
    followUpTimers.forEach(job -> management.executeJob(job.getId()));
    for (String unit : List.of("dept-water", "dept-market")) {
      var followUp = unitTask(Task.FOLLOW_UP, unit);
      assertThatThrownBy(() -> tasks.complete(followUp.getId(), Map.of())).hasMessageContaining("请填写落实情况");
      tasks.complete(followUp.getId(), Map.of(Var.FOLLOW_UP_TEXT, "实操培训已于三月完成，共培训 86 人。"));
    }
    assertThat(pi).isEnded().hasPassed(Task.FOLLOW_UP, Event.CLOSED);
    assertThat(proposals.events(proposal().id())).extracting(Proposal.Event::title)
        .contains("县水利局报告计划解决事项的落实情况", "县市场监管局报告计划解决事项的落实情况");
  }

  @Test
  void aUnitCannotAnswerForAnotherUnitNorSeeItsTask() {
    submit(DEPUTY3, List.of());
    complete(Task.REVIEW, Map.of(Var.PROPOSAL_REVIEW, Review.ACCEPT.name()));
    complete(Task.ASSIGN, Map.of(Var.HANDLING_MODE, HandlingMode.LEAD_ASSIST.name(), Var.LEAD_UNIT, "dept-water"));
    var handle = unitTask(Task.HANDLE, "dept-water");
    assertThat(tasks.createTaskQuery().processInstanceId(pi.getId()).taskCandidateGroup("dept-town").count()).isZero();
    assertThatThrownBy(() -> tasks.complete(handle.getId(), Map.of(Var.HANDLING_ACTION, "REPLY",
        Var.HANDLING_UNIT, "dept-town", Var.CONTACTED_ON, "2026-11-30", Var.CONTACT_WAY, "PHONE",
        Var.PROPOSAL_RESULT, "D", Var.REPLY_TEXT, "留作参考。"))).hasMessageContaining("此任务不接受变量");
    assertThat(pi).isWaitingAt(Task.HANDLE);
    assertThat(proposals.units(proposal().id()).get(0).replyText()).isNull();
  }

  @Test
  void aCoSignerCannotPointTheTaskAtAnotherProposalOrAnotherCoSigner() {
    submit(DEPUTY3, List.of("deputy7"));
    var task = tasks.createTaskQuery().processInstanceId(pi.getId()).taskAssignee("deputy7").singleResult();
    for (String forged : List.of(Var.PROPOSAL_ID, Var.CO_SIGNER, Var.LEAD_DEPUTY, Var.PROPOSAL_NO)) {
      var variables = new HashMap<String, Object>();
      variables.put(Var.CO_SIGN_DECISION, CoSignDecision.AGREE.name());
      variables.put(forged, "deputy1");
      assertThatThrownBy(() -> tasks.complete(task.getId(), variables)).hasMessageContaining("此任务不接受变量");
    }
    assertThat(pi).isWaitingAt(Task.CO_SIGN);
    assertThat(proposals.coSigners(proposal().id())).extracting(Proposal.CoSigner::decision).containsExactly("PENDING");
  }

  /**
   * A unit with its own system (issue 12): it receives the proposal over the signed HTTP channel (HANDLE_PROPOSAL,
   * one idempotency key per proposal, unit and round) and answers through its reply API, checked as the Tasklist form
   * is; extension and 督办 work for it as for a Tasklist unit, and 重新交办 delivers the next round anew.
   */
  @Test
  void aUnitWithItsOwnSystemReceivesTheProposalOverHttpAndAnswersThroughItsSystem() {
    String code = "dept-sys-proposal-" + System.nanoTime() % 100000;
    String secret = "secret-" + java.util.UUID.randomUUID();
    unitSystems.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post("/" + code + "/proposals")
        .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(202)));
    directory.save(code, new cn.liaison.platform.department.DepartmentDirectory.Change("县应急管理局", null, "HTTP",
        unitSystems.baseUrl() + "/" + code + "/proposals", 2000, secret, true));
    submit(DEPUTY3, List.of());
    complete(Task.REVIEW, Map.of(Var.PROPOSAL_REVIEW, Review.ACCEPT.name()));
    complete(Task.ASSIGN, Map.of(Var.HANDLING_MODE, HandlingMode.SEPARATE.name(),
        Var.UNITS, "[\"" + code + "\", \"dept-water\"]"));
    // the Tasklist unit gets its task at once; the unit with a system only after the delivery step ran
    assertThat(unitTask(Task.HANDLE, "dept-water")).isNotNull();
    assertThat(tasks.createTaskQuery().processInstanceId(pi.getId()).taskCandidateGroup(code).count()).isZero();
    executeJob(Task.DELIVER);
    assertThat(pi).hasPassed(Task.CHOOSE_UNIT_CHANNEL, Task.DELIVER).isWaitingAt(Task.AWAIT_UNIT_SYSTEM);
    var calls = unitSystems.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
        com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo("/" + code + "/proposals")));
    assertThat(calls).singleElement().satisfies(call -> {
      assertThat(call.getHeader(cn.liaison.platform.department.Signatures.IDEMPOTENCY_KEY))
          .isEqualTo(proposalNo + ":" + code + ":1");
      assertThat(call.getBodyAsString()).contains("\"operation\":\"HANDLE_PROPOSAL\"",
          "\"proposalNo\":\"" + proposalNo + "\"", "\"unit\":\"" + code + "\"", "关于起重行业安全培训的建议",
          "/api/departments/" + code + "/replies");
    });

    // 三色督办: its light turns yellow at two thirds of its time, as a Tasklist unit's does
    String awaiting = runtime.createExecutionQuery().processInstanceId(pi.getId())
        .activityId(Task.AWAIT_UNIT_SYSTEM).singleResult().getId();
    assertThat(runtime.getVariable(awaiting, SupervisionLight.VAR)).isEqualTo(SupervisionLight.GREEN.name());
    executeJob(Event.TIMER_LIGHT_YELLOW_UNIT_SYSTEM);
    assertThat(pi).hasPassed(Task.TURN_UNIT_LIGHT_YELLOW);
    assertThat(runtime.getVariable(awaiting, SupervisionLight.VAR)).isEqualTo(SupervisionLight.YELLOW.name());
    assertThat(lightOn(unitTask(Task.HANDLE, "dept-water"))).as("the other unit's own light")
        .isEqualTo(SupervisionLight.GREEN);

    // 催办 reaches a unit with its own system too (its group is told), and it keeps waiting for its system
    executeJob(Event.TIMER_URGE_UNIT_SYSTEM);
    assertThat(pi).hasPassed(Task.URGE_UNIT).isWaitingAt(Task.AWAIT_UNIT_SYSTEM);
    assertThat(outbox.forGroup(code)).anyMatch(n -> n.title().equals("催办 " + proposalNo));

    // a bad answer is refused field by field and changes nothing
    assertThatThrownBy(() -> answer(code, secret, Map.of("proposalNo", proposalNo, "unit", code,
        "handlingAction", "REPLY", "proposalResult", "E", "replyText", "已安排。")))
        .isInstanceOf(cn.liaison.platform.system.InvalidInputException.class)
        .satisfies(e -> assertThat(((cn.liaison.platform.system.InvalidInputException) e).errors())
            .containsKeys(Var.CONTACTED_ON, Var.CONTACT_WAY, Var.PROPOSAL_RESULT));
    // a unit answers only in its own name
    assertThatThrownBy(() -> answer(code, secret, Map.of("proposalNo", proposalNo, "unit", "dept-water",
        "handlingAction", "RETURN", "returnReason", "不归我们管。")))
        .isInstanceOf(cn.liaison.platform.system.InvalidInputException.class).hasMessageContaining("提交的内容有误");
    assertThat(pi).isWaitingAt(Task.AWAIT_UNIT_SYSTEM);

    // its system asks for more time; the office approves; it waits for its system again
    answer(code, secret, Map.of("proposalNo", proposalNo, "unit", code, "handlingAction", "REQUEST_EXTENSION",
        "extensionDeadline", "2027-04-30", "extensionReason", "需会同多部门调研。"));
    assertThat(pi).isWaitingAt(Task.APPROVE_EXTENSION);
    complete(Task.APPROVE_EXTENSION, Map.of(Var.EXTENSION_DECISION, "APPROVE", Var.APPROVED_DEADLINE, "2027-04-30"));
    assertThat(pi).isWaitingAt(Task.AWAIT_UNIT_SYSTEM);
    assertThat(outbox.forUser("deputy3")).anyMatch(n -> n.title().equals("建议答复期限延长")
        && n.body().contains(proposalNo) && n.body().contains("县应急管理局的答复期限延长至 2027-04-30"));
    tasks.complete(unitTask(Task.HANDLE, "dept-water").getId(), Map.of(Var.HANDLING_ACTION, "REPLY",
        Var.CONTACTED_ON, "2026-11-30", Var.CONTACT_WAY, "PHONE", Var.PROPOSAL_RESULT, "D",
        Var.REPLY_TEXT, "留作参考。"));

    // its system says nothing by the new date: 督办; the office takes it back to 交办
    ClockUtil.setCurrentTime(Date.from(ZonedDateTime.of(2027, 5, 1, 9, 0, 0, 0, BEIJING).toInstant()));
    executeJob(Event.TIMER_UNIT_SYSTEM_OVERDUE);
    assertThat(pi).hasPassed(Task.FLAG_UNIT_OVERDUE).isWaitingAt(Task.SUPERVISE);
    complete(Task.SUPERVISE, Map.of(Var.SUPERVISION_DECISION, "REASSIGN", Var.SUPERVISION_NOTE, "改由两单位重新办理。"));
    assertThat(pi).hasPassed(Event.UNIT_REASSIGNED, Event.RETURNED_BY_UNIT).isWaitingAt(Task.ASSIGN);
    assertThat(proposals.events(proposal().id())).extracting(Proposal.Event::title)
        .contains("督办：县应急管理局超期未答复，重新交办");

    // the next round is delivered anew, under its own idempotency key
    complete(Task.ASSIGN, Map.of(Var.HANDLING_MODE, HandlingMode.LEAD_ASSIST.name(), Var.LEAD_UNIT, code));
    executeJob(Task.DELIVER);
    assertThat(unitSystems.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
        com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo("/" + code + "/proposals"))))
        .extracting(c -> c.getHeader(cn.liaison.platform.department.Signatures.IDEMPOTENCY_KEY))
        .containsExactly(proposalNo + ":" + code + ":1", proposalNo + ":" + code + ":2");
    Map<String, Object> reply = Map.of("proposalNo", proposalNo, "unit", code, "handlingAction", "REPLY",
        "contactedOn", "2027-04-28", "contactWay", "MEETING", "proposalResult", "A",
        "replyText", "已将起重作业安全培训纳入全县应急演练计划。");
    assertThat(answer(code, secret, reply)).isEqualTo(cn.liaison.platform.department.DepartmentReplies.Outcome.ACCEPTED);
    assertThat(pi).hasPassed(Task.RECORD_ANSWERS).isWaitingAt(Task.EVALUATE);
    assertThat(proposals.units(proposal().id())).singleElement().satisfies(u -> {
      assertThat(u.departmentCode()).isEqualTo(code);
      assertThat(u.result()).isEqualTo("A");
      assertThat(u.contactWay()).isEqualTo("MEETING");
    });
    assertThat(outbox.forUser("deputy3")).anyMatch(n -> n.title().equals("承办单位已答复")
        && n.body().contains("县应急管理局已答复（A 已解决或采纳）"));
    // the same answer again (a retry of its system) is taken once
    assertThat(answer(code, secret, reply)).isEqualTo(cn.liaison.platform.department.DepartmentReplies.Outcome.DUPLICATE);
    assertThat(proposals.evaluations(proposal().id())).isEmpty();
  }

  /** A unit system's signed answer, as it arrives at POST /api/departments/{code}/replies. */
  cn.liaison.platform.department.DepartmentReplies.Outcome answer(String code, String secret, Map<String, Object> body) {
    byte[] bytes = cn.liaison.platform.JsonBodies.bytes(body);
    String timestamp = String.valueOf(java.time.Instant.now().getEpochSecond());
    String nonce = java.util.UUID.randomUUID().toString();
    return departmentReplies.receive(code, timestamp, nonce,
        cn.liaison.platform.department.Signatures.sign(secret, timestamp, nonce, bytes), bytes);
  }

  /** An opinion at the crane station that an analyst routed to a proposal of deputy3; returns its ticket. */
  String opinionForProposal() {
    var submitted = opinionService.submit(new OpinionSubmission("cy-crane", "SAFETY",
        "起重作业人员很多没有证，吊装时经常出险情，希望代表呼吁加强培训。", "长垣市起重工业园", "李某", "13812345678", false, true,
        null), null);
    String opinionPi = runtime.createProcessInstanceQuery().processInstanceBusinessKey(submitted.ticketNo())
        .singleResult().getId();
    tasks.complete(tasks.createTaskQuery().processInstanceId(opinionPi).singleResult().getId(), Map.of(
        OpinionLoopProcess.Var.SORT_DECISION, "CONFIRM", OpinionLoopProcess.Var.CATEGORY, "SAFETY",
        OpinionLoopProcess.Var.DEPARTMENT_CODE, "dept-market", OpinionLoopProcess.Var.GRADE, "GENERAL",
        OpinionLoopProcess.Var.DEADLINE_DAYS, 5));
    tasks.complete(tasks.createTaskQuery().processInstanceId(opinionPi).singleResult().getId(), Map.of(
        OpinionLoopProcess.Var.ROUTE, "TO_PROPOSAL", OpinionLoopProcess.Var.PROPOSAL_DEPUTY, "deputy3"));
    return submitted.ticketNo();
  }

  @Test
  void eachUnitsLightTurnsYellowAtTwoThirdsRedWhenOverdueAndGreenAgainAfterAnExtension() {
    submit(DEPUTY3, List.of());
    complete(Task.REVIEW, Map.of(Var.PROPOSAL_REVIEW, Review.ACCEPT.name()));
    complete(Task.ASSIGN, Map.of(Var.HANDLING_MODE, HandlingMode.SEPARATE.name(),
        Var.UNITS, "[\"dept-water\", \"dept-agriculture\"]"));
    var water = unitTask(Task.HANDLE, "dept-water");
    assertThat(lightOn(water)).isEqualTo(SupervisionLight.GREEN);
    assertThat(lightOn(unitTask(Task.HANDLE, "dept-agriculture"))).isEqualTo(SupervisionLight.GREEN);
    assertThat(runtime.getVariable(pi.getId(), SupervisionLight.VAR)).as("each unit has its own light").isNull();

    // two thirds of the three months from 交办 to the reply date
    Date yellowAt = (Date) runtime.getVariable(water.getExecutionId(), SupervisionLight.YELLOW_AT_VAR);
    long start = MONDAY_MORNING.toInstant().toEpochMilli();
    assertThat(yellowAt.getTime() - start).isEqualTo((water.getDueDate().getTime() - start) * 67 / 100);
    ClockUtil.setCurrentTime(new Date(yellowAt.getTime() + 60_000));
    var yellowTimers = management.createJobQuery().processInstanceId(pi.getId())
        .activityId(Event.TIMER_LIGHT_YELLOW_UNIT).duedateLowerThan(ClockUtil.getCurrentTime()).list();
    assertThat(yellowTimers).hasSize(2);
    yellowTimers.forEach(job -> management.executeJob(job.getId()));
    assertThat(pi).hasPassed(Task.TURN_UNIT_LIGHT_YELLOW);
    assertThat(lightOn(unitTask(Task.HANDLE, "dept-water"))).isEqualTo(SupervisionLight.YELLOW);
    assertThat(tasks.getVariableLocal(unitTask(Task.HANDLE, "dept-agriculture").getId(), SupervisionLight.TEXT_VAR))
        .isEqualTo("🟡 黄灯 临期");

    // the water bureau gets more time: its light is green again, the other unit's stays yellow
    tasks.complete(unitTask(Task.HANDLE, "dept-water").getId(), Map.of(Var.HANDLING_ACTION, "REQUEST_EXTENSION",
        Var.EXTENSION_DEADLINE, "2027-04-30", Var.EXTENSION_REASON, "需等明年预算批复。"));
    assertThat(lightOn(task(Task.APPROVE_EXTENSION))).as("the office sees the unit's light").isEqualTo(
        SupervisionLight.YELLOW);
    complete(Task.APPROVE_EXTENSION, Map.of(Var.EXTENSION_DECISION, "APPROVE", Var.APPROVED_DEADLINE, "2027-04-30"));
    assertThat(lightOn(unitTask(Task.HANDLE, "dept-water"))).isEqualTo(SupervisionLight.GREEN);
    assertThat(lightOn(unitTask(Task.HANDLE, "dept-agriculture"))).isEqualTo(SupervisionLight.YELLOW);

    // the agriculture bureau's reply date passes: red, and 督办 opens with it
    ClockUtil.setCurrentTime(Date.from(ZonedDateTime.of(2027, 3, 1, 9, 0, 0, 0, BEIJING).toInstant()));
    var overdue = management.createJobQuery().processInstanceId(pi.getId()).activityId(Event.TIMER_UNIT_OVERDUE)
        .duedateLowerThan(ClockUtil.getCurrentTime()).singleResult();
    management.executeJob(overdue.getId());
    assertThat(lightOn(task(Task.SUPERVISE))).isEqualTo(SupervisionLight.RED);
    assertThat(tasks.getVariableLocal(task(Task.SUPERVISE).getId(), SupervisionLight.TEXT_VAR)).isEqualTo("🔴 红灯 超期");
    assertThat(lightOn(unitTask(Task.HANDLE, "dept-water"))).isEqualTo(SupervisionLight.GREEN);
  }

  SupervisionLight lightOn(org.camunda.bpm.engine.task.Task task) {
    return SupervisionLight.of(tasks.getVariableLocal(task.getId(), SupervisionLight.VAR));
  }

  ProcessInstance opinionLoop(String ticketNo) {
    return runtime.createProcessInstanceQuery().processInstanceBusinessKey(ticketNo).singleResult();
  }

  void executeJob(String activityId) {
    Job job = management.createJobQuery().processInstanceId(pi.getId()).activityId(activityId).singleResult();
    assertThat(job).as("job at " + activityId).isNotNull();
    management.executeJob(job.getId());
  }

  void submit(ProposalService.Caller caller, List<String> coSigners) {
    submit(caller, coSigners, List.of());
  }

  void submit(ProposalService.Caller caller, List<String> coSigners, List<String> opinionTickets) {
    proposalNo = service.submit(new ProposalService.Submission("关于起重行业安全培训的建议",
        "起重企业多，作业人员持证率低，安全隐患突出。", "建议每季度组织一次起重作业人员培训。", "SAFETY", "deputy3",
        coSigners, opinionTickets), caller);
    pi = runtime.createProcessInstanceQuery().processInstanceBusinessKey(proposalNo).singleResult();
  }

  void coSign(String deputy, CoSignDecision decision) {
    var task = tasks.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey(Task.CO_SIGN)
        .taskAssignee(deputy).singleResult();
    tasks.complete(task.getId(), Map.of(Var.CO_SIGN_DECISION, decision.name()));
  }

  org.camunda.bpm.engine.task.Task unitTask(String key, String group) {
    var task = tasks.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey(key).taskCandidateGroup(group)
        .singleResult();
    assertThat(task).as("open task " + key + " of " + group).isNotNull();
    return task;
  }

  org.camunda.bpm.engine.task.Task task(String key) {
    var task = tasks.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey(key).singleResult();
    assertThat(task).as("open task " + key).isNotNull();
    return task;
  }

  void complete(String taskKey, Map<String, Object> variables) {
    tasks.complete(task(taskKey).getId(), new HashMap<>(variables));
  }

  Proposal proposal() {
    return proposals.findByNo(proposalNo).orElseThrow();
  }
}
