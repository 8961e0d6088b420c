package cn.liaison.platform.rectification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import cn.liaison.platform.FullProcessCoverage;
import cn.liaison.platform.PlatformTest;
import cn.liaison.platform.grid.GridService;
import cn.liaison.platform.notification.Notification;
import cn.liaison.platform.notification.OutboxNotifier;
import cn.liaison.platform.opinion.OpinionLoopProcess;
import cn.liaison.platform.opinion.OpinionProgress;
import cn.liaison.platform.opinion.OpinionService;
import cn.liaison.platform.opinion.OpinionSubmission;
import cn.liaison.platform.rectification.Rectification.Problem;
import cn.liaison.platform.rectification.Rectification.Status;
import cn.liaison.platform.rectification.RectificationProcess.Event;
import cn.liaison.platform.rectification.RectificationProcess.Task;
import cn.liaison.platform.rectification.RectificationProcess.Var;
import cn.liaison.platform.rectification.RectificationProcess.Verification;
import cn.liaison.platform.system.InvalidInputException;
import cn.liaison.platform.system.TaskDecisionRefused;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.IdentityService;
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
 * Every path of a problem of 太平镇's rectification list (一网四制): the water bureau reports progress, is urged and,
 * past its deadline, escalated to the supervisors; the grid's deputy refuses the first rectification and passes the
 * second; the station's staff record the feedback and cross it off. A problem raised from a citizen's opinion tells
 * the citizen on the tracking page. The coverage report must show the process fully walked.
 */
@PlatformTest
@FullProcessCoverage(excluding = {OpinionLoopProcess.KEY, "rice-replanting-campaign", "household-sign-off",
    "industry-forum", "deputy-proposal"})
class RectificationProblemProcessTests {

  static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
  static final ZonedDateTime NOW = ZonedDateTime.of(2027, 6, 7, 9, 0, 0, 0, BEIJING);
  static final AtomicInteger SEQ = new AtomicInteger();
  static final Caller STAFF2 = new Caller("staff2", Set.of("station-staff", "station-staff-yy-taiping-mobile"));

  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired IdentityService identity;
  @Autowired RectificationService rectifications;
  @Autowired Rectifications records;
  @Autowired OpinionService opinions;
  @Autowired OutboxNotifier outbox;
  @Autowired GridService grids;
  @Autowired org.springframework.boot.test.web.client.TestRestTemplate http;

  /** Stands in for the systems of units that have their own. */
  static final com.github.tomakehurst.wiremock.WireMockServer unitSystems = new com.github.tomakehurst.wiremock
      .WireMockServer(com.github.tomakehurst.wiremock.core.WireMockConfiguration.options().dynamicPort());

  @org.junit.jupiter.api.BeforeAll
  static void startUnitSystems() {
    unitSystems.start();
  }

  @org.junit.jupiter.api.AfterAll
  static void stopUnitSystems() {
    unitSystems.stop();
  }

  @BeforeEach
  void aMondayInTaiping() {
    BpmnAwareTests.init(engine);
    ClockUtil.setCurrentTime(Date.from(NOW.toInstant()));
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
    identity.clearAuthentication();
  }

