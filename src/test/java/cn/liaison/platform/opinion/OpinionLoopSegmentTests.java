package cn.liaison.platform.opinion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import cn.liaison.platform.PlatformTest;
import cn.liaison.platform.notification.Notification;
import cn.liaison.platform.notification.OutboxNotifier;
import cn.liaison.platform.opinion.OpinionLoopProcess.Event;
import cn.liaison.platform.opinion.OpinionLoopProcess.ExtensionDecision;
import cn.liaison.platform.opinion.OpinionLoopProcess.HandlingAction;
import cn.liaison.platform.opinion.OpinionLoopProcess.ReviewDecision;
import cn.liaison.platform.opinion.OpinionLoopProcess.SupervisionDecision;
import cn.liaison.platform.opinion.OpinionLoopProcess.Task;
import cn.liaison.platform.opinion.OpinionLoopProcess.Var;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The opinion loop's loops, each started where it begins (startBeforeActivity) instead of walked to from the
 * submission: the citizen's 不满意 and its reopen limit, the overdue item's 督办, the department's request to
 * extend. Each test submits its own opinion (the row the steps work on), replaces the opinion's loop with one
 * that starts at the segment, and checks what people notice: the task that appears, its group and due date,
 * the opinion's status and the notices sent.
 */
@PlatformTest
class OpinionLoopSegmentTests {

  static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
  /** Monday 2026-11-30, 09:00 Beijing time. */
  static final ZonedDateTime MONDAY_MORNING = ZonedDateTime.of(2026, 11, 30, 9, 0, 0, 0, BEIJING);
  /** Five working days later, end of day: the department's deadline. */
  static final ZonedDateTime DEADLINE = ZonedDateTime.of(2026, 12, 7, 23, 59, 59, 0, BEIJING);

  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired OpinionService opinionService;
  @Autowired Opinions opinions;
  @Autowired OutboxNotifier outbox;
  @Autowired JdbcTemplate jdbc;

  OpinionService.Submitted submitted;
  ProcessInstance pi;

