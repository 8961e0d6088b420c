package cn.liaison.platform.bulletin;

import static org.assertj.core.api.Assertions.assertThat;

import cn.liaison.platform.JsonBodies;
import cn.liaison.platform.PlatformTest;
import cn.liaison.platform.opinion.OpinionLoopProcess;
import cn.liaison.platform.reception.ReceptionProcess;
import cn.liaison.platform.system.RateLimiter;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
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
import org.springframework.http.ResponseEntity;

/**
 * The seed bulletin's 太平镇 article from the platform's own records: in 2030 (a year no other test writes to) the
 * station's deputies receive 147 visitors with 73 opinions and 51 problems solved in three reception sessions, and the
 * staff list 22 rectification tasks with 57 problems of which 52 are crossed off — all through /api and /engine-rest
 * as the demo users. Then staff2 downloads the bulletin: Word opens it, and its sentences carry those numbers, the same
 * as GET /api/statistics answers for the station and period.
 */
@PlatformTest
class TaipingBulletinEndToEndTests {

  static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
  static final ZonedDateTime NOW = ZonedDateTime.of(2030, 5, 20, 9, 0, 0, 0, BEIJING);
  static final String TAIPING = "yy-taiping-mobile";
  static final AtomicInteger SEQUENCE = new AtomicInteger();
  static final List<String[]> UNITS = List.of(new String[] {"dept-water", "water1"},
      new String[] {"dept-agriculture", "agri1"}, new String[] {"dept-town", "town1"},
      new String[] {"dept-housing", "housing1"}, new String[] {"dept-natural-resources", "natres1"});
  static final List<String[]> GRIDS = List.of(new String[] {"tp-taiping", "deputy5"},
      new String[] {"tp-dongzhuang", "deputy5"}, new String[] {"tp-xizhuang", "deputy5"},
      new String[] {"tp-nanjie", "deputy2"}, new String[] {"tp-beijie", "deputy2"}, new String[] {"tp-hetan", "deputy2"});

  @Autowired TestRestTemplate http;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired RateLimiter rateLimiter;

  @BeforeEach
  void beforeTheHarvest() {
    rateLimiter.reset();
    ClockUtil.setCurrentTime(Date.from(NOW.toInstant()));
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void taipingsArticleSaysItReceived147VisitorsAndCrossedOff52Of57Problems() throws Exception {
    receive147VisitorsWith73OpinionsAnd51Solved();
    list22TasksWith57ProblemsAndCrossOff52();

    ResponseEntity<byte[]> response = http.exchange("/api/bulletins?from=2030-01-01&to=2030-12-31&stations=" + TAIPING
        + "&issueNo=37&issuedOn=2030-09-18", HttpMethod.GET, new HttpEntity<>(auth("staff2")), byte[].class);

    assertThat(response.getStatusCode()).as(new String(response.getBody() == null ? new byte[0] : response.getBody(),
        StandardCharsets.UTF_8)).isEqualTo(HttpStatus.OK);
    assertThat(response.getHeaders().getContentType().toString())
        .isEqualTo("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    String disposition = response.getHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION);
    assertThat(disposition).startsWith("attachment;").contains("filename*=UTF-8''");
    assertThat(URLDecoder.decode(disposition.substring(disposition.indexOf("UTF-8''") + 7), StandardCharsets.UTF_8))
        .isEqualTo("工作简报第37期（2030-01-01至2030-12-31）.docx");

    List<String> paragraphs;
    try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(response.getBody()))) {
      paragraphs = doc.getParagraphs().stream().map(XWPFParagraph::getText).toList();
    }
    assertThat(paragraphs).contains("代表工作", "第 37 期", "2030 年 9 月 18 日", "★ 太平镇流动联络站：架起代表联系群众“连心桥”",
        "太平镇流动联络站：架起代表联系群众“连心桥”");
    String text = String.join("\n", paragraphs);
    assertThat(text).contains("接待群众147人次，收集意见建议73条，解决问题51件。",
        "梳理出22项整改任务共计57条具体问题，已完成问题整改52条。",
        "送：省人大常委会主任、副主任、秘书长", "河南省人大常委会代表工作委员会印发");

    // the same figures as the statistics API for the station and period
    JsonNode statistics = JsonBodies.tree(http.exchange("/api/statistics?from=2030-01-01&to=2030-12-31&station="
        + TAIPING, HttpMethod.GET, new HttpEntity<>(auth("staff2")), String.class).getBody());
    assertThat(text).contains("接待群众" + statistics.path("receptions").path("visitors").asLong() + "人次",
        "收集意见建议" + statistics.path("receptions").path("opinions").asLong() + "条",
        "梳理出" + statistics.path("rectification").path("tasks").asLong() + "项整改任务共计"
            + statistics.path("rectification").path("problems").asLong() + "条具体问题");
  }

