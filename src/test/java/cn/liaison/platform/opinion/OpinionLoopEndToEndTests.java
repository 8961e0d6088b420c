package cn.liaison.platform.opinion;

import static org.assertj.core.api.Assertions.assertThat;

import cn.liaison.platform.JsonBodies;
import cn.liaison.platform.PlatformTest;
import cn.liaison.platform.calendar.WorkingDayCalendar;
import cn.liaison.platform.opinion.OpinionLoopProcess.HandlingAction;
import cn.liaison.platform.opinion.OpinionLoopProcess.Route;
import cn.liaison.platform.opinion.OpinionLoopProcess.SortDecision;
import cn.liaison.platform.opinion.OpinionLoopProcess.Task;
import cn.liaison.platform.opinion.OpinionLoopProcess.Var;
import cn.liaison.platform.system.RateLimiter;
import com.fasterxml.jackson.core.type.TypeReference;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * One opinion through the whole closed loop, driven only through the entry points people use: the citizen's
 * API (submit, track, evaluate) and /engine-rest as the demo users (Tasklist does the same). The job
 * executor is off in tests, so the test runs the async hand-over job itself (ManagementService).
 */
@PlatformTest
class OpinionLoopEndToEndTests {

  static final String NAME = "孙秀英";
  static final String PHONE = "13698765432";
  static final String CONTENT = "村北机井旁的灌溉渠塌了一段，二十多亩麦田浇不上水，请帮忙协调修复。";
  static final List<String> TIMELINE = List.of("收到", "梳理中", "研判中", "已交办", "已答复", "已办结");
  static final DateTimeFormatter ENGINE_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");
  static final ParameterizedTypeReference<List<Map<String, Object>>> JSON_LIST = new ParameterizedTypeReference<>() {};

  @Autowired TestRestTemplate http;
  @Autowired ManagementService management;
  @Autowired RateLimiter rateLimiter;
  @Autowired WorkingDayCalendar calendar;

  /** Every /engine-rest/task/{id}/variables answer seen along the way. */
  final List<String> taskVariablesSeen = new ArrayList<>();

  @BeforeEach
  void freshAllowance() {
    rateLimiter.reset();
  }

