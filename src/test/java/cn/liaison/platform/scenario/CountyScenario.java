package cn.liaison.platform.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import cn.liaison.platform.system.RateLimiter;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * The county at work in a test, in its own words: citizens' opinions driven through the real loop, receptions,
 * forums, proposals and rectification drives, each step done by the demo user whose work it is, through the same
 * entry points people use (/api, /engine-rest), with the engine's clock moved for timers (the job executor is off in
 * tests, so a timer or an async continuation runs when the scenario fires it).
 *
 * <p>A test class registers it as an extension: every test starts on a fresh morning (no rate limit used up, the
 * engine's clock at the given moment) and the clock is reset after it.
 *
 * <pre>
 * &#64;RegisterExtension final CountyScenario county = CountyScenario.eachTestAt(beijing(2029, 3, 5, 9, 0));
 * ...
 * county.opinion("村南灌溉渠堵塞…").at(TAIPING).category("IRRIGATION").routedTo(WATER).answered(SOLVED)
 *     .ratedBy(SATISFIED);
 * Reception field = county.reception(TAIPING).theme("三夏禁烧").startsAt(day).onDuty("deputy5").announcedBy("staff2");
 * field.opened();
 * field.opinionsTaken("deputy5", 30, 22);
 * </pre>
 */
public final class CountyScenario implements BeforeEachCallback, AfterEachCallback {

  public static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

  /** Stations of the demo data. */
  public static final String TAIPING = "yy-taiping-mobile";
  public static final String ANTICORROSION = "cy-anticorrosion";
  public static final String CRANE = "cy-crane";

  /** Departments of the demo data. */
  public static final String WATER = "dept-water";
  public static final String AGRICULTURE = "dept-agriculture";
  public static final String TOWN = "dept-town";
  public static final String HOUSING = "dept-housing";
  public static final String NATURAL_RESOURCES = "dept-natural-resources";
  public static final String MARKET = "dept-market";

  /** Demo users of the county-wide roles. */
  public static final String ANALYST = "analyst1";
  public static final String SUPERVISOR = "supervisor1";
  public static final String CONGRESS_OFFICE = "office1";

  /** Who works for a station (汇总梳理, its receptions and forums), a department (办理), a grid (代表核验). */
  static final Map<String, String> STATION_STAFF = Map.of(TAIPING, "staff2", ANTICORROSION, "staff1",
      CRANE, "staff1");
  static final Map<String, String> DEPARTMENT_USER = Map.of(WATER, "water1", AGRICULTURE, "agri1", TOWN, "town1",
      HOUSING, "housing1", NATURAL_RESOURCES, "natres1");
  static final Map<String, String> GRID_DEPUTY = Map.of("tp-taiping", "deputy5", "tp-dongzhuang", "deputy5",
      "tp-xizhuang", "deputy5", "tp-nanjie", "deputy2", "tp-beijie", "deputy2", "tp-hetan", "deputy2");

  /** Numbers that keep every scenario's texts, codes and citizens' addresses apart in the shared database. */
  static final AtomicInteger SEQUENCE = new AtomicInteger();

  private final ZonedDateTime morning;
  ApplicationContext context;
  TestRestTemplate http;
  RuntimeService runtime;
  ManagementService management;

  private CountyScenario(ZonedDateTime morning) {
    this.morning = morning;
  }

  /** The county of the test's platform, on a fresh morning: nobody has used up a rate limit yet. */
  public static CountyScenario in(ApplicationContext context) {
    CountyScenario county = new CountyScenario(null);
    county.freshMorningIn(context);
    return county;
  }

  /** For {@code @RegisterExtension}: each test of the class starts in the county on a fresh morning. */
  public static CountyScenario eachTest() {
    return new CountyScenario(null);
  }

  /** For {@code @RegisterExtension}: each test starts on a fresh morning with the engine's clock at the moment. */
  public static CountyScenario eachTestAt(ZonedDateTime moment) {
    return new CountyScenario(moment);
  }

  @Override
  public void beforeEach(ExtensionContext test) {
    freshMorningIn(SpringExtension.getApplicationContext(test));
    if (morning != null) {
      clockAt(morning);
    }
  }

  @Override
  public void afterEach(ExtensionContext test) {
    ClockUtil.reset();
  }

  private void freshMorningIn(ApplicationContext context) {
    this.context = context;
    this.http = context.getBean(TestRestTemplate.class);
    this.runtime = context.getBean(RuntimeService.class);
    this.management = context.getBean(ManagementService.class);
    context.getBean(RateLimiter.class).reset();
  }

  /** The platform the county is in (for the stories built once per context). */
  public ApplicationContext context() {
    return context;
  }

  // ---- people ----------------------------------------------------------------------------------------------

  /** A demo user at work in the browser or Tasklist. */
  public DemoUser as(String user) {
    return new DemoUser(http, user);
  }

  /** Somebody who is not logged in. */
  public DemoUser anonymous() {
    return new DemoUser(http, null);
  }

  /** A citizen on their own phone: not logged in, from an address no other citizen of the tests uses. */
  HttpHeaders citizen() {
    HttpHeaders headers = new HttpHeaders();
    int n = SEQUENCE.incrementAndGet();
    headers.set("X-Forwarded-For", "10.78." + (n / 250 % 250) + "." + (n % 250 + 1));
    return headers;
  }

  /** The staff user of the station. */
  public static String staffOf(String station) {
    return known(STATION_STAFF, station, "station");
  }

  /** The demo user of the department. */
  public static String userOf(String department) {
    return known(DEPARTMENT_USER, department, "department");
  }

  /** The deputy responsible for the grid. */
  public static String deputyOf(String grid) {
    return known(GRID_DEPUTY, grid, "grid");
  }

  private static String known(Map<String, String> people, String key, String what) {
    String user = people.get(key);
    assertThat(user).as("a demo user of the %s %s", what, key).isNotNull();
    return user;
  }

  // ---- what happens in the county --------------------------------------------------------------------------

  /** A citizen's opinion, to be submitted by QR code. */
  public OpinionDraft opinion(String content) {
    return new OpinionDraft(this, content);
  }

  /** An opinion already in the loop (taken at a reception, say), with the ticket and key the citizen was given. */
  public OpinionInLoop opinion(String ticket, String trackingKey, String category, String station) {
    return new OpinionInLoop(this, ticket, trackingKey, category, station);
  }

  /** A reception session (接待) of the station, to be announced. */
  public Reception.Draft reception(String station) {
    return new Reception.Draft(this, station);
  }

  /** A forum (座谈会) of the station, to be called. */
  public Forum.Draft forum(String station, String topic) {
    return new Forum.Draft(this, station, topic);
  }

  /** A deputy's proposal (代表建议), to be submitted by its lead deputy. */
  public Proposal.Draft proposal(String title) {
    return new Proposal.Draft(this, title);
  }

  /** A rectification drive (整治行动), its code made unique from the prefix. */
  public RectificationDrive.Draft rectificationDrive(String codePrefix) {
    return new RectificationDrive.Draft(this, codePrefix + "-" + SEQUENCE.incrementAndGet() + "-"
        + System.nanoTime() % 1_000_000);
  }

  /** A project to be supervised (项目督查). */
  public SupervisedProject project(String name) {
    return new SupervisedProject(this, name);
  }

  // ---- time and the engine ---------------------------------------------------------------------------------

  /** A moment in Beijing time. */
  public static ZonedDateTime beijing(int year, int month, int day, int hour, int minute) {
    return ZonedDateTime.of(year, month, day, hour, minute, 0, 0, BEIJING);
  }

  /** Moves the engine's clock (and with it the platform's one Clock) to the moment. */
  public static void clockAt(ZonedDateTime moment) {
    ClockUtil.setCurrentTime(Date.from(moment.toInstant()));
  }

  /** Fires the one job (a timer, an async continuation) waiting at the activity of the business key's process. */
  public void fire(String businessKey, String activityId) {
    List<Job> jobs = new ArrayList<>();
    for (ProcessInstance pi : runtime.createProcessInstanceQuery().processInstanceBusinessKey(businessKey).list()) {
      jobs.addAll(management.createJobQuery().processInstanceId(pi.getId()).activityId(activityId).list());
    }
    assertThat(jobs).as("job at %s of %s", activityId, businessKey).hasSize(1);
    management.executeJob(jobs.get(0).getId());
  }

  /** Runs the business key's due jobs (the job executor is off in tests) until none is due. */
  public void runDueJobs(String businessKey) {
    for (int round = 0; round < 10; round++) {
      List<Job> due = new ArrayList<>();
      runtime.createProcessInstanceQuery().processInstanceBusinessKey(businessKey).list().forEach(pi ->
          due.addAll(management.createJobQuery().processInstanceId(pi.getId()).executable().list()));
      if (due.isEmpty()) {
        return;
      }
      due.forEach(job -> management.executeJob(job.getId()));
    }
  }
}
