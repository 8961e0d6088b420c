package cn.liaison.platform.opinion.web;

import static org.assertj.core.api.Assertions.assertThat;

import cn.liaison.platform.JsonBodies;
import cn.liaison.platform.PlatformTest;
import cn.liaison.platform.opinion.OpinionLoopProcess.Grade;
import cn.liaison.platform.opinion.OpinionLoopProcess.Route;
import cn.liaison.platform.opinion.OpinionLoopProcess.SortDecision;
import cn.liaison.platform.opinion.OpinionLoopProcess.Var;
import cn.liaison.platform.opinion.OpinionLoopProcess;
import cn.liaison.platform.opinion.Rating;
import cn.liaison.platform.system.RateLimiter;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The citizens' JSON API (码上见代表) as a phone browser and the station staff use it: what they send, what
 * they get back, and what is (or is not) stored. Task decisions through /engine-rest are checked with
 * Chinese messages and without revealing anything to people outside the task's group.
 */
@PlatformTest
class OpinionApiTests {

  static final String NAME = "赵建国";
  static final String PHONE = "13712345678";
  static final String HAN = "(?s).*\\p{IsHan}.*";
  static final List<String> TIMELINE = List.of("收到", "梳理中", "研判中", "已交办", "已答复", "已办结");
  static final ParameterizedTypeReference<Map<String, Object>> JSON_OBJECT = new ParameterizedTypeReference<>() {};
  static final ParameterizedTypeReference<List<Map<String, Object>>> JSON_LIST = new ParameterizedTypeReference<>() {};
  static final HttpClient PLAIN_CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @Autowired TestRestTemplate http;
  @Autowired JdbcTemplate jdbc;
  @Autowired RuntimeService runtime;
  @Autowired HistoryService history;
  @Autowired RateLimiter rateLimiter;

  @BeforeEach
  void everyCitizenStartsWithAFreshAllowance() {
    rateLimiter.reset();
  }

  // ---- reference data for the submission page ----

