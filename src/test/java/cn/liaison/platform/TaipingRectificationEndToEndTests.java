package cn.liaison.platform;

import static org.assertj.core.api.Assertions.assertThat;

import cn.liaison.platform.system.RateLimiter;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
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
 * The bulletin's 太平镇 一网四制, entered the way the people do it, through /api and /engine-rest as the demo users:
 * the station's staff list 22 rectification tasks (整改任务) with 57 concrete problems for the town's departments in
 * the deputies' grids; the departments rectify in Tasklist, the grids' deputies verify, the staff feed back and cross
 * off 52 of them ("梳理出整改任务22项、具体问题57个，已整改52个"); the figures read back from the API are the bulletin's.
 */
@PlatformTest
class TaipingRectificationEndToEndTests {

  static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
  /** Department (unit user) and grid of each task, in turn; the grids' deputies are deputy5 and deputy2. */
  static final List<String[]> UNITS = List.of(new String[] {"dept-water", "water1"},
      new String[] {"dept-agriculture", "agri1"}, new String[] {"dept-town", "town1"},
      new String[] {"dept-housing", "housing1"}, new String[] {"dept-natural-resources", "natres1"});
  static final List<String[]> GRIDS = List.of(new String[] {"tp-taiping", "deputy5"},
      new String[] {"tp-dongzhuang", "deputy5"}, new String[] {"tp-xizhuang", "deputy5"},
      new String[] {"tp-nanjie", "deputy2"}, new String[] {"tp-beijie", "deputy2"}, new String[] {"tp-hetan", "deputy2"});

  @Autowired TestRestTemplate http;
  @Autowired RateLimiter rateLimiter;

