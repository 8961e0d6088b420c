package cn.liaison.platform.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import cn.liaison.platform.JsonBodies;
import cn.liaison.platform.PlatformTest;
import cn.liaison.platform.WebappLogin;
import cn.liaison.platform.opinion.OpinionLoopProcess.Var;
import cn.liaison.platform.opinion.OpinionService;
import cn.liaison.platform.opinion.OpinionSubmission;
import cn.liaison.platform.opinion.Opinions;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricDecisionInputInstance;
import org.camunda.bpm.engine.history.HistoricDetail;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.http.client.ClientHttpRequestFactorySettings;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.LinkedMultiValueMap;

/**
 * 删除个人信息 at a citizen's request: the staff of the opinion's station erase the contact and the words, in the
 * platform's tables and in everything of the process engine an auditor could read; nobody else can.
 */
@PlatformTest
class ErasureTests {

  static final String CONTENT = "东关村排灌站水泵损坏三天了，麦田浇不上水，联系人王秀兰。";
  static final String PLACE = "东关村";
  static final String PHONE = "13911112222";

  @Autowired TestRestTemplate http;
  @Autowired OpinionService opinions;
  @Autowired RuntimeService runtime;
  @Autowired HistoryService history;
  @Autowired JdbcTemplate jdbc;

  String ticket;
  String key;
  String processInstanceId;

  @BeforeEach
  void aCitizenLeftNamePhoneAndWords() {
    var submitted = opinions.submit(new OpinionSubmission("cy-anticorrosion", "IRRIGATION", CONTENT, PLACE, "王秀兰",
        PHONE, false, true, null), null);
    ticket = submitted.ticketNo();
    key = submitted.trackingKey();
    processInstanceId = runtime.createProcessInstanceQuery().processInstanceBusinessKey(ticket).singleResult()
        .getId();
    // an administrator corrected the place in Cockpit: a change that history keeps as a detail row
    runtime.setVariable(processInstanceId, Var.PLACE, PLACE + "二组");
  }

  @Test
  void stationStaffEraseTheCitizensDataEverywhereAnAuditorCouldReadIt() {
    assertThat(historyMentionsTheCitizen()).as("before: the history holds the words").isTrue();
    Map<String, Object> before = jdbc.queryForMap("SELECT status, category, station_code, submitted_at, channel "
        + "FROM opinion WHERE ticket_no = ?", ticket);

    ResponseEntity<String> erased = erase("staff1", "群众来电要求删除其个人信息");
    assertThat(erased.getStatusCode()).as(erased.getBody()).isEqualTo(HttpStatus.OK);

    Map<String, Object> row = jdbc.queryForMap("SELECT * FROM opinion WHERE ticket_no = ?", ticket);
    assertThat(row.get("CONTENT")).isEqualTo(Opinions.ERASED);
    assertThat(row.get("PLACE")).isEqualTo(Opinions.ERASED);
    assertThat(row.get("CONTACT_NAME")).isNull();
    assertThat(row.get("CONTACT_PHONE")).isNull();
    assertThat(jdbc.queryForMap("SELECT status, category, station_code, submitted_at, channel FROM opinion "
        + "WHERE ticket_no = ?", ticket)).as("what the statistics count stays").isEqualTo(before);

    // the engine: running variables, variable history, every recorded change, the triage decision's inputs
    assertThat(runtime.getVariable(processInstanceId, Var.CONTENT)).isEqualTo(Opinions.ERASED);
    assertThat(runtime.getVariable(processInstanceId, Var.PLACE)).isEqualTo(Opinions.ERASED);
    assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(processInstanceId)
        .variableNameIn(Var.CONTENT, Var.PLACE, Var.CONTACT_MASKED).list())
        .hasSize(3).allSatisfy(v -> assertThat(v.getValue()).isEqualTo(Opinions.ERASED));
    assertThat(historyMentionsTheCitizen()).as("after: nothing of the citizen's words or phone").isFalse();
    for (String path : List.of("/engine-rest/history/variable-instance?processInstanceId=" + processInstanceId,
        "/engine-rest/history/detail?processInstanceId=" + processInstanceId,
        "/engine-rest/history/decision-instance?includeInputs=true&includeOutputs=true&processInstanceId="
            + processInstanceId)) {
      ResponseEntity<String> auditorView = http.withBasicAuth("auditor1", "auditor1").getForEntity(path, String.class);
      assertThat(auditorView.getStatusCode()).isEqualTo(HttpStatus.OK);
      assertThat(auditorView.getBody()).as(path).doesNotContain("排灌站", "东关村", "王秀兰", "1391111");
    }