  @Test
  void waterBureauIsUrgedEscalatedRefusedOnceThenTheDeputyPassesItAndStaffCrossItOff() {
    String drive = drive();
    String problemNo = rectifications.raiseProblem(drive, "RW01", new RectificationService.NewProblem(
        "河滩村排灌站水泵损坏，村南200亩麦田浇不上水", "HOME_VISIT", null, "2027-06-05", "水利局农水股 周股长", "2027-06-18"),
        STAFF2);
    ProcessInstance pi = instance(problemNo);
    var handle = assertThat(pi).isWaitingAt(Task.RECTIFY).task();
    handle.hasCandidateGroup("dept-water");
    var rectify = tasks.createTaskQuery().processInstanceId(pi.getId()).singleResult();
    assertThat(rectify.getDueDate()).isEqualTo(Date.from(ZonedDateTime.of(2027, 6, 18, 18, 0, 0, 0, BEIJING)
        .toInstant()));
    // the card shows the problem, its drive and deadline, readable by the unit without the instance
    assertThat(tasks.getVariableLocal(rectify.getId(), Var.PROBLEM_NO)).isEqualTo(problemNo);
    assertThat(tasks.getVariableLocal(rectify.getId(), Var.DEADLINE_TEXT)).isEqualTo("2027-06-18");

    // measures are required; progress only keeps the task with the unit
    assertThatThrownBy(() -> complete(pi, Task.RECTIFY, Map.of(Var.RECTIFIED, false)))
        .isInstanceOf(TaskDecisionRefused.class).hasMessageContaining("请填写整改措施");
    assertThatThrownBy(() -> complete(pi, Task.RECTIFY, Map.of(Var.MEASURES, "已报修", Var.PROBLEM_NO, "WT2027-9999",
        Var.RECTIFIED, false))).isInstanceOf(TaskDecisionRefused.class).hasMessageContaining("此任务不接受变量");
    complete(pi, Task.RECTIFY, Map.of(Var.MEASURES, "已联系厂家采购水泵", Var.PROGRESS, "水泵到货需一周", Var.RECTIFIED, false));
    assertThat(pi).isWaitingAt(Task.RECTIFY);
    assertThat(records.problem(problemNo).orElseThrow().progress()).isEqualTo("水泵到货需一周");

    // 催办 as the opinion loop plans it, then 督办 on the deadline
    executeJob(pi, Event.TIMER_URGE);
    assertThat(outbox.forGroup("dept-water")).anyMatch(n -> n.title().equals("催办 " + problemNo));
    assertThat(rectifications.view(drive).overdue()).isZero();
    ClockUtil.setCurrentTime(Date.from(ZonedDateTime.of(2027, 6, 18, 18, 1, 0, 0, BEIJING).toInstant()));
    executeJob(pi, Event.TIMER_OVERDUE);
    assertThat(pi).hasPassed(Task.URGE, Task.ESCALATE).isWaitingAt(Task.RECTIFY);
    assertThat(outbox.forGroup("supervisors")).filteredOn(n -> n.body().contains(problemNo)).singleElement()
        .extracting(Notification::title).isEqualTo("整改问题超期");
    assertThat(rectifications.view(drive).overdue()).isEqualTo(1);

    complete(pi, Task.RECTIFY, Map.of(Var.MEASURES, "更换水泵一台", Var.RECTIFIED, true));
    assertThat(pi).isWaitingAt(Task.VERIFY).task().isAssignedTo("deputy2");
    assertThat(records.problem(problemNo).orElseThrow().status()).isEqualTo(Status.VERIFYING);

    // the deputy says why it fails; the unit is told and rectifies again
    assertThatThrownBy(() -> complete(pi, Task.VERIFY, Map.of(Var.VERIFICATION, "FAIL")))
        .isInstanceOf(TaskDecisionRefused.class).hasMessageContaining("不通过时请写明");
    complete(pi, Task.VERIFY, Map.of(Var.VERIFICATION, "FAIL", Var.VERIFICATION_NOTE, "出水管仍漏水"));
    assertThat(pi).isWaitingAt(Task.RECTIFY);
    assertThat(outbox.forGroup("dept-water")).anyMatch(n -> n.body().contains("出水管仍漏水"));
    complete(pi, Task.RECTIFY, Map.of(Var.MEASURES, "更换水泵一台，更换出水管", Var.RECTIFIED, true));
    // a second round needs its own note: the first one's does not stand in for it
    assertThatThrownBy(() -> complete(pi, Task.VERIFY, Map.of(Var.VERIFICATION, "FAIL")))
        .isInstanceOf(TaskDecisionRefused.class).hasMessageContaining("不通过时请写明");
    complete(pi, Task.VERIFY, Map.of(Var.VERIFICATION, Verification.PASS.name()));
    assertThat(pi).isWaitingAt(Task.RECORD_FEEDBACK).task().hasCandidateGroup("station-staff-yy-taiping-mobile");

    assertThatThrownBy(() -> complete(pi, Task.RECORD_FEEDBACK, Map.of()))
        .isInstanceOf(TaskDecisionRefused.class).hasMessageContaining("请填写向群众反馈的情况");
    complete(pi, Task.RECORD_FEEDBACK, Map.of(Var.FEEDBACK, "网格代表入户告知，群众满意"));
    assertThat(pi).isWaitingAt(Task.CLOSE);
    identity.setAuthentication("staff2", List.copyOf(STAFF2.groups()));
    complete(pi, Task.CLOSE, Map.of());
    identity.clearAuthentication();
    assertThat(pi).isEnded().hasPassed(Event.CLOSED);

    Problem p = records.problem(problemNo).orElseThrow();
    assertThat(p.status()).isEqualTo(Status.CLOSED);
    assertThat(p.closedBy()).isEqualTo("staff2");
    assertThat(p.closedAt()).isNotNull();
    assertThat(p.failedVerifications()).isEqualTo(1);
    assertThat(p.measures()).isEqualTo("更换水泵一台，更换出水管");
    var figures = rectifications.view(drive);
    assertThat(figures.problems()).isEqualTo(1);
    assertThat(figures.rectified()).isEqualTo(1);
    assertThat(figures.overdue()).as("crossed off, no longer overdue").isZero();
  }

