package cn.liaison.platform.forum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import cn.liaison.platform.FullProcessCoverage;
import cn.liaison.platform.PlatformTest;
import cn.liaison.platform.campaign.CampaignProcess;
import cn.liaison.platform.forum.Forum.Invitation;
import cn.liaison.platform.forum.Forum.Reply;
import cn.liaison.platform.forum.ForumProcess.Attendance;
import cn.liaison.platform.forum.ForumProcess.Event;
import cn.liaison.platform.forum.ForumProcess.Task;
import cn.liaison.platform.forum.ForumProcess.Var;
import cn.liaison.platform.notification.Notification;
import cn.liaison.platform.notification.OutboxNotifier;
import cn.liaison.platform.opinion.OpinionLoopProcess;
import cn.liaison.platform.system.TaskDecisionRefused;
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
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Every path of an industry forum: invitations answered before the forum or lapsing when it starts, the reminder a
 * day before, sign-in, and the staff's record with attendees and minutes. The coverage report must show the process
 * fully walked.
 */
@PlatformTest
@FullProcessCoverage(excluding = {OpinionLoopProcess.KEY, CampaignProcess.CAMPAIGN_KEY, CampaignProcess.HOUSEHOLD_KEY})
class IndustryForumProcessTests {

  static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
  static final ZonedDateTime NOW = ZonedDateTime.of(2027, 3, 15, 9, 0, 0, 0, BEIJING);
  static final ZonedDateTime STARTS = ZonedDateTime.of(2027, 3, 18, 9, 30, 0, 0, BEIJING);

  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired ForumService forums;
  @Autowired OutboxNotifier outbox;

