package cn.liaison.platform.reception.web;

import static org.assertj.core.api.Assertions.assertThat;

import cn.liaison.platform.JsonBodies;
import cn.liaison.platform.PlatformTest;
import cn.liaison.platform.WebappLogin;
import cn.liaison.platform.scenario.CountyScenario;
import cn.liaison.platform.scenario.Reception;
import cn.liaison.platform.scenario.TaipingBulletinYear;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

/**
 * Reception sessions through /api and /engine-rest as the demo users: who may announce one, the public announcement,
 * only the deputies on duty record visits (an attacker's attempts store nothing), and the bulletin's 太平镇 figures —
 * 147 visitors, 73 opinions, 51 problems solved ({@link TaipingBulletinYear}) — read back from GET /api/receptions.
 */
@PlatformTest
class ReceptionApiTests {

  static final ZonedDateTime NOW = CountyScenario.beijing(2027, 5, 20, 9, 0);
  static final String TAIPING = CountyScenario.TAIPING;

  /** Each test begins before the harvest. */
  @RegisterExtension final CountyScenario county = CountyScenario.eachTestAt(NOW);
  @Autowired TestRestTemplate http;

  @Test
  void theStationsStaffAndItsDeputiesAnnounceSessionsOthersMayNot() {
    ResponseEntity<String> late = post("staff2", "/api/receptions", session(NOW.plusDays(1), List.of("deputy5")));
    assertThat(late.getStatusCode().value()).as(late.getBody()).isEqualTo(201);
    JsonNode created = JsonBodies.tree(late.getBody());
    assertThat(created.path("receptionNo").asText()).matches("JD2027-\\d{4}");
    assertThat(created.path("warning").asText()).contains("不足 3 天");

    ResponseEntity<String> inTime = post("deputy5", "/api/receptions", session(NOW.plusDays(4), List.of("deputy5")));
    assertThat(inTime.getStatusCode().value()).as(inTime.getBody()).isEqualTo(201);
    assertThat(JsonBodies.tree(inTime.getBody()).hasNonNull("warning")).as("announced four days ahead").isFalse();

    // a deputy not stationed at 太平镇, the staff of another station, a department, a citizen
    assertThat(post("deputy1", "/api/receptions", session(NOW.plusDays(4), List.of("deputy1"))).getStatusCode().value())
        .isEqualTo(403);
    assertThat(post("staff1", "/api/receptions", session(NOW.plusDays(4), List.of("deputy5"))).getStatusCode().value())
        .isEqualTo(403);
    assertThat(post("water1", "/api/receptions", session(NOW.plusDays(4), List.of("deputy5"))).getStatusCode().value())
        .isEqualTo(403);
    assertThat(post(null, "/api/receptions", session(NOW.plusDays(4), List.of("deputy5"))).getStatusCode().value())
        .isEqualTo(401);
  }

  @Test
  void aBadAnnouncementIsRefusedFieldByFieldAndNothingIsAnnounced() {
    int before = upcoming().size();
    Map<String, Object> bad = new LinkedHashMap<>(session(NOW.plusDays(4), List.of("deputy5", "staff2")));
    bad.put("kind", "PICNIC");
    bad.put("endsAt", NOW.plusDays(3).toOffsetDateTime().toString());
    bad.put("theme", " ");
    ResponseEntity<String> refused = post("staff2", "/api/receptions", bad);
    assertThat(refused.getStatusCode().value()).isEqualTo(400);
    JsonNode errors = JsonBodies.tree(refused.getBody()).path("errors");
    List<String> fields = new ArrayList<>();
    errors.forEach(e -> fields.add(e.path("field").asText()));
    assertThat(fields).containsExactly("kind", "theme", "endsAt", "deputiesOnDuty[1]");
    assertThat(errors.toString()).contains("请选择接待形式", "结束时间应晚于开始时间", "不是人大代表");
    assertThat(upcoming()).hasSize(before);
  }

  @Test
  void theAnnouncementIsPublicWithTheDeputiesNamesAndNoPhones() {
    String no = announce(NOW.plusDays(4), List.of("deputy5", "deputy2"));
    ResponseEntity<String> list = http.getForEntity("/api/stations/" + TAIPING + "/receptions", String.class);
    assertThat(list.getStatusCode().value()).isEqualTo(200);
    assertThat(list.getBody()).contains(no, "杨桂芝", "刘秀英", "王庄村东禁烧卡点").doesNotContain("1390373");
    ResponseEntity<String> page = http.getForEntity("/stations/" + TAIPING + "/receptions", String.class);
    assertThat(page.getStatusCode().value()).isEqualTo(200);
    assertThat(page.getBody()).contains("太平镇流动联络站", "三夏禁烧", "刘秀英、杨桂芝").doesNotContain("1390373");
    assertThat(http.getForEntity("/api/stations/no-such-station/receptions", String.class).getStatusCode().value())
        .isEqualTo(404);
  }

