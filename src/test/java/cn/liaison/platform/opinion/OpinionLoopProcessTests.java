package cn.liaison.platform.opinion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import cn.liaison.platform.FullProcessCoverage;
import cn.liaison.platform.JsonBodies;
import cn.liaison.platform.PlatformTest;
import cn.liaison.platform.campaign.CampaignProcess;
import cn.liaison.platform.department.DepartmentDirectory;
import cn.liaison.platform.department.DepartmentReplies;
import cn.liaison.platform.department.Signatures;
import cn.liaison.platform.notification.OutboxNotifier;
import cn.liaison.platform.opinion.OpinionLoopProcess.Event;
import cn.liaison.platform.opinion.OpinionLoopProcess.ExtensionDecision;
import cn.liaison.platform.opinion.OpinionLoopProcess.Grade;
import cn.liaison.platform.opinion.OpinionLoopProcess.HandlingAction;
import cn.liaison.platform.opinion.OpinionLoopProcess.Message;
import cn.liaison.platform.opinion.OpinionLoopProcess.ReplySource;
import cn.liaison.platform.opinion.OpinionLoopProcess.ReviewDecision;
import cn.liaison.platform.opinion.OpinionLoopProcess.Route;
import cn.liaison.platform.opinion.OpinionLoopProcess.SortDecision;
import cn.liaison.platform.opinion.OpinionLoopProcess.SupervisionDecision;
import cn.liaison.platform.opinion.OpinionLoopProcess.Task;
import cn.liaison.platform.opinion.OpinionLoopProcess.Var;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
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
 * Every path of the opinion loop, driven as the people do it (task completions, the citizen's
 * evaluation) with the engine's clock moving the timers. The coverage report
 * (target/process-test-coverage) must show every flow node and sequence flow of opinion-loop walked.
 */
@PlatformTest
@FullProcessCoverage(excluding = {CampaignProcess.CAMPAIGN_KEY, CampaignProcess.HOUSEHOLD_KEY,
    cn.liaison.platform.proposal.DeputyProposalProcess.KEY})
class OpinionLoopProcessTests {

  static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
  /** Monday 2026-11-30, 09:00 Beijing time. */
  static final ZonedDateTime MONDAY_MORNING = ZonedDateTime.of(2026, 11, 30, 9, 0, 0, 0, BEIJING);

  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired OpinionService opinionService;
  @Autowired Opinions opinions;
  @Autowired OutboxNotifier outbox;
  @Autowired DepartmentDirectory directory;
  @Autowired DepartmentReplies departmentReplies;

  ProcessInstance pi;
  OpinionService.Submitted submitted;

  @BeforeEach
  void submitOpinionOnMondayMorning() {
    BpmnAwareTests.init(engine);
    setClock(MONDAY_MORNING);
    submitted = opinionService.submit(new OpinionSubmission("cy-crane", "IRRIGATION",
        "村东头灌溉渠堵塞，麦田浇不上水，请尽快疏通。", "长垣市恼里镇某村", "王某", "13812341234", false, true, null), null);
    pi = runtime.createProcessInstanceQuery().processInstanceBusinessKey(submitted.ticketNo()).singleResult();
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void triageProposesWaterBureauAndStaffSortsTheOpinion() {
    assertThat(pi).isWaitingAt(Task.SORT).hasPassed(Task.TRIAGE);
    // only the staff of the opinion's own station sort it
    assertThat(pi).task().hasCandidateGroup("station-staff-cy-crane");
    assertThat(tasks.getIdentityLinksForTask(tasks.createTaskQuery().processInstanceId(pi.getId()).singleResult()
        .getId())).extracting("groupId").containsExactly("station-staff-cy-crane");
    assertThat(runtime.getVariable(pi.getId(), Var.PROPOSED_DEPARTMENT)).isEqualTo("dept-water");
    assertThat(runtime.getVariable(pi.getId(), Var.GRADE)).isEqualTo(Grade.GENERAL.name());
    assertThat(runtime.getVariable(pi.getId(), Var.DEADLINE_DAYS)).isEqualTo(5);
    assertThat(opinion().status()).isEqualTo(OpinionStatus.SORTING);
    assertThat(opinion().processInstanceId()).as("the record knows the process handling it").isEqualTo(pi.getId());
    // personal data stays out of the process
    assertThat(runtime.getVariables(pi.getId()).values().toString()).doesNotContain("13812341234", "王某");
    assertThat(runtime.getVariable(pi.getId(), Var.CONTACT_MASKED)).isEqualTo("138****1234");
    // object variables are JSON, so auditors can read them in Cockpit
    assertThat(((org.camunda.bpm.engine.variable.value.ObjectValue) runtime.getVariableTyped(pi.getId(), Var.TRIAGE,
        false)).getSerializationDataFormat()).isEqualTo("application/json");
  }

  @Test
  void historyKeepsTheSubmittedValuesOnceAndEveryLaterChangeWithItsDetail() {
    var history = engine.getHistoryService();
    // once: the process's own; the copies on each task's card (readable by whoever works the task) have no history
    assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(pi.getId()).variableName(Var.TICKET_NO)
        .list()).hasSize(1).allMatch(v -> submitted.ticketNo().equals(v.getValue()) && v.getTaskId() == null);
    assertThat(engine.getTaskService().getVariablesLocal(engine.getTaskService().createTaskQuery()
        .processInstanceId(pi.getId()).singleResult().getId())).containsEntry(Var.TICKET_NO, submitted.ticketNo());
    // the submission's values are in the opinion record and the historic variables: no "changed" detail each
    assertThat(history.createHistoricDetailQuery().processInstanceId(pi.getId()).variableUpdates().count()).isZero();
    confirm();
    assertThat(history.createHistoricDetailQuery().processInstanceId(pi.getId()).variableUpdates().list())
        .extracting(d -> ((org.camunda.bpm.engine.history.HistoricVariableUpdate) d).getVariableName())
        .contains(Var.SORT_DECISION, Var.DEPARTMENT_CODE);
  }

