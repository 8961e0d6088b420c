package cn.liaison.platform.reception;

import cn.liaison.platform.system.Enums;
import cn.liaison.platform.calendar.WorkingDayCalendar;
import cn.liaison.platform.deputy.Deputy;
import cn.liaison.platform.deputy.DeputyDirectory;
import cn.liaison.platform.identity.Deputies;
import cn.liaison.platform.identity.PlatformGroups;
import cn.liaison.platform.notification.Notifier;
import cn.liaison.platform.notification.Subject;
import cn.liaison.platform.opinion.Channel;
import cn.liaison.platform.opinion.Opinion;
import cn.liaison.platform.opinion.OpinionHandling;
import cn.liaison.platform.opinion.OpinionService;
import cn.liaison.platform.opinion.OpinionSubmission;
import cn.liaison.platform.opinion.Opinions;
import cn.liaison.platform.opinion.ReplyResult;
import cn.liaison.platform.reception.Reception.Flag;
import cn.liaison.platform.reception.Reception.FlagKind;
import cn.liaison.platform.reception.Reception.Kind;
import cn.liaison.platform.reception.Reception.Status;
import cn.liaison.platform.reception.Reception.Visit;
import cn.liaison.platform.reception.ReceptionProcess.Var;
import cn.liaison.platform.station.Station;
import cn.liaison.platform.station.Stations;
import cn.liaison.platform.system.ConflictException;
import cn.liaison.platform.system.InvalidInputException;
import cn.liaison.platform.system.NotFoundException;
import cn.liaison.platform.system.ProcessInstanceRef;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.Variables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reception sessions of mobile liaison stations (流动联络站): announce one with its deputies on duty, record visits
 * (an opinion taken there enters the opinion loop through {@link OpinionService#submit}, channel 流动接待), the figures
 * (visitors, opinions, solved) and the steps of process mobile-reception. Each call is one transaction with the
 * engine's work; input is checked whole first, so a refused request stores nothing.
 */
@Service
public class ReceptionService {

  private static final Logger log = LoggerFactory.getLogger(ReceptionService.class);
  static final String SUBJECT = "reception";
  static final int MAX_DEPUTIES = 20;
  static final int MAX_VISITORS = 500;
  static final int MAX_FLAGS = 20;
  static final Duration MAX_LENGTH = Duration.ofHours(24);
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy年M月d日");
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

  /** What station staff, an analyst or a deputy sends to announce a session (POST /api/receptions). */
  public record NewReceptionRequest(String stationCode, String kind, String theme, String place, String startsAt,
      String endsAt, List<String> deputiesOnDuty) {}

  /** The new number, and a warning when the session is announced later than the county asks. */
  public record Created(String receptionNo, String warning) {}

  /** The opinion a visitor gives (optional in a visit); contact data stays in the opinion's own row. */
  public record VisitOpinion(String category, String content, String place, String contactName, String contactPhone,
      Boolean consent) {}

  /** A visit recorded by a deputy on duty (POST /api/receptions/{no}/visits). */
  public record VisitRequest(Integer visitors, String topic, VisitOpinion opinion, Boolean solvedOnSpot,
      String solution) {}

  /**
   * The visit's id; for an opinion its ticket number and tracking key, to be told to the visitor once (they follow
   * and evaluate it with them, as with a submission of their own).
   */
  public record VisitRecorded(long visitId, String opinionTicketNo, String trackingKey) {}

  /** The figures of one session or of several: visitors (sum), opinions, solved on the spot, solved in all. */
  public record Figures(int receptions, int visits, int visitors, int opinions, int solvedOnSpot, int solved) {}

  public record DeputyOnDuty(String userId, String name) {}

  public record VisitView(long id, int visitors, String topic, boolean solvedOnSpot, String solution,
      String opinionTicketNo, String opinionStatus, String recordedBy, Instant recordedAt) {}

  public record FlagView(long id, String kind, String kindLabel, String description, boolean specialSupervision,
      String rectificationProblemNo) {}

  /** A session as staff and the deputies on duty see it (GET /api/receptions/{no}). */
  public record ReceptionView(String receptionNo, String stationCode, String stationName, String kind,
      String kindLabel, String theme, String place, Instant startsAt, Instant endsAt, String status,
      String statusLabel, List<DeputyOnDuty> deputiesOnDuty, int visits, int visitors, int opinions,
      int solvedOnSpot, int solved, List<VisitView> visitList, String summary, String townIssues,
      List<FlagView> flags) {}

  /** A session as the public sees it: no phones, no visits. */
  public record Announcement(String receptionNo, String kind, String kindLabel, String theme, String place,
      String date, String time, Instant startsAt, Instant endsAt, List<String> deputiesOnDuty, String status,
      String statusLabel) {}

  private final Receptions receptions;
  private final ReceptionNumbers numbers;
  private final ReceptionProperties properties;
  private final Stations stations;
  private final Deputies deputies;
  private final DeputyDirectory directory;
  private final OpinionService opinionService;
  private final OpinionHandling opinionHandling;
  private final Opinions opinions;
  private final RuntimeService runtime;
  private final Notifier notifier;
  private final WorkingDayCalendar calendar;
  private final Clock clock;
  private final ZoneId zone;

  ReceptionService(Receptions receptions, ReceptionNumbers numbers, ReceptionProperties properties, Stations stations,
      Deputies deputies, DeputyDirectory directory, OpinionService opinionService, OpinionHandling opinionHandling,
      Opinions opinions, RuntimeService runtime, Notifier notifier, WorkingDayCalendar calendar, Clock clock) {
    this.receptions = receptions;
    this.numbers = numbers;
    this.properties = properties;
    this.stations = stations;
    this.deputies = deputies;
    this.directory = directory;
    this.opinionService = opinionService;
    this.opinionHandling = opinionHandling;
    this.opinions = opinions;
    this.runtime = runtime;
    this.notifier = notifier;
    this.calendar = calendar;
    this.clock = clock;
    this.zone = calendar.zone();
  }

  /** The session; 404 for an unknown number. */
  public Reception require(String receptionNo) {
    return (receptionNo == null ? java.util.Optional.<Reception>empty() : receptions.findByNo(receptionNo.strip()))
        .orElseThrow(() -> new NotFoundException("接待不存在：" + abbreviate(String.valueOf(receptionNo))));
  }

  /** Whether the user is one of the session's deputies on duty. */
  public boolean onDuty(Reception r, String userId) {
    return receptions.onDuty(r.id(), userId);
  }

  /** Announces the session and starts its process (business key = the reception number). */
  @Transactional
  public Created create(NewReceptionRequest r, String createdBy) {
    Map<String, String> errors = new LinkedHashMap<>();
    Station station = null;
    if (blank(r.stationCode())) {
      errors.put("stationCode", "请选择联络站");
    } else {
      station = stations.findByCode(r.stationCode().strip()).filter(Station::active).orElse(null);
      if (station == null) {
        errors.put("stationCode", "联络站不存在或已停用");
      }
    }
    Kind kind = Enums.parse(Kind.class, r.kind());
    if (kind == null) {
      errors.put("kind", "请选择接待形式：FIELD_POST（田间值班点）、STALL（摆摊接待）、BENCH_MEETING（板凳会）、"
          + "HOME_VISIT（入户走访）或 VOTER_DAY（接待选民日）");
    }
    String theme = text(r.theme(), "theme", "请填写接待主题（如 三夏禁烧）", 100, errors);
    String place = text(r.place(), "place", "请填写接待地点", 100, errors);
    Instant startsAt = time(r.startsAt(), "startsAt", "开始时间", errors);
    Instant endsAt = time(r.endsAt(), "endsAt", "结束时间", errors);
    if (startsAt != null && !startsAt.isAfter(clock.instant())) {
      errors.put("startsAt", "开始时间应在将来");
    }
    if (startsAt != null && endsAt != null) {
      if (!endsAt.isAfter(startsAt)) {
        errors.put("endsAt", "结束时间应晚于开始时间");
      } else if (Duration.between(startsAt, endsAt).compareTo(MAX_LENGTH) > 0) {
        errors.put("endsAt", "一次接待不超过 24 小时；多天的接待请分次安排");
      }
    }
    List<String> onDuty = onDuty(r.deputiesOnDuty(), errors);
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }

    String receptionNo = numbers.next();
    Instant now = clock.instant();
    long id = receptions.insert(new Receptions.NewReception(receptionNo, station.code(), kind, theme, place, startsAt,
        endsAt, onDuty, createdBy), now);
    Instant summaryDue = calendar.deadline(endsAt, properties.summaryWorkingDays(), zone);
    var variables = Variables.createVariables()
        .putValue(Var.RECEPTION_ID, id)
        .putValue(Var.RECEPTION_NO, receptionNo)
        .putValue(Var.STATION_CODE, station.code())
        .putValue(Var.STATION_NAME, station.name())
        .putValue(Var.STATION_STAFF_GROUP, station.staffGroup())
        .putValue(Var.KIND_LABEL, kind.label())
        .putValue(Var.THEME, theme)
        .putValue(Var.PLACE, place)
        .putValue(Var.STARTS_AT, Date.from(startsAt))
        .putValue(Var.ENDS_AT, Date.from(endsAt))
        .putValue(Var.TIME_TEXT, timeText(startsAt, endsAt))
        .putValue(Var.SUMMARY_DUE, Date.from(summaryDue))
        .putValue(Var.DEPUTIES_ON_DUTY, new ArrayList<>(onDuty))
        .putValue(Var.FIELD_PAGE, "/field/receptions/" + receptionNo);
    String pi = runtime.createProcessInstanceByKey(ReceptionProcess.KEY).businessKey(receptionNo)
        .setVariables(variables).execute().getId();
    receptions.setProcessInstance(id, pi);
    for (String deputy : onDuty) {
      notifier.notifyUser(deputy, Subject.of(SUBJECT, id), "reception-on-duty:" + receptionNo + ":" + deputy,
          "流动接待值班", station.name() + "将于" + timeText(startsAt, endsAt) + "在" + place + "开展“" + theme + "”"
              + kind.label() + "（编号 " + receptionNo + "），请您值班接待。来访情况用手机在 /field/receptions/"
              + receptionNo + " 登记。");
    }
    String warning = null;
    Instant announceBy = startsAt.minus(Duration.ofDays(properties.announceDays()));
    if (now.isAfter(announceBy)) {
      warning = "距开始不足 " + properties.announceDays() + " 天：群众可能来不及看到公告，请另行通知到村（社区）。";
    }
    log.info("reception {} announced at station {} with {} deputies on duty", receptionNo, station.code(),
        onDuty.size());
    return new Created(receptionNo, warning);
  }

  /** A visit recorded by a deputy on duty (checked by the caller); an opinion enters the loop. */
  @Transactional
  public VisitRecorded recordVisit(String receptionNo, VisitRequest v, String deputy) {
    Reception r = require(receptionNo);
    Instant now = clock.instant();
    if (r.status() == Status.CLOSED) {
      throw new ConflictException("本次接待已小结，不能再登记来访。");
    }
    if (now.isBefore(r.startsAt())) {
      throw new ConflictException("接待尚未开始（定于 " + timeText(r.startsAt(), r.endsAt()) + "），开始后再登记来访。");
    }
    if (v == null) {
      throw new InvalidInputException("visitors", "请填写来访人数");
    }
    Map<String, String> errors = new LinkedHashMap<>();
    Integer visitors = v.visitors();
    if (visitors == null || visitors < 1) {
      errors.put("visitors", "来访人数至少为 1");
    } else if (visitors > MAX_VISITORS) {
      errors.put("visitors", "一次来访不超过 " + MAX_VISITORS + " 人；人数多时请分批登记");
    }
    VisitOpinion o = v.opinion();
    boolean hasOpinion = o != null && !(blank(o.category()) && blank(o.content()));
    // on the phone the opinion's content stands for the topic when none is written
    String topicText = blank(v.topic()) && hasOpinion && !blank(o.content()) ? firstWords(o.content().strip(), 60)
        : v.topic();
    String topic = text(topicText, "topic", "请填写反映的事项（简要）", 200, errors);
    boolean solved = Boolean.TRUE.equals(v.solvedOnSpot());
    String solution = blank(v.solution()) ? null : v.solution().strip();
    if (solved && solution == null) {
      errors.put("solution", "当场解决的，请填写解决办法");
    } else if (solution != null && solution.length() > 2000) {
      errors.put("solution", "解决办法不能超过 2000 个字");
    }
    if (solved && !hasOpinion) {
      errors.put("opinion.content", "当场解决的问题也请登记为意见（类别和内容），计入解决数，群众可以评价");
    }
    if (hasOpinion) {
      boolean contact = !blank(o.contactName()) || !blank(o.contactPhone());
      if (contact && !Boolean.TRUE.equals(o.consent())) {
        errors.put("opinion.consent", "留下群众的姓名或电话须经本人同意：请向群众说明用途并勾选“群众同意”");
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    String ticketNo = null;
    String trackingKey = null;
    if (hasOpinion) {
      boolean contact = !blank(o.contactName()) || !blank(o.contactPhone());
      String place = blank(o.place()) ? r.place() : o.place();
      try {
        var submitted = opinionService.submit(new OpinionSubmission(r.stationCode(), o.category(), o.content(),
            place, o.contactName(), o.contactPhone(), !contact, Boolean.TRUE.equals(o.consent()),
            Channel.MOBILE_RECEPTION, solved ? solution : null), deputy);
        ticketNo = submitted.ticketNo();
        trackingKey = submitted.trackingKey();
      } catch (InvalidInputException e) {
        Map<String, String> opinionErrors = new LinkedHashMap<>();
        e.errors().forEach((field, message) -> opinionErrors.put(
            "answeredOnSpot".equals(field) ? "solution" : "opinion." + field, message));
        throw new InvalidInputException(opinionErrors);
      }
      opinionHandling.recordOrigin(ticketNo, "来自流动接待 " + r.receptionNo(),
          r.kind().label() + "“" + r.theme() + "”，" + r.place() + "，值班代表 " + nameOf(deputy) + " 登记", deputy);
    }
    long id = receptions.addVisit(r.id(), new Receptions.NewVisit(visitors, topic, solved, solution, ticketNo, deputy),
        now);
    log.info("reception {}: visit {} recorded by {} ({} visitors{}{})", r.receptionNo(), id, deputy, visitors,
        ticketNo == null ? "" : ", opinion " + ticketNo, solved ? ", solved on the spot" : "");
    return new VisitRecorded(id, ticketNo, trackingKey);
  }

  @Transactional(readOnly = true)
  public ReceptionView view(String receptionNo) {
    return view(require(receptionNo));
  }

  /** The figures of the station's sessions (null: of every station). */
  @Transactional(readOnly = true)
  public Figures totals(String stationCode) {
    List<Reception> found = receptions.ofStation(stationCode, 10_000);
    int visits = 0;
    int visitors = 0;
    int opinionCount = 0;
    int onSpot = 0;
    int solved = 0;
    for (Reception r : found) {
      Figures f = figures(receptions.visits(r.id()));
      visits += f.visits();
      visitors += f.visitors();
      opinionCount += f.opinions();
      onSpot += f.solvedOnSpot();
      solved += f.solved();
    }
    return new Figures(found.size(), visits, visitors, opinionCount, onSpot, solved);
  }

  /** The station's sessions that have not ended yet, soonest first: what its public page announces. */
  @Transactional(readOnly = true)
  public List<Announcement> upcoming(String stationCode) {
    return receptions.upcoming(stationCode, clock.instant(), 50).stream().map(r -> new Announcement(r.receptionNo(),
        r.kind().name(), r.kind().label(), r.theme(), r.place(), DAY.format(r.startsAt().atZone(zone)),
        TIME.format(r.startsAt().atZone(zone)) + "–" + TIME.format(r.endsAt().atZone(zone)), r.startsAt(),
        r.endsAt(), receptions.deputies(r.id()).stream().map(this::nameOf).toList(), statusNow(r).name(),
        statusNow(r).label())).toList();
  }

  /**
   * The sessions the deputy is on duty for, not yet summarized and not ended more than three days ago (visits may
   * be written up until the summary), soonest first: the phone's list.
   */
  @Transactional(readOnly = true)
  public List<Reception> dutiesOf(String deputy) {
    return receptions.dutiesOf(deputy, clock.instant().minus(Duration.ofDays(3)), 50);
  }

  /**
   * The hook for the rectification lists (一网四制): a flag of the session's summary (安全隐患, 信访苗头), found by the
   * session's number and the flag's id together, so an id of another session's flag is not found (404).
   */
  @Transactional(readOnly = true)
  public Flag flag(String receptionNo, long flagId) {
    Reception r = require(receptionNo);
    return receptions.flags(r.id()).stream().filter(f -> f.id() == flagId).findFirst()
        .orElseThrow(() -> new NotFoundException("接待 " + r.receptionNo() + " 的小结中没有这一条：" + flagId));
  }

  /**
   * A rectification problem was raised from the flag: the flag points back at it (linked both ways). Idempotent for
   * the same problem; a flag already raised as another problem is a conflict (409).
   */
  @Transactional
  public void rectificationProblemRaised(String receptionNo, long flagId, String problemNo) {
    Reception r = require(receptionNo);
    flag(receptionNo, flagId);
    if (blank(problemNo) || !receptions.linkProblem(r.id(), flagId, problemNo.strip())) {
      throw new ConflictException("这一条已经立为整改问题，不能重复立项。");
    }
  }

  // --- steps of process mobile-reception, found by the process instance's business key ------------------------

  /** 接待开始: the session is open for visits. */
  public void sessionOpens(ProcessInstanceRef ref) {
    Reception r = receptionOf(ref);
    receptions.move(r.id(), Status.ANNOUNCED, Status.IN_SESSION);
  }

  /** 接待结束 (its end time, or a deputy on duty ended it): the summary is next. */
  public void sessionEnds(ProcessInstanceRef ref) {
    Reception r = receptionOf(ref);
    if (!receptions.move(r.id(), Status.IN_SESSION, Status.HELD)) {
      receptions.move(r.id(), Status.ANNOUNCED, Status.HELD);
    }
  }

  /** What the card of 接待小结 shows: the session's figures so far. */
  public String figuresText(ProcessInstanceRef ref) {
    Figures f = figures(receptions.visits(receptionOf(ref).id()));
    return "来访 " + f.visits() + " 批 " + f.visitors() + " 人次，收集意见 " + f.opinions() + " 条，当场解决 "
        + f.solvedOnSpot() + " 件，已解决 " + f.solved() + " 件";
  }

  /** 接待小结 (checked by ReceptionTaskRules): the summary, the town's issues and the flags for 专项督办. */
  public void summarize(ProcessInstanceRef ref, String summary, String townIssues, String safetyHazards,
      String petitionSigns, String by) {
    Reception r = receptionOf(ref);
    Instant now = clock.instant();
    if (!receptions.summarized(r.id(), summary.strip(), blank(townIssues) ? null : townIssues.strip(), by, now)) {
      throw new ProcessEngineException("接待 " + r.receptionNo() + " 不在待小结状态，已拒绝重复小结");
    }
    List<String> hazards = lines(safetyHazards);
    List<String> signs = lines(petitionSigns);
    hazards.forEach(h -> receptions.addFlag(r.id(), FlagKind.SAFETY_HAZARD, h, now));
    signs.forEach(s -> receptions.addFlag(r.id(), FlagKind.PETITION_SIGN, s, now));
    if (!hazards.isEmpty() || !signs.isEmpty()) {
      String station = stations.findByCode(r.stationCode()).map(Station::name).orElse(r.stationCode());
      notifier.notifyGroup(PlatformGroups.SUPERVISORS, Subject.of(SUBJECT, r.id()),
          "reception-flags:" + r.receptionNo(), "流动接待发现问题，请专项督办",
          station + "“" + r.theme() + "”接待（编号 " + r.receptionNo() + "）发现安全隐患 " + hazards.size()
              + " 条、信访苗头 " + signs.size() + " 条，请专项督办。");
    }
    log.info("reception {} summarized by {}: {} safety hazards, {} petition signs flagged", r.receptionNo(), by,
        hazards.size(), signs.size());
  }

  /** The lines of a text area, each a flagged matter; blank lines left out. */
  static List<String> lines(String text) {
    if (blank(text)) {
      return List.of();
    }
    return text.lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  private Reception receptionOf(ProcessInstanceRef ref) {
    ref.require(ReceptionProcess.KEY, "接待");
    Reception r = receptions.findByNo(ref.businessKey()).orElseThrow(() -> ref.mismatch("接待"));
    if (r.processInstanceId() != null && !r.processInstanceId().equals(ref.processInstanceId())) {
      throw ref.mismatch("接待");
    }
    return r;
  }

  private ReceptionView view(Reception r) {
    List<Visit> visits = receptions.visits(r.id());
    Figures f = figures(visits);
    String stationName = stations.findByCode(r.stationCode()).map(Station::name).orElse(r.stationCode());
    List<VisitView> visitViews = visits.stream().map(v -> new VisitView(v.id(), v.visitors(), v.topic(),
        v.solvedOnSpot(), v.solution(), v.opinionTicketNo(), v.opinionTicketNo() == null ? null
            : opinions.findByTicket(v.opinionTicketNo()).map(o -> o.status().label()).orElse(null),
        v.recordedBy(), v.recordedAt())).toList();
    List<FlagView> flags = receptions.flags(r.id()).stream().map(ReceptionService::flagView).toList();
    return new ReceptionView(r.receptionNo(), r.stationCode(), stationName, r.kind().name(), r.kind().label(),
        r.theme(), r.place(), r.startsAt(), r.endsAt(), statusNow(r).name(), statusNow(r).label(),
        receptions.deputies(r.id()).stream().map(d -> new DeputyOnDuty(d, nameOf(d))).toList(), f.visits(),
        f.visitors(), f.opinions(), f.solvedOnSpot(), f.solved(), visitViews, r.summary(), r.townIssues(), flags);
  }

  /**
   * The status as people should read it: a session whose start time has come is 接待中 even before the start timer's
   * job has run (visits are accepted from the start time on).
   */
  private Status statusNow(Reception r) {
    Instant now = clock.instant();
    return r.status() == Status.ANNOUNCED && !now.isBefore(r.startsAt()) && now.isBefore(r.endsAt())
        ? Status.IN_SESSION : r.status();
  }

  private static FlagView flagView(Flag flag) {
    return new FlagView(flag.id(), flag.kind().name(), flag.kind().label(), flag.description(),
        flag.specialSupervision(), flag.rectificationProblemNo());
  }

  /**
   * The figures of a session's visits. solved: its opinions solved on the spot, or later through the loop with the
   * result 已解决 (the latest reply's result, as the opinion records it).
   */
  private Figures figures(List<Visit> visits) {
    int visitors = 0;
    int opinionCount = 0;
    int onSpot = 0;
    int solved = 0;
    for (Visit v : visits) {
      visitors += v.visitors();
      if (v.opinionTicketNo() != null) {
        opinionCount++;
        if (v.solvedOnSpot()) {
          onSpot++;
          solved++;
        } else if (opinions.findByTicket(v.opinionTicketNo()).map(Opinion::outcome)
            .filter(ReplyResult.SOLVED.name()::equals).isPresent()) {
          solved++;
        }
      }
    }
    return new Figures(visits.isEmpty() ? 0 : 1, visits.size(), visitors, opinionCount, onSpot, solved);
  }

  private List<String> onDuty(List<String> requested, Map<String, String> errors) {
    if (requested == null || requested.isEmpty()) {
      errors.put("deputiesOnDuty", "请选择值班代表（用户名）");
      return new ArrayList<>();
    }
    if (requested.size() > MAX_DEPUTIES) {
      errors.put("deputiesOnDuty", "一次接待最多安排 " + MAX_DEPUTIES + " 名值班代表");
      return new ArrayList<>();
    }
    return deputies.checked(requested, "deputiesOnDuty", errors);
  }

  private String timeText(Instant startsAt, Instant endsAt) {
    return DAY.format(startsAt.atZone(zone)) + " " + TIME.format(startsAt.atZone(zone)) + "–"
        + TIME.format(endsAt.atZone(zone));
  }

  private String nameOf(String userId) {
    return directory.find(userId).map(Deputy::name).orElse(userId);
  }

  private Instant time(String value, String field, String label, Map<String, String> errors) {
    if (blank(value)) {
      errors.put(field, "请填写" + label + "，例如 2027-06-05T08:00:00+08:00");
      return null;
    }
    try {
      return OffsetDateTime.parse(value.strip()).toInstant();
    } catch (DateTimeParseException e) {
      try {
        return LocalDateTime.parse(value.strip()).atZone(zone).toInstant();
      } catch (DateTimeParseException again) {
        errors.put(field, label + "的格式应为 年-月-日T时:分，例如 2027-06-05T08:00:00+08:00");
        return null;
      }
    }
  }

  private static String text(String value, String field, String missing, int max, Map<String, String> errors) {
    if (blank(value)) {
      errors.put(field, missing);
      return null;
    }
    String s = value.strip();
    if (s.length() > max) {
      errors.put(field, "不能超过 " + max + " 个字");
      return null;
    }
    return s;
  }

  private static String firstWords(String s, int max) {
    return s.codePointCount(0, s.length()) <= max ? s : s.substring(0, s.offsetByCodePoints(0, max)) + "…";
  }

  private static String abbreviate(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "…" : s;
  }

  static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
