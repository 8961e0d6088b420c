package cn.liaison.platform.forum.web;

import static org.assertj.core.api.Assertions.assertThat;

import cn.liaison.platform.JsonBodies;
import cn.liaison.platform.PlatformTest;
import cn.liaison.platform.forum.ForumProcess;
import cn.liaison.platform.forum.Forums;
import cn.liaison.platform.opinion.OpinionLoopProcess;
import cn.liaison.platform.scenario.CountyScenario;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Industry forums through the API as the crane station's staff (staff1), the staff of another station (staff2), an
 * analyst, the congress office, deputies and citizens: scheduling, sign-in, suggestions with their three
 * dispositions, participation rate, and every mistake refused field by field with nothing stored.
 */
@PlatformTest
class ForumsApiTests {

  static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
  static final ZonedDateTime NOW = ZonedDateTime.of(2027, 3, 15, 9, 0, 0, 0, BEIJING);
  static final ZonedDateTime STARTS = ZonedDateTime.of(2027, 3, 18, 9, 30, 0, 0, BEIJING);

  @Autowired TestRestTemplate http;
  @Autowired JdbcTemplate jdbc;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired FilterService filters;
  @Autowired Forums forums;
  /** Each test begins three days before the forum. */
  @RegisterExtension final CountyScenario county = CountyScenario.eachTestAt(NOW);

