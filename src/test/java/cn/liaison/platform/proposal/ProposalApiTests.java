package cn.liaison.platform.proposal;

import static org.assertj.core.api.Assertions.assertThat;

import cn.liaison.platform.JsonBodies;
import cn.liaison.platform.PlatformTest;
import cn.liaison.platform.scenario.CountyScenario;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The proposal API as deputies, station staff, the congress office, departments and strangers use it: numbered
 * JY&lt;year&gt;-nnnn, every mistake refused with a Chinese message per field and nothing stored, and each proposal
 * readable only by its lead, co-signers, the congress office, its units, analysts and the lead's station staff.
 */
@PlatformTest
class ProposalApiTests {

  @Autowired TestRestTemplate http;
  @Autowired JdbcTemplate jdbc;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired org.camunda.bpm.engine.ManagementService management;
  @RegisterExtension final CountyScenario county = CountyScenario.eachTest();
  @Autowired cn.liaison.platform.opinion.OpinionService opinionService;
  @Autowired org.camunda.bpm.engine.FilterService filters;
  @Autowired org.camunda.bpm.engine.IdentityService identity;


  @Test
  void deputySubmitsOwnProposalWithACoSignerAndItsReadersSeeIt() {
    ResponseEntity<String> created = call("deputy3", HttpMethod.POST, "/api/proposals", proposal("deputy3",
        List.of("deputy7")));
    assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    String no = JsonBodies.tree(created.getBody()).path("proposalNo").asText();
    assertThat(no).matches("JY2\\d{3}-\\d{4}");
    assertThat(created.getHeaders().getLocation()).hasToString("/api/proposals/" + no);

    for (String reader : List.of("deputy3", "deputy7", "office1", "analyst1", "staff1")) {
      ResponseEntity<String> read = call(reader, HttpMethod.GET, "/api/proposals/" + no, null);
      assertThat(read.getStatusCode()).as(reader).isEqualTo(HttpStatus.OK);
    }
    JsonNode view = JsonBodies.tree(call("deputy7", HttpMethod.GET, "/api/proposals/" + no, null).getBody());
    assertThat(view.path("title").asText()).isEqualTo("关于起重行业安全培训的建议");
    assertThat(view.path("leadDeputyName").asText()).isEqualTo("秦振起");
    assertThat(view.path("categoryName").asText()).isEqualTo("安全隐患");
    assertThat(view.path("status").asText()).isEqualTo("CO_SIGNING");
    assertThat(view.path("statusLabel").asText()).isEqualTo("联名中");
    assertThat(view.path("coSigners").get(0).path("userId").asText()).isEqualTo("deputy7");
    assertThat(view.path("coSigners").get(0).path("decisionLabel").asText()).isEqualTo("待确认");
    assertThat(view.path("timeline").get(0).path("title").asText()).isEqualTo("提出建议");
    // the co-signer's task is theirs alone
    String pi = runtime.createProcessInstanceQuery().processInstanceBusinessKey(no).singleResult().getId();
    assertThat(tasks.createTaskQuery().processInstanceId(pi).singleResult().getAssignee()).isEqualTo("deputy7");
  }