  @Test
  void sortingTheOpinionIsItsFirstResponseWhenItMovesToAnalysis() {
    assertThat(opinion().firstResponseAt()).isNull();
    setClock(MONDAY_MORNING.plusHours(2));
    confirm();
    assertThat(opinion().status()).isEqualTo(OpinionStatus.ANALYZING);
    assertThat(opinion().firstResponseAt()).isEqualTo(MONDAY_MORNING.plusHours(2).toInstant());
  }

  @Test
  void directAnswerIsEvaluatedSatisfiedAndClosed() {
    confirm();
    complete(Task.ANALYZE, Map.of(Var.ROUTE, Route.ANSWER_DIRECTLY.name(), Var.ANSWER_TEXT, "已联系村委会，本周内疏通。"));
    assertThat(pi).hasPassed(Task.RECORD_REPLY).isWaitingAt(Event.AWAIT_EVALUATION);
    assertThat(opinion().status()).isEqualTo(OpinionStatus.REPLIED);

    opinionService.evaluate(submitted.ticketNo(), submitted.trackingKey(), Rating.SATISFIED, "很快");

    assertThat(pi).isEnded().hasPassed(Event.CLOSED);
    Opinion o = opinion();
    assertThat(o.status()).isEqualTo(OpinionStatus.CLOSED);
    assertThat(o.satisfaction()).isEqualTo(Rating.SATISFIED.name());
    assertThat(o.firstResponseAt()).isNotNull();
    assertThat(o.closedAt()).isNotNull();
  }

  @Test
  void waterBureauRepliesWithinFiveWorkingDaysAndCitizenIsBasicallySatisfied() {
    assignTo("dept-water");
    assertThat(pi).isWaitingAt(Task.HANDLE);
    var task = tasks.createTaskQuery().processInstanceId(pi.getId()).singleResult();
    assertThat(tasks.getIdentityLinksForTask(task.getId())).anyMatch(l -> "dept-water".equals(l.getGroupId()));
    // Monday 30 Nov + 5 working days = Monday 7 Dec, end of day
    assertThat(LocalDate.ofInstant(task.getDueDate().toInstant(), BEIJING)).isEqualTo(LocalDate.of(2026, 12, 7));
    assertThat(opinion().status()).isEqualTo(OpinionStatus.ASSIGNED);
    assertThat(outbox.forGroup("dept-water")).anyMatch(n -> n.title().startsWith("新交办事项"));

    reply(ReplyResult.SOLVED, "已组织人员疏通灌溉渠。");
    assertThat(opinion().status()).isEqualTo(OpinionStatus.REPLIED);
    assertThat(opinions.replies(opinion().id())).singleElement()
        .satisfies(r -> assertThat(r.departmentCode()).isEqualTo("dept-water"));
    opinionService.evaluate(submitted.ticketNo(), submitted.trackingKey(), Rating.BASICALLY_SATISFIED, null);
    assertThat(pi).isEnded();
    assertThat(opinion().satisfaction()).isEqualTo(Rating.BASICALLY_SATISFIED.name());
    assertThat(opinion().outcome()).isEqualTo(ReplyResult.SOLVED.name());
  }

  @Test
  void rejectedOpinionEndsAndTheCitizenIsToldWhy() {
    confirm();
    complete(Task.ANALYZE, Map.of(Var.ROUTE, Route.REJECT.name(), Var.REJECT_REASON, "不属于人大代表联络站受理范围，请向法院反映。"));
    assertThat(pi).isEnded().hasPassed(Event.REJECTED);
    assertThat(opinion().status()).isEqualTo(OpinionStatus.REJECTED);
    assertThat(outbox.forCitizen(OpinionHandling.subject(opinion().id()))).anyMatch(n -> n.body().contains("请向法院反映"));
  }

  @Test
  void duplicateEndsLinkedToTheOriginalAndItsCitizenIsTold() {
    var original = opinionService.submit(new OpinionSubmission("cy-crane", "IRRIGATION",
        "灌溉渠堵塞很久了，没人管，请代表关注。", "同一村", null, null, true, true, null), null);
    complete(Task.SORT, Map.of(Var.SORT_DECISION, SortDecision.DUPLICATE.name(), Var.DUPLICATE_OF,
        original.ticketNo()));
    assertThat(pi).isEnded().hasPassed(Event.CLOSED_AS_DUPLICATE);
    assertThat(opinion().status()).isEqualTo(OpinionStatus.DUPLICATE);
    assertThat(opinion().duplicateOf()).isEqualTo(original.ticketNo());
    assertThat(outbox.forCitizen(OpinionHandling.subject(opinion().id()))).anyMatch(n -> n.body().contains(original.ticketNo()));
  }

