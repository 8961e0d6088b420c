package cn.liaison.platform.opinion.web;

import static org.assertj.core.api.Assertions.assertThat;

import cn.liaison.platform.JsonBodies;
import cn.liaison.platform.PlatformTest;
import cn.liaison.platform.WebappLogin;
import cn.liaison.platform.opinion.OpinionLoopProcess.SortDecision;
import cn.liaison.platform.opinion.OpinionLoopProcess.Var;
import cn.liaison.platform.opinion.OpinionService;
import cn.liaison.platform.opinion.OpinionSubmission;
import cn.liaison.platform.system.RateLimiter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Stations have their own staff, tried from the attacker's side: staff2 (太平镇流动联络站) goes after an opinion
 * of 长垣市起重产业代表联络站, whose staff is staff1. staff2 must not read the citizen's contact, find, claim or
 * complete the opinion's 汇总梳理, nor record opinions for that station; a user removed from the station's group,
 * locked or deleted loses the staff pages at the next request.
 */
@PlatformTest
class StationStaffTests {

  static final String PHONE = "13712345678";
  static final ParameterizedTypeReference<List<Map<String, Object>>> JSON_LIST = new ParameterizedTypeReference<>() {};

  @Autowired TestRestTemplate http;
  @Autowired OpinionService opinions;
  @Autowired TaskService tasks;
  @Autowired IdentityService identity;
  @Autowired JdbcTemplate jdbc;
  @Autowired RateLimiter rateLimiter;

  String ticket;

  @BeforeEach
  void citizenOfChangyuanLeavesPhoneNumberAtTheCraneStation() {
    rateLimiter.reset();
    ticket = opinions.submit(new OpinionSubmission("cy-crane", "INDUSTRY",
        "起重企业货车进出园区道路狭窄，希望拓宽道路。", "长垣市起重产业集聚区", "赵先生", PHONE, false, true, null), null)
        .ticketNo();
  }

  // ---- the opinion card /staff/opinions/{ticket} ----

