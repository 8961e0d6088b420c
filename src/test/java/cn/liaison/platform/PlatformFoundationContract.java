package cn.liaison.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;

/**
 * What every installation must guarantee, on H2 and on PostgreSQL alike: who may get in, who sees which
 * task, and that auditors can look but not touch.
 */
@PlatformTest
abstract class PlatformFoundationContract {

  static final String PROCESS_KEY = "foundation-check";

  @Autowired TestRestTemplate http;
  @Autowired RepositoryService repositoryService;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired IdentityService identityService;

  ProcessInstance financeItem;
  ProcessInstance waterItem;

  @BeforeEach
  void twoItemsForTwoDepartments() {
    if (repositoryService.createProcessDefinitionQuery().processDefinitionKey(PROCESS_KEY).count() == 0) {
      BpmnModelInstance model = Bpmn.createExecutableProcess(PROCESS_KEY).name("基础检查")
          .camundaHistoryTimeToLive(1)
          .startEvent()
          .userTask("Task_Handle").name("部门办理").camundaCandidateGroups("${departmentCode}")
          .endEvent().done();
      repositoryService.createDeployment().name("foundation-check").addModelInstance("foundation-check.bpmn", model)
          .deploy();
    }
    financeItem = runtimeService.startProcessInstanceByKey(PROCESS_KEY, Map.of("departmentCode", "dept-finance"));
    waterItem = runtimeService.startProcessInstanceByKey(PROCESS_KEY, Map.of("departmentCode", "dept-water"));
  }