  @Test
  void onlyTheDeputiesOnDutyRecordVisitsAnotherDeputyOrStationGetsNothingStored() {
    String no = announce(NOW.plusDays(4), List.of("deputy5"));
    CountyScenario.clockAt(NOW.plusDays(4).plusMinutes(10));
    Map<String, Object> visit = visit(3, true, true);
    for (String attacker : List.of("deputy1", "deputy2", "staff1", "staff2", "water1", "demo")) {
      assertThat(post(attacker, "/api/receptions/" + no + "/visits", visit).getStatusCode().value())
          .as(attacker).isEqualTo(403);
    }
    assertThat(post(null, "/api/receptions/" + no + "/visits", visit).getStatusCode().value()).isEqualTo(401);
    assertThat(post("deputy5", "/api/receptions/JD2027-9999/visits", visit).getStatusCode().value()).isEqualTo(404);
    assertThat(read("staff2", no).path("visits").asInt()).isZero();

    ResponseEntity<String> recorded = post("deputy5", "/api/receptions/" + no + "/visits", visit);
    assertThat(recorded.getStatusCode().value()).isEqualTo(201);
    // the deputy on duty gets the opinion's ticket and key once, to tell the visitor
    assertThat(JsonBodies.tree(recorded.getBody()).path("opinionTicketNo").asText()).startsWith("YJ");
    assertThat(JsonBodies.tree(recorded.getBody()).path("trackingKey").asText()).isNotBlank();
    JsonNode view = read("deputy5", no);
    assertThat(view.path("status").asText()).as("its start time has come").isEqualTo("IN_SESSION");
    assertThat(view.path("visitors").asInt()).isEqualTo(3);
    assertThat(view.path("solvedOnSpot").asInt()).isEqualTo(1);
    // reading: its station's staff and readers, not another station's staff or another deputy
    assertThat(get("staff2", "/api/receptions/" + no).getStatusCode().value()).isEqualTo(200);
    assertThat(get("analyst1", "/api/receptions/" + no).getStatusCode().value()).isEqualTo(200);
    assertThat(get("staff1", "/api/receptions/" + no).getStatusCode().value()).isEqualTo(403);
    assertThat(get("deputy1", "/api/receptions/" + no).getStatusCode().value()).isEqualTo(403);
    // what the API gives back holds no visitor's phone
    assertThat(get("staff2", "/api/receptions/" + no).getBody()).doesNotContain("13700001111");
  }

  @Test
  void thePhoneFormRecordsForTheDeputyOnDutyOnlyAndRefusesAForeignPage() {
    String no = announce(NOW.plusDays(4), List.of("deputy5"));
    CountyScenario.clockAt(NOW.plusDays(4).plusMinutes(10));
    String form = "visitors=4&topic=" + java.net.URLEncoder.encode("秸秆离田", java.nio.charset.StandardCharsets.UTF_8);
    // another deputy, logged into Tasklist: the page of an unknown session, nothing stored
    assertThat(postForm("deputy1", no, form, null).getStatusCode().value()).isEqualTo(404);
    assertThat(postForm("staff2", no, form, null).getStatusCode().value()).isEqualTo(404);
    // the deputy on duty, but from a foreign page: refused before anything is read
    assertThat(postForm("deputy5", no, form, "https://evil.example").getStatusCode().value()).isEqualTo(403);
    assertThat(read("staff2", no).path("visits").asInt()).isZero();
    // nobody logged in
    HttpHeaders anonymous = new HttpHeaders();
    anonymous.setContentType(org.springframework.http.MediaType.APPLICATION_FORM_URLENCODED);
    assertThat(http.exchange("/field/receptions/" + no + "/visits", HttpMethod.POST, new HttpEntity<>(form, anonymous),
        String.class).getStatusCode().value()).isEqualTo(401);

    ResponseEntity<String> done = postForm("deputy5", no, form, null);
    assertThat(done.getStatusCode().value()).as(done.getHeaders() + " " + done.getBody()).isEqualTo(302);
    assertThat(done.getHeaders().getLocation().toString()).contains("/field/receptions/" + no + "?recorded=visit");
    assertThat(read("staff2", no).path("visitors").asInt()).isEqualTo(4);
    // the deputy's list of duties on the phone has it, another deputy's has not
    assertThat(WebappLogin.getAs(http, "deputy5", "/field/receptions").getBody()).contains(no);
    assertThat(WebappLogin.getAs(http, "deputy1", "/field/receptions").getBody()).doesNotContain(no);
    // a refusal is the page again with the field's message, status 400
    ResponseEntity<String> refused = postForm("deputy5", no, "visitors=0&topic=", null);
    assertThat(refused.getStatusCode().value()).isEqualTo(400);
    assertThat(refused.getBody()).contains("来访人数至少为 1", "请填写反映的事项");
    assertThat(read("staff2", no).path("visits").asInt()).isEqualTo(1);
  }

