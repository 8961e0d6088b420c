package cn.liaison.platform.browser;

import static org.assertj.core.api.Assertions.assertThat;

import cn.liaison.platform.JsonBodies;
import cn.liaison.platform.PlatformTest;
import cn.liaison.platform.opinion.OpinionLoopProcess;
import cn.liaison.platform.opinion.OpinionLoopProcess.HandlingAction;
import cn.liaison.platform.opinion.OpinionLoopProcess.Route;
import cn.liaison.platform.opinion.OpinionLoopProcess.SortDecision;
import cn.liaison.platform.opinion.OpinionLoopProcess.Task;
import cn.liaison.platform.opinion.OpinionLoopProcess.Var;
import cn.liaison.platform.opinion.Rating;
import cn.liaison.platform.opinion.ReplyResult;
import cn.liaison.platform.system.RateLimiter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

/**
 * The auditor reads the history of a finished opinion loop in Cockpit: finds it by its ticket and station in the
 * definition's 历史 tab, sees the diagram with the steps that ran (counts, durations, the path), the activity log
 * with the department's reply and the citizen's rating in Chinese, the triage decision with its inputs and
 * outputs, and nothing that changes anything. A second loop, still at 分析研判 at another station, is filtered
 * out by the station and shows its current step marked. Screenshots: target/e2e/3x-*.png, docs/cockpit-history*.png.
 */
@PlatformTest
@ExtendWith(Browser.Installed.class)
class AuditorHistoryInCockpitBrowserTests {

  static final String REPLY = "已派人疏通排水沟，积水已排净。";
  static final By HISTORY_TAB = By.xpath("//ul[contains(@class,'nav-tabs')]//a[normalize-space(.)='历史']");

  @LocalServerPort int port;
  @Autowired TestRestTemplate http;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired HistoryService history;
  @Autowired RateLimiter rateLimiter;

  @BeforeEach
  void freshAllowance() {
    rateLimiter.reset();
  }

  @Test
  void auditorFindsAFinishedLoopByTicketAndStationAndReadsItsHistoryWithoutAnyControl() throws Exception {
    String finished = submit("cy-crane", "厂区门口排水沟堵塞，下雨就积水，工人进出不便。");
    String finishedId = instanceOf(finished);
    complete("staff1", finishedId, Task.SORT, sortAsProposed(finishedId));
    complete("analyst1", finishedId, Task.ANALYZE, Map.of(Var.ROUTE, Route.ASSIGN_DEPARTMENT.name(),
        Var.DEPARTMENT_CODE, "dept-water"));
    management.executeJob(management.createJobQuery().processInstanceId(finishedId).activityId(Task.ASSIGN)
        .singleResult().getId());
    complete("water1", finishedId, Task.HANDLE, Map.of(Var.HANDLING_ACTION, HandlingAction.REPLY.name(),
        Var.REPLY_RESULT, ReplyResult.SOLVED.name(), Var.REPLY_TEXT, REPLY, Var.REPLY_MEASURES, "清淤 80 米"));
    evaluate(finished, Rating.SATISFIED);
    assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(finishedId).singleResult().getState())
        .isEqualTo(HistoricProcessInstance.STATE_COMPLETED);

    // another station's loop, waiting at 分析研判
    String running = submit("yy-taiping-mobile", "河滩村机井的电线老化，浇地时经常跳闸。");
    String runningId = instanceOf(running);
    complete("staff2", runningId, Task.SORT, sortAsProposed(runningId));
    String definitionId = history.createHistoricProcessInstanceQuery().processInstanceId(finishedId).singleResult()
        .getProcessDefinitionId();

    englishWords.allow(finished, running, definitionId, finishedId, runningId);
    allowInstanceData(finishedId);
    allowInstanceData(runningId);

