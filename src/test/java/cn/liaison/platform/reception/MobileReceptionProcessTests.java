package cn.liaison.platform.reception;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import cn.liaison.platform.FullProcessCoverage;
import cn.liaison.platform.PlatformTest;
import cn.liaison.platform.campaign.CampaignProcess;
import cn.liaison.platform.identity.PlatformGroups;
import cn.liaison.platform.notification.Notification;
import cn.liaison.platform.notification.OutboxNotifier;
import cn.liaison.platform.opinion.Channel;
import cn.liaison.platform.opinion.OpinionLoopProcess;
import cn.liaison.platform.opinion.OpinionStatus;
import cn.liaison.platform.opinion.Opinions;
import cn.liaison.platform.reception.Reception.FlagKind;
import cn.liaison.platform.reception.ReceptionProcess.Event;
import cn.liaison.platform.reception.ReceptionProcess.Task;
import cn.liaison.platform.reception.ReceptionProcess.Var;
import cn.liaison.platform.reception.ReceptionService.VisitOpinion;
import cn.liaison.platform.reception.ReceptionService.VisitRequest;
import cn.liaison.platform.system.ConflictException;
import cn.liaison.platform.system.InvalidInputException;
import cn.liaison.platform.system.TaskDecisionRefused;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Every path of a reception session of 太平镇's mobile station: announced, opened at its start time, visits recorded by
 * the deputies on duty (opinions into the loop, solved on the spot answered directly), ended by its end time or early
 * by a deputy, and closed by the staff's summary with its flags for 专项督办. The coverage report must show the process
 * fully walked.
 */
@PlatformTest
@FullProcessCoverage(excluding = {OpinionLoopProcess.KEY, CampaignProcess.CAMPAIGN_KEY, CampaignProcess.HOUSEHOLD_KEY})
class MobileReceptionProcessTests {

  static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
  static final ZonedDateTime NOW = ZonedDateTime.of(2027, 6, 1, 9, 0, 0, 0, BEIJING);
  static final ZonedDateTime STARTS = ZonedDateTime.of(2027, 6, 5, 8, 0, 0, 0, BEIJING);
  static final ZonedDateTime ENDS = ZonedDateTime.of(2027, 6, 5, 12, 0, 0, 0, BEIJING);
  static final String STATION = "yy-taiping-mobile";

  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired IdentityService identity;
  @Autowired ReceptionService receptions;
  @Autowired Opinions opinions;
  @Autowired OutboxNotifier outbox;
  @Autowired org.camunda.bpm.engine.FilterService filters;

  @BeforeEach
  void daysBeforeTheHarvest() {
    BpmnAwareTests.init(engine);
    setClock(NOW);
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
    identity.clearAuthentication();
  }