  @Test
  void duplicateOfUnknownTicketIsRefusedAndTheTaskStaysOpen() {
    assertThatThrownBy(() -> complete(Task.SORT, Map.of(Var.SORT_DECISION, SortDecision.DUPLICATE.name(),
        Var.DUPLICATE_OF, "YJ20200101-0001")))
        .hasMessageContaining("本联络站没有受理编号为 YJ20200101-0001 的意见");
    assertThat(pi).isWaitingAt(Task.SORT);
    assertThat(opinion().status()).isEqualTo(OpinionStatus.SORTING);
  }

  @Test
  void analystMustNameAnExistingDepartmentAndAReply() {
    confirm();
    assertThatThrownBy(() -> complete(Task.ANALYZE, Map.of(Var.ROUTE, Route.ASSIGN_DEPARTMENT.name(),
        Var.DEPARTMENT_CODE, "dept-moon")))
        .hasMessageContaining("承办部门不存在");
    assertThatThrownBy(() -> complete(Task.ANALYZE, Map.of(Var.ROUTE, Route.ANSWER_DIRECTLY.name())))
        .hasMessageContaining("请填写答复内容");
    assertThat(pi).isWaitingAt(Task.ANALYZE);
  }

  @Test
  void staffCorrectsTheCategoryAndTheFormsShowTheNewOne() {
    complete(Task.SORT, Map.of(Var.SORT_DECISION, SortDecision.CONFIRM.name(), Var.CATEGORY, "SUBSIDY",
        Var.DEPARTMENT_CODE, "dept-finance", Var.GRADE, Grade.GENERAL.name(), Var.DEADLINE_DAYS, 5));
    assertThat(runtime.getVariable(pi.getId(), Var.CATEGORY_NAME)).isEqualTo("惠农补贴");
    assertThat(opinion().category()).isEqualTo("SUBSIDY");
  }

  @Test
  void opinionTakenUpAsDeputyProposalWaitsForItsAnswerThenClosesUnevaluatedAfterSevenDays() {
    confirm();
    complete(Task.ANALYZE, Map.of(Var.ROUTE, Route.TO_PROPOSAL.name(), Var.PROPOSAL_DEPUTY, "deputy1"));
    assertThat(pi).isWaitingAt(Event.AWAIT_PROPOSAL_REPLY);
    assertThat(opinion().status()).isEqualTo(OpinionStatus.TO_PROPOSAL);
    assertThat(opinion().proposalDeputy()).isEqualTo("deputy1");

    runtime.createMessageCorrelation(Message.PROPOSAL_REPLIED).processInstanceBusinessKey(submitted.ticketNo())
        .setVariable(Var.REPLY_RESULT, ReplyResult.PARTLY_SOLVED.name())
        .setVariable(Var.REPLY_TEXT, "代表建议已交县水利局统筹办理，明年春灌前完成改造。")
        .correlate();
    assertThat(pi).isWaitingAt(Event.AWAIT_EVALUATION);
    assertThat(opinions.replies(opinion().id())).singleElement()
        .satisfies(r -> assertThat(r.source()).isEqualTo(ReplySource.PROPOSAL.name()));

    setClock(MONDAY_MORNING.plusDays(7).plusMinutes(1));
    executeJob(Event.TIMER_EVALUATION_TIMEOUT);
    assertThat(pi).isEnded().hasPassed(Event.CLOSED);
    assertThat(opinion().satisfaction()).isEqualTo("UNEVALUATED");
    assertThatThrownBy(() -> opinionService.evaluate(submitted.ticketNo(), submitted.trackingKey(), Rating.SATISFIED,
        null)).hasMessageContaining("评价期限已过");
  }

  @Test
  void opinionNoProposalTakesUpGoesBackToAnalysisAsAnOrdinaryOpinion() {
    confirm();
    complete(Task.ANALYZE, Map.of(Var.ROUTE, Route.TO_PROPOSAL.name(), Var.PROPOSAL_DEPUTY, "deputy1"));
    assertThat(pi).isWaitingAt(Event.AWAIT_PROPOSAL_REPLY);

    runtime.createMessageCorrelation(Message.PROPOSAL_REPLIED).processInstanceBusinessKey(submitted.ticketNo())
        .setVariable(Var.PROPOSAL_DECLINED, true)
        .setVariable(Var.REPLY_TEXT, "属于具体个案，由联络站交办即可。")
        .correlate();
    assertThat(pi).hasPassed(Task.BACK_FROM_PROPOSAL).isWaitingAt(Task.ANALYZE);
    assertThat(opinion().status()).isEqualTo(OpinionStatus.ANALYZING);
    assertThat(opinions.replies(opinion().id())).isEmpty();
    assertThat(runtime.getVariable(pi.getId(), Var.HISTORY).toString()).contains("未形成代表建议：属于具体个案");
    assertThat(outbox.forCitizen(OpinionHandling.subject(opinion().id())))
        .anyMatch(n -> n.body().contains("未形成代表建议") && n.body().contains("继续办理"));
    // now an ordinary opinion: analysts route it again
    answer("已联系村委会，本周内疏通。");
    assertThat(pi).isWaitingAt(Event.AWAIT_EVALUATION);
  }

