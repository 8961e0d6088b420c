package cn.liaison.platform.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import cn.liaison.platform.FullProcessCoverage;
import cn.liaison.platform.PlatformTest;
import cn.liaison.platform.campaign.CampaignProcess.Event;
import cn.liaison.platform.campaign.CampaignProcess.Task;
import cn.liaison.platform.campaign.CampaignProcess.UnwillingReason;
import cn.liaison.platform.campaign.CampaignProcess.Var;
import cn.liaison.platform.campaign.CampaignProcess.VisitOutcome;
import cn.liaison.platform.opinion.OpinionLoopProcess;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Every path of the campaign and of a household's sign-off, with the engine clock driving the phase dates,
 * revisits and subsidy periods. The coverage report must show both processes fully walked.
 */
@PlatformTest
@FullProcessCoverage(excluding = {OpinionLoopProcess.KEY, cn.liaison.platform.proposal.DeputyProposalProcess.KEY})
class CampaignProcessTests {

  static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
  static final ZonedDateTime CAMPAIGN_START = ZonedDateTime.of(2027, 4, 1, 9, 0, 0, 0, BEIJING);
  static final AtomicInteger SEQUENCE = new AtomicInteger();
  /** 签约种植 ends when 扫尾 begins: 2027-06-30 08:00, the campaign's wrap-up date. */
  static final Date SIGN_AND_PLANT_ENDS = Date.from(ZonedDateTime.of(2027, 6, 30, 8, 0, 0, 0, BEIJING).toInstant());

  @Autowired cn.liaison.platform.campaign.ledger.LedgerWorkbook ledgerWorkbook;
  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired CampaignService campaigns;
  @Autowired Households households;
  @Autowired cn.liaison.platform.campaign.ledger.LedgerImport ledgerImport;
  @Autowired Campaigns campaignRepository;
  @Autowired JdbcTemplate jdbc;
  @Autowired SubsidyPayments subsidyPayments;
  @Value("${liaison.campaign.start-batch-size}") int startBatchSize;
  @Value("${liaison.campaign.start-shards}") int startShards;

  String code;
  ProcessInstance campaign;

  @BeforeEach
  void townPlansItsCampaign() {
    BpmnAwareTests.init(engine);
    setClock(CAMPAIGN_START.minusDays(3));
    code = "LZ2027-" + SEQUENCE.incrementAndGet();
    campaigns.create(new CampaignService.NewCampaign(code, "路寨镇2027年水稻改种", "路寨镇", "2027年春",
        new CampaignService.Phases(LocalDate.of(2027, 4, 1), LocalDate.of(2027, 4, 15), LocalDate.of(2027, 6, 30)),
        3, new BigDecimal("9.5"), new BigDecimal("300"),
        List.of(new CampaignService.TeamEntry("deputy1", List.of("东村"), List.of()),
            new CampaignService.TeamEntry("deputy2", List.of(), List.of("西片")))), "staff1");
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void willingHouseholdSignsPlantsIsPaidOnceAndCrossedOff() {
    household("H-001", "东村", "东片", "P1", "2.0", "P2", "1.5");
    startCampaign();
    ProcessInstance h = householdProcess("H-001");
    assertThat(h).isWaitingAt(Task.VISIT).task().isAssignedTo("deputy1").hasDueDate(SIGN_AND_PLANT_ENDS);
    assertThat(runtime.getVariables(h.getId()).values().toString()).doesNotContain("张三", "13800001111");
    // the card and the form read the task's own variables, taken from the ledger when the task was opened
    String visit = engine.getTaskService().createTaskQuery().processInstanceId(h.getId()).singleResult().getId();
    assertThat(engine.getTaskService().getVariablesLocal(visit)).containsEntry(Var.HOUSEHOLD_NO, "H-001")
        .containsEntry(Var.VILLAGE, "东村").containsEntry(Var.AREA, "东片").containsEntry(Var.VISIT_COUNT, 0)
        .containsEntry(Var.PLOTS_SUMMARY, "2块地，共3.5亩：P1 2亩 一般 小麦；P2 1.5亩 一般 小麦；")
        .doesNotContainValue("张三").doesNotContainValue("13800001111");

    // history keeps the variables the sign-off started with, without a "changed" detail for each (the ledger
    // holds them), and none of the card's copies of the ledger; the instance is found by its business key, 户编号;
    // what the deputy records later keeps its detail
    var history = engine.getHistoryService();
    assertThat(history.createHistoricProcessInstanceQuery().processInstanceBusinessKey("H-001").singleResult().getId())
        .isEqualTo(h.getId());
    assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(h.getId())
        .variableName(Var.HOUSEHOLD_ID).list()).hasSize(1);
    assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(h.getId())
        .variableNameIn(Var.HOUSEHOLD_NO, Var.VILLAGE, Var.PLOTS_SUMMARY).count()).isZero();
    assertThat(history.createHistoricDetailQuery().processInstanceId(h.getId()).variableUpdates().count()).isZero();

    complete(h, Task.VISIT, Map.of(Var.VISIT_OUTCOME, VisitOutcome.WILLING.name()));
    assertThat(history.createHistoricDetailQuery().processInstanceId(h.getId()).variableUpdates().list())
        .extracting(d -> ((org.camunda.bpm.engine.history.HistoricVariableUpdate) d).getVariableName())
        .contains(Var.VISIT_OUTCOME);
    // visits, signing and planting are due when 签约种植 ends
    assertThat(h).task(Task.SIGN_AGREEMENT).hasDueDate(SIGN_AND_PLANT_ENDS);
    complete(h, Task.SIGN_AGREEMENT, Map.of(Var.AGREEMENT_NO, "LZ-XY-001", Var.SIGNED_PLOTS, List.of("P1", "P2"),
        Var.SIGNED_MU, 3.5));
    assertThatThrownBy(() -> complete(h, Task.CONFIRM_PLANTING, Map.of(Var.PLANTED_MU, 4.0,
        Var.PLANTED_ON, "2027-04-20")))
        .hasMessageContaining("种植面积不能大于签约面积");
    assertThat(h).task(Task.CONFIRM_PLANTING).hasDueDate(SIGN_AND_PLANT_ENDS);
    complete(h, Task.CONFIRM_PLANTING, Map.of(Var.PLANTED_MU, 3.5, Var.PLANTED_ON, "2027-04-20"));
    executeJob(h, Task.SCHEDULE_WATER);
    executeJob(h, Task.REGISTER_TECHNICAL_GUIDANCE);
    assertThat(h).isWaitingAt(Event.AWAIT_PAYMENT_RESULT);

