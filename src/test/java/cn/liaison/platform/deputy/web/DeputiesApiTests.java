package cn.liaison.platform.deputy.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.liaison.platform.JsonBodies;
import cn.liaison.platform.PlatformTest;
import cn.liaison.platform.station.DeputyPosting;
import cn.liaison.platform.station.Station;
import cn.liaison.platform.station.Stations;
import cn.liaison.platform.system.RateLimiter;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The deputy directory (代表名录) as staff, deputies and the congress office read it and administrators keep it:
 * stations with their heads, Chinese labels, phones masked everywhere, and every mistake refused with a message per
 * field and nothing changed. Tests that change the directory use deputies and stations of their own.
 */
@PlatformTest
@ExtendWith(OutputCaptureExtension.class)
class DeputiesApiTests {

  static final AtomicInteger SEQ = new AtomicInteger();
  /** A full mainland mobile number anywhere in a text. */
  static final Pattern FULL_PHONE = Pattern.compile("1[3-9]\\d{9}");

  @Autowired TestRestTemplate http;
  @Autowired IdentityService identity;
  @Autowired Stations stations;
  @Autowired JdbcTemplate jdbc;
  @Autowired RateLimiter rateLimiter;

  @BeforeEach
  void freshAllowance() {
    rateLimiter.reset();
  }

  // ---- reading -------------------------------------------------------------------------------------------------

  @Test
  void craneStationListsItsHeadFirstWithChineseLabelsAndMaskedPhones() {
    ResponseEntity<String> answer = call("staff1", HttpMethod.GET, "/api/deputies?station=cy-crane", null);

    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
    JsonNode deputies = JsonBodies.tree(answer.getBody());
    JsonNode head = deputies.get(0);
    assertThat(head.path("userId").asText()).isEqualTo("deputy3");
    assertThat(head.path("name").asText()).isEqualTo("秦振起");
    assertThat(head.path("level").asText()).isEqualTo("COUNTY");
    assertThat(head.path("levelLabel").asText()).isEqualTo("县级人大代表");
    assertThat(head.path("sector").asText()).isEqualTo("起重");
    assertThat(head.path("phone").asText()).isEqualTo("139****0103");
    assertThat(head.path("stations").get(0).path("stationCode").asText()).isEqualTo("cy-crane");
    assertThat(head.path("stations").get(0).path("stationName").asText()).isEqualTo("长垣市起重产业代表联络站");
    assertThat(head.path("stations").get(0).path("role").asText()).isEqualTo("HEAD");
    assertThat(head.path("stations").get(0).path("roleLabel").asText()).isEqualTo("站长");
    assertThat(roleAt(deputies, "deputy7", "cy-crane")).isEqualTo("DEPUTY_HEAD");
    assertThat(roleAt(deputies, "deputy1", "cy-crane")).isEqualTo("MEMBER");
    assertThat(userIds(deputies)).contains("deputy1", "deputy2", "deputy3", "deputy7")
        .doesNotContain("deputy5", "deputy6");
    assertThat(answer.getBody()).doesNotContainPattern(FULL_PHONE);
  }

  @Test
  void bothChangyuanIndustryStationsHaveTheirHeads() {
    JsonNode anticorrosion = JsonBodies.tree(
        call("office1", HttpMethod.GET, "/api/deputies?station=cy-anticorrosion", null).getBody());
    assertThat(anticorrosion.get(0).path("userId").asText()).isEqualTo("deputy1");
    assertThat(roleAt(anticorrosion, "deputy1", "cy-anticorrosion")).isEqualTo("HEAD");
    assertThat(anticorrosion.get(0).path("sector").asText()).isEqualTo("防腐");
    JsonNode crane = JsonBodies.tree(call("office1", HttpMethod.GET, "/api/deputies?station=cy-crane", null).getBody());
    assertThat(crane.get(0).path("userId").asText()).isEqualTo("deputy3");
    assertThat(roleAt(crane, "deputy3", "cy-crane")).isEqualTo("HEAD");
  }