    try {
      readsTheHistory(definitionId, finished, finishedId, running, runningId);
    } finally {
      hold();
    }
  }

  void readsTheHistory(String definitionId, String finished, String finishedId, String running, String runningId)
      throws java.io.IOException {
    try (Browser desk = Browser.window(baseUrl(), 1280, 900)) {
      desk.logInToWebapp("cockpit", "auditor1");

      // 31. the 历史 tab: the ticket finds the finished loop; the station and date filters leave the other out
      step(desk, "31-auditor-filters-the-history-tab", () -> {
        desk.open("/camunda/app/cockpit/default/#/process-definition/" + definitionId + "/runtime");
        desk.click(HISTORY_TAB);
        desk.shown(By.cssSelector(".liaison-history-filters select[name='station'] option[value='cy-crane']"));
        // (other tests share the database: each search names a ticket, so the lists stay short)
        search(desk, Map.of("businessKey", running, "station", "yy-taiping-mobile"));
        assertThat(listed(desk)).contains(running, "太平镇流动联络站", "运行中");
        search(desk, Map.of("businessKey", finished, "station", "yy-taiping-mobile"));
        assertThat(listed(desk)).isEqualTo("没有符合条件的流程实例。");
        search(desk, Map.of("businessKey", running, "station", "cy-crane"));
        assertThat(listed(desk)).isEqualTo("没有符合条件的流程实例。");
        search(desk, Map.of("businessKey", running, "state", "finished"));
        assertThat(listed(desk)).isEqualTo("没有符合条件的流程实例。");
        String later = "2099-01-01"; // after any engine clock the other tests set
        search(desk, Map.of("businessKey", finished, "from", later));
        assertThat(listed(desk)).isEqualTo("没有符合条件的流程实例。");
        search(desk, Map.of("businessKey", finished, "from", later, "to", "2020-01-01"));
        assertThat(desk.shown(By.cssSelector(".liaison-history-error")).getText()).isEqualTo("开始日期不能晚于结束日期");
        search(desk, Map.of("businessKey", finished, "station", "cy-crane", "state", "finished"));
        assertThat(desk.all(By.cssSelector(".liaison-history-open"))).hasSize(1);
        assertThat(desk.shown(By.cssSelector(".liaison-history-list")).getText())
            .contains(finished, "长垣市起重产业代表联络站", "已完成");
        assertThat(desk.shown(By.cssSelector(".liaison-history-page")).getText()).isEqualTo("第 1–1 条，共 1 条");
      });

      // 32. the history view of the finished loop: diagram, log, decision, no control
      step(desk, "32-auditor-reads-the-history-of-the-finished-loop", () -> {
        desk.click(By.cssSelector(".liaison-history-open"));
        desk.waitFor("the diagram drawn", d -> desk.isShown(By.cssSelector(".liaison-history-diagram[data-loaded] svg"))
            ? true : null);
        String drawn = desk.driver().getCurrentUrl();
        desk.waitFor("the diagram's view kept in the URL", d -> d.getCurrentUrl().contains("viewbox") ? true : null);
        assertThat(desk.all(By.cssSelector(".liaison-history-diagram[data-loaded] svg"))).as("drawn once, after "
            + drawn).hasSize(1);
        assertThat(desk.shown(By.cssSelector(".liaison-history-business-key")).getText()).isEqualTo(finished);
        assertThat(desk.shown(By.cssSelector(".liaison-history-state")).getText()).isEqualTo("已完成");
        // 分析研判 ran once: outlined, with its count; nothing is running any more
        assertThat(desk.all(By.cssSelector(".djs-element.liaison-ran[data-element-id='" + Task.ANALYZE + "']")))
            .hasSize(1);
        assertThat(desk.driver().findElement(By.cssSelector(".djs-overlays[data-container-id='" + Task.ANALYZE
            + "'] .liaison-count")).getAttribute("textContent")).isEqualTo("×1");
        assertThat(desk.driver().findElements(By.cssSelector(".djs-element.liaison-current"))).isEmpty();
        assertThat(desk.driver().findElements(By.cssSelector(".djs-element.liaison-ran[data-element-id='"
            + Task.REJECT + "']"))).as("不予受理 did not run").isEmpty();
        // the log: who did what, with the form's decisions in words
        String log = desk.shown(By.cssSelector(".liaison-history-log")).getText();
        assertThat(log).contains("汇总梳理", "分析研判", "部门办理", "研判路径：交办部门", "承办部门：县水利局",
            "办理结果：已解决", "答复内容：" + REPLY, "群众评价：满意", "water1")
            .doesNotContain("SOLVED", "ASSIGN_DEPARTMENT", "SATISFIED");
        // the triage: its inputs and outputs
        String decisions = desk.shown(By.cssSelector(".liaison-history-decisions")).getText();
        assertThat(decisions).contains("分级分类", "输入", "输出", "农田水利与灌溉", "县水利局");
        String page = desk.shown(By.cssSelector(".liaison-history")).getText();
        assertThat(page).contains("只读视图").doesNotContain("13698765432", "王女士");
        // read-only: nothing to fill in, no button but the diagram's zoom
        assertThat(desk.all(By.cssSelector(".liaison-history form, .liaison-history input, .liaison-history select,"
            + " .liaison-history textarea"))).isEmpty();
        assertThat(desk.all(By.cssSelector(".liaison-history button"))).allSatisfy(b -> assertThat(
            (Boolean) desk.script("return !!arguments[0].closest('.liaison-history-diagram .navigation')", b))
            .as("a button outside the diagram's zoom: " + b.getText()).isTrue());
      });
      // zoomed in as the auditor would, for a closer look at the counts and times
      desk.script("document.querySelector('.liaison-history-graph').scrollIntoView()");
      desk.click(By.cssSelector(".liaison-history-diagram .navigation.zoom .in"));
      desk.click(By.cssSelector(".liaison-history-diagram .navigation.zoom .in"));
      // the viewer hides the badges while the view moves and shows them again when it rests
      desk.script("document.querySelector('.liaison-history-graph').scrollIntoView()");
      desk.waitFor("the badges shown again", d -> desk.isShown(By.cssSelector(".liaison-count")) ? true : null);
      desk.screenshot("32-auditor-zooms-into-the-diagram");
      desk.script("document.querySelector('.liaison-history').scrollTop = "
          + "document.querySelector('.liaison-history-log').offsetTop - 60");
      desk.screenshot("32-auditor-reads-the-history-log");

      // 33. the running loop's page in Cockpit, its 查看历史 button, the current step marked
      step(desk, "33-auditor-opens-the-history-of-a-running-loop", () -> {
        desk.open("/camunda/app/cockpit/default/#/process-instance/" + runningId + "/runtime");
        desk.click(By.cssSelector("a.liaison-history-action"));
        desk.waitFor("the diagram drawn", d -> desk.isShown(By.cssSelector(".liaison-history-diagram[data-loaded] svg"))
            ? true : null);
        assertThat(desk.shown(By.cssSelector(".liaison-history-business-key")).getText()).isEqualTo(running);
        assertThat(desk.driver().findElements(By.cssSelector(".djs-element.liaison-current[data-element-id='"
            + Task.ANALYZE + "']"))).hasSize(1);
      });

      // 34. a link to the finished loop's instance page (Cockpit would redirect it to its definition) lands here
      desk.open("/camunda/app/cockpit/default/#/process-instance/" + finishedId + "/runtime");
      desk.waitFor("the history view of the finished loop", d -> d.getCurrentUrl().contains("#/liaison-history/"
          + finishedId) && desk.isShown(By.cssSelector(".liaison-history-business-key")) ? true : null);
    }
    try (Browser phone = Browser.phone(baseUrl())) {
      phone.logInToWebapp("cockpit", "auditor1");
      step(phone, "35-auditor-reads-the-history-on-a-phone", () -> {
        phone.open("/camunda/app/cockpit/default/#/liaison-history/" + finishedId);
        phone.waitFor("the diagram drawn", d -> phone.isShown(By.cssSelector(".liaison-history-diagram[data-loaded] svg"))
            ? true : null);
        assertThat(phone.shown(By.cssSelector(".liaison-history-log")).getText()).contains(REPLY);
      });
    }
    copy("32-auditor-zooms-into-the-diagram", "cockpit-history-diagram.png");
    copy("32-auditor-reads-the-history-log", "cockpit-history-log.png");
    copy("31-auditor-filters-the-history-tab", "cockpit-history-tab.png");
    assertThat(english).as("English words on the pages, per step").allSatisfy((step, words) ->
        assertThat(words).as(step).isEmpty());
  }

  // ---- the pages ----

  final Map<String, java.util.SortedSet<String>> english = new LinkedHashMap<>();
  final EnglishWords englishWords = new EnglishWords().allow(Browser.TIME_ZONE, OpinionLoopProcess.KEY,
      OpinionLoopProcess.TRIAGE_DECISION, "auditor1", "staff1", "staff2", "analyst1", "water1");

  /** Runs a step, then saves its screenshot (also when it failed) and the English words its page shows. */
  void step(Browser browser, String name, Runnable body) {
    try {
      body.run();
      english.put(name, englishWords.in(browser.settledText()));
    } finally {
      browser.screenshot(name);
    }
  }

  /** Sets the history tab's filters (others emptied) and waits for the list or the error. */
  static void search(Browser desk, Map<String, String> filters) {
    desk.script("""
        const form = document.querySelector('.liaison-history-filters');
        for (const name of ['businessKey', 'station', 'from', 'to', 'state']) form[name].value = arguments[0][name] || '';
        document.querySelector('.liaison-history-list').textContent = '';""", filters);
    desk.click(By.cssSelector(".liaison-history-filters button[name='search']"));
    desk.waitFor("the list or a message", d -> {
      String list = d.findElement(By.cssSelector(".liaison-history-list")).getText();
      String error = d.findElement(By.cssSelector(".liaison-history-error")).getText();
      return !error.isEmpty() || (!list.isEmpty() && !list.equals("正在读取……")) ? true : null;
    });
  }

  static String listed(Browser desk) {
    return desk.shown(By.cssSelector(".liaison-history-list")).getText();
  }

  /** Variable names and coded values of an instance are shown as they are (ids, not words). */
  void allowInstanceData(String processInstanceId) {
    var variables = history.createHistoricVariableInstanceQuery().processInstanceId(processInstanceId).list();
    englishWords.allow(variables.stream().map(v -> v.getName()).toList());
    englishWords.allow(variables.stream().map(v -> v.getValue())
        .filter(v -> v instanceof String s && s.matches("[A-Za-z0-9_.:-]+")).map(String.class::cast).toList());
  }

  static void copy(String step, String name) throws java.io.IOException {
    Files.copy(Browser.OUT.resolve(step + ".png"), Path.of("docs", name), StandardCopyOption.REPLACE_EXISTING);
  }

  // ---- the loops, driven as the demo users do in Tasklist (engine REST) ----

  String baseUrl() {
    return "http://localhost:" + port;
  }

  final Map<String, String> trackingKeys = new LinkedHashMap<>();

  String submit(String station, String content) {
    ResponseEntity<String> response = http.exchange("/api/opinions", HttpMethod.POST, JsonBodies.json(Map.of(
        "stationCode", station, "category", "IRRIGATION", "content", content, "place", "村委会东侧",
        "contactName", "王女士", "contactPhone", "13698765432", "consent", true)), String.class);
    assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(201);
    var body = JsonBodies.tree(response.getBody());
    trackingKeys.put(body.path("ticketNo").asText(), body.path("trackingKey").asText());
    return body.path("ticketNo").asText();
  }

  String instanceOf(String ticket) {
    return history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(ticket).singleResult().getId();
  }

  Map<String, Object> sortAsProposed(String processInstanceId) {
    org.camunda.bpm.engine.task.Task task = tasks.createTaskQuery().processInstanceId(processInstanceId).taskDefinitionKey(Task.SORT)
        .singleResult();
    Map<String, Object> v = tasks.getVariables(task.getId());
    return Map.of(Var.SORT_DECISION, SortDecision.CONFIRM.name(), Var.CATEGORY, v.get(Var.CATEGORY),
        Var.DEPARTMENT_CODE, v.get(Var.PROPOSED_DEPARTMENT), Var.GRADE, v.get(Var.GRADE),
        Var.DEADLINE_DAYS, v.get(Var.DEADLINE_DAYS));
  }

  void complete(String user, String processInstanceId, String taskKey, Map<String, Object> values) {
    String taskId = tasks.createTaskQuery().processInstanceId(processInstanceId).taskDefinitionKey(taskKey)
        .singleResult().getId();
    var auth = http.withBasicAuth(user, user);
    assertThat(auth.exchange("/engine-rest/task/" + taskId + "/claim", HttpMethod.POST,
        JsonBodies.json(Map.of("userId", user)), String.class).getStatusCode().value()).isEqualTo(204);
    Map<String, Object> variables = new LinkedHashMap<>();
    values.forEach((name, value) -> variables.put(name, value instanceof Integer
        ? Map.of("value", value, "type", "Integer") : Map.of("value", value)));
    ResponseEntity<String> done = auth.exchange("/engine-rest/task/" + taskId + "/complete", HttpMethod.POST,
        JsonBodies.json(Map.of("variables", variables)), String.class);
    assertThat(done.getStatusCode().value()).as(user + " completes " + taskKey + ": " + done.getBody())
        .isEqualTo(204);
  }

  void evaluate(String ticket, Rating rating) {
    HttpHeaders headers = new HttpHeaders();
    headers.set("X-Tracking-Key", trackingKeys.get(ticket));
    ResponseEntity<String> response = http.exchange("/api/opinions/" + ticket + "/evaluation", HttpMethod.POST,
        JsonBodies.json(Map.of("rating", rating.name(), "comment", "处理及时。"), headers), String.class);
    assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(204);
  }

  /** Keeps the server up for looking at the pages by hand (-De2e.holdSeconds=600); no-op by default. */
  void hold() throws InterruptedException {
    if (Long.getLong("e2e.holdSeconds", 0) > 0) {
      System.out.println("e2e server: " + baseUrl());
    }
    Thread.sleep(Long.getLong("e2e.holdSeconds", 0) * 1000);
  }
}