  @Test
  void staffOfAnotherStationGetTheSamePageAsForAnUnknownTicket() {
    ResponseEntity<String> foreign = page("staff2", ticket);
    ResponseEntity<String> unknown = page("staff2", "YJ20990101-9999");
    assertThat(foreign.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(foreign.getBody()).isEqualTo(unknown.getBody())
        .doesNotContain(PHONE, "赵先生", "137****5678", "起重企业货车");
    assertThat(page("staff3", ticket).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
  }

  @Test
  void ownStationsStaffSeeTheFullContactOthersAtMostMasked() {
    assertThat(page("staff1", ticket).getBody()).contains(ticket, PHONE, "赵先生", "长垣市起重产业代表联络站");
    for (String user : List.of("analyst1", "supervisor1", "demo")) {
      ResponseEntity<String> masked = page(user, ticket);
      assertThat(masked.getStatusCode()).as(user).isEqualTo(HttpStatus.OK);
      assertThat(masked.getBody()).as(user).contains("137****5678").doesNotContain(PHONE, "赵先生");
    }
  }

  // ---- the 汇总梳理 task in Tasklist and /engine-rest ----

  @Test
  void sortTaskIsACandidateTaskOfTheOwnStationsStaffOnly() {
    Task sort = sortTask();
    assertThat(tasks.getIdentityLinksForTask(sort.getId())).extracting("groupId")
        .containsExactly("station-staff-cy-crane");
    assertThat(taskQuery("staff1")).extracting(t -> t.get("id")).containsExactly(sort.getId());
    assertThat(taskQuery("staff2")).isEmpty();
    assertThat(taskQuery("staff3")).isEmpty();
    assertThat(http.withBasicAuth("staff2", "staff2").getForEntity("/engine-rest/task/" + sort.getId(), String.class)
        .getStatusCode()).isIn(HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND);
    assertThat(http.withBasicAuth("staff2", "staff2").getForEntity("/engine-rest/task/" + sort.getId()
        + "/variables", String.class).getBody()).doesNotContain("137****5678", "起重企业货车");
  }

  @Test
  void staffOfAnotherStationCanNeitherClaimNorCompleteTheSortTask() {
    Task sort = sortTask();
    ResponseEntity<String> claim = post("staff2", "/engine-rest/task/" + sort.getId() + "/claim",
        Map.of("userId", "staff2"));
    assertThat(claim.getStatusCode()).isIn(HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND);
    ResponseEntity<String> complete = post("staff2", "/engine-rest/task/" + sort.getId() + "/complete",
        Map.of("variables", Map.of(Var.SORT_DECISION, Map.of("value", SortDecision.CONFIRM.name()))));
    assertThat(complete.getStatusCode()).isIn(HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND);

    Task unchanged = tasks.createTaskQuery().taskId(sort.getId()).singleResult();
    assertThat(unchanged).as("the task is still open").isNotNull();
    assertThat(unchanged.getAssignee()).isNull();
    // staff1 may claim it
    assertThat(post("staff1", "/engine-rest/task/" + sort.getId() + "/claim", Map.of("userId", "staff1"))
        .getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(tasks.createTaskQuery().taskId(sort.getId()).singleResult().getAssignee()).isEqualTo("staff1");
  }

  // ---- recording opinions of other channels ----

  @Test
  void staffRecordOpinionsOfOtherChannelsOnlyForTheirOwnStations() {
    long before = count();
    ResponseEntity<Map<String, Object>> foreign = submitAs("staff3", reception("cy-crane"));
    assertThat(foreign.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(foreign.getHeaders().getContentType()).isNotNull();
    assertThat(count()).isEqualTo(before);

    ResponseEntity<Map<String, Object>> own = submitAs("staff3", reception("yy-luzhai-rice"));
    assertThat(own.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(jdbc.queryForObject("SELECT recorded_by FROM opinion WHERE ticket_no = ?", String.class,
        own.getBody().get("ticketNo"))).isEqualTo("staff3");
  }

  // ---- a removed, locked or deleted user loses /staff/** at the next request ----

  @Test
  void userRemovedFromTheStationLockedOrDeletedLosesTheStaffPagesAtTheNextRequest() {
    String id = "staff-leaver-" + System.nanoTime();
    User user = identity.newUser(id);
    user.setFirstName("临时");
    user.setLastName("");
    user.setPassword(id);
    identity.saveUser(user);
    identity.createMembership(id, "station-staff");
    identity.createMembership(id, "station-staff-cy-crane");
    WebappLogin.Login login = WebappLogin.login(http, id, "tasklist");
    assertThat(login.response().getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(withSession(login).getBody()).contains(PHONE);

    identity.deleteMembership(id, "station-staff-cy-crane");
    ResponseEntity<String> removed = withSession(login);
    assertThat(removed.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(removed.getBody()).doesNotContain(PHONE);

    identity.createMembership(id, "station-staff-cy-crane");
    assertThat(withSession(login).getBody()).contains(PHONE);

    // Camunda's per-user lock is off (login throttling is per client address), so someone else's wrong
    // password does not cost the user the page
    assertThat(identity.checkPassword(id, "wrong-password")).isFalse();
    assertThat(withSession(login).getBody()).contains(PHONE);

    identity.deleteUser(id);
    ResponseEntity<String> deleted = withSession(login);
    assertThat(deleted.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(deleted.getBody()).doesNotContain(PHONE);
  }

  // ---- helpers ----

  Task sortTask() {
    return tasks.createTaskQuery().processInstanceBusinessKey(ticket).singleResult();
  }

  ResponseEntity<String> page(String user, String ticketNo) {
    return WebappLogin.getAs(http, user, "/staff/opinions/" + ticketNo);
  }

  ResponseEntity<String> withSession(WebappLogin.Login login) {
    HttpHeaders headers = new HttpHeaders();
    headers.add(HttpHeaders.COOKIE, "JSESSIONID=" + login.sessionId());
    return http.exchange("/staff/opinions/" + ticket, HttpMethod.GET, new HttpEntity<>(headers), String.class);
  }

  List<Map<String, Object>> taskQuery(String user) {
    ResponseEntity<List<Map<String, Object>>> r = http.withBasicAuth(user, user).exchange(
        "/engine-rest/task?processInstanceBusinessKey=" + ticket, HttpMethod.GET, null, JSON_LIST);
    assertThat(r.getStatusCode()).isEqualTo(HttpStatus.OK);
    return r.getBody();
  }

  ResponseEntity<String> post(String user, String path, Object body) {
    return http.withBasicAuth(user, user).exchange(path, HttpMethod.POST, JsonBodies.json(body), String.class);
  }

  ResponseEntity<Map<String, Object>> submitAs(String user, Map<String, Object> body) {
    return http.withBasicAuth(user, user).exchange("/api/opinions", HttpMethod.POST, JsonBodies.json(body),
        new ParameterizedTypeReference<Map<String, Object>>() {});
  }

  static Map<String, Object> reception(String stationCode) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("stationCode", stationCode);
    body.put("category", "AGRICULTURE");
    body.put("content", "群众反映田间机耕路雨后泥泞，农机下不了地。");
    body.put("place", "路寨镇某村");
    body.put("anonymous", true);
    body.put("channel", "MOBILE_RECEPTION");
    return body;
  }

  long count() {
    return jdbc.queryForObject("SELECT COUNT(*) FROM opinion", Long.class);
  }
}