  @Test
  void stationsAreListedWithCodeAndChineseName() {
    var stations = http.exchange("/api/stations", HttpMethod.GET, null, JSON_LIST);
    assertThat(stations.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(stations.getBody()).extracting(s -> s.get("code"))
        .contains("cy-anticorrosion", "cy-crane", "yy-taiping-mobile", "yy-luzhai-rice");
    assertThat(stations.getBody()).filteredOn(s -> "cy-crane".equals(s.get("code"))).singleElement()
        .satisfies(s -> assertThat(s.get("name")).isEqualTo("长垣市起重产业代表联络站"));
    assertThat(stations.getBody()).allSatisfy(s -> assertThat((String) s.get("name")).matches(HAN));
  }

  @Test
  void categoriesAreListedWithCodeAndChineseName() {
    var categories = http.exchange("/api/categories", HttpMethod.GET, null, JSON_LIST);
    assertThat(categories.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(categories.getBody()).filteredOn(c -> "IRRIGATION".equals(c.get("code"))).singleElement()
        .satisfies(c -> assertThat(c.get("name")).isEqualTo("农田水利与灌溉"));
    assertThat(categories.getBody()).extracting(c -> c.get("code")).contains("AGRICULTURE", "SUBSIDY", "OTHER");
    assertThat(categories.getBody()).allSatisfy(c -> assertThat((String) c.get("name")).matches(HAN));
  }

  // ---- submitting ----

  @Test
  void citizenSubmitsByQrCodeAndGetsTicketAndKey() {
    Stored before = stored();
    var response = submit(goodOpinion());

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    String ticket = (String) response.getBody().get("ticketNo");
    assertThat(ticket).matches("YJ\\d{8}-\\d{4}");
    assertThat((String) response.getBody().get("trackingKey")).isNotBlank();
    assertThat(response.getHeaders().getLocation()).isNotNull();
    assertThat(response.getHeaders().getLocation().getPath()).isEqualTo("/api/opinions/" + ticket);

    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM opinion WHERE ticket_no = ?", Long.class, ticket))
        .isEqualTo(1);
    assertThat(jdbc.queryForObject("SELECT channel FROM opinion WHERE ticket_no = ?", String.class, ticket))
        .isEqualTo("QR_CODE");
    assertThat(jdbc.queryForObject("SELECT recorded_by FROM opinion WHERE ticket_no = ?", String.class, ticket))
        .isNull();
    assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(OpinionLoopProcess.KEY)
        .processInstanceBusinessKey(ticket).count()).isEqualTo(1);
    assertThat(stored()).isEqualTo(new Stored(before.opinions() + 1, before.processes() + 1));
  }

  @Test
  void contentOfExactlyTenAndOfTwoThousandCharactersIsAccepted() {
    assertThat(submit(goodOpinion("content", "灌溉渠堵塞请疏通一下")).getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(submit(goodOpinion("content", "渠".repeat(2000))).getStatusCode()).isEqualTo(HttpStatus.CREATED);
  }

  @Test
  void refusedOpinionIsAProblemNamingEachFieldInChineseAndStoresNothing() {
    // the rules themselves: OpinionSubmissionRulesTests
    Map<String, Object> body = goodOpinion("content", "路灯坏了请修一下");
    body.put("contactPhone", "12345");
    assertRefused(body, "content", "contactPhone");
  }

  @ParameterizedTest(name = "channel {0} without a staff login is refused")
  @ValueSource(strings = {"CARRIER_PIGEON", "MOBILE_RECEPTION"})
  void channelsOtherThanTheQrCodeAreRefusedToCitizens(String channel) {
    assertRefused(goodOpinion("channel", channel), "channel");
  }

  @Test
  void malformedJsonIsRefusedAsProblem() {
    Stored before = stored();
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    var response = http.exchange("/api/opinions", HttpMethod.POST,
        new HttpEntity<>("{\"stationCode\": \"cy-crane\", \"content\": ".getBytes(StandardCharsets.UTF_8), headers), JSON_OBJECT);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertProblem(response);
    assertThat((String) response.getBody().get("detail")).matches(HAN);
    assertThat(stored()).isEqualTo(before);
  }

  @Test
  void oversizedSubmissionIsRefusedUnread() {
    Stored before = stored();
    var response = submit(goodOpinion("content", "渠".repeat(12_000)));
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.PAYLOAD_TOO_LARGE);
    assertProblem(response);
    assertThat(stored()).isEqualTo(before);
  }

  // ---- channels other than the QR code are for station staff ----

  @Test
  void stationStaffRecordsAnOpinionFromMobileReception() {
    Stored before = stored();
    var response = submitAs("staff1", goodOpinion("channel", "MOBILE_RECEPTION"));
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    String ticket = (String) response.getBody().get("ticketNo");
    var row = jdbc.queryForMap("SELECT channel, recorded_by FROM opinion WHERE ticket_no = ?", ticket);
    assertThat(row.get("RECORDED_BY")).isEqualTo("staff1");
    assertThat(row.get("CHANNEL")).isEqualTo("MOBILE_RECEPTION");
    assertThat(stored()).isEqualTo(new Stored(before.opinions() + 1, before.processes() + 1));
  }

  @Test
  void waterBureauMayNotRecordOpinionsForTheStation() {
    Stored before = stored();
    var response = submitAs("water1", goodOpinion("channel", "MOBILE_RECEPTION"));
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertProblem(response);
    assertThat(stored()).isEqualTo(before);
  }

  // ---- flood protection ----

  @Test
  void sixthSubmissionWithinAMinuteIsRefusedAndStoresNothing() throws Exception {
    // a plain client: Apache HttpClient (behind TestRestTemplate) would wait out Retry-After and try again
    for (int i = 1; i <= 5; i++) {
      assertThat(submitPlainly(BodyPublishers.ofByteArray(bytes(goodOpinion()))).statusCode())
          .as("submission %d", i).isEqualTo(201);
    }
    Stored before = stored();
    HttpResponse<String> sixth = submitPlainly(BodyPublishers.ofByteArray(bytes(goodOpinion())));
    assertThat(sixth.statusCode()).isEqualTo(429);
    assertThat(sixth.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(MediaType.parseMediaType(type).isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue());
    assertThat((String) json(sixth.body()).get("title")).matches(HAN);
    assertThat(sixth.headers().firstValue(HttpHeaders.RETRY_AFTER)).hasValueSatisfying(
        seconds -> assertThat(Integer.parseInt(seconds)).isPositive());
    assertThat(stored()).isEqualTo(before);
  }

  @Test
  void smallOpinionSentInChunksIsNotTooLarge() throws Exception {
    byte[] body = bytes(goodOpinion());
    HttpResponse<String> response = submitPlainly(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
  }

  // ---- following the opinion ----

  @Test
  void citizenFollowsTheOpinionWithTicketAndKey() {
    var submitted = submit(goodOpinion()).getBody();
    String ticket = (String) submitted.get("ticketNo");

    var response = track(ticket, (String) submitted.get("trackingKey"));
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    Map<String, Object> progress = json(response.getBody());
    assertThat(progress).containsEntry("ticketNo", ticket).containsEntry("status", "SORTING")
        .containsEntry("statusLabel", "梳理中").containsEntry("stationName", "长垣市起重产业代表联络站")
        .containsEntry("categoryName", "农田水利与灌溉").containsEntry("canEvaluate", false);
    List<Map<String, Object>> timeline = list(progress.get("timeline"));
    assertThat(timeline).extracting(s -> s.get("label")).containsExactlyElementsOf(TIMELINE);
    assertThat(timeline).extracting(s -> s.get("reached")).containsExactly(true, true, false, false, false, false);
    assertThat(timeline).extracting(s -> s.get("current")).containsExactly(false, true, false, false, false, false);
    // personal data never leaves the platform's tables towards the tracking page
    assertThat(response.getBody()).doesNotContain(NAME, PHONE);
  }

  @Test
  void wrongKeyLooksExactlyLikeAnUnknownTicket() {
    var submitted = submit(goodOpinion()).getBody();
    String ticket = (String) submitted.get("ticketNo");
    String key = (String) submitted.get("trackingKey");
    String unknownTicket = "YJ20200101-0001";

    var wrongKey = track(ticket, key + "x");
    var unknown = track(unknownTicket, key);
    var noKey = track(ticket, null);

    assertThat(wrongKey.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(noKey.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(wrongKey.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue();
    assertThat(json(wrongKey.getBody()).get("detail").toString()).matches(HAN);
    // only the ticket number the caller sent may differ (as the problem's instance)
    String wrongKeyBody = wrongKey.getBody().replace(ticket, "{ticket}");
    assertThat(unknown.getBody().replace(unknownTicket, "{ticket}")).isEqualTo(wrongKeyBody);
    assertThat(noKey.getBody().replace(ticket, "{ticket}")).isEqualTo(wrongKeyBody);
    assertThat(wrongKey.getBody()).doesNotContain(NAME, PHONE, "农田水利");
  }

  @Test
  void trackingPageDoesNotNameTheStaffWhoRecordedTheOpinion() {
    var submitted = submitAs("staff1", goodOpinion("channel", "MOBILE_RECEPTION")).getBody();
    var response = track((String) submitted.get("ticketNo"), (String) submitted.get("trackingKey"));
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(response.getBody()).doesNotContain("staff1");
  }

  // ---- evaluating ----

  @Test
  void evaluationBeforeAnyReplyIsAConflict() {
    var submitted = submit(goodOpinion()).getBody();
    var response = evaluate((String) submitted.get("ticketNo"), (String) submitted.get("trackingKey"),
        Rating.SATISFIED.name());
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertProblem(response);
    assertThat((String) response.getBody().get("detail")).contains("尚未答复");
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM opinion_evaluation e JOIN opinion o ON o.id = e.opinion_id "
        + "WHERE o.ticket_no = ?", Long.class, submitted.get("ticketNo"))).isZero();
  }

  @Test
  void evaluationWithAnUnknownRatingIsRefused() {
    var submitted = submit(goodOpinion()).getBody();
    var response = evaluate((String) submitted.get("ticketNo"), (String) submitted.get("trackingKey"), "VERY_HAPPY");
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertProblem(response);
    assertThat(errors(response)).singleElement().satisfies(e -> {
      assertThat(e.get("field")).isEqualTo("rating");
      assertThat(e.get("message")).matches(HAN);
    });
  }

  // ---- task decisions through /engine-rest ----

  @Test
  void analystsInvalidRoutingIsRefusedInChineseAndTheTaskStaysOpen() {
    String ticket = opinionWaitingForAnalysis();
    Map<String, Object> task = singleTask("analyst1", ticket);
    assertThat(task.get("taskDefinitionKey")).isEqualTo(OpinionLoopProcess.Task.ANALYZE);

    var response = post("analyst1", "/engine-rest/task/" + task.get("id") + "/complete",
        variables(Var.ROUTE, Route.ASSIGN_DEPARTMENT.name(), Var.DEPARTMENT_CODE, "dept-moon"));

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(json(response.getBody()).get("message").toString()).contains("承办部门不存在或已停用：dept-moon");
    assertThat(singleTask("analyst1", ticket).get("id")).isEqualTo(task.get("id"));
    assertThat(jdbc.queryForObject("SELECT status FROM opinion WHERE ticket_no = ?", String.class, ticket))
        .isEqualTo("ANALYZING");
  }

  @Test
  void theSameDecisionFromAnotherGroupRevealsNothing() {
    String ticket = opinionWaitingForAnalysis();
    String taskId = (String) singleTask("analyst1", ticket).get("id");

    var response = post("water1", "/engine-rest/task/" + taskId + "/complete",
        variables(Var.ROUTE, Route.ASSIGN_DEPARTMENT.name(), Var.DEPARTMENT_CODE, "dept-moon"));

    assertThat(response.getStatusCode()).isIn(HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND);
    assertThat(response.getBody()).doesNotContain("承办部门", "dept-moon");
    assertThat(singleTask("analyst1", ticket).get("id")).isEqualTo(taskId);
  }

  @Test
  void readersWhoMayNotWorkTheTaskLearnNothingFromAnInvalidDecision() {
    String ticket = (String) submit(goodOpinion()).getBody().get("ticketNo");
    String sortTask = (String) singleTask("staff1", ticket).get("id");
    for (String reader : List.of("auditor1", "analyst1")) {
      var response = post(reader, "/engine-rest/task/" + sortTask + "/complete",
          variables(Var.SORT_DECISION, SortDecision.DUPLICATE.name(), Var.DUPLICATE_OF, "YJ20200101-0001"));
      assertThat(response.getStatusCode()).as(reader + ": " + response.getBody())
          .isIn(HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND);
      assertThat(response.getBody()).doesNotContain("受理编号", "YJ20200101-0001");
    }
    assertThat(singleTask("staff1", ticket).get("id")).isEqualTo(sortTask);
  }

  @Test
  void malformedTaskCompletionIsABadRequestNotAServerError() {
    String ticket = (String) submit(goodOpinion()).getBody().get("ticketNo");
    String sortTask = (String) singleTask("staff1", ticket).get("id");
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    var response = http.withBasicAuth("staff1", "staff1").exchange("/engine-rest/task/" + sortTask + "/complete",
        HttpMethod.POST, new HttpEntity<>("{\"variables\": ".getBytes(StandardCharsets.UTF_8), headers), String.class);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(singleTask("staff1", ticket).get("id")).isEqualTo(sortTask);
  }

  // ---- helpers ----

  record Stored(long opinions, long processes) {}

  Stored stored() {
    return new Stored(jdbc.queryForObject("SELECT COUNT(*) FROM opinion", Long.class),
        history.createHistoricProcessInstanceQuery().processDefinitionKey(OpinionLoopProcess.KEY).count());
  }

  static Map<String, Object> goodOpinion() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("stationCode", "cy-crane");
    body.put("category", "IRRIGATION");
    body.put("content", "村东头灌溉渠堵塞，麦田浇不上水，请尽快疏通。");
    body.put("place", "长垣市恼里镇某村");
    body.put("contactName", NAME);
    body.put("contactPhone", PHONE);
    body.put("anonymous", false);
    body.put("consent", true);
    return body;
  }

  /** A good opinion with one field changed (null removes it). */
  static Map<String, Object> goodOpinion(String field, Object value) {
    Map<String, Object> body = goodOpinion();
    if (value == null) {
      body.remove(field);
    } else {
      body.put(field, value);
    }
    return body;
  }

  /** 400 as an RFC 9457 problem with a Chinese message for each of the fields, and nothing stored. */
  void assertRefused(Map<String, Object> body, String... fields) {
    Stored before = stored();
    var response = submit(body);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertProblem(response);
    assertThat(errors(response)).as("errors").extracting(e -> e.get("field")).containsExactly(fields);
    assertThat(errors(response)).allSatisfy(e ->
        assertThat(e.get("message")).as("message for " + e.get("field")).matches(HAN));
    assertThat(stored()).as("nothing stored").isEqualTo(before);
  }

  static void assertProblem(ResponseEntity<Map<String, Object>> response) {
    assertThat(response.getHeaders().getContentType()).isNotNull();
    assertThat(response.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue();
    assertThat(response.getBody()).containsEntry("status", response.getStatusCode().value());
    assertThat((String) response.getBody().get("title")).matches(HAN);
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, String>> errors(ResponseEntity<Map<String, Object>> response) {
    return (List<Map<String, String>>) response.getBody().get("errors");
  }

  ResponseEntity<Map<String, Object>> submit(Map<String, Object> body) {
    return http.exchange("/api/opinions", HttpMethod.POST, jsonBody(body), JSON_OBJECT);
  }

  ResponseEntity<Map<String, Object>> submitAs(String user, Map<String, Object> body) {
    return http.withBasicAuth(user, user).exchange("/api/opinions", HttpMethod.POST, jsonBody(body), JSON_OBJECT);
  }

  /** POST /api/opinions with the JDK's client: no automatic retries; a publisher without length is sent chunked. */
  HttpResponse<String> submitPlainly(HttpRequest.BodyPublisher body) throws Exception {
    return PLAIN_CLIENT.send(HttpRequest.newBuilder(URI.create(http.getRootUri() + "/api/opinions"))
        .header("Content-Type", "application/json").POST(body).build(), BodyHandlers.ofString());
  }

  ResponseEntity<String> track(String ticket, String key) {
    HttpHeaders headers = new HttpHeaders();
    if (key != null) {
      headers.set("X-Tracking-Key", key);
    }
    return http.exchange("/api/opinions/" + ticket, HttpMethod.GET, new HttpEntity<>(headers), String.class);
  }

  ResponseEntity<Map<String, Object>> evaluate(String ticket, String key, String rating) {
    HttpHeaders headers = new HttpHeaders();
    headers.set("X-Tracking-Key", key);
    return http.exchange("/api/opinions/" + ticket + "/evaluation", HttpMethod.POST,
        JsonBodies.json(Map.of("rating", rating), headers), JSON_OBJECT);
  }

  /** Submitted by QR and confirmed by staff1 through /engine-rest with the triage's proposal. */
  String opinionWaitingForAnalysis() {
    String ticket = (String) submit(goodOpinion()).getBody().get("ticketNo");
    Map<String, Object> sort = singleTask("staff1", ticket);
    assertThat(sort.get("taskDefinitionKey")).isEqualTo(OpinionLoopProcess.Task.SORT);
    var confirmed = post("staff1", "/engine-rest/task/" + sort.get("id") + "/complete",
        variables(Var.SORT_DECISION, SortDecision.CONFIRM.name(), Var.CATEGORY, "IRRIGATION",
            Var.DEPARTMENT_CODE, "dept-water", Var.GRADE, Grade.GENERAL.name(), Var.DEADLINE_DAYS, 5));
    assertThat(confirmed.getStatusCode()).as(confirmed.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
    return ticket;
  }

  Map<String, Object> singleTask(String user, String ticket) {
    var tasks = http.withBasicAuth(user, user).exchange("/engine-rest/task?processInstanceBusinessKey=" + ticket,
        HttpMethod.GET, null, JSON_LIST);
    assertThat(tasks.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(tasks.getBody()).as("open tasks of %s for %s", user, ticket).hasSize(1);
    return tasks.getBody().get(0);
  }

  ResponseEntity<String> post(String user, String path, Object body) {
    return http.withBasicAuth(user, user).exchange(path, HttpMethod.POST, jsonBody(body), String.class);
  }

  /** Camunda REST variables: {"variables": {"name": {"value": ...}}}. */
  static Map<String, Object> variables(Object... namesAndValues) {
    Map<String, Object> variables = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      Map<String, Object> value = new LinkedHashMap<>();
      value.put("value", namesAndValues[i + 1]);
      if (namesAndValues[i + 1] instanceof Integer) {
        value.put("type", "Integer");
      }
      variables.put((String) namesAndValues[i], value);
    }
    return Map.of("variables", variables);
  }

  static HttpEntity<Object> jsonBody(Object body) {
    return JsonBodies.json(body);
  }

  static byte[] bytes(Object body) {
    return JsonBodies.bytes(body);
  }

  static Map<String, Object> json(String body) {
    return JsonBodies.object(body);
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> list(Object value) {
    return (List<Map<String, Object>>) value;
  }
}
