package cn.liaison.platform.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.liaison.platform.JsonBodies;
import cn.liaison.platform.PlatformTest;
import cn.liaison.platform.WebappLogin;
import cn.liaison.platform.campaign.CampaignProcess;
import cn.liaison.platform.campaign.CampaignService;
import cn.liaison.platform.campaign.Household;
import cn.liaison.platform.campaign.Households;
import cn.liaison.platform.opinion.OpinionLoopProcess.Task;
import cn.liaison.platform.opinion.OpinionLoopProcess.Var;
import cn.liaison.platform.opinion.OpinionLoopProcess;
import cn.liaison.platform.opinion.Opinions;
import cn.liaison.platform.system.RateLimiter;
import cn.liaison.platform.trust.Scenarios.Submitted;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The attacks of the trust issue, tried from the attacker's side through the entry points they have
 * (/engine-rest with their own password, Tasklist's form submission): a department pointing its task at
 * another citizen's opinion, a deputy pointing a sign-off task at another deputy's household. Each is refused
 * and nothing changes; the honest completion afterwards lands on the right record.
 */
@PlatformTest
class ForgedTaskDecisionTests {

  static final ParameterizedTypeReference<List<Map<String, Object>>> JSON_LIST = new ParameterizedTypeReference<>() {};

  @Autowired TestRestTemplate http;
  @Autowired ManagementService management;
  @Autowired RuntimeService runtime;
  @Autowired org.camunda.bpm.engine.RepositoryService repository;
  @Autowired TaskService taskService;
  @Autowired RateLimiter rateLimiter;
  @Autowired Opinions opinions;
  @Autowired CampaignService campaigns;
  @Autowired Households households;
  @Autowired JdbcTemplate jdbc;

  @BeforeEach
  void freshAllowance() {
    rateLimiter.reset();
  }

  @Test
  void waterBureauCannotPointItsTaskAtAnotherCitizensOpinion() {
    Submitted victim = opinionAtTheWaterBureau();
    Submitted own = opinionAtTheWaterBureau();
    Map<String, Object> handle = singleTask("water1", own.ticket());
    long victimId = opinions.findByTicket(victim.ticket()).orElseThrow().id();

    // the exploit of the issue: set opinionId on its own task, then reply
    var setVariable = http.withBasicAuth("water1", "water1").exchange(
        "/engine-rest/task/" + handle.get("id") + "/variables/" + Var.OPINION_ID, HttpMethod.PUT,
        json(Map.of("value", victimId, "type", "Long")), String.class);
    assertThat(setVariable.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    var modify = http.withBasicAuth("water1", "water1").exchange(
        "/engine-rest/task/" + handle.get("id") + "/variables", HttpMethod.POST,
        json(Map.of("modifications", Map.of(Var.OPINION_ID, Map.of("value", victimId, "type", "Long")))),
        String.class);
    assertThat(modify.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    var processVariable = http.withBasicAuth("water1", "water1").exchange(
        "/engine-rest/process-instance/" + handle.get("processInstanceId") + "/variables/" + Var.OPINION_ID,
        HttpMethod.PUT, json(Map.of("value", victimId, "type", "Long")), String.class);
    assertThat(processVariable.getStatusCode().value()).isIn(403, 404);

    // the same id smuggled into the completion itself
    var forged = complete("water1", handle, Map.of("handlingAction", "REPLY", "replyResult", "SOLVED",
        "replyText", "伪造的答复：已解决", Var.OPINION_ID, victimId));
    assertThat(forged.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(forged.getBody()).contains("此任务不接受变量", Var.OPINION_ID);
    assertThat(message(forged)).startsWith("任务未完成，请修改后重新提交：");
    var forgedTicket = complete("water1", handle, Map.of("handlingAction", "REPLY", "replyResult", "SOLVED",
        "replyText", "伪造的答复：已解决", Var.TICKET_NO, victim.ticket()));
    assertThat(forgedTicket.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);

    assertThat(track(victim)).containsEntry("status", "ASSIGNED").extractingByKey("replies").asList().isEmpty();
    assertThat(track(own)).containsEntry("status", "ASSIGNED");
    assertThat(singleTask("water1", own.ticket())).containsEntry("id", handle.get("id"));

    // the honest reply lands on the task's own opinion, and only there
    var honest = complete("water1", handle, Map.of("handlingAction", "REPLY", "replyResult", "SOLVED",
        "replyText", "渠道已修复，恢复通水。"));
    assertThat(honest.getStatusCode()).as(honest.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(track(own)).containsEntry("status", "REPLIED");
    assertThat(track(victim)).containsEntry("status", "ASSIGNED").extractingByKey("replies").asList().isEmpty();
  }

  @Test
  void aLoopInstancePointedAtAnotherOpinionIsStoppedByTheRecordCheck() {
    // even a variable changed by an administrator's tool does not move the reply to another opinion
    Submitted victim = opinionAtTheWaterBureau();
    Submitted own = opinionAtTheWaterBureau();
    Map<String, Object> handle = singleTask("water1", own.ticket());
    runtime.setVariable((String) handle.get("processInstanceId"), Var.OPINION_ID,
        opinions.findByTicket(victim.ticket()).orElseThrow().id());

    var reply = complete("water1", handle, Map.of("handlingAction", "REPLY", "replyResult", "SOLVED",
        "replyText", "这条答复不应出现在别人的页面上。"));
    assertThat(reply.getStatusCode().is2xxSuccessful()).isFalse();
    assertThat(reply.getBody()).contains("流程实例与意见建议记录不一致");
    assertThat(track(victim)).containsEntry("status", "ASSIGNED").extractingByKey("replies").asList().isEmpty();
    assertThat(track(own)).containsEntry("status", "ASSIGNED");
  }

  @Test
  void aPlatformDelegateInAnotherProcessCannotReachAnOpinion() {
    // an analyst's own model may name the platform's delegates, but they only serve their own process
    Submitted victim = opinionAtTheWaterBureau();
    String key = "analyst-own-reply";
    var deployment = repository.createDeployment().name(key).addModelInstance(key + ".bpmn",
        org.camunda.bpm.model.bpmn.Bpmn.createExecutableProcess(key).camundaHistoryTimeToLive(1).startEvent()
            .serviceTask("Task_Reply").camundaDelegateExpression("${recordReplyDelegate}").endEvent().done())
        .deploy();
    try {
      assertThatThrownBy(() -> runtime.startProcessInstanceByKey(key, victim.ticket(), Map.of(
          Var.ROUTE, OpinionLoopProcess.Route.ANSWER_DIRECTLY.name(), Var.ANSWER_TEXT, "冒名的答复")))
          .hasMessageContaining("只能由其自身的流程处理");
      assertThat(track(victim)).containsEntry("status", "ASSIGNED").extractingByKey("replies").asList().isEmpty();
    } finally {
      repository.deleteDeployment(deployment.getId(), true);
    }
  }

  @Test
  void stationStaffCannotProbeAnotherStationsTicketsThroughTheDuplicateCheck() {
    Submitted changyuan = scenarios().opinion("cy-crane", "13512345678");
    Submitted taiping = scenarios().opinion("yy-taiping-mobile", "13512345679");
    String sort = scenarios().task(taiping.ticket(), Task.SORT);
    var probe = scenarios().completeAs("staff2", sort, Map.of(Var.SORT_DECISION,
        OpinionLoopProcess.SortDecision.DUPLICATE.name(), Var.DUPLICATE_OF, changyuan.ticket()));
    assertThat(probe.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    var unknown = scenarios().completeAs("staff2", sort, Map.of(Var.SORT_DECISION,
        OpinionLoopProcess.SortDecision.DUPLICATE.name(), Var.DUPLICATE_OF, "YJ20200101-0001"));
    assertThat(message(probe)).as("another station's ticket reads like an unknown one")
        .isEqualTo(message(unknown).replace("YJ20200101-0001", changyuan.ticket()));
  }

  @Test
  void aDecisionOutsideTheContractIsRefusedInTasklistWithTheChineseMessage() {
    Submitted own = opinionAtTheWaterBureau();
    Map<String, Object> handle = singleTask("water1", own.ticket());
    WebappLogin.Login login = WebappLogin.login(http, "water1", "tasklist");
    HttpHeaders headers = login.headers();
    headers.setContentType(MediaType.APPLICATION_JSON);
    String submitForm = "/camunda/api/engine/engine/default/task/" + handle.get("id") + "/submit-form";

    var undeclared = http.exchange(submitForm, HttpMethod.POST, new HttpEntity<>(bytes(Map.of("variables", Map.of(
        "handlingAction", Map.of("value", "REPLY"), "replyResult", Map.of("value", "SOLVED"),
        "replyText", Map.of("value", "已处理"), "departmentCode", Map.of("value", "dept-finance")))), headers),
        String.class);
    assertThat(undeclared.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(undeclared.getBody()).contains("此任务不接受变量", "departmentCode");
    assertThat(message(undeclared)).as("Tasklist shows the message as it is").startsWith("任务未完成");

    var missingText = http.exchange(submitForm, HttpMethod.POST, new HttpEntity<>(bytes(Map.of("variables", Map.of(
        "handlingAction", Map.of("value", "REPLY"), "replyResult", Map.of("value", "SOLVED")))), headers),
        String.class);
    assertThat(missingText.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(missingText.getBody()).contains("请填写答复内容");

    var wrongType = http.exchange(submitForm, HttpMethod.POST, new HttpEntity<>(bytes(Map.of("variables", Map.of(
        "handlingAction", Map.of("value", "REPLY"), "replyResult", Map.of("value", "SOLVED"),
        "replyText", Map.of("value", "{}", "type", "Object", "valueInfo", Map.of("objectTypeName", "java.net.URL",
            "serializationDataFormat", "application/json"))))), headers), String.class);
    assertThat(wrongType.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(wrongType.getBody()).contains("类型不正确");

    assertThat(track(own)).containsEntry("status", "ASSIGNED");
    var honest = http.exchange(submitForm, HttpMethod.POST, new HttpEntity<>(bytes(Map.of("variables", Map.of(
        "handlingAction", Map.of("value", "REPLY"), "replyResult", Map.of("value", "PARTLY_SOLVED"),
        "replyText", Map.of("value", "已安排抢修，部分地块恢复灌溉。")))), headers), String.class);
    assertThat(honest.getStatusCode()).as(honest.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(track(own)).containsEntry("status", "REPLIED");
  }

  @Test
  void departmentCannotEndItsTaskWithABpmnErrorOrEscalation() {
    Submitted own = opinionAtTheWaterBureau();
    Map<String, Object> handle = singleTask("water1", own.ticket());
    for (String path : List.of("bpmnError", "bpmnEscalation")) {
      var response = http.withBasicAuth("water1", "water1").exchange(
          "/engine-rest/task/" + handle.get("id") + "/" + path, HttpMethod.POST,
          json(Map.of("errorCode", "any", "escalationCode", "any")), String.class);
      assertThat(response.getStatusCode().is2xxSuccessful()).as(path + ": " + response.getBody()).isFalse();
    }
    assertThat(singleTask("water1", own.ticket())).containsEntry("id", handle.get("id"));
    assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(own.ticket()).count()).isOne();
  }

  @Test
  void departmentsAndDeputiesCommentOnTheTasksTheyWork() {
    Submitted own = opinionAtTheWaterBureau();
    Map<String, Object> handle = singleTask("water1", own.ticket());
    var comment = http.withBasicAuth("water1", "water1").exchange(
        "/engine-rest/task/" + handle.get("id") + "/comment/create", HttpMethod.POST,
        json(Map.of("message", "已联系村委会，明天到现场查看。")), String.class);
    assertThat(comment.getStatusCode()).as(comment.getBody()).isEqualTo(HttpStatus.OK);
    var comments = http.withBasicAuth("water1", "water1").exchange(
        "/engine-rest/task/" + handle.get("id") + "/comment", HttpMethod.GET, null, JSON_LIST);
    assertThat(comments.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(comments.getBody()).extracting(c -> c.get("message")).contains("已联系村委会，明天到现场查看。");
    // a department that does not work the task cannot comment on it
    var foreign = http.withBasicAuth("finance1", "finance1").exchange(
        "/engine-rest/task/" + handle.get("id") + "/comment/create", HttpMethod.POST,
        json(Map.of("message", "不该出现的评论")), String.class);
    assertThat(foreign.getStatusCode().is2xxSuccessful()).isFalse();

    Campaign campaign = campaignWithTwoDeputies();
    Map<String, Object> visit = householdTask("deputy1", campaign.deputy1Household(), CampaignProcess.Task.VISIT);
    var deputyComment = http.withBasicAuth("deputy1", "deputy1").exchange(
        "/engine-rest/task/" + visit.get("id") + "/comment/create", HttpMethod.POST,
        json(Map.of("message", "户主外出务工，约好周末再访。")), String.class);
    assertThat(deputyComment.getStatusCode()).as(deputyComment.getBody()).isEqualTo(HttpStatus.OK);
  }

  @Test
  void deputyCannotPointASignOffTaskAtAnotherDeputysHousehold() {
    Campaign campaign = campaignWithTwoDeputies();
    Household foreign = households.find(campaign.code(), campaign.deputy2Household()).orElseThrow();
    Map<String, Object> visit = householdTask("deputy1", campaign.deputy1Household(), CampaignProcess.Task.VISIT);
    assertThat(complete("deputy1", visit, Map.of("visitOutcome", "WILLING")).getStatusCode())
        .isEqualTo(HttpStatus.NO_CONTENT);
    Map<String, Object> sign = householdTask("deputy1", campaign.deputy1Household(),
        CampaignProcess.Task.SIGN_AGREEMENT);

    var setVariable = http.withBasicAuth("deputy1", "deputy1").exchange(
        "/engine-rest/task/" + sign.get("id") + "/variables/" + CampaignProcess.Var.HOUSEHOLD_ID, HttpMethod.PUT,
        json(Map.of("value", foreign.id(), "type", "Long")), String.class);
    assertThat(setVariable.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    var forged = complete("deputy1", sign, Map.of("agreementNo", "LZ-FAKE-1", "signedPlots", "P1", "signedMu", 1.0,
        CampaignProcess.Var.HOUSEHOLD_ID, foreign.id()));
    assertThat(forged.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(forged.getBody()).contains("此任务不接受变量", CampaignProcess.Var.HOUSEHOLD_ID);
    // deputy1 does not see deputy2's household tasks at all
    assertThat(tasksOf("deputy1", campaign.deputy2Household())).isEmpty();

    Household after = households.find(foreign.id()).orElseThrow();
    assertThat(after.status()).isEqualTo(foreign.status());
    assertThat(after.agreementNo()).isNull();
    Household mine = households.find(campaign.code(), campaign.deputy1Household()).orElseThrow();
    assertThat(mine.agreementNo()).isNull();

    var honest = complete("deputy1", sign, Map.of("agreementNo", "LZ-DC-001", "signedPlots", "P1", "signedMu", 1.5));
    assertThat(honest.getStatusCode()).as(honest.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(households.find(mine.id()).orElseThrow().agreementNo()).isEqualTo("LZ-DC-001");
    assertThat(households.find(foreign.id()).orElseThrow().agreementNo()).isNull();
  }

  @Test
  void engineCompletionThroughJavaRefusesUndeclaredVariablesToo() {
    Submitted own = opinionAtTheWaterBureau();
    String taskId = (String) singleTask("water1", own.ticket()).get("id");
    Map<String, Object> variables = new LinkedHashMap<>();
    variables.put("handlingAction", "REPLY");
    variables.put("replyResult", "SOLVED");
    variables.put("replyText", "已处理");
    variables.put(Var.DUE_DATE, new java.util.Date());
    assertThatThrownBy(() -> taskService.complete(taskId, variables))
        .isInstanceOf(cn.liaison.platform.system.TaskDecisionRefused.class)
        .hasMessageContaining("此任务不接受变量").hasMessageContaining(Var.DUE_DATE);
    assertThat(taskService.createTaskQuery().taskId(taskId).count()).isOne();
  }

  // ---- helpers ----

  record Campaign(String code, String deputy1Household, String deputy2Household) {}

  Scenarios scenarios() {
    return new Scenarios(http, taskService, runtime, management, campaigns, jdbc);
  }

  Submitted opinionAtTheWaterBureau() {
    return scenarios().opinionAtTheWaterBureau();
  }

  /** A campaign of 路寨镇 with one household for deputy1 (东村) and one for deputy2 (西村). */
  Campaign campaignWithTwoDeputies() {
    String code = "LZ-TRUST-" + Scenarios.SEQUENCE.incrementAndGet();
    String mine = code + "-H1";
    String theirs = code + "-H2";
    scenarios().campaign(code, "staff1", Map.of(mine, "deputy1", theirs, "deputy2"),
        Map.of(mine, "东村", theirs, "西村"));
    return new Campaign(code, mine, theirs);
  }

  List<Map<String, Object>> tasksOf(String user, String businessKey) {
    var response = http.withBasicAuth(user, user).exchange(
        "/engine-rest/task?processInstanceBusinessKey=" + businessKey, HttpMethod.GET, null, JSON_LIST);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    return response.getBody();
  }

  Map<String, Object> householdTask(String user, String householdNo, String taskKey) {
    return tasksOf(user, householdNo).stream().filter(t -> taskKey.equals(t.get("taskDefinitionKey"))).findFirst()
        .orElseThrow(() -> new AssertionError(user + " has no " + taskKey + " for " + householdNo));
  }

  Map<String, Object> singleTask(String user, String ticket) {
    List<Map<String, Object>> tasks = tasksOf(user, ticket);
    assertThat(tasks).as("open tasks of " + user).hasSize(1);
    return tasks.get(0);
  }

  ResponseEntity<String> complete(String user, Map<String, Object> task, Map<String, Object> values) {
    return scenarios().completeAs(user, (String) task.get("id"), values);
  }

  Map<String, Object> track(Submitted s) {
    HttpHeaders headers = new HttpHeaders();
    headers.set("X-Tracking-Key", s.key());
    var response = http.exchange("/api/opinions/" + s.ticket(), HttpMethod.GET, new HttpEntity<>(headers),
        String.class);
    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
    return JsonBodies.object(response.getBody());
  }

  /** The message Tasklist shows from an error answer. */
  static String message(ResponseEntity<String> response) {
    return JsonBodies.tree(response.getBody()).path("message").asText();
  }

  static HttpEntity<Object> json(Object body) {
    return Scenarios.json(body);
  }

  static byte[] bytes(Object body) {
    return Scenarios.bytes(body);
  }
}
