package cn.liaison.platform.proposal.web;

import static org.assertj.core.api.Assertions.assertThat;

import cn.liaison.platform.JsonBodies;
import cn.liaison.platform.PlatformTest;
import cn.liaison.platform.WebappLogin;
import cn.liaison.platform.proposal.DeputyProposalProcess;
import cn.liaison.platform.opinion.OpinionService;
import cn.liaison.platform.opinion.OpinionSubmission;
import cn.liaison.platform.system.RateLimiter;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The proposal's card linked from the proposal forms: its lead deputy, co-signer and the congress office read it
 * with the linked opinion's contact masked and the forum suggestion; an unrelated deputy and another station's staff
 * get the page of an unknown number, and nobody logged in is asked to log in.
 */
@PlatformTest
class StaffProposalPageTests {

  @Autowired TestRestTemplate http;
  @Autowired JdbcTemplate jdbc;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired OpinionService opinionService;
  @Autowired RateLimiter rateLimiter;

  String proposalNo;
  String ticketNo;
  String forumNo;

  @BeforeEach
  void deputy3LeadsAProposalWithAnOpinionAndAForumSuggestion() {
    rateLimiter.reset();
    ticketNo = opinionRoutedToDeputy3();
    forumNo = "ZT2097-" + (System.nanoTime() % 90_000 + 10_000);
    Timestamp now = Timestamp.from(Instant.now());
    jdbc.update("INSERT INTO forum (forum_no, station_code, topic, sector, starts_at, place, status, created_by, "
        + "created_at) VALUES (?, 'cy-crane', '起重产业发展座谈会', '起重', ?, '起重工业园会议室', 'RECORDED', 'staff1', ?)",
        forumNo, now, now);
    long forumId = jdbc.queryForObject("SELECT id FROM forum WHERE forum_no = ?", Long.class, forumNo);
    jdbc.update("INSERT INTO forum_suggestion (forum_id, proposer_kind, proposer, category, content, disposition, "
        + "status, created_by, created_at) VALUES (?, 'DEPUTY', 'deputy3', 'SAFETY', ?, 'PROPOSAL', "
        + "'PROPOSAL_CANDIDATE', 'staff1', ?)", forumId, "建议建立区域性的起重机械检验检测中心，方便企业就近检验。", now);
    long suggestionId = jdbc.queryForObject("SELECT MAX(id) FROM forum_suggestion WHERE forum_id = ?", Long.class,
        forumId);

    Map<String, Object> body = new HashMap<>();
    body.put("title", "关于起重行业安全培训的建议");
    body.put("reasons", "起重企业多，作业人员持证率低，安全隐患突出。");
    body.put("content", "建议每季度组织一次起重作业人员培训考核。");
    body.put("category", "SAFETY");
    body.put("leadDeputy", "deputy3");
    body.put("coSigners", List.of("deputy7"));
    body.put("opinionTickets", List.of(ticketNo));
    body.put("forumSuggestionIds", List.of(suggestionId));
    HttpHeaders headers = new HttpHeaders();
    headers.setBasicAuth("deputy3", "deputy3");
    ResponseEntity<String> created = http.exchange("/api/proposals", HttpMethod.POST, JsonBodies.json(body, headers),
        String.class);
    assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(HttpStatus.CREATED);
    proposalNo = JsonBodies.tree(created.getBody()).path("proposalNo").asText();
  }

