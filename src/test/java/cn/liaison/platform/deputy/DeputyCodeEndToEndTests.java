package cn.liaison.platform.deputy;

import static org.assertj.core.api.Assertions.assertThat;

import cn.liaison.platform.JsonBodies;
import cn.liaison.platform.PlatformTest;
import cn.liaison.platform.opinion.OpinionLoopProcess;
import cn.liaison.platform.opinion.OpinionLoopProcess.Var;
import cn.liaison.platform.system.RateLimiter;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * 代表码 through the real entry points: a citizen opens a deputy's own page (its QR), sends an opinion, the deputy
 * answers it in /engine-rest as the demo user, the citizen reads the answer on the tracking page; what an attacker
 * tries (another deputy's task, forged deputies, unknown codes, another deputy's figures) fails; the deputy's figures
 * after a known scenario.
 */
@PlatformTest
class DeputyCodeEndToEndTests {

  static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
  static final Pattern TICKET = Pattern.compile("YJ\\d{8}-\\d{4}");
  static final Pattern KEY = Pattern.compile("data-key=\"([0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]{5})\"");

  @Autowired TestRestTemplate http;
  @Autowired JdbcTemplate jdbc;
  @Autowired RateLimiter rateLimiter;
  @Autowired DeputyDirectory directory;

