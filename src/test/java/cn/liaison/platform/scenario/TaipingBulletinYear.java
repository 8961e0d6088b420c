package cn.liaison.platform.scenario;

import static cn.liaison.platform.scenario.CountyScenario.AGRICULTURE;
import static cn.liaison.platform.scenario.CountyScenario.HOUSING;
import static cn.liaison.platform.scenario.CountyScenario.NATURAL_RESOURCES;
import static cn.liaison.platform.scenario.CountyScenario.TAIPING;
import static cn.liaison.platform.scenario.CountyScenario.TOWN;
import static cn.liaison.platform.scenario.CountyScenario.WATER;
import static cn.liaison.platform.scenario.CountyScenario.beijing;
import static cn.liaison.platform.scenario.CountyScenario.clockAt;

import cn.liaison.platform.opinion.Rating;
import cn.liaison.platform.opinion.ReplyResult;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationContext;

/**
 * The seed bulletin's 太平镇 article as it happens in 2030, a year no other test writes to at 太平镇: the station's
 * deputies receive 147 visitors with 73 opinions in three sessions — a field post at the burning checkpoint (30
 * opinions, 22 solved there, a group of 30), a street stall (25, 18 solved, 25 passers-by), a bench meeting (18, none
 * solved there, 19 more villagers) — and 13 of the bench meeting's opinions go through the loop to the water bureau, 11
 * solved (and rated) and 2 partly solved: 51 problems solved. Then the staff list 22 rectification tasks with 57
 * problems for the town's departments in the deputies' grids, and 52 of them are crossed off (一网四制).
 *
 * <p>Built once per Spring context, by whichever test needs it first (the reception figures, the rectification
 * ledger, the bulletin): it takes half a minute. Afterwards the clock stands at {@link #DRIVE_LAUNCHED}.
 */
public final class TaipingBulletinYear {

  /** The receptions are announced on 2030-05-20 for the 24th, 25th and 26th (three sessions, one a day). */
  public static final ZonedDateTime ANNOUNCED = beijing(2030, 5, 20, 9, 0);
  /** The rectification drive is launched on 2030-07-05; its first two tasks' problems are due on 2030-07-20. */
  public static final ZonedDateTime DRIVE_LAUNCHED = beijing(2030, 7, 5, 9, 0);

  /** Departments (in turn) and grids (in turn) of the drive's tasks. */
  static final List<String> UNITS = List.of(WATER, AGRICULTURE, TOWN, HOUSING, NATURAL_RESOURCES);
  static final List<String> GRIDS = List.of("tp-taiping", "tp-dongzhuang", "tp-xizhuang", "tp-nanjie", "tp-beijie",
      "tp-hetan");

  private static final Map<ApplicationContext, TaipingBulletinYear> BUILT = new IdentityHashMap<>();
  /** Contexts where building it failed: half a year is not built twice (its figures would count double). */
  private static final Map<ApplicationContext, Boolean> FAILED = new IdentityHashMap<>();

  private final CountyScenario county;
  private Reception fieldPost;
  private Reception stall;
  private Reception bench;
  private JsonNode receptionFiguresBefore;
  private JsonNode receptionFiguresAfter;
  private RectificationDrive drive;
  private final List<RectificationDrive.Problem> problems = new ArrayList<>();

  private TaipingBulletinYear(CountyScenario county) {
    this.county = county;
  }

  /** 太平镇's 2030 in the county's platform, built now if it is not there yet; the clock at DRIVE_LAUNCHED. */
  public static synchronized TaipingBulletinYear in(CountyScenario county) {
    ApplicationContext context = county.context();
    TaipingBulletinYear year = BUILT.get(context);
    if (year == null) {
      if (FAILED.containsKey(context)) {
        throw new AssertionError("太平镇 2030 could not be built (see the first test that failed)");
      }
      FAILED.put(context, true);
      year = new TaipingBulletinYear(CountyScenario.in(context));
      year.receive147VisitorsWith73OpinionsAnd51Solved();
      year.list22TasksWith57ProblemsAndCrossOff52();
      FAILED.remove(context);
      BUILT.put(context, year);
    }
    clockAt(DRIVE_LAUNCHED);
    return year;
  }

