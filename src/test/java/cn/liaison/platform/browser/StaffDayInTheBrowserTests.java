package cn.liaison.platform.browser;

import static org.assertj.core.api.Assertions.assertThat;

import cn.liaison.platform.PlatformTest;
import cn.liaison.platform.opinion.OpinionLoopProcess;
import cn.liaison.platform.opinion.OpinionLoopProcess.Task;
import cn.liaison.platform.system.RateLimiter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

/**
 * The staff's day in real browsers: a citizen on a phone submits an opinion at a station's page; station staff,
 * the analyst and the water bureau work it in Tasklist through its forms; the auditor looks at the instance in
 * Cockpit; the citizen reads the reply and evaluates it on the tracking page. Each step checks the fields its form
 * shows, saves a screenshot (target/e2e/NN-step.png, also when the step fails) and collects the visible text of
 * the page; the test fails if any of it is English (ids, numbers, user ids and "Camunda" excepted), listing the
 * words per step. {@code -De2e.allowEnglish=true} prints the words instead of failing (for working on the flow
 * while the webapps are not yet translated).
 *
 * <p>The job executor is off in tests: the test runs the hand-over job (交办部门, an async continuation) itself.
 */
@PlatformTest
@ExtendWith(Browser.Installed.class)
class StaffDayInTheBrowserTests {

  static final boolean ALLOW_ENGLISH = Boolean.getBoolean("e2e.allowEnglish");
  static final String STATION = "cy-crane";
  static final String CONTENT = "村东头灌溉渠的闸门锈死打不开，三十多亩麦田浇不上水，请帮忙协调维修。";
  static final String REPLY = "已派人更换闸门并清理渠道淤泥，现已恢复通水。";
  static final By COMPLETE = By.cssSelector("button[ng-click='complete()']");

  /** Camunda's variable type names in Cockpit's variable table: type ids, like the REST API's. */
  static final Set<String> VARIABLE_TYPES = Set.of("String", "Integer", "Long", "Short", "Double", "Boolean",
      "Date", "Bytes", "File", "Json", "Xml", "Object", "Null");

  @LocalServerPort int port;
  @Autowired TaskService taskService;
  @Autowired ManagementService management;
  @Autowired HistoryService history;
  @Autowired IdentityService identity;
  @Autowired RepositoryService repository;
  @Autowired RateLimiter rateLimiter;
  @Autowired TestRestTemplate http;

  /** English words found, per step (screenshot name). */
  final Map<String, SortedSet<String>> english = new LinkedHashMap<>();
  final List<String> problems = new ArrayList<>();
  EnglishWords englishWords;

  @BeforeEach
  void setUp() {
    rateLimiter.reset();
    englishWords = new EnglishWords()
        .allow(identity.createUserQuery().list().stream().map(User::getId).toList())
        .allow(identity.createGroupQuery().list().stream().map(Group::getId).toList())
        .allow(repository.createProcessDefinitionQuery().list().stream().map(ProcessDefinition::getKey).toList())
        .allow(repository.createDecisionDefinitionQuery().list().stream().map(DecisionDefinition::getKey).toList())
        .allow(VARIABLE_TYPES)
        .allow(Browser.TIME_ZONE);
  }

  String baseUrl() {
    return "http://localhost:" + port;
  }

