package cn.liaison.platform.supervision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.liaison.platform.JsonBodies;
import cn.liaison.platform.PlatformTest;
import cn.liaison.platform.WebappLogin;
import cn.liaison.platform.opinion.OpinionLoopProcess;
import cn.liaison.platform.opinion.OpinionLoopProcess.Grade;
import cn.liaison.platform.opinion.OpinionLoopProcess.Route;
import cn.liaison.platform.opinion.OpinionLoopProcess.SortDecision;
import cn.liaison.platform.opinion.OpinionLoopProcess.Var;
import cn.liaison.platform.opinion.OpinionService;
import cn.liaison.platform.opinion.OpinionSubmission;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;

/**
 * 三色督办 as people meet it: three opinions at the water bureau — one on time (green), one past two thirds of its
 * time (yellow), one overdue and in 督办 (red). Supervisors find the yellow and red ones in 红灯事项 / 黄灯事项, the
 * departments' cards, the staff card and the phone workbench show the light, and the statistics count them.
 */
@PlatformTest
class SupervisionLightsTests {

  static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
  /** Monday 2027-03-01, 09:00 Beijing time. */
  static final ZonedDateTime MONDAY_MORNING = ZonedDateTime.of(2027, 3, 1, 9, 0, 0, 0, BEIJING);

  @Autowired OpinionService opinions;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired FilterService filters;
  @Autowired IdentityService identity;
  @Autowired TestRestTemplate http;

  String green;
  String yellow;
  String red;
  Map<String, Long> before;
  Map<String, Long> beforeAtTheStation;
  String redFilter;
  final Map<String, String> instances = new HashMap<>();
  String yellowFilter;

  @BeforeEach
  void threeOpinionsAtTheWaterBureau() {
    ClockUtil.setCurrentTime(Date.from(MONDAY_MORNING.toInstant()));
    redFilter = filterId(SupervisionTasklistFilters.RED);
    yellowFilter = filterId(SupervisionTasklistFilters.YELLOW);
    before = countsOfOpinions("");
    beforeAtTheStation = countsOfOpinions("&station=cy-crane");
    green = assigned();
    yellow = assigned();
    red = assigned();
    // the clock moves past the yellow point (the same for all three) and the engine's timers run for two of them
    Date yellowAt = (Date) runtime.getVariable(instance(yellow), SupervisionLight.YELLOW_AT_VAR);
    ClockUtil.setCurrentTime(new Date(yellowAt.getTime() + 60_000));
    run(yellow, OpinionLoopProcess.Event.TIMER_LIGHT_YELLOW);
    Date due = (Date) runtime.getVariable(instance(red), Var.DUE_DATE);
    ClockUtil.setCurrentTime(new Date(due.getTime() + 60_000));
    run(red, OpinionLoopProcess.Event.TIMER_OVERDUE);
  }

  @AfterEach
  void resetClockAndUser() {
    ClockUtil.reset();
    identity.clearAuthentication();
  }

  @Test
  void supervisorsFindTheRedAndYellowItemsInTheirFiltersAndTheGreenInNeither() {
    identity.setAuthentication("supervisor1", List.of("supervisors"));
    List<Task> redTasks = filters.list(redFilter);
    List<Task> yellowTasks = filters.list(yellowFilter);
    assertThat(redTasks).filteredOn(t -> t.getProcessInstanceId().equals(instance(red))).singleElement()
        .extracting(Task::getTaskDefinitionKey).isEqualTo(OpinionLoopProcess.Task.SUPERVISE);
    // the department's task: supervisors read it, they do not work it
    assertThat(yellowTasks).filteredOn(t -> t.getProcessInstanceId().equals(instance(yellow))).singleElement()
        .extracting(Task::getTaskDefinitionKey).isEqualTo(OpinionLoopProcess.Task.HANDLE);
    assertThat(redTasks).noneMatch(t -> t.getProcessInstanceId().equals(instance(green))
        || t.getProcessInstanceId().equals(instance(yellow)));
    assertThat(yellowTasks).noneMatch(t -> t.getProcessInstanceId().equals(instance(green))
        || t.getProcessInstanceId().equals(instance(red)));
    String yellowTask = yellowTasks.stream().filter(t -> t.getProcessInstanceId().equals(instance(yellow)))
        .findFirst().orElseThrow().getId();
    assertThatThrownBy(() -> tasks.claim(yellowTask, "supervisor1")).isInstanceOf(AuthorizationException.class);
    assertThatThrownBy(() -> tasks.complete(yellowTask, Map.of())).isInstanceOf(AuthorizationException.class);
  }