  @Test
  void othersCannotReadAProposalAndUnknownNumbersAreNotFound() {
    String no = submitted("deputy3", List.of());
    // another deputy, another station's staff, a department it is not assigned to
    for (String stranger : List.of("deputy1", "staff2", "water1", "supervisor1")) {
      assertThat(call(stranger, HttpMethod.GET, "/api/proposals/" + no, null).getStatusCode()).as(stranger)
          .isEqualTo(HttpStatus.FORBIDDEN);
    }
    assertThat(call(null, HttpMethod.GET, "/api/proposals/" + no, null).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    ResponseEntity<String> unknown = call("office1", HttpMethod.GET, "/api/proposals/JY2026-9999", null);
    assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(unknown.getBody()).contains("代表建议不存在");
  }

  @Test
  void assignedUnitsReadTheProposalWithTheirRolesAndOtherUnitsDoNot() {
    String no = submitted("deputy3", List.of());
    String pi = runtime.createProcessInstanceQuery().processInstanceBusinessKey(no).singleResult().getId();
    tasks.complete(tasks.createTaskQuery().processInstanceId(pi).singleResult().getId(),
        Map.of(DeputyProposalProcess.Var.PROPOSAL_REVIEW, "ACCEPT"));
    tasks.complete(tasks.createTaskQuery().processInstanceId(pi).singleResult().getId(),
        Map.of(DeputyProposalProcess.Var.HANDLING_MODE, "LEAD_ASSIST", DeputyProposalProcess.Var.LEAD_UNIT,
            "dept-water", DeputyProposalProcess.Var.ASSIST_UNITS, "[\"dept-finance\"]"));

    ResponseEntity<String> read = call("finance1", HttpMethod.GET, "/api/proposals/" + no, null);
    assertThat(read.getStatusCode()).isEqualTo(HttpStatus.OK);
    JsonNode view = JsonBodies.tree(read.getBody());
    assertThat(view.path("statusLabel").asText()).isEqualTo("办理中");
    assertThat(view.path("handlingModeLabel").asText()).isEqualTo("主办协办");
    assertThat(view.path("units").get(0).path("name").asText()).isEqualTo("县水利局");
    assertThat(view.path("units").get(0).path("roleLabel").asText()).isEqualTo("主办");
    assertThat(view.path("units").get(1).path("roleLabel").asText()).isEqualTo("协办");
    assertThat(call("water1", HttpMethod.GET, "/api/proposals/" + no, null).getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(call("town1", HttpMethod.GET, "/api/proposals/" + no, null).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
  }

  @Test
  void stationStaffEntersAProposalForTheirStationsDeputyWhoConfirmsItInTasklist() {
    ResponseEntity<String> created = call("staff1", HttpMethod.POST, "/api/proposals", proposal("deputy3", List.of()));
    assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    String no = JsonBodies.tree(created.getBody()).path("proposalNo").asText();
    String pi = runtime.createProcessInstanceQuery().processInstanceBusinessKey(no).singleResult().getId();
    var confirm = tasks.createTaskQuery().processInstanceId(pi).singleResult();
    assertThat(confirm.getTaskDefinitionKey()).isEqualTo(DeputyProposalProcess.Task.CONFIRM);
    assertThat(confirm.getAssignee()).isEqualTo("deputy3");
    assertThat(JsonBodies.tree(call("deputy3", HttpMethod.GET, "/api/proposals/" + no, null).getBody())
        .path("statusLabel").asText()).isEqualTo("待领衔代表确认");
  }

  @Test
  void nobodySubmitsForADeputyTheyDoNotServe() {
    int before = count();
    // a deputy for another deputy; staff of another station; a department; the congress office
    assertThat(call("deputy1", HttpMethod.POST, "/api/proposals", proposal("deputy3", List.of())).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(call("staff2", HttpMethod.POST, "/api/proposals", proposal("deputy3", List.of())).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(call("water1", HttpMethod.POST, "/api/proposals", proposal("deputy3", List.of())).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(call("office1", HttpMethod.POST, "/api/proposals", proposal("deputy3", List.of())).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(call(null, HttpMethod.POST, "/api/proposals", proposal("deputy3", List.of())).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(count()).isEqualTo(before);
  }

  @Test
  void mistakesAreRefusedWithAMessagePerFieldAndNothingIsStored() {
    int before = count();
    Map<String, Object> body = new HashMap<>();
    body.put("title", "起重行业安全培训");
    body.put("reasons", "太短");
    body.put("category", "MOON");
    body.put("leadDeputy", "deputy3");
    body.put("coSigners", List.of("deputy3", "staff1"));
    body.put("opinionTickets", List.of("YJ20261130-0001"));
    ResponseEntity<String> refused = call("deputy3", HttpMethod.POST, "/api/proposals", body);
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    JsonNode problem = JsonBodies.tree(refused.getBody());
    String errors = problem.toString();
    assertThat(errors).contains("建议标题的格式应为“关于……的建议”", "请填写案由，至少 10 个字", "请填写建议内容",
        "建议类别不正确", "受理编号为 YJ20261130-0001 的意见不在待转代表建议的意见中");
    assertThat(errors).containsAnyOf("领衔代表不能同时作为联名代表", "“staff1”不是人大代表组的用户");

    body = proposal("deputy3", List.of("deputy7", "deputy7"));
    assertThat(call("deputy3", HttpMethod.POST, "/api/proposals", body).getBody()).contains("联名代表“deputy7”重复");
    body = proposal("staff1", List.of());
    assertThat(call("analyst1", HttpMethod.POST, "/api/proposals", body).getBody())
        .contains("“staff1”不是人大代表组的用户");
    assertThat(count()).isEqualTo(before);
  }

  @Test
  void theStationsProposalPoolListsOpinionsRoutedToProposalsUntilADeputyTakesThemUp() {
    String ticket = opinionForProposal();
    ResponseEntity<String> pool = call("staff1", HttpMethod.GET, "/api/proposals/candidates?station=cy-crane", null);
    assertThat(pool.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(pool.getBody()).contains(ticket, "138****5678", "安全隐患").doesNotContain("13812345678", "李某");
    for (String reader : List.of("deputy3", "analyst1", "office1")) {
      assertThat(call(reader, HttpMethod.GET, "/api/proposals/candidates?station=cy-crane", null).getBody()).as(reader)
          .contains(ticket);
    }
    // a deputy of another station, another station's staff, a department
    for (String stranger : List.of("deputy5", "staff2", "water1")) {
      assertThat(call(stranger, HttpMethod.GET, "/api/proposals/candidates?station=cy-crane", null).getStatusCode())
          .as(stranger).isEqualTo(HttpStatus.FORBIDDEN);
    }
    assertThat(call("office1", HttpMethod.GET, "/api/proposals/candidates?station=moon", null).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(call("office1", HttpMethod.GET, "/api/proposals/candidates", null).getStatusCode())
        .isEqualTo(HttpStatus.BAD_REQUEST);

    // the station's head takes it up in a proposal: it leaves the pool, and no other proposal may take it
    Map<String, Object> body = proposal("deputy3", List.of());
    body.put("opinionTickets", List.of(ticket));
    ResponseEntity<String> created = call("deputy3", HttpMethod.POST, "/api/proposals", body);
    assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    String no = JsonBodies.tree(created.getBody()).path("proposalNo").asText();
    assertThat(call("staff1", HttpMethod.GET, "/api/proposals/candidates?station=cy-crane", null).getBody())
        .doesNotContain(ticket);
    JsonNode view = JsonBodies.tree(call("deputy3", HttpMethod.GET, "/api/proposals/" + no, null).getBody());
    assertThat(view.path("linkedOpinions").get(0).path("ticketNo").asText()).isEqualTo(ticket);
    assertThat(view.path("linkedOpinions").get(0).path("contactMasked").asText()).isEqualTo("138****5678");
    assertThat(call("deputy3", HttpMethod.POST, "/api/proposals", body).getBody()).contains("已在另一件代表建议中");
    // a deputy of another station may not take up the crane station's opinions
    String other = opinionForProposal();
    Map<String, Object> foreign = proposal("deputy5", List.of());
    foreign.put("opinionTickets", List.of(other));
    assertThat(call("deputy5", HttpMethod.POST, "/api/proposals", foreign).getBody())
        .contains("不属于领衔代表所在的联络站");
  }

  @Test
  void deputiesFindTheirProposalTasksInTheirOwnFilter() {
    String no = submitted("deputy3", List.of("deputy7"));
    String pi = runtime.createProcessInstanceQuery().processInstanceBusinessKey(no).singleResult().getId();
    var filter = filters.createFilterQuery().filterName("我的建议").singleResult();
    assertThat(filter).isNotNull();
    assertThat(filters.createFilterQuery().filterName("待交办建议").count()).isEqualTo(1);
    assertThat(filters.createFilterQuery().filterName("建议办理").count()).isEqualTo(1);
    try {
      identity.setAuthentication("deputy7", List.of("deputies"));
      assertThat(filters.<org.camunda.bpm.engine.task.Task>list(filter.getId()))
          .anyMatch(t -> t.getTaskDefinitionKey().equals(DeputyProposalProcess.Task.CO_SIGN)
              && t.getProcessInstanceId().equals(pi));
      identity.setAuthentication("deputy1", List.of("deputies"));
      assertThat(filters.<org.camunda.bpm.engine.task.Task>list(filter.getId()))
          .noneMatch(t -> t.getProcessInstanceId().equals(pi));
    } finally {
      identity.clearAuthentication();
    }
  }

  @Test
  void throughTheEngineApiNobodyWorksAnotherDeputysOrUnitsProposalTask() {
    String no = submitted("deputy3", List.of("deputy7"));
    String pi = runtime.createProcessInstanceQuery().processInstanceBusinessKey(no).singleResult().getId();
    String coSign = tasks.createTaskQuery().processInstanceId(pi).singleResult().getId();
    Map<String, Object> agree = Map.of("variables", Map.of("coSignDecision", Map.of("value", "AGREE")));
    // another deputy, the congress office, a department: not their task
    for (String stranger : List.of("deputy1", "office1", "water1")) {
      assertThat(call(stranger, HttpMethod.POST, "/engine-rest/task/" + coSign + "/complete", agree).getStatusCode()
          .value()).as(stranger).isIn(403, 404);
    }
    // the co-signer himself cannot point his task at another proposal or co-signer, nor set variables
    ResponseEntity<String> forged = call("deputy7", HttpMethod.POST, "/engine-rest/task/" + coSign + "/complete",
        Map.of("variables", Map.of("coSignDecision", Map.of("value", "AGREE"), "proposalId", Map.of("value", 1))));
    assertThat(forged.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(forged.getBody()).contains("此任务不接受变量");
    assertThat(call("deputy7", HttpMethod.POST, "/engine-rest/task/" + coSign + "/variables",
        Map.of("modifications", Map.of("coSigner", Map.of("value", "deputy1")))).getStatusCode().value())
        .isIn(403, 404);
    assertThat(tasks.createTaskQuery().taskId(coSign).count()).isEqualTo(1);
    // his own decision goes through
    assertThat(call("deputy7", HttpMethod.POST, "/engine-rest/task/" + coSign + "/complete", agree).getStatusCode())
        .isEqualTo(HttpStatus.NO_CONTENT);

    // a department completes only its own unit's 办理
    String review = tasks.createTaskQuery().processInstanceId(pi).singleResult().getId();
    tasks.complete(review, Map.of(DeputyProposalProcess.Var.PROPOSAL_REVIEW, "ACCEPT"));
    tasks.complete(tasks.createTaskQuery().processInstanceId(pi).singleResult().getId(), Map.of(
        DeputyProposalProcess.Var.HANDLING_MODE, "LEAD_ASSIST", DeputyProposalProcess.Var.LEAD_UNIT, "dept-water"));
    String handle = tasks.createTaskQuery().processInstanceId(pi).singleResult().getId();
    Map<String, Object> reply = Map.of("variables", Map.of("handlingAction", Map.of("value", "RETURN"),
        "returnReason", Map.of("value", "不是本单位的事")));
    assertThat(call("town1", HttpMethod.POST, "/engine-rest/task/" + handle + "/complete", reply).getStatusCode()
        .value()).isIn(403, 404);
    assertThat(tasks.createTaskQuery().taskId(handle).count()).isEqualTo(1);
  }

  @Test
  void theLeadsOwnForumSuggestionsBecomePartOfOneProposalAndTheForumShowsIt() {
    String forumNo = forumAtTheCraneStation();
    long own = forumSuggestion(forumNo, "deputy3", "PROPOSAL", "PROPOSAL_CANDIDATE");
    long anotherDeputys = forumSuggestion(forumNo, "deputy7", "PROPOSAL", "PROPOSAL_CANDIDATE");
    long minutesOnly = forumSuggestion(forumNo, "deputy3", "RECORD", "RECORDED");

    // the station's pool lists it beside the opinions, by kind
    JsonNode pool = JsonBodies.tree(call("deputy3", HttpMethod.GET, "/api/proposals/candidates?station=cy-crane", null)
        .getBody());
    JsonNode candidate = null;
    for (JsonNode c : pool) {
      if (c.path("forumSuggestionId").asLong() == own) {
        candidate = c;
      }
    }
    assertThat(candidate).isNotNull();
    assertThat(candidate.path("kind").asText()).isEqualTo("FORUM_SUGGESTION");
    assertThat(candidate.path("forumNo").asText()).isEqualTo(forumNo);
    assertThat(candidate.path("proposalDeputy").asText()).isEqualTo("deputy3");

    // another deputy's suggestion, an unknown id, one kept in the minutes only, the same one twice: nothing stored
    int before = count();
    Map<String, Object> wrong = proposal("deputy3", List.of());
    wrong.put("forumSuggestionIds", List.of(anotherDeputys, 987654321L, minutesOnly, own, own));
    Map<String, String> errors = errors(call("deputy3", HttpMethod.POST, "/api/proposals", wrong));
    assertThat(errors).containsEntry("forumSuggestionIds[0]", "座谈会建议 " + anotherDeputys + " 不是领衔代表在座谈会上提出的")
        .containsEntry("forumSuggestionIds[1]", "座谈会建议 987654321 不在待形成代表建议的座谈会建议中")
        .containsEntry("forumSuggestionIds[2]", "座谈会建议 " + minutesOnly + " 不在待形成代表建议的座谈会建议中")
        .containsEntry("forumSuggestionIds[4]", "座谈会建议 " + own + " 重复")
        .doesNotContainKey("forumSuggestionIds[3]");
    assertThat(count()).isEqualTo(before);
    assertThat(suggestionState(own)).isEqualTo("PROPOSAL_CANDIDATE/null");

    // the lead takes his own suggestion up
    Map<String, Object> body = proposal("deputy3", List.of());
    body.put("forumSuggestionIds", List.of(own));
    ResponseEntity<String> created = call("deputy3", HttpMethod.POST, "/api/proposals", body);
    assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(HttpStatus.CREATED);
    String no = JsonBodies.tree(created.getBody()).path("proposalNo").asText();
    assertThat(suggestionState(own)).isEqualTo("PROPOSAL_LINKED/" + no);
    JsonNode view = JsonBodies.tree(call("deputy3", HttpMethod.GET, "/api/proposals/" + no, null).getBody());
    assertThat(view.path("forumSuggestions")).singleElement().satisfies(f -> {
      assertThat(f.path("forumNo").asText()).isEqualTo(forumNo);
      assertThat(f.path("content").asText()).isEqualTo("起重企业希望建立区域性的起重机械检验检测中心（" + own + "）。");
    });
    assertThat(view.path("timeline").get(0).path("detail").asText()).contains(forumNo);
    JsonNode forum = JsonBodies.tree(call("staff1", HttpMethod.GET, "/api/forums/" + forumNo, null).getBody());
    for (JsonNode s : forum.path("suggestions")) {
      if (s.path("id").asLong() == own) {
        assertThat(s.path("status").asText()).isEqualTo("PROPOSAL_LINKED");
        assertThat(s.path("statusLabel").asText()).isEqualTo("已形成代表建议");
        assertThat(s.path("proposalNo").asText()).isEqualTo(no);
      }
    }
    assertThat(call("staff1", HttpMethod.GET, "/api/proposals/candidates?station=cy-crane", null).getBody())
        .doesNotContain("\"forumSuggestionId\":" + own + ",", "\"forumSuggestionId\":" + own + "}");

    // a second proposal may not take it again
    assertThat(errors(call("deputy3", HttpMethod.POST, "/api/proposals", body)))
        .containsEntry("forumSuggestionIds[0]", "座谈会建议 " + own + " 已在另一件代表建议中");
    assertThat(count()).isEqualTo(before + 1);
  }

  @Test
  void aWithdrawnProposalGivesItsForumSuggestionsBackAsMaterial() {
    String forumNo = forumAtTheCraneStation();
    long own = forumSuggestion(forumNo, "deputy3", "PROPOSAL", "PROPOSAL_CANDIDATE");
    Map<String, Object> body = proposal("deputy3", List.of());
    body.put("forumSuggestionIds", List.of(own));
    // entered by the station's staff: deputy3 withdraws it when asked to confirm
    ResponseEntity<String> created = call("staff1", HttpMethod.POST, "/api/proposals", body);
    assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(HttpStatus.CREATED);
    String no = JsonBodies.tree(created.getBody()).path("proposalNo").asText();
    assertThat(suggestionState(own)).isEqualTo("PROPOSAL_LINKED/" + no);
    String pi = runtime.createProcessInstanceQuery().processInstanceBusinessKey(no).singleResult().getId();
    tasks.complete(tasks.createTaskQuery().processInstanceId(pi).singleResult().getId(),
        Map.of(DeputyProposalProcess.Var.CONFIRM_DECISION, "WITHDRAW"));
    management.createJobQuery().processInstanceId(pi).executable().list()
        .forEach(j -> management.executeJob(j.getId()));
    assertThat(suggestionState(own)).isEqualTo("PROPOSAL_CANDIDATE/null");
    assertThat(call("deputy3", HttpMethod.GET, "/api/proposals/" + no, null).getBody())
        .contains("关联的座谈会建议重新作为代表建议素材");
  }

  static final java.util.concurrent.atomic.AtomicInteger FORUMS = new java.util.concurrent.atomic.AtomicInteger();

  /** A forum held at the crane station (stored as the forum feature would; its process is not needed here). */
  String forumAtTheCraneStation() {
    String no = "ZT2098-" + String.format("%04d", FORUMS.incrementAndGet() + (int) (System.nanoTime() % 5000 + 5000));
    jdbc.update("INSERT INTO forum (forum_no, station_code, topic, sector, starts_at, place, status, created_by, "
        + "created_at) VALUES (?, 'cy-crane', '起重产业发展座谈会', '起重', ?, '起重工业园会议室', 'HELD', 'staff1', ?)", no,
        java.sql.Timestamp.from(java.time.Instant.now()), java.sql.Timestamp.from(java.time.Instant.now()));
    return no;
  }

  long forumSuggestion(String forumNo, String deputy, String disposition, String status) {
    long forumId = jdbc.queryForObject("SELECT id FROM forum WHERE forum_no = ?", Long.class, forumNo);
    jdbc.update("INSERT INTO forum_suggestion (forum_id, proposer_kind, proposer, category, content, disposition, "
        + "status, created_by, created_at) VALUES (?, 'DEPUTY', ?, 'SAFETY', '待定', ?, ?, 'staff1', ?)", forumId,
        deputy, disposition, status, java.sql.Timestamp.from(java.time.Instant.now()));
    long id = jdbc.queryForObject("SELECT MAX(id) FROM forum_suggestion WHERE forum_id = ?", Long.class, forumId);
    jdbc.update("UPDATE forum_suggestion SET content = ? WHERE id = ?",
        "起重企业希望建立区域性的起重机械检验检测中心（" + id + "）。", id);
    return id;
  }

  String suggestionState(long id) {
    return jdbc.queryForObject("SELECT status || '/' || COALESCE(proposal_ref, 'null') FROM forum_suggestion WHERE id = ?",
        String.class, id);
  }

  static Map<String, String> errors(ResponseEntity<String> answer) {
    assertThat(answer.getStatusCode()).as(answer.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
    Map<String, String> errors = new java.util.LinkedHashMap<>();
    JsonBodies.tree(answer.getBody()).path("errors")
        .forEach(e -> errors.put(e.path("field").asText(), e.path("message").asText()));
    return errors;
  }

  /** An opinion at the crane station that an analyst routed to a proposal; returns its ticket. */
  String opinionForProposal() {
    var submitted = opinionService.submit(new cn.liaison.platform.opinion.OpinionSubmission("cy-crane", "SAFETY",
        "起重作业人员很多没有证，吊装时经常出险情，希望代表呼吁加强培训。", "长垣市起重工业园", "李某", "13812345678", false, true,
        null), null);
    String opinionPi = runtime.createProcessInstanceQuery().processInstanceBusinessKey(submitted.ticketNo())
        .singleResult().getId();
    tasks.complete(tasks.createTaskQuery().processInstanceId(opinionPi).singleResult().getId(), Map.of(
        "sortDecision", "CONFIRM", "category", "SAFETY", "departmentCode", "dept-market", "grade", "GENERAL",
        "deadlineDays", 5));
    tasks.complete(tasks.createTaskQuery().processInstanceId(opinionPi).singleResult().getId(), Map.of(
        "route", "TO_PROPOSAL", "proposalDeputy", "deputy3"));
    return submitted.ticketNo();
  }

  @Test
  void numbersFollowEachOtherWithinTheYear() {
    String first = submitted("deputy3", List.of());
    String second = submitted("deputy3", List.of());
    assertThat(second.substring(0, 7)).isEqualTo(first.substring(0, 7));
    assertThat(Integer.parseInt(second.substring(7))).isEqualTo(Integer.parseInt(first.substring(7)) + 1);
  }

  String submitted(String lead, List<String> coSigners) {
    ResponseEntity<String> created = call(lead, HttpMethod.POST, "/api/proposals", proposal(lead, coSigners));
    assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    return JsonBodies.tree(created.getBody()).path("proposalNo").asText();
  }

  static Map<String, Object> proposal(String lead, List<String> coSigners) {
    Map<String, Object> body = new HashMap<>();
    body.put("title", "关于起重行业安全培训的建议");
    body.put("reasons", "起重企业多，作业人员持证率低，安全隐患突出。");
    body.put("content", "建议每季度组织一次起重作业人员培训考核。");
    body.put("category", "SAFETY");
    body.put("leadDeputy", lead);
    body.put("coSigners", coSigners);
    return body;
  }

  int count() {
    return jdbc.queryForObject("SELECT COUNT(*) FROM proposal", Integer.class);
  }

  ResponseEntity<String> call(String user, HttpMethod method, String path, Object body) {
    return county.as(user).exchange(method, path, body);
  }
}