  @Test
  void citizenOpinionIsSortedAnalysedHandledByTheWaterBureauRepliedAndClosedSatisfied() {
    // 1. the citizen scans the station's QR code and submits
    Map<String, Object> opinion = new LinkedHashMap<>();
    opinion.put("stationCode", "cy-crane");
    opinion.put("category", "IRRIGATION");
    opinion.put("content", CONTENT);
    opinion.put("place", "长垣市恼里镇北村");
    opinion.put("contactName", NAME);
    opinion.put("contactPhone", PHONE);
    opinion.put("consent", true);
    ResponseEntity<Map<String, Object>> submitted = http.exchange("/api/opinions", HttpMethod.POST, json(opinion),
        new ParameterizedTypeReference<>() {});
    assertThat(submitted.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    String ticket = (String) submitted.getBody().get("ticketNo");
    String key = (String) submitted.getBody().get("trackingKey");
    assertThat(ticket).matches("YJ\\d{8}-\\d{4}");

    // 2. the tracking page: 梳理中
    Map<String, Object> progress = track(ticket, key);
    assertThat(progress).containsEntry("status", "SORTING").containsEntry("statusLabel", "梳理中")
        .containsEntry("content", CONTENT).containsEntry("canEvaluate", false);
    assertTimeline(progress, 1);

    // 3. station staff find the task and confirm the triage's proposal
    assertThat(tasks("water1", ticket)).as("no department is involved yet").isEmpty();
    Map<String, Object> sort = singleTask("staff1", ticket);
    assertThat(sort).containsEntry("taskDefinitionKey", Task.SORT);
    String processInstanceId = (String) sort.get("processInstanceId");
    Map<String, Map<String, Object>> sortVariables = variables("staff1", sort);
    assertThat(sortVariables.get(Var.PROPOSED_DEPARTMENT).get("value")).isEqualTo("dept-water");
    assertThat(sortVariables.get(Var.CONTACT_MASKED).get("value")).isEqualTo("136****5432");
    complete("staff1", sort, Map.of(
        Var.SORT_DECISION, SortDecision.CONFIRM.name(),
        Var.CATEGORY, sortVariables.get(Var.CATEGORY).get("value"),
        Var.DEPARTMENT_CODE, sortVariables.get(Var.PROPOSED_DEPARTMENT).get("value"),
        Var.GRADE, sortVariables.get(Var.GRADE).get("value"),
        Var.DEADLINE_DAYS, sortVariables.get(Var.DEADLINE_DAYS).get("value")));
    assertThat(tasks("staff1", ticket)).isEmpty();

    // 4. 研判中
    progress = track(ticket, key);
    assertThat(progress).containsEntry("status", "ANALYZING").containsEntry("statusLabel", "研判中");
    assertTimeline(progress, 2);

    // 5. the analyst assigns it to the water bureau
    Map<String, Object> analyze = singleTask("analyst1", ticket);
    assertThat(analyze).containsEntry("taskDefinitionKey", Task.ANALYZE);
    variables("analyst1", analyze);
    complete("analyst1", analyze, Map.of(Var.ROUTE, Route.ASSIGN_DEPARTMENT.name(), Var.DEPARTMENT_CODE, "dept-water"));

    // 6. the hand-over runs as an async job
    Job assign = management.createJobQuery().processInstanceId(processInstanceId).activityId(Task.ASSIGN)
        .singleResult();
    assertThat(assign).as("hand-over job").isNotNull();
    management.executeJob(assign.getId());

    progress = track(ticket, key);
    assertThat(progress).containsEntry("status", "ASSIGNED").containsEntry("statusLabel", "已交办");
    assertTimeline(progress, 3);

    // 7. only the water bureau sees the task; it is due in 5 working days
    assertThat(tasks("finance1", ticket)).as("finance bureau's view").isEmpty();
    Map<String, Object> handle = singleTask("water1", ticket);
    assertThat(handle).containsEntry("taskDefinitionKey", Task.HANDLE);
    LocalDate today = LocalDate.now(calendar.zone());
    LocalDate due = OffsetDateTime.parse((String) handle.get("due"), ENGINE_DATE).atZoneSameInstant(calendar.zone())
        .toLocalDate();
    assertThat(due).isEqualTo(calendar.addWorkingDays(today, 5));
    assertThat(calendar.workingDaysBetween(today, due)).isEqualTo(5);
    assertThat(calendar.isWorkingDay(due)).isTrue();
    assertThat(due).isAfter(today.plusDays(4));
    assertThat(LocalDate.parse(((String) progress.get("dueAt")).substring(0, 10)))
        .as("the citizen sees a deadline too").isBetween(due.minusDays(1), due);

    // 8. the water bureau replies
    variables("water1", handle);
    String replyText = "已组织人员抢修塌方渠段，现已恢复通水，可正常浇灌。";
    complete("water1", handle, Map.of(Var.HANDLING_ACTION, HandlingAction.REPLY.name(),
        Var.REPLY_RESULT, ReplyResult.SOLVED.name(), Var.REPLY_TEXT, replyText,
        Var.REPLY_MEASURES, "调派抢修队，加固渠堤 30 米"));
    assertThat(tasks("water1", ticket)).isEmpty();

    progress = track(ticket, key);
    assertThat(progress).containsEntry("status", "REPLIED").containsEntry("statusLabel", "已答复")
        .containsEntry("canEvaluate", true);
    assertTimeline(progress, 4);
    List<Map<String, Object>> replies = list(progress.get("replies"));
    assertThat(replies).singleElement().satisfies(r -> {
      assertThat(r).containsEntry("text", replyText).containsEntry("result", ReplyResult.SOLVED.name())
          .containsEntry("departmentCode", "dept-water");
    });

    // 9. the citizen is satisfied
    HttpHeaders headers = new HttpHeaders();
    headers.set("X-Tracking-Key", key);
    var evaluation = http.exchange("/api/opinions/" + ticket + "/evaluation", HttpMethod.POST,
        JsonBodies.json(Map.of("rating", Rating.SATISFIED.name(), "comment", "修得很快，谢谢！"), headers),
        String.class);
    assertThat(evaluation.getStatusCode()).as(evaluation.getBody()).isEqualTo(HttpStatus.NO_CONTENT);

    progress = track(ticket, key);
    assertThat(progress).containsEntry("status", "CLOSED").containsEntry("statusLabel", "已办结")
        .containsEntry("canEvaluate", false);
    assertTimeline(progress, 5);
    assertThat(list(progress.get("replies"))).singleElement()
        .satisfies(r -> assertThat(r).containsEntry("rating", Rating.SATISFIED.name()));

    // 10. the loop has ended, as the auditor sees it
    var historic = http.withBasicAuth("auditor1", "auditor1").exchange(
        "/engine-rest/history/process-instance?processInstanceBusinessKey=" + ticket, HttpMethod.GET, null, JSON_LIST);
    assertThat(historic.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(historic.getBody()).singleElement().satisfies(pi -> {
      assertThat(pi).containsEntry("id", processInstanceId).containsEntry("state", "COMPLETED")
          .containsEntry("processDefinitionKey", OpinionLoopProcess.KEY);
      assertThat(pi.get("endTime")).isNotNull();
    });
    for (String user : List.of("staff1", "analyst1", "water1", "finance1")) {
      assertThat(tasks(user, ticket)).as("open tasks of " + user).isEmpty();
    }

    // personal data stayed in the platform's table: no task's variables carry it
    assertThat(taskVariablesSeen).hasSize(3).allSatisfy(v -> assertThat(v).doesNotContain(PHONE, NAME));
  }

  // ---- helpers ----

  Map<String, Object> track(String ticket, String key) {
    HttpHeaders headers = new HttpHeaders();
    headers.set("X-Tracking-Key", key);
    var response = http.exchange("/api/opinions/" + ticket, HttpMethod.GET, new HttpEntity<>(headers), String.class);
    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
    assertThat(response.getBody()).doesNotContain(PHONE, NAME);
    return parse(response.getBody(), new TypeReference<>() {});
  }

  /** The six steps 收到 … 已办结: everything up to the current one reached, each reached step dated. */
  static void assertTimeline(Map<String, Object> progress, int current) {
    List<Map<String, Object>> timeline = list(progress.get("timeline"));
    assertThat(timeline).extracting(s -> s.get("label")).containsExactlyElementsOf(TIMELINE);
    for (int i = 0; i < timeline.size(); i++) {
      Map<String, Object> step = timeline.get(i);
      assertThat(step.get("reached")).as("step %s reached", TIMELINE.get(i)).isEqualTo(i <= current);
      assertThat(step.get("current")).as("step %s current", TIMELINE.get(i)).isEqualTo(i == current);
      if (i <= current) {
        assertThat(step.get("at")).as("date of step %s", TIMELINE.get(i)).isNotNull();
      }
    }
  }

  List<Map<String, Object>> tasks(String user, String ticket) {
    var response = http.withBasicAuth(user, user).exchange(
        "/engine-rest/task?processInstanceBusinessKey=" + ticket, HttpMethod.GET, null, JSON_LIST);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    return response.getBody();
  }

  Map<String, Object> singleTask(String user, String ticket) {
    List<Map<String, Object>> tasks = tasks(user, ticket);
    assertThat(tasks).as("open tasks of " + user).hasSize(1);
    return tasks.get(0);
  }

  Map<String, Map<String, Object>> variables(String user, Map<String, Object> task) {
    var response = http.withBasicAuth(user, user).getForEntity("/engine-rest/task/" + task.get("id") + "/variables",
        String.class);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    taskVariablesSeen.add(response.getBody());
    return parse(response.getBody(), new TypeReference<>() {});
  }

  /** Completes the task with Camunda REST variables {"variables": {"name": {"value": ...}}}. */
  void complete(String user, Map<String, Object> task, Map<String, Object> values) {
    Map<String, Object> variables = new LinkedHashMap<>();
    values.forEach((name, value) -> {
      Map<String, Object> typed = new LinkedHashMap<>();
      typed.put("value", value);
      if (value instanceof Integer) {
        typed.put("type", "Integer");
      }
      variables.put(name, typed);
    });
    var response = http.withBasicAuth(user, user).exchange("/engine-rest/task/" + task.get("id") + "/complete",
        HttpMethod.POST, json(Map.of("variables", variables)), String.class);
    assertThat(response.getStatusCode()).as(user + " completes " + task.get("taskDefinitionKey") + ": "
        + response.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
  }

  static HttpEntity<Object> json(Object body) {
    return JsonBodies.json(body);
  }

  static byte[] bytes(Object body) {
    return JsonBodies.bytes(body);
  }

  static <T> T parse(String body, TypeReference<T> type) {
    return JsonBodies.read(body, type);
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> list(Object value) {
    return (List<Map<String, Object>>) value;
  }
}