  /** The three sessions: field post, street stall, bench meeting. */
  public List<Reception> receptions() {
    return List.of(fieldPost, stall, bench);
  }

  public Reception fieldPost() {
    return fieldPost;
  }

  public Reception bench() {
    return bench;
  }

  /** GET /api/receptions/figures of 太平镇 (all time) just before the sessions were announced, and after. */
  public JsonNode receptionFiguresBefore() {
    return receptionFiguresBefore;
  }

  public JsonNode receptionFiguresAfter() {
    return receptionFiguresAfter;
  }

  /** The drive with the 22 tasks and 57 problems; the first five problems (of the first two tasks) stay open. */
  public RectificationDrive drive() {
    return drive;
  }

  void receive147VisitorsWith73OpinionsAnd51Solved() {
    clockAt(ANNOUNCED);
    String figures = "/api/receptions/figures?station=" + TAIPING;
    receptionFiguresBefore = county.as("staff2").read(figures);
    ZonedDateTime day = ANNOUNCED.plusDays(4);
    fieldPost = county.reception(TAIPING).startsAt(day).onDuty("deputy5", "deputy2").announcedBy("staff2");
    stall = county.reception(TAIPING).startsAt(day.plusDays(1)).onDuty("deputy2").announcedBy("staff2");
    bench = county.reception(TAIPING).startsAt(day.plusDays(2)).onDuty("deputy5").announcedBy("staff2");
    String policyQuestions = "政策咨询：秸秆还田补贴";
    fieldPost.opened().opinionsTaken("deputy5", 30, 22);
    fieldPost.groupVisit("deputy5", 30, policyQuestions);
    stall.opened().opinionsTaken("deputy2", 25, 18);
    stall.groupVisit("deputy2", 25, policyQuestions);
    List<OpinionInLoop> benchOpinions = bench.opened().opinionsTaken("deputy5", 18, 0);
    bench.groupVisit("deputy5", 19, policyQuestions);
    for (int i = 0; i < 13; i++) {
      OpinionInLoop opinion = benchOpinions.get(i).routedTo(WATER);
      if (i < 11) {
        opinion.answered(ReplyResult.SOLVED).ratedBy(Rating.SATISFIED);
      } else {
        opinion.answered(ReplyResult.PARTLY_SOLVED);
      }
    }
    receptionFiguresAfter = county.as("staff2").read(figures);
  }

  void list22TasksWith57ProblemsAndCrossOff52() {
    clockAt(DRIVE_LAUNCHED);
    drive = county.rectificationDrive("TP-ZZ").deadline("2030-12-31").launchedBy("staff2");
    // 22 tasks; the first 13 have three problems, the others two: 57 in all
    for (int t = 0; t < 22; t++) {
      RectificationDrive.Task task = drive.task("整改任务" + (t + 1) + "：" + (t % 2 == 0 ? "惠农补贴发放公开" : "村集体资产管理"),
          UNITS.get(t % UNITS.size()), GRIDS.get(t % GRIDS.size()), "2030-08-31");
      for (int p = 0; p < (t < 13 ? 3 : 2); p++) {
        problems.add(task.problem("第" + (t + 1) + "项任务的第" + (p + 1) + "个问题：群众反映的具体情况")
            .source(p == 0 ? "RECEPTION" : p == 1 ? "HOME_VISIT" : "INSPECTION",
                "JD2030-" + String.format("%04d", t + 1))
            .foundOn("2030-07-0" + (1 + p)).responsible("责任人" + (t + 1)).deadline(t < 2 ? "2030-07-20" : "2030-08-31")
            .listed());
      }
    }
    // the first five stay open, all others go the whole way: 整改 → 核验 → 反馈 → 销号
    problems.subList(5, problems.size()).forEach(RectificationDrive.Problem::crossedOff);
  }

  /** The problems listed, in order (57). */
  public List<RectificationDrive.Problem> problems() {
    return List.copyOf(problems);
  }
}
