package cn.liaison.platform.statistics;

import cn.liaison.platform.calendar.WorkingDayCalendar;
import cn.liaison.platform.station.Station;
import cn.liaison.platform.supervision.LightCounts;
import cn.liaison.platform.supervision.SupervisionCounts;
import cn.liaison.platform.statistics.Statistics.CampaignProgress;
import cn.liaison.platform.statistics.Statistics.DepartmentFigures;
import cn.liaison.platform.statistics.Statistics.Evaluation;
import cn.liaison.platform.statistics.Statistics.Forums;
import cn.liaison.platform.statistics.Statistics.Opinions;
import cn.liaison.platform.statistics.Statistics.Period;
import cn.liaison.platform.statistics.Statistics.Projects;
import cn.liaison.platform.statistics.Statistics.Proposals;
import cn.liaison.platform.statistics.Statistics.Rates;
import cn.liaison.platform.statistics.Statistics.Receptions;
import cn.liaison.platform.statistics.Statistics.Rectification;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ObjLongConsumer;
import java.util.function.Supplier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The figures of a period, computed at every call from the platform's records (no counters that could drift): the
 * whole months of opinions and the campaigns' households from the cells the database keeps with each change of a
 * record ({@link FigureCells}: the records' counts in another layout, equal to them at every moment), the rest of
 * the period and whatever depends on "now" from the records themselves.
 * Only codes, statuses, dates and numbers are read — never contact data or texts — so the figures stay the same
 * after personal data is erased.
 *
 * <p>Definitions (dates are the platform's zone, Beijing time; a period is from 00:00 of {@code from} to 24:00 of
 * {@code to}):
 * <ul>
 *   <li><b>opinions</b> are those <em>submitted</em> in the period ({@code opinion.submitted_at}), whatever became
 *       of them later; a station filter is the station that received them.
 *   <li>{@code received}: all of them, rejected (不予受理) and merged duplicates included.
 *   <li>{@code closed} (办结): status CLOSED, i.e. answered and then rated by the citizen or past the evaluation
 *       window. {@code solved}/{@code partlySolved}/{@code unsolved}: the closed ones by the result of their last
 *       reply (已解决 / 部分解决 / 无法解决); replies without a result (an analyst's answer) are in none of the three.
 *   <li>{@code closedOnTime} (按期办结): closed, never left flagged overdue (超期督办; an approved extension or a
 *       reassignment lifts the flag, a supervisor's 再次催办 does not), and the last reply came no later than the
 *       deadline in force ({@code due_at}); closed opinions that never had a department deadline (answered
 *       by the station or through a proposal) count as on time.
 *   <li>{@code overdue} (超期): opinions whose deadline was missed — flagged overdue (超期督办) and not lifted since,
 *       or answered after the deadline, or still unanswered past it now.
 *   <li>{@code toProposal}: opinions whose last routing was 转代表建议 (a deputy compiles them into a proposal).
 *   <li>{@code evaluation}: the closed opinions by the citizen's final rating; {@code notEvaluated} = closed without
 *       a rating within the window. Rates: closing = closed ÷ received, onTime = closedOnTime ÷ closed,
 *       satisfaction = (satisfied × w₁ + basicallySatisfied × w₂) ÷ (satisfied + basicallySatisfied +
 *       dissatisfied), weights from {@link StatisticsProperties}; null when the denominator is 0.
 *   <li><b>byDepartment</b>: per department, the opinions of the period it holds (the department of the last
 *       hand-over) — assigned, closed, closedOnTime, overdue, reopened (the citizen was dissatisfied and it was
 *       reopened at least once), satisfaction — plus {@code returned}: opinions handed to it that went on to
 *       another department without its reply (改派 by a supervisor), which are also counted in its
 *       {@code assigned}.
 *   <li><b>proposals</b> created in the period by a deputy stationed at the station(s) (all proposals without a
 *       filter), not withdrawn and past co-signing: submitted; fromOpinions = opinions compiled into them; replied =
 *       those with a lead or separate unit's answer; byResult = the answers' classes A–D (one per lead/separate
 *       unit); deputyEvaluation = the lead deputy's last rating.
 *   <li><b>forums</b> of the station(s) that started in the period and were held (HELD or RECORDED); invited and
 *       attended deputies are invitation rows; participationRate = attended ÷ invited; suggestions made there.
 *   <li><b>receptions</b> (流动接待) of the station(s) that started in the period and were opened (not merely announced):
 *       sessions, visitors (sum of each visit's people), opinions taken into the loop, solvedOnSpot, and solved =
 *       solved on the spot plus those whose opinion closed as 已解决.
 *   <li><b>rectification</b> of drives of the station(s): tasks created in the period, problems found in it
 *       ({@code found_on}), rectified = of those, closed (销号); overdue = of those, closed after their deadline or
 *       still open past it.
 *   <li><b>projects</b> of the station(s) whose supervision time overlaps the period; their inspections in the
 *       period and the rectification problems those inspections raised.
 *   <li><b>campaigns</b> of the stations' towns (all without a filter) running in the period: households now,
 *       signed (an agreement signed), planted (planting recorded) with the planted mu, subsidised (subsidy paid),
 *       unwilling (暂不愿意 now).
 * </ul>
 */
@Service
@Transactional(readOnly = true)
public class StatisticsService implements StatisticsSource {

  private final JdbcClient jdbc;
  private final StatisticsProperties properties;
  private final Clock clock;
  private final ZoneId zone;
  private SupervisionCounts supervisionCounts;

  StatisticsService(JdbcClient jdbc, StatisticsProperties properties, Clock clock, WorkingDayCalendar calendar) {
    this.jdbc = jdbc;
    this.properties = properties;
    this.clock = clock;
    this.zone = calendar.zone();
  }

  @Override
  public Statistics figures(Period period) {
    return figures(period, stationsOf(period));
  }

  /**
   * The figures of the period for the given stations (null = every station). The API uses this for station staff
   * asking without a station: the stations they serve.
   */
  public Statistics figures(Period period, List<String> stations) {
    return figures(period, stations, (part, nanos) -> { });
  }

  /** The same, telling the time each part took (opinions, proposals, …) — for the benchmark and diagnostics. */
  public Statistics figures(Period period, List<String> stations, ObjLongConsumer<String> partNanos) {
    Range r = new Range(period, stations);
    return new Statistics(period, timed("opinions", () -> opinions(r), partNanos),
        timed("proposals", () -> proposals(r), partNanos), timed("forums", () -> forums(r), partNanos),
        timed("receptions", () -> receptions(r), partNanos),
        timed("rectification", () -> rectification(r), partNanos), timed("projects", () -> projects(r), partNanos),
        timed("campaigns", () -> campaigns(r), partNanos),
        timed("lights", () -> lights(stations), partNanos));
  }

  /** 三色督办: the lights of the stations' items (a station's items name it by code or by its staff group). */
  private LightCounts lights(List<String> stations) {
    return supervisionCounts == null ? null : supervisionCounts.count(stations == null ? null : stations.stream()
        .flatMap(code -> java.util.stream.Stream.of(code, Station.staffGroupOf(code))).toList());
  }

  /** 三色督办 counts (lights), of the moment; a service made by hand (without Spring) leaves them out. */
  @org.springframework.beans.factory.annotation.Autowired
  void setSupervisionCounts(SupervisionCounts supervisionCounts) {
    this.supervisionCounts = supervisionCounts;
  }

  private static <T> T timed(String part, Supplier<T> compute, ObjLongConsumer<String> partNanos) {
    long start = System.nanoTime();
    T result = compute.get();
    partNanos.accept(part, System.nanoTime() - start);
    return result;
  }

  /** The stations a period names: its station, or the stations of its town; null = all. */
  public List<String> stationsOf(Period period) {
    if (period.station() != null) {
      return List.of(period.station());
    }
    if (period.town() != null) {
      return jdbc.sql("SELECT code FROM station WHERE town = ? ORDER BY sort_order, code").param(period.town())
          .query(String.class).list();
    }
    return null;
  }

  /** The period as half-open timestamps, and the station filter as SQL. */
  private final class Range {
    final Period period;
    final List<String> stations;
    final Timestamp start;
    final Timestamp end;
    final Timestamp now;

    Range(Period period, List<String> stations) {
      this.period = period;
      this.stations = stations;
      this.start = Timestamp.from(period.from().atStartOfDay(zone).toInstant());
      this.end = Timestamp.from(period.to().plusDays(1).atStartOfDay(zone).toInstant());
      this.now = Timestamp.from(clock.instant());
    }

    /** " AND column IN (?, ?)" or "" for all stations; an empty list matches nothing. */
    String in(String column) {
      if (stations == null) {
        return "";
      }
      if (stations.isEmpty()) {
        return " AND 1 = 0";
      }
      return " AND " + column + " IN (" + String.join(", ", stations.stream().map(s -> "?").toList()) + ")";
    }

    List<Object> params(Object... first) {
      List<Object> p = new ArrayList<>(List.of(first));
      if (stations != null) {
        p.addAll(stations);
      }
      return p;
    }

    LocalDate today() {
      return LocalDate.ofInstant(now.toInstant(), zone);
    }
  }

  /**
   * A period's whole calendar months (as the opinions' times are stored, i.e. in the JVM's zone, like the monthly
   * figures V31 keeps) and the days before and after them. from/to null: no whole month in the period.
   */
  static final class Months {
    final java.sql.Date from;
    final java.sql.Date to;
    private final Timestamp start;
    private final Timestamp end;

    Months(Timestamp start, Timestamp end) {
      this.start = start;
      this.end = end;
      java.time.LocalDateTime s = start.toLocalDateTime();
      java.time.LocalDateTime e = end.toLocalDateTime();
      LocalDate first = s.toLocalDate().withDayOfMonth(1);
      if (!s.equals(first.atStartOfDay())) {
        first = first.plusMonths(1);
      }
      LocalDate last = e.toLocalDate().withDayOfMonth(1);
      boolean any = first.isBefore(last);
      this.from = any ? java.sql.Date.valueOf(first) : null;
      this.to = any ? java.sql.Date.valueOf(last) : null;
    }

    /** The parts of the period outside the whole months, as half-open ranges of stored times. */
    List<Timestamp[]> edges() {
      if (from == null) {
        return List.<Timestamp[]>of(new Timestamp[] {start, end});
      }
      List<Timestamp[]> edges = new ArrayList<>();
      Timestamp first = Timestamp.valueOf(from.toLocalDate().atStartOfDay());
      Timestamp last = Timestamp.valueOf(to.toLocalDate().atStartOfDay());
      if (start.before(first)) {
        edges.add(new Timestamp[] {start, first});
      }
      if (last.before(end)) {
        edges.add(new Timestamp[] {last, end});
      }
      return edges;
    }
  }

  /** n opinions of a department (null: none) and figure class (V30). */
  interface FigureRow {
    void accept(String department, int figureClass, long n);
  }

  /**
   * The opinions submitted in the period of {@code months} at these stations (null = all) by department and figure
   * class: the whole months from the cells the database keeps (FigureCells), the days before and after them from
   * the opinions (index opinion_figures_idx alone). Also the dashboard's trend.
   */
  static void figureClasses(JdbcClient jdbc, Months months, List<String> stations, FigureRow row) {
    String in = stations == null ? "" : stations.isEmpty() ? " AND 1 = 0"
        : " AND station_code IN (" + String.join(", ", stations.stream().map(s -> "?").toList()) + ")";
    if (months.from != null) {
      List<Object> params = new ArrayList<>(List.of(months.from, months.to));
      if (stations != null) {
        params.addAll(stations);
      }
      jdbc.sql("SELECT department_code, figure_class, SUM(n) AS n FROM " + (stations == null
              ? FigureCells.OPINION_FIGURES_ALL_STATIONS.table() : FigureCells.OPINION_FIGURES.table())
              + " WHERE submitted_month >= ? AND submitted_month < ?" + in
              + " GROUP BY department_code, figure_class HAVING SUM(n) <> 0")
          .params(params)
          .query((ResultSet rs) -> {
            row.accept(rs.getString("department_code"), rs.getInt("figure_class"), rs.getLong("n"));
          });
    }
    for (Timestamp[] days : months.edges()) {
      List<Object> params = new ArrayList<>(List.of(days[0], days[1]));
      if (stations != null) {
        params.addAll(stations);
      }
      jdbc.sql("SELECT department_code, figure_class, COUNT(*) AS n FROM opinion "
              + "WHERE submitted_at >= ? AND submitted_at < ?" + in + " GROUP BY department_code, figure_class")
          .params(params)
          .query((ResultSet rs) -> {
            row.accept(rs.getString("department_code"), rs.getInt("figure_class"), rs.getLong("n"));
          });
    }
  }

  // --- opinions ------------------------------------------------------------------------------------------------

  private Opinions opinions(Range r) {
    Map<String, Long> byStation = ordered("SELECT code FROM station ORDER BY sort_order, code");
    Map<String, Long> byChannel = new LinkedHashMap<>();
    for (var c : cn.liaison.platform.opinion.Channel.values()) {
      byChannel.put(c.name(), 0L);
    }
    Map<String, Long> byCategory = ordered("SELECT code FROM opinion_category ORDER BY sort_order, code");
    Tally all = new Tally();
    Map<String, Tally> departments = new HashMap<>();
    // the whole months of the period from the cells the database keeps (FigureCells, V31), the days before and after
    // them from the opinions themselves (indexes opinion_counts_idx and opinion_figures_idx alone)
    org.springframework.jdbc.core.RowCallbackHandler counted = rs -> {
      long n = rs.getLong("n");
      byStation.merge(rs.getString("station_code"), n, Long::sum);
      byChannel.merge(rs.getString("channel"), n, Long::sum);
      byCategory.merge(rs.getString("category"), n, Long::sum);
    };
    FigureRow figured = (department, figureClass, n) -> {
      Tally t = new Tally(n, figureClass, 0);
      all.add(t);
      if (department != null) {
        departments.computeIfAbsent(department, d -> new Tally()).add(t);
      }
    };
    Months months = new Months(r.start, r.end);
    if (months.from != null) {
      jdbc.sql("SELECT station_code, channel, category, SUM(n) AS n FROM " + FigureCells.OPINION_COUNTS.table()
              + " WHERE submitted_month >= ? AND submitted_month < ?" + r.in("station_code")
              + " GROUP BY station_code, channel, category HAVING SUM(n) <> 0")
          .params(r.params(months.from, months.to))
          .query(counted);
    }
    for (Timestamp[] days : months.edges()) {
      jdbc.sql("SELECT station_code, channel, category, COUNT(*) AS n FROM opinion "
              + "WHERE submitted_at >= ? AND submitted_at < ?" + r.in("station_code")
              + " GROUP BY station_code, channel, category")
          .params(r.params(days[0], days[1]))
          .query(counted);
    }
    figureClasses(jdbc, months, r.stations, figured);
    // unanswered with a deadline that has passed by now: overdue unless already late by the record (V30 class);
    // few opinions, read live (partial index opinion_open_deadline_idx)
    jdbc.sql("SELECT department_code, figure_class, COUNT(*) AS n FROM opinion "
            + "WHERE replied_at IS NULL AND due_at IS NOT NULL AND due_at < ? "
            + "AND submitted_at >= ? AND submitted_at < ?" + r.in("station_code")
            + " GROUP BY department_code, figure_class")
        .params(r.params(r.now, r.start, r.end))
        .query((ResultSet rs) -> {
          Tally t = new Tally(0, rs.getInt("figure_class"), rs.getLong("n"));
          all.add(t);
          String department = rs.getString("department_code");
          if (department != null) {
            departments.computeIfAbsent(department, d -> new Tally()).add(t);
          }
        });
    if (r.stations != null) {
      byStation.keySet().retainAll(r.stations);
    }
    long[] received = {all.assigned};
    Map<String, Long> returned = returned(r);
    returned.forEach((d, n) -> departments.computeIfAbsent(d, x -> new Tally()).assigned += n);

    List<DepartmentFigures> byDepartment = new ArrayList<>();
    jdbc.sql("SELECT code, name FROM department ORDER BY sort_order, code").query((ResultSet rs) -> {
      String code = rs.getString("code");
      Tally t = departments.remove(code);
      if (t != null) {
        byDepartment.add(t.department(code, rs.getString("name"), returned.getOrDefault(code, 0L)));
      }
    });
    // a department removed from the directory keeps its history
    new TreeMap<>(departments).forEach((code, t) -> byDepartment.add(t.department(code, code,
        returned.getOrDefault(code, 0L))));

    Evaluation evaluation = new Evaluation(all.satisfied, all.basically, all.dissatisfied, all.notEvaluated);
    Rates rates = new Rates(ratio(all.closed, received[0]), ratio(all.closedOnTime, all.closed), all.satisfaction());
    return new Opinions(received[0], all.closed, all.solved, all.partly, all.unsolved, all.closedOnTime,
        all.overdue, all.toProposal, byChannel, byCategory, byStation, byDepartment, evaluation, rates);
  }

  /**
   * Per department, the period's opinions handed to it that went on to another department without its reply.
   * Only opinions marked reassigned can have one (the flag is set in the transaction of the 改派, V29): a short
   * range of index opinion_reassigned_idx, then their hand-overs by ticket (department_assignment_reference_idx) and
   * replies (opinion_reply_opinion_department_idx). The count itself comes from those records.
   */
  private Map<String, Long> returned(Range r) {
    Map<String, Long> counts = new HashMap<>();
    jdbc.sql("SELECT a.department_code, COUNT(DISTINCT o.id) AS n FROM opinion o "
            + "JOIN department_assignment a ON a.operation = 'ASSIGN_OPINION' AND a.reference = o.ticket_no "
            + "WHERE o.reassigned = TRUE AND o.submitted_at >= ? AND o.submitted_at < ?" + r.in("o.station_code")
            + " AND (o.department_code IS NULL OR o.department_code <> a.department_code) "
            + "AND NOT EXISTS (SELECT 1 FROM opinion_reply p WHERE p.opinion_id = o.id "
            + "  AND p.department_code = a.department_code) GROUP BY a.department_code")
        .params(r.params(r.start, r.end))
        .query((ResultSet rs) -> {
          counts.put(rs.getString("department_code"), rs.getLong("n"));
        });
    return counts;
  }

  /** Sums of the handling pass, for all opinions or one department. */
  private final class Tally {
    long assigned;
    long closed;
    long solved;
    long partly;
    long unsolved;
    long closedOnTime;
    long overdue;
    long reopened;
    long toProposal;
    long satisfied;
    long basically;
    long dissatisfied;
    long notEvaluated;

    Tally() {}

    /** n opinions of one figure class (V30), lateNow of them with an unanswered deadline that has passed. */
    Tally(long n, int figureClass, long lateNow) {
      FigureClass c = new FigureClass(figureClass);
      assigned = n;
      closed = c.closed() ? n : 0;
      solved = c.closed() && c.outcome() == FigureClass.SOLVED ? n : 0;
      partly = c.closed() && c.outcome() == FigureClass.PARTLY_SOLVED ? n : 0;
      unsolved = c.closed() && c.outcome() == FigureClass.UNSOLVED ? n : 0;
      closedOnTime = c.closed() && c.onTime() ? n : 0;
      overdue = c.lateByRecord() ? n : lateNow;
      reopened = c.reopened() ? n : 0;
      toProposal = c.toProposal() ? n : 0;
      satisfied = c.closed() && c.satisfaction() == FigureClass.SATISFIED ? n : 0;
      basically = c.closed() && c.satisfaction() == FigureClass.BASICALLY_SATISFIED ? n : 0;
      dissatisfied = c.closed() && c.satisfaction() == FigureClass.DISSATISFIED ? n : 0;
      notEvaluated = closed - satisfied - basically - dissatisfied;
    }

    void add(Tally t) {
      assigned += t.assigned;
      closed += t.closed;
      solved += t.solved;
      partly += t.partly;
      unsolved += t.unsolved;
      closedOnTime += t.closedOnTime;
      overdue += t.overdue;
      reopened += t.reopened;
      toProposal += t.toProposal;
      satisfied += t.satisfied;
      basically += t.basically;
      dissatisfied += t.dissatisfied;
      notEvaluated += t.notEvaluated;
    }

    Double satisfaction() {
      long evaluated = satisfied + basically + dissatisfied;
      return evaluated == 0 ? null
          : (satisfied * properties.satisfiedWeight() + basically * properties.basicallySatisfiedWeight()) / evaluated;
    }

    DepartmentFigures department(String code, String name, long returned) {
      return new DepartmentFigures(code, name, assigned, closed, closedOnTime, overdue, returned, reopened,
          satisfaction());
    }
  }

  // --- proposals, forums, receptions, rectification, projects, campaigns -------------------------------------

  private Proposals proposals(Range r) {
    String where = "p.created_at >= ? AND p.created_at < ? "
        + "AND p.status NOT IN ('CONFIRMING', 'CO_SIGNING', 'WITHDRAWN')"
        + (r.stations == null ? "" : " AND p.lead_deputy IN (SELECT sd.deputy_user_id FROM station_deputy sd "
            + "WHERE 1 = 1" + r.in("sd.station_code") + ")");
    List<Object> params = r.params(r.start, r.end);
    long submitted = count("SELECT COUNT(*) FROM proposal p WHERE " + where, params);
    long fromOpinions = count("SELECT COUNT(*) FROM proposal_opinion po JOIN proposal p ON p.id = po.proposal_id "
        + "WHERE " + where, params);
    long replied = count("SELECT COUNT(*) FROM proposal p WHERE " + where + " AND EXISTS (SELECT 1 FROM "
        + "proposal_unit u WHERE u.proposal_id = p.id AND u.role IN ('LEAD', 'SEPARATE') AND u.replied_at IS NOT NULL)",
        params);
    Map<String, Long> byResult = new LinkedHashMap<>();
    for (String c : List.of("A", "B", "C", "D")) {
      byResult.put(c, 0L);
    }
    jdbc.sql("SELECT u.result, COUNT(*) AS n FROM proposal_unit u JOIN proposal p ON p.id = u.proposal_id WHERE "
            + where + " AND u.role IN ('LEAD', 'SEPARATE') AND u.result IS NOT NULL GROUP BY u.result")
        .params(params).query((ResultSet rs) -> {
          byResult.put(rs.getString("result"), rs.getLong("n"));
        });
    Map<String, Long> evaluation = new LinkedHashMap<>();
    for (String c : List.of("SATISFIED", "BASICALLY_SATISFIED", "DISSATISFIED")) {
      evaluation.put(c, 0L);
    }
    jdbc.sql("SELECT e.rating, COUNT(*) AS n FROM proposal_evaluation e JOIN proposal p ON p.id = e.proposal_id "
            + "WHERE " + where + " AND e.round = (SELECT MAX(l.round) FROM proposal_evaluation l "
            + "WHERE l.proposal_id = e.proposal_id) GROUP BY e.rating")
        .params(params).query((ResultSet rs) -> {
          evaluation.put(rs.getString("rating"), rs.getLong("n"));
        });
    return new Proposals(submitted, fromOpinions, replied, byResult, evaluation);
  }

  private Forums forums(Range r) {
    String where = "f.starts_at >= ? AND f.starts_at < ? AND f.status IN ('HELD', 'RECORDED')" + r.in("f.station_code");
    List<Object> params = r.params(r.start, r.end);
    long held = count("SELECT COUNT(*) FROM forum f WHERE " + where, params);
    long[] invited = {0, 0};
    jdbc.sql("SELECT COUNT(*) AS invited, COALESCE(SUM(CASE WHEN i.attended THEN 1 ELSE 0 END), 0) AS attended "
            + "FROM forum_invitation i JOIN forum f ON f.id = i.forum_id WHERE " + where)
        .params(params).query((ResultSet rs) -> {
          invited[0] = rs.getLong("invited");
          invited[1] = rs.getLong("attended");
        });
    long suggestions = count("SELECT COUNT(*) FROM forum_suggestion s JOIN forum f ON f.id = s.forum_id WHERE "
        + where, params);
    return new Forums(held, invited[0], invited[1], ratio(invited[1], invited[0]), suggestions);
  }

  private Receptions receptions(Range r) {
    String where = "c.starts_at >= ? AND c.starts_at < ? AND c.status <> 'ANNOUNCED'"
        + r.in("c.station_code");
    List<Object> params = r.params(r.start, r.end);
    long sessions = count("SELECT COUNT(*) FROM reception c WHERE " + where, params);
    long[] v = {0, 0, 0, 0};
    jdbc.sql("SELECT COALESCE(SUM(v.visitors), 0) AS visitors, "
            + "COALESCE(SUM(CASE WHEN v.opinion_ticket_no IS NOT NULL THEN 1 ELSE 0 END), 0) AS opinions, "
            + "COALESCE(SUM(CASE WHEN v.solved_on_spot THEN 1 ELSE 0 END), 0) AS on_spot, "
            + "COALESCE(SUM(CASE WHEN v.solved_on_spot OR (o.status = 'CLOSED' AND o.outcome = 'SOLVED') "
            + "THEN 1 ELSE 0 END), 0) AS solved "
            + "FROM reception_visit v JOIN reception c ON c.id = v.reception_id "
            + "LEFT JOIN opinion o ON o.ticket_no = v.opinion_ticket_no WHERE " + where)
        .params(params).query((ResultSet rs) -> {
          v[0] = rs.getLong("visitors");
          v[1] = rs.getLong("opinions");
          v[2] = rs.getLong("on_spot");
          v[3] = rs.getLong("solved");
        });
    return new Receptions(sessions, v[0], v[1], v[2], v[3]);
  }

  private Rectification rectification(Range r) {
    long tasks = count("SELECT COUNT(*) FROM rectification_task t JOIN rectification_drive d ON d.id = t.drive_id "
        + "WHERE t.created_at >= ? AND t.created_at < ?" + r.in("d.station_code"), r.params(r.start, r.end));
    long[] p = {0, 0, 0};
    Date today = Date.valueOf(r.today());
    List<Object> params = new ArrayList<>(List.of(today));
    params.addAll(r.params(Date.valueOf(r.period.from()), Date.valueOf(r.period.to())));
    jdbc.sql("SELECT COUNT(*) AS problems, "
            + "COALESCE(SUM(CASE WHEN p.status = 'CLOSED' THEN 1 ELSE 0 END), 0) AS rectified, "
            + "COALESCE(SUM(CASE WHEN (p.status = 'CLOSED' AND CAST(p.closed_at AS DATE) > p.deadline) "
            + "OR (p.status <> 'CLOSED' AND p.deadline < ?) THEN 1 ELSE 0 END), 0) AS overdue "
            + "FROM rectification_problem p JOIN rectification_task t ON t.id = p.task_id "
            + "JOIN rectification_drive d ON d.id = t.drive_id "
            + "WHERE p.found_on >= ? AND p.found_on <= ?" + r.in("d.station_code"))
        .params(params).query((ResultSet rs) -> {
          p[0] = rs.getLong("problems");
          p[1] = rs.getLong("rectified");
          p[2] = rs.getLong("overdue");
        });
    return new Rectification(tasks, p[0], p[1], p[2]);
  }

  private Projects projects(Range r) {
    Date from = Date.valueOf(r.period.from());
    Date to = Date.valueOf(r.period.to());
    String where = "j.starts_on <= ? AND j.ends_on >= ?" + r.in("j.station_code");
    long supervised = count("SELECT COUNT(*) FROM project j WHERE " + where, r.params(to, from));
    List<Object> params = new ArrayList<>(List.of(from, to));
    params.addAll(r.params(to, from));
    long inspections = count("SELECT COUNT(*) FROM project_inspection i JOIN project j ON j.id = i.project_id "
        + "WHERE i.inspected_on >= ? AND i.inspected_on <= ? AND " + where, params);
    long problems = count("SELECT COUNT(*) FROM rectification_problem p JOIN project_inspection i "
        + "ON p.source = 'INSPECTION' AND p.source_ref = i.inspection_no JOIN project j ON j.id = i.project_id "
        + "WHERE i.inspected_on >= ? AND i.inspected_on <= ? AND " + where, params);
    return new Projects(supervised, inspections, problems);
  }

  private List<CampaignProgress> campaigns(Range r) {
    String towns = r.stations == null ? ""
        : " AND c.town IN (SELECT s.town FROM station s WHERE s.town IS NOT NULL" + r.in("s.code") + ")";
    String running = "c.start_date <= ? AND c.wrap_up_date >= ?" + towns;
    List<Object> params = new ArrayList<>(r.params(Date.valueOf(r.period.to()), Date.valueOf(r.period.from())));
    params.addAll(r.params(Date.valueOf(r.period.to()), Date.valueOf(r.period.from())));
    List<CampaignProgress> list = new ArrayList<>();
    // the running campaigns' households from their cells (FigureCells.HOUSEHOLDS, at most 16 rows a campaign),
    // then named
    jdbc.sql("SELECT c.code, c.name, c.town, COALESCE(h.households, 0) AS households, "
            + "COALESCE(h.signed, 0) AS signed, COALESCE(h.planted, 0) AS planted, COALESCE(h.mu, 0) AS mu, "
            + "COALESCE(h.subsidised, 0) AS subsidised, COALESCE(h.unwilling, 0) AS unwilling "
            + "FROM campaign c LEFT JOIN (SELECT campaign_code, SUM(n) AS households, "
            + "SUM(CASE WHEN signed THEN n ELSE 0 END) AS signed, SUM(CASE WHEN planted THEN n ELSE 0 END) AS planted, "
            + "SUM(planted_mu) AS mu, SUM(CASE WHEN subsidised THEN n ELSE 0 END) AS subsidised, "
            + "SUM(CASE WHEN unwilling THEN n ELSE 0 END) AS unwilling FROM " + FigureCells.HOUSEHOLDS.table()
            + " WHERE campaign_code IN (SELECT c.code FROM campaign c WHERE " + running + ") "
            + "GROUP BY campaign_code) h ON h.campaign_code = c.code "
            + "WHERE " + running + " ORDER BY c.start_date, c.code")
        .params(params)
        .query((ResultSet rs) -> {
          list.add(new CampaignProgress(rs.getString("code"), rs.getString("name"), rs.getString("town"),
              rs.getLong("households"), rs.getLong("signed"), rs.getLong("planted"),
              rs.getBigDecimal("mu").doubleValue(), rs.getLong("subsidised"), rs.getLong("unwilling")));
        });
    return list;
  }

  // --- helpers ---------------------------------------------------------------------------------------------------

  private long count(String sql, Collection<?> params) {
    return jdbc.sql(sql).params(List.copyOf(params)).query(Long.class).single();
  }

  private Map<String, Long> ordered(String codes) {
    Map<String, Long> map = new LinkedHashMap<>();
    jdbc.sql(codes).query(String.class).list().forEach(c -> map.put(c, 0L));
    return map;
  }

  static Double ratio(long part, long whole) {
    return whole == 0 ? null : (double) part / whole;
  }
}
