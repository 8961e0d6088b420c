package cn.liaison.platform.scenario;

import static cn.liaison.platform.scenario.CountyScenario.AGRICULTURE;
import static cn.liaison.platform.scenario.CountyScenario.TAIPING;
import static cn.liaison.platform.scenario.CountyScenario.TOWN;
import static cn.liaison.platform.scenario.CountyScenario.WATER;
import static cn.liaison.platform.scenario.CountyScenario.beijing;
import static cn.liaison.platform.scenario.CountyScenario.clockAt;
import static org.assertj.core.api.Assertions.assertThat;

import cn.liaison.platform.opinion.Rating;
import cn.liaison.platform.opinion.ReplyResult;
import cn.liaison.platform.project.ProjectProcess;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.context.ApplicationContext;

/**
 * March 2029 at 太平镇, a month that belongs to this scenario alone in the shared test database (checked first):
 * nine opinions (A–H by QR code, one taken at a reception) with every kind of ending, a field post, a forum, a
 * proposal of the station's head with opinion G, a rectification drive and a supervised project. The statistics
 * (StatisticsScenarioTests) and the dashboard (DashboardInTheBrowserTests) read their figures from it.
 */
public final class MarchAtTaiping {

  public static final String FROM = "2029-03-01";
  public static final String TO = "2029-03-31";

  private static final Set<ApplicationContext> BUILT = Collections.newSetFromMap(new IdentityHashMap<>());

  private final CountyScenario county;

  private MarchAtTaiping(CountyScenario county) {
    this.county = county;
  }

  /** Builds March 2029 at 太平镇 in the context's platform once; the clock is reset afterwards. */
  public static synchronized void ensureBuilt(ApplicationContext context) {
    if (BUILT.contains(context)) {
      return;
    }
    CountyScenario county = CountyScenario.in(context);
    try {
      assertThat(county.as(CountyScenario.ANALYST).read("/api/statistics?from=" + FROM + "&to=" + TO + "&station="
          + TAIPING).path("opinions").path("received").asLong()).as("March 2029 at 太平镇 is this scenario's").isZero();
      new MarchAtTaiping(county).happens();
      BUILT.add(context);
    } finally {
      ClockUtil.reset();
    }
  }

  OpinionDraft irrigationComplaint() {
    return county.opinion("村南灌溉渠堵塞，麦田浇不上水，请尽快疏通。").at(TAIPING).category("IRRIGATION");
  }

  void happens() {
    clockAt(beijing(2029, 3, 5, 9, 0)); // Monday
    // A: the water bureau solves it, the citizen is satisfied; B: partly solved, basically satisfied
    irrigationComplaint().routedTo(WATER).answered(ReplyResult.SOLVED).ratedBy(Rating.SATISFIED);
    irrigationComplaint().routedTo(WATER).answered(ReplyResult.PARTLY_SOLVED).ratedBy(Rating.BASICALLY_SATISFIED);
    // C: the agriculture bureau cannot solve it; dissatisfied, reopened, answered by the analyst, basically satisfied
    irrigationComplaint().routedTo(AGRICULTURE).answered(ReplyResult.UNSOLVED).ratedBy(Rating.DISSATISFIED)
        .answeredByAnalyst("已协调镇里安排机井维修，下周完成。").ratedBy(Rating.BASICALLY_SATISFIED);
    // D: unsolved, and the citizen never rates it (closed after the evaluation window, below)
    OpinionInLoop d = irrigationComplaint().routedTo(WATER).answered(ReplyResult.UNSOLVED);
    // E, F: the water bureau lets the deadline pass (below); G: to a deputy's proposal; H: answered by the analyst,
    // dissatisfied three times, closed by a supervisor
    OpinionInLoop e = irrigationComplaint().routedTo(WATER);
    OpinionInLoop f = irrigationComplaint().routedTo(WATER);
    OpinionInLoop g = irrigationComplaint().submitted().sortedIntoProposalOf("deputy5");
    OpinionInLoop h = irrigationComplaint().submitted().sorted(WATER);
    for (int i = 0; i < 3; i++) {
      h.answeredByAnalyst("第" + (i + 1) + "次答复：按政策暂不能支持。").ratedBy(Rating.DISSATISFIED);
    }
    h.closedAfterReview("已尽力，依政策无法支持。");

    // Tuesday: a field post; six people about straw, two solved on the spot with an opinion
    Reception field = county.reception(TAIPING).theme("春耕服务").place("王庄村东地头")
        .startsAt(beijing(2029, 3, 6, 8, 0)).onDuty("deputy5", "deputy2").announcedBy("staff2").opened();
    field.groupVisit("deputy2", 6, "秸秆离田补贴怎么领");
    field.opinionTaken("deputy5", Reception.visitWithOpinion(2, "AGRICULTURE", "收割机进不了地，地头的排水沟需要临时垫平。",
        "联系村里当场用石板垫平了排水沟"));
    // the deputies' forum, a proposal of the station's head with G, rectification and a project
    forum();
    county.proposal("关于加快太平镇灌溉渠修缮的建议").reasons("联络站收集的群众意见反映，灌溉渠年久失修，影响春灌。")
        .content("建议县水利局安排专项资金，汛前完成渠道修缮。").category("IRRIGATION").coSigners("deputy2")
        .compiling(List.of(g.ticket())).submittedBy("deputy5").coSigned().acceptedByOffice();
    rectificationAndProject();

    // the water bureau's deadline passes for E and F: E is reassigned to the town, which answers at once;
    // F is urged and answered late
    e.overdue().reassignedTo(TOWN, "属镇政府职责，改派。").answered(ReplyResult.SOLVED).ratedBy(Rating.SATISFIED);
    f.overdue().urged("请两日内答复。").answered(ReplyResult.SOLVED).ratedBy(Rating.SATISFIED);
    // D's evaluation window ends unrated
    clockAt(beijing(2029, 3, 22, 9, 0));
    d.evaluationWindowEnds();
  }

