package cn.liaison.platform.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import cn.liaison.platform.PlatformTest;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The statistics read two shortcuts for speed, and these tests prove that the figures stay those of the records
 * themselves — after the statistics scenario and whatever the other tests of the shared database did:
 * <ul>
 *   <li>改派 (a supervisor hands an opinion to another department) marks the opinion reassigned in the same
 *       transaction (V29), and the department ranking's 退回/改派 count ("returned") looks up the hand-overs of the
 *       marked opinions only. The mark narrows the lookup and never decides the figure: every opinion the hand-over
 *       records show as handed to another department is marked, and each department's count equals the count from
 *       all hand-overs, without the mark.
 *   <li>The opinion figures are counted by the figure class the database derives from each opinion's columns (V30):
 *       every figure equals the conditional sums over the opinions' own columns, by department, station, channel
 *       and category, for all stations and for one.
 * </ul>
 */
@PlatformTest
class StatisticsFromRecordsTests {

  /** The rebuild of V29: opinions with a hand-over to a department other than the one they hold. */
  static final String HANDED_TO_ANOTHER_DEPARTMENT = "SELECT o.ticket_no FROM opinion o WHERE EXISTS (SELECT 1 "
      + "FROM department_assignment a WHERE a.operation = 'ASSIGN_OPINION' AND a.reference = o.ticket_no "
      + "AND (o.department_code IS NULL OR a.department_code <> o.department_code))";

  @Autowired ApplicationContext context;
  @Autowired JdbcClient jdbc;
  @Autowired StatisticsService statistics;
  @Autowired StatisticsDetails details;

  @BeforeEach
  void theScenario() {
    cn.liaison.platform.scenario.MarchAtTaiping.ensureBuilt(context);
  }

  @Test
  void anOpinionHandedToAnotherDepartmentIsMarkedReassignedAndTheOthersAreNot() {
    List<String> handedOn = jdbc.sql(HANDED_TO_ANOTHER_DEPARTMENT).query(String.class).list();
    List<String> marked = jdbc.sql("SELECT ticket_no FROM opinion WHERE reassigned = TRUE").query(String.class).list();
    assertThat(marked).as("every opinion the hand-over records show as handed on").containsAll(handedOn);

    // the scenario's March 2029 at 太平镇: E alone went from the water bureau to the town
    List<String> marchAtTaiping = jdbc.sql("SELECT ticket_no FROM opinion WHERE reassigned = TRUE "
            + "AND station_code = ? AND submitted_at >= ? AND submitted_at < ?")
        .params(StatisticsScenarioTests.STATION, java.sql.Timestamp.valueOf("2029-03-01 00:00:00"),
            java.sql.Timestamp.valueOf("2029-04-01 00:00:00"))
        .query(String.class).list();
    assertThat(marchAtTaiping).hasSize(1);
    assertThat(handedOn).contains(marchAtTaiping.get(0));
    assertThat(jdbc.sql("SELECT a.department_code FROM department_assignment a WHERE a.reference = ? "
            + "ORDER BY a.assigned_at, a.id").param(marchAtTaiping.get(0)).query(String.class).list())
        .as("first the water bureau, then the town").containsExactly("dept-water", "dept-town");
  }

  @Test
  void eachDepartmentsReturnedCountEqualsTheCountFromAllHandOvers() {
    Statistics.Period always = new Statistics.Period(LocalDate.of(2000, 1, 1), LocalDate.of(2099, 12, 31), null,
        null);
    Map<String, Long> fromAllHandOvers = returnedFromAllHandOvers(null);
    assertThat(fromAllHandOvers).as("the scenario's E at least").containsKey("dept-water");
    assertThat(returned(statistics.figures(always, null))).isEqualTo(fromAllHandOvers);

    String station = StatisticsScenarioTests.STATION;
    Statistics.Period atTaiping = new Statistics.Period(always.from(), always.to(), station, null);
    assertThat(returned(statistics.figures(atTaiping, List.of(station))))
        .isEqualTo(returnedFromAllHandOvers(station))
        .containsEntry("dept-water", returnedFromAllHandOvers(station).get("dept-water"));
  }

  @Test
  void everyOpinionFigureEqualsTheConditionalSumsOverTheOpinionsThemselves() {
    // read at a fixed time between the scenario's deadlines (some of its opinions are late only by now)
    ClockUtil.setCurrentTime(java.util.Date.from(java.time.Instant.parse("2029-03-20T01:00:00Z")));
    try {
      Statistics.Period always = new Statistics.Period(LocalDate.of(2000, 1, 1), LocalDate.of(2099, 12, 31), null,
          null);
      Map<String, List<Long>> raw = conditionalSums(null);
      assertThat(raw.get("dept-water").get(0)).as("the scenario's water bureau at least").isPositive();
      assertThat(figures(statistics.figures(always, null))).isEqualTo(raw);

      String station = StatisticsScenarioTests.STATION;
      Statistics.Period atTaiping = new Statistics.Period(always.from(), always.to(), station, null);
      Statistics s = statistics.figures(atTaiping, List.of(station));
      assertThat(figures(s)).isEqualTo(conditionalSums(station));
      assertThat(s.opinions().byStation()).containsOnlyKeys(station);
      assertThat(s.opinions().byStation().get(station)).isEqualTo(s.opinions().received())
          .isEqualTo(s.opinions().byChannel().values().stream().mapToLong(Long::longValue).sum())
          .isEqualTo(s.opinions().byCategory().values().stream().mapToLong(Long::longValue).sum());
      assertThat(s.opinions().byCategory()).containsAllEntriesOf(countsBy("category", station));
      assertThat(s.opinions().byChannel()).containsAllEntriesOf(countsBy("channel", station));

      // the dashboard's trend counts the same way: March 2029 at 太平镇 as the figures of that month
      Statistics march = statistics.figures(new Statistics.Period(LocalDate.of(2029, 3, 1), LocalDate.of(2029, 3, 31),
          station, null), List.of(station));
      StatisticsDetails.Month trend = details.trend(LocalDate.of(2029, 3, 1), LocalDate.of(2029, 3, 31),
          List.of(station)).get(0);
      assertThat(List.of(trend.received(), trend.closed(), trend.closedOnTime(), trend.satisfaction()))
          .isEqualTo(List.of(march.opinions().received(), march.opinions().closed(),
              march.opinions().closedOnTime(), march.opinions().rates().satisfaction()))
          .first().isEqualTo(9L);
    } finally {
      ClockUtil.reset();
    }
  }