  @Test
  void theProblemsLightTurnsYellowAtTwoThirdsStaysThroughProgressTurnsRedWhenOverdueAndGoesOutWhenRectified() {
    String problemNo = rectifications.raiseProblem(drive(), "RW01", new RectificationService.NewProblem(
        "河滩村机井房屋顶漏雨", "HOME_VISIT", null, "2027-06-05", "水利局农水股 周股长", "2027-06-18"), STAFF2);
    ProcessInstance pi = instance(problemNo);
    assertThat(lightOn(pi, Task.RECTIFY)).isEqualTo(SupervisionLight.GREEN);
    Date yellowAt = (Date) runtime.getVariable(pi.getId(), SupervisionLight.YELLOW_AT_VAR);
    Date due = (Date) runtime.getVariable(pi.getId(), Var.DUE_AT);
    long start = NOW.toInstant().toEpochMilli();
    assertThat(yellowAt.getTime() - start).isEqualTo((due.getTime() - start) * 67 / 100);

    ClockUtil.setCurrentTime(new Date(yellowAt.getTime() + 60_000));
    executeJob(pi, Event.TIMER_LIGHT_YELLOW);
    assertThat(pi).hasPassed(Task.TURN_LIGHT_YELLOW);
    assertThat(lightOn(pi, Task.RECTIFY)).isEqualTo(SupervisionLight.YELLOW);
    // progress only: the same deadline, the same light
    complete(pi, Task.RECTIFY, Map.of(Var.MEASURES, "已联系瓦工", Var.RECTIFIED, false));
    assertThat(lightOn(pi, Task.RECTIFY)).isEqualTo(SupervisionLight.YELLOW);

    ClockUtil.setCurrentTime(new Date(due.getTime() + 60_000));
    executeJob(pi, Event.TIMER_OVERDUE);
    assertThat(lightOn(pi, Task.RECTIFY)).isEqualTo(SupervisionLight.RED);
    assertThat(tasks.getVariableLocal(tasks.createTaskQuery().processInstanceId(pi.getId()).singleResult().getId(),
        SupervisionLight.TEXT_VAR)).isEqualTo("🔴 红灯 超期");

    complete(pi, Task.RECTIFY, Map.of(Var.MEASURES, "屋顶已重新铺设防水层", Var.RECTIFIED, true));
    assertThat(pi).isWaitingAt(Task.VERIFY);
    assertThat(runtime.getVariable(pi.getId(), SupervisionLight.VAR)).as("rectified: no light").isNull();
    assertThat(lightOn(pi, Task.VERIFY)).isNull();
  }