  @Test
  void departmentIsUrgedAtTwoThirdsThenAsksForExtensionWhichIsApproved() {
    assignTo("dept-water");
    // 5 working days from Monday: urged after 3 of them, on Thursday 3 Dec at 09:00
    Date urgeAt = (Date) runtime.getVariable(pi.getId(), Var.URGE_AT);
    assertThat(ZonedDateTime.ofInstant(urgeAt.toInstant(), BEIJING))
        .isEqualTo(ZonedDateTime.of(2026, 12, 3, 9, 0, 0, 0, BEIJING));
    setClock(ZonedDateTime.ofInstant(urgeAt.toInstant(), BEIJING).plusMinutes(1));
    executeJob(Event.TIMER_URGE);
    executeJob(Task.URGE);
    assertThat(pi).hasPassed(Task.URGE).isWaitingAt(Task.HANDLE);
    assertThat(outbox.forGroup("dept-water")).anyMatch(n -> n.title().startsWith("催办"));
    // 三色督办: 催办 sent turns the light yellow
    assertThat(lightOn(Task.HANDLE)).isEqualTo(SupervisionLight.YELLOW);

    complete(Task.HANDLE, Map.of(Var.HANDLING_ACTION, HandlingAction.REQUEST_EXTENSION.name(),
        Var.EXTENSION_DEADLINE, "2026-12-18", Var.EXTENSION_REASON, "需协调上游水闸管理所，工程量较大。"));
    assertThat(pi).isWaitingAt(Task.APPROVE_EXTENSION);
    assertThat(runtime.getVariable(pi.getId(), Var.EXTENSION_DEADLINE)).isEqualTo("2026-12-18");
    complete(Task.APPROVE_EXTENSION, Map.of(Var.EXTENSION_DECISION, ExtensionDecision.APPROVE.name(),
        Var.APPROVED_DEADLINE, "2026-12-18"));
    var task = tasks.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey(Task.HANDLE).singleResult();
    assertThat(LocalDate.ofInstant(task.getDueDate().toInstant(), BEIJING)).isEqualTo(LocalDate.of(2026, 12, 18));
    // a new deadline: green again
    assertThat(lightOn(Task.HANDLE)).isEqualTo(SupervisionLight.GREEN);
    assertThat(outbox.forCitizen(OpinionHandling.subject(opinion().id()))).anyMatch(n -> n.body().contains("2026年12月18日"));

    reply(ReplyResult.SOLVED, "已协调水闸放水并疏通渠道。");
    opinionService.evaluate(submitted.ticketNo(), submitted.trackingKey(), Rating.SATISFIED, null);
    assertThat(pi).isEnded();
  }

  @Test
  void lightTurnsYellowAtTwoThirdsRedWhenOverdueAndGreenAgainAfterAnExtensionThenGoesOutWithTheReply() {
    assignTo("dept-water");
    assertThat(lightOn(Task.HANDLE)).isEqualTo(SupervisionLight.GREEN);
    assertThat(tasks.getVariableLocal(handleTask().getId(), SupervisionLight.TEXT_VAR)).isEqualTo("🟢 绿灯 正常");
    // two thirds of the time from 交办 (Monday 09:00) to the deadline (Monday 7 Dec, end of day)
    Date yellowAt = (Date) runtime.getVariable(pi.getId(), SupervisionLight.YELLOW_AT_VAR);
    Date due = (Date) runtime.getVariable(pi.getId(), Var.DUE_DATE);
    long start = MONDAY_MORNING.toInstant().toEpochMilli();
    assertThat(yellowAt.getTime() - start).isEqualTo((due.getTime() - start) * 67 / 100);
    setClock(ZonedDateTime.ofInstant(yellowAt.toInstant(), BEIJING).minusMinutes(1));
    assertThat(management.createJobQuery().processInstanceId(pi.getId()).activityId(Event.TIMER_LIGHT_YELLOW)
        .duedateLowerThan(ClockUtil.getCurrentTime()).count()).as("not yet yellow").isZero();
    setClock(ZonedDateTime.ofInstant(yellowAt.toInstant(), BEIJING).plusMinutes(1));
    executeJob(Event.TIMER_LIGHT_YELLOW);
    assertThat(pi).hasPassed(Task.TURN_LIGHT_YELLOW).isWaitingAt(Task.HANDLE);
    assertThat(lightOn(Task.HANDLE)).isEqualTo(SupervisionLight.YELLOW);
    assertThat(tasks.getVariableLocal(handleTask().getId(), SupervisionLight.TEXT_VAR)).isEqualTo("🟡 黄灯 临期");

    overdue();
    assertThat(pi).isWaitingAt(Task.SUPERVISE);
    assertThat(lightOn(Task.SUPERVISE)).isEqualTo(SupervisionLight.RED);
    assertThat(runtime.getVariable(pi.getId(), SupervisionLight.VAR)).isEqualTo(SupervisionLight.RED.name());

    String inTenDays = LocalDate.ofInstant(ClockUtil.getCurrentTime().toInstant(), BEIJING).plusDays(10).toString();
    complete(Task.SUPERVISE, Map.of(Var.SUPERVISION_DECISION, SupervisionDecision.EXTEND.name(),
        Var.NEW_DEADLINE, inTenDays));
    assertThat(lightOn(Task.HANDLE)).isEqualTo(SupervisionLight.GREEN);

    reply(ReplyResult.SOLVED, "已疏通。");
    assertThat(runtime.getVariable(pi.getId(), SupervisionLight.VAR)).as("answered: no light").isNull();
  }