  // ---- 太平镇's reception sessions (as ReceptionApiTests enters them) ----

  void receive147VisitorsWith73OpinionsAnd51Solved() {
    ZonedDateTime day = NOW.plusDays(4);
    String fieldPost = announce(day, List.of("deputy5", "deputy2"));
    String stall = announce(day.plusDays(1), List.of("deputy2"));
    String bench = announce(day.plusDays(2), List.of("deputy5"));
    Map<String, String> keys = new LinkedHashMap<>();
    open(fieldPost, day);
    record("deputy5", fieldPost, 30, 22, 30, keys); // 田间值班点: 30 opinions, 22 solved there, a group of 30
    open(stall, day.plusDays(1));
    record("deputy2", stall, 25, 18, 25, keys); // 摆摊接待: 25 opinions, 18 solved there, 25 passers-by
    open(bench, day.plusDays(2));
    record("deputy5", bench, 18, 0, 19, keys); // 板凳会: 18 opinions, none solved there, 19 more villagers
    // 13 opinions of the bench meeting through the loop to the water bureau: 11 solved (and rated), 2 partly solved
    List<String> tickets = new ArrayList<>(keys.keySet());
    List<String> benchTickets = tickets.subList(tickets.size() - 18, tickets.size() - 5);
    for (int i = 0; i < benchTickets.size(); i++) {
      handleAtTheWaterBureau(benchTickets.get(i), i < 11 ? "SOLVED" : "PARTLY_SOLVED");
      if (i < 11) {
        rate(benchTickets.get(i), keys.get(benchTickets.get(i)), i);
      }
    }
  }

  /** The session's start: its timer opens it (an announced session that never opened is not counted). */
  void open(String receptionNo, ZonedDateTime startsAt) {
    ClockUtil.setCurrentTime(Date.from(startsAt.plusMinutes(5).toInstant()));
    String pi = runtime.createProcessInstanceQuery().processDefinitionKey(ReceptionProcess.KEY)
        .processInstanceBusinessKey(receptionNo).singleResult().getId();
    management.executeJob(management.createJobQuery().processInstanceId(pi)
        .activityId(ReceptionProcess.Event.TIMER_SESSION_STARTS).singleResult().getId());
  }

  /** The villager rates the reply with the ticket and key the deputy wrote down for them: the opinion is closed. */
  void rate(String ticket, String key, int n) {
    HttpHeaders headers = new HttpHeaders();
    headers.set("X-Tracking-Key", key);
    headers.set("X-Forwarded-For", "10.77.0." + (n + 1));
    ResponseEntity<String> r = http.exchange("/api/opinions/" + ticket + "/evaluation", HttpMethod.POST,
        JsonBodies.json(Map.of("rating", "SATISFIED", "comment", "机井通电了，谢谢代表"), headers), String.class);
    assertThat(r.getStatusCode().value()).as(r.getBody()).isEqualTo(204);
  }