  @BeforeEach
  void citizenSubmittedOnMondayMorning() {
    BpmnAwareTests.init(engine);
    setClock(MONDAY_MORNING);
    submitted = opinionService.submit(new OpinionSubmission("cy-crane", "IRRIGATION",
        "村东头灌溉渠堵塞，麦田浇不上水，请尽快疏通。", "长垣市恼里镇某村", "王某", "13812341234", false, true, null), null);
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Nested
  class CitizenDissatisfied {

    @Test
    void belowTheReopenLimitTheOpinionIsAnalysedAgainWithTheCitizensComment() {
      int limit = reopenLimit();
      repliedAndReopened(limit - 1);
      startAt("Gateway_Satisfaction", Map.of(Var.RATING, Rating.DISSATISFIED.name(), Var.REOPEN_COUNT, limit - 1,
          Var.LAST_EVALUATION_COMMENT, "渠还是堵的"));

      assertThat(pi).isWaitingAt(Task.ANALYZE).task().hasCandidateGroup("analysts");
      assertThat(runtime.getVariable(pi.getId(), Var.REOPEN_COUNT)).isEqualTo(limit);
      assertThat((String) runtime.getVariable(pi.getId(), Var.HISTORY)).contains("渠还是堵的");
      assertThat(opinion().status()).isEqualTo(OpinionStatus.ANALYZING);
      assertThat(opinion().reopenCount()).isEqualTo(limit);
    }

    @Test
    void atTheReopenLimitSupervisorsReviewTheDissatisfaction() {
      int limit = reopenLimit();
      repliedAndReopened(limit);
      startAt("Gateway_Satisfaction", Map.of(Var.RATING, Rating.DISSATISFIED.name(), Var.REOPEN_COUNT, limit));

      assertThat(pi).isWaitingAt(Task.REVIEW_DISSATISFIED).hasNotPassed(Task.REOPEN);
      assertThat(pi).task().hasCandidateGroup("supervisors");
      assertThat(opinion().reopenCount()).isEqualTo(limit);
    }

    @Test
    void supervisorsMayHaveTheOpinionHandledOnceMoreBeyondTheLimit() {
      int limit = reopenLimit();
      repliedAndReopened(limit);
      startAt(Task.REVIEW_DISSATISFIED, Map.of(Var.RATING, Rating.DISSATISFIED.name(), Var.REOPEN_COUNT, limit));

      complete(Task.REVIEW_DISSATISFIED, Map.of(Var.REVIEW_DECISION, ReviewDecision.REOPEN.name(),
          Var.REVIEW_NOTE, "再办一次"));

      assertThat(pi).isWaitingAt(Task.ANALYZE).hasPassed(Task.REOPEN);
      assertThat(opinion().status()).isEqualTo(OpinionStatus.ANALYZING);
      assertThat(opinion().reopenCount()).isEqualTo(limit + 1);
    }

    @Test
    void supervisorsMayCloseTheOpinionAsDissatisfied() {
      repliedAndReopened(reopenLimit());
      startAt(Task.REVIEW_DISSATISFIED, Map.of(Var.RATING, Rating.DISSATISFIED.name(),
          Var.REOPEN_COUNT, reopenLimit()));

      complete(Task.REVIEW_DISSATISFIED, Map.of(Var.REVIEW_DECISION, ReviewDecision.CLOSE.name(),
          Var.REVIEW_NOTE, "已尽力，依政策无法支持。"));

      assertThat(pi).isEnded().hasPassed(Event.CLOSED);
      assertThat(opinion().status()).isEqualTo(OpinionStatus.CLOSED);
      assertThat(opinion().satisfaction()).isEqualTo(Rating.DISSATISFIED.name());
    }

    @Test
    void aSatisfiedCitizenClosesTheOpinionWhateverTheReopenCount() {
      repliedAndReopened(reopenLimit());
      startAt("Gateway_Satisfaction", Map.of(Var.RATING, Rating.BASICALLY_SATISFIED.name(),
          Var.REOPEN_COUNT, reopenLimit()));

      assertThat(pi).isEnded().hasPassed(Event.CLOSED).hasNotPassed(Task.REVIEW_DISSATISFIED);
      assertThat(opinion().satisfaction()).isEqualTo(Rating.BASICALLY_SATISFIED.name());
    }

    int reopenLimit() {
      return (Integer) variablesOfTheSubmittedLoop().get(Var.REOPEN_LIMIT);
    }

    void repliedAndReopened(int times) {
      jdbc.update("UPDATE opinion SET status = 'REPLIED', reopen_count = ? WHERE ticket_no = ?", times,
          submitted.ticketNo());
    }
  }

  @Nested
  class OverdueItemSupervised {

    @BeforeEach
    void waterBureauLetTheDeadlinePass() {
      assignedToTheWaterBureau();
      setClock(DEADLINE.plusMinutes(5));
    }

    @Test
    void overdueItemIsFlaggedAndSupervisorsAreAskedToAct() {
      startAt(Task.FLAG_OVERDUE, handlingVariables());

      assertThat(pi).isWaitingAt(Task.SUPERVISE).task().hasCandidateGroup("supervisors");
      assertThat(opinion().overdue()).isTrue();
      assertThat(outbox.forGroup("supervisors")).anyMatch(n -> n.title().equals("超期督办 " + submitted.ticketNo()));
    }

    @Test
    void supervisorExtendingTheDeadlineGivesTheDepartmentItsTaskBackDueThatDay() {
      startAt(Task.SUPERVISE, handlingVariables());
      complete(Task.SUPERVISE, Map.of(Var.SUPERVISION_DECISION, SupervisionDecision.EXTEND.name(),
          Var.NEW_DEADLINE, "2026-12-18"));

      assertThat(pi).isWaitingAt(Task.HANDLE).task().hasCandidateGroup("dept-water");
      assertThat(dueDay()).isEqualTo(LocalDate.of(2026, 12, 18));
      assertThat(opinion().overdue()).isFalse();
      assertThat(citizenNotices()).anyMatch(n -> n.body().contains("2026年12月18日"));
    }

    @Test
    void supervisorUrgingGivesTheDepartmentAShortGracePeriod() {
      startAt(Task.SUPERVISE, handlingVariables());
      complete(Task.SUPERVISE, Map.of(Var.SUPERVISION_DECISION, SupervisionDecision.URGE.name(),
          Var.SUPERVISION_NOTE, "请两日内答复。"));

      assertThat(pi).isWaitingAt(Task.HANDLE).task().hasCandidateGroup("dept-water");
      assertThat(handleTask().getDueDate()).isAfter(ClockUtil.getCurrentTime());
      assertThat(outbox.forGroup("dept-water")).anyMatch(n -> n.title().equals("督办 " + submitted.ticketNo())
          && n.body().contains("请两日内答复。"));
    }

    @Test
    void supervisorReassigningHandsTheItemToAnotherDepartment() {
      startAt(Task.SUPERVISE, handlingVariables());
      complete(Task.SUPERVISE, Map.of(Var.SUPERVISION_DECISION, SupervisionDecision.REASSIGN.name(),
          Var.DEPARTMENT_CODE, "dept-town", Var.SUPERVISION_NOTE, "属镇政府职责，改派。"));
      executeJob(Task.ASSIGN);

      assertThat(pi).isWaitingAt(Task.HANDLE).task().hasCandidateGroup("dept-town");
      assertThat(opinion().departmentCode()).isEqualTo("dept-town");
      assertThat(opinion().overdue()).isFalse();
    }
  }

  @Nested
  class DepartmentAsksForMoreTime {

    @BeforeEach
    void waterBureauAsksForAnExtension() {
      assignedToTheWaterBureau();
      setClock(MONDAY_MORNING.plusDays(2));
      Map<String, Object> variables = handlingVariables();
      variables.put(Var.HANDLING_ACTION, HandlingAction.REQUEST_EXTENSION.name());
      variables.put(Var.EXTENSION_DEADLINE, "2026-12-18");
      variables.put(Var.EXTENSION_REASON, "需协调上游水闸管理所，工程量较大。");
      startAt(Task.APPROVE_EXTENSION, variables);
    }

    @Test
    void supervisorsSeeTheRequestedDateProposed() {
      assertThat(pi).isWaitingAt(Task.APPROVE_EXTENSION).task().hasCandidateGroup("supervisors");
      String task = tasks.createTaskQuery().processInstanceId(pi.getId()).singleResult().getId();
      assertThat(tasks.getVariable(task, Var.APPROVED_DEADLINE)).isEqualTo("2026-12-18");
    }

    @Test
    void approvedExtensionMovesTheDeadlineAndTellsTheCitizen() {
      complete(Task.APPROVE_EXTENSION, Map.of(Var.EXTENSION_DECISION, ExtensionDecision.APPROVE.name(),
          Var.APPROVED_DEADLINE, "2026-12-18"));

      assertThat(pi).isWaitingAt(Task.HANDLE).task().hasCandidateGroup("dept-water");
      assertThat(dueDay()).isEqualTo(LocalDate.of(2026, 12, 18));
      assertThat(citizenNotices()).anyMatch(n -> n.body().contains("2026年12月18日"));
      assertThat(outbox.forGroup("dept-water")).anyMatch(n -> n.title().equals("延期申请已同意 " + submitted.ticketNo()));
    }

    @Test
    void supervisorMayApproveAnEarlierDateThanAskedFor() {
      complete(Task.APPROVE_EXTENSION, Map.of(Var.EXTENSION_DECISION, ExtensionDecision.APPROVE.name(),
          Var.APPROVED_DEADLINE, "2026-12-11"));

      assertThat(dueDay()).isEqualTo(LocalDate.of(2026, 12, 11));
    }

    @Test
    void refusedExtensionKeepsTheDeadline() {
      complete(Task.APPROVE_EXTENSION, Map.of(Var.EXTENSION_DECISION, ExtensionDecision.REFUSE.name(),
          Var.EXTENSION_COMMENT, "请按期办理"));

      assertThat(pi).isWaitingAt(Task.HANDLE);
      assertThat(dueDay()).isEqualTo(DEADLINE.toLocalDate());
      assertThat(outbox.forGroup("dept-water")).anyMatch(n -> n.title().equals("延期申请未获同意 " + submitted.ticketNo())
          && n.body().contains("请按期办理"));
    }
  }

  // ---- the segment's start ----

  /** The opinion as the water bureau holds it: assigned on Monday, due five working days later. */
  void assignedToTheWaterBureau() {
    jdbc.update("UPDATE opinion SET status = 'ASSIGNED', route = 'ASSIGN_DEPARTMENT', department_code = 'dept-water', "
        + "grade = 'GENERAL', due_at = ? WHERE ticket_no = ?", Timestamp.from(DEADLINE.toInstant()),
        submitted.ticketNo());
  }

  /** What the process knows while a department handles the item (set by the assignment step). */
  Map<String, Object> handlingVariables() {
    Map<String, Object> variables = new HashMap<>();
    variables.put(Var.DEPARTMENT_CODE, "dept-water");
    variables.put(Var.DEPARTMENT_GROUP, "dept-water");
    variables.put(Var.DEPARTMENT_CHANNEL, "INBOX");
    variables.put(Var.ASSIGNMENT_ROUND, 1);
    variables.put(Var.DUE_DATE, Date.from(DEADLINE.toInstant()));
    variables.put(Var.URGE_AT, Date.from(ZonedDateTime.of(2026, 12, 3, 9, 0, 0, 0, BEIJING).toInstant()));
    return variables;
  }

  /** The variables the submission gave the opinion's loop (ticket, station, triage, settings). */
  Map<String, Object> variablesOfTheSubmittedLoop() {
    ProcessInstance submittedLoop = runtime.createProcessInstanceQuery()
        .processInstanceBusinessKey(submitted.ticketNo()).singleResult();
    return runtime.getVariables(submittedLoop.getId());
  }

  /**
   * Replaces the opinion's loop (waiting for the staff's sorting) by one that starts before the activity, with
   * the submission's variables and those of the segment.
   */
  void startAt(String activityId, Map<String, Object> segmentVariables) {
    ProcessInstance submittedLoop = runtime.createProcessInstanceQuery()
        .processInstanceBusinessKey(submitted.ticketNo()).singleResult();
    Map<String, Object> variables = new HashMap<>(runtime.getVariables(submittedLoop.getId()));
    variables.putAll(segmentVariables);
    runtime.deleteProcessInstance(submittedLoop.getId(), "segment test", true, true);
    // the steps check that the opinion belongs to the instance running them: none while it starts
    jdbc.update("UPDATE opinion SET process_instance_id = NULL WHERE ticket_no = ?", submitted.ticketNo());
    pi = runtime.createProcessInstanceByKey(OpinionLoopProcess.KEY).businessKey(submitted.ticketNo())
        .startBeforeActivity(activityId).setVariables(variables).execute();
    jdbc.update("UPDATE opinion SET process_instance_id = ? WHERE ticket_no = ?", pi.getId(), submitted.ticketNo());
  }

  // ---- steps and what people see ----

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

  LocalDate dueDay() {
    return LocalDate.ofInstant(handleTask().getDueDate().toInstant(), BEIJING);
  }

  List<Notification> citizenNotices() {
    return outbox.forCitizen(OpinionHandling.subject(opinion().id()));
  }

  Opinion opinion() {
    return opinions.findByTicket(submitted.ticketNo()).orElseThrow();
  }

  static void setClock(ZonedDateTime time) {
    ClockUtil.setCurrentTime(Date.from(time.toInstant()));
  }
}
