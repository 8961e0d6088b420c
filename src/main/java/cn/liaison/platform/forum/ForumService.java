package cn.liaison.platform.forum;

import cn.liaison.platform.system.Enums;
import cn.liaison.platform.calendar.WorkingDayCalendar;
import cn.liaison.platform.department.Department;
import cn.liaison.platform.department.Departments;
import cn.liaison.platform.deputy.Deputy;
import cn.liaison.platform.deputy.DeputyDirectory;
import cn.liaison.platform.forum.Forum.Disposition;
import cn.liaison.platform.forum.Forum.Expert;
import cn.liaison.platform.forum.Forum.Invitation;
import cn.liaison.platform.forum.Forum.ProposerKind;
import cn.liaison.platform.forum.Forum.Reply;
import cn.liaison.platform.forum.Forum.Suggestion;
import cn.liaison.platform.forum.Forum.SuggestionStatus;
import cn.liaison.platform.forum.ForumProcess.Attendance;
import cn.liaison.platform.forum.ForumProcess.Var;
import cn.liaison.platform.identity.Deputies;
import cn.liaison.platform.notification.Notifier;
import cn.liaison.platform.notification.Subject;
import cn.liaison.platform.opinion.Categories;
import cn.liaison.platform.opinion.Channel;
import cn.liaison.platform.opinion.OpinionService;
import cn.liaison.platform.opinion.OpinionSubmission;
import cn.liaison.platform.station.Station;
import cn.liaison.platform.station.Stations;
import cn.liaison.platform.system.ConflictException;
import cn.liaison.platform.system.InvalidInputException;
import cn.liaison.platform.system.NotFoundException;
import cn.liaison.platform.system.ProcessInstanceRef;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.Variables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Industry forums (产业代表座谈会): schedule one with its invitations, sign deputies in, take suggestions (into the
 * opinion loop, as proposal candidates, or into the minutes only), and the steps of process industry-forum. Each call
 * is one transaction with the engine's work; input is checked whole first, so a refused request stores nothing.
 */
@Service
public class ForumService {

  private static final Logger log = LoggerFactory.getLogger(ForumService.class);
  static final String SUBJECT = "forum";
  static final int MAX_DEPUTIES = 100;
  static final int MAX_EXPERTS = 30;
  private static final DateTimeFormatter TEXT = DateTimeFormatter.ofPattern("yyyy年M月d日 HH:mm");

  /** What station staff or an analyst sends to schedule a forum (POST /api/forums). */
  public record NewForumRequest(String stationCode, String topic, String sector, String startsAt, String place,
      List<String> invitedDeputies, List<ExpertEntry> experts, List<String> departments) {}

  public record ExpertEntry(String name, String organisation) {}

  /** A suggestion made at the forum (POST /api/forums/{no}/suggestions). */
  public record SuggestionRequest(String proposer, String content, String category, String disposition) {}

  public record SuggestionAdded(long id, String disposition, String status, String opinionTicketNo) {}

  public record InvitationView(String deputy, String name, String reply, String replyLabel, String declineReason,
      boolean attended) {}

  public record SuggestionView(long id, String proposerKind, String proposer, String category, String categoryName,
      String content, String disposition, String dispositionLabel, String status, String statusLabel,
      String opinionTicketNo, String proposalNo) {}

  /** A forum as staff see it; participationRate = attended ÷ invited deputies (0–1). */
  public record ForumView(String forumNo, String stationCode, String stationName, String topic, String sector,
      Instant startsAt, String place, String status, String statusLabel, int invited, int attended,
      double participationRate, List<InvitationView> invitations, List<Expert> experts, List<String> departments,
      List<SuggestionView> suggestions, String minutes) {}

  public record ForumSummary(String forumNo, String stationCode, String topic, String sector, Instant startsAt,
      String place, String status, String statusLabel, int invited, int attended, double participationRate,
      int suggestions) {}