  void forum() {
    Forum forum = county.forum(TAIPING, "春耕生产座谈会").sector("农业").startsAt(beijing(2029, 3, 9, 9, 30))
        .place("太平镇联络站").expert("李农艺师", "县农技站").calledBy("staff2");
    forum.everyoneInvitedAccepts().everyoneInvitedSignsIn();
    List<String> invited = forum.invited();
    for (int k = 0; k < 3; k++) {
      forum.suggestion(k == 0 ? "李农艺师" : invited.get(k % invited.size()), "春耕建议第" + (k + 1) + "条：统一供种、开展测土配方。",
          "AGRICULTURE", "RECORD");
    }
    forum.held();
  }

  void rectificationAndProject() {
    RectificationDrive drive = county.rectificationDrive("TP-TJ").named("春季农田水利整治").deadline("2029-12-31")
        .launchedBy("staff2");
    RectificationDrive.Task pumps = drive.task("排灌设施维修", WATER, "tp-hetan", "2029-06-30");
    List<RectificationDrive.Problem> problems = new ArrayList<>();
    for (int p = 0; p < 3; p++) {
      problems.add(pumps.problem("排灌站问题" + (p + 1)).source("HOME_VISIT", null).foundOn("2029-03-07")
          .responsible("周股长").deadline(p == 0 ? "2029-03-20" : "2029-06-30").listed());
    }
    // the last one is rectified, verified, fed back and crossed off
    problems.get(2).crossedOff();

    // a project supervised from March to June; its first milestone's inspection finds two problems
    RectificationDrive.Task projectTask = drive.task("高标准农田施工问题整改", WATER, "tp-hetan", "2029-12-31");
    String project = county.project("太平镇2029年高标准农田建设项目").code("TP-GBZ-TJ-" + System.nanoTime() % 1_000_000)
        .runs("2029-03-10", "2029-06-30").supervisedBy("deputy5").problemsTo(drive.code(), projectTask.taskNo())
        .registeredBy("staff2");
    clockAt(beijing(2029, 3, 10, 8, 0));
    county.runDueJobs(project);
    Map<String, Object> inspection = new LinkedHashMap<>();
    inspection.put("inspectedOn", "2029-03-10");
    inspection.put("findings", "已进场开工，施工围挡不全。");
    inspection.put("milestoneStatus", "PROBLEM");
    inspection.put("farmersVisited", 6);
    inspection.put("farmersSaid", "希望机耕路先修通。");
    inspection.put("problems", "施工便道占压排水沟\n土方未覆盖，扬尘大");
    county.as("deputy5").completes(project, ProjectProcess.Task.INSPECT, inspection);
  }
}