  @BeforeEach
  void freshLimits() {
    rateLimiter.reset();
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  record Sent(String ticket, String key) {}

  @Test
  void deputysPageShowsWhoTheDeputyIsWithoutThePhoneAndTheStationsForm() {
    String code = code("deputy1");
    assertThat(code).matches("[23456789a-hjkmnp-z]{10}").doesNotContain("deputy");

    ResponseEntity<String> page = http.getForEntity("/d/" + code, String.class);

    assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(page.getBody()).contains("您正在直接向以下人大代表反映意见建议").contains("张志强").contains("县级人大代表")
        .contains("防腐").contains("长垣市防腐产业代表联络站站长")
        .contains("name=\"content\"").contains("name=\"consent\"").contains("action=\"/d/" + code + "\"")
        .doesNotContain("139****", "13903730101", "deputy1");
    // the code stays the same
    assertThat(code("deputy1")).isEqualTo(code);
  }

  @Test
  void unknownOrMalformedCodesAreAChineseNotFoundAlike() {
    for (String code : List.of("zzzzzzzzzz", "deputy1", "1", "a'or'1=1")) {
      ResponseEntity<String> page = http.getForEntity("/d/" + code, String.class);
      assertThat(page.getStatusCode()).as(code).isEqualTo(HttpStatus.NOT_FOUND);
      assertThat(page.getBody()).contains("未找到该人大代表");
      assertThat(http.getForEntity("/api/deputies/" + code + "/qr.svg", String.class).getStatusCode())
          .as(code).isEqualTo(HttpStatus.NOT_FOUND);
      assertThat(http.getForEntity("/d/" + code + "/card", String.class).getStatusCode())
          .isEqualTo(HttpStatus.NOT_FOUND);
    }
    ResponseEntity<String> problem = http.getForEntity("/api/deputies/zzzzzzzzzz/qr.png", String.class);
    assertThat(problem.getHeaders().getContentType().toString()).contains("problem+json");
    assertThat(problem.getBody()).contains("未找到该人大代表");
  }

  @Test
  void qrCodesAndPrintableCardPointAtTheDeputysPage() {
    String code = code("deputy3");
    ResponseEntity<String> svg = http.getForEntity("/api/deputies/" + code + "/qr.svg", String.class);
    assertThat(svg.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(svg.getHeaders().getContentType().toString()).startsWith("image/svg+xml");
    assertThat(svg.getBody()).startsWith("<svg").contains("<path");
    ResponseEntity<byte[]> png = http.getForEntity("/api/deputies/" + code + "/qr.png?size=256", byte[].class);
    assertThat(png.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(png.getBody()).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
    assertThat(http.getForEntity("/api/deputies/" + code + "/qr.png?size=9", String.class).getStatusCode())
        .isEqualTo(HttpStatus.BAD_REQUEST);

    ResponseEntity<String> card = http.getForEntity("/d/" + code + "/card", String.class);
    assertThat(card.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(card.getBody()).contains("秦振起").contains("deputy-card").contains("/d/" + code).contains("<svg")
        .contains("改印 A4 海报");
    ResponseEntity<String> poster = http.getForEntity("/d/" + code + "/card?format=poster", String.class);
    assertThat(poster.getBody()).contains("class=\"sheet\"").contains("秦振起").contains("码上见代表");
  }

  @Test
  void citizenWritesToTheDeputyWhoAnswersInTasklistAndTheAnswerIsOnTheTrackingPage() {
    String code = code("deputy1");
    Sent sent = sendThroughCode(code, "防腐产业园区污水管网老化，雨天经常外溢，希望代表督促改造。");

    // deputy1 finds it in his tasks, through /engine-rest as in Tasklist
    JsonNode mine = JsonBodies.tree(as("deputy1", HttpMethod.GET, "/engine-rest/task?processInstanceBusinessKey="
        + sent.ticket(), null).getBody());
    assertThat(mine).hasSize(1);
    assertThat(mine.get(0).get("taskDefinitionKey").asText()).isEqualTo(OpinionLoopProcess.Task.DEPUTY_FIRST_RESPONSE);
    assertThat(mine.get(0).get("name").asText()).isEqualTo("代表先行答复");
    String taskId = mine.get(0).get("id").asText();

    // attacker: deputy2 and the station's staff neither see nor complete it
    assertThat(JsonBodies.tree(as("deputy2", HttpMethod.GET, "/engine-rest/task?processInstanceBusinessKey="
        + sent.ticket(), null).getBody())).isEmpty();
    Map<String, Object> answer = Map.of("variables", Map.of(Var.DEPUTY_ACTION, Map.of("value", "ANSWER"),
        Var.DEPUTY_REPLY, Map.of("value", "已联系县住建局，管网改造列入明年计划，今年先行疏通。")));
    assertThat(as("deputy2", HttpMethod.POST, "/engine-rest/task/" + taskId + "/complete", answer)
        .getStatusCode().value()).isIn(403, 404);
    assertThat(as("staff1", HttpMethod.POST, "/engine-rest/task/" + taskId + "/complete", answer)
        .getStatusCode().value()).isIn(403, 404);
    // the opinion's card the phone workbench links to opens for the addressed deputy, and for no other deputy
    ResponseEntity<String> card = cn.liaison.platform.WebappLogin.getAs(http, "deputy1", "/staff/opinions/" + sent.ticket());
    assertThat(card.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(card.getBody()).contains("防腐产业园区污水管网老化");
    ResponseEntity<String> stranger = cn.liaison.platform.WebappLogin.getAs(http, "deputy2", "/staff/opinions/" + sent.ticket());
    assertThat(stranger.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(stranger.getBody()).doesNotContain("防腐产业园区污水管网老化");
    // nor can deputy1 point his task at another record
    Map<String, Object> forged = Map.of("variables", Map.of(Var.DEPUTY_ACTION, Map.of("value", "TO_PROPOSAL"),
        Var.PROPOSAL_DEPUTY, Map.of("value", "deputy2"), Var.OPINION_ID, Map.of("value", 1)));
    assertThat(as("deputy1", HttpMethod.POST, "/engine-rest/task/" + taskId + "/complete", forged)
        .getStatusCode().value()).isEqualTo(400);

    assertThat(as("deputy1", HttpMethod.POST, "/engine-rest/task/" + taskId + "/complete", answer)
        .getStatusCode().value()).isEqualTo(204);

    String progress = track(sent);
    assertThat(progress).contains("已答复").contains("人大代表（直接答复）").contains("管网改造列入明年计划")
        .contains("已转交人大代表");
  }

  @Test
  void stationPageLetsTheCitizenChooseOneOfItsDeputiesButNoOther() {
    ResponseEntity<String> page = http.getForEntity("/s/cy-crane", String.class);
    assertThat(page.getBody()).contains("向哪位代表反映").contains("不指定代表")
        .contains("value=\"" + code("deputy3") + "\"").contains("秦振起（站长")
        .doesNotContain("value=\"" + code("deputy5") + "\"");

    // a deputy of another station, a user id instead of a code: refused with a field message, nothing stored
    int before = count();
    for (String forged : List.of(code("deputy5"), "deputy3")) {
      MultiValueMap<String, String> form = opinion("起重产业园区道路照明不足，夜间通行不安全。");
      form.add("deputy", forged);
      ResponseEntity<String> refused = post("/s/cy-crane", form);
      assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
      assertThat(refused.getBody()).contains("请从本站的驻站代表中选择");
    }
    assertThat(count()).isEqualTo(before);

    MultiValueMap<String, String> chosen = opinion("起重产业园区道路照明不足，夜间通行不安全。");
    chosen.add("deputy", code("deputy3"));
    String ticket = find(TICKET.matcher(post("/s/cy-crane", chosen).getBody()), 0);
    assertThat(deputyOf(ticket)).isEqualTo("deputy3");

    String plain = find(TICKET.matcher(post("/s/cy-crane", opinion("起重产业园区道路照明不足，夜间通行不安全。"))
        .getBody()), 0);
    assertThat(deputyOf(plain)).isNull();
  }

  @Test
  void deputyNamedByTheClientIsNeverTrusted() {
    // on the deputy's page, another deputy's code or user id in the body changes nothing
    MultiValueMap<String, String> form = opinion("防腐企业用电增容审批慢，影响扩产，请代表反映。");
    form.add("deputy", code("deputy2"));
    form.add("deputyUserId", "deputy2");
    String ticket = find(TICKET.matcher(post("/d/" + code("deputy1"), form).getBody()), 0);
    assertThat(deputyOf(ticket)).isEqualTo("deputy1");

    // the public API takes no deputy at all
    ResponseEntity<String> api = http.postForEntity("/api/opinions", JsonBodies.json(Map.of("stationCode",
        "cy-crane", "category", "INDUSTRY", "content", "起重设备年检排队时间太长，希望增加检验点。", "place", "长垣市",
        "consent", true, "deputy", "deputy2", "deputyUserId", "deputy2")), String.class);
    assertThat(api.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(deputyOf(JsonBodies.tree(api.getBody()).get("ticketNo").asText())).isNull();
  }

  @Test
  void deputysFiguresCountWhatHappenedThroughTheCodeAndOnlyThoseWhoMayReadThem() {
    // deputy7 (唐建业, 起重站副站长): a known scenario on Monday 2026-11-30
    ZonedDateTime monday = ZonedDateTime.of(2026, 11, 30, 9, 0, 0, 0, BEIJING);
    JsonNode before = figures("deputy7", "office1");
    setClock(monday);
    String code = code("deputy7");
    Sent answered = sendThroughCode(code, "起重机械操作工培训名额太少，希望增加培训班次。");
    Sent forwarded = sendThroughCode(code, "起重行业协会登记手续复杂，希望简化办理流程。");
    sendThroughCode(code, "园区停车场规划不足，货车只能停在路边。");

    setClock(monday.plusHours(2));
    complete("deputy7", answered, Map.of(Var.DEPUTY_ACTION, Map.of("value", "ANSWER"),
        Var.DEPUTY_REPLY, Map.of("value", "已与县人社局商定，下月起每月增开一期培训班。")));
    setClock(monday.plusHours(4));
    complete("deputy7", forwarded, Map.of(Var.DEPUTY_ACTION, Map.of("value", "FORWARD"),
        Var.DEPUTY_NOTE, Map.of("value", "请交县市场监管局")));

    JsonNode after = figures("deputy7", "deputy7");
    assertThat(after.get("name").asText()).isEqualTo("唐建业");
    assertThat(after.get("opinionsReceived").asLong()).isEqualTo(before.get("opinionsReceived").asLong() + 3);
    assertThat(after.get("answeredDirectly").asLong()).isEqualTo(before.get("answeredDirectly").asLong() + 1);
    assertThat(after.get("forwarded").asLong()).isEqualTo(before.get("forwarded").asLong() + 1);
    if (before.get("opinionsReceived").asLong() == 0) {
      assertThat(after.get("medianFirstResponseHours").asDouble()).isEqualTo(3.0);
    }
    assertThat(after.get("forwardedItems").toString()).contains(forwarded.ticket());
    for (String field : List.of("proposalsLed", "proposalsCoSigned", "forumsAttended", "receptionsOnDuty",
        "householdsVisited")) {
      assertThat(after.has(field)).as(field).isTrue();
    }
    // the staff of his station read them too; another deputy, another station's staff and auditors do not
    assertThat(as("staff1", HttpMethod.GET, activity("deputy7"), null).getStatusCode()).isEqualTo(HttpStatus.OK);
    for (String stranger : List.of("deputy1", "staff2", "auditor1", "water1")) {
      assertThat(as(stranger, HttpMethod.GET, activity("deputy7"), null).getStatusCode()).as(stranger)
          .isEqualTo(HttpStatus.FORBIDDEN);
    }
    assertThat(http.getForEntity(activity("deputy7"), String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    ResponseEntity<String> bad = as("office1", HttpMethod.GET, "/api/deputies/deputy7/activity?from=2026-13-01",
        null);
    assertThat(bad.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(bad.getBody()).contains("开始日期格式应为 yyyy-MM-dd");
    assertThat(as("office1", HttpMethod.GET, "/api/deputies/nobody/activity", null).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
  }

  // ---- helpers ----

  String code(String userId) {
    return directory.publicCodeOf(userId).orElseThrow();
  }

  Sent sendThroughCode(String code, String content) {
    ResponseEntity<String> result = post("/d/" + code, opinion(content));
    assertThat(result.getStatusCode()).isEqualTo(HttpStatus.OK);
    return new Sent(find(TICKET.matcher(result.getBody()), 0), find(KEY.matcher(result.getBody()), 1));
  }

  void complete(String user, Sent sent, Map<String, Object> variables) {
    JsonNode task = JsonBodies.tree(as(user, HttpMethod.GET, "/engine-rest/task?processInstanceBusinessKey="
        + sent.ticket(), null).getBody()).get(0);
    assertThat(as(user, HttpMethod.POST, "/engine-rest/task/" + task.get("id").asText() + "/complete",
        Map.of("variables", variables)).getStatusCode().value()).isEqualTo(204);
  }

  String track(Sent sent) {
    MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
    form.add("key", sent.key());
    return post("/t/" + sent.ticket(), form).getBody();
  }

  JsonNode figures(String deputy, String reader) {
    ResponseEntity<String> r = as(reader, HttpMethod.GET, activity(deputy), null);
    assertThat(r.getStatusCode()).isEqualTo(HttpStatus.OK);
    return JsonBodies.tree(r.getBody());
  }

  static String activity(String deputy) {
    return "/api/deputies/" + deputy + "/activity?from=2026-11-01&to=2026-12-31";
  }

  ResponseEntity<String> as(String user, HttpMethod method, String url, Object body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setBasicAuth(user, user);
    headers.setContentType(MediaType.APPLICATION_JSON);
    return http.exchange(url, method, new HttpEntity<>(body == null ? null : JsonBodies.bytes(body), headers),
        String.class);
  }

  String deputyOf(String ticket) {
    return jdbc.queryForObject("SELECT deputy_user_id FROM opinion WHERE ticket_no = ?", String.class, ticket);
  }

  int count() {
    return jdbc.queryForObject("SELECT COUNT(*) FROM opinion", Integer.class);
  }

  static MultiValueMap<String, String> opinion(String content) {
    MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
    form.add("category", "INDUSTRY");
    form.add("content", content);
    form.add("place", "长垣市");
    form.add("anonymous", "on");
    form.add("consent", "on");
    return form;
  }

  ResponseEntity<String> post(String url, MultiValueMap<String, String> form) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
    return http.postForEntity(url, new HttpEntity<>(form, headers), String.class);
  }

  static String find(Matcher matcher, int group) {
    assertThat(matcher.find()).as("pattern " + matcher.pattern()).isTrue();
    return matcher.group(group);
  }

  static void setClock(ZonedDateTime time) {
    ClockUtil.setCurrentTime(Date.from(time.toInstant()));
  }
}