  /** Per department (and "" for all opinions): assigned, closed, solved … dissatisfied, in the order of the sums. */
  private static Map<String, List<Long>> figures(Statistics s) {
    Map<String, List<Long>> figures = new HashMap<>();
    Statistics.Opinions o = s.opinions();
    figures.put("", List.of(o.received(), o.closed(), o.solved(), o.partlySolved(), o.unsolved(), o.closedOnTime(),
        o.overdue(), o.toProposal(), o.evaluation().satisfied(), o.evaluation().basicallySatisfied(),
        o.evaluation().dissatisfied()));
    // a department's assigned includes the opinions it handed on (returned), which the sums do not hold
    s.opinions().byDepartment().forEach(d -> figures.put(d.department(), List.of(d.assigned() - d.returned(),
        d.closed(), d.closedOnTime(), d.overdue(), d.reopened())));
    figures.values().removeIf(f -> f.get(0) == 0);
    return figures;
  }

  /** The figures as the statistics computed them before V30: conditional sums over the opinions' columns. */
  private Map<String, List<Long>> conditionalSums(String station) {
    java.sql.Timestamp now = java.sql.Timestamp.from(ClockUtil.getCurrentTime().toInstant());
    String sums = "COUNT(*), "
        + sum("status = 'CLOSED'") + sum("status = 'CLOSED' AND outcome = 'SOLVED'")
        + sum("status = 'CLOSED' AND outcome = 'PARTLY_SOLVED'") + sum("status = 'CLOSED' AND outcome = 'UNSOLVED'")
        + sum("status = 'CLOSED' AND NOT overdue AND (due_at IS NULL OR replied_at <= due_at)")
        + sum("overdue OR due_at < COALESCE(replied_at, :now)") + sum("route = 'TO_PROPOSAL'")
        + sum("status = 'CLOSED' AND satisfaction = 'SATISFIED'")
        + sum("status = 'CLOSED' AND satisfaction = 'BASICALLY_SATISFIED'")
        + sum("status = 'CLOSED' AND satisfaction = 'DISSATISFIED'") + sum("reopen_count > 0") + "0 AS unused";
    Map<String, Object> params = new HashMap<>(Map.of("now", now));
    String where = station == null ? "" : " WHERE station_code = :station";
    if (station != null) {
      params.put("station", station);
    }
    Map<String, List<Long>> figures = new HashMap<>();
    jdbc.sql("SELECT department_code, " + sums + " FROM opinion" + where + " GROUP BY department_code")
        .paramSource(params)
        .query((java.sql.ResultSet rs) -> {
          List<Long> all = figures.computeIfAbsent("", x -> new java.util.ArrayList<>(
              java.util.Collections.nCopies(11, 0L)));
          for (int i = 0; i < 11; i++) {
            all.set(i, all.get(i) + rs.getLong(2 + i));
          }
          if (rs.getString(1) != null) {
            figures.put(rs.getString(1), List.of(rs.getLong(2), rs.getLong(3), rs.getLong(7), rs.getLong(8),
                rs.getLong(13)));
          }
        });
    figures.replaceAll((k, v) -> List.copyOf(v));
    figures.values().removeIf(f -> f.get(0) == 0);
    return figures;
  }

  private static String sum(String condition) {
    return "COALESCE(SUM(CASE WHEN " + condition + " THEN 1 ELSE 0 END), 0), ";
  }

  private Map<String, Long> countsBy(String column, String station) {
    Map<String, Long> counts = new HashMap<>();
    jdbc.sql("SELECT " + column + ", COUNT(*) FROM opinion WHERE station_code = ? GROUP BY " + column)
        .param(station).query((java.sql.ResultSet rs) -> {
          counts.put(rs.getString(1), rs.getLong(2));
        });
    return counts;
  }

  private static Map<String, Long> returned(Statistics s) {
    Map<String, Long> returned = new HashMap<>();
    s.opinions().byDepartment().stream().filter(d -> d.returned() > 0)
        .forEach(d -> returned.put(d.department(), d.returned()));
    return returned;
  }

  /** The count as defined, over every hand-over of every opinion, without the reassigned mark. */
  private Map<String, Long> returnedFromAllHandOvers(String station) {
    Map<String, Long> counts = new HashMap<>();
    jdbc.sql("SELECT a.department_code, COUNT(DISTINCT o.id) FROM department_assignment a "
            + "JOIN opinion o ON o.ticket_no = a.reference WHERE a.operation = 'ASSIGN_OPINION' "
            + (station == null ? "" : "AND o.station_code = :station ")
            + "AND (o.department_code IS NULL OR o.department_code <> a.department_code) "
            + "AND NOT EXISTS (SELECT 1 FROM opinion_reply p WHERE p.opinion_id = o.id "
            + "AND p.department_code = a.department_code) GROUP BY a.department_code")
        .paramSource(station == null ? Map.of() : Map.of("station", station))
        .query((java.sql.ResultSet rs) -> {
          counts.put(rs.getString(1), rs.getLong(2));
        });
    return counts;
  }
}