  @Test
  void refusedExtensionKeepsTheDeadline() {
    assignTo("dept-water");
    complete(Task.HANDLE, Map.of(Var.HANDLING_ACTION, HandlingAction.REQUEST_EXTENSION.name(),
        Var.EXTENSION_DEADLINE, "2026-12-31", Var.EXTENSION_REASON, "人手不足"));
    complete(Task.APPROVE_EXTENSION, Map.of(Var.EXTENSION_DECISION, ExtensionDecision.REFUSE.name(),
        Var.EXTENSION_COMMENT, "请按期办理"));
    var task = tasks.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey(Task.HANDLE).singleResult();
    assertThat(LocalDate.ofInstant(task.getDueDate().toInstant(), BEIJING)).isEqualTo(LocalDate.of(2026, 12, 7));
    assertThat(outbox.forGroup("dept-water")).anyMatch(n -> n.title().startsWith("延期申请未获同意"));
  }

  @Test
  void overdueItemIsEscalatedReassignedExtendedAndUrgedBySupervisors() {
    assignTo("dept-water");
    // deadline passes: the department's task is withdrawn and a supervisor decides
    overdue();
    assertThat(pi).isWaitingAt(Task.SUPERVISE).hasPassed(Task.FLAG_OVERDUE);
    assertThat(opinion().overdue()).isTrue();
    assertThat(outbox.forGroup("supervisors")).anyMatch(n -> n.title().startsWith("超期督办"));

    complete(Task.SUPERVISE, Map.of(Var.SUPERVISION_DECISION, SupervisionDecision.REASSIGN.name(),
        Var.DEPARTMENT_CODE, "dept-town", Var.SUPERVISION_NOTE, "属镇政府职责，改派。"));
    executeJob(Task.ASSIGN);
    var task = tasks.createTaskQuery().processInstanceId(pi.getId()).singleResult();
    assertThat(tasks.getIdentityLinksForTask(task.getId())).anyMatch(l -> "dept-town".equals(l.getGroupId()));
    assertThat(opinion().departmentCode()).isEqualTo("dept-town");
    assertThat(opinion().overdue()).isFalse();

    overdue();
    String tomorrowPlusTen = LocalDate.ofInstant(ClockUtil.getCurrentTime().toInstant(), BEIJING).plusDays(10).toString();
    complete(Task.SUPERVISE, Map.of(Var.SUPERVISION_DECISION, SupervisionDecision.EXTEND.name(),
        Var.NEW_DEADLINE, tomorrowPlusTen));
    task = tasks.createTaskQuery().processInstanceId(pi.getId()).singleResult();
    assertThat(task.getTaskDefinitionKey()).isEqualTo(Task.HANDLE);
    assertThat(LocalDate.ofInstant(task.getDueDate().toInstant(), BEIJING).toString()).isEqualTo(tomorrowPlusTen);

    overdue();
    complete(Task.SUPERVISE, Map.of(Var.SUPERVISION_DECISION, SupervisionDecision.URGE.name(),
        Var.SUPERVISION_NOTE, "请两日内答复。"));
    task = tasks.createTaskQuery().processInstanceId(pi.getId()).singleResult();
    assertThat(task.getTaskDefinitionKey()).isEqualTo(Task.HANDLE);
    assertThat(task.getDueDate()).isAfter(ClockUtil.getCurrentTime());
    assertThat(outbox.forGroup("dept-town")).anyMatch(n -> n.title().startsWith("督办"));

    reply(ReplyResult.PARTLY_SOLVED, "已清理部分渠段，其余待开春施工。");
    assertThat(opinion().status()).isEqualTo(OpinionStatus.REPLIED);
  }

  @Test
  void dissatisfiedCitizenGetsTheItemReopenedTwiceThenSupervisorDecides() {
    confirm();
    answer("第一次答复");
    dissatisfied("没有解决");
    assertThat(pi).isWaitingAt(Task.ANALYZE);
    assertThat(runtime.getVariable(pi.getId(), Var.REOPEN_COUNT)).isEqualTo(1);
    assertThat(runtime.getVariable(pi.getId(), Var.LAST_EVALUATION_COMMENT)).isEqualTo("没有解决");
    assertThat((String) runtime.getVariable(pi.getId(), Var.HISTORY)).contains("第一次答复", "没有解决");

    answer("第二次答复");
    dissatisfied("还是没有解决");
    assertThat(runtime.getVariable(pi.getId(), Var.REOPEN_COUNT)).isEqualTo(2);

    answer("第三次答复");
    dissatisfied("仍不满意");
    assertThat(pi).isWaitingAt(Task.REVIEW_DISSATISFIED);
    assertThat(pi).task().hasCandidateGroup("supervisors");

    complete(Task.REVIEW_DISSATISFIED, Map.of(Var.REVIEW_DECISION, ReviewDecision.REOPEN.name(),
        Var.REVIEW_NOTE, "再办一次"));
    assertThat(pi).isWaitingAt(Task.ANALYZE);
    answer("第四次答复");
    dissatisfied("不满意");
    complete(Task.REVIEW_DISSATISFIED, Map.of(Var.REVIEW_DECISION, ReviewDecision.CLOSE.name(),
        Var.REVIEW_NOTE, "已尽力，依政策无法支持。"));
    assertThat(pi).isEnded();
    assertThat(opinion().satisfaction()).isEqualTo(Rating.DISSATISFIED.name());
    assertThat(opinions.replies(opinion().id())).hasSize(4).allSatisfy(r -> assertThat(r.rating()).isNotNull());
  }