  /** The phone form as a browser posts it (no redirect followed), with the user's Tasklist session. */
  ResponseEntity<String> postForm(String user, String no, String form, String origin) {
    var login = WebappLogin.login(http, user, "tasklist");
    assertThat(login.response().getStatusCode().is2xxSuccessful()).as(user + " logs in").isTrue();
    try {
      var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(http.getRootUri() + "/field/receptions/"
              + no + "/visits"))
          .header(HttpHeaders.COOKIE, "JSESSIONID=" + login.sessionId())
          .header(HttpHeaders.CONTENT_TYPE, "application/x-www-form-urlencoded")
          .header(HttpHeaders.ORIGIN, origin == null ? http.getRootUri() : origin)
          .POST(java.net.http.HttpRequest.BodyPublishers.ofString(form)).build();
      var response = java.net.http.HttpClient.newBuilder().followRedirects(java.net.http.HttpClient.Redirect.NEVER)
          .build().send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
      HttpHeaders headers = new HttpHeaders();
      response.headers().map().forEach(headers::addAll);
      return ResponseEntity.status(response.statusCode()).headers(headers).body(response.body());
    } catch (java.io.IOException | InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void aVisitSolvedOnTheSpotWithoutItsSolutionIsRefusedAndStoresNothing() {
    String no = announce(NOW.plusDays(4), List.of("deputy5"));
    CountyScenario.clockAt(NOW.plusDays(4).plusMinutes(10));
    Map<String, Object> visit = new LinkedHashMap<>(visit(2, true, true));
    visit.remove("solution");
    ResponseEntity<String> refused = post("deputy5", "/api/receptions/" + no + "/visits", visit);
    assertThat(refused.getStatusCode().value()).isEqualTo(400);
    assertThat(refused.getBody()).contains("\"field\":\"solution\"", "当场解决的，请填写解决办法");
    assertThat(read("staff2", no).path("visits").asInt()).isZero();
  }

  /**
   * The bulletin: "接待群众 147 人次，收集意见建议 73 条，解决问题 51 个". Three sessions in 太平镇 — a field post at the
   * burning checkpoint, a street stall, a bench meeting — with 40 opinions solved on the spot and 11 solved later by the
   * water bureau through the loop (2 more only partly solved, which do not count).
   */
  @Test
  void taipingsThreeSessionsAddUpToTheBulletinsFigures() {
    TaipingBulletinYear taiping = TaipingBulletinYear.in(county);

    JsonNode field = read("staff2", taiping.fieldPost().no());
    assertThat(field.path("visitors").asInt()).isEqualTo(60);
    assertThat(field.path("opinions").asInt()).isEqualTo(30);
    assertThat(field.path("solvedOnSpot").asInt()).isEqualTo(22);
    assertThat(field.path("solved").asInt()).isEqualTo(22);
    JsonNode benchView = read("staff2", taiping.bench().no());
    assertThat(benchView.path("solvedOnSpot").asInt()).isZero();
    assertThat(benchView.path("solved").asInt()).isEqualTo(11);

    int visitors = 0;
    int opinions = 0;
    int solved = 0;
    for (Reception session : taiping.receptions()) {
      JsonNode view = read("staff2", session.no());
      visitors += view.path("visitors").asInt();
      opinions += view.path("opinions").asInt();
      solved += view.path("solved").asInt();
    }
    assertThat(visitors).isEqualTo(147);
    assertThat(opinions).isEqualTo(73);
    assertThat(solved).isEqualTo(51);

    // the station's totals grew by the same figures
    JsonNode before = taiping.receptionFiguresBefore();
    JsonNode after = taiping.receptionFiguresAfter();
    assertThat(after.path("receptions").asInt() - before.path("receptions").asInt()).isEqualTo(3);
    assertThat(after.path("visitors").asInt() - before.path("visitors").asInt()).isEqualTo(147);
    assertThat(after.path("opinions").asInt() - before.path("opinions").asInt()).isEqualTo(73);
    assertThat(after.path("solved").asInt() - before.path("solved").asInt()).isEqualTo(51);
    assertThat(get("staff1", "/api/receptions/figures?station=" + TAIPING).getStatusCode().value()).isEqualTo(403);
  }

  // ---- helpers ----

  Map<String, Object> session(ZonedDateTime startsAt, List<String> deputies) {
    return county.reception(TAIPING).startsAt(startsAt).onDuty(deputies.toArray(String[]::new)).body();
  }

  static Map<String, Object> visit(int visitors, boolean opinion, boolean solved) {
    return Reception.visitBody(visitors, opinion, solved);
  }

  String announce(ZonedDateTime startsAt, List<String> deputies) {
    return county.reception(TAIPING).startsAt(startsAt).onDuty(deputies.toArray(String[]::new)).announcedBy("staff2")
        .no();
  }

  JsonNode upcoming() {
    return JsonBodies.tree(http.getForEntity("/api/stations/" + TAIPING + "/receptions", String.class).getBody());
  }

  JsonNode read(String user, String no) {
    return county.as(user).read("/api/receptions/" + no);
  }

  ResponseEntity<String> get(String user, String path) {
    return county.as(user).get(path);
  }

  ResponseEntity<String> post(String user, String path, Object body) {
    return county.as(user).post(path, body);
  }
}