  SupervisionLight lightOn(ProcessInstance pi, String taskKey) {
    var task = tasks.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey(taskKey).singleResult();
    return SupervisionLight.of(tasks.getVariableLocal(task.getId(), SupervisionLight.VAR));
  }

  @Test
  void aProblemRaisedFromAnOpinionShowsOnTheCitizensTrackingPageWhenRectified() {
    var submitted = opinions.submit(new OpinionSubmission("yy-taiping-mobile", "AGRICULTURE",
        "村南排水沟堵塞，一下雨就淹庄稼。", "太平镇河滩村", null, null, true, true, null), null);
    String drive = drive();
    String problemNo = rectifications.raiseProblem(drive, "RW01", new RectificationService.NewProblem(
        "河滩村村南排水沟堵塞", "OPINION", submitted.ticketNo(), "2027-06-06", "水利局 吴科长", null), STAFF2);
    // linked both ways: the opinion names the problem, the problem its ticket
    OpinionProgress progress = opinions.track(submitted.ticketNo(), submitted.trackingKey());
    assertThat(progress.events()).anyMatch(e -> e.title().equals("列入整改问题清单") && e.detail().contains(problemNo));
    assertThat(rectifications.problemsFrom(Rectification.Source.OPINION, submitted.ticketNo()))
        .containsExactly(problemNo);

    ProcessInstance pi = instance(problemNo);
    complete(pi, Task.RECTIFY, Map.of(Var.MEASURES, "清淤排水沟300米", Var.RECTIFIED, true));
    complete(pi, Task.VERIFY, Map.of(Var.VERIFICATION, "PASS"));
    assertThat(pi).hasPassed(Task.NOTIFY_CITIZEN).isWaitingAt(Task.CLOSE);
    assertThat(records.problem(problemNo).orElseThrow().verifiedBy()).isNotNull();
    progress = opinions.track(submitted.ticketNo(), submitted.trackingKey());
    assertThat(progress.events()).anyMatch(e -> e.title().equals("问题已整改") && e.detail().contains("清淤排水沟300米"));
    assertThat(progress.notifications()).anyMatch(n -> n.title().equals("问题已整改") && n.body().contains(problemNo));
    complete(pi, Task.CLOSE, Map.of(RectificationProcess.Var.CLOSE_NOTE, "群众已知悉"));
    assertThat(pi).isEnded();
    assertThat(opinions.track(submitted.ticketNo(), submitted.trackingKey()).events())
        .anyMatch(e -> e.title().equals("整改问题已销号") && e.detail().contains(problemNo));
    assertThat(records.problem(problemNo).orElseThrow().feedback()).contains(submitted.ticketNo());
  }

  @Test
  void aGridHandedToAnotherDeputyIsVerifiedByTheNewOne() {
    String grid = "tp-test-" + SEQ.incrementAndGet();
    grids.save(grid, new GridService.GridRequest("试验村网格", "太平镇", "deputy5"), "demo");
    String drive = drive();
    String taskNo = rectifications.addTask(drive, new RectificationService.NewTask("村道修复", "dept-town", grid,
        "2027-06-30"), STAFF2);
    String problemNo = rectifications.raiseProblem(drive, taskNo, new RectificationService.NewProblem("村道坑洼",
        "HOME_VISIT", null, "2027-06-05", "镇村建办 马主任", null), STAFF2);
    ProcessInstance pi = instance(problemNo);
    // after the election the grid is deputy2's: the verification goes to her
    grids.save(grid, new GridService.GridRequest("试验村网格", "太平镇", "deputy2"), "demo");
    complete(pi, Task.RECTIFY, Map.of(Var.MEASURES, "填平坑洼", Var.RECTIFIED, true));
    assertThat(pi).isWaitingAt(Task.VERIFY).task().isAssignedTo("deputy2");
  }