  @Test
  void departmentWithItsOwnSystemIsCalledAndAnswersThroughTheSignedReplyApi() {
    WireMockServer departmentSystem = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    departmentSystem.start();
    try {
      departmentSystem.stubFor(WireMock.post("/liaison/items").willReturn(WireMock.aResponse().withStatus(202)));
      directory.save("dept-irrigation-center", new DepartmentDirectory.Change("县灌溉服务中心", null, "HTTP",
          departmentSystem.baseUrl() + "/liaison/items", 10000, "irrigation-center-secret", true));
      confirm();
      complete(Task.ANALYZE, Map.of(Var.ROUTE, Route.ASSIGN_DEPARTMENT.name(),
          Var.DEPARTMENT_CODE, "dept-irrigation-center"));
      executeJob(Task.ASSIGN);
      assertThat(pi).isWaitingAt(Event.DEPARTMENT_SYSTEM_REPLIED);
      departmentSystem.verify(1, WireMock.postRequestedFor(WireMock.urlEqualTo("/liaison/items"))
          .withHeader("Idempotency-Key", WireMock.equalTo(pi.getId() + ":assign:1"))
          .withRequestBody(WireMock.matchingJsonPath("$.ticketNo", WireMock.equalTo(submitted.ticketNo()))));

      systemReplies(Map.of("ticketNo", submitted.ticketNo(), "type", "EXTENSION_REQUEST",
          "newDeadline", "2026-12-20", "text", "需等待上游放水"));
      assertThat(pi).isWaitingAt(Task.APPROVE_EXTENSION);
      complete(Task.APPROVE_EXTENSION, Map.of(Var.EXTENSION_DECISION, ExtensionDecision.APPROVE.name(),
          Var.APPROVED_DEADLINE, "2026-12-20"));
      assertThat(pi).isWaitingAt(Event.DEPARTMENT_SYSTEM_REPLIED);

      systemReplies(Map.of("ticketNo", submitted.ticketNo(), "type", "FINAL", "result", ReplyResult.SOLVED.name(),
          "text", "已安排放水并疏通渠道", "measures", "调度灌溉用水"));
      assertThat(opinion().status()).isEqualTo(OpinionStatus.REPLIED);
      assertThat(opinions.replies(opinion().id())).singleElement()
          .satisfies(r -> assertThat(r.departmentCode()).isEqualTo("dept-irrigation-center"));
    } finally {
      departmentSystem.stop();
    }
  }

  void systemReplies(Map<String, Object> reply) {
    String timestamp = String.valueOf(java.time.Instant.now().getEpochSecond());
    String nonce = java.util.UUID.randomUUID().toString();
    byte[] bytes = JsonBodies.bytes(reply);
    assertThat(departmentReplies.receive("dept-irrigation-center", timestamp, nonce,
        Signatures.sign("irrigation-center-secret", timestamp, nonce, bytes), bytes))
        .isEqualTo(DepartmentReplies.Outcome.ACCEPTED);
  }

  @Test
  void opinionSolvedOnTheSpotAtAMobileReceptionIsRecordedAsAnsweredDirectly() {
    var onSpot = opinionService.submit(new OpinionSubmission("yy-taiping-mobile", "AGRICULTURE",
        "秸秆禁烧卡点附近的农机停放不便，希望划定停放区。", "太平镇秸秆禁烧卡点", null, null, true, false,
        Channel.MOBILE_RECEPTION, "已与镇农机站商定，在卡点东侧空地划定停放区。"), "staff2");
    ProcessInstance reception = runtime.createProcessInstanceQuery().processInstanceBusinessKey(onSpot.ticketNo())
        .singleResult();
    assertThat(reception).isWaitingAt(Event.AWAIT_EVALUATION).hasNotPassed(Task.SORT, Task.ANALYZE);
    Opinion o = opinions.findByTicket(onSpot.ticketNo()).orElseThrow();
    assertThat(o.status()).isEqualTo(OpinionStatus.REPLIED);
    assertThat(o.recordedBy()).isEqualTo("staff2");
    assertThat(opinions.replies(o.id())).singleElement()
        .satisfies(r -> assertThat(r.text()).contains("划定停放区"));
    assertThatThrownBy(() -> opinionService.submit(new OpinionSubmission("cy-crane", "OTHER",
        "扫码提交的意见不能当场答复，这是一条测试。", "某村", null, null, true, true, Channel.QR_CODE, "当场答复"), null))
        .hasMessageContaining("提交的内容有误");
  }

  @Test
  void replyCanBeEvaluatedOnlyOnce() {
    confirm();
    answer("答复");
    dissatisfied("不行");
    assertThatThrownBy(() -> opinionService.evaluate(submitted.ticketNo(), submitted.trackingKey(), Rating.SATISFIED,
        null)).hasMessageContaining("已评价");
  }

  // ---- steps as people take them ----

  // ---- 代表先行答复: an opinion sent to a deputy through the deputy's code (代表码) ----