  private final Forums forums;
  private final ForumNumbers numbers;
  private final Stations stations;
  private final Deputies deputies;
  private final DeputyDirectory directory;
  private final Departments departments;
  private final Categories categories;
  private final OpinionService opinions;
  private final RuntimeService runtime;
  private final Notifier notifier;
  private final Clock clock;
  private final ZoneId zone;

  ForumService(Forums forums, ForumNumbers numbers, Stations stations, Deputies deputies, DeputyDirectory directory,
      Departments departments, Categories categories, OpinionService opinions, RuntimeService runtime,
      Notifier notifier, Clock clock, WorkingDayCalendar calendar) {
    this.forums = forums;
    this.numbers = numbers;
    this.stations = stations;
    this.deputies = deputies;
    this.directory = directory;
    this.departments = departments;
    this.categories = categories;
    this.opinions = opinions;
    this.runtime = runtime;
    this.notifier = notifier;
    this.clock = clock;
    this.zone = calendar.zone();
  }

  /** The forum; 404 for an unknown number. */
  public Forum require(String forumNo) {
    return (forumNo == null ? java.util.Optional.<Forum>empty() : forums.findByNo(forumNo))
        .orElseThrow(() -> new NotFoundException("座谈会不存在：" + forumNo));
  }

  /** Schedules the forum and starts its process (business key = the forum number). */
  @Transactional
  public String create(NewForumRequest r, String createdBy) {
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
    String topic = text(r.topic(), "topic", "请填写座谈会主题", 100, errors);
    String sector = text(r.sector(), "sector", "请填写产业领域（如 防腐、起重）", 50, errors);
    String place = text(r.place(), "place", "请填写座谈会地点", 100, errors);
    Instant startsAt = startsAt(r.startsAt(), errors);
    List<String> invited = invited(r.invitedDeputies(), station, errors);
    List<Expert> experts = experts(r.experts(), errors);
    List<Department> depts = departments(r.departments(), errors);
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }

    String forumNo = numbers.next();
    Instant now = clock.instant();
    long id = forums.insert(new Forums.NewForum(forumNo, station.code(), topic, sector, startsAt, place, invited,
        experts, depts.stream().map(Department::code).toList(), createdBy), now);
    var variables = Variables.createVariables()
        .putValue(Var.FORUM_ID, id)
        .putValue(Var.FORUM_NO, forumNo)
        .putValue(Var.STATION_CODE, station.code())
        .putValue(Var.STATION_NAME, station.name())
        .putValue(Var.STATION_STAFF_GROUP, station.staffGroup())
        .putValue(Var.TOPIC, topic)
        .putValue(Var.SECTOR, sector)
        .putValue(Var.PLACE, place)
        .putValue(Var.STARTS_AT, Date.from(startsAt))
        .putValue(Var.STARTS_AT_TEXT, TEXT.format(startsAt.atZone(zone)))
        .putValue(Var.REMINDER_AT, Date.from(startsAt.minus(Duration.ofDays(1))))
        .putValue(Var.INVITED_DEPUTIES, new ArrayList<>(invited));
    String pi = runtime.createProcessInstanceByKey(ForumProcess.KEY).businessKey(forumNo).setVariables(variables)
        .execute().getId();
    forums.setProcessInstance(id, pi);
    for (Department d : depts) {
      notifier.notifyGroup(d.groupId(), Subject.of(SUBJECT, id), "forum-invited:" + forumNo + ":" + d.code(),
          "座谈会邀请", station.name() + "将于" + TEXT.format(startsAt.atZone(zone)) + "在" + place + "召开“" + topic
              + "”产业代表座谈会（编号 " + forumNo + "），请派员参加。");
    }
    log.info("forum {} scheduled at station {} with {} deputies invited", forumNo, station.code(), invited.size());
    return forumNo;
  }

  /** Signs invited deputies in on the day (idempotent); the forum's own station's staff only (checked by the caller). */
  @Transactional
  public ForumView signIn(String forumNo, List<String> deputyIds) {
    Forum f = require(forumNo);
    requireDayReached(f, "座谈会当天才能签到");
    if (f.status() == Forum.Status.RECORDED) {
      throw new ConflictException("座谈会记录已完成，不能再签到；请联系工作人员更正记录。");
    }
    Set<String> invited = forums.invitations(f.id()).stream().map(Invitation::deputyUserId).collect(Collectors.toSet());
    Map<String, String> errors = new LinkedHashMap<>();
    if (deputyIds == null || deputyIds.isEmpty()) {
      errors.put("deputies", "请选择签到的代表");
    } else {
      for (int i = 0; i < deputyIds.size(); i++) {
        String d = deputyIds.get(i);
        if (d == null || !invited.contains(d.strip())) {
          errors.put("deputies[" + i + "]", "代表 " + (d == null ? "" : abbreviate(d)) + " 未受邀参加本次座谈会");
        }
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    Instant now = clock.instant();
    deputyIds.stream().map(String::strip).distinct().forEach(d -> forums.signIn(f.id(), d, now));
    if (f.status() == Forum.Status.HELD && f.processInstanceId() != null) {
      // 记录座谈会 is open: its checklist starts from the deputies signed in so far
      runtime.setVariable(f.processInstanceId(), Var.ATTENDEES, signedIn(f));
    }
    return view(f);
  }

  /** A suggestion made at the forum, handled by its disposition. */
  @Transactional
  public SuggestionAdded addSuggestion(String forumNo, SuggestionRequest r, String staffUser) {
    Forum f = require(forumNo);
    requireDayReached(f, "座谈会尚未召开，不能登记建议");
    Map<String, String> errors = new LinkedHashMap<>();
    String proposer = blank(r.proposer()) ? null : r.proposer().strip();
    ProposerKind kind = null;
    if (proposer == null) {
      errors.put("proposer", "请填写提出人：受邀代表的用户名或专家姓名");
    } else if (forums.invitations(f.id()).stream().anyMatch(i -> i.deputyUserId().equals(proposer))) {
      kind = ProposerKind.DEPUTY;
    } else if (forums.experts(f.id()).stream().anyMatch(e -> e.name().equals(proposer))) {
      kind = ProposerKind.EXPERT;
    } else {
      errors.put("proposer", "提出人应为本次座谈会邀请的代表（用户名）或专家（姓名）");
    }
    String content = blank(r.content()) ? null : r.content().strip();
    if (content == null || content.codePointCount(0, content.length()) < 10) {
      errors.put("content", "请填写建议内容，至少 10 个字");
    } else if (content.codePointCount(0, content.length()) > 2000) {
      errors.put("content", "建议内容不能超过 2000 个字");
    }
    String category = blank(r.category()) ? null : r.category().strip();
    if (category == null) {
      errors.put("category", "请选择类别");
    } else if (categories.find(category).isEmpty()) {
      errors.put("category", "类别不正确");
    }
    Disposition disposition = Enums.parse(Disposition.class, r.disposition());
    if (disposition == null) {
      errors.put("disposition", "请选择处理方式：OPINION（转入意见建议闭环）、PROPOSAL（作为代表建议素材）或 RECORD（仅记入纪要）");
    } else if (disposition == Disposition.PROPOSAL && kind == ProposerKind.EXPERT) {
      errors.put("disposition", "代表建议须由代表提出：专家的建议请选择 OPINION 或 RECORD");
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    Instant now = clock.instant();
    String ticketNo = null;
    SuggestionStatus status = switch (disposition) {
      case OPINION -> SuggestionStatus.IN_OPINION_LOOP;
      case PROPOSAL -> SuggestionStatus.PROPOSAL_CANDIDATE;
      case RECORD -> SuggestionStatus.RECORDED;
    };
    if (disposition == Disposition.OPINION) {
      // the opinion service's own submission path: numbered and started like any opinion, channel 座谈会; no
      // contact (the proposer is named in the forum's record only)
      ticketNo = opinions.submit(new OpinionSubmission(f.stationCode(), category, content, f.place(), null, null,
          true, false, Channel.FORUM), staffUser).ticketNo();
    }
    long id = forums.addSuggestion(f.id(), kind, proposer, category, content, disposition, status, ticketNo,
        staffUser, now);
    log.info("forum {}: suggestion {} recorded as {}{}", forumNo, id, disposition,
        ticketNo == null ? "" : " (opinion " + ticketNo + ")");
    return new SuggestionAdded(id, disposition.name(), status.name(), ticketNo);
  }

  @Transactional(readOnly = true)
  public ForumView view(String forumNo) {
    return view(require(forumNo));
  }

  /** The forums of the stations (null: of every station), newest first. */
  @Transactional(readOnly = true)
  public List<ForumSummary> list(Collection<String> stationCodes) {
    List<Forum> found = stationCodes == null ? forums.all(200) : forums.ofStations(stationCodes, 200);
    return found.stream().map(f -> {
      List<Invitation> invitations = forums.invitations(f.id());
      int attended = (int) invitations.stream().filter(Invitation::attended).count();
      return new ForumSummary(f.forumNo(), f.stationCode(), f.topic(), f.sector(), f.startsAt(), f.place(),
          f.status().name(), f.status().label(), invitations.size(), attended, rate(attended, invitations.size()),
          forums.suggestions(f.id()).size());
    }).toList();
  }

  // --- steps of process industry-forum, found by the process instance's business key --------------------------

  /** 答复座谈会邀请 completed by the deputy the task is assigned to. */
  public void invitationReplied(ProcessInstanceRef ref, String deputy, Attendance attendance, String declineReason) {
    Forum f = forumOf(ref);
    String reason = attendance == Attendance.DECLINE && declineReason != null ? declineReason.strip() : null;
    if (!forums.reply(f.id(), deputy, Reply.valueOf(attendance.name()), reason, clock.instant())) {
      throw new ProcessEngineException("代表 " + deputy + " 没有待答复的座谈会邀请（" + f.forumNo() + "）");
    }
  }

  /** A day before the forum: the deputies not yet answered, and those coming, are reminded (once each). */
  public void remindInvitees(ProcessInstanceRef ref) {
    Forum f = forumOf(ref);
    for (Invitation i : forums.invitations(f.id())) {
      if (i.reply() == null || i.reply() == Reply.ATTEND) {
        String ask = i.reply() == null ? "请在任务列表“座谈会邀请”中答复是否参加。" : "请准时参加。";
        notifier.notifyUser(i.deputyUserId(), Subject.of(SUBJECT, f.id()),
            "forum-reminder:" + f.forumNo() + ":" + i.deputyUserId(), "座谈会提醒",
            "您受邀参加的“" + f.topic() + "”产业代表座谈会将于" + TEXT.format(f.startsAt().atZone(zone)) + "在"
                + f.place() + "召开（编号 " + f.forumNo() + "）。" + ask);
      }
    }
  }

  /** The forum begins: invitations still open lapse as 未答复. */
  public void forumBegins(ProcessInstanceRef ref) {
    forums.held(forumOf(ref).id());
  }

  /** The invited deputies as checklist options ({label, value}) of 记录座谈会. */
  public Object attendeeOptions(ProcessInstanceRef ref) {
    List<Map<String, String>> options = new ArrayList<>();
    for (Invitation i : forums.invitations(forumOf(ref).id())) {
      options.add(Map.of("label", nameOf(i.deputyUserId()) + "（" + i.deputyUserId() + "）", "value", i.deputyUserId()));
    }
    return org.camunda.spin.Spin.JSON(options);
  }

  /** The deputies signed in so far: the checklist's starting value. */
  public Object signedIn(ProcessInstanceRef ref) {
    return signedIn(forumOf(ref));
  }

  private Object signedIn(Forum f) {
    return org.camunda.spin.Spin.JSON(forums.invitations(f.id()).stream().filter(Invitation::attended)
        .map(Invitation::deputyUserId).toList());
  }

  /** 记录座谈会: who attended (invited deputies only, checked by ForumTaskRules) and the minutes. */
  public void recordForum(ProcessInstanceRef ref, List<String> attendees, String minutes) {
    Forum f = forumOf(ref);
    Set<String> invited = forums.invitations(f.id()).stream().map(Invitation::deputyUserId).collect(Collectors.toSet());
    Set<String> present = new LinkedHashSet<>(attendees);
    if (!invited.containsAll(present)) {
      throw new ProcessEngineException("到会代表须为受邀代表（" + f.forumNo() + "）");
    }
    forums.recorded(f.id(), present, minutes.strip(), clock.instant());
  }

  /** Whether the users are all invited to the forum (for the task rules). */
  boolean allInvited(String forumNo, Collection<String> users) {
    Forum f = forums.findByNo(forumNo).orElse(null);
    if (f == null) {
      return false;
    }
    Set<String> invited = forums.invitations(f.id()).stream().map(Invitation::deputyUserId).collect(Collectors.toSet());
    return invited.containsAll(users);
  }

  private Forum forumOf(ProcessInstanceRef ref) {
    ref.require(ForumProcess.KEY, "座谈会");
    Forum f = forums.findByNo(ref.businessKey()).orElseThrow(() -> ref.mismatch("座谈会"));
    if (f.processInstanceId() != null && !f.processInstanceId().equals(ref.processInstanceId())) {
      throw ref.mismatch("座谈会");
    }
    return f;
  }

  private ForumView view(Forum f) {
    List<Invitation> invitations = forums.invitations(f.id());
    int attended = (int) invitations.stream().filter(Invitation::attended).count();
    String stationName = stations.findByCode(f.stationCode()).map(Station::name).orElse(f.stationCode());
    List<InvitationView> invitationViews = invitations.stream().map(i -> new InvitationView(i.deputyUserId(),
        nameOf(i.deputyUserId()), i.reply() == null ? null : i.reply().name(),
        i.reply() == null ? "待答复" : i.reply().label(), i.declineReason(), i.attended())).toList();
    List<SuggestionView> suggestions = forums.suggestions(f.id()).stream().map(ForumService::suggestionView)
        .map(s -> new SuggestionView(s.id(), s.proposerKind(), s.proposer(), s.category(),
            categories.nameOf(s.category()), s.content(), s.disposition(), s.dispositionLabel(), s.status(),
            s.statusLabel(), s.opinionTicketNo(), s.proposalNo()))
        .toList();
    return new ForumView(f.forumNo(), f.stationCode(), stationName, f.topic(), f.sector(), f.startsAt(), f.place(),
        f.status().name(), f.status().label(), invitations.size(), attended, rate(attended, invitations.size()),
        invitationViews, forums.experts(f.id()), forums.departments(f.id()), suggestions, f.minutes());
  }

  private static SuggestionView suggestionView(Suggestion s) {
    return new SuggestionView(s.id(), s.proposerKind().name(), s.proposer(), s.category(), null, s.content(),
        s.disposition().name(), s.disposition().label(), s.status().name(), s.status().label(), s.opinionTicketNo(),
        s.proposalRef());
  }

  static double rate(int attended, int invited) {
    return invited == 0 ? 0 : Math.round(attended * 10000.0 / invited) / 10000.0;
  }

  private void requireDayReached(Forum f, String message) {
    LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
    if (today.isBefore(LocalDate.ofInstant(f.startsAt(), zone))) {
      throw new ConflictException(message + "（座谈会定于 " + TEXT.format(f.startsAt().atZone(zone)) + "）。");
    }
  }

  private String nameOf(String userId) {
    return directory.find(userId).map(Deputy::name).orElse(userId);
  }

  private Instant startsAt(String value, Map<String, String> errors) {
    if (blank(value)) {
      errors.put("startsAt", "请填写座谈会开始时间，例如 2027-03-18T09:30:00+08:00");
      return null;
    }
    Instant at;
    try {
      at = OffsetDateTime.parse(value.strip()).toInstant();
    } catch (DateTimeParseException e) {
      try {
        at = LocalDateTime.parse(value.strip()).atZone(zone).toInstant();
      } catch (DateTimeParseException again) {
        errors.put("startsAt", "开始时间的格式应为 年-月-日T时:分，例如 2027-03-18T09:30:00+08:00");
        return null;
      }
    }
    if (!at.isAfter(clock.instant())) {
      errors.put("startsAt", "开始时间应在将来");
      return null;
    }
    return at;
  }

  private List<String> invited(List<String> requested, Station station, Map<String, String> errors) {
    List<String> result = new ArrayList<>();
    if (requested == null || requested.isEmpty()) {
      if (station != null) {
        result.addAll(station.deputies());
        if (result.isEmpty()) {
          errors.put("invitedDeputies", "该联络站没有驻站代表：请填写邀请的代表（用户名）");
        }
      }
      return result;
    }
    if (requested.size() > MAX_DEPUTIES) {
      errors.put("invitedDeputies", "一次座谈会最多邀请 " + MAX_DEPUTIES + " 名代表");
      return result;
    }
    return deputies.checked(requested, "invitedDeputies", errors);
  }

  private static List<Expert> experts(List<ExpertEntry> entries, Map<String, String> errors) {
    List<Expert> result = new ArrayList<>();
    if (entries == null) {
      return result;
    }
    if (entries.size() > MAX_EXPERTS) {
      errors.put("experts", "一次座谈会最多登记 " + MAX_EXPERTS + " 名专家");
      return result;
    }
    Set<String> names = new LinkedHashSet<>();
    for (int i = 0; i < entries.size(); i++) {
      ExpertEntry e = entries.get(i);
      String name = e == null || blank(e.name()) ? null : e.name().strip();
      String organisation = e == null || blank(e.organisation()) ? null : e.organisation().strip();
      if (name == null || name.length() > 50) {
        errors.put("experts[" + i + "].name", "请填写专家姓名，不超过 50 个字");
      } else if (!names.add(name)) {
        errors.put("experts[" + i + "].name", "专家姓名重复：" + name);
      }
      if (organisation == null || organisation.length() > 100) {
        errors.put("experts[" + i + "].organisation", "请填写专家所在单位，不超过 100 个字");
      }
      if (name != null && organisation != null) {
        result.add(new Expert(name, organisation));
      }
    }
    return result;
  }

  private List<Department> departments(List<String> codes, Map<String, String> errors) {
    List<Department> result = new ArrayList<>();
    if (codes == null) {
      return result;
    }
    for (int i = 0; i < codes.size(); i++) {
      String code = codes.get(i) == null ? "" : codes.get(i).strip();
      Department d = code.isEmpty() ? null : departments.findByCode(code).orElse(null);
      if (d == null) {
        errors.put("departments[" + i + "]", "部门不存在：" + abbreviate(code));
      } else if (result.stream().noneMatch(x -> x.code().equals(d.code()))) {
        result.add(d);
      }
    }
    return result;
  }

  private static String text(String value, String field, String missing, int max, Map<String, String> errors) {
    if (blank(value)) {
      errors.put(field, missing);
      return null;
    }
    String s = value.strip();
    if (s.length() > max) {
      errors.put(field, missing.replace("请填写", "") + "不能超过 " + max + " 个字");
      return null;
    }
    return s;
  }

  private static String abbreviate(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "…" : s;
  }

  static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
