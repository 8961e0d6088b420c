package cn.liaison.platform.history;

import static org.assertj.core.api.Assertions.assertThat;

import cn.liaison.platform.JsonBodies;
import cn.liaison.platform.PlatformTest;
import cn.liaison.platform.opinion.OpinionLoopProcess.Task;
import cn.liaison.platform.system.RateLimiter;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

/**
 * What Cockpit's history view reads besides the engine: the Chinese words for the codes (GET /api/history/labels),
 * and that the auditor reading that history cannot change the instance behind the page's back through the engine's
 * REST API (no UPDATE, no batch, no variables).
 */
@PlatformTest
class CockpitHistoryApiTests {

  @Autowired TestRestTemplate http;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired RateLimiter rateLimiter;

  @BeforeEach
  void freshAllowance() {
    rateLimiter.reset();
  }

  @Test
  void theHistoryReadsTheFormsWordsForTheCodesStaffChose() {
    ResponseEntity<String> response = http.getForEntity("/api/history/labels", String.class);
    assertThat(response.getStatusCode().value()).isEqualTo(200);
    JsonNode labels = JsonBodies.tree(response.getBody());
    // the forms' fields and options
    assertThat(labels.at("/fields/route").asText()).isEqualTo("研判路径");
    assertThat(labels.at("/values/route/ASSIGN_DEPARTMENT").asText()).isEqualTo("交办部门");
    assertThat(labels.at("/fields/replyText").asText()).isEqualTo("答复内容");
    assertThat(labels.at("/values/replyResult/SOLVED").asText()).isEqualTo("已解决");
    assertThat(labels.at("/values/departmentCode/dept-water").asText()).isEqualTo("县水利局");
    // the DMN's proposal reads like the department it proposes
    assertThat(labels.at("/values/proposedDepartmentCode/dept-water").asText()).isEqualTo("县水利局");
    // values no form offers: the citizen's rating, the channel, the category
    assertThat(labels.at("/values/rating/SATISFIED").asText()).isEqualTo("满意");
    assertThat(labels.at("/values/channel/QR_CODE").asText()).isEqualTo("扫码提交");
    assertThat(labels.at("/values/category/IRRIGATION").asText()).isEqualTo("农田水利与灌溉");
    assertThat(labels.at("/fields/ticketNo").asText()).isEqualTo("受理编号");
  }

  @Test
  void theAuditorReadsTheHistoryButCannotSuspendModifyRetryOrRewriteTheInstance() {
    ResponseEntity<String> submitted = http.exchange("/api/opinions", HttpMethod.POST, JsonBodies.json(Map.of(
        "stationCode", "cy-crane", "category", "IRRIGATION", "content", "渠道漏水，请派人修补。", "place", "北村",
        "anonymous", true, "consent", true)), String.class);
    assertThat(submitted.getStatusCode().value()).as(submitted.getBody()).isEqualTo(201);
    String ticket = JsonBodies.tree(submitted.getBody()).path("ticketNo").asText();
    ProcessInstance loop = runtime.createProcessInstanceQuery().processInstanceBusinessKey(ticket).singleResult();
    String id = loop.getId();
    // up to the hand-over (交办部门), an async job waiting for the job executor
    complete("staff1", id, Task.SORT, Map.of("sortDecision", "CONFIRM", "category", "IRRIGATION",
        "departmentCode", "dept-water", "grade", "GENERAL", "deadlineDays", Map.of("value", 5, "type", "Integer")));
    complete("analyst1", id, Task.ANALYZE, Map.of("route", "ASSIGN_DEPARTMENT", "departmentCode", "dept-water"));
    String handOver = management.createJobQuery().processInstanceId(id).activityId(Task.ASSIGN).singleResult()
        .getId();
    int retries = management.createJobQuery().jobId(handOver).singleResult().getRetries();
    var auditor = http.withBasicAuth("auditor1", "auditor1");

    assertThat(auditor.getForEntity("/engine-rest/history/process-instance/" + id, String.class).getStatusCode()
        .value()).as("reads the history").isEqualTo(200);
    Map<String, ResponseEntity<String>> attempts = Map.of(
        "suspend the instance", auditor.exchange("/engine-rest/process-instance/" + id + "/suspended",
            HttpMethod.PUT, JsonBodies.json(Map.of("suspended", true)), String.class),
        "suspend the definition", auditor.exchange("/engine-rest/process-definition/"
            + loop.getProcessDefinitionId() + "/suspended", HttpMethod.PUT,
            JsonBodies.json(Map.of("suspended", true, "includeProcessInstances", true)), String.class),
        "move the token", auditor.exchange("/engine-rest/process-instance/" + id + "/modification",
            HttpMethod.POST, JsonBodies.json(Map.of("instructions", List.of(Map.of("type", "startBeforeActivity",
                "activityId", Task.ANALYZE)))), String.class),
        "retry its job", auditor.exchange("/engine-rest/job/" + handOver + "/retries", HttpMethod.PUT,
            JsonBodies.json(Map.of("retries", 5)), String.class),
        "retry its jobs in a batch", auditor.exchange("/engine-rest/job/retries", HttpMethod.POST,
            JsonBodies.json(Map.of("jobIds", List.of(handOver), "retries", 5)), String.class),
        "rewrite a variable", auditor.exchange("/engine-rest/process-instance/" + id + "/variables",
            HttpMethod.POST, JsonBodies.json(Map.of("modifications", Map.of("content", Map.of("value", "改写")))),
            String.class),
        "delete the instance", auditor.exchange("/engine-rest/process-instance/" + id, HttpMethod.DELETE, null,
            String.class));
    attempts.forEach((what, response) -> assertThat(response.getStatusCode().value())
        .as("auditor1 tries to " + what + ": " + response.getBody()).isEqualTo(403));

    ProcessInstance after = runtime.createProcessInstanceQuery().processInstanceId(id).singleResult();
    assertThat(after).as("the loop still runs").isNotNull();
    assertThat(after.isSuspended()).isFalse();
    assertThat(runtime.getVariable(id, "content")).isEqualTo("渠道漏水，请派人修补。");
    assertThat(management.createJobQuery().jobId(handOver).singleResult().getRetries()).isEqualTo(retries);
  }

  void complete(String user, String processInstanceId, String taskKey, Map<String, Object> values) {
    String taskId = tasks.createTaskQuery().processInstanceId(processInstanceId).taskDefinitionKey(taskKey)
        .singleResult().getId();
    var auth = http.withBasicAuth(user, user);
    auth.exchange("/engine-rest/task/" + taskId + "/claim", HttpMethod.POST, JsonBodies.json(Map.of("userId", user)),
        String.class);
    Map<String, Object> variables = new java.util.LinkedHashMap<>();
    values.forEach((name, value) -> variables.put(name, value instanceof Map ? value : Map.of("value", value)));
    ResponseEntity<String> done = auth.exchange("/engine-rest/task/" + taskId + "/complete", HttpMethod.POST,
        JsonBodies.json(Map.of("variables", variables)), String.class);
    assertThat(done.getStatusCode().value()).as(user + " completes " + taskKey + ": " + done.getBody())
        .isEqualTo(204);
  }
}
