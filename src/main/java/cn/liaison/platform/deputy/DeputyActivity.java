package cn.liaison.platform.deputy;

import cn.liaison.platform.calendar.WorkingDayCalendar;
import cn.liaison.platform.identity.PlatformGroups;
import cn.liaison.platform.station.Station;
import cn.liaison.platform.system.InvalidInputException;
import cn.liaison.platform.system.NotFoundException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A deputy's figures over a period (履职档案): computed from the records each feature keeps (opinions sent through
 * the deputy's code, proposals and co-signatures, forum attendance, receptions on duty, the households visited in
 * campaigns), read here and written nowhere. Read by the deputy himself or herself, the staff of the deputy's
 * stations, the congress office (代表工委) and administrators; anyone else is refused (403).
 */
@Service
public class DeputyActivity {

  static final int MAX_YEARS = 5;
  static final int MAX_FORWARDED = 50;

  /** The figures; medianFirstResponseHours is null while the deputy has responded to nothing in the period. */
  public record Figures(String userId, String name, LocalDate from, LocalDate to, long opinionsReceived,
      long answeredDirectly, long forwarded, long keptForProposal, long movedToStationUnanswered,
      Double medianFirstResponseHours, long proposalsLed, long proposalsCoSigned, long forumsAttended,
      long receptionsOnDuty, long householdsVisited, List<Forwarded> forwardedItems) {}

  /** What the deputy forwarded (or let pass to the station) and the department's answer, once there is one. */
  public record Forwarded(String ticketNo, Instant submittedAt, String status, String departmentCode,
      String departmentReply, Instant repliedAt) {}

  private final JdbcClient jdbc;
  private final DeputyDirectory directory;
  private final WorkingDayCalendar calendar;
  private final Clock clock;

  DeputyActivity(JdbcClient jdbc, DeputyDirectory directory, WorkingDayCalendar calendar, Clock clock) {
    this.jdbc = jdbc;
    this.directory = directory;
    this.calendar = calendar;
    this.clock = clock;
  }