  @Test
  void craneStaffScheduleAForumAndTheStationsDeputiesAreInvited() {
    ResponseEntity<String> created = call("staff1", HttpMethod.POST, "/api/forums", forum(null));
    assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(HttpStatus.CREATED);
    String no = JsonBodies.tree(created.getBody()).path("forumNo").asText();
    assertThat(no).matches("ZT2027-\\d{4}");
    assertThat(created.getHeaders().getLocation()).hasToString("/api/forums/" + no);

    JsonNode view = JsonBodies.tree(call("staff1", HttpMethod.GET, "/api/forums/" + no, null).getBody());
    assertThat(view.path("status").asText()).isEqualTo("SCHEDULED");
    assertThat(view.path("statusLabel").asText()).isEqualTo("已安排");
    assertThat(view.path("invited").asInt()).isEqualTo(4);
    assertThat(view.path("attended").asInt()).isZero();
    assertThat(view.path("participationRate").asDouble()).isZero();
    assertThat(view.path("suggestions").size()).isZero();
    assertThat(view.path("experts").get(0).path("organisation").asText()).isEqualTo("河南省起重机械检验所");
    assertThat(view.path("invitations").findValuesAsText("replyLabel")).containsOnly("待答复");
    // the business key is the number, and no expert's name is a process variable
    var pi = runtime.createProcessInstanceQuery().processInstanceBusinessKey(no).singleResult();
    assertThat(pi.getProcessDefinitionId()).startsWith(ForumProcess.KEY + ":");
    assertThat(runtime.getVariables(pi.getId()).values().toString()).doesNotContain("王工");
    // the invited department hears of it
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM notification WHERE recipient = 'dept-industry' AND body LIKE ?",
        Integer.class, "%" + no + "%")).isEqualTo(1);

    assertThat(call("analyst1", HttpMethod.GET, "/api/forums/" + no, null).getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(call("office1", HttpMethod.GET, "/api/forums/" + no, null).getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(call("staff2", HttpMethod.GET, "/api/forums/" + no, null).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(call("deputy1", HttpMethod.GET, "/api/forums/" + no, null).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(call(null, HttpMethod.GET, "/api/forums/" + no, null).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(call("staff1", HttpMethod.GET, "/api/forums/ZT2027-9999", null).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);

    JsonNode list = JsonBodies.tree(call("staff1", HttpMethod.GET, "/api/forums?station=cy-crane", null).getBody());
    assertThat(list.findValuesAsText("forumNo")).contains(no);
    assertThat(JsonBodies.tree(call("staff1", HttpMethod.GET, "/api/forums", null).getBody())
        .findValuesAsText("forumNo")).contains(no);
    assertThat(call("staff2", HttpMethod.GET, "/api/forums?station=cy-crane", null).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(JsonBodies.tree(call("staff2", HttpMethod.GET, "/api/forums", null).getBody())
        .findValuesAsText("forumNo")).doesNotContain(no);
  }

  @Test
  void mistakesAreRefusedFieldByFieldInChineseAndNothingIsStored() {
    int before = count("forum");
    int invitationsBefore = count("forum_invitation");
    Map<String, Object> body = forum(List.of("deputy1", "staff1"));
    body.put("topic", " ");
    body.put("startsAt", NOW.minusDays(1).toOffsetDateTime().toString());
    body.put("departments", List.of("dept-nowhere"));
    body.put("experts", List.of(Map.of("name", "李工")));
    Map<String, String> errors = errors(call("staff1", HttpMethod.POST, "/api/forums", body));
    assertThat(errors).containsEntry("topic", "请填写座谈会主题")
        .containsEntry("startsAt", "开始时间应在将来")
        .containsEntry("invitedDeputies[1]", "“staff1”不是人大代表的用户名")
        .containsEntry("departments[0]", "部门不存在：dept-nowhere")
        .containsEntry("experts[0].organisation", "请填写专家所在单位，不超过 100 个字")
        .doesNotContainKey("invitedDeputies[0]");

    body = forum(null);
    body.put("startsAt", "下周三上午");
    assertThat(errors(call("staff1", HttpMethod.POST, "/api/forums", body)))
        .containsEntry("startsAt", "开始时间的格式应为 年-月-日T时:分，例如 2027-03-18T09:30:00+08:00");
    body.put("startsAt", STARTS.toLocalDateTime().toString()); // without an offset: Beijing time
    body.put("stationCode", "nowhere");
    assertThat(call("analyst1", HttpMethod.POST, "/api/forums", body).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(count("forum")).isEqualTo(before);
    assertThat(count("forum_invitation")).isEqualTo(invitationsBefore);

    // a forum in Beijing time without an offset is fine
    body.put("stationCode", "cy-crane");
    assertThat(call("analyst1", HttpMethod.POST, "/api/forums", body).getStatusCode()).isEqualTo(HttpStatus.CREATED);
  }

  @Test
  void staffOfAnotherStationDeputiesAndCitizensCannotWorkOnTheForum() {
    assertThat(call("staff2", HttpMethod.POST, "/api/forums", forum(null)).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(call("deputy1", HttpMethod.POST, "/api/forums", forum(null)).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(call(null, HttpMethod.POST, "/api/forums", forum(null)).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    String no = schedule();
    setClock(STARTS.minusHours(1));
    int suggestions = count("forum_suggestion");
    assertThat(call("staff2", HttpMethod.POST, "/api/forums/" + no + "/sign-in", Map.of("deputies", List.of("deputy1")))
        .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(call("staff2", HttpMethod.POST, "/api/forums/" + no + "/suggestions",
        suggestion("deputy1", "RECORD")).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(call("deputy1", HttpMethod.POST, "/api/forums/" + no + "/sign-in", Map.of("deputies", List.of("deputy1")))
        .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(call("analyst1", HttpMethod.POST, "/api/forums/" + no + "/suggestions",
        suggestion("deputy1", "RECORD")).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(call(null, HttpMethod.POST, "/api/forums/" + no + "/suggestions",
        suggestion("deputy1", "RECORD")).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(count("forum_suggestion")).isEqualTo(suggestions);
    JsonNode view = JsonBodies.tree(call("staff1", HttpMethod.GET, "/api/forums/" + no, null).getBody());
    assertThat(view.path("attended").asInt()).isZero();
  }

  @Test
  void signInOnTheDayCountsEachInvitedDeputyOnce() {
    String no = schedule();
    String signIn = "/api/forums/" + no + "/sign-in";
    assertThat(call("staff1", HttpMethod.POST, signIn, Map.of("deputies", List.of("deputy1"))).getStatusCode())
        .isEqualTo(HttpStatus.CONFLICT);

    setClock(STARTS.minusHours(1));
    ResponseEntity<String> first = call("staff1", HttpMethod.POST, signIn, Map.of("deputies", List.of("deputy1", "deputy3")));
    assertThat(first.getStatusCode()).as(first.getBody()).isEqualTo(HttpStatus.OK);
    ResponseEntity<String> again = call("staff1", HttpMethod.POST, signIn, Map.of("deputies", List.of("deputy1")));
    JsonNode view = JsonBodies.tree(again.getBody());
    assertThat(view.path("invited").asInt()).isEqualTo(4);
    assertThat(view.path("attended").asInt()).isEqualTo(2);
    assertThat(view.path("participationRate").asDouble()).isEqualTo(0.5);

    assertThat(errors(call("staff1", HttpMethod.POST, signIn, Map.of("deputies", List.of("deputy7", "deputy4")))))
        .containsEntry("deputies[1]", "代表 deputy4 未受邀参加本次座谈会").hasSize(1);
    assertThat(errors(call("staff1", HttpMethod.POST, signIn, Map.of("deputies", List.of()))))
        .containsEntry("deputies", "请选择签到的代表");
    // the refused request signed nobody in, not even deputy7
    assertThat(JsonBodies.tree(call("staff1", HttpMethod.GET, "/api/forums/" + no, null).getBody())
        .path("attended").asInt()).isEqualTo(2);
  }

  @Test
  void suggestionsEnterTheOpinionLoopWaitForAProposalOrStayInTheMinutes() {
    String no = schedule();
    String path = "/api/forums/" + no + "/suggestions";
    assertThat(call("staff1", HttpMethod.POST, path, suggestion("deputy1", "RECORD")).getStatusCode())
        .isEqualTo(HttpStatus.CONFLICT);
    setClock(STARTS.plusHours(1));

    ResponseEntity<String> opinion = call("staff1", HttpMethod.POST, path, suggestion("王工", "OPINION"));
    assertThat(opinion.getStatusCode()).as(opinion.getBody()).isEqualTo(HttpStatus.CREATED);
    JsonNode added = JsonBodies.tree(opinion.getBody());
    assertThat(added.path("id").asLong()).isPositive();
    String ticketNo = added.path("opinionTicketNo").asText();
    assertThat(ticketNo).startsWith("YJ");
    var loop = runtime.createProcessInstanceQuery().processDefinitionKey(OpinionLoopProcess.KEY)
        .processInstanceBusinessKey(ticketNo).singleResult();
    assertThat(loop).isNotNull();
    assertThat(runtime.getVariable(loop.getId(), OpinionLoopProcess.Var.CHANNEL)).isEqualTo("FORUM");
    assertThat(runtime.getVariable(loop.getId(), OpinionLoopProcess.Var.STATION_CODE)).isEqualTo("cy-crane");
    assertThat(runtime.getVariables(loop.getId()).values().toString()).doesNotContain("王工");

    ResponseEntity<String> proposal = call("staff1", HttpMethod.POST, path, suggestion("deputy1", "PROPOSAL"));
    assertThat(proposal.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(JsonBodies.tree(proposal.getBody()).path("status").asText()).isEqualTo("PROPOSAL_CANDIDATE");
    assertThat(forums.proposalCandidatesOf("deputy1")).extracting(s -> s.id())
        .contains(JsonBodies.tree(proposal.getBody()).path("id").asLong());
    assertThat(call("staff1", HttpMethod.POST, path, suggestion("deputy3", "RECORD")).getStatusCode())
        .isEqualTo(HttpStatus.CREATED);

    int stored = count("forum_suggestion");
    assertThat(errors(call("staff1", HttpMethod.POST, path, suggestion("王工", "PROPOSAL"))))
        .containsEntry("disposition", "代表建议须由代表提出：专家的建议请选择 OPINION 或 RECORD");
    assertThat(errors(call("staff1", HttpMethod.POST, path, suggestion("deputy4", "SOMEWHERE"))))
        .containsEntry("proposer", "提出人应为本次座谈会邀请的代表（用户名）或专家（姓名）")
        .containsKey("disposition");
    Map<String, Object> tooShort = suggestion("deputy1", "OPINION");
    tooShort.put("content", "太短");
    tooShort.put("category", "NOPE");
    assertThat(errors(call("staff1", HttpMethod.POST, path, tooShort)))
        .containsEntry("content", "请填写建议内容，至少 10 个字").containsEntry("category", "类别不正确");
    assertThat(count("forum_suggestion")).isEqualTo(stored);

    JsonNode view = JsonBodies.tree(call("staff1", HttpMethod.GET, "/api/forums/" + no, null).getBody());
    assertThat(view.path("suggestions").findValuesAsText("disposition")).containsExactly("OPINION", "PROPOSAL", "RECORD");
    assertThat(view.path("suggestions").findValuesAsText("statusLabel"))
        .containsExactly("已转入意见建议闭环", "待形成代表建议", "已记入纪要");
  }

  @Test
  void deputiesSeeAndAnswerTheirOwnInvitationsOnly() {
    String no = schedule();
    List<String> deputy1Tasks = taskIds("deputy1", no);
    assertThat(deputy1Tasks).hasSize(1);
    assertThat(taskIds("deputy3", no)).hasSize(1).doesNotContainAnyElementsOf(deputy1Tasks);
    assertThat(taskIds("deputy4", no)).isEmpty();
    assertThat(taskIds("staff2", no)).isEmpty();
    String task = deputy1Tasks.get(0);

    // nobody answers another deputy's invitation, and nobody points one at another forum
    ResponseEntity<String> foreign = call("deputy3", HttpMethod.POST, "/engine-rest/task/" + task + "/complete",
        variables(Map.of("attendance", "ATTEND")));
    assertThat(foreign.getStatusCode().is4xxClientError()).as(foreign.getBody()).isTrue();
    ResponseEntity<String> forged = call("deputy1", HttpMethod.POST, "/engine-rest/task/" + task + "/complete",
        variables(Map.of("attendance", "ATTEND", "forumNo", "ZT2027-0001")));
    assertThat(forged.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(forged.getBody()).contains("此任务不接受变量");
    assertThat(tasks.createTaskQuery().taskId(task).count()).isEqualTo(1);

    // the filter 座谈会邀请 holds the deputy's own invitations
    String filterId = filters.createFilterQuery().filterName("座谈会邀请").singleResult().getId();
    ResponseEntity<String> listed = call("deputy1", HttpMethod.GET, "/engine-rest/filter/" + filterId + "/list", null);
    assertThat(listed.getStatusCode()).as(listed.getBody()).isEqualTo(HttpStatus.OK);
    List<String> inFilter = new ArrayList<>();
    JsonBodies.tree(listed.getBody()).forEach(t -> inFilter.add(t.path("id").asText()));
    assertThat(inFilter).contains(task);
    JsonBodies.tree(listed.getBody()).forEach(t -> assertThat(t.path("assignee").asText()).isEqualTo("deputy1"));

    ResponseEntity<String> answered = call("deputy1", HttpMethod.POST, "/engine-rest/task/" + task + "/complete",
        variables(Map.of("attendance", "DECLINE", "declineReason", "在外地开会")));
    assertThat(answered.getStatusCode()).as(answered.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
    JsonNode view = JsonBodies.tree(call("staff1", HttpMethod.GET, "/api/forums/" + no, null).getBody());
    assertThat(view.path("invitations")).filteredOn(i -> i.path("deputy").asText().equals("deputy1")).singleElement()
        .satisfies(i -> {
          assertThat(i.path("replyLabel").asText()).isEqualTo("不参加");
          assertThat(i.path("declineReason").asText()).isEqualTo("在外地开会");
        });
  }

  @Test
  void forumNumbersCountFromOneInEachYear() {
    setClock(ZonedDateTime.of(2031, 1, 2, 10, 0, 0, 0, BEIJING));
    Map<String, Object> body = forum(List.of("deputy3"));
    body.put("startsAt", "2031-01-08T09:30:00+08:00");
    List<String> numbers = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      numbers.add(JsonBodies.tree(call("staff1", HttpMethod.POST, "/api/forums", body).getBody()).path("forumNo").asText());
    }
    assertThat(numbers).containsExactly("ZT2031-0001", "ZT2031-0002");
    setClock(ZonedDateTime.of(2032, 1, 2, 10, 0, 0, 0, BEIJING));
    body.put("startsAt", "2032-01-08T09:30:00+08:00");
    assertThat(JsonBodies.tree(call("staff1", HttpMethod.POST, "/api/forums", body).getBody()).path("forumNo").asText())
        .isEqualTo("ZT2032-0001");
  }

  String schedule() {
    ResponseEntity<String> created = call("staff1", HttpMethod.POST, "/api/forums", forum(null));
    assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(HttpStatus.CREATED);
    return JsonBodies.tree(created.getBody()).path("forumNo").asText();
  }

  static Map<String, Object> forum(List<String> deputies) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("stationCode", "cy-crane");
    body.put("topic", "起重产业用工和物流座谈会");
    body.put("sector", "起重");
    body.put("startsAt", STARTS.toOffsetDateTime().toString());
    body.put("place", "长垣市起重产业代表联络站会议室");
    if (deputies != null) {
      body.put("invitedDeputies", deputies);
    }
    body.put("experts", List.of(Map.of("name", "王工", "organisation", "河南省起重机械检验所")));
    body.put("departments", List.of("dept-industry"));
    return body;
  }

  static Map<String, Object> suggestion(String proposer, String disposition) {
    Map<String, Object> body = new HashMap<>();
    body.put("proposer", proposer);
    body.put("content", "建议在起重产业园区增设公共物流中转场地，缓解大件运输难的问题。");
    body.put("category", firstCategory);
    body.put("disposition", disposition);
    return body;
  }

  static String firstCategory;

  @BeforeEach
  void knowACategory() {
    if (firstCategory == null) {
      firstCategory = JsonBodies.tree(call(null, HttpMethod.GET, "/api/categories", null).getBody()).get(0)
          .path("code").asText();
    }
  }

  static Map<String, Object> variables(Map<String, String> values) {
    Map<String, Object> vars = new LinkedHashMap<>();
    values.forEach((k, v) -> vars.put(k, Map.of("value", v)));
    return Map.of("variables", vars);
  }

  List<String> taskIds(String user, String forumNo) {
    ResponseEntity<String> answer = call(user, HttpMethod.GET, "/engine-rest/task?processInstanceBusinessKey=" + forumNo,
        null);
    assertThat(answer.getStatusCode()).as(answer.getBody()).isEqualTo(HttpStatus.OK);
    List<String> ids = new ArrayList<>();
    JsonBodies.tree(answer.getBody()).forEach(t -> ids.add(t.path("id").asText()));
    return ids;
  }

  int count(String table) {
    return jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Integer.class);
  }

  ResponseEntity<String> call(String user, HttpMethod method, String path, Object body) {
    return county.as(user).exchange(method, path, body);
  }

  static Map<String, String> errors(ResponseEntity<String> answer) {
    assertThat(answer.getStatusCode()).as(answer.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
    Map<String, String> errors = new LinkedHashMap<>();
    JsonBodies.tree(answer.getBody()).path("errors")
        .forEach(e -> errors.put(e.path("field").asText(), e.path("message").asText()));
    return errors;
  }

  static void setClock(ZonedDateTime time) {
    ClockUtil.setCurrentTime(Date.from(time.toInstant()));
  }
}