  @BeforeEach
  void beforeTheForum() {
    BpmnAwareTests.init(engine);
    setClock(NOW);
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void craneDeputiesAllReplyAreRemindedAndTheStaffRecordWhoCame() {
    String no = schedule(List.of());
    ProcessInstance pi = instance(no);
    // the crane station's four deputies, each with an invitation of their own, due when the forum starts
    assertThat(tasks.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey(Task.REPLY_INVITATION).list())
        .extracting(org.camunda.bpm.engine.task.Task::getAssignee)
        .containsExactlyInAnyOrder("deputy1", "deputy2", "deputy3", "deputy7")
        .hasSize(4);
    assertThat(tasks.createTaskQuery().processInstanceId(pi.getId()).taskAssignee("deputy3").singleResult().getDueDate())
        .isEqualTo(Date.from(STARTS.toInstant()));
    assertThat(runtime.getVariable(pi.getId(), Var.STARTS_AT_TEXT)).isEqualTo("2027年3月18日 09:30");

    // declining needs a reason; a completion cannot carry another forum's number
    assertThatThrownBy(() -> reply(pi, "deputy2", Map.of(Var.ATTENDANCE, Attendance.DECLINE.name())))
        .isInstanceOf(TaskDecisionRefused.class).hasMessageContaining("不参加时请填写原因");
    assertThatThrownBy(() -> reply(pi, "deputy2", Map.of(Var.ATTENDANCE, Attendance.ATTEND.name(),
        Var.FORUM_NO, "ZT2027-9999")))
        .isInstanceOf(TaskDecisionRefused.class).hasMessageContaining("此任务不接受变量");
    reply(pi, "deputy2", Map.of(Var.ATTENDANCE, Attendance.DECLINE.name(), Var.DECLINE_REASON, "外出调研"));
    reply(pi, "deputy1", Map.of(Var.ATTENDANCE, Attendance.ATTEND.name()));
    // one deputy's reason does not stand in for another's
    assertThatThrownBy(() -> reply(pi, "deputy7", Map.of(Var.ATTENDANCE, Attendance.DECLINE.name())))
        .isInstanceOf(TaskDecisionRefused.class).hasMessageContaining("不参加时请填写原因");
    reply(pi, "deputy7", Map.of(Var.ATTENDANCE, Attendance.DECLINE.name(), Var.DECLINE_REASON, "参加省人大会议"));
    reply(pi, "deputy3", Map.of(Var.ATTENDANCE, Attendance.ATTEND.name()));
    assertThat(pi).hasPassed(Task.REPLY_INVITATION).isWaitingAt(Event.TIMER_REMINDER);
    Map<String, Invitation> invitations = invitations(no);
    assertThat(invitations.get("deputy2").reply()).isEqualTo(Reply.DECLINE);
    assertThat(invitations.get("deputy2").declineReason()).isEqualTo("外出调研");
    assertThat(invitations.get("deputy1").declineReason()).isNull();

    // a day before: those coming are reminded, those who declined are not
    setClock(STARTS.minusDays(1));
    executeJob(pi, Event.TIMER_REMINDER);
    assertThat(reminders("deputy1", no)).hasSize(1);
    assertThat(reminders("deputy3", no)).singleElement().extracting(Notification::body).asString()
        .contains("请准时参加", "2027年3月18日 09:30");
    assertThat(reminders("deputy2", no)).isEmpty();
    assertThat(pi).isWaitingAt(Event.TIMER_FORUM_STARTS);

    setClock(STARTS);
    executeJob(pi, Event.TIMER_FORUM_STARTS);
    assertThat(pi).isWaitingAt(Task.RECORD_FORUM).task().hasCandidateGroup("station-staff-cy-crane");
    assertThat(forums.view(no).status()).isEqualTo(Forum.Status.HELD.name());

    // signed in at the door: the record's checklist starts with them
    forums.signIn(no, List.of("deputy1"));
    assertThat(runtime.getVariable(pi.getId(), Var.ATTENDEES).toString()).contains("deputy1").doesNotContain("deputy3");
    var record = tasks.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey(Task.RECORD_FORUM)
        .singleResult();
    assertThat(tasks.getVariableLocal(record.getId(), Var.ATTENDEE_OPTIONS).toString()).contains("张志强（deputy1）");

    assertThatThrownBy(() -> complete(pi, Task.RECORD_FORUM, Map.of(Var.ATTENDEES, List.of("deputy1", "deputy4"),
        Var.MINUTES, "座谈起重产业用工问题")))
        .isInstanceOf(TaskDecisionRefused.class).hasMessageContaining("到会代表只能从受邀代表中选择");
    assertThatThrownBy(() -> complete(pi, Task.RECORD_FORUM, Map.of(Var.ATTENDEES, List.of("deputy1"))))
        .isInstanceOf(TaskDecisionRefused.class).hasMessageContaining("请填写座谈会纪要");
    complete(pi, Task.RECORD_FORUM, Map.of(Var.ATTENDEES, List.of("deputy1", "deputy3"),
        Var.MINUTES, "座谈起重产业用工和物流问题，形成建议三条。"));
    assertThat(pi).isEnded().hasPassed(Task.SAVE_RECORD, Event.RECORDED);

    ForumService.ForumView view = forums.view(no);
    assertThat(view.status()).isEqualTo(Forum.Status.RECORDED.name());
    assertThat(view.invited()).isEqualTo(4);
    assertThat(view.attended()).isEqualTo(2);
    assertThat(view.participationRate()).isEqualTo(0.5);
    assertThat(view.minutes()).contains("物流");
    // the record is final: a late sign-in is refused and changes nothing
    assertThatThrownBy(() -> forums.signIn(no, List.of("deputy2")))
        .isInstanceOf(cn.liaison.platform.system.ConflictException.class).hasMessageContaining("座谈会记录已完成");
    assertThat(forums.view(no).attended()).isEqualTo(2);
  }

  @Test
  void invitationsStillOpenWhenTheForumStartsEndOnTheirOwn() {
    String no = schedule(List.of("deputy1", "deputy4"));
    ProcessInstance pi = instance(no);
    reply(pi, "deputy1", Map.of(Var.ATTENDANCE, Attendance.ATTEND.name()));

    setClock(STARTS.minusDays(1));
    executeJob(pi, Event.TIMER_REMINDER);
    // deputy4 has not answered: reminded to answer
    assertThat(reminders("deputy4", no)).singleElement().extracting(Notification::body).asString()
        .contains("座谈会邀请");
    // a retried reminder notifies nobody twice
    forums.remindInvitees(new cn.liaison.platform.system.ProcessInstanceRef(ForumProcess.KEY, pi.getId(), no));
    assertThat(reminders("deputy4", no)).hasSize(1);

    setClock(STARTS.plusMinutes(1));
    executeJob(pi, Event.TIMER_INVITATIONS_LAPSE);
    assertThat(pi).hasPassed(Event.TIMER_INVITATIONS_LAPSE);
    assertThat(tasks.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey(Task.REPLY_INVITATION).count())
        .isZero();
    executeJob(pi, Event.TIMER_FORUM_STARTS);
    assertThat(pi).isWaitingAt(Task.RECORD_FORUM);
    assertThat(invitations(no).get("deputy4").reply()).isEqualTo(Reply.NO_REPLY);
    assertThat(invitations(no).get("deputy1").reply()).isEqualTo(Reply.ATTEND);

    complete(pi, Task.RECORD_FORUM, Map.of(Var.ATTENDEES, List.of("deputy1"), Var.MINUTES, "座谈防腐产业环保改造。"));
    assertThat(pi).isEnded().hasPassed(Event.RECORDED);
    ForumService.ForumView view = forums.view(no);
    assertThat(view.participationRate()).isEqualTo(0.5);
    assertThat(view.invitations()).filteredOn(i -> i.deputy().equals("deputy4")).singleElement()
        .extracting(ForumService.InvitationView::replyLabel).isEqualTo("未答复");
  }

  String schedule(List<String> deputies) {
    return forums.create(new ForumService.NewForumRequest("cy-crane", "起重产业发展座谈会", "起重",
        STARTS.toOffsetDateTime().toString(), "长垣市起重产业代表联络站会议室", deputies,
        List.of(new ForumService.ExpertEntry("王工", "河南省起重机械检验所")), List.of("dept-industry")), "staff1");
  }

  ProcessInstance instance(String forumNo) {
    return runtime.createProcessInstanceQuery().processDefinitionKey(ForumProcess.KEY)
        .processInstanceBusinessKey(forumNo).singleResult();
  }

  Map<String, Invitation> invitations(String forumNo) {
    Map<String, Invitation> byDeputy = new HashMap<>();
    forumsRepository.invitations(forums.require(forumNo).id()).forEach(i -> byDeputy.put(i.deputyUserId(), i));
    return byDeputy;
  }

  @Autowired Forums forumsRepository;

  List<Notification> reminders(String deputy, String forumNo) {
    return outbox.forUser(deputy).stream().filter(n -> n.body().contains(forumNo)).toList();
  }

  void reply(ProcessInstance pi, String deputy, Map<String, Object> variables) {
    var task = tasks.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey(Task.REPLY_INVITATION)
        .taskAssignee(deputy).singleResult();
    assertThat(task).as("invitation of " + deputy).isNotNull();
    tasks.complete(task.getId(), new HashMap<>(variables));
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