  @Test
  void theFiltersAreTheSupervisorsAndOfficesOnlyAndOtherGroupsFindNoneOfTheseItems() {
    for (String[] user : new String[][] {{"water1", "dept-water"}, {"finance1", "dept-finance"},
        {"deputy1", "deputies"}, {"staff1", "station-staff"}}) {
      identity.setAuthentication(user[0], List.of(user[1]));
      assertThatThrownBy(() -> filters.list(redFilter)).as(user[0])
          .isInstanceOf(AuthorizationException.class);
      identity.clearAuthentication();
    }
    // the same question asked directly: the finance bureau sees none of the water bureau's items
    identity.setAuthentication("finance1", List.of("dept-finance"));
    assertThat(tasks.createTaskQuery().taskVariableValueEquals(SupervisionLight.VAR, "YELLOW").list())
        .noneMatch(t -> t.getProcessInstanceId().equals(instance(yellow)));
    assertThat(tasks.createTaskQuery().taskVariableValueEquals(SupervisionLight.VAR, "RED").list())
        .noneMatch(t -> t.getProcessInstanceId().equals(instance(red)));
    identity.clearAuthentication();
    // the congress office shares them (it supervises proposals)
    identity.setAuthentication("office1", List.of("congress-office"));
    List<Task> officeRed = filters.list(redFilter);
    assertThat(officeRed).anyMatch(t -> t.getProcessInstanceId().equals(instance(red)));
  }

  @Test
  void statisticsCountTheOpenItemsByColourAndTheDashboardGetsThem() {
    Map<String, Long> after = countsOfOpinions("");
    assertThat(after.get("green") - before.get("green")).isEqualTo(1);
    assertThat(after.get("yellow") - before.get("yellow")).isEqualTo(1);
    assertThat(after.get("red") - before.get("red")).isEqualTo(1);
    // the station's own figures count its items, and another station's do not
    Map<String, Long> atTheStation = countsOfOpinions("&station=cy-crane");
    assertThat(atTheStation.get("yellow") - beforeAtTheStation.get("yellow")).isEqualTo(1);
    assertThat(atTheStation.get("red") - beforeAtTheStation.get("red")).isEqualTo(1);
    JsonNode elsewhere = JsonBodies.tree(http.withBasicAuth("analyst1", "analyst1").getForEntity(
        "/api/statistics?from=2027-01-01&to=2027-12-31&station=yy-taiping-mobile", String.class).getBody());
    assertThat(elsewhere.path("lights").path("byKind").path("proposals").path("red").asLong())
        .as("proposals belong to no station").isZero();
    JsonNode lights = JsonBodies.tree(WebappLogin.getAs(http, "supervisor1",
        "/dashboard/data?from=2027-01-01&to=2027-12-31").getBody()).path("statistics").path("lights");
    assertThat(lights.path("byKind").path("opinions").path("name").asText()).isEqualTo("群众意见");
    assertThat(lights.path("byKind").path("proposals").path("name").asText()).isEqualTo("代表建议");
    assertThat(lights.path("byKind").path("rectification").path("name").asText()).isEqualTo("整改问题");
    assertThat(lights.path("total").path("red").asLong()).isGreaterThanOrEqualTo(1);
  }