  @Test
  void aProblemWithMistakesIsRefusedFieldByFieldAndNothingIsStored() {
    String drive = drive();
    long before = runtime.createProcessInstanceQuery().processDefinitionKey(RectificationProcess.KEY).count();
    assertThatThrownBy(() -> rectifications.raiseProblem(drive, "RW01", new RectificationService.NewProblem(
        " ", "GOSSIP", null, "2099-01-01", null, "someday"), STAFF2))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors())
            .containsKeys("description", "source", "foundOn", "responsiblePerson", "deadline"));
    assertThatThrownBy(() -> rectifications.raiseProblem(drive, "RW01", new RectificationService.NewProblem(
        "排水沟堵塞", "OPINION", "TP-NO-SUCH-TICKET", "2027-06-06", "吴科长", null), STAFF2))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors().get("sourceRef"))
            .isEqualTo("没有这个受理编号的群众意见"));
    // the staff of 太平镇 may not hang a problem on an opinion of another station (its citizen would be told)
    var crane = opinions.submit(new OpinionSubmission("cy-crane", "AGRICULTURE", "起重产业园区内的道路破损严重，大型车辆通行困难。", "长垣市起重产业园", null,
        null, true, true, null), null);
    assertThatThrownBy(() -> rectifications.raiseProblem(drive, "RW01", new RectificationService.NewProblem(
        "道路破损", "OPINION", crane.ticketNo(), "2027-06-06", "吴科长", null), STAFF2))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors().get("sourceRef"))
            .contains("不是本联络站受理的"));
    assertThat(opinions.track(crane.ticketNo(), crane.trackingKey()).events())
        .noneMatch(e -> e.title().equals("列入整改问题清单"));
    assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(RectificationProcess.KEY).count())
        .isEqualTo(before);
    assertThat(rectifications.view(drive).problems()).isZero();
  }

  @Test
  void aUnitWithItsOwnSystemGetsTheProblemSignedAndItsSolvedReplyGoesToTheGridsDeputy() throws Exception {
    String unit = "dept-sys-tp" + SEQ.incrementAndGet();
    String secret = "secret-" + java.util.UUID.randomUUID();
    String path = "/" + unit + "/items";
    unitSystems.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(path)
        .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(202)));
    var saved = http.withBasicAuth("demo", "demo").exchange("/api/admin/departments/" + unit,
        org.springframework.http.HttpMethod.PUT, cn.liaison.platform.JsonBodies.json(Map.of("name", "太平镇供水站" + SEQ.get(),
            "channel", "HTTP", "endpoint", unitSystems.baseUrl() + path, "secret", secret, "timeoutMillis", 10000)),
        String.class);
    assertThat(saved.getStatusCode().value()).as(saved.getBody()).isEqualTo(200);
    String drive = drive();
    String taskNo = rectifications.addTask(drive, new RectificationService.NewTask("自来水管网维修", unit, "tp-hetan",
        "2027-06-30"), STAFF2);
    String problemNo = rectifications.raiseProblem(drive, taskNo, new RectificationService.NewProblem(
        "河滩村东片自来水管破裂", "INSPECTION", "JC2027-0003", "2027-06-06", "供水站 马站长", null), STAFF2);
    ProcessInstance pi = instance(problemNo);
    assertThat(pi).isWaitingAt(Task.SEND_TO_UNIT_SYSTEM);
    executeJob(pi, Task.SEND_TO_UNIT_SYSTEM);
    assertThat(pi).isWaitingAt(Event.UNIT_SYSTEM_REPORTED);
    var call = unitSystems.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
        com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo(path))).get(0);
    assertThat(call.getHeader(cn.liaison.platform.department.Signatures.IDEMPOTENCY_KEY))
        .isEqualTo(pi.getId() + ":rectify:1");
    var body = cn.liaison.platform.JsonBodies.tree(call.getBodyAsString());
    assertThat(body.path("operation").asText()).isEqualTo("RECTIFY_PROBLEM");
    assertThat(body.path("problemNo").asText()).isEqualTo(problemNo);
    assertThat(body.toString()).doesNotContain("马站长");

    // a reply that is not a solution is refused and moves nothing; progress is recorded
    assertThat(reply(unit, secret, Map.of("ticketNo", problemNo, "type", "FINAL", "result", "UNSOLVED",
        "text", "材料未到"))).isEqualTo(400);
    assertThat(reply(unit, secret, Map.of("ticketNo", problemNo, "type", "PROGRESS", "text", "已关阀抢修"))).isEqualTo(200);
    assertThat(records.problem(problemNo).orElseThrow().progress()).isEqualTo("已关阀抢修");
    assertThat(pi).isWaitingAt(Event.UNIT_SYSTEM_REPORTED);
    assertThat(reply(unit, secret, Map.of("ticketNo", problemNo, "type", "FINAL", "result", "SOLVED",
        "text", "已恢复供水", "measures", "更换破裂管道 20 米"))).isEqualTo(200);
    assertThat(pi).isWaitingAt(Task.VERIFY).task().isAssignedTo("deputy2");
    assertThat(records.problem(problemNo).orElseThrow().measures()).isEqualTo("更换破裂管道 20 米");
    // a late reply finds nothing waiting
    assertThat(reply(unit, secret, Map.of("ticketNo", problemNo, "type", "PROGRESS", "text", "再报"))).isEqualTo(409);

    complete(pi, Task.VERIFY, Map.of(Var.VERIFICATION, "PASS"));
    complete(pi, Task.RECORD_FEEDBACK, Map.of(Var.FEEDBACK, "村广播通知恢复供水"));
    complete(pi, Task.CLOSE, Map.of());
    assertThat(pi).isEnded().hasPassed(Task.SEND_TO_UNIT_SYSTEM, Event.UNIT_SYSTEM_REPORTED);
  }

  int reply(String unit, String secret, Map<String, Object> reply) {
    byte[] body = cn.liaison.platform.JsonBodies.bytes(reply);
    String timestamp = String.valueOf(java.time.Instant.now().getEpochSecond());
    String nonce = java.util.UUID.randomUUID().toString();
    var headers = new org.springframework.http.HttpHeaders();
    headers.setContentType(org.springframework.http.MediaType.APPLICATION_JSON);
    headers.set(cn.liaison.platform.department.Signatures.TIMESTAMP, timestamp);
    headers.set(cn.liaison.platform.department.Signatures.NONCE, nonce);
    headers.set(cn.liaison.platform.department.Signatures.SIGNATURE,
        cn.liaison.platform.department.Signatures.sign(secret, timestamp, nonce, body));
    return http.exchange("/api/departments/" + unit + "/replies", org.springframework.http.HttpMethod.POST,
        new org.springframework.http.HttpEntity<>(body, headers), String.class).getStatusCode().value();
  }

  /** A drive of 太平镇 with one task: the water bureau in 河滩村's grid (deputy2). */
  String drive() {
    String code = "TP-TEST-" + SEQ.incrementAndGet() + "-" + System.nanoTime() % 100000;
    rectifications.createDrive(new RectificationService.NewDrive(code, "群众身边不正之风和腐败问题集中整治", "太平镇",
        "2027-09-30", null), STAFF2);
    rectifications.addTask(code, new RectificationService.NewTask("农田灌溉设施维修", "dept-water", "tp-hetan",
        "2027-06-30"), STAFF2);
    return code;
  }

  ProcessInstance instance(String problemNo) {
    return runtime.createProcessInstanceQuery().processDefinitionKey(RectificationProcess.KEY)
        .processInstanceBusinessKey(problemNo).singleResult();
  }

  void complete(ProcessInstance pi, String taskKey, Map<String, Object> variables) {
    var task = tasks.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey(taskKey).singleResult();
    assertThat(task).as("open task " + taskKey).isNotNull();
    tasks.complete(task.getId(), new HashMap<>(variables));
  }

  void executeJob(ProcessInstance pi, String activityId) {
    Job job = management.createJobQuery().processInstanceId(pi.getId()).activityId(activityId).singleResult();
    assertThat(job).as("job at " + activityId).isNotNull();
    management.executeJob(job.getId());
  }
}