  @BeforeEach
  void quietMorning() {
    rateLimiter.reset();
    ClockUtil.setCurrentTime(Date.from(ZonedDateTime.of(2027, 7, 5, 9, 0, 0, 0, BEIJING).toInstant()));
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void twentyTwoTasksWithFiftySevenProblemsOfWhichFiftyTwoAreCrossedOff() throws Exception {
    String code = "TP-ZZ-" + System.nanoTime() % 1_000_000;
    ResponseEntity<String> drive = call("staff2", HttpMethod.POST, "/api/rectifications", Map.of("code", code,
        "name", "群众身边不正之风和腐败问题集中整治", "town", "太平镇", "deadline", "2027-12-31"));
    assertThat(drive.getStatusCode()).as(drive.getBody()).isEqualTo(HttpStatus.CREATED);

    // 22 tasks; the first 13 have three problems, the others two: 57 in all
    record Raised(String problemNo, String unitUser, String deputy) {}
    List<Raised> problems = new ArrayList<>();
    for (int t = 0; t < 22; t++) {
      String[] unit = UNITS.get(t % UNITS.size());
      String[] grid = GRIDS.get(t % GRIDS.size());
      ResponseEntity<String> task = call("staff2", HttpMethod.POST, "/api/rectifications/" + code + "/tasks",
          Map.of("title", "整改任务" + (t + 1) + "：" + (t % 2 == 0 ? "惠农补贴发放公开" : "村集体资产管理"),
              "responsibleUnit", unit[0], "grid", grid[0], "deadline", "2027-08-31"));
      assertThat(task.getStatusCode()).as(task.getBody()).isEqualTo(HttpStatus.CREATED);
      String taskNo = JsonBodies.tree(task.getBody()).path("taskNo").asText();
      for (int p = 0; p < (t < 13 ? 3 : 2); p++) {
        ResponseEntity<String> problem = call("staff2", HttpMethod.POST,
            "/api/rectifications/" + code + "/tasks/" + taskNo + "/problems", Map.of(
                "description", "第" + (t + 1) + "项任务的第" + (p + 1) + "个问题：群众反映的具体情况",
                "source", p == 0 ? "RECEPTION" : p == 1 ? "HOME_VISIT" : "INSPECTION",
                "sourceRef", "JD2027-" + String.format("%04d", t + 1), "foundOn", "2027-07-0" + (1 + p),
                "responsiblePerson", "责任人" + (t + 1), "deadline", t < 2 ? "2027-07-20" : "2027-08-31"));
        assertThat(problem.getStatusCode()).as(problem.getBody()).isEqualTo(HttpStatus.CREATED);
        problems.add(new Raised(JsonBodies.tree(problem.getBody()).path("problemNo").asText(), unit[1], grid[1]));
      }
    }
    assertThat(problems).hasSize(57);

    // the last five stay open, all others go the whole way: 处理 → 监督 → 反馈 → 销号
    for (Raised r : problems.subList(5, 57)) {
      complete(r.unitUser(), r.problemNo(), "Task_RectifyProblem", Map.of("measures", "已按要求整改并张榜公示",
          "progress", "完成", "rectified", true));
      complete(r.deputy(), r.problemNo(), "Task_VerifyRectification", Map.of("verification", "PASS"));
      complete("staff2", r.problemNo(), "Task_RecordFeedback", Map.of("feedback", "在村民代表会议上通报整改结果"));
      complete("staff2", r.problemNo(), "Task_CloseProblem", Map.of());
    }

    // three weeks on, the open problems of the first two tasks are past their deadline
    ClockUtil.setCurrentTime(Date.from(ZonedDateTime.of(2027, 7, 26, 9, 0, 0, 0, BEIJING).toInstant()));
    JsonNode figures = JsonBodies.tree(call("supervisor1", HttpMethod.GET, "/api/rectifications/" + code, null)
        .getBody());
    assertThat(figures.path("tasks").asInt()).isEqualTo(22);
    assertThat(figures.path("problems").asInt()).isEqualTo(57);
    assertThat(figures.path("rectified").asInt()).isEqualTo(52);
    assertThat(figures.path("overdue").asInt()).isEqualTo(5);
    assertThat(figures.path("taskList")).hasSize(22);
    assertThat(figures.path("taskList").get(0).path("gridDeputyName").asText()).isEqualTo("杨桂芝");

    // the 整改台账: one line per problem, as the office files it
    ResponseEntity<byte[]> ledger = http.exchange("/api/rectifications/" + code + "/ledger.xlsx", HttpMethod.GET,
        new HttpEntity<>(auth("analyst1")), byte[].class);
    assertThat(ledger.getStatusCode()).isEqualTo(HttpStatus.OK);
    try (var book = new XSSFWorkbook(new ByteArrayInputStream(ledger.getBody()))) {
      var list = book.getSheet("问题清单");
      assertThat(list.getLastRowNum()).isEqualTo(57);
      assertThat(list.getRow(0).getCell(12).getStringCellValue()).isEqualTo("核验人");
      long crossedOff = 0;
      for (int i = 1; i <= 57; i++) {
        crossedOff += "已销号".equals(list.getRow(i).getCell(13).getStringCellValue()) ? 1 : 0;
      }
      assertThat(crossedOff).isEqualTo(52);
    }
  }

  void complete(String user, String problemNo, String taskKey, Map<String, Object> values) {
    ResponseEntity<String> found = call(user, HttpMethod.GET, "/engine-rest/task?processInstanceBusinessKey="
        + problemNo + "&taskDefinitionKey=" + taskKey, null);
    JsonNode list = JsonBodies.tree(found.getBody());
    assertThat(list).as("%s sees %s of %s", user, taskKey, problemNo).hasSize(1);
    Map<String, Object> variables = new java.util.LinkedHashMap<>();
    values.forEach((k, v) -> variables.put(k, Map.of("value", v)));
    ResponseEntity<String> done = call(user, HttpMethod.POST, "/engine-rest/task/" + list.get(0).path("id").asText()
        + "/complete", Map.of("variables", variables));
    assertThat(done.getStatusCode()).as(done.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
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