  @Test
  void citizensOpinionGoesThroughTheStaffsDayInChinese() {
    String ticket;
    String trackingKey;
    String processInstanceId;

    // 1. the citizen scans the station's QR code and writes on the phone
    try (Browser phone = Browser.phone(baseUrl())) {
      Step step = new Step(phone, "01-citizen-submits");
      step.run(() -> {
        phone.open("/s/" + STATION);
        assertThat((Long) phone.script("return window.innerWidth")).as("phone viewport width").isEqualTo(390L);
        assertLabels(labels(phone, By.cssSelector("form label, form legend")),
            "意见类别", "意见建议内容", "所在村（社区）或地点", "联系方式", "姓名或称呼", "手机号码", "匿名提交",
            "我已阅读并同意《个人信息使用说明》");
        new Select(phone.shown(By.id("f-category"))).selectByVisibleText("农田水利与灌溉");
        phone.type(By.id("f-content"), CONTENT);
        phone.type(By.id("f-place"), "长垣市恼里镇东村");
        phone.type(By.id("f-contactName"), "李先生");
        phone.type(By.id("f-contactPhone"), "13912345678");
        checkBox(phone, By.id("f-consent"));
        phone.click(By.cssSelector("form.form button[type='submit']"));
        phone.shown(By.id("ticket-no"));
        step.capture(true);
      });
      ticket = phone.shown(By.id("ticket-no")).getText().trim();
      trackingKey = phone.shown(By.id("tracking-key")).getAttribute("data-key");
      assertThat(ticket).matches("YJ\\d{8}-\\d{4}");
      assertThat(trackingKey).isNotBlank();
      englishWords.allow(ticket).allow(List.of(trackingKey.split("-")));
      assertThat(phone.visibleText()).contains("受理编号", "查询码", ticket);

      phone.click(By.xpath("//form//button[normalize-space(.)='查看办理进度']"));
      assertThat(phone.shown(By.cssSelector(".status-pill")).getText()).isEqualTo("梳理中");
    }
    HistoricProcessInstance instance = history.createHistoricProcessInstanceQuery()
        .processInstanceBusinessKey(ticket).singleResult();
    assertThat(instance).as("the opinion's process").isNotNull();
    processInstanceId = instance.getId();

    // 2. station staff sort it in Tasklist: the first filter, claim, 汇总梳理 as the triage proposed it (one office
    // browser for steps 2 to 5: each person logs in after the previous one's session is forgotten)
    try (Browser desk = Browser.desktop(baseUrl())) {
      Step sort = new Step(desk, "02-staff-sorts");
      sort.run(() -> {
        logIn(desk, "tasklist", "staff1");
        openTaskFromFirstFilter(desk, ticket, "汇总梳理");
        claim(desk);
        assertLabels(formLabels(desk), "梳理结果", "确认受理", "重复件", "意见类别", "建议承办部门", "等级",
            "办理时限（工作日）");
        assertThat(checkedRadio(desk, "梳理结果")).isEqualTo("确认受理");
        assertThat(selectShows(desk, "建议承办部门")).isEqualTo("县水利局");
        allowInstanceData(processInstanceId);
        sort.capture(false);
        complete(desk, processInstanceId, Task.SORT);
      });

      // 3. the analyst routes it to the water bureau
      Step analyze = new Step(desk, "03-analyst-routes-to-water-bureau");
      analyze.run(() -> {
        logIn(desk, "tasklist", "analyst1");
        openTaskFromFirstFilter(desk, ticket, "分析研判");
        claim(desk);
        assertLabels(formLabels(desk), "研判路径", "直接答复", "交办部门", "转为代表建议", "不予受理");
        chooseRadio(desk, "研判路径", "交办部门");
        assertLabels(formLabels(desk), "承办部门");
        chooseOption(desk, "承办部门", "县水利局");
        allowInstanceData(processInstanceId);
        analyze.capture(false);
        complete(desk, processInstanceId, Task.ANALYZE);
      });
      // the hand-over (交办部门) is an async continuation: the job executor is off in tests
      Job handOver = management.createJobQuery().processInstanceId(processInstanceId).activityId(Task.ASSIGN)
          .singleResult();
      assertThat(handOver).as("the hand-over job (交办部门)").isNotNull();
      management.executeJob(handOver.getId());

      // 4. the water bureau replies
      Step reply = new Step(desk, "04-water-bureau-replies");
      reply.run(() -> {
        logIn(desk, "tasklist", "water1");
        openTaskFromFirstFilter(desk, ticket, "部门办理");
        claim(desk);
        assertLabels(formLabels(desk), "办理方式", "答复", "申请延期");
        chooseRadio(desk, "办理方式", "答复");
        assertLabels(formLabels(desk), "办理结果", "答复内容", "采取的措施");
        chooseRadio(desk, "办理结果", "已解决");
        typeInto(desk, "答复内容", REPLY);
        typeInto(desk, "采取的措施", "更换闸门一处，清淤 200 米");
        allowInstanceData(processInstanceId);
        reply.capture(false);
        complete(desk, processInstanceId, Task.HANDLE);
      });

      // 5. the auditor opens the instance in Cockpit while it waits for the citizen's evaluation (Cockpit's
      // community edition shows running instances only: after the evaluation the instance has ended)
      Step audit = new Step(desk, "05-auditor-opens-instance-in-cockpit");
      audit.run(() -> {
        logIn(desk, "cockpit", "auditor1");
        desk.open("/camunda/app/cockpit/default/#/process-instance/" + processInstanceId + "/runtime");
        desk.shown(By.cssSelector(".djs-container svg"));
        desk.waitFor("the business key " + ticket, d -> desk.visibleText().contains(ticket) ? true : null);
        desk.waitFor("the variables table", d -> desk.visibleText().contains("ticketNo") ? true : null);
        assertThat(desk.visibleText()).contains(ticket, "ticketNo", "stationName");
        allowInstanceData(processInstanceId);
        audit.capture(false);
      });
    }

    // 6. the citizen reads the reply and is satisfied
    try (Browser phone = Browser.phone(baseUrl())) {
      Step evaluates = new Step(phone, "06-citizen-evaluates");
      evaluates.run(() -> {
        phone.open("/t/" + ticket);
        phone.type(By.id("f-key"), trackingKey);
        phone.click(By.cssSelector("form.form button[type='submit']"));
        assertThat(phone.shown(By.cssSelector(".status-pill")).getText()).isEqualTo("已答复");
        assertThat(phone.visibleText()).contains(REPLY, "县水利局", "已解决");
        assertLabels(labels(phone, By.cssSelector(".evaluation legend, .evaluation label")),
            "您对答复是否满意？", "满意", "基本满意", "不满意", "评价意见");
        phone.click(By.xpath("//section[contains(@class,'evaluation')]//label[normalize-space(.)='满意']"));
        phone.type(By.id("f-comment"), "修得很快，谢谢！");
        evaluates.capture(true);
        phone.click(By.cssSelector(".evaluation button[type='submit']"));
      });
      Step closed = new Step(phone, "07-citizen-sees-closed");
      closed.run(() -> {
        phone.waitFor("已办结", d -> "已办结".equals(phone.shown(By.cssSelector(".status-pill")).getText()) ? true
            : null);
        assertThat(phone.visibleText()).contains("您的评价：", "满意");
        closed.capture(true);
      });
    }
    assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(processInstanceId).singleResult()
        .getState()).isEqualTo(HistoricProcessInstance.STATE_COMPLETED);