  @Test
  void engineRestRefusesCallersWithoutCredentials() {
    assertThat(http.getForEntity("/engine-rest/process-definition", String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    // wrong passwords are throttled per client address (liaison.security.login-failures-per-minute), so the check
    // comes from an address of its own (X-Forwarded-For) and uses a user of its own
    if (identityService.createUserQuery().userId("password-check").count() == 0) {
      var user = identityService.newUser("password-check");
      user.setPassword("right-password");
      identityService.saveUser(user);
      identityService.createMembership("password-check", "station-staff");
    }
    HttpHeaders elsewhere = new HttpHeaders();
    elsewhere.set("X-Forwarded-For", "198.18.255." + (1 + (int) (Math.random() * 250)));
    assertThat(http.withBasicAuth("password-check", "wrong").exchange("/engine-rest/process-definition",
        HttpMethod.GET, new HttpEntity<>(elsewhere), String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  @Test
  void waterBureauSeesOnlyItsOwnTasks() {
    List<Map<String, Object>> waterTasks = tasksOf("water1");
    assertThat(waterTasks).extracting(t -> t.get("processInstanceId"))
        .contains(waterItem.getId()).doesNotContain(financeItem.getId());
    assertThat(tasksOf("finance1")).extracting(t -> t.get("processInstanceId"))
        .contains(financeItem.getId()).doesNotContain(waterItem.getId());
  }

  @Test
  void waterBureauCannotCompleteFinanceTask() {
    String financeTask = taskOf(financeItem);
    assertThat(post("water1", "/engine-rest/task/" + financeTask + "/complete", Map.of()).getStatusCode())
        .isIn(HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND);
    assertThat(post("finance1", "/engine-rest/task/" + financeTask + "/complete", Map.of()).getStatusCode())
        .isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(financeItem.getId()).count()).isZero();
  }

  @Test
  void auditorReadsEverythingButChangesNothing() {
    var instances = http.withBasicAuth("auditor1", "auditor1")
        .getForEntity("/engine-rest/process-instance?processDefinitionKey=" + PROCESS_KEY, List.class);
    assertThat(instances.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(instances.getBody()).isNotEmpty();
    assertThat(http.withBasicAuth("auditor1", "auditor1")
        .getForEntity("/engine-rest/history/process-instance?processDefinitionKey=" + PROCESS_KEY, List.class)
        .getBody()).isNotEmpty();

    var delete = http.withBasicAuth("auditor1", "auditor1")
        .exchange("/engine-rest/process-instance/" + waterItem.getId(), HttpMethod.DELETE, null, String.class);
    assertThat(delete.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(post("auditor1", "/engine-rest/task/" + taskOf(waterItem) + "/complete", Map.of()).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(http.withBasicAuth("auditor1", "auditor1").exchange(
        "/engine-rest/process-instance/" + waterItem.getId() + "/suspended", HttpMethod.PUT,
        json(Map.of("suspended", true)), String.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(deploy("auditor1").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(waterItem.getId()).active().count())
        .isEqualTo(1);
  }

  @Test
  void analystDeploysChangedModelFromModelerButStaffMayNot() {
    assertThat(deploy("analyst1").getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(deploy("staff1").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
  }

  @Test
  void demoUsersLogIntoTheWebappsTheirGroupsMayUse() {
    assertThat(webappLogin("staff1", "tasklist")).isEqualTo(HttpStatus.OK);
    assertThat(webappLogin("water1", "tasklist")).isEqualTo(HttpStatus.OK);
    assertThat(webappLogin("auditor1", "cockpit")).isEqualTo(HttpStatus.OK);
    assertThat(webappLogin("analyst1", "cockpit")).isEqualTo(HttpStatus.OK);
    assertThat(webappLogin("demo", "admin")).isEqualTo(HttpStatus.OK);
    assertThat(webappLogin("staff1", "cockpit")).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(webappLogin("auditor1", "admin")).isEqualTo(HttpStatus.FORBIDDEN);
  }

  @Test
  void everyTasklistGroupHasChineseFilters() {
    var filters = http.withBasicAuth("water1", "water1").exchange("/engine-rest/filter", HttpMethod.GET, null,
        new ParameterizedTypeReference<List<Map<String, Object>>>() {}).getBody();
    assertThat(filters).extracting(f -> f.get("name")).contains("待办", "本组待办", "即将到期", "已超期").doesNotContain("我的待办");
    var count = http.withBasicAuth("water1", "water1").exchange("/engine-rest/filter/" + filters.stream()
        .filter(f -> "待办".equals(f.get("name"))).findFirst().orElseThrow().get("id") + "/count",
        HttpMethod.GET, null, new ParameterizedTypeReference<Map<String, Object>>() {}).getBody();
    assertThat(((Number) count.get("count")).intValue()).isPositive();
  }

  @Test
  void platformApiNeedsLoginAndAdminApiNeedsAdministrators() {
    ResponseEntity<Map<String, Object>> anonymous = http.exchange("/api/me", HttpMethod.GET, null,
        new ParameterizedTypeReference<>() {});
    assertThat(anonymous.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(anonymous.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue();
    assertThat(anonymous.getBody()).containsEntry("title", "需要登录");

    var me = http.withBasicAuth("water1", "water1").exchange("/api/me", HttpMethod.GET, null,
        new ParameterizedTypeReference<Map<String, Object>>() {}).getBody();
    assertThat(me).containsEntry("userId", "water1");
    assertThat(me.get("groups").toString()).contains("dept-water", "县水利局");

    assertThat(http.withBasicAuth("water1", "water1").getForEntity("/api/admin/departments", String.class)
        .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
  }

  @Test
  void departmentsAreDataWithChineseNames() {
    var departments = http.exchange("/api/departments", HttpMethod.GET, null,
        new ParameterizedTypeReference<List<Map<String, String>>>() {}).getBody();
    assertThat(departments).extracting(d -> d.get("code")).containsExactly("dept-finance", "dept-agriculture",
        "dept-water", "dept-natural-resources", "dept-housing", "dept-market", "dept-industry", "dept-town");
    assertThat(departments).extracting(d -> d.get("name")).contains("县财政局", "县水利局", "镇政府");
    assertThat(identityService.createGroupQuery().groupId("dept-town").singleResult().getName()).isEqualTo("镇政府");
  }

  @Test
  void operationsEndpointsReportDatabaseAndEngine() {
    var health = http.exchange("/actuator/health", HttpMethod.GET, null,
        new ParameterizedTypeReference<Map<String, Object>>() {});
    assertThat(health.getBody()).containsKey("components");
    assertThat((Map<String, Object>) health.getBody().get("components")).containsKeys("db", "processEngine");
    assertThat(http.getForEntity("/v3/api-docs", String.class).getBody()).contains("/api/departments", "/api/me");
  }

  List<Map<String, Object>> tasksOf(String user) {
    return http.withBasicAuth(user, user).exchange("/engine-rest/task?processDefinitionKey=" + PROCESS_KEY,
        HttpMethod.GET, null, new ParameterizedTypeReference<List<Map<String, Object>>>() {}).getBody();
  }

  String taskOf(ProcessInstance pi) {
    return taskService.createTaskQuery().processInstanceId(pi.getId()).singleResult().getId();
  }

  ResponseEntity<String> post(String user, String path, Object body) {
    return http.withBasicAuth(user, user).exchange(path, HttpMethod.POST, json(body), String.class);
  }

  static HttpEntity<Object> json(Object body) {
    return JsonBodies.json(body);
  }

  ResponseEntity<String> deploy(String user) {
    String bpmn = Bpmn.convertToString(Bpmn.createExecutableProcess("modeler-deployed").name("从建模器部署")
        .camundaHistoryTimeToLive(1).startEvent().endEvent().done());
    var form = new LinkedMultiValueMap<String, Object>();
    form.add("deployment-name", "from-modeler");
    form.add("deployment-source", "Camunda Modeler");
    form.add("data", new ByteArrayResource(bpmn.getBytes()) {
      @Override
      public String getFilename() {
        return "modeler-deployed.bpmn";
      }
    });
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    headers.set("X-Requested-With", "XMLHttpRequest"); // a script's multipart post says it is no cross-site form
    return http.withBasicAuth(user, user).exchange("/engine-rest/deployment/create", HttpMethod.POST,
        new HttpEntity<>(form, headers), String.class);
  }

  HttpStatus webappLogin(String user, String app) {
    return HttpStatus.valueOf(WebappLogin.login(http, user, app).response().getStatusCode().value());
  }
}
