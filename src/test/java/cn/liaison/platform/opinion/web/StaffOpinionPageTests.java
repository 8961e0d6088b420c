package cn.liaison.platform.opinion.web;

import static org.assertj.core.api.Assertions.assertThat;

import cn.liaison.platform.JsonBodies;
import cn.liaison.platform.PlatformTest;
import cn.liaison.platform.WebappLogin;
import cn.liaison.platform.opinion.OpinionLoopProcess.SortDecision;
import cn.liaison.platform.opinion.OpinionLoopProcess.Var;
import cn.liaison.platform.opinion.OpinionService;
import cn.liaison.platform.opinion.OpinionSubmission;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** The opinion card that Tasklist forms link to: full contact for station staff only, nothing for outsiders. */
@PlatformTest
class StaffOpinionPageTests {

  @Autowired TestRestTemplate http;
  @Autowired OpinionService opinions;
  @Autowired org.camunda.bpm.engine.TaskService taskService;

  String ticket;

  @BeforeEach
  void citizenLeftPhoneNumber() {
    ticket = opinions.submit(new OpinionSubmission("cy-anticorrosion", "INDUSTRY",
        "防腐企业用电负荷大，希望协调电力扩容。", "长垣市防腐产业园", "李先生", "13912345678", false, true, null), null)
        .ticketNo();
  }

  @Test
  void stationStaffSeeTheFullPhoneNumberToCallBack() {
    String page = page("staff1").getBody();
    assertThat(page).contains(ticket, "13912345678", "李先生", "防腐企业用电负荷大", "长垣市防腐产业代表联络站");
  }

  @Test
  void analystsSeeTheOpinionWithTheContactMasked() {
    ResponseEntity<String> page = page("analyst1");
    assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(page.getBody()).contains("139****5678").doesNotContain("13912345678", "李先生");
  }

  @Test
  void departmentsNotInChargeAndStrangersSeeNothing() {
    assertThat(page("finance1").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    ResponseEntity<String> anonymous = http.getForEntity("/staff/opinions/" + ticket, String.class);
    assertThat(anonymous.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(anonymous.getBody()).contains("请先登录任务列表").doesNotContain("13912345678");
  }

  @Test
  void tasklistUserWithAnInvalidDecisionGetsTheChineseMessageNotAServerError() {
    String taskId = taskService.createTaskQuery().processInstanceBusinessKey(ticket).singleResult().getId();
    WebappLogin.Login staff = WebappLogin.login(http, "staff1", "tasklist");
    var submit = http.exchange("/camunda/api/engine/engine/default/task/" + taskId + "/submit-form", HttpMethod.POST,
        JsonBodies.json(Map.of("variables", Map.of(Var.SORT_DECISION, Map.of("value", SortDecision.DUPLICATE.name()),
            Var.DUPLICATE_OF, Map.of("value", "YJ20200101-0001"))), staff.headers()), String.class);
    assertThat(submit.getStatusCode()).as(submit.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(submit.getBody()).contains("本联络站没有受理编号为 YJ20200101-0001 的意见").doesNotContain("ENGINE-");
    assertThat(taskService.createTaskQuery().taskId(taskId).count()).isOne();
  }

  @Test
  void taskCardsShowTheTicketToEveryoneWhoMayWorkTheTask() {
    String taskId = taskService.createTaskQuery().processInstanceBusinessKey(ticket).singleResult().getId();
    var variables = http.withBasicAuth("staff1", "staff1").getForEntity("/engine-rest/task/" + taskId
        + "/localVariables", String.class);
    assertThat(variables.getBody()).contains(ticket, "产业发展与企业服务", "长垣市防腐产业代表联络站")
        .doesNotContain("13912345678");
  }

  @Test
  void supervisorsHaveTheirOwnTasklistFilter() {
    var filters = http.withBasicAuth("supervisor1", "supervisor1").exchange("/engine-rest/filter", HttpMethod.GET,
        null, new ParameterizedTypeReference<List<Map<String, Object>>>() {}).getBody();
    assertThat(filters).extracting(f -> f.get("name")).contains("督办事项", "待办", "已超期");
    var staffFilters = http.withBasicAuth("staff1", "staff1").exchange("/engine-rest/filter", HttpMethod.GET,
        null, new ParameterizedTypeReference<List<Map<String, Object>>>() {}).getBody();
    assertThat(staffFilters).extracting(f -> f.get("name")).doesNotContain("督办事项");
  }

  ResponseEntity<String> page(String user) {
    return WebappLogin.getAs(http, user, "/staff/opinions/" + ticket);
  }
}