  /** A citizen writes to deputy1 (张志强) through his code: the deputy answers first, within 3 working days. */
  void sentToDeputy1() {
    submitted = opinionService.submit(new OpinionSubmission("cy-anticorrosion", "INDUSTRY",
        "园区防腐涂料企业环评审批太慢，希望代表帮忙反映。", "长垣市防腐产业园", null, null, true, true, null), null,
        "deputy1");
    pi = runtime.createProcessInstanceQuery().processInstanceBusinessKey(submitted.ticketNo()).singleResult();
    assertThat(pi).isWaitingAt(Task.DEPUTY_FIRST_RESPONSE).hasPassed(Task.TRIAGE).hasNotPassed(Task.SORT);
    var task = tasks.createTaskQuery().processInstanceId(pi.getId()).singleResult();
    // only this deputy: no group, not the station's staff, not the other deputies
    assertThat(tasks.getIdentityLinksForTask(task.getId())).extracting("userId", "groupId")
        .containsExactly(org.assertj.core.groups.Tuple.tuple("deputy1", null));
    // Monday 09:00 + 3 working days = Thursday, end of the day
    assertThat(LocalDate.ofInstant(task.getDueDate().toInstant(), BEIJING)).isEqualTo(LocalDate.of(2026, 12, 3));
    assertThat(opinion().deputyUserId()).isEqualTo("deputy1");
    assertThat(opinion().processInstanceId()).as("linked without 汇总梳理 too").isEqualTo(pi.getId());
  }

  @Test
  void deputyAnswersTheCitizenDirectlyAndTheCitizenEvaluatesTheAnswer() {
    sentToDeputy1();
    setClock(MONDAY_MORNING.plusHours(5));
    complete(Task.DEPUTY_FIRST_RESPONSE, Map.of(Var.DEPUTY_ACTION, OpinionLoopProcess.DeputyAction.ANSWER.name(),
        Var.DEPUTY_REPLY, "已向县生态环境局了解，环评审批已开通绿色通道，本周内可办结。"));

    assertThat(pi).isWaitingAt(Event.AWAIT_EVALUATION).hasPassed(Task.RECORD_REPLY).hasNotPassed(Task.SORT,
        Task.ANALYZE);
    assertThat(opinions.replies(opinion().id())).singleElement().satisfies(r -> {
      assertThat(r.source()).isEqualTo(ReplySource.DEPUTY.name());
      assertThat(r.text()).contains("绿色通道");
    });
    assertThat(opinion().status()).isEqualTo(OpinionStatus.REPLIED);
    assertThat(opinion().deputyAction()).isEqualTo("ANSWER");
    assertThat(opinion().firstResponseAt()).isEqualTo(MONDAY_MORNING.plusHours(5).toInstant());
    var progress = opinionService.track(submitted.ticketNo(), submitted.trackingKey());
    assertThat(progress.replies()).singleElement().satisfies(r -> assertThat(r.text()).contains("绿色通道"));
    assertThat(progress.canEvaluate()).isTrue();

    opinionService.evaluate(submitted.ticketNo(), submitted.trackingKey(), Rating.SATISFIED, null);
    assertThat(pi).isEnded().hasPassed(Event.CLOSED);
  }

  @Test
  void deputyForwardsToTheStationWhoseDepartmentsAnswerIsShownToTheDeputy() {
    sentToDeputy1();
    complete(Task.DEPUTY_FIRST_RESPONSE, Map.of(Var.DEPUTY_ACTION, OpinionLoopProcess.DeputyAction.FORWARD.name(),
        Var.DEPUTY_NOTE, "请交县市场监管局核实"));

    assertThat(pi).isWaitingAt(Task.SORT);
    assertThat(pi).task().hasCandidateGroup("station-staff-cy-anticorrosion");
    assertThat((String) runtime.getVariable(pi.getId(), Var.HISTORY)).contains("请交县市场监管局核实");
    assertThat(opinion().deputyAction()).isEqualTo("FORWARD");

    complete(Task.SORT, Map.of(Var.SORT_DECISION, SortDecision.CONFIRM.name(), Var.CATEGORY, "INDUSTRY",
        Var.DEPARTMENT_CODE, "dept-market", Var.GRADE, Grade.GENERAL.name(), Var.DEADLINE_DAYS, 5));
    complete(Task.ANALYZE, Map.of(Var.ROUTE, Route.ASSIGN_DEPARTMENT.name(), Var.DEPARTMENT_CODE, "dept-market"));
    executeJob(Task.ASSIGN);
    reply(ReplyResult.SOLVED, "已督促审批部门加快办理，企业环评已于本周批复。");

    assertThat(pi).isWaitingAt(Event.AWAIT_EVALUATION);
    assertThat(outbox.forUser("deputy1")).anySatisfy(n -> {
      assertThat(n.title()).contains("县市场监管局已答复", submitted.ticketNo());
      assertThat(n.body()).contains("企业环评已于本周批复");
    });
  }

  @Test
  void deputyKeepsTheOpinionForOwnProposalAndItWaitsForTheProposal() {
    sentToDeputy1();
    complete(Task.DEPUTY_FIRST_RESPONSE, Map.of(Var.DEPUTY_ACTION,
        OpinionLoopProcess.DeputyAction.TO_PROPOSAL.name(), Var.DEPUTY_NOTE, "与其他企业的意见一起形成建议"));

    assertThat(pi).isWaitingAt(Event.AWAIT_PROPOSAL_REPLY).hasPassed(Task.RECORD_FOR_PROPOSAL);
    assertThat(opinion().status()).isEqualTo(OpinionStatus.TO_PROPOSAL);
    // the deputy on record, not a form value
    assertThat(opinion().proposalDeputy()).isEqualTo("deputy1");
    assertThat(opinions.waitingForProposal("cy-anticorrosion")).extracting(Opinion::ticketNo)
        .contains(submitted.ticketNo());
  }