  @Test
  void wholeDirectoryHasTheDemoDeputiesOfEveryLevelOverTheFourStationsAndNoFullPhone() {
    ResponseEntity<String> answer = call("analyst1", HttpMethod.GET, "/api/deputies", null);

    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
    JsonNode deputies = JsonBodies.tree(answer.getBody());
    assertThat(userIds(deputies)).contains("deputy1", "deputy2", "deputy3", "deputy4", "deputy5", "deputy6", "deputy7")
        .doesNotContain("staff1", "office1");
    List<String> levels = new ArrayList<>();
    List<String> stationsServed = new ArrayList<>();
    deputies.forEach(d -> {
      levels.add(d.path("level").asText());
      d.path("stations").forEach(s -> stationsServed.add(s.path("stationCode").asText()));
    });
    assertThat(levels).contains("NATIONAL", "PROVINCIAL", "CITY", "COUNTY", "TOWNSHIP");
    assertThat(stationsServed).contains("cy-anticorrosion", "cy-crane", "yy-taiping-mobile", "yy-luzhai-rice");
    assertThat(answer.getBody()).doesNotContainPattern(FULL_PHONE).contains("139****0101");
  }

  @Test
  void unknownStationIsNotFoundAndABlankOneMeansAll() {
    ResponseEntity<String> unknown = call("staff1", HttpMethod.GET, "/api/deputies?station=no-such-station", null);
    assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(unknown.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue();
    assertThat(unknown.getBody()).contains("联络站不存在：no-such-station");

    ResponseEntity<String> blank = call("staff1", HttpMethod.GET, "/api/deputies?station=", null);
    assertThat(blank.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(userIds(JsonBodies.tree(blank.getBody()))).contains("deputy5", "deputy6");
  }

  @Test
  void oneDeputyByUserIdAndNobodyElse() {
    ResponseEntity<String> deputy = call("deputy2", HttpMethod.GET, "/api/deputies/deputy6", null);
    assertThat(deputy.getStatusCode()).isEqualTo(HttpStatus.OK);
    JsonNode d = JsonBodies.tree(deputy.getBody());
    assertThat(d.path("name").asText()).isEqualTo("郭稻香");
    assertThat(d.path("levelLabel").asText()).isEqualTo("乡镇人大代表");
    assertThat(d.path("phone").asText()).isEqualTo("139****0106");
    assertThat(d.path("stations").get(0).path("stationCode").asText()).isEqualTo("yy-luzhai-rice");

    // a user who is no deputy, and no user at all, look the same
    for (String other : List.of("staff1", "no-such-user")) {
      ResponseEntity<String> notFound = call("deputy2", HttpMethod.GET, "/api/deputies/" + other, null);
      assertThat(notFound.getStatusCode()).as(other).isEqualTo(HttpStatus.NOT_FOUND);
      assertThat(notFound.getBody()).contains("代表不存在");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"staff1", "staff2", "analyst1", "deputy1", "office1", "demo"})
  void staffAnalystsDeputiesTheCongressOfficeAndAdministratorsReadTheDirectory(String user) {
    assertThat(call(user, HttpMethod.GET, "/api/deputies", null).getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(call(user, HttpMethod.GET, "/api/deputies/deputy1", null).getStatusCode()).isEqualTo(HttpStatus.OK);
  }

  @ParameterizedTest
  @ValueSource(strings = {"supervisor1", "auditor1", "water1", "finance1"})
  void otherGroupsAreRefused(String user) {
    ResponseEntity<String> refused = call(user, HttpMethod.GET, "/api/deputies?station=cy-crane", null);
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(refused.getBody()).contains("无权访问").doesNotContain("deputy3");
    assertThat(call(user, HttpMethod.GET, "/api/deputies/deputy3", null).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
  }

  @Test
  void withoutCredentialsOrWithAWrongPasswordNobodyReadsTheDirectory() {
    ResponseEntity<String> anonymous = call(null, HttpMethod.GET, "/api/deputies", null);
    assertThat(anonymous.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(anonymous.getBody()).contains("需要登录").doesNotContain("deputy");
    assertThat(call(null, HttpMethod.GET, "/api/deputies/deputy1", null).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);

    HttpHeaders wrong = new HttpHeaders();
    wrong.setBasicAuth("staff1", "not-the-password");
    wrong.set("X-Forwarded-For", "10.77.0." + SEQ.incrementAndGet() % 250);
    assertThat(http.exchange("/api/deputies", HttpMethod.GET, new HttpEntity<>(wrong), String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  @Test
  void citizensPagesNameTheDeputiesButShowNoPhone() {
    for (String page : List.of("/stations/cy-crane/signboard", "/stations/cy-anticorrosion/signboard", "/stations",
        "/api/stations", "/s/cy-crane")) {
      ResponseEntity<String> answer = http.getForEntity(page, String.class);
      assertThat(answer.getStatusCode()).as(page).isEqualTo(HttpStatus.OK);
      assertThat(answer.getBody()).as(page).doesNotContain("139****", "03730")
          .doesNotContainPattern(FULL_PHONE);
    }
    assertThat(http.getForEntity("/stations/cy-crane/signboard", String.class).getBody()).contains("秦振起");
  }

  // ---- administrators keep it ----------------------------------------------------------------------------------

  @Test
  void administratorSetsLevelSectorPhoneStationsAndName(CapturedOutput output) {
    String deputy = newDeputy();
    String station = newStation();

    ResponseEntity<String> saved = put("demo", deputy, change("王建设", "CITY", "起重", "13698765432",
        posting(station, "DEPUTY_HEAD"), posting("yy-taiping-mobile", "MEMBER")));

    assertThat(saved.getStatusCode()).isEqualTo(HttpStatus.OK);
    JsonNode d = JsonBodies.tree(saved.getBody());
    assertThat(d.path("name").asText()).isEqualTo("王建设");
    assertThat(d.path("level").asText()).isEqualTo("CITY");
    assertThat(d.path("levelLabel").asText()).isEqualTo("市人大代表");
    assertThat(d.path("sector").asText()).isEqualTo("起重");
    assertThat(d.path("phone").asText()).isEqualTo("136****5432");
    assertThat(d.path("stations")).hasSize(2);
    assertThat(roleAt(d, station)).isEqualTo("DEPUTY_HEAD");
    assertThat(roleAt(d, "yy-taiping-mobile")).isEqualTo("MEMBER");
    assertThat(saved.getBody()).doesNotContain("13698765432");

    // the directory reads what was saved; the full number is in the deputy table only
    JsonNode atStation = JsonBodies.tree(call("staff2", HttpMethod.GET, "/api/deputies?station=" + station, null)
        .getBody());
    assertThat(userIds(atStation)).containsExactly(deputy);
    assertThat(jdbc.queryForObject("SELECT phone FROM deputy WHERE user_id = ?", String.class, deputy))
        .isEqualTo("13698765432");
    User user = identity.createUserQuery().userId(deputy).singleResult();
    assertThat(user.getFirstName() + user.getLastName()).isEqualTo("王建设");
    assertThat(identity.checkPassword(deputy, deputy)).as("renaming keeps the password").isTrue();
    assertThat(output.getAll()).contains("代表资料已更新：" + deputy).doesNotContain("13698765432");

    // a new list of stations replaces the old one
    ResponseEntity<String> moved = put("demo", deputy, change(null, "CITY", "起重", null, posting(station, "MEMBER")));
    assertThat(moved.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(JsonBodies.tree(moved.getBody()).path("stations")).hasSize(1);
    assertThat(roleAt(JsonBodies.tree(moved.getBody()), station)).isEqualTo("MEMBER");
  }

  @Test
  void phoneIsWriteOnlyAndKeptWhenLeftOut() {
    String deputy = newDeputy();
    assertThat(put("demo", deputy, change(null, "COUNTY", "农业", "13512340001")).getStatusCode())
        .isEqualTo(HttpStatus.OK);

    ResponseEntity<String> again = put("demo", deputy, change(null, "TOWNSHIP", "农机", null));

    assertThat(again.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(JsonBodies.tree(again.getBody()).path("phone").asText()).isEqualTo("135****0001");
    assertThat(JsonBodies.tree(again.getBody()).path("sector").asText()).isEqualTo("农机");
    assertThat(JsonBodies.tree(again.getBody()).path("stations")).isEmpty();
    assertThat(jdbc.queryForObject("SELECT phone FROM deputy WHERE user_id = ?", String.class, deputy))
        .isEqualTo("13512340001");
  }

  @Test
  void deputyWhoseDetailsNobodyEnteredIsListedWithNameOnly() {
    String deputy = newDeputy();
    ResponseEntity<String> answer = call("office1", HttpMethod.GET, "/api/deputies/" + deputy, null);
    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
    JsonNode d = JsonBodies.tree(answer.getBody());
    assertThat(d.path("name").asText()).startsWith("测试代表");
    assertThat(d.has("level")).isFalse();
    assertThat(d.has("phone")).isFalse();
    assertThat(d.path("stations")).isEmpty();
  }

  @Test
  void everyMistakeIsNamedByItsFieldInChineseAndNothingChanges() {
    String deputy = newDeputy();
    String station = newStation();
    assertThat(put("demo", deputy, change(null, "COUNTY", "防腐", "13712345678", posting(station, "MEMBER")))
        .getStatusCode()).isEqualTo(HttpStatus.OK);
    String before = call("demo", HttpMethod.GET, "/api/deputies/" + deputy, null).getBody();

    Map<String, Object> wrong = change(" ", "MAYOR", "", "12345", posting("no-such-station", "MEMBER"),
        posting(station, "CHAIRMAN"), posting(station, "MEMBER"), posting("", "HEAD"));

    ResponseEntity<String> refused = put("demo", deputy, wrong);

    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(refused.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue();
    Map<String, String> errors = errors(refused);
    assertThat(errors).containsOnlyKeys("name", "level", "sector", "phone", "stations[0].stationCode",
        "stations[1].role", "stations[2].stationCode", "stations[3].stationCode");
    assertThat(errors.get("level")).contains("NATIONAL", "全国人大代表", "TOWNSHIP");
    assertThat(errors.get("sector")).contains("专业领域");
    assertThat(errors.get("phone")).contains("11 位手机号码");
    assertThat(errors.get("stations[0].stationCode")).isEqualTo("联络站不存在：no-such-station");
    assertThat(errors.get("stations[1].role")).contains("HEAD（站长）", "DEPUTY_HEAD（副站长）", "MEMBER（驻站代表）");
    assertThat(errors.get("stations[2].stationCode")).contains("同一联络站只能填写一次");
    assertThat(errors.get("stations[3].stationCode")).contains("请填写联络站编码");
    assertThat(refused.getBody()).doesNotContain("12345\"");

    assertThat(call("demo", HttpMethod.GET, "/api/deputies/" + deputy, null).getBody()).isEqualTo(before);
    assertThat(jdbc.queryForObject("SELECT phone FROM deputy WHERE user_id = ?", String.class, deputy))
        .isEqualTo("13712345678");
    assertThat(identity.createUserQuery().userId(deputy).singleResult().getFirstName()).startsWith("测试代表");
  }

  @Test
  void eachRequiredFieldOnItsOwn() {
    String deputy = newDeputy();
    Map<String, Object> noLevel = change(null, null, "农业", null);
    assertThat(errors(put("demo", deputy, noLevel))).containsOnlyKeys("level");
    Map<String, Object> noSector = change(null, "COUNTY", null, null);
    assertThat(errors(put("demo", deputy, noSector))).containsOnlyKeys("sector");
    Map<String, Object> noStations = change(null, "COUNTY", "农业", null);
    noStations.remove("stations");
    assertThat(errors(put("demo", deputy, noStations))).containsOnlyKeys("stations");
    Map<String, Object> noRole = change(null, "COUNTY", "农业", null, posting("cy-crane", null));
    assertThat(errors(put("demo", deputy, noRole))).containsOnlyKeys("stations[0].role");
    Map<String, Object> longName = change("王".repeat(51), "COUNTY", "农业", null);
    assertThat(errors(put("demo", deputy, longName))).containsOnlyKeys("name");
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM deputy WHERE user_id = ?", Integer.class, deputy)).isZero();
  }

  @Test
  void malformedBodiesAre400NotServerErrors() {
    String deputy = newDeputy();
    for (String body : List.of("{", "{\"level\": \"COUNTY\", \"sector\": \"农业\", \"stations\": \"cy-crane\"}",
        "[1, 2]", "")) {
      HttpHeaders headers = headers("demo");
      headers.setContentType(MediaType.APPLICATION_JSON);
      ResponseEntity<String> answer = http.exchange("/api/admin/deputies/" + deputy, HttpMethod.PUT,
          new HttpEntity<>(body, headers), String.class);
      assertThat(answer.getStatusCode()).as(body).isEqualTo(HttpStatus.BAD_REQUEST);
      assertThat(answer.getBody()).as(body).contains("输入有误");
    }
  }

  @Test
  void theUserMustExistAndBeADeputy() {
    ResponseEntity<String> unknown = put("demo", "no-such-user", change(null, "COUNTY", "农业", null));
    assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(unknown.getBody()).contains("用户不存在：no-such-user");

    ResponseEntity<String> notADeputy = put("demo", "staff1", change(null, "COUNTY", "农业", "13800001111"));
    assertThat(notADeputy.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(errors(notADeputy)).containsOnlyKeys("userId");
    assertThat(errors(notADeputy).get("userId")).contains("不在“人大代表”组");
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM deputy WHERE user_id IN ('staff1', 'no-such-user')",
        Integer.class)).isZero();
  }

  @Test
  void aStationHasOneHead() {
    String station = newStation();
    String first = newDeputy();
    String second = newDeputy();
    assertThat(put("demo", first, change(null, "COUNTY", "防腐", null, posting(station, "HEAD"))).getStatusCode())
        .isEqualTo(HttpStatus.OK);
    assertThat(put("demo", second, change(null, "TOWNSHIP", "农业", "13611112222", posting(station, "MEMBER")))
        .getStatusCode()).isEqualTo(HttpStatus.OK);
    String before = call("demo", HttpMethod.GET, "/api/deputies/" + second, null).getBody();

    ResponseEntity<String> secondHead = put("demo", second, change("改了名", "CITY", "起重", "13633334444",
        posting(station, "HEAD")));

    assertThat(secondHead.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(secondHead.getBody()).contains("测试联络站", "已有站长", "（" + first + "）", "一个联络站只能有一名站长",
        "DEPUTY_HEAD");
    assertThat(call("demo", HttpMethod.GET, "/api/deputies/" + second, null).getBody()).isEqualTo(before);
    assertThat(jdbc.queryForObject("SELECT phone FROM deputy WHERE user_id = ?", String.class, second))
        .isEqualTo("13611112222");

    // the head may be saved again as head; once he steps down, the other may take over
    assertThat(put("demo", first, change(null, "COUNTY", "防腐", null, posting(station, "HEAD"))).getStatusCode())
        .isEqualTo(HttpStatus.OK);
    assertThat(put("demo", first, change(null, "COUNTY", "防腐", null, posting(station, "DEPUTY_HEAD")))
        .getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(put("demo", second, change(null, "CITY", "起重", null, posting(station, "HEAD"))).getStatusCode())
        .isEqualTo(HttpStatus.OK);
    JsonNode atStation = JsonBodies.tree(call("staff1", HttpMethod.GET, "/api/deputies?station=" + station, null)
        .getBody());
    assertThat(userIds(atStation)).containsExactly(second, first);
  }

  @Test
  void aSecondHeadOfTheCraneStationNamesItsHead() {
    String deputy = newDeputy();
    ResponseEntity<String> refused = put("demo", deputy, change(null, "COUNTY", "起重", null,
        posting("cy-crane", "HEAD")));
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(JsonBodies.tree(refused.getBody()).path("detail").asText())
        .startsWith("长垣市起重产业代表联络站已有站长秦振起（deputy3）");
  }

  @Test
  void aDeputyMovedToAnotherStationLeavesTheRecordOfTheOldOneAtOnce() {
    String deputy = newDeputy();
    String before = newStation();
    String after = newStation();
    stations.stationDeputy(deputy, List.of(new DeputyPosting(before, deputy, DeputyPosting.Role.MEMBER)));
    // read (and kept for the reference-data TTL) as a submission to the deputy reads it
    assertThat(stations.findByCode(before).orElseThrow().deputies()).containsExactly(deputy);
    assertThat(stations.findByCode(after).orElseThrow().deputies()).isEmpty();

    stations.stationDeputy(deputy, List.of(new DeputyPosting(after, deputy, DeputyPosting.Role.MEMBER)));

    assertThat(stations.findByCode(before).orElseThrow().deputies()).isEmpty();
    assertThat(stations.findByCode(after).orElseThrow().deputies()).containsExactly(deputy);
  }

  @Test
  void theDatabaseKeepsOneHeadEvenWhenTwoChangesRace() {
    String station = newStation();
    stations.stationDeputy("race-a", List.of(new DeputyPosting(station, "race-a", DeputyPosting.Role.HEAD)));
    assertThatThrownBy(() -> stations.stationDeputy("race-b",
        List.of(new DeputyPosting(station, "race-b", DeputyPosting.Role.HEAD))))
        .isInstanceOf(DuplicateKeyException.class);
    assertThat(stations.postingsAt(station)).extracting(DeputyPosting::deputyUserId).containsExactly("race-a");
  }

  @ParameterizedTest
  @ValueSource(strings = {"deputy1", "deputy3", "office1", "staff1", "analyst1", "auditor1"})
  void onlyAdministratorsChangeTheDirectory(String user) {
    String before = call("demo", HttpMethod.GET, "/api/deputies/deputy1", null).getBody();

    ResponseEntity<String> refused = put(user, "deputy1", change("篡改", "NATIONAL", "起重", "13900000000",
        posting("cy-crane", "HEAD")));

    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(call("demo", HttpMethod.GET, "/api/deputies/deputy1", null).getBody()).isEqualTo(before);
  }

  @Test
  void anonymousCannotChangeTheDirectory() {
    ResponseEntity<String> refused = put(null, "deputy1", change(null, "NATIONAL", "起重", null));
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(JsonBodies.tree(call("demo", HttpMethod.GET, "/api/deputies/deputy1", null).getBody())
        .path("level").asText()).isEqualTo("COUNTY");
  }

  // ---- helpers -------------------------------------------------------------------------------------------------

  /** A Camunda user of group deputies, without details. */
  String newDeputy() {
    String id = "dep-test-" + SEQ.incrementAndGet() + "-" + Long.toString(System.nanoTime(), 36);
    User user = identity.newUser(id);
    user.setFirstName("测试代表" + SEQ.get());
    user.setLastName("");
    user.setPassword(id);
    identity.saveUser(user);
    identity.createMembership(id, "deputies");
    return id;
  }

  /** An inactive station of its own (citizens never see it). */
  String newStation() {
    String code = "dep-test-st-" + SEQ.incrementAndGet() + "-" + Long.toString(System.nanoTime(), 36);
    stations.save(new Station(code, "测试联络站" + SEQ.get(), Station.Kind.FIXED, "长垣市", null, "测试", false,
        List.of()), 900);
    return code;
  }

  @SafeVarargs
  static Map<String, Object> change(String name, String level, String sector, String phone,
      Map<String, Object>... postings) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", name);
    body.put("level", level);
    body.put("sector", sector);
    body.put("phone", phone);
    body.put("stations", List.of(postings));
    return body;
  }

  static Map<String, Object> posting(String stationCode, String role) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("stationCode", stationCode);
    p.put("role", role);
    return p;
  }

  ResponseEntity<String> put(String user, String deputy, Map<String, Object> body) {
    return call(user, HttpMethod.PUT, "/api/admin/deputies/" + deputy, body);
  }

  ResponseEntity<String> call(String user, HttpMethod method, String path, Object body) {
    HttpHeaders headers = headers(user);
    HttpEntity<?> entity = body == null ? new HttpEntity<>(headers) : JsonBodies.json(body, headers);
    return http.exchange(path, method, entity, String.class);
  }

  static HttpHeaders headers(String user) {
    HttpHeaders headers = new HttpHeaders();
    if (user != null) {
      headers.setBasicAuth(user, user);
    }
    return headers;
  }

  static Map<String, String> errors(ResponseEntity<String> answer) {
    assertThat(answer.getStatusCode()).as(answer.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
    Map<String, String> errors = new LinkedHashMap<>();
    JsonBodies.tree(answer.getBody()).path("errors")
        .forEach(e -> errors.put(e.path("field").asText(), e.path("message").asText()));
    return errors;
  }

  static List<String> userIds(JsonNode deputies) {
    List<String> ids = new ArrayList<>();
    deputies.forEach(d -> ids.add(d.path("userId").asText()));
    return ids;
  }

  /** The role of the deputy (by user id, in a list) at the station. */
  static String roleAt(JsonNode deputies, String userId, String station) {
    for (JsonNode d : deputies) {
      if (d.path("userId").asText().equals(userId)) {
        return roleAt(d, station);
      }
    }
    throw new AssertionError(userId + " not listed");
  }

  /** The role of one deputy at the station. */
  static String roleAt(JsonNode deputy, String station) {
    for (JsonNode s : deputy.path("stations")) {
      if (s.path("stationCode").asText().equals(station)) {
        return s.path("role").asText();
      }
    }
    throw new AssertionError(deputy.path("userId").asText() + " not stationed at " + station);
  }
}