  String announce(ZonedDateTime startsAt, List<String> deputies) {
    ResponseEntity<String> r = call("staff2", HttpMethod.POST, "/api/receptions", Map.of("stationCode", TAIPING,
        "kind", "FIELD_POST", "theme", "三夏禁烧", "place", "王庄村东禁烧卡点",
        "startsAt", startsAt.toOffsetDateTime().toString(),
        "endsAt", startsAt.plusHours(4).toOffsetDateTime().toString(), "deputiesOnDuty", deputies));
    assertThat(r.getStatusCode().value()).as(r.getBody()).isEqualTo(201);
    return JsonBodies.tree(r.getBody()).path("receptionNo").asText();
  }

  void record(String deputy, String no, int opinions, int solvedOnSpot, int groupVisitors, Map<String, String> keys) {
    for (int i = 0; i < opinions; i++) {
      ResponseEntity<String> r = call(deputy, HttpMethod.POST, "/api/receptions/" + no + "/visits",
          visit(1, true, i < solvedOnSpot));
      assertThat(r.getStatusCode().value()).as(r.getBody()).isEqualTo(201);
      JsonNode recorded = JsonBodies.tree(r.getBody());
      keys.put(recorded.path("opinionTicketNo").asText(), recorded.path("trackingKey").asText());
    }
    ResponseEntity<String> group = call(deputy, HttpMethod.POST, "/api/receptions/" + no + "/visits",
        visit(groupVisitors, false, false));
    assertThat(group.getStatusCode().value()).as(group.getBody()).isEqualTo(201);
  }

  void handleAtTheWaterBureau(String ticket, String result) {
    complete("staff2", task(ticket, OpinionLoopProcess.Task.SORT), Map.of("sortDecision", "CONFIRM",
        "category", "IRRIGATION", "departmentCode", "dept-water", "grade", "GENERAL", "deadlineDays", 5));
    complete("analyst1", task(ticket, OpinionLoopProcess.Task.ANALYZE), Map.of("route", "ASSIGN_DEPARTMENT",
        "departmentCode", "dept-water"));
    String pi = runtime.createProcessInstanceQuery().processInstanceBusinessKey(ticket)
        .processDefinitionKey(OpinionLoopProcess.KEY).singleResult().getId();
    management.executeJob(management.createJobQuery().processInstanceId(pi)
        .activityId(OpinionLoopProcess.Task.ASSIGN).singleResult().getId());
    complete("water1", task(ticket, OpinionLoopProcess.Task.HANDLE), Map.of("handlingAction", "REPLY",
        "replyResult", result, "replyText", "已协调供电所和村委会，机井恢复供电，电费按户公示。"));
  }