  @Test
  void deputyWhoDoesNothingByTheDeadlineIsToldAndTheStationTakesTheOpinion() {
    sentToDeputy1();
    setClock(ZonedDateTime.of(2026, 12, 3, 23, 59, 0, 0, BEIJING));
    assertThat(management.createJobQuery().processInstanceId(pi.getId()).activityId(Event.TIMER_DEPUTY_RESPONSE)
        .duedateLowerThan(Date.from(ClockUtil.getCurrentTime().toInstant())).count()).isZero();

    setClock(ZonedDateTime.of(2026, 12, 4, 0, 1, 0, 0, BEIJING));
    executeJob(Event.TIMER_DEPUTY_RESPONSE);

    assertThat(pi).isWaitingAt(Task.SORT).hasPassed(Task.MOVE_TO_STATION);
    assertThat(pi).task().hasCandidateGroup("station-staff-cy-anticorrosion");
    assertThat(opinion().deputyAction()).isEqualTo("TIMED_OUT");
    assertThat(opinion().status()).isEqualTo(OpinionStatus.SORTING);
    assertThat(outbox.forUser("deputy1")).anySatisfy(n -> assertThat(n.title())
        .isEqualTo("意见已转联络站办理 " + submitted.ticketNo()));
    assertThat(opinions.events(opinion().id(), true)).extracting(OpinionEvent::title)
        .contains("已转交人大代表", "已转联络站工作人员办理");
  }

  @Test
  void deputyMustChooseWhatToDoAndWriteTheAnswer() {
    sentToDeputy1();
    assertThatThrownBy(() -> complete(Task.DEPUTY_FIRST_RESPONSE, Map.of(Var.DEPUTY_ACTION,
        OpinionLoopProcess.DeputyAction.ANSWER.name()))).hasMessageContaining("请填写给群众的答复内容");
    assertThatThrownBy(() -> complete(Task.DEPUTY_FIRST_RESPONSE, Map.of(Var.DEPUTY_ACTION, "IGNORE")))
        .hasMessageContaining("任务未完成").hasMessageContaining(Var.DEPUTY_ACTION);
    // the deputy cannot name another deputy for the proposal: the task accepts no such variable
    assertThatThrownBy(() -> complete(Task.DEPUTY_FIRST_RESPONSE, Map.of(Var.DEPUTY_ACTION,
        OpinionLoopProcess.DeputyAction.TO_PROPOSAL.name(), Var.PROPOSAL_DEPUTY, "deputy2")));
    assertThat(pi).isWaitingAt(Task.DEPUTY_FIRST_RESPONSE);
  }

  void confirm() {
    complete(Task.SORT, Map.of(Var.SORT_DECISION, SortDecision.CONFIRM.name(), Var.CATEGORY, "IRRIGATION",
        Var.DEPARTMENT_CODE, "dept-water", Var.GRADE, Grade.GENERAL.name(), Var.DEADLINE_DAYS, 5));
  }

  void assignTo(String department) {
    confirm();
    complete(Task.ANALYZE, Map.of(Var.ROUTE, Route.ASSIGN_DEPARTMENT.name(), Var.DEPARTMENT_CODE, department));
    assertThat(pi).isWaitingAt(Task.ASSIGN);
    executeJob(Task.ASSIGN);
  }

  void answer(String text) {
    complete(Task.ANALYZE, Map.of(Var.ROUTE, Route.ANSWER_DIRECTLY.name(), Var.ANSWER_TEXT, text));
  }

  void reply(ReplyResult result, String text) {
    complete(Task.HANDLE, Map.of(Var.HANDLING_ACTION, HandlingAction.REPLY.name(), Var.REPLY_RESULT, result.name(),
        Var.REPLY_TEXT, text, Var.REPLY_MEASURES, "现场处理"));
  }

  void dissatisfied(String comment) {
    opinionService.evaluate(submitted.ticketNo(), submitted.trackingKey(), Rating.DISSATISFIED, comment);
  }

  /** Moves the clock past the current deadline and fires the overdue timer. */
  void overdue() {
    Date due = (Date) runtime.getVariable(pi.getId(), Var.DUE_DATE);
    setClock(ZonedDateTime.ofInstant(due.toInstant(), BEIJING).plusMinutes(5));
    executeJob(Event.TIMER_OVERDUE);
  }

  void complete(String taskKey, Map<String, Object> variables) {
    var task = tasks.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey(taskKey).singleResult();
    assertThat(task).as("open task " + taskKey).isNotNull();
    tasks.complete(task.getId(), new HashMap<>(variables));
  }

  void executeJob(String activityId) {
    Job job = management.createJobQuery().processInstanceId(pi.getId()).activityId(activityId).singleResult();
    assertThat(job).as("job at " + activityId).isNotNull();
    management.executeJob(job.getId());
  }

  org.camunda.bpm.engine.task.Task handleTask() {
    return tasks.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey(Task.HANDLE).singleResult();
  }

  /** The light on the open task's card (its task-local copy). */
  SupervisionLight lightOn(String taskKey) {
    var task = tasks.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey(taskKey).singleResult();
    return SupervisionLight.of(tasks.getVariableLocal(task.getId(), SupervisionLight.VAR));
  }

  Opinion opinion() {
    return opinions.findByTicket(submitted.ticketNo()).orElseThrow();
  }

  static void setClock(ZonedDateTime time) {
    ClockUtil.setCurrentTime(Date.from(time.toInstant()));
  }
}