  @Test
  void theDepartmentsCardTheStaffCardAndThePhoneWorkbenchShowTheLight() {
    Task handle = tasks.createTaskQuery().processInstanceId(instance(yellow)).singleResult();
    assertThat(tasks.getVariableLocal(handle.getId(), SupervisionLight.TEXT_VAR)).isEqualTo("🟡 黄灯 临期");
    assertThat(runtime.getVariable(instance(yellow), SupervisionLight.VAR)).isEqualTo("YELLOW");
    assertThat(runtime.getVariable(instance(yellow), SupervisionLight.TEXT_VAR))
        .as("the opinion keeps the code; the text is for the cards, on the task").isNull();
    assertThat(WebappLogin.getAs(http, "water1", "/staff/opinions/" + yellow).getBody())
        .contains("督办灯", "🟡 黄灯 临期");
    assertThat(WebappLogin.getAs(http, "water1", "/staff/opinions/" + green).getBody()).contains("🟢 绿灯 正常");
    JsonNode phone = JsonBodies.tree(WebappLogin.getAs(http, "water1", "/m/api/tasks?q=" + yellow).getBody());
    assertThat(phone.path("tasks")).singleElement().satisfies(card -> {
      assertThat(card.path("light").asText()).isEqualTo("YELLOW");
      assertThat(card.path("lightText").asText()).isEqualTo("🟡 黄灯 临期");
    });
  }

  @Test
  void everyTasklistFilterOfTheItemsShowsTheLightOnItsCards() {
    // identity knows no feature, so its general cards repeat the name: a rename here must show there
    assertThat(cn.liaison.platform.identity.TasklistFilters.CARD_VARIABLES).contains(SupervisionLight.CARD_VARIABLE);
    for (String name : List.of("待办", "本组待办", "已超期", "整改待办", SupervisionTasklistFilters.RED,
        SupervisionTasklistFilters.YELLOW)) {
      assertThat(filters.createFilterQuery().filterName(name).singleResult().getProperties().get("variables"))
          .as(name).asList().contains(SupervisionLight.CARD_VARIABLE);
    }
  }

  // ---- steps ----

  Map<String, Long> countsOfOpinions(String station) {
    JsonNode body = JsonBodies.tree(http.withBasicAuth("analyst1", "analyst1")
        .getForEntity("/api/statistics?from=2027-01-01&to=2027-12-31" + station, String.class).getBody());
    JsonNode opinionLights = body.path("lights").path("byKind").path("opinions");
    assertThat(opinionLights.isMissingNode()).as(body.toString()).isFalse();
    return Map.of("green", opinionLights.path("green").asLong(), "yellow", opinionLights.path("yellow").asLong(),
        "red", opinionLights.path("red").asLong());
  }

  /** An opinion sorted, analysed and handed to the water bureau: its ticket. */
  String assigned() {
    String ticket = opinions.submit(new OpinionSubmission("cy-crane", "IRRIGATION", "村东头灌溉渠堵塞，麦田浇不上水。",
        "长垣市恼里镇某村", "王某", "13812341234", false, true, null), null).ticketNo();
    complete(ticket, OpinionLoopProcess.Task.SORT, Map.of(Var.SORT_DECISION, SortDecision.CONFIRM.name(),
        Var.CATEGORY, "IRRIGATION", Var.DEPARTMENT_CODE, "dept-water", Var.GRADE, Grade.GENERAL.name(),
        Var.DEADLINE_DAYS, 5));
    complete(ticket, OpinionLoopProcess.Task.ANALYZE, Map.of(Var.ROUTE, Route.ASSIGN_DEPARTMENT.name(),
        Var.DEPARTMENT_CODE, "dept-water"));
    run(ticket, OpinionLoopProcess.Task.ASSIGN);
    return ticket;
  }

  /** The opinion's process instance, looked up once (supervisors cannot read process instances). */
  String instance(String ticket) {
    return instances.computeIfAbsent(ticket,
        t -> runtime.createProcessInstanceQuery().processInstanceBusinessKey(t).singleResult().getId());
  }

  void complete(String ticket, String taskKey, Map<String, Object> variables) {
    Task task = tasks.createTaskQuery().processInstanceId(instance(ticket)).taskDefinitionKey(taskKey).singleResult();
    tasks.complete(task.getId(), new HashMap<>(variables));
  }

  void run(String ticket, String activityId) {
    Job job = management.createJobQuery().processInstanceId(instance(ticket)).activityId(activityId).singleResult();
    management.executeJob(job.getId());
  }

  String filterId(String name) {
    return filters.createFilterQuery().filterName(name).singleResult().getId();
  }
}