    ProcessInstance batch = subsidyPeriodPasses();
    reviewAndSend(batch);
    // sent is not paid: the household waits for its own result
    assertThat(h).isWaitingAt(Event.AWAIT_PAYMENT_RESULT);
    assertThat(households.find(code, "H-001").orElseThrow().status()).isEqualTo(Household.Status.PLANTED);
    financeReports(batch, paid("H-001", "PZ-0001"));
    assertThat(batch).isEnded().hasPassed(Event.BATCH_SETTLED);
    assertThat(h).isEnded().hasPassed(Task.SIGN_OFF, Event.CROSSED_OFF);
    Household done = households.find(code, "H-001").orElseThrow();
    assertThat(done.status()).isEqualTo(Household.Status.CROSSED_OFF);
    assertThat(done.subsidyAmount()).isEqualByComparingTo("1050.00");
    assertThat(done.crossedOffBy()).isEqualTo("deputy1");
    assertThat(done.crossedOffAt()).isNotNull();
    assertThat(done.plots()).allMatch(Household.Plot::signed);

    // the next period pays nobody twice
    assertThat(subsidyPeriodPasses()).isNull();
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM subsidy_payment l JOIN household h ON h.id = l.household_id "
        + "WHERE h.campaign_code = ?", Integer.class, code)).isEqualTo(1);
  }

  @Test
  void householdAddedToTheLedgerDuringSignAndPlantIsMobilisedAtOnce() {
    household("H-030", "东村", null, "P1", "1.0");
    startCampaign();
    signAndPlantPhaseBegins();

    ledgerImport.importLedger(code, "补录.csv", "text/csv", ("户编号,户主,村,片区,电话,地块编号,面积(亩),地形,现种作物\n"
        + "H-031,李四,东村,,,P1,1.5,一般,小麦\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(householdProcess("H-031")).isWaitingAt(Task.VISIT).task().isAssignedTo("deputy1")
        .hasDueDate(SIGN_AND_PLANT_ENDS);
    assertThat(households.find(code, "H-031").orElseThrow().status()).isEqualTo(Household.Status.VISITING);
  }

  @Test
  void unwillingHouseholdGetsExpertGuidanceAndIsVisitedAgainUntilWilling() {
    household("H-002", "东村", "东片", "P1", "3.0");
    startCampaign();
    ProcessInstance h = householdProcess("H-002");
    complete(h, Task.VISIT, Map.of(Var.VISIT_OUTCOME, VisitOutcome.UNWILLING.name(),
        Var.UNWILLING_REASONS, List.of(UnwillingReason.HIGH_GROUND.name(), UnwillingReason.HIGH_COST.name()),
        Var.VISIT_NOTE, "地势高，担心灌溉成本"));
    assertThat(households.find(code, "H-002").orElseThrow().status()).isEqualTo(Household.Status.UNWILLING);
    executeJob(h, Task.REQUEST_GUIDANCE);
    assertThat(h).isWaitingAt(Task.RECORD_GUIDANCE).task().hasCandidateGroup("dept-agriculture")
        .hasDueDate(SIGN_AND_PLANT_ENDS);
    complete(h, Task.RECORD_GUIDANCE, Map.of(Var.GUIDANCE_ON, "2027-04-05", Var.GUIDANCE_NOTE, "现场讲解提水灌溉方案"));
    assertThat(h).isWaitingAt(Event.TIMER_REVISIT);
    setClock(CAMPAIGN_START.plusDays(4));
    executeJob(h, Event.TIMER_REVISIT);
    assertThat(h).isWaitingAt(Task.VISIT);
    complete(h, Task.VISIT, Map.of(Var.VISIT_OUTCOME, VisitOutcome.WILLING.name()));
    assertThat(h).isWaitingAt(Task.SIGN_AGREEMENT);
    Household visited = households.find(code, "H-002").orElseThrow();
    assertThat(visited.visitCount()).isEqualTo(2);
    assertThat(visited.guidanceCount()).isEqualTo(1);
    assertThat(runtime.getVariable(h.getId(), Var.VISIT_COUNT)).isEqualTo(2);
  }

  @Test
  void householdNotAtHomeIsVisitedAgain() {
    household("H-003", "东村", null, "P1", "1.0");
    startCampaign();
    ProcessInstance h = householdProcess("H-003");
    complete(h, Task.VISIT, Map.of(Var.VISIT_OUTCOME, VisitOutcome.NOT_HOME.name()));
    assertThat(h).isWaitingAt(Event.TIMER_REVISIT_NOT_HOME);
    setClock(CAMPAIGN_START.plusDays(3));
    executeJob(h, Event.TIMER_REVISIT_NOT_HOME);
    assertThat(h).isWaitingAt(Task.VISIT);
    assertThat(households.find(code, "H-003").orElseThrow().visitCount()).isEqualTo(1);
  }

  @Test
  void deputyChangedMidwayTakesTheOpenTasksAlong() {
    household("H-004", "东村", null, "P1", "1.0");
    startCampaign();
    ProcessInstance h = householdProcess("H-004");
    campaigns.changeDeputy(code, "H-004", "deputy2");
    assertThat(h).task().isAssignedTo("deputy2");
    complete(h, Task.VISIT, Map.of(Var.VISIT_OUTCOME, VisitOutcome.WILLING.name()));
    assertThat(h).task().isAssignedTo("deputy2");
    assertThat(households.find(code, "H-004").orElseThrow().responsibleDeputy()).isEqualTo("deputy2");
  }

  @Test
  void campaignRunsItsPhasesStillUnwillingEndNotConvertedAndTheStationWrapsUp() {
    household("H-010", "东村", null, "P1", "2.0");
    household("H-011", "东村", null, "P1", "1.0");
    household("H-012", "西村", "西片", "P1", "1.5");
    startCampaign();
    assertThat(households.find(code, "H-012").orElseThrow().responsibleDeputy()).isEqualTo("deputy2");

    ProcessInstance unwilling = householdProcess("H-010");
    complete(unwilling, Task.VISIT, Map.of(Var.VISIT_OUTCOME, VisitOutcome.UNWILLING.name(),
        Var.UNWILLING_REASONS, List.of(UnwillingReason.SANDY_SOIL.name()), Var.VISIT_NOTE, "沙土地保水差"));
    ProcessInstance planted = householdProcess("H-011");
    complete(planted, Task.VISIT, Map.of(Var.VISIT_OUTCOME, VisitOutcome.WILLING.name()));
    complete(planted, Task.SIGN_AGREEMENT, Map.of(Var.AGREEMENT_NO, "LZ-XY-011", Var.SIGNED_PLOTS, List.of("P1"),
        Var.SIGNED_MU, 1.0));
    complete(planted, Task.CONFIRM_PLANTING, Map.of(Var.PLANTED_MU, 1.0, Var.PLANTED_ON, "2027-04-25"));
    executeJob(planted, Task.SCHEDULE_WATER);
    executeJob(planted, Task.REGISTER_TECHNICAL_GUIDANCE);

    signAndPlantPhaseBegins();
    assertThat(campaigns().status()).isEqualTo(Campaign.Status.SIGN_AND_PLANT);

    setClock(ZonedDateTime.of(2027, 6, 30, 8, 1, 0, 0, BEIJING));
    executeJob(campaign, Event.TIMER_WRAP_UP);
    executeJob(campaign, Task.END_MOBILISATION);
    assertThat(unwilling).isEnded().hasPassed(Event.NOT_CONVERTED);
    Household notConverted = households.find(code, "H-010").orElseThrow();
    assertThat(notConverted.status()).isEqualTo(Household.Status.NOT_CONVERTED);
    assertThat(notConverted.unwillingReasons()).isEqualTo(UnwillingReason.SANDY_SOIL.name());
    assertThat(campaign).isWaitingAt(Task.WRAP_UP);
    assertThat((String) runtime.getVariable(campaign.getId(), Var.OUTSTANDING_SUMMARY)).contains("H-011", "未改种 2 户");
    // 扫尾收关 goes to the staff of the town's station (路寨镇产业代表联络站), not to every station's staff
    assertThat(campaign).task().hasCandidateGroup("station-staff-yy-luzhai-rice")
        .hasDueDate(Date.from(ZonedDateTime.of(2027, 7, 30, 8, 0, 0, 0, BEIJING).toInstant())); // + P30D
    assertThat(tasks.getIdentityLinksForTask(tasks.createTaskQuery().processInstanceId(campaign.getId())
        .taskDefinitionKey(Task.WRAP_UP).singleResult().getId())).extracting("groupId")
        .containsExactly("station-staff-yy-luzhai-rice");

    complete(campaign, Task.WRAP_UP, Map.of(Var.WRAP_UP_NOTE, "已逐户核对台账", Var.WRAP_UP_CONFIRMED, true));
    executeJob(campaign, Task.SEND_FINAL_BATCH);
    ProcessInstance finalBatch = batchProcess();
    reviewAndSend(finalBatch);
    assertThat(campaign).as("the campaign waits for the last batch's results").isWaitingAt(Task.SEND_FINAL_BATCH);
    financeReports(finalBatch, paid("H-011", "PZ-0011"));
    assertThat(planted).isEnded().hasPassed(Event.CROSSED_OFF);
    assertThat(campaign).isEnded().hasPassed(Event.CAMPAIGN_ENDED);
    Campaign ended = campaigns();
    assertThat(ended.status()).isEqualTo(Campaign.Status.ENDED);
    assertThat(ended.summary()).contains("已销号 1 户", "未改种 2 户", "300.00");
  }

  @Test
  void largeLedgerStartsInParallelSharesBatchByBatch() throws Exception {
    int households = startShards * startBatchSize + 1;
    for (int i = 1; i <= households; i++) {
      household(String.format("B-%03d", i), "东村", null, "P1", "1.0");
    }
    setClock(CAMPAIGN_START);
    campaigns.start(code);
    campaign = runtime.createProcessInstanceQuery().processInstanceBusinessKey(code)
        .processDefinitionKey(CampaignProcess.CAMPAIGN_KEY).singleResult();

    // one job per share, not exclusive: the job executor runs them at the same time, as here
    List<Job> firstBatches = management.createJobQuery().processInstanceId(campaign.getId())
        .activityId(Task.START_SIGN_OFFS).list();
    assertThat(firstBatches).hasSize(startShards).allMatch(job -> !((JobEntity) job).isExclusive());
    ExecutorService threads = Executors.newFixedThreadPool(startShards);
    try {
      for (Future<?> done : threads.invokeAll(firstBatches.stream().<Callable<Object>>map(job -> () -> {
        management.executeJob(job.getId());
        return null;
      }).toList())) {
        done.get(); // no share got in another's way (no optimistic locking failure)
      }
    } finally {
      threads.shutdown();
    }
    assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(CampaignProcess.HOUSEHOLD_KEY)
        .variableValueEquals(Var.CAMPAIGN_CODE, code).count()).as("a first batch of every share")
        .isEqualTo(startShards * startBatchSize);

    HouseholdStarts.runAll(management, campaign.getId());
    assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(CampaignProcess.HOUSEHOLD_KEY)
        .variableValueEquals(Var.CAMPAIGN_CODE, code).count()).as("every household once").isEqualTo(households);
    assertThat(jdbc.queryForObject("SELECT COUNT(DISTINCT process_instance_id) FROM household WHERE campaign_code = ?",
        Integer.class, code)).isEqualTo(households);
    assertThat(jdbc.queryForList("SELECT DISTINCT status FROM household WHERE campaign_code = ?", String.class, code))
        .as("every household of the ledger shows 走访中 once its visit task is open").containsExactly("VISITING");
    assertThat(householdProcess(String.format("B-%03d", households))).isWaitingAt(Task.VISIT)
        .task().isAssignedTo("deputy1");
    assertThat(campaign).isWaitingAt(Event.TIMER_SIGN_AND_PLANT);
  }

  @Test
  void campaignWithNothingToPayAtTheEndStillClosesWithASummary() {
    household("H-020", "东村", null, "P1", "1.0");
    startCampaign();
    signAndPlantPhaseBegins();
    subsidyPeriodPasses();
    setClock(ZonedDateTime.of(2027, 6, 30, 8, 1, 0, 0, BEIJING));
    executeJob(campaign, Event.TIMER_WRAP_UP);
    executeJob(campaign, Task.END_MOBILISATION);
    complete(campaign, Task.WRAP_UP, Map.of(Var.WRAP_UP_NOTE, "无", Var.WRAP_UP_CONFIRMED, true));
    assertThat(campaign).isEnded();
    assertThat(campaigns().summary()).contains("已销号 0 户");
  }

  @Test
  void heldBackHouseholdStaysOutOfTheBatchWithItsReasonAndJoinsTheNextOne() {
    household("H-101", "东村", null, "P1", "2.0");
    household("H-102", "东村", null, "P1", "1.0");
    startCampaign();
    ProcessInstance paidFirst = plant("H-101", 2.0);
    ProcessInstance heldBack = plant("H-102", 1.0);

    ProcessInstance batch = subsidyPeriodPasses();
    long id = batchId(batch);
    assertThat(subsidyPayments.view(code, id).statusLabel()).isEqualTo("待核对");
    assertThat((String) tasks.getVariableLocal(tasks.createTaskQuery().processInstanceId(batch.getId()).singleResult()
        .getId(), Var.BATCH_SUMMARY)).contains("共 2 户", "900.00 元", "H-101", "H-102").doesNotContain("张三");
    assertThatThrownBy(() -> subsidyPayments.holdBack(code, id, "H-102", " "))
        .isInstanceOf(cn.liaison.platform.system.InvalidInputException.class);
    subsidyPayments.holdBack(code, id, "H-102", "种植面积待复核");
    assertThatThrownBy(() -> subsidyPayments.adjust(code, id, "H-101", "590", ""))
        .isInstanceOf(cn.liaison.platform.system.InvalidInputException.class);
    subsidyPayments.adjust(code, id, "H-101", "590.50", "扣除田埂面积");
    assertThat(jdbc.queryForList("SELECT action FROM audit_event WHERE subject_ref LIKE ?", String.class,
        code + "/%")).contains("SUBSIDY_HELD_BACK", "SUBSIDY_AMOUNT_ADJUSTED");
    reviewAndSend(batch);
    // adjusting after the batch left is refused
    assertThatThrownBy(() -> subsidyPayments.adjust(code, id, "H-101", "600", "再调"))
        .isInstanceOf(cn.liaison.platform.system.ConflictException.class);

    SubsidyPayments.BatchView sent = subsidyPayments.view(code, id);
    assertThat(sent.statusLabel()).isIn("已发送", "已导出");
    assertThat(sent.total()).isEqualByComparingTo("890.50");
    assertThat(sent.heldBack()).isEqualByComparingTo("300.00");
    assertThat(sent.pending()).isEqualByComparingTo("590.50");
    // a result for the held-back household is refused: it was not sent
    assertThatThrownBy(() -> financeReports(batch, paid("H-102", "PZ-9")))
        .isInstanceOfSatisfying(cn.liaison.platform.system.InvalidInputException.class,
            e -> assertThat(e.errors().values().toString()).contains("暂缓"));

    financeReports(batch, paid("H-101", "PZ-0101"));
    SubsidyPayments.BatchView done = subsidyPayments.view(code, id);
    assertThat(done.statusLabel()).isEqualTo("已完成");
    assertThat(done.total()).isEqualByComparingTo(done.paid().add(done.failed()).add(done.heldBack()));
    assertThat(paidFirst).isEnded().hasPassed(Event.CROSSED_OFF);
    assertThat(households.find(code, "H-101").orElseThrow().subsidyAmount()).isEqualByComparingTo("590.50");
    assertThat(heldBack).isWaitingAt(Event.AWAIT_PAYMENT_RESULT);

    // the next batch takes the held-back household; held back again, nothing is sent and the batch ends at once
    ProcessInstance next = subsidyPeriodPasses();
    long nextId = batchId(next);
    assertThat(subsidyPayments.view(code, nextId).lines()).extracting(SubsidyPayments.LineView::householdNo)
        .containsExactly("H-102");
    subsidyPayments.holdBack(code, nextId, "H-102", "仍待复核");
    reviewAndSend(next);
    assertThat(next).isEnded().hasPassed(Event.ALL_HELD_BACK);
    assertThat(heldBack).isWaitingAt(Event.AWAIT_PAYMENT_RESULT);
  }

  @Test
  void financeReportsThreePaidOneFailedTheFailedOneIsCorrectedAndPaidInTheNextBatchOnce() {
    for (String no : List.of("H-201", "H-202", "H-203", "H-204")) {
      household(no, "东村", null, "P1", "1.5");
    }
    startCampaign();
    Map<String, ProcessInstance> planted = new HashMap<>();
    for (String no : List.of("H-201", "H-202", "H-203", "H-204")) {
      planted.put(no, plant(no, 1.5));
    }
    ProcessInstance batch = subsidyPeriodPasses();
    reviewAndSend(batch);

    SubsidyPayments.ReportOutcome first = financeReports(batch, paid("H-201", "PZ-1"), paid("H-202", "PZ-2"));
    assertThat(first.taken()).isEqualTo(2);
    assertThat(first.batch().statusLabel()).isEqualTo("部分完成");
    assertThat(batch).isWaitingAt(Event.AWAIT_BATCH_SETTLED);
    // the same report again (a retry by the bureau's system) changes nothing
    SubsidyPayments.ReportOutcome again = financeReports(batch, paid("H-201", "PZ-1"), paid("H-202", "PZ-2"));
    assertThat(again.taken()).isZero();
    assertThat(again.unchanged()).isEqualTo(2);
    financeReports(batch, paid("H-203", "PZ-3"), failed("H-204", "户名与一卡通持卡人不符"));
    assertThat(batch).isEnded();
    SubsidyPayments.BatchView done = subsidyPayments.view(code, batchId(batch));
    assertThat(done.paid()).isEqualByComparingTo("1350.00");
    assertThat(done.failed()).isEqualByComparingTo("450.00");
    assertThat(done.total()).isEqualByComparingTo(done.paid().add(done.failed()).add(done.heldBack()));
    for (String no : List.of("H-201", "H-202", "H-203")) {
      assertThat(planted.get(no)).isEnded().hasPassed(Event.CROSSED_OFF);
    }
    // the failed one is not crossed off: arrears, with its reason, until paid
    ProcessInstance arrears = planted.get("H-204");
    assertThat(arrears).isNotEnded();
    assertThat(households.find(code, "H-204").orElseThrow().status()).isEqualTo(Household.Status.PLANTED);
    assertThat(subsidyPayments.arrears(code)).containsExactly("东村 H-204：欠发 450.00 元（户名与一卡通持卡人不符）");
    assertThat(arrears).isWaitingAt(Task.CONFIRM_PAYMENT_ACCOUNT).task().isAssignedTo("deputy1");
    assertThat(tasks.getVariablesLocal(tasks.createTaskQuery().processInstanceId(arrears.getId()).singleResult().getId()))
        .containsEntry(Var.PAYMENT_FAIL_REASON, "户名与一卡通持卡人不符");
    // the bureau cannot turn the failure into a payment in the same batch, nor a payment into a failure
    assertThatThrownBy(() -> financeReports(batch, paid("H-204", "PZ-4")))
        .isInstanceOf(cn.liaison.platform.system.InvalidInputException.class);
    assertThatThrownBy(() -> financeReports(batch, failed("H-201", "卡已注销")))
        .isInstanceOf(cn.liaison.platform.system.InvalidInputException.class);
    // not due again before its deputy confirmed the correction
    assertThat(subsidyPeriodPasses()).isNull();

    subsidyPayments.correctAccount(code, "H-204", "张三", "6217001234567890", "农村信用社", "持卡人为户主本人", "staff3");
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_event WHERE action = 'PAYMENT_ACCOUNT_CORRECTED' "
        + "AND (summary LIKE '%6217%' OR detail LIKE '%6217%')", Integer.class)).isZero();
    assertThatThrownBy(() -> complete(arrears, Task.CONFIRM_PAYMENT_ACCOUNT, Map.of(Var.ACCOUNT_CONFIRMED, false,
        Var.ACCOUNT_CONFIRM_NOTE, "x"))).hasMessageContaining("核实");
    complete(arrears, Task.CONFIRM_PAYMENT_ACCOUNT, Map.of(Var.ACCOUNT_CONFIRMED, true,
        Var.ACCOUNT_CONFIRM_NOTE, "已与户主核实，持卡人已更正"));
    assertThat(arrears).isWaitingAt(Event.AWAIT_PAYMENT_RESULT);
    assertThat(runtime.createVariableInstanceQuery().processInstanceIdIn(arrears.getId())
        .disableCustomObjectDeserialization().list()).filteredOn(v -> "string".equals(v.getTypeName()))
        .extracting(v -> String.valueOf(v.getValue()))
        .noneMatch(v -> v.contains("6217001234567890"));

    ProcessInstance next = subsidyPeriodPasses();
    assertThat(subsidyPayments.view(code, batchId(next)).lines()).extracting(SubsidyPayments.LineView::householdNo)
        .containsExactly("H-204");
    reviewAndSend(next);
    financeReports(next, paid("H-204", "PZ-5"));
    assertThat(arrears).isEnded().hasPassed(Task.CONFIRM_PAYMENT_ACCOUNT, Event.CROSSED_OFF);
    assertThat(subsidyPayments.arrears(code)).isEmpty();
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM subsidy_payment p JOIN household h ON h.id = p.household_id "
        + "WHERE h.campaign_code = ? AND p.status = 'PAID'", Integer.class, code)).as("each paid once").isEqualTo(4);
    assertThat(households.ofCampaign(code)).extracting(Household::subsidyAmount)
        .allMatch(a -> a.compareTo(new BigDecimal("450.00")) == 0);
  }

  @Test
  void householdIsCrossedOffOnlyAfterItsOwnPaidResult() {
    household("H-301", "东村", null, "P1", "1.0");
    household("H-302", "东村", null, "P1", "1.0");
    startCampaign();
    ProcessInstance first = plant("H-301", 1.0);
    ProcessInstance second = plant("H-302", 1.0);
    ProcessInstance batch = subsidyPeriodPasses();
    reviewAndSend(batch);
    financeReports(batch, paid("H-301", "PZ-301"));
    assertThat(first).isEnded().hasPassed(Event.CROSSED_OFF);
    assertThat(second).isWaitingAt(Event.AWAIT_PAYMENT_RESULT);
    assertThat(households.find(code, "H-302").orElseThrow().crossedOffAt()).isNull();
    // a report naming a household of no batch, or without voucher, is refused as a whole: nothing changes
    assertThatThrownBy(() -> financeReports(batch, paid("H-302", "PZ-302"), paid("H-999", "PZ-999")))
        .isInstanceOf(cn.liaison.platform.system.InvalidInputException.class);
    assertThat(second).isWaitingAt(Event.AWAIT_PAYMENT_RESULT);
    assertThatThrownBy(() -> financeReports(batch, new SubsidyPayments.PaymentResult("H-302", "PAID",
        today(), null, null, 0))).isInstanceOf(cn.liaison.platform.system.InvalidInputException.class);
    financeReports(batch, paid("H-302", "PZ-302"));
    assertThat(second).isEnded().hasPassed(Event.CROSSED_OFF);
  }

  @Test
  void failedInTheFinalBatchTheHouseholdIsCorrectedPaidInAnArrearsBatchAndOnlyThenTheCampaignEnds() {
    household("H-401", "东村", null, "P1", "2.0");
    household("H-402", "东村", null, "P1", "1.5");
    startCampaign();
    ProcessInstance paidAtOnce = plant("H-401", 2.0);
    ProcessInstance arrears = plant("H-402", 1.5);

    ProcessInstance finalBatch = wrapUpAndSendTheFinalBatch();
    assertThat(subsidyPayments.view(code, batchId(finalBatch)).kindLabel()).isEqualTo("最后一批");
    financeReports(finalBatch, paid("H-401", "PZ-401"), failed("H-402", "账户已冻结"));
    assertThat(paidAtOnce).isEnded().hasPassed(Event.CROSSED_OFF);
    assertThat(arrears).isWaitingAt(Task.CONFIRM_PAYMENT_ACCOUNT);
    // the campaign does not sum up while a planted household is owed: it waits, listing whom
    assertThat(campaign).isWaitingAt(Event.TIMER_ARREARS_RECHECK).hasPassed(Task.CHECK_ARREARS);
    assertThat(runtime.getVariable(campaign.getId(), Var.UNPAID_HOUSEHOLDS)).isEqualTo(1);
    assertThat((String) runtime.getVariable(campaign.getId(), Var.ARREARS_SUMMARY))
        .contains("尚未发放补贴 1 户", "东村 H-402：发放失败（账户已冻结）").doesNotContain("张三");
    assertThat(campaigns().status()).isEqualTo(Campaign.Status.WRAP_UP);
    // after the final batch, the subsidy cycle composes no batch of its own
    assertThat(subsidyPeriodPasses()).isNull();

    // not corrected yet: the next look composes nothing and waits again
    assertThat(arrearsRecheckPasses()).isNull();
    assertThat(campaign).isWaitingAt(Event.TIMER_ARREARS_RECHECK);

    subsidyPayments.correctAccount(code, "H-402", "张三", "6217001234567890", "农村信用社", "账户解冻后换卡", "staff3");
    complete(arrears, Task.CONFIRM_PAYMENT_ACCOUNT, Map.of(Var.ACCOUNT_CONFIRMED, true,
        Var.ACCOUNT_CONFIRM_NOTE, "已与户主核实新卡"));
    ProcessInstance arrearsBatch = arrearsRecheckPasses();
    SubsidyPayments.BatchView composed = subsidyPayments.view(code, batchId(arrearsBatch));
    assertThat(composed.kindLabel()).isEqualTo("补发批次");
    assertThat(composed.lines()).extracting(SubsidyPayments.LineView::householdNo).containsExactly("H-402");
    assertThat((String) tasks.getVariableLocal(tasks.createTaskQuery().processInstanceId(arrearsBatch.getId())
        .singleResult().getId(), Var.BATCH_SUMMARY)).startsWith("补发批次 BATCH-");
    // the same lifecycle as every batch: the town's staff, then finance, then sent
    reviewAndSend(arrearsBatch);
    assertThat(campaign).isWaitingAt(Task.SEND_ARREARS_BATCH);

    SubsidyPayments.ReportOutcome taken = financeReports(arrearsBatch, paid("H-402", "PZ-402B"));
    assertThat(taken.taken()).isEqualTo(1);
    assertThat(arrears).isEnded().hasPassed(Event.CROSSED_OFF);
    assertThat(campaign).isEnded().hasPassed(Task.SEND_ARREARS_BATCH, Event.CAMPAIGN_ENDED);
    assertThat(campaigns().summary()).contains("已销号 2 户", "1050.00").doesNotContain("欠发");

    // the bureau's system repeats its report, and reports the final batch's failure as paid: nothing changes
    SubsidyPayments.ReportOutcome again = financeReports(arrearsBatch, paid("H-402", "PZ-402B"));
    assertThat(again.taken()).isZero();
    assertThat(again.unchanged()).isEqualTo(1);
    assertThatThrownBy(() -> financeReports(finalBatch, paid("H-402", "PZ-402C")))
        .isInstanceOf(cn.liaison.platform.system.InvalidInputException.class);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM subsidy_payment p JOIN household h ON h.id = p.household_id "
        + "WHERE h.household_no = 'H-402' AND h.campaign_code = ? AND p.status = 'PAID'", Integer.class, code))
        .as("paid once").isEqualTo(1);
    everyBatchReconcilesAndThePaymentsAddUpTo("1050.00");
  }

  @Test
  void householdWrittenOffEndsNotPaidNotCrossedOffAndTheCampaignNoLongerWaitsForIt() throws Exception {
    household("H-501", "东村", null, "P1", "1.0");
    household("H-502", "东村", null, "P1", "2.0");
    household("H-503", "东村", null, "P1", "1.0");
    startCampaign();
    ProcessInstance deceased = plant("H-501", 1.0);
    ProcessInstance gaveUp = plant("H-502", 2.0);
    ProcessInstance paid = plant("H-503", 1.0);

    ProcessInstance finalBatch = wrapUpAndSendTheFinalBatch();
    // in a batch awaiting its result: not yet (hold it back at review, or wait for the bank)
    assertThatThrownBy(() -> subsidyPayments.writeOff(code, "H-502", "农户自愿放弃补贴", "staff3"))
        .isInstanceOf(cn.liaison.platform.system.ConflictException.class).hasMessageContaining("待发放");
    financeReports(finalBatch, failed("H-501", "社保卡已注销"), failed("H-502", "户名与账号不符"),
        paid("H-503", "PZ-503"));
    assertThat(campaign).isWaitingAt(Event.TIMER_ARREARS_RECHECK);

    // a reason is required; a paid household cannot be written off
    assertThatThrownBy(() -> subsidyPayments.writeOff(code, "H-501", " ", "staff3"))
        .isInstanceOfSatisfying(cn.liaison.platform.system.InvalidInputException.class,
            e -> assertThat(e.errors()).containsKey("reason"));
    assertThatThrownBy(() -> subsidyPayments.writeOff(code, "H-503", "重复", "staff3"))
        .isInstanceOf(cn.liaison.platform.system.ConflictException.class);

    // while its deputy is to confirm a corrected account: the task ends with it
    subsidyPayments.writeOff(code, "H-501", "户主已故，家属放弃领取", "staff3");
    assertThat(deceased).isEnded().hasPassed(Event.WRITTEN_OFF_WHILE_CONFIRMING, Event.NOT_PAID)
        .hasNotPassed(Event.CROSSED_OFF);
    assertThat(households.find(code, "H-501").orElseThrow().crossedOffAt()).isNull();
    assertThatThrownBy(() -> subsidyPayments.writeOff(code, "H-501", "再次", "staff3"))
        .isInstanceOf(cn.liaison.platform.system.ConflictException.class);

    // after its deputy confirmed, waiting for an arrears batch: ends the same way
    complete(gaveUp, Task.CONFIRM_PAYMENT_ACCOUNT, Map.of(Var.ACCOUNT_CONFIRMED, true, Var.ACCOUNT_CONFIRM_NOTE, "已核实"));
    assertThat(gaveUp).isWaitingAt(Event.AWAIT_PAYMENT_RESULT);
    subsidyPayments.writeOff(code, "H-502", "农户自愿放弃补贴", "staff3");
    assertThat(gaveUp).isEnded().hasPassed(Event.SUBSIDY_WRITTEN_OFF, Event.NOT_PAID);

    assertThat(jdbc.queryForList("SELECT detail FROM audit_event WHERE action = 'SUBSIDY_WRITTEN_OFF' AND subject_ref "
        + "LIKE ?", String.class, code + "/%")).containsExactlyInAnyOrder("户主已故，家属放弃领取", "农户自愿放弃补贴");
    // the ledger: 不予发放 with the reason, not 欠发
    Map<Long, SubsidyPayments.HouseholdPayment> ledger = subsidyPayments.payments(code);
    assertThat(ledger.get(households.find(code, "H-501").orElseThrow().id()).statusLabel())
        .isEqualTo("不予发放（户主已故，家属放弃领取）");
    assertThat(subsidyPayments.arrears(code)).isEmpty();
    // each household's deputy is told, once, that nothing is to be confirmed any more
    for (String no : List.of("H-501", "H-502")) {
      Household written = households.find(code, no).orElseThrow();
      assertThat(jdbc.queryForList("SELECT recipient FROM notification WHERE dedup_key = ?", String.class,
          "subsidy-write-off:" + written.id())).containsExactly(written.responsibleDeputy());
    }
    assertThat(subsidyPayments.writtenOff(code)).containsExactly("东村 H-501：不予发放 300.00 元（户主已故，家属放弃领取）",
        "东村 H-502：不予发放 600.00 元（农户自愿放弃补贴）");

    // nobody is owed any more: the campaign sums up at its next look
    assertThat(arrearsRecheckPasses()).isNull();
    assertThat(campaign).isEnded().hasPassed(Event.CAMPAIGN_ENDED);
    assertThat(campaigns().summary()).contains("已销号 1 户", "补贴不予发放 2 户", "户主已故");
    // the 工作台账 workbook's 合计 row counts them apart from 已发放 and 欠发
    try (var wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(
        ledgerWorkbook.export(code)))) {
      java.util.List<String> totals = new java.util.ArrayList<>();
      wb.forEach(sheet -> sheet.forEach(row -> row.forEach(cell -> totals.add(cell.toString()))));
      assertThat(totals).contains("欠发 0 户；不予发放 2 户", "0.00 元；不予发放 900.00 元");
    }
    // sent = paid + failed; paid + written off = what the planted households were due
    everyBatchReconcilesAndThePaymentsAddUpTo("300.00");
    assertThat(jdbc.queryForObject("SELECT SUM(w.amount) FROM subsidy_write_off w JOIN household h ON h.id = "
        + "w.household_id WHERE h.campaign_code = ?", BigDecimal.class, code)).isEqualByComparingTo("900.00");
  }

  @Test
  void householdHeldBackAtReviewThenWrittenOffIsPaidInNoBatch() {
    household("H-601", "东村", null, "P1", "1.0");
    household("H-602", "东村", null, "P1", "1.0");
    startCampaign();
    ProcessInstance heldBack = plant("H-601", 1.0);
    ProcessInstance paid = plant("H-602", 1.0);
    ProcessInstance batch = subsidyPeriodPasses();
    long id = batchId(batch);
    subsidyPayments.holdBack(code, id, "H-601", "户主已故，待核实");
    subsidyPayments.writeOff(code, "H-601", "户主已故", "staff3");
    assertThat(heldBack).isEnded().hasPassed(Event.SUBSIDY_WRITTEN_OFF, Event.NOT_PAID);
    // written off, it cannot be put back into the batch under review
    assertThatThrownBy(() -> subsidyPayments.release(code, id, "H-601"))
        .isInstanceOf(cn.liaison.platform.system.ConflictException.class).hasMessageContaining("不予发放");
    reviewAndSend(batch);
    financeReports(batch, paid("H-602", "PZ-602"));
    assertThat(paid).isEnded().hasPassed(Event.CROSSED_OFF);
    assertThat(subsidyPayments.view(code, id).heldBack()).isEqualByComparingTo("300.00");
    // nor into a later one
    assertThat(subsidyPeriodPasses()).isNull();
  }

  // ---- helpers ----

  /** 签约种植, then 扫尾: the station wraps up and the final batch is composed; returns its process, in review. */
  ProcessInstance wrapUpAndSendTheFinalBatch() {
    signAndPlantPhaseBegins();
    setClock(ZonedDateTime.of(2027, 6, 30, 8, 1, 0, 0, BEIJING));
    executeJob(campaign, Event.TIMER_WRAP_UP);
    executeJob(campaign, Task.END_MOBILISATION);
    complete(campaign, Task.WRAP_UP, Map.of(Var.WRAP_UP_NOTE, "已逐户核对台账", Var.WRAP_UP_CONFIRMED, true));
    executeJob(campaign, Task.SEND_FINAL_BATCH);
    ProcessInstance batch = batchProcess();
    reviewAndSend(batch);
    return batch;
  }

  /**
   * Moves the clock past the campaign's arrears re-check: returns the arrears batch composed then, waiting for the
   * town's review (null when none was ready).
   */
  ProcessInstance arrearsRecheckPasses() {
    Job timer = management.createJobQuery().processInstanceId(campaign.getId())
        .activityId(Event.TIMER_ARREARS_RECHECK).singleResult();
    assertThat(timer).as("the campaign waits for its arrears").isNotNull();
    setClock(ZonedDateTime.ofInstant(timer.getDuedate().toInstant(), BEIJING).plusMinutes(1));
    management.executeJob(timer.getId());
    Job send = management.createJobQuery().processInstanceId(campaign.getId()).activityId(Task.SEND_ARREARS_BATCH)
        .singleResult();
    if (send == null) {
      return null;
    }
    management.executeJob(send.getId());
    return batchProcess();
  }

  /** Each batch: total = paid + failed + held back + pending, to the cent; all batches paid together: paid. */
  void everyBatchReconcilesAndThePaymentsAddUpTo(String paid) {
    BigDecimal paidAcrossBatches = BigDecimal.ZERO;
    for (SubsidyPayments.BatchView b : subsidyPayments.batchesOf(code)) {
      assertThat(b.total()).as("batch %s", b.id())
          .isEqualByComparingTo(b.paid().add(b.failed()).add(b.heldBack()).add(b.pending()));
      assertThat(b.total().scale()).isEqualTo(2);
      paidAcrossBatches = paidAcrossBatches.add(b.paid());
    }
    assertThat(paidAcrossBatches).isEqualByComparingTo(paid);
    assertThat(households.ofCampaign(code).stream().map(Household::subsidyAmount).filter(a -> a != null)
        .reduce(BigDecimal.ZERO, BigDecimal::add)).isEqualByComparingTo(paid);
  }


  Campaign campaigns() {
    return campaignRepository.find(code).orElseThrow();
  }

  void household(String no, String village, String area, String... plots) {
    String deputy = "西片".equals(area) && !"东村".equals(village) ? "deputy2" : "deputy1";
    jdbc.update("INSERT INTO household (campaign_code, household_no, head_name, village, area, phone, "
        + "responsible_deputy, updated_at) VALUES (?, ?, '张三', ?, ?, '13800001111', ?, ?)", code, no, village, area,
        deputy, Timestamp.from(Instant.now()));
    Long id = jdbc.queryForObject("SELECT id FROM household WHERE campaign_code = ? AND household_no = ?", Long.class,
        code, no);
    for (int i = 0; i < plots.length; i += 2) {
      jdbc.update("INSERT INTO plot (household_id, plot_no, area_mu, terrain, current_crop) VALUES (?, ?, ?, 'NORMAL', "
          + "'小麦')", id, plots[i], new BigDecimal(plots[i + 1]));
    }
  }

  void startCampaign() {
    setClock(CAMPAIGN_START);
    campaigns.start(code);
    campaign = runtime.createProcessInstanceQuery().processInstanceBusinessKey(code)
        .processDefinitionKey(CampaignProcess.CAMPAIGN_KEY).singleResult();
    HouseholdStarts.runAll(management, campaign.getId());
  }

  /** 2027-04-15 08:00: 签约种植 begins. */
  void signAndPlantPhaseBegins() {
    setClock(ZonedDateTime.of(2027, 4, 15, 8, 1, 0, 0, BEIJING));
    executeJob(campaign, Event.TIMER_SIGN_AND_PLANT);
  }

  /**
   * Moves the clock a subsidy period on and composes the batch; returns the batch's own process, waiting for the
   * town's review (null when nobody was due).
   */
  ProcessInstance subsidyPeriodPasses() {
    Job timer = management.createJobQuery().processInstanceId(campaign.getId())
        .activityId(Event.TIMER_SUBSIDY_CYCLE).singleResult();
    setClock(ZonedDateTime.ofInstant(timer.getDuedate().toInstant(), BEIJING).plusMinutes(1));
    management.executeJob(timer.getId());
    executeJob(campaign, Task.COMPOSE_BATCH);
    Job send = management.createJobQuery().processInstanceId(campaign.getId()).activityId(Task.SEND_BATCH)
        .singleResult();
    if (send == null) {
      return null;
    }
    management.executeJob(send.getId());
    return batchProcess();
  }

  /** The subsidy-batch process of this campaign waiting for its review. */
  ProcessInstance batchProcess() {
    return runtime.createProcessInstanceQuery().processDefinitionKey(CampaignProcess.SUBSIDY_BATCH_KEY)
        .variableValueEquals(Var.CAMPAIGN_CODE, code).activityIdIn(Task.REVIEW_BATCH).singleResult();
  }

  /** The batch of a subsidy-batch process, running or ended. */
  long batchId(ProcessInstance batch) {
    return ((Number) engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(batch.getId())
        .variableName(Var.SUBSIDY_BATCH_ID).singleResult().getValue()).longValue();
  }

  /** The town's staff check the batch, then the finance bureau; it is sent. */
  void reviewAndSend(ProcessInstance batch) {
    assertThat(batch).task(Task.REVIEW_BATCH).hasCandidateGroup("station-staff-yy-luzhai-rice");
    complete(batch, Task.REVIEW_BATCH, Map.of(Var.BATCH_CHECKED, true, Var.REVIEW_NOTE, "已逐户核对"));
    assertThat(batch).task(Task.FINANCE_REVIEW_BATCH).hasCandidateGroup("dept-finance");
    complete(batch, Task.FINANCE_REVIEW_BATCH, Map.of(Var.BATCH_CHECKED, true));
    executeJob(batch, Task.DELIVER_BATCH);
  }

  SubsidyPayments.ReportOutcome financeReports(ProcessInstance batch, SubsidyPayments.PaymentResult... results) {
    return subsidyPayments.reportFromFinanceSystem("BATCH-" + batchId(batch), List.of(results));
  }

  static SubsidyPayments.PaymentResult paid(String householdNo, String voucher) {
    return new SubsidyPayments.PaymentResult(householdNo, "PAID", today(), voucher, null, 0);
  }

  static LocalDate today() {
    return LocalDate.ofInstant(ClockUtil.getCurrentTime().toInstant(), BEIJING);
  }

  static SubsidyPayments.PaymentResult failed(String householdNo, String reason) {
    return new SubsidyPayments.PaymentResult(householdNo, "FAILED", null, null, reason, 0);
  }

  /** A household of the ledger, mobilised, signed, planted and served: waiting for its subsidy. */
  ProcessInstance plant(String no, double mu) {
    ProcessInstance h = householdProcess(no);
    complete(h, Task.VISIT, Map.of(Var.VISIT_OUTCOME, VisitOutcome.WILLING.name()));
    complete(h, Task.SIGN_AGREEMENT, Map.of(Var.AGREEMENT_NO, "XY-" + no, Var.SIGNED_PLOTS, List.of("P1"),
        Var.SIGNED_MU, mu));
    complete(h, Task.CONFIRM_PLANTING, Map.of(Var.PLANTED_MU, mu, Var.PLANTED_ON, "2027-04-03"));
    executeJob(h, Task.SCHEDULE_WATER);
    executeJob(h, Task.REGISTER_TECHNICAL_GUIDANCE);
    assertThat(h).isWaitingAt(Event.AWAIT_PAYMENT_RESULT);
    return h;
  }

  ProcessInstance householdProcess(String no) {
    return runtime.createProcessInstanceQuery().processDefinitionKey(CampaignProcess.HOUSEHOLD_KEY)
        .processInstanceBusinessKey(no).variableValueEquals(Var.CAMPAIGN_CODE, code).singleResult();
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

  static void setClock(ZonedDateTime time) {
    ClockUtil.setCurrentTime(Date.from(time.toInstant()));
  }
}
