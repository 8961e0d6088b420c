package cn.liaison.platform.rectification.web;

import static org.assertj.core.api.Assertions.assertThat;

import cn.liaison.platform.JsonBodies;
import cn.liaison.platform.PlatformTest;
import cn.liaison.platform.reception.ReceptionProcess;
import cn.liaison.platform.system.RateLimiter;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * A safety hazard flagged in a reception's summary raised as a rectification problem in one click by 太平镇's staff:
 * linked both ways (the flag shows the problem's number, the problem names the reception), once only (409), not by
 * another station's staff (403), and a wrong field stores nothing — no problem, no link.
 */
@PlatformTest
class ReceptionFlagProblemTests {

  static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
  static final ZonedDateTime NOW = ZonedDateTime.of(2027, 5, 20, 9, 0, 0, 0, BEIJING);
  static int seq;

  @Autowired TestRestTemplate http;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired RateLimiter rateLimiter;

  @BeforeEach
  void beforeTheHarvest() {
    rateLimiter.reset();
    ClockUtil.setCurrentTime(Date.from(NOW.toInstant()));
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void aHazardFlaggedAtTheFieldPostBecomesOneProblemLinkedBothWays() {
    String receptionNo = summarizedReception();
    long hazard = flags(receptionNo).get(0).path("id").asLong();
    String drive = drive();
    String taskNo = task(drive);

    // another station's staff: refused, nothing stored
    assertThat(raise("staff1", receptionNo, hazard, Map.of("driveCode", drive, "taskNo", taskNo,
        "responsiblePerson", "周股长")).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    // a wrong task and no responsible person: refused field by field, nothing stored
    ResponseEntity<String> bad = raise("staff2", receptionNo, hazard, Map.of("driveCode", drive, "taskNo", "RW99",
        "responsiblePerson", " "));
    assertThat(bad.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(bad.getBody()).contains("整治行动中没有这项整改任务");
    ResponseEntity<String> noPerson = raise("staff2", receptionNo, hazard, Map.of("driveCode", drive, "taskNo", taskNo,
        "deadline", "八月底"));
    assertThat(noPerson.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(noPerson.getBody()).contains("请填写责任人", "整改期限");
    assertThat(problemsIn(drive)).isZero();
    assertThat(flags(receptionNo).get(0).hasNonNull("rectificationProblemNo")).as("no link stored").isFalse();

    // one click: the flag's text, the reception's day and number carried over
    ResponseEntity<String> raised = raise("staff2", receptionNo, hazard, Map.of("driveCode", drive, "taskNo", taskNo,
        "responsiblePerson", "周股长"));
    assertThat(raised.getStatusCode()).as(raised.getBody()).isEqualTo(HttpStatus.CREATED);
    String problemNo = JsonBodies.tree(raised.getBody()).path("problemNo").asText();
    assertThat(flags(receptionNo).get(0).path("rectificationProblemNo").asText()).isEqualTo(problemNo);
    JsonNode problem = JsonBodies.tree(call("staff2", HttpMethod.GET, "/api/problems/" + problemNo, null).getBody())
        .path("problem");
    assertThat(problem.path("source").asText()).isEqualTo("RECEPTION");
    assertThat(problem.path("sourceRef").asText()).isEqualTo(receptionNo);
    assertThat(problem.path("description").asText()).contains("安全隐患", "王庄村东秸秆堆放紧邻变压器");
    assertThat(problem.path("foundOn").asText()).isEqualTo(NOW.plusDays(4).toLocalDate().toString());
    // its process runs: the water bureau has it to rectify
    assertThat(tasks.createTaskQuery().processInstanceBusinessKey(problemNo).taskCandidateGroup("dept-water").count())
        .isEqualTo(1);

    // twice: a conflict, still one problem
    ResponseEntity<String> again = raise("staff2", receptionNo, hazard, Map.of("driveCode", drive, "taskNo", taskNo,
        "responsiblePerson", "周股长"));
    assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(again.getBody()).contains("已经立为整改问题");
    assertThat(problemsIn(drive)).isEqualTo(1);

    // a flag id of another reception is not found through this one
    String other = summarizedReception();
    long foreign = flags(other).get(1).path("id").asLong();
    assertThat(raise("staff2", receptionNo, foreign, Map.of("driveCode", drive, "taskNo", taskNo,
        "responsiblePerson", "周股长")).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(problemsIn(drive)).isEqualTo(1);
  }

  // ---- helpers ----

  /** A field post four days ahead, held, and summarized by 太平镇's staff with two hazards and a petition sign. */
  String summarizedReception() {
    ZonedDateTime starts = NOW.plusDays(4);
    ClockUtil.setCurrentTime(Date.from(NOW.toInstant()));
    ResponseEntity<String> created = call("staff2", HttpMethod.POST, "/api/receptions", Map.of(
        "stationCode", "yy-taiping-mobile", "kind", "FIELD_POST", "theme", "三夏禁烧", "place", "王庄村东禁烧卡点",
        "startsAt", starts.toOffsetDateTime().toString(), "endsAt", starts.plusHours(4).toOffsetDateTime().toString(),
        "deputiesOnDuty", List.of("deputy5")));
    assertThat(created.getStatusCode().value()).as(created.getBody()).isEqualTo(201);
    String no = JsonBodies.tree(created.getBody()).path("receptionNo").asText();
    String pi = runtime.createProcessInstanceQuery().processInstanceBusinessKey(no)
        .processDefinitionKey(ReceptionProcess.KEY).singleResult().getId();
    ClockUtil.setCurrentTime(Date.from(starts.plusMinutes(5).toInstant()));
    executeJob(pi, ReceptionProcess.Event.TIMER_SESSION_STARTS);
    ClockUtil.setCurrentTime(Date.from(starts.plusHours(4).toInstant()));
    executeJob(pi, ReceptionProcess.Event.TIMER_SESSION_ENDS);
    String summarize = tasks.createTaskQuery().processInstanceId(pi)
        .taskDefinitionKey(ReceptionProcess.Task.SUMMARIZE).singleResult().getId();
    Map<String, Object> variables = new LinkedHashMap<>();
    variables.put("summary", Map.of("value", "接待群众十二人次，收集意见两条，当场解决一件。"));
    variables.put("safetyHazards", Map.of("value", "王庄村东秸秆堆放紧邻变压器\n麦场旁电线老化"));
    variables.put("petitionSigns", Map.of("value", "两户因地界纠纷多次争执"));
    ResponseEntity<String> done = call("staff2", HttpMethod.POST, "/engine-rest/task/" + summarize + "/complete",
        Map.of("variables", variables));
    assertThat(done.getStatusCode().value()).as(done.getBody()).isEqualTo(204);
    return no;
  }

  void executeJob(String pi, String activityId) {
    var job = management.createJobQuery().processInstanceId(pi).activityId(activityId).singleResult();
    assertThat(job).as("job at " + activityId).isNotNull();
    management.executeJob(job.getId());
  }

  List<JsonNode> flags(String receptionNo) {
    JsonNode view = JsonBodies.tree(call("staff2", HttpMethod.GET, "/api/receptions/" + receptionNo, null).getBody());
    List<JsonNode> flags = new java.util.ArrayList<>();
    view.path("flags").forEach(flags::add);
    assertThat(flags).hasSize(3);
    return flags;
  }

  String drive() {
    String code = "TP-FLAG-" + (++seq) + "-" + System.nanoTime() % 1_000_000;
    ResponseEntity<String> created = call("staff2", HttpMethod.POST, "/api/rectifications", Map.of("code", code,
        "name", "三夏安全隐患集中整治", "town", "太平镇", "deadline", "2027-12-31"));
    assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(HttpStatus.CREATED);
    return code;
  }

  String task(String drive) {
    ResponseEntity<String> created = call("staff2", HttpMethod.POST, "/api/rectifications/" + drive + "/tasks",
        Map.of("title", "禁烧卡点周边安全隐患整改", "responsibleUnit", "dept-water", "grid", "tp-hetan",
            "deadline", "2027-08-31"));
    assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(HttpStatus.CREATED);
    return JsonBodies.tree(created.getBody()).path("taskNo").asText();
  }

  int problemsIn(String drive) {
    return JsonBodies.tree(call("staff2", HttpMethod.GET, "/api/rectifications/" + drive, null).getBody())
        .path("problems").asInt();
  }

  ResponseEntity<String> raise(String user, String receptionNo, long flagId, Map<String, Object> body) {
    return call(user, HttpMethod.POST, "/api/receptions/" + receptionNo + "/flags/" + flagId + "/problem", body);
  }

  ResponseEntity<String> call(String user, HttpMethod method, String path, Object body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setBasicAuth(user, user);
    HttpEntity<?> entity = body == null ? new HttpEntity<>(headers) : JsonBodies.json(body, headers);
    return http.exchange(path, method, entity, String.class);
  }
}