  @Test
  void fieldPostAtTheBurningCheckpointRunsToItsEndTimeAndTheStaffSummarizeIt() {
    var created = announce();
    assertThat(created.warning()).as("announced four days ahead").isNull();
    String no = created.receptionNo();
    assertThat(no).matches("JD2027-\\d{4}");
    ProcessInstance pi = instance(no);
    assertThat(pi).isWaitingAt(Event.TIMER_SESSION_STARTS);
    assertThat(receptions.upcoming(STATION)).anySatisfy(a -> {
      assertThat(a.receptionNo()).isEqualTo(no);
      assertThat(a.deputiesOnDuty()).containsExactly("刘秀英", "杨桂芝");
      assertThat(a.date()).isEqualTo("2027年6月5日");
      assertThat(a.time()).isEqualTo("08:00–12:00");
    });
    // the deputies on duty are told, with the phone page's address
    assertThat(outbox.forUser("deputy5")).anySatisfy(n -> assertThat(n.body()).contains(no, "/field/receptions/" + no));

    // too early: nothing recorded before the session starts
    assertThatThrownBy(() -> receptions.recordVisit(no, new VisitRequest(2, "秸秆离田", null, false, null), "deputy5"))
        .isInstanceOf(ConflictException.class).hasMessageContaining("接待尚未开始");

    setClock(STARTS.plusMinutes(5));
    executeJob(pi, Event.TIMER_SESSION_STARTS);
    assertThat(pi).hasPassed(Task.OPEN).isWaitingAt(Task.RECEIVE_VISITORS);
    var receive = task(pi, Task.RECEIVE_VISITORS);
    assertThat(receive.getDueDate()).isEqualTo(Date.from(ENDS.toInstant()));
    assertThat(tasks.getIdentityLinksForTask(receive.getId())).extracting(l -> l.getUserId())
        .contains("deputy2", "deputy5");
    assertThat(tasks.getVariableLocal(receive.getId(), Var.FIELD_PAGE)).isEqualTo("/field/receptions/" + no);
    assertThat(receptions.view(no).status()).isEqualTo(Reception.Status.IN_SESSION.name());
    // Tasklist's 今日接待 shows it to the deputies on duty only
    assertThat(todaysReceptions("deputy5")).contains(receive.getId());
    assertThat(todaysReceptions("deputy1")).doesNotContain(receive.getId());

    // a group asking about straw removal, answered without an opinion
    receptions.recordVisit(no, new VisitRequest(6, "秸秆离田补贴怎么领", null, false, null), "deputy2");
    // solved on the spot: an opinion answered directly, the visitor's phone only in the opinion's row
    var onSpot = receptions.recordVisit(no, new VisitRequest(2, null, new VisitOpinion("AGRICULTURE",
        "收割机进不了地，地头的排水沟需要临时垫平。", null, "王大伯", "13700001111", true), true,
        "联系村里当场用石板垫平了排水沟"), "deputy5");
    // handed on: enters the loop at 汇总梳理 like any opinion
    var later = receptions.recordVisit(no, new VisitRequest(1, "浇地", new VisitOpinion("IRRIGATION",
        "机井电费分摊不清，希望公开计费办法。", "王庄村", null, null, null), false, null), "deputy5");
    assertThat(onSpot.opinionTicketNo()).isNotNull();
    var answered = opinions.findByTicket(onSpot.opinionTicketNo()).orElseThrow();
    assertThat(answered.channel()).isEqualTo(Channel.MOBILE_RECEPTION);
    assertThat(answered.status()).isEqualTo(OpinionStatus.REPLIED);
    assertThat(answered.place()).as("the session's place when none is given").isEqualTo("王庄村东禁烧卡点");
    var handedOn = opinions.findByTicket(later.opinionTicketNo()).orElseThrow();
    assertThat(handedOn.status()).isEqualTo(OpinionStatus.SORTING);
    // personal data stays out of the opinion's process variables; the opinion knows its reception
    var opinionInstance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(onSpot.opinionTicketNo())
        .singleResult();
    assertThat(runtime.getVariables(opinionInstance.getId()).values().toString())
        .doesNotContain("13700001111", "王大伯");
    assertThat(opinions.events(answered.id(), false)).anySatisfy(e -> assertThat(e.title()).contains(no));
    assertThat(opinions.events(answered.id(), true)).noneSatisfy(e -> assertThat(e.title()).contains(no));

    var during = receptions.view(no);
    assertThat(during.visitors()).isEqualTo(9);
    assertThat(during.opinions()).isEqualTo(2);
    assertThat(during.solvedOnSpot()).isEqualTo(1);
    assertThat(during.solved()).isEqualTo(1);
    assertThat(during.visitList()).extracting(ReceptionService.VisitView::topic)
        .contains("收割机进不了地，地头的排水沟需要临时垫平。");

    setClock(ENDS);
    executeJob(pi, Event.TIMER_SESSION_ENDS);
    assertThat(pi).hasPassed(Event.TIMER_SESSION_ENDS, Task.END).isWaitingAt(Task.SUMMARIZE).task()
        .hasCandidateGroup("station-staff-" + STATION);
    var summarize = task(pi, Task.SUMMARIZE);
    assertThat(tasks.getVariableLocal(summarize.getId(), Var.FIGURES_TEXT)).asString()
        .contains("9 人次", "收集意见 2 条", "当场解决 1 件");
    // visits written up after the end still count until the summary is done
    receptions.recordVisit(no, new VisitRequest(3, "禁烧宣传", null, false, null), "deputy2");

    assertThatThrownBy(() -> complete(pi, Task.SUMMARIZE, Map.of(Var.SUMMARY, "很好")))
        .isInstanceOf(TaskDecisionRefused.class).hasMessageContaining("请填写接待小结");
    assertThatThrownBy(() -> complete(pi, Task.SUMMARIZE, Map.of(Var.SUMMARY, "接待群众十二人次，当场解决一件。",
        Var.RECEPTION_NO, "JD2027-9999")))
        .isInstanceOf(TaskDecisionRefused.class).hasMessageContaining("此任务不接受变量");
    String summaryTask = task(pi, Task.SUMMARIZE).getId();
    identity.setAuthentication("staff2", List.of(PlatformGroups.STATION_STAFF, "station-staff-" + STATION));
    tasks.complete(summaryTask, Map.of(Var.SUMMARY, "接待群众十二人次，收集意见两条，当场解决一件，一件转汇总梳理。",
        Var.TOWN_ISSUES, "机井电费分摊需镇里统一规范", Var.SAFETY_HAZARDS, "王庄村东秸秆堆放紧邻变压器\n\n麦场旁电线老化",
        Var.PETITION_SIGNS, "两户因地界纠纷多次争执"));
    identity.clearAuthentication();
    assertThat(pi).isEnded().hasPassed(Task.SAVE_SUMMARY, Event.CLOSED);

    var closed = receptions.view(no);
    assertThat(closed.status()).isEqualTo(Reception.Status.CLOSED.name());
    assertThat(closed.visitors()).isEqualTo(12);
    assertThat(closed.townIssues()).contains("机井电费");
    // each flagged matter a row with an id, ready to be raised as a rectification problem
    assertThat(closed.flags()).extracting(ReceptionService.FlagView::kind, ReceptionService.FlagView::description)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(FlagKind.SAFETY_HAZARD.name(), "王庄村东秸秆堆放紧邻变压器"),
            org.assertj.core.groups.Tuple.tuple(FlagKind.SAFETY_HAZARD.name(), "麦场旁电线老化"),
            org.assertj.core.groups.Tuple.tuple(FlagKind.PETITION_SIGN.name(), "两户因地界纠纷多次争执"));
    assertThat(closed.flags()).allSatisfy(f -> assertThat(f.id()).isPositive());
    // the hook of the rectification lists: a flag raised as a problem points back at it, once
    long hazard = closed.flags().get(0).id();
    assertThat(receptions.flag(no, hazard).description()).isEqualTo("王庄村东秸秆堆放紧邻变压器");
    receptions.rectificationProblemRaised(no, hazard, "ZG-TP-01-P01");
    receptions.rectificationProblemRaised(no, hazard, "ZG-TP-01-P01");
    assertThatThrownBy(() -> receptions.rectificationProblemRaised(no, hazard, "ZG-TP-01-P02"))
        .isInstanceOf(ConflictException.class);
    assertThat(receptions.view(no).flags().get(0).rectificationProblemNo()).isEqualTo("ZG-TP-01-P01");
    setClock(NOW);
    String other = announce().receptionNo();
    setClock(ENDS);
    assertThatThrownBy(() -> receptions.flag(other, hazard))
        .isInstanceOf(cn.liaison.platform.system.NotFoundException.class);
    assertThat(outbox.forGroup(PlatformGroups.SUPERVISORS)).extracting(Notification::body)
        .anySatisfy(body -> assertThat(body).contains(no, "安全隐患 2 条", "信访苗头 1 条"));
    // the summary is final: no more visits
    assertThatThrownBy(() -> receptions.recordVisit(no, new VisitRequest(1, "补登", null, false, null), "deputy5"))
        .isInstanceOf(ConflictException.class).hasMessageContaining("已小结");
    assertThat(receptions.upcoming(STATION)).noneSatisfy(a -> assertThat(a.receptionNo()).isEqualTo(no));
  }

  @Test
  void aBenchMeetingEndedEarlyByItsDeputyGoesStraightToTheSummary() {
    String no = announce().receptionNo();
    ProcessInstance pi = instance(no);
    setClock(STARTS);
    executeJob(pi, Event.TIMER_SESSION_STARTS);
    receptions.recordVisit(no, new VisitRequest(15, "板凳会：村道硬化", null, false, null), "deputy2");
    complete(pi, Task.RECEIVE_VISITORS, Map.of());
    assertThat(pi).hasPassed(Task.END).isWaitingAt(Task.SUMMARIZE);
    assertThat(receptions.view(no).status()).isEqualTo(Reception.Status.HELD.name());
    complete(pi, Task.SUMMARIZE, Map.of(Var.SUMMARY, "板凳会十五人参加，主要反映村道硬化问题。"));
    assertThat(pi).isEnded();
    assertThat(receptions.view(no).flags()).isEmpty();
    assertThat(receptions.view(no).visitors()).isEqualTo(15);
  }

  @Test
  void aVisitWithoutWhatMattersIsRefusedWithFieldMessagesAndNothingIsStored() {
    String no = announce().receptionNo();
    setClock(STARTS);
    executeJob(instance(no), Event.TIMER_SESSION_STARTS);
    long opinionsBefore = opinions.count();
    assertThatThrownBy(() -> receptions.recordVisit(no, new VisitRequest(0, " ", null, true, null), "deputy5"))
        .isInstanceOf(InvalidInputException.class)
        .satisfies(e -> assertThat(((InvalidInputException) e).errors()).containsKeys("visitors", "topic", "solution",
            "opinion.content"));
    // a phone number kept without the visitor's consent
    assertThatThrownBy(() -> receptions.recordVisit(no, new VisitRequest(1, "低保", new VisitOpinion("VILLAGE_AFFAIRS",
        "低保评定结果没有公示，群众有疑问。", null, null, "13700002222", false), false, null), "deputy5"))
        .isInstanceOf(InvalidInputException.class)
        .satisfies(e -> assertThat(((InvalidInputException) e).errors()).containsKey("opinion.consent"));
    // the opinion's own rules, under the opinion's field names
    assertThatThrownBy(() -> receptions.recordVisit(no, new VisitRequest(1, "低保", new VisitOpinion("NO_SUCH",
        "太短", null, null, null, null), false, null), "deputy5"))
        .isInstanceOf(InvalidInputException.class)
        .satisfies(e -> assertThat(((InvalidInputException) e).errors()).containsKeys("opinion.category",
            "opinion.content"));
    assertThat(opinions.count()).isEqualTo(opinionsBefore);
    assertThat(receptions.view(no).visits()).isZero();
  }

  List<String> todaysReceptions(String deputy) {
    var filter = filters.createFilterQuery().filterName(ReceptionTasklistFilters.TODAY).singleResult();
    identity.setAuthentication(deputy, List.of(PlatformGroups.DEPUTIES));
    try {
      return filters.<org.camunda.bpm.engine.task.Task>list(filter.getId()).stream()
          .map(org.camunda.bpm.engine.task.Task::getId).toList();
    } finally {
      identity.clearAuthentication();
    }
  }

  ReceptionService.Created announce() {
    return receptions.create(new ReceptionService.NewReceptionRequest(STATION, "FIELD_POST", "三夏禁烧", "王庄村东禁烧卡点",
        STARTS.toOffsetDateTime().toString(), ENDS.toOffsetDateTime().toString(), List.of("deputy5", "deputy2")),
        "staff2");
  }

  ProcessInstance instance(String receptionNo) {
    return runtime.createProcessInstanceQuery().processDefinitionKey(ReceptionProcess.KEY)
        .processInstanceBusinessKey(receptionNo).singleResult();
  }

  org.camunda.bpm.engine.task.Task task(ProcessInstance pi, String taskKey) {
    var task = tasks.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey(taskKey).singleResult();
    assertThat(task).as("open task " + taskKey).isNotNull();
    return task;
  }

  void complete(ProcessInstance pi, String taskKey, Map<String, Object> variables) {
    tasks.complete(task(pi, taskKey).getId(), new HashMap<>(variables));
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