  @Test
  void theLeadReadsTheWholeProposalWithTheCitizensContactMasked() {
    ResponseEntity<String> page = page("deputy3", proposalNo);
    assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(page.getBody()).contains("关于起重行业安全培训的建议", proposalNo, "联名中", "案由", "起重企业多，作业人员持证率低",
        "建议每季度组织一次起重作业人员培训考核", "秦振起", "待确认", "尚未交办", ticketNo, "138****5678", forumNo,
        "建议建立区域性的起重机械检验检测中心", "提出建议")
        .doesNotContain("13812345678", "李某");
    // the co-signer still deciding and the congress office read it too
    assertThat(page("deputy7", proposalNo).getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(page("office1", proposalNo).getStatusCode()).isEqualTo(HttpStatus.OK);
  }

  @Test
  void anUnrelatedDeputyOrAnotherStationsStaffSeeThePageOfAnUnknownNumber() {
    ResponseEntity<String> unknown = page("deputy1", "JY2099-9999");
    assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(unknown.getBody()).contains("未找到该代表建议，或您无权查看。");
    for (String stranger : List.of("deputy1", "staff2")) {
      ResponseEntity<String> denied = page(stranger, proposalNo);
      assertThat(denied.getStatusCode()).as(stranger).isEqualTo(HttpStatus.NOT_FOUND);
      assertThat(denied.getBody()).as(stranger).isEqualTo(unknown.getBody())
          .doesNotContain("起重作业人员培训考核", "138****5678");
    }
  }

  @Test
  void nobodyLoggedInIsAskedToLogIntoTasklist() {
    ResponseEntity<String> anonymous = http.getForEntity("/staff/proposals/" + proposalNo, String.class);
    assertThat(anonymous.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(anonymous.getBody()).contains("请先登录任务列表").doesNotContain("起重作业人员培训考核");
  }

  @Test
  void theUnitItIsAssignedToReadsItWithItsAnswerAndOtherUnitsDoNot() {
    Map<String, Object> body = new HashMap<>();
    body.put("title", "关于起重机械检验检测的建议");
    body.put("reasons", "起重机械检验要到外地，企业负担重，检验周期长。");
    body.put("content", "建议在长垣设立起重机械检验检测中心。");
    body.put("category", "SAFETY");
    body.put("leadDeputy", "deputy3");
    body.put("coSigners", List.of());
    HttpHeaders headers = new HttpHeaders();
    headers.setBasicAuth("deputy3", "deputy3");
    String no = JsonBodies.tree(http.exchange("/api/proposals", HttpMethod.POST, JsonBodies.json(body, headers),
        String.class).getBody()).path("proposalNo").asText();
    String pi = runtime.createProcessInstanceQuery().processInstanceBusinessKey(no).singleResult().getId();
    tasks.complete(tasks.createTaskQuery().processInstanceId(pi).singleResult().getId(),
        Map.of(DeputyProposalProcess.Var.PROPOSAL_REVIEW, "ACCEPT"));
    tasks.complete(tasks.createTaskQuery().processInstanceId(pi).singleResult().getId(), Map.of(
        DeputyProposalProcess.Var.HANDLING_MODE, "LEAD_ASSIST", DeputyProposalProcess.Var.LEAD_UNIT, "dept-water"));
    tasks.complete(tasks.createTaskQuery().processInstanceId(pi).singleResult().getId(), Map.of(
        DeputyProposalProcess.Var.HANDLING_ACTION, "REPLY",
        DeputyProposalProcess.Var.CONTACTED_ON, LocalDate.now(ZoneId.of("Asia/Shanghai")).minusDays(1).toString(),
        DeputyProposalProcess.Var.CONTACT_WAY, "VISIT", DeputyProposalProcess.Var.PROPOSAL_RESULT, "A",
        DeputyProposalProcess.Var.REPLY_TEXT, "已与市场监管部门协商，检验检测中心列入明年计划。"));

    ResponseEntity<String> page = page("water1", no);
    assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(page.getBody()).contains("县水利局", "主办", "主办协办", "A 类", "检验检测中心列入明年计划", "办前联系");
    assertThat(page("finance1", no).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
  }

  ResponseEntity<String> page(String user, String no) {
    return WebappLogin.getAs(http, user, "/staff/proposals/" + no);
  }

  /** An opinion at the crane station, routed by an analyst to a proposal of deputy3. */
  String opinionRoutedToDeputy3() {
    var submitted = opinionService.submit(new OpinionSubmission("cy-crane", "SAFETY",
        "起重作业人员很多没有证，吊装时经常出险情，希望代表呼吁加强培训。", "长垣市起重工业园", "李某", "13812345678", false, true,
        null), null);
    String pi = runtime.createProcessInstanceQuery().processInstanceBusinessKey(submitted.ticketNo()).singleResult()
        .getId();
    tasks.complete(tasks.createTaskQuery().processInstanceId(pi).singleResult().getId(), Map.of(
        "sortDecision", "CONFIRM", "category", "SAFETY", "departmentCode", "dept-market", "grade", "GENERAL",
        "deadlineDays", 5));
    tasks.complete(tasks.createTaskQuery().processInstanceId(pi).singleResult().getId(), Map.of(
        "route", "TO_PROPOSAL", "proposalDeputy", "deputy3"));
    return submitted.ticketNo();
  }
}