  /**
   * The figures of deputy userId from from to to (both days included; by default this year until today). The caller
   * (callerId with callerGroups) must be the deputy, staff of one of the deputy's stations, the congress office or an
   * administrator (403 otherwise, before anything about the deputy is said); an unknown deputy is 404; bad dates 400.
   */
  @Transactional(readOnly = true)
  public Figures of(String userId, String from, String to, String callerId, Collection<String> callerGroups) {
    boolean county = callerGroups.contains(PlatformGroups.CONGRESS_OFFICE) || callerGroups.contains(PlatformGroups.ADMIN);
    boolean self = userId != null && userId.equals(callerId) && callerGroups.contains(PlatformGroups.DEPUTIES);
    boolean staff = callerGroups.stream().anyMatch(g -> g.startsWith(Station.STAFF_GROUP_PREFIX));
    if (!county && !self && !staff) {
      throw new AccessDeniedException("may not read this deputy's figures");
    }
    Deputy deputy = directory.find(userId).orElse(null);
    if (deputy == null) {
      if (county) {
        throw new NotFoundException("代表不存在：" + userId);
      }
      throw new AccessDeniedException("may not read this deputy's figures");
    }
    if (!county && !self && deputy.stations().stream()
        .noneMatch(p -> callerGroups.contains(Station.STAFF_GROUP_PREFIX + p.stationCode()))) {
      // staff read the figures of their own stations' deputies only
      throw new AccessDeniedException("not staff of this deputy's stations");
    }
    ZoneId zone = calendar.zone();
    LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
    Map<String, String> errors = new LinkedHashMap<>();
    LocalDate start = date("from", from, "开始日期", today.withDayOfYear(1), errors);
    LocalDate end = date("to", to, "结束日期", today, errors);
    if (start != null && end != null) {
      if (start.isAfter(end)) {
        errors.put("to", "结束日期不能早于开始日期");
      } else if (end.isAfter(start.plusYears(MAX_YEARS).minusDays(1))) {
        errors.put("to", "统计期间不能超过" + MAX_YEARS + "年");
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    Timestamp a = Timestamp.from(start.atStartOfDay(zone).toInstant());
    Timestamp b = Timestamp.from(end.plusDays(1).atStartOfDay(zone).toInstant());

    long received = count("SELECT COUNT(*) FROM opinion WHERE deputy_user_id = ? AND submitted_at >= ? "
        + "AND submitted_at < ?", userId, a, b);
    long answered = countAction(userId, "ANSWER", a, b);
    long forwarded = countAction(userId, "FORWARD", a, b);
    long kept = countAction(userId, "TO_PROPOSAL", a, b);
    long timedOut = countAction(userId, "TIMED_OUT", a, b);
    List<Duration> responses = jdbc.sql("SELECT submitted_at, deputy_responded_at FROM opinion WHERE deputy_user_id = ? "
            + "AND deputy_responded_at IS NOT NULL AND submitted_at >= ? AND submitted_at < ?")
        .params(userId, a, b)
        .query((rs, n) -> Duration.between(rs.getTimestamp(1).toInstant(), rs.getTimestamp(2).toInstant())).list();
    long led = count("SELECT COUNT(*) FROM proposal WHERE lead_deputy = ? AND created_at >= ? AND created_at < ? "
        + "AND status NOT IN ('WITHDRAWN')", userId, a, b);
    long coSigned = count("SELECT COUNT(*) FROM proposal_co_signer WHERE deputy_user_id = ? AND decision = 'AGREE' "
        + "AND decided_at >= ? AND decided_at < ?", userId, a, b);
    long forums = count("SELECT COUNT(*) FROM forum_invitation i JOIN forum f ON f.id = i.forum_id "
        + "WHERE i.deputy_user_id = ? AND i.attended AND f.starts_at >= ? AND f.starts_at < ?", userId, a, b);
    long receptions = count("SELECT COUNT(*) FROM reception_deputy d JOIN reception r ON r.id = d.reception_id "
        + "WHERE d.deputy_user_id = ? AND r.status IN ('IN_SESSION', 'HELD', 'CLOSED') AND r.starts_at >= ? "
        + "AND r.starts_at < ?", userId, a, b);
    // a visit is the deputy's completed 入户动员 task of a household's sign-off (the engine's task history)
    long households = count("SELECT COUNT(DISTINCT PROC_INST_ID_) FROM ACT_HI_TASKINST WHERE TASK_DEF_KEY_ = "
        + "'Task_VisitHousehold' AND ASSIGNEE_ = ? AND END_TIME_ >= ? AND END_TIME_ < ? "
        + "AND (DELETE_REASON_ IS NULL OR DELETE_REASON_ = 'completed')", userId, a, b);
    List<Forwarded> items = jdbc.sql("SELECT o.ticket_no, o.submitted_at, o.status, o.department_code, "
            + "(SELECT r.reply_text FROM opinion_reply r WHERE r.opinion_id = o.id AND r.source = 'DEPARTMENT' "
            + "ORDER BY r.reply_round DESC LIMIT 1) AS reply_text, "
            + "(SELECT r.replied_at FROM opinion_reply r WHERE r.opinion_id = o.id AND r.source = 'DEPARTMENT' "
            + "ORDER BY r.reply_round DESC LIMIT 1) AS replied_at "
            + "FROM opinion o WHERE o.deputy_user_id = ? AND o.deputy_action IN ('FORWARD', 'TIMED_OUT') "
            + "AND o.submitted_at >= ? AND o.submitted_at < ? ORDER BY o.submitted_at DESC, o.id DESC LIMIT ?")
        .params(userId, a, b, MAX_FORWARDED)
        .query((rs, n) -> new Forwarded(rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getString(3),
            rs.getString(4), rs.getString(5), rs.getTimestamp(6) == null ? null : rs.getTimestamp(6).toInstant()))
        .list();
    return new Figures(userId, deputy.name(), start, end, received, answered, forwarded, kept, timedOut,
        medianHours(responses), led, coSigned, forums, receptions, households, items);
  }

  static Double medianHours(List<Duration> durations) {
    if (durations.isEmpty()) {
      return null;
    }
    List<Long> minutes = new ArrayList<>(durations.stream().map(Duration::toMinutes).sorted().toList());
    int n = minutes.size();
    double median = n % 2 == 1 ? minutes.get(n / 2) : (minutes.get(n / 2 - 1) + minutes.get(n / 2)) / 2.0;
    return Math.round(median / 60.0 * 10) / 10.0;
  }

  private long countAction(String userId, String action, Timestamp a, Timestamp b) {
    return count("SELECT COUNT(*) FROM opinion WHERE deputy_user_id = ? AND deputy_action = ? AND submitted_at >= ? "
        + "AND submitted_at < ?", userId, action, a, b);
  }

  private long count(String sql, Object... params) {
    return jdbc.sql(sql).params(params).query(Long.class).single();
  }

  private static LocalDate date(String field, String value, String label, LocalDate fallback,
      Map<String, String> errors) {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    String v = value.strip();
    try {
      if (v.length() != 10) {
        throw new DateTimeParseException("length", v, 0);
      }
      return LocalDate.parse(v);
    } catch (DateTimeParseException e) {
      errors.put(field, label + "格式应为 yyyy-MM-dd，例如 2026-01-31");
      return null;
    }
  }
}