    // the citizen's tracking page still works and says so
    ResponseEntity<String> tracking = citizenOpensTrackingPage();
    assertThat(tracking.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(tracking.getBody()).contains(ticket, "（已删除）").doesNotContain("排灌站");

    // recorded, with the reason and the counts, without the words
    var audit = jdbc.queryForMap("SELECT * FROM audit_event WHERE subject_ref = ? AND action = 'OPINION_ERASED'",
        ticket);
    assertThat(audit.get("ACTOR")).isEqualTo("staff1");
    assertThat((String) audit.get("DETAIL")).contains("原因：群众来电要求删除其个人信息", "历史变量 3")
        .doesNotContain("排灌站", PHONE);
  }

  @Test
  void erasingTwiceIsAConflictAndChangesNothingMore() {
    assertThat(erase("staff1", "群众要求").getStatusCode()).isEqualTo(HttpStatus.OK);
    ResponseEntity<String> again = erase("staff1", "再次删除");
    assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(again.getBody()).contains("已经删除过了");
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_event WHERE subject_ref = ? AND action = "
        + "'OPINION_ERASED'", Long.class, ticket)).isOne();
  }

  @Test
  void anotherStationsStaffOthersAndCitizensCannotEraseAndNothingChanges() {
    for (String user : List.of("staff2", "staff3", "analyst1", "supervisor1", "auditor1", "demo", "deputy1")) {
      assertThat(erase(user, "试图删除").getStatusCode()).as(user).isEqualTo(HttpStatus.FORBIDDEN);
    }
    ResponseEntity<String> citizen = http.exchange("/api/opinions/" + ticket + "/erasure", HttpMethod.POST,
        JsonBodies.json(Map.of("reason", "我要删除")), String.class);
    assertThat(citizen.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(jdbc.queryForObject("SELECT content FROM opinion WHERE ticket_no = ?", String.class, ticket))
        .isEqualTo(CONTENT);
    assertThat(historyMentionsTheCitizen()).isTrue();
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_event WHERE subject_ref = ? AND action = "
        + "'OPINION_ERASED'", Long.class, ticket)).isZero();
  }

  @Test
  void withoutAReasonNothingIsErased() {
    ResponseEntity<String> answer = erase("staff1", "  ");
    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(answer.getBody()).contains("reason", "请填写删除原因");
    assertThat(erase("staff1", "很".repeat(201)).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(jdbc.queryForObject("SELECT contact_phone FROM opinion WHERE ticket_no = ?", String.class, ticket))
        .isEqualTo(PHONE);
    assertThat(erase("staff1", "x").getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(http.withBasicAuth("staff1", "staff1").exchange("/api/opinions/YJ20200101-9999/erasure",
        HttpMethod.POST, JsonBodies.json(Map.of("reason", "x")), String.class).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
  }

  @Test
  void stationStaffEraseFromTheOpinionPageAfterConfirmingWithAReason() {
    WebappLogin.Login staff = WebappLogin.login(http, "staff1", "tasklist");
    ResponseEntity<String> card = get(staff, "/staff/opinions/" + ticket);
    assertThat(card.getBody()).contains("删除个人信息…", PHONE);
    ResponseEntity<String> confirm = get(staff, "/staff/opinions/" + ticket + "/erasure");
    assertThat(confirm.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(confirm.getBody()).contains("删除后无法恢复", "删除原因", "确认删除");
    Matcher token = Pattern.compile("name=\"token\" value=\"([0-9a-f]+)\"").matcher(confirm.getBody());
    assertThat(token.find()).isTrue();

    // a forged form (no token) changes nothing
    assertThat(post(staff, "/staff/opinions/" + ticket + "/erasure", "群众要求", "forged").getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(jdbc.queryForObject("SELECT content FROM opinion WHERE ticket_no = ?", String.class, ticket))
        .isEqualTo(CONTENT);
    // no reason: the form again with the message
    ResponseEntity<String> noReason = post(staff, "/staff/opinions/" + ticket + "/erasure", "", token.group(1));
    assertThat(noReason.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(noReason.getBody()).contains("请填写删除原因");

    ResponseEntity<String> done = post(staff, "/staff/opinions/" + ticket + "/erasure", "群众当面要求删除",
        token.group(1));
    assertThat(done.getStatusCode()).isEqualTo(HttpStatus.FOUND);
    assertThat(done.getHeaders().getLocation().toString()).endsWith("/staff/opinions/" + ticket + "?erased=1");
    ResponseEntity<String> after = get(staff, "/staff/opinions/" + ticket + "?erased=1");
    assertThat(after.getBody()).contains("群众的个人信息已删除", "（已删除）").doesNotContain(PHONE, "王秀兰", "排灌站",
        "删除个人信息…");

    // another station's staff do not even see the page
    assertThat(WebappLogin.getAs(http, "staff2", "/staff/opinions/" + ticket + "/erasure").getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
  }

  boolean historyMentionsTheCitizen() {
    List<String> values = new java.util.ArrayList<>();
    for (HistoricVariableInstance v : history.createHistoricVariableInstanceQuery()
        .processInstanceId(processInstanceId).list()) {
      values.add(String.valueOf(v.getValue()));
    }
    for (HistoricDetail d : history.createHistoricDetailQuery().processInstanceId(processInstanceId).list()) {
      if (d instanceof HistoricVariableUpdate u) {
        values.add(String.valueOf(u.getValue()));
      }
    }
    history.createHistoricDecisionInstanceQuery().processInstanceId(processInstanceId).includeInputs()
        .includeOutputs().list().forEach(decision -> {
          for (HistoricDecisionInputInstance input : decision.getInputs()) {
            values.add(String.valueOf(input.getValue()));
          }
        });
    return values.stream().anyMatch(v -> v.contains("排灌站") || v.contains("东关村") || v.contains("1391111"));
  }

  ResponseEntity<String> erase(String user, String reason) {
    return http.withBasicAuth(user, user).exchange("/api/opinions/" + ticket + "/erasure", HttpMethod.POST,
        JsonBodies.json(Map.of("reason", reason)), String.class);
  }

  ResponseEntity<String> citizenOpensTrackingPage() {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
    var form = new LinkedMultiValueMap<String, String>();
    form.add("key", key);
    return http.postForEntity("/t/" + ticket, new HttpEntity<>(form, headers), String.class);
  }

  ResponseEntity<String> get(WebappLogin.Login login, String path) {
    HttpHeaders headers = new HttpHeaders();
    headers.add(HttpHeaders.COOKIE, "JSESSIONID=" + login.sessionId());
    return http.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), String.class);
  }

  ResponseEntity<String> post(WebappLogin.Login login, String path, String reason, String token) {
    HttpHeaders headers = new HttpHeaders();
    headers.add(HttpHeaders.COOKIE, "JSESSIONID=" + login.sessionId());
    headers.add("Sec-Fetch-Site", "same-origin");
    headers.add(HttpHeaders.ORIGIN, "null"); // the staff pages send no referrer
    headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
    var form = new LinkedMultiValueMap<String, String>();
    form.add("reason", reason);
    form.add("token", token);
    form.add("confirm", "on");
    // the answer itself (a redirect after success), not the page it leads to
    return http.withRedirects(ClientHttpRequestFactorySettings.Redirects.DONT_FOLLOW).exchange(path, HttpMethod.POST,
        new HttpEntity<>(form, headers), String.class);
  }
}
