package cn.liaison.platform.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import cn.liaison.platform.JsonBodies;
import cn.liaison.platform.PlatformTest;
import cn.liaison.platform.opinion.OpinionLoopProcess.Event;
import cn.liaison.platform.opinion.OpinionLoopProcess.Grade;
import cn.liaison.platform.opinion.OpinionLoopProcess.HandlingAction;
import cn.liaison.platform.opinion.OpinionLoopProcess.ReviewDecision;
import cn.liaison.platform.opinion.OpinionLoopProcess.Route;
import cn.liaison.platform.opinion.OpinionLoopProcess.SortDecision;
import cn.liaison.platform.opinion.OpinionLoopProcess.SupervisionDecision;
import cn.liaison.platform.opinion.OpinionLoopProcess.Task;
import cn.liaison.platform.opinion.OpinionLoopProcess.Var;
import cn.liaison.platform.opinion.OpinionService;
import cn.liaison.platform.opinion.OpinionSubmission;
import cn.liaison.platform.opinion.Rating;
import cn.liaison.platform.opinion.ReplyResult;
import cn.liaison.platform.reception.ReceptionProcess;
import cn.liaison.platform.reception.ReceptionService;
import cn.liaison.platform.reception.ReceptionService.VisitOpinion;
import cn.liaison.platform.reception.ReceptionService.VisitRequest;
import cn.liaison.platform.system.RateLimiter;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
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
 * March 2029 at 太平镇's station, built through the platform's real entry points (the citizen's submission and
 * evaluation, the opinion loop's tasks and timers, the reception, forum, proposal, rectification and project APIs),
 * then read back from GET /api/statistics: every figure is the one the scenario produced. March 2029 at 太平镇 belongs
 * to this scenario alone in the shared test database (checked first). The same scenario serves the dashboard's
 * browser test ({@link #build}).
 */
@PlatformTest
public class StatisticsScenarioTests {

  static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
  static final String STATION = "yy-taiping-mobile";
  static final String FROM = "2029-03-01";
  static final String TO = "2029-03-31";
  /** Monday 2029-03-05, 09:00 Beijing time. */
  static final ZonedDateTime MONDAY = ZonedDateTime.of(2029, 3, 5, 9, 0, 0, 0, BEIJING);

  @Autowired TestRestTemplate http;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired OpinionService opinionService;
  @Autowired ReceptionService receptions;
  @Autowired RateLimiter rateLimiter;
  @Autowired StatisticsService statistics;

  /** Built once per context: the browser test and this class share it. */
  static boolean built;

  @BeforeEach
  void theScenario() {
    rateLimiter.reset();
    build(this);
    // read on 2029-03-25, as the county office would at the month's end
    setClock(ZonedDateTime.of(2029, 3, 25, 9, 0, 0, 0, BEIJING));
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void everyFigureOfMarchAtTaipingIsWhatTheScenarioProduced() {
    JsonNode s = figures("analyst1", "from=" + FROM + "&to=" + TO + "&station=" + STATION);
    JsonNode o = s.path("opinions");
    // eight citizens' opinions by QR code and one taken at the reception
    assertThat(o.path("received").asLong()).isEqualTo(9);
    assertThat(o.path("byChannel").path("QR_CODE").asLong()).isEqualTo(8);
    assertThat(o.path("byChannel").path("MOBILE_RECEPTION").asLong()).isEqualTo(1);
    assertThat(o.path("byCategory").path("IRRIGATION").asLong()).isEqualTo(8);
    assertThat(o.path("byCategory").path("AGRICULTURE").asLong()).isEqualTo(1);
    assertThat(o.path("byStation").path(STATION).asLong()).isEqualTo(9);
    assertThat(o.path("byStation").has("cy-crane")).as("only the station asked for").isFalse();
    // closed: A B C D E F H; the reception's one waits for its rating, G is with a deputy's proposal
    assertThat(o.path("closed").asLong()).isEqualTo(7);
    assertThat(o.path("solved").asLong()).as("A, E, F").isEqualTo(3);
    assertThat(o.path("partlySolved").asLong()).as("B").isEqualTo(1);
    assertThat(o.path("unsolved").asLong()).as("D").isEqualTo(1);
    assertThat(o.path("closedOnTime").asLong()).as("all closed but F, answered after 超期督办").isEqualTo(6);
    assertThat(o.path("overdue").asLong()).as("F").isEqualTo(1);
    assertThat(o.path("toProposal").asLong()).as("G").isEqualTo(1);
    JsonNode e = o.path("evaluation");
    assertThat(e.path("satisfied").asLong()).isEqualTo(3);
    assertThat(e.path("basicallySatisfied").asLong()).isEqualTo(2);
    assertThat(e.path("dissatisfied").asLong()).isEqualTo(1);
    assertThat(e.path("notEvaluated").asLong()).isEqualTo(1);
    JsonNode r = o.path("rates");
    assertThat(r.path("closing").asDouble()).isCloseTo(7.0 / 9, within(1e-9));
    assertThat(r.path("onTime").asDouble()).isCloseTo(6.0 / 7, within(1e-9));
    assertThat(r.path("satisfaction").asDouble()).isCloseTo(5.0 / 6, within(1e-9));

    Map<String, JsonNode> departments = new LinkedHashMap<>();
    o.path("byDepartment").forEach(d -> departments.put(d.path("department").asText(), d));
    assertThat(departments).containsOnlyKeys("dept-water", "dept-agriculture", "dept-town");
    JsonNode water = departments.get("dept-water");
    assertThat(water.path("name").asText()).isEqualTo("县水利局");
    assertThat(water.path("assigned").asLong()).as("A B D F, and E before it was reassigned").isEqualTo(5);
    assertThat(water.path("closed").asLong()).isEqualTo(4);
    assertThat(water.path("closedOnTime").asLong()).isEqualTo(3);
    assertThat(water.path("overdue").asLong()).isEqualTo(1);
    assertThat(water.path("returned").asLong()).as("E, reassigned to the town").isEqualTo(1);
    assertThat(water.path("reopened").asLong()).isZero();
    assertThat(water.path("satisfaction").asDouble()).isEqualTo(1.0);
    JsonNode town = departments.get("dept-town");
    assertThat(town.path("assigned").asLong()).isEqualTo(1);
    assertThat(town.path("closedOnTime").asLong()).isEqualTo(1);
    assertThat(town.path("returned").asLong()).isZero();
    JsonNode agriculture = departments.get("dept-agriculture");
    assertThat(agriculture.path("assigned").asLong()).isEqualTo(1);
    assertThat(agriculture.path("reopened").asLong()).as("C, the citizen was dissatisfied once").isEqualTo(1);

    JsonNode p = s.path("proposals");
    assertThat(p.path("submitted").asLong()).isEqualTo(1);
    assertThat(p.path("fromOpinions").asLong()).isEqualTo(1);

    JsonNode f = s.path("forums");
    assertThat(f.path("held").asLong()).isEqualTo(1);
    assertThat(f.path("invitedDeputies").asLong()).isEqualTo(2);
    assertThat(f.path("attendedDeputies").asLong()).isEqualTo(2);
    assertThat(f.path("participationRate").asDouble()).isEqualTo(1.0);
    assertThat(f.path("suggestions").asLong()).isEqualTo(3);

    JsonNode c = s.path("receptions");
    assertThat(c.path("sessions").asLong()).isEqualTo(1);
    assertThat(c.path("visitors").asLong()).isEqualTo(8);
    assertThat(c.path("opinions").asLong()).isEqualTo(1);
    assertThat(c.path("solvedOnSpot").asLong()).isEqualTo(1);
    assertThat(c.path("solved").asLong()).isEqualTo(1);

    JsonNode re = s.path("rectification");
    assertThat(re.path("tasks").asLong()).as("the drive's task and the project's").isEqualTo(2);
    assertThat(re.path("problems").asLong()).as("three listed, two found at the inspection").isEqualTo(5);
    assertThat(re.path("rectified").asLong()).isEqualTo(1);
    assertThat(re.path("overdue").asLong()).as("one past its deadline of 2029-03-20").isEqualTo(1);

    JsonNode pj = s.path("projects");
    assertThat(pj.path("supervised").asLong()).isEqualTo(1);
    assertThat(pj.path("inspections").asLong()).isEqualTo(1);
    assertThat(pj.path("problemsFound").asLong()).isEqualTo(2);
  }

  @Test
  void aTownAsksForItsStationsAndAnotherMonthIsEmptyWithRatesNull() {
    JsonNode town = figures("supervisor1", "from=" + FROM + "&to=" + TO + "&town=太平镇");
    assertThat(town.path("opinions").path("received").asLong()).isEqualTo(9);
    assertThat(town.path("period").path("town").asText()).isEqualTo("太平镇");

    JsonNode other = figures("analyst1", "from=2029-05-01&to=2029-05-31&station=" + STATION);
    assertThat(other.path("opinions").path("received").asLong()).isZero();
    assertThat(other.path("opinions").path("rates").path("closing").isNull()).isTrue();
    assertThat(other.path("opinions").path("rates").path("onTime").isNull()).isTrue();
    assertThat(other.path("opinions").path("rates").path("satisfaction").isNull()).isTrue();
    assertThat(other.path("forums").path("participationRate").isNull()).isTrue();
    assertThat(other.path("opinions").path("byDepartment")).isEmpty();

    // the station's own staff see the same; staff of 长垣 do not
    assertThat(figures("staff2", "from=" + FROM + "&to=" + TO).path("opinions").path("received").asLong())
        .isEqualTo(9);
    assertThat(get("staff1", "from=" + FROM + "&to=" + TO + "&station=" + STATION).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    JsonNode crane = figures("staff1", "from=" + FROM + "&to=" + TO);
    assertThat(crane.path("opinions").path("byStation").has(STATION)).isFalse();
  }

  @Test
  void aCountyWeighting基本满意AtNineTenthsLowersTheSatisfactionRate() {
    StatisticsService weighted = new StatisticsService(
        org.springframework.jdbc.core.simple.JdbcClient.create(dataSource()), new StatisticsProperties(1.0, 0.9),
        java.time.Clock.systemUTC(), calendar);
    Statistics s = weighted.figures(new Statistics.Period(LocalDate.parse(FROM), LocalDate.parse(TO), STATION, null));
    // (3 × 1.0 + 2 × 0.9) ÷ 6
    assertThat(s.opinions().rates().satisfaction()).isCloseTo(4.8 / 6, within(1e-9));
    assertThat(statistics.figures(s.period()).opinions().rates().satisfaction()).isCloseTo(5.0 / 6, within(1e-9));
  }

  @Autowired javax.sql.DataSource dataSourceBean;
  @Autowired cn.liaison.platform.calendar.WorkingDayCalendar calendar;

  javax.sql.DataSource dataSource() {
    return dataSourceBean;
  }

  // ---- the scenario ------------------------------------------------------------------------------------------

  /** Builds the scenario in the given platform's context, unless it is there already (the dashboard's test). */
  public static void ensureBuilt(org.springframework.context.ApplicationContext context) {
    StatisticsScenarioTests t = new StatisticsScenarioTests();
    context.getAutowireCapableBeanFactory().autowireBean(t);
    t.rateLimiter.reset();
    try {
      build(t);
    } finally {
      ClockUtil.reset();
    }
  }

  /** Builds March 2029 at 太平镇 once per Spring context. */
  static synchronized void build(StatisticsScenarioTests t) {
    if (built) {
      return;
    }
    JsonNode before = t.figures("analyst1", "from=" + FROM + "&to=" + TO + "&station=" + STATION);
    assertThat(before.path("opinions").path("received").asLong()).as("March 2029 at 太平镇 is this scenario's")
        .isZero();
    t.scenario();
    built = true;
  }

  void scenario() {
    setClock(MONDAY);
    // A: the water bureau solves it, the citizen is satisfied
    Loop a = submit();
    a.assignTo("dept-water");
    a.reply(ReplyResult.SOLVED);
    a.evaluate(Rating.SATISFIED);
    // B: partly solved, basically satisfied
    Loop b = submit();
    b.assignTo("dept-water");
    b.reply(ReplyResult.PARTLY_SOLVED);
    b.evaluate(Rating.BASICALLY_SATISFIED);
    // C: the agriculture bureau cannot solve it; dissatisfied, reopened, answered by the analyst, basically satisfied
    Loop c = submit();
    c.assignTo("dept-agriculture");
    c.reply(ReplyResult.UNSOLVED);
    c.evaluate(Rating.DISSATISFIED);
    c.answer("已协调镇里安排机井维修，下周完成。");
    c.evaluate(Rating.BASICALLY_SATISFIED);
    // D: unsolved, and the citizen never rates it (closed after the evaluation window, below)
    Loop d = submit();
    d.assignTo("dept-water");
    d.reply(ReplyResult.UNSOLVED);
    // E, F: the water bureau lets the deadline pass (below); G: to a deputy's proposal; H: answered by the analyst,
    // dissatisfied three times, closed by a supervisor
    Loop e = submit();
    e.assignTo("dept-water");
    Loop f = submit();
    f.assignTo("dept-water");
    Loop g = submit();
    g.confirm();
    g.complete(Task.ANALYZE, Map.of(Var.ROUTE, Route.TO_PROPOSAL.name(), Var.PROPOSAL_DEPUTY, "deputy5"));
    Loop h = submit();
    h.confirm();
    for (int i = 0; i < 3; i++) {
      h.answer("第" + (i + 1) + "次答复：按政策暂不能支持。");
      h.evaluate(Rating.DISSATISFIED);
    }
    h.complete(Task.REVIEW_DISSATISFIED, Map.of(Var.REVIEW_DECISION, ReviewDecision.CLOSE.name(),
        Var.REVIEW_NOTE, "已尽力，依政策无法支持。"));

    // Tuesday: a field post; six people about straw, two solved on the spot with an opinion
    reception();
    // the deputies' forum, a proposal of the station's head with G, rectification and a project
    forum();
    proposal(g.ticket);
    rectificationAndProject();

    // the water bureau's deadline passes for E and F: E is reassigned to the town, which answers at once;
    // F is urged and answered late
    e.overdue();
    e.complete(Task.SUPERVISE, Map.of(Var.SUPERVISION_DECISION, SupervisionDecision.REASSIGN.name(),
        Var.DEPARTMENT_CODE, "dept-town", Var.SUPERVISION_NOTE, "属镇政府职责，改派。"));
    e.job(Task.ASSIGN);
    e.reply(ReplyResult.SOLVED);
    e.evaluate(Rating.SATISFIED);
    f.overdueTimerOnly();
    f.complete(Task.SUPERVISE, Map.of(Var.SUPERVISION_DECISION, SupervisionDecision.URGE.name(),
        Var.SUPERVISION_NOTE, "请两日内答复。"));
    f.reply(ReplyResult.SOLVED);
    f.evaluate(Rating.SATISFIED);
    // D's evaluation window ends unrated
    setClock(ZonedDateTime.of(2029, 3, 22, 9, 0, 0, 0, BEIJING));
    d.job(Event.TIMER_EVALUATION_TIMEOUT);
  }

  /** One opinion's loop, driven as its people do through the engine (the task guard checks every completion). */
  final class Loop {
    final String ticket;
    final String key;
    final String instance;

    Loop(OpinionService.Submitted s) {
      ticket = s.ticketNo();
      key = s.trackingKey();
      instance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(ticket).singleResult().getId();
    }

    void confirm() {
      complete(Task.SORT, Map.of(Var.SORT_DECISION, SortDecision.CONFIRM.name(), Var.CATEGORY, "IRRIGATION",
          Var.DEPARTMENT_CODE, "dept-water", Var.GRADE, Grade.GENERAL.name(), Var.DEADLINE_DAYS, 5));
    }

    void assignTo(String department) {
      confirm();
      complete(Task.ANALYZE, Map.of(Var.ROUTE, Route.ASSIGN_DEPARTMENT.name(), Var.DEPARTMENT_CODE, department));
      job(Task.ASSIGN);
    }

    void answer(String text) {
      complete(Task.ANALYZE, Map.of(Var.ROUTE, Route.ANSWER_DIRECTLY.name(), Var.ANSWER_TEXT, text));
    }

    void reply(ReplyResult result) {
      complete(Task.HANDLE, Map.of(Var.HANDLING_ACTION, HandlingAction.REPLY.name(), Var.REPLY_RESULT, result.name(),
          Var.REPLY_TEXT, "已现场查看并处理。", Var.REPLY_MEASURES, "现场处理"));
    }

    void evaluate(Rating rating) {
      opinionService.evaluate(ticket, key, rating, rating == Rating.DISSATISFIED ? "没有解决" : "谢谢");
    }

    /** The clock past the deadline in force, and the overdue timer fired. */
    void overdue() {
      Date due = (Date) runtime.getVariable(instance, Var.DUE_DATE);
      if (ClockUtil.getCurrentTime().before(due)) {
        setClock(ZonedDateTime.ofInstant(due.toInstant(), BEIJING).plusMinutes(5));
      }
      job(Event.TIMER_OVERDUE);
    }

    void overdueTimerOnly() {
      overdue();
    }

    void complete(String taskKey, Map<String, Object> variables) {
      var task = tasks.createTaskQuery().processInstanceId(instance).taskDefinitionKey(taskKey).singleResult();
      assertThat(task).as("open task " + taskKey + " of " + ticket).isNotNull();
      tasks.complete(task.getId(), new HashMap<>(variables));
    }

    void job(String activityId) {
      Job job = management.createJobQuery().processInstanceId(instance).activityId(activityId).singleResult();
      assertThat(job).as("job at " + activityId + " of " + ticket).isNotNull();
      management.executeJob(job.getId());
    }
  }

  Loop submit() {
    return new Loop(opinionService.submit(new OpinionSubmission(STATION, "IRRIGATION",
        "村南灌溉渠堵塞，麦田浇不上水，请尽快疏通。", "太平镇某村", "王某", "13812341234", false, true, null), null));
  }

  void reception() {
    ZonedDateTime starts = ZonedDateTime.of(2029, 3, 6, 8, 0, 0, 0, BEIJING);
    String no = receptions.create(new ReceptionService.NewReceptionRequest(STATION, "FIELD_POST", "春耕服务",
        "王庄村东地头", starts.toOffsetDateTime().toString(), starts.plusHours(4).toOffsetDateTime().toString(),
        List.of("deputy5", "deputy2")), "staff2").receptionNo();
    setClock(starts.plusMinutes(5));
    String pi = runtime.createProcessInstanceQuery().processDefinitionKey(ReceptionProcess.KEY)
        .processInstanceBusinessKey(no).singleResult().getId();
    management.executeJob(management.createJobQuery().processInstanceId(pi)
        .activityId(ReceptionProcess.Event.TIMER_SESSION_STARTS).singleResult().getId());
    receptions.recordVisit(no, new VisitRequest(6, "秸秆离田补贴怎么领", null, false, null), "deputy2");
    receptions.recordVisit(no, new VisitRequest(2, null, new VisitOpinion("AGRICULTURE",
        "收割机进不了地，地头的排水沟需要临时垫平。", null, "王大伯", "13700001111", true), true,
        "联系村里当场用石板垫平了排水沟"), "deputy5");
  }

  void forum() {
    ZonedDateTime startsAt = ZonedDateTime.of(2029, 3, 9, 9, 30, 0, 0, BEIJING);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("stationCode", STATION);
    body.put("topic", "春耕生产座谈会");
    body.put("sector", "农业");
    body.put("startsAt", startsAt.toOffsetDateTime().toString());
    body.put("place", "太平镇联络站");
    body.put("experts", List.of(Map.of("name", "李农艺师", "organisation", "县农技站")));
    ResponseEntity<String> created = call("staff2", HttpMethod.POST, "/api/forums", body);
    assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(HttpStatus.CREATED);
    String no = JsonBodies.tree(created.getBody()).path("forumNo").asText();
    List<String> invited = new ArrayList<>();
    JsonBodies.tree(call("staff2", HttpMethod.GET, "/api/forums/" + no, null).getBody()).path("invitations")
        .forEach(i -> invited.add(i.path("deputy").asText()));
    for (String deputy : invited) {
      String task = JsonBodies.tree(call(deputy, HttpMethod.GET,
          "/engine-rest/task?processInstanceBusinessKey=" + no + "&assignee=" + deputy, null).getBody())
          .get(0).path("id").asText();
      ResponseEntity<String> answered = call(deputy, HttpMethod.POST, "/engine-rest/task/" + task + "/complete",
          Map.of("variables", Map.of("attendance", Map.of("value", "ATTEND"))));
      assertThat(answered.getStatusCode()).as(answered.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
    }
    setClock(startsAt.minusMinutes(20));
    assertThat(call("staff2", HttpMethod.POST, "/api/forums/" + no + "/sign-in", Map.of("deputies", invited))
        .getStatusCode().is2xxSuccessful()).isTrue();
    for (int k = 0; k < 3; k++) {
      ResponseEntity<String> suggested = call("staff2", HttpMethod.POST, "/api/forums/" + no + "/suggestions",
          Map.of("proposer", k == 0 ? "李农艺师" : invited.get(k % invited.size()), "content",
              "春耕建议第" + (k + 1) + "条：统一供种、开展测土配方。", "category", "AGRICULTURE", "disposition", "RECORD"));
      assertThat(suggested.getStatusCode()).as(suggested.getBody()).isEqualTo(HttpStatus.CREATED);
    }
    // the forum begins: its timer marks it held
    setClock(startsAt.plusMinutes(1));
    runDueJobs(no);
  }

  void proposal(String ticket) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("title", "关于加快太平镇灌溉渠修缮的建议");
    body.put("reasons", "联络站收集的群众意见反映，灌溉渠年久失修，影响春灌。");
    body.put("content", "建议县水利局安排专项资金，汛前完成渠道修缮。");
    body.put("category", "IRRIGATION");
    body.put("leadDeputy", "deputy5");
    body.put("coSigners", List.of("deputy2"));
    body.put("opinionTickets", List.of(ticket));
    ResponseEntity<String> created = call("deputy5", HttpMethod.POST, "/api/proposals", body);
    assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(HttpStatus.CREATED);
    String no = JsonBodies.tree(created.getBody()).path("proposalNo").asText();
    runDueJobs(no);
    completeTask("deputy2", no, "Task_CoSign", Map.of("coSignDecision", "AGREE"));
    runDueJobs(no);
    completeTask("office1", no, "Task_ReviewProposal", Map.of("proposalReview", "ACCEPT"));
    runDueJobs(no);
  }

  void rectificationAndProject() {
    String code = "TP-TJ-" + System.nanoTime() % 1_000_000;
    assertThat(call("staff2", HttpMethod.POST, "/api/rectifications", Map.of("code", code,
        "name", "春季农田水利整治", "town", "太平镇", "deadline", "2029-12-31")).getStatusCode())
        .isEqualTo(HttpStatus.CREATED);
    String taskNo = JsonBodies.tree(call("staff2", HttpMethod.POST, "/api/rectifications/" + code + "/tasks",
        Map.of("title", "排灌设施维修", "responsibleUnit", "dept-water", "grid", "tp-hetan", "deadline", "2029-06-30"))
        .getBody()).path("taskNo").asText();
    List<String> problems = new ArrayList<>();
    for (int p = 0; p < 3; p++) {
      ResponseEntity<String> raised = call("staff2", HttpMethod.POST, "/api/rectifications/" + code + "/tasks/"
          + taskNo + "/problems", Map.of("description", "排灌站问题" + (p + 1), "source", "HOME_VISIT",
              "foundOn", "2029-03-07", "responsiblePerson", "周股长", "deadline", p == 0 ? "2029-03-20" : "2029-06-30"));
      assertThat(raised.getStatusCode()).as(raised.getBody()).isEqualTo(HttpStatus.CREATED);
      problems.add(JsonBodies.tree(raised.getBody()).path("problemNo").asText());
    }
    // the last one is rectified, verified, fed back and crossed off
    String last = problems.get(2);
    completeTask("water1", last, "Task_RectifyProblem", Map.of("measures", "更换水泵", "progress", "完成",
        "rectified", true));
    completeTask("deputy2", last, "Task_VerifyRectification", Map.of("verification", "PASS"));
    completeTask("staff2", last, "Task_RecordFeedback", Map.of("feedback", "已在村民会议上通报"));
    completeTask("staff2", last, "Task_CloseProblem", Map.of());

    // a project supervised from March to June; its first milestone's inspection finds two problems
    String projectTask = JsonBodies.tree(call("staff2", HttpMethod.POST, "/api/rectifications/" + code + "/tasks",
        Map.of("title", "高标准农田施工问题整改", "responsibleUnit", "dept-water", "grid", "tp-hetan",
            "deadline", "2029-12-31")).getBody()).path("taskNo").asText();
    Map<String, Object> b = new LinkedHashMap<>();
    b.put("code", "TP-GBZ-TJ-" + System.nanoTime() % 1_000_000);
    b.put("name", "太平镇2029年高标准农田建设项目");
    b.put("kind", "HIGH_STANDARD_FARMLAND");
    b.put("town", "太平镇");
    b.put("department", "dept-agriculture");
    b.put("contractor", "县农田建设工程公司");
    b.put("startsOn", "2029-03-10");
    b.put("endsOn", "2029-06-30");
    b.put("milestones", List.of(Map.of("name", "开工", "due", "2029-03-10"), Map.of("name", "竣工验收", "due",
        "2029-06-30")));
    b.put("supervisingDeputies", List.of("deputy5"));
    b.put("rectificationDrive", code);
    b.put("rectificationTask", projectTask);
    ResponseEntity<String> created = call("staff2", HttpMethod.POST, "/api/projects", b);
    assertThat(created.getStatusCode().value()).as(created.getBody()).isEqualTo(201);
    String project = JsonBodies.tree(created.getBody()).path("code").asText();
    setClock(ZonedDateTime.of(2029, 3, 10, 8, 0, 0, 0, BEIJING));
    runDueJobs(project);
    Map<String, Object> inspection = new LinkedHashMap<>();
    inspection.put("inspectedOn", "2029-03-10");
    inspection.put("findings", "已进场开工，施工围挡不全。");
    inspection.put("milestoneStatus", "PROBLEM");
    inspection.put("farmersVisited", 6);
    inspection.put("farmersSaid", "希望机耕路先修通。");
    inspection.put("problems", "施工便道占压排水沟\n土方未覆盖，扬尘大");
    completeTask("deputy5", project, "Task_InspectMilestone", inspection);
  }

  // ---- helpers ----------------------------------------------------------------------------------------------

  /** Runs the instance's due jobs (the job executor is off in tests) until none is due. */
  void runDueJobs(String businessKey) {
    for (int round = 0; round < 10; round++) {
      List<Job> due = new ArrayList<>();
      runtime.createProcessInstanceQuery().processInstanceBusinessKey(businessKey).list().forEach(pi ->
          due.addAll(management.createJobQuery().processInstanceId(pi.getId()).executable().list()));
      if (due.isEmpty()) {
        return;
      }
      due.forEach(j -> management.executeJob(j.getId()));
    }
  }

  /** Completes the business key's open task of that kind through /engine-rest as the user. */
  void completeTask(String user, String businessKey, String taskKey, Map<String, Object> values) {
    JsonNode found = JsonBodies.tree(call(user, HttpMethod.GET, "/engine-rest/task?processInstanceBusinessKey="
        + businessKey + "&taskDefinitionKey=" + taskKey, null).getBody());
    assertThat(found.size()).as("%s sees %s of %s", user, taskKey, businessKey).isEqualTo(1);
    Map<String, Object> variables = new LinkedHashMap<>();
    values.forEach((name, value) -> variables.put(name, value instanceof Integer
        ? Map.of("value", value, "type", "Integer") : Map.of("value", value)));
    ResponseEntity<String> done = call(user, HttpMethod.POST, "/engine-rest/task/" + found.get(0).path("id").asText()
        + "/complete", Map.of("variables", variables));
    assertThat(done.getStatusCode()).as("%s completes %s: %s", user, taskKey, done.getBody())
        .isEqualTo(HttpStatus.NO_CONTENT);
  }

  JsonNode figures(String user, String query) {
    ResponseEntity<String> r = get(user, query);
    assertThat(r.getStatusCode()).as(r.getBody()).isEqualTo(HttpStatus.OK);
    return JsonBodies.tree(r.getBody());
  }

  ResponseEntity<String> get(String user, String query) {
    return call(user, HttpMethod.GET, "/api/statistics?" + query, null);
  }

  ResponseEntity<String> call(String user, HttpMethod method, String path, Object body) {
    HttpHeaders headers = new HttpHeaders();
    if (user != null) {
      headers.setBasicAuth(user, user);
    }
    HttpEntity<?> entity = body == null ? new HttpEntity<>(headers) : JsonBodies.json(body, headers);
    return http.exchange(path, method, entity, String.class);
  }

  static void setClock(ZonedDateTime time) {
    ClockUtil.setCurrentTime(Date.from(time.toInstant()));
  }
}