  static Map<String, Object> visit(int visitors, boolean opinion, boolean solved) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("visitors", visitors);
    v.put("topic", opinion ? null : "政策咨询：秸秆还田补贴");
    if (opinion) {
      v.put("opinion", Map.of("category", "IRRIGATION", "content",
          "村南机井没电，麦茬地浇不上水，请协调恢复供电。编号" + SEQUENCE.incrementAndGet(), "contactName", "王大伯",
          "contactPhone", "13700001111", "consent", true));
    }
    v.put("solvedOnSpot", solved);
    if (solved) {
      v.put("solution", "代表当场联系供电所，电工半小时内到场恢复供电");
    }
    return v;
  }

  // ---- 太平镇's 一网四制 (as TaipingRectificationEndToEndTests enters it) ----

  void list22TasksWith57ProblemsAndCrossOff52() {
    ClockUtil.setCurrentTime(Date.from(ZonedDateTime.of(2030, 7, 5, 9, 0, 0, 0, BEIJING).toInstant()));
    String code = "TP-BULLETIN-" + System.nanoTime() % 1_000_000;
    ResponseEntity<String> drive = call("staff2", HttpMethod.POST, "/api/rectifications", Map.of("code", code,
        "name", "群众身边不正之风和腐败问题集中整治", "town", "太平镇", "deadline", "2030-12-31"));
    assertThat(drive.getStatusCode()).as(drive.getBody()).isEqualTo(HttpStatus.CREATED);
    record Raised(String problemNo, String unitUser, String deputy) {}
    List<Raised> problems = new ArrayList<>();
    for (int t = 0; t < 22; t++) {
      String[] unit = UNITS.get(t % UNITS.size());
      String[] grid = GRIDS.get(t % GRIDS.size());
      ResponseEntity<String> task = call("staff2", HttpMethod.POST, "/api/rectifications/" + code + "/tasks",
          Map.of("title", "整改任务" + (t + 1), "responsibleUnit", unit[0], "grid", grid[0], "deadline", "2030-08-31"));
      assertThat(task.getStatusCode()).as(task.getBody()).isEqualTo(HttpStatus.CREATED);
      String taskNo = JsonBodies.tree(task.getBody()).path("taskNo").asText();
      for (int p = 0; p < (t < 13 ? 3 : 2); p++) {
        ResponseEntity<String> problem = call("staff2", HttpMethod.POST,
            "/api/rectifications/" + code + "/tasks/" + taskNo + "/problems", Map.of(
                "description", "第" + (t + 1) + "项任务的第" + (p + 1) + "个问题：群众反映的具体情况",
                "source", p == 0 ? "RECEPTION" : p == 1 ? "HOME_VISIT" : "INSPECTION",
                "sourceRef", "JD2030-" + String.format("%04d", t + 1), "foundOn", "2030-07-0" + (1 + p),
                "responsiblePerson", "责任人" + (t + 1), "deadline", "2030-08-31"));
        assertThat(problem.getStatusCode()).as(problem.getBody()).isEqualTo(HttpStatus.CREATED);
        problems.add(new Raised(JsonBodies.tree(problem.getBody()).path("problemNo").asText(), unit[1], grid[1]));
      }
    }
    assertThat(problems).hasSize(57);
    for (Raised r : problems.subList(5, 57)) {
      completeProblem(r.unitUser(), r.problemNo(), "Task_RectifyProblem", Map.of("measures", "已按要求整改并张榜公示",
          "progress", "完成", "rectified", true));
      completeProblem(r.deputy(), r.problemNo(), "Task_VerifyRectification", Map.of("verification", "PASS"));
      completeProblem("staff2", r.problemNo(), "Task_RecordFeedback", Map.of("feedback", "在村民代表会议上通报整改结果"));
      completeProblem("staff2", r.problemNo(), "Task_CloseProblem", Map.of());
    }
  }

  void completeProblem(String user, String problemNo, String taskKey, Map<String, Object> values) {
    JsonNode list = JsonBodies.tree(call(user, HttpMethod.GET, "/engine-rest/task?processInstanceBusinessKey="
        + problemNo + "&taskDefinitionKey=" + taskKey, null).getBody());
    assertThat(list).as("%s sees %s of %s", user, taskKey, problemNo).hasSize(1);
    complete(user, list.get(0).path("id").asText(), values);
  }

  // ---- HTTP as the demo users ----

  String task(String ticket, String taskKey) {
    var task = tasks.createTaskQuery().processInstanceBusinessKey(ticket).taskDefinitionKey(taskKey).singleResult();
    assertThat(task).as(taskKey + " of " + ticket).isNotNull();
    return task.getId();
  }

  void complete(String user, String taskId, Map<String, Object> values) {
    Map<String, Object> variables = new LinkedHashMap<>();
    values.forEach((name, value) -> variables.put(name, value instanceof Integer
        ? Map.of("value", value, "type", "Integer") : Map.of("value", value)));
    ResponseEntity<String> r = call(user, HttpMethod.POST, "/engine-rest/task/" + taskId + "/complete",
        Map.of("variables", variables));
    assertThat(r.getStatusCode().value()).as(user + " completes " + taskId + ": " + r.getBody()).isEqualTo(204);
  }

  ResponseEntity<String> call(String user, HttpMethod method, String path, Object body) {
    HttpHeaders headers = auth(user);
    HttpEntity<?> entity = body == null ? new HttpEntity<>(headers) : JsonBodies.json(body, headers);
    return http.exchange(path, method, entity, String.class);
  }

  static HttpHeaders auth(String user) {
    HttpHeaders headers = new HttpHeaders();
    headers.setBasicAuth(user, user);
    return headers;
  }
}