    // 8. the auditor finds the finished loop by its ticket in Cockpit's 历史 tab and reads its history, read-only
    String definitionId = instance.getProcessDefinitionId();
    try (Browser desk = Browser.desktop(baseUrl())) {
      Step find = new Step(desk, "08-auditor-finds-finished-loop-in-history-tab");
      find.run(() -> {
        logIn(desk, "cockpit", "auditor1");
        desk.open("/camunda/app/cockpit/default/#/process-definition/" + definitionId + "/runtime");
        desk.click(By.xpath("//ul[contains(@class,'nav-tabs')]//a[normalize-space(.)='历史']"));
        desk.type(By.cssSelector(".liaison-history-filters input[name='businessKey']"), ticket);
        desk.click(By.cssSelector(".liaison-history-filters button[name='search']"));
        desk.waitFor("only the ticket's loop listed", d -> desk.all(By.cssSelector(".liaison-history-open")).size() == 1
            && desk.shown(By.cssSelector(".liaison-history-list")).getText().contains(ticket) ? true : null);
        assertThat(desk.shown(By.cssSelector(".liaison-history-list")).getText()).contains(ticket, "已完成");
        allowInstanceData(processInstanceId);
        find.capture(false);
        desk.click(By.cssSelector(".liaison-history-open"));
      });
      Step read = new Step(desk, "09-auditor-reads-the-history-of-the-finished-loop");
      read.run(() -> {
        desk.shown(By.cssSelector(".liaison-history-operations"));
        String page = desk.shown(By.cssSelector(".liaison-history")).getText();
        assertThat(desk.shown(By.cssSelector(".liaison-history-business-key")).getText()).isEqualTo(ticket);
        // the path (the triage rule, sorting, the department's work, the citizen's evaluation)
        assertThat(desk.shown(By.cssSelector(".liaison-history-path")).getText()).contains("分级分类", "汇总梳理",
            "部门办理");
        // the activity log: the department's reply and the citizen's rating, with who did it
        String log = desk.shown(By.cssSelector(".liaison-history-log")).getText();
        assertThat(log).contains(REPLY, "water1", "群众评价：满意");
        // the DMN decision with its inputs and outputs
        assertThat(desk.all(By.cssSelector(".liaison-history-decision"))).isNotEmpty();
        assertThat(desk.shown(By.cssSelector(".liaison-history-decisions")).getText()).contains("输入", "输出");
        // the citizen's name and phone are nowhere on the page
        assertThat(page).doesNotContain("13912345678", "李先生").contains("只读视图");
        // read-only: no control on the view but the diagram's zoom
        assertThat(desk.all(By.cssSelector(".liaison-history input, .liaison-history form"))).isEmpty();
        assertThat(desk.all(By.cssSelector(".liaison-history button:not(.liaison-history-diagram .navigation button)")))
            .isEmpty();
        allowInstanceData(processInstanceId);
        desk.script("arguments[0].scrollIntoView()", desk.shown(By.cssSelector(".liaison-history-log")));
        read.capture(false);
      });
    }
    // nor behind the page's back: the engine lets auditor1 read that history but refuses its deletion
    identity.setAuthentication("auditor1", List.of(cn.liaison.platform.identity.PlatformGroups.AUDITORS));
    try {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> history.deleteHistoricProcessInstance(processInstanceId))
          .isInstanceOf(org.camunda.bpm.engine.AuthorizationException.class);
      assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(processInstanceId).count())
          .as("auditor1 reads it").isEqualTo(1);
    } finally {
      identity.clearAuthentication();
    }
    assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(processInstanceId).count())
        .as("the auditor deleted nothing").isEqualTo(1);
    copyToDocs("09-auditor-reads-the-history-of-the-finished-loop", "cockpit-history.png");

    assertNoEnglish();
  }

  /** Puts a step's screenshot under docs/ for README. */
  static void copyToDocs(String step, String name) {
    try {
      java.nio.file.Files.copy(Browser.OUT.resolve(step + ".png"), java.nio.file.Path.of("docs", name),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void deputyAnswersAForumInvitationInTasklistInChinese() {
    // the crane station's staff schedule a forum; deputy1 is one of the station's deputies
    HttpHeaders staff = new HttpHeaders();
    staff.setBasicAuth("staff1", "staff1");
    ResponseEntity<String> created = http.exchange("/api/forums", HttpMethod.POST, cn.liaison.platform.JsonBodies.json(
        Map.of("stationCode", STATION, "topic", "起重产业用工座谈会", "sector", "起重", "place", "联络站会议室",
            "startsAt", java.time.OffsetDateTime.now().plusDays(5).withNano(0).toString()), staff), String.class);
    assertThat(created.getStatusCode().value()).as(created.getBody()).isEqualTo(201);
    String forumNo = cn.liaison.platform.JsonBodies.tree(created.getBody()).path("forumNo").asText();
    englishWords.allow(forumNo).allow(cn.liaison.platform.forum.ForumProcess.KEY);
    String processInstanceId = history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(forumNo)
        .singleResult().getId();
    allowInstanceData(processInstanceId);

    try (Browser browser = Browser.desktop(baseUrl())) {
      Step step = new Step(browser, "20-deputy-answers-forum-invitation");
      step.run(() -> {
        logIn(browser, "tasklist", "deputy1");
        checkNoBanner(browser, step.name);
        browser.waitFor("the filter 座谈会邀请", d -> {
          WebElement filter = browser.all(By.cssSelector(".task-filters .task-filter")).stream()
              .filter(f -> filterName(f).equals("座谈会邀请")).findFirst().orElse(null);
          if (filter == null) {
            return null;
          }
          filter.findElement(By.cssSelector("h4.name a")).click();
          return true;
        });
        browser.waitFor("the invitation's card", d -> {
          WebElement card = browser.all(By.cssSelector(".tasks-list li.task")).stream()
              .filter(c -> c.getText().contains("答复座谈会邀请") && c.getText().contains(forumNo)).findFirst()
              .orElse(null);
          if (card == null) {
            return null;
          }
          card.findElement(By.cssSelector("h4.task a")).click();
          return true;
        });
        browser.shown(By.cssSelector(".fjs-form"));
        assertLabels(formLabels(browser), "是否参加", "参加", "不参加");
        assertThat(browser.visibleText()).contains("起重产业用工座谈会");
        chooseRadio(browser, "是否参加", "参加");
        step.capture(false);
        // the other invited deputies' invitations stay open: wait for deputy1's own
        browser.click(COMPLETE);
        browser.waitFor("deputy1's answer taken", d -> taskService.createTaskQuery().processInstanceId(processInstanceId)
            .taskAssignee("deputy1").count() == 0 ? true : null);
      });
    }
    ResponseEntity<String> forum = http.exchange("/api/forums/" + forumNo, HttpMethod.GET, new HttpEntity<>(staff),
        String.class);
    assertThat(cn.liaison.platform.JsonBodies.tree(forum.getBody()).path("invitations"))
        .filteredOn(i -> i.path("deputy").asText().equals("deputy1")).singleElement()
        .satisfies(i -> assertThat(i.path("replyLabel").asText()).isEqualTo("参加"));
    assertNoEnglish();
  }

  /**
   * A deputy proposal as its lead reads it (issue 12): the card /staff/proposals/{no} on a 1280 wide window and on a
   * phone, with the unit's answer and the timeline, then the 代表评价 form in Tasklist, all in Chinese.
   */
  @Test
  void leadDeputyReadsTheProposalCardAndEvaluatesTheAnswerInChinese() {
    HttpHeaders deputy = new HttpHeaders();
    deputy.setBasicAuth("deputy3", "deputy3");
    ResponseEntity<String> created = http.exchange("/api/proposals", HttpMethod.POST, cn.liaison.platform.JsonBodies.json(
        Map.of("title", "关于规范长垣防腐市场的建议", "reasons", "防腐施工企业低价竞争，工程质量参差不齐，群众反映强烈。",
            "content", "建议建立防腐施工企业信用评价和黑名单制度，由县市场监管局牵头定期检查。", "category", "SAFETY",
            "leadDeputy", "deputy3", "coSigners", List.of()), deputy), String.class);
    assertThat(created.getStatusCode().value()).as(created.getBody()).isEqualTo(201);
    String proposalNo = cn.liaison.platform.JsonBodies.tree(created.getBody()).path("proposalNo").asText();
    String processInstanceId = history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(proposalNo)
        .singleResult().getId();
    taskService.complete(taskService.createTaskQuery().processInstanceId(processInstanceId).singleResult().getId(),
        Map.of("proposalReview", "ACCEPT"));
    taskService.complete(taskService.createTaskQuery().processInstanceId(processInstanceId).singleResult().getId(),
        Map.of("handlingMode", "LEAD_ASSIST", "leadUnit", "dept-market"));
    taskService.complete(taskService.createTaskQuery().processInstanceId(processInstanceId).singleResult().getId(),
        Map.of("handlingAction", "REPLY", "contactedOn", java.time.LocalDate.now().toString(), "contactWay", "VISIT",
            "proposalResult", "B", "followUpOn", java.time.LocalDate.now().plusMonths(6).toString(),
            "replyText", "已起草防腐施工企业信用评价办法，计划半年内印发并开展首轮检查。"));
    englishWords.allow(proposalNo).allow(cn.liaison.platform.proposal.DeputyProposalProcess.KEY);
    allowInstanceData(processInstanceId);

    for (String[] window : new String[][] {{"21-proposal-card", "1280"}, {"22-proposal-card-phone", "390"}}) {
      try (Browser browser = "390".equals(window[1]) ? Browser.phone(baseUrl())
          : Browser.window(baseUrl(), 1280, 900)) {
        Step step = new Step(browser, window[0]);
        step.run(() -> {
          logIn(browser, "tasklist", "deputy3");
          browser.open("/staff/proposals/" + proposalNo);
          browser.waitFor("the card of " + proposalNo, d -> browser.visibleText().contains("关于规范长垣防腐市场的建议")
              ? true : null);
          assertThat(browser.visibleText()).contains(proposalNo, "县市场监管局", "已起草防腐施工企业信用评价办法");
          Object overflow = browser.script("return document.documentElement.scrollWidth > window.innerWidth + 1;");
          if (Boolean.TRUE.equals(overflow)) {
            problems.add(step.name + ": the page is wider than the window (scrolls sideways)");
          }
          step.capture(true);
        });
      }
    }

    try (Browser browser = Browser.window(baseUrl(), 1280, 900)) {
      Step step = new Step(browser, "23-lead-deputy-evaluates-proposal");
      step.run(() -> {
        logIn(browser, "tasklist", "deputy3");
        checkNoBanner(browser, step.name);
        browser.waitFor("the filter 我的建议", d -> {
          WebElement filter = browser.all(By.cssSelector(".task-filters .task-filter")).stream()
              .filter(f -> filterName(f).equals("我的建议")).findFirst().orElse(null);
          if (filter == null) {
            return null;
          }
          filter.findElement(By.cssSelector("h4.name a")).click();
          return true;
        });
        browser.waitFor("the evaluation's card", d -> {
          WebElement card = browser.all(By.cssSelector(".tasks-list li.task")).stream()
              .filter(c -> c.getText().contains("代表评价") && c.getText().contains(proposalNo)).findFirst()
              .orElse(null);
          if (card == null) {
            return null;
          }
          card.findElement(By.cssSelector("h4.task a")).click();
          return true;
        });
        browser.shown(By.cssSelector(".fjs-form"));
        assertThat(formLabels(browser)).contains("满意", "基本满意", "不满意");
        assertThat(browser.visibleText()).contains("已起草防腐施工企业信用评价办法");
        chooseRadio(browser, "对答复的评价", "满意");
        step.capture(true);
        complete(browser, processInstanceId, "Task_EvaluateProposal");
      });
    }
    assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(processInstanceId)
        .activityId("Task_EvaluateProposal").finished().count()).isEqualTo(1);

    // another proposal the market bureau did not answer in time: the congress office supervises it in Tasklist
    ResponseEntity<String> overdue = http.exchange("/api/proposals", HttpMethod.POST, cn.liaison.platform.JsonBodies.json(
        Map.of("title", "关于起重作业持证上岗的建议", "reasons", "起重作业人员持证率低，吊装作业时有险情发生。",
            "content", "建议每季度组织一次起重作业人员培训考核，未持证者不得上岗。", "category", "SAFETY",
            "leadDeputy", "deputy3", "coSigners", List.of()), deputy), String.class);
    assertThat(overdue.getStatusCode().value()).as(overdue.getBody()).isEqualTo(201);
    String overdueNo = cn.liaison.platform.JsonBodies.tree(overdue.getBody()).path("proposalNo").asText();
    String overdueInstance = history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(overdueNo)
        .singleResult().getId();
    taskService.complete(taskService.createTaskQuery().processInstanceId(overdueInstance).singleResult().getId(),
        Map.of("proposalReview", "ACCEPT"));
    taskService.complete(taskService.createTaskQuery().processInstanceId(overdueInstance).singleResult().getId(),
        Map.of("handlingMode", "LEAD_ASSIST", "leadUnit", "dept-market"));
    management.executeJob(management.createJobQuery().processInstanceId(overdueInstance).activityId("Timer_UnitOverdue")
        .singleResult().getId());
    englishWords.allow(overdueNo);
    allowInstanceData(overdueInstance);
    try (Browser browser = Browser.window(baseUrl(), 1280, 900)) {
      Step step = new Step(browser, "24-office-supervises-overdue-proposal");
      step.run(() -> {
        logIn(browser, "tasklist", "office1");
        browser.waitFor("the filter 待交办建议", d -> {
          WebElement filter = browser.all(By.cssSelector(".task-filters .task-filter")).stream()
              .filter(f -> filterName(f).equals("待交办建议")).findFirst().orElse(null);
          if (filter == null) {
            return null;
          }
          filter.findElement(By.cssSelector("h4.name a")).click();
          return true;
        });
        browser.waitFor("the supervision's card", d -> {
          WebElement card = browser.all(By.cssSelector(".tasks-list li.task")).stream()
              .filter(c -> c.getText().contains("督办代表建议") && c.getText().contains(overdueNo)).findFirst()
              .orElse(null);
          if (card == null) {
            return null;
          }
          card.findElement(By.cssSelector("h4.task a")).click();
          return true;
        });
        claim(browser);
        assertThat(formLabels(browser)).contains("督办决定", "再次催办（给予短期宽限）", "延长答复期限",
            "重新交办（改由其他单位办理）", "督办意见");
        assertThat(browser.visibleText()).contains("县市场监管局", "关于起重作业持证上岗的建议");
        chooseRadio(browser, "督办决定", "再次催办（给予短期宽限）");
        step.capture(true);
        complete(browser, overdueInstance, "Task_SuperviseProposal");
      });
    }
    assertThat(taskService.createTaskQuery().processInstanceId(overdueInstance).taskDefinitionKey("Task_HandleProposal")
        .count()).isEqualTo(1);
    assertNoEnglish();
  }

  @Test
  void welcomeTasklistCockpitAndAdminShowNoVendorBannerAndNoEnglish() {
    try (Browser desk = Browser.desktop(baseUrl())) {
      Step welcome = new Step(desk, "10-admin-welcome");
      welcome.run(() -> {
        logIn(desk, "welcome", "demo");
        desk.shown(By.cssSelector(".webapps, .welcome, [cam-widget-header]"));
        welcome.capture(false);
        checkNoBanner(desk, welcome.name);
      });
      for (String[] app : new String[][] {
          {"11-admin-tasklist", "tasklist", ".task-filters"},
          {"12-admin-cockpit", "cockpit", ".dashboard, [cam-dashboard], .cockpit-dashboard, .processes-dashboard"},
          {"13-admin-admin", "admin", "[cam-widget-header]"}}) {
        Step step = new Step(desk, app[0]);
        step.run(() -> {
          desk.open("/camunda/app/" + app[1] + "/default/");
          desk.shown(By.cssSelector(app[2]));
          step.capture(false);
          checkNoBanner(desk, step.name);
        });
      }
    }
    assertNoEnglish();
  }

  // ---- steps ----

  /** One step of the day: its screenshot is written whatever happens; its visible text is checked for English. */
  final class Step {
    final Browser browser;
    final String name;
    boolean captured;

    Step(Browser browser, String name) {
      this.browser = browser;
      this.name = name;
    }

    void run(Runnable body) {
      long start = System.nanoTime();
      try {
        body.run();
      } finally {
        if (!captured) {
          browser.fullPageScreenshot(name);
        }
        System.out.printf("browser step %s: %.1f s%n", name, (System.nanoTime() - start) / 1e9);
      }
    }

    /** Saves the screenshot now and records the English words the page shows. */
    void capture(boolean fullPage) {
      String text = browser.settledText();
      if (fullPage) {
        browser.fullPageScreenshot(name);
      } else {
        browser.screenshot(name);
      }
      captured = true;
      english.put(name, englishWords.in(text));
    }
  }

  /**
   * Fails with every English word found, per step, and every banner seen (the banner also with
   * -De2e.allowEnglish=true).
   */
  void assertNoEnglish() {
    String report = english.entrySet().stream().filter(e -> !e.getValue().isEmpty())
        .map(e -> e.getKey() + ": " + String.join(" ", e.getValue())).collect(Collectors.joining("\n"));
    if (!report.isEmpty()) {
      System.out.println("English words in the visible text, per step:\n" + report);
    }
    List<String> failures = new ArrayList<>(problems);
    if (!report.isEmpty() && !ALLOW_ENGLISH) {
      failures.add("English words in the visible text (-De2e.allowEnglish=true to go on), per step:\n" + report);
    }
    if (!failures.isEmpty()) {
      throw new AssertionError(String.join("\n", failures));
    }
  }

  void checkNoBanner(Browser browser, String step) {
    if (browser.isShown(By.cssSelector(".ce-eol-banner"))) {
      problems.add(step + ": the vendor banner (.ce-eol-banner) is shown");
    }
    String text = browser.visibleText();
    if (text.contains("Camunda 8") || text.toLowerCase().contains("migrate")) {
      problems.add(step + ": the page mentions migrating to Camunda 8");
    }
  }

  /** Ids and codes of the instance (variable names and their string values) are data, not English text. */
  void allowInstanceData(String processInstanceId) {
    List<HistoricVariableInstance> variables = history.createHistoricVariableInstanceQuery()
        .processInstanceId(processInstanceId).list();
    englishWords.allow(variables.stream().map(HistoricVariableInstance::getName).toList());
    englishWords.allow(variables.stream().map(HistoricVariableInstance::getValue)
        .filter(v -> v instanceof String s && s.matches("[A-Za-z0-9_.:-]+")).map(String.class::cast).toList());
    englishWords.allow(OpinionLoopProcess.KEY);
  }

  // ---- the webapps ----

  void logIn(Browser browser, String app, String user) {
    browser.logInToWebapp(app, user);
  }

  /**
   * Opens the task from the first filter: the one named 待办 (本组待办 until it is renamed), else the first one.
   */
  void openTaskFromFirstFilter(Browser browser, String ticket, String taskName) {
    By filters = By.cssSelector(".task-filters .task-filter");
    String[] chosen = {null};
    browser.waitFor("the first filter chosen", d -> {
      List<WebElement> all = browser.all(filters);
      if (all.isEmpty()) {
        return null;
      }
      WebElement first = all.stream().filter(f -> Set.of("待办", "本组待办").contains(filterName(f))).findFirst()
          .orElse(all.get(0));
      chosen[0] = filterName(first);
      first.findElement(By.cssSelector("h4.name a")).click();
      return true;
    });
    browser.waitFor("the card of " + taskName + " " + ticket + " in filter " + chosen[0], d -> {
      WebElement card = browser.all(By.cssSelector(".tasks-list li.task")).stream()
          .filter(c -> c.getText().contains(ticket) && c.getText().contains(taskName)).findFirst().orElse(null);
      if (card == null) {
        return null;
      }
      card.findElement(By.cssSelector("h4.task a")).click();
      return true;
    });
    browser.waitFor("the task " + taskName + " opened",
        d -> browser.all(By.cssSelector(".task-details")).stream()
            .anyMatch(e -> e.getText().contains(taskName)) ? true : null);
  }

  static String filterName(WebElement filter) {
    String name = filter.findElement(By.cssSelector("h4.name a")).getText().trim();
    // the focused filter shows its task count after the name
    return name.replaceAll("\\s*\\d+$", "");
  }

  void claim(Browser browser) {
    browser.click(By.cssSelector(".task-details button.claim"));
    browser.shown(By.cssSelector(".task-details .assignee"));
    browser.shown(By.cssSelector(".fjs-form"));
    browser.waitFor("the complete button enabled", d -> browser.all(COMPLETE).stream().anyMatch(WebElement::isEnabled)
        ? true : null);
  }

  /** Completes the task through the form's button and waits until the engine has moved on. */
  void complete(Browser browser, String processInstanceId, String taskKey) {
    browser.click(COMPLETE);
    try {
      browser.waitFor("the engine to complete " + taskKey, d -> taskService.createTaskQuery()
          .processInstanceId(processInstanceId).taskDefinitionKey(taskKey).count() == 0 ? true : null);
    } catch (RuntimeException e) {
      throw new AssertionError("not completed: " + taskKey + "; the page shows:\n" + browser.visibleText(), e);
    }
  }

  /** The labels of the form-js form's fields and options, as shown (a required field's asterisk left out). */
  static List<String> formLabels(Browser browser) {
    return labels(browser, By.cssSelector(".fjs-form label, .fjs-form .fjs-form-field-label"));
  }

  /**
   * Every expected label is shown, alone or followed by its hint (e.g. "意见类别 必填" for 意见类别).
   */
  static void assertLabels(List<String> shown, String... expected) {
    for (String label : expected) {
      assertThat(shown).as("the labels shown").anySatisfy(l -> assertThat(l.equals(label) || l.startsWith(label + " "))
          .as(label).isTrue());
    }
  }

  static List<String> labels(Browser browser, By by) {
    return browser.all(by).stream().map(l -> l.getText().replace("*", "").replaceAll("\\s+", " ").trim())
        .filter(l -> !l.isEmpty()).distinct().toList();
  }

  static String fieldXpath(String label) {
    return "//div[contains(@class,'fjs-form-field ')][./label[normalize-space(translate(.,'*',''))='" + label
        + "']]";
  }

  static void chooseRadio(Browser browser, String group, String option) {
    browser.click(By.xpath(fieldXpath(group) + "//label[normalize-space(.)='" + option + "']"));
    browser.waitFor(option + " chosen", d -> option.equals(checkedRadio(browser, group)) ? true : null);
  }

  static String checkedRadio(Browser browser, String group) {
    return browser.all(By.xpath(fieldXpath(group) + "//label[.//input[@type='radio']]")).stream()
        .filter(l -> l.findElement(By.cssSelector("input")).isSelected()).map(l -> l.getText().trim())
        .findFirst().orElse(null);
  }

  static void chooseOption(Browser browser, String field, String option) {
    browser.click(By.xpath(fieldXpath(field) + "//*[contains(@class,'fjs-input-group')]"));
    browser.click(By.xpath(fieldXpath(field) + "//*[contains(@class,'fjs-dropdownlist-item')][normalize-space(.)='"
        + option + "']"));
    browser.waitFor(option + " chosen", d -> option.equals(selectShows(browser, field)) ? true : null);
  }

  static String selectShows(Browser browser, String field) {
    return browser.all(By.xpath(fieldXpath(field) + "//*[contains(@class,'fjs-input-group')]")).stream()
        .map(e -> e.getText().trim()).findFirst().orElse(null);
  }

  static void typeInto(Browser browser, String field, String text) {
    browser.type(By.xpath(fieldXpath(field) + "//textarea | " + fieldXpath(field) + "//input"), text);
  }

  static void checkBox(Browser browser, By by) {
    WebElement box = browser.driver().findElement(by);
    if (!box.isSelected()) {
      browser.scrollIntoView(box);
      browser.script("arguments[0].click()", box);
    }
    assertThat(box.isSelected()).isTrue();
  }
}
