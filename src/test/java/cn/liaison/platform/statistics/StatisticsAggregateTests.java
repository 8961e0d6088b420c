package cn.liaison.platform.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import cn.liaison.platform.PlatformTest;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The monthly opinion figures (V31) that the statistics add up for whole months are the opinions' own counts at
 * every moment: after each change of an opinion (received, re-categorised, handed to a department, answered,
 * closed, moved to another month, erased, deleted) and after a fold, each cell's sum equals the count over the
 * opinions — over the whole tables, with whatever the other tests of the shared database left. A period whose ends
 * cut months reads its edge days from the opinions; "overdue by now" is read live. The same on PostgreSQL
 * (StatisticsAggregatePostgresIT), where statement and row triggers keep the tables.
 */
@PlatformTest
class StatisticsAggregateTests {

  static final String STATION = "yy-taiping-mobile";

  @Autowired JdbcClient jdbc;
  @Autowired StatisticsService statistics;
  @Autowired FigureCellsFolding folding;

  final String run = UUID.randomUUID().toString().substring(0, 6);

  @AfterEach
  void removeTheseRecords() {
    jdbc.sql("DELETE FROM opinion WHERE ticket_no LIKE ?").param("AGG" + run + "%").update();
    jdbc.sql("DELETE FROM household WHERE campaign_code = ?").param("AGG" + run).update();
    jdbc.sql("DELETE FROM campaign WHERE code = ?").param("AGG" + run).update();
    ClockUtil.reset();
  }

  @Test
  void aCampaignsHouseholdFiguresEqualItsHouseholdsThroughSigningPlantingSubsidyAndRefusal() {
    assertTheHouseholdFiguresAreTheHouseholdsCounts("before");
    String campaign = "AGG" + run;
    jdbc.sql("INSERT INTO campaign (code, name, town, start_date, sign_plant_date, wrap_up_date, target_households, "
            + "target_mu, subsidy_per_mu, status, created_at) VALUES (?, '测试改种', '测试镇', DATE '2033-03-01', "
            + "DATE '2033-05-01', DATE '2033-09-30', 3, 10, 300, 'ENDED', TIMESTAMP '2033-02-01 00:00:00')")
        .param(campaign).update();
    for (String h : List.of("H1", "H2", "H3")) {
      jdbc.sql("INSERT INTO household (campaign_code, household_no, head_name, village, status, updated_at) "
          + "VALUES (?, ?, '测试', '测试村', 'PENDING', TIMESTAMP '2033-03-01 00:00:00')").params(campaign, h).update();
    }
    assertTheHouseholdFiguresAreTheHouseholdsCounts("three households");
    household("UPDATE household SET status = 'SIGNED', signed_at = TIMESTAMP '2033-04-01 00:00:00' "
        + "WHERE campaign_code = ? AND household_no = 'H1'", campaign);
    household("UPDATE household SET status = 'PLANTED', planted_on = DATE '2033-05-20', planted_mu = 2.5 "
        + "WHERE campaign_code = ? AND household_no = 'H1'", campaign);
    household("UPDATE household SET planted_mu = 3.25 WHERE campaign_code = ? AND household_no = 'H1'", campaign);
    household("UPDATE household SET status = 'UNWILLING' WHERE campaign_code = ? AND household_no = 'H2'", campaign);
    household("UPDATE household SET head_name = '（已删除）' WHERE campaign_code = ? AND household_no = 'H3'", campaign);
    assertTheHouseholdFiguresAreTheHouseholdsCounts("signed, planted, re-measured, unwilling, erased");

    Statistics all = statistics.figures(new Statistics.Period(LocalDate.parse("2033-01-01"),
        LocalDate.parse("2033-12-31"), null, null), null);
    assertThat(all.campaigns()).filteredOn(c -> c.campaign().equals(campaign)).singleElement()
        .satisfies(c -> assertThat(List.of(c.households(), c.signed(), c.planted(), c.unwilling(), c.subsidised()))
            .isEqualTo(List.of(3L, 1L, 1L, 1L, 0L)))
        .satisfies(c -> assertThat(c.plantedMu()).isEqualTo(3.25));

    folding.fold();
    assertTheHouseholdFiguresAreTheHouseholdsCounts("folded");
    jdbc.sql("DELETE FROM household WHERE campaign_code = ?").param(campaign).update();
    assertTheHouseholdFiguresAreTheHouseholdsCounts("deleted");
  }

  private void household(String sql, String campaign) {
    assertThat(jdbc.sql(sql).param(campaign).update()).isEqualTo(1);
  }

  private void assertTheHouseholdFiguresAreTheHouseholdsCounts(String after) {
    assertThat(cells("SELECT campaign_code, signed, planted, subsidised, SUM(n), SUM(planted_mu), unwilling "
        + "FROM household_figure GROUP BY campaign_code, signed, planted, subsidised, unwilling"))
        .as("households by campaign and progress, " + after)
        .isEqualTo(cells("SELECT campaign_code, signed_at IS NOT NULL, planted_on IS NOT NULL, "
            + "subsidised_at IS NOT NULL, COUNT(*), COALESCE(SUM(CASE WHEN planted_on IS NOT NULL THEN planted_mu END), 0), "
            + "status = 'UNWILLING' FROM household GROUP BY campaign_code, signed_at IS NOT NULL, planted_on IS NOT NULL, "
            + "subsidised_at IS NOT NULL, status = 'UNWILLING'"));
  }

  @Test
  void eachMonthsFiguresEqualTheOpinionsCountsThroughEveryChangeOfAnOpinion() {
    assertTheMonthlyFiguresAreTheOpinionsCounts("before");
    long a = opinion("1", "2031-01-20T02:00:00Z");
    long b = opinion("2", "2031-02-10T02:00:00Z");
    opinion("3", "2031-02-11T02:00:00Z");
    assertTheMonthlyFiguresAreTheOpinionsCounts("three opinions received");

    update("UPDATE opinion SET category = 'SUBSIDY' WHERE id = ?", a);
    assertTheMonthlyFiguresAreTheOpinionsCounts("re-categorised");
    update("UPDATE opinion SET status = 'ASSIGNED', department_code = 'dept-water', route = 'ASSIGN_DEPARTMENT', "
        + "due_at = submitted_at + INTERVAL '7' DAY WHERE id = ?", b);
    assertTheMonthlyFiguresAreTheOpinionsCounts("handed to the water bureau");
    update("UPDATE opinion SET status = 'REPLIED', replied_at = submitted_at + INTERVAL '9' DAY, "
        + "outcome = 'SOLVED' WHERE id = ?", b);
    update("UPDATE opinion SET status = 'CLOSED', satisfaction = 'BASICALLY_SATISFIED', closed_at = replied_at "
        + "WHERE id = ?", b);
    assertTheMonthlyFiguresAreTheOpinionsCounts("answered late and closed");
    update("UPDATE opinion SET submitted_at = submitted_at + INTERVAL '40' DAY WHERE id = ?", a);
    assertTheMonthlyFiguresAreTheOpinionsCounts("moved to another month");

    long rowsBefore = rows();
    update("UPDATE opinion SET content = '（已删除）', place = '（已删除）', contact_name = NULL, contact_phone = NULL, "
        + "process_instance_id = 'x' WHERE id = ?", b);
    assertThat(rows()).as("an erasure changes no figure and appends nothing").isEqualTo(rowsBefore);
    assertTheMonthlyFiguresAreTheOpinionsCounts("erased");

    folding.fold();
    assertThat(rows()).as("a fold leaves about one row per cell").isLessThan(rowsBefore);
    assertTheMonthlyFiguresAreTheOpinionsCounts("folded");

    jdbc.sql("DELETE FROM opinion WHERE ticket_no LIKE ?").param("AGG" + run + "%").update();
    assertTheMonthlyFiguresAreTheOpinionsCounts("deleted");
  }

  @Test
  void aPeriodThatCutsMonthsCountsItsEdgeDaysFromTheOpinionsAndOverdueByNow() {
    // Beijing time: the last hour of January, the first of February, mid-February, the first hour of March
    opinion("1", "2032-01-31T15:30:00Z");
    long firstOfFebruary = opinion("2", "2032-01-31T16:30:00Z");
    long midFebruary = opinion("3", "2032-02-15T02:00:00Z");
    opinion("4", "2032-02-29T16:30:00Z");
    update("UPDATE opinion SET status = 'ASSIGNED', department_code = 'dept-water', "
        + "due_at = submitted_at + INTERVAL '7' DAY WHERE id = ?", firstOfFebruary);
    update("UPDATE opinion SET status = 'ASSIGNED', department_code = 'dept-water', "
        + "due_at = submitted_at + INTERVAL '30' DAY WHERE id = ?", midFebruary);
    ClockUtil.setCurrentTime(java.util.Date.from(Instant.parse("2032-02-20T00:00:00Z")));

    Statistics february = figures("2032-02-01", "2032-02-29");
    assertThat(february.opinions().received()).isEqualTo(2);
    assertThat(february.opinions().overdue()).as("the first of February's deadline passed on the 8th").isEqualTo(1);
    assertThat(february.opinions().byDepartment()).singleElement()
        .satisfies(d -> assertThat(List.of(d.department(), d.assigned(), d.overdue()))
            .isEqualTo(List.of("dept-water", 2L, 1L)));
    assertThat(figures("2032-01-31", "2032-03-01").opinions().received()).isEqualTo(4);
    assertThat(figures("2032-02-01", "2032-03-01").opinions().received()).isEqualTo(3);
    assertThat(figures("2032-01-01", "2032-02-29").opinions().received()).isEqualTo(3);
    assertThat(figures("2032-02-02", "2032-02-28").opinions().received()).isEqualTo(1);
    assertThat(figures("2031-12-01", "2032-12-31").opinions().byStation()).containsEntry(STATION, 4L);
  }

  private Statistics figures(String from, String to) {
    return statistics.figures(new Statistics.Period(LocalDate.parse(from), LocalDate.parse(to), STATION, null),
        List.of(STATION));
  }

  private long opinion(String n, String submittedAt) {
    Timestamp at = Timestamp.from(Instant.parse(submittedAt));
    jdbc.sql("INSERT INTO opinion (ticket_no, tracking_key_hash, station_code, channel, category, content, place, "
            + "status, submitted_at, updated_at) VALUES (?, 'x', ?, 'QR_CODE', 'IRRIGATION', '测试', '测试', "
            + "'RECEIVED', ?, ?)")
        .params("AGG" + run + "-" + n, STATION, at, at).update();
    return jdbc.sql("SELECT id FROM opinion WHERE ticket_no = ?").param("AGG" + run + "-" + n).query(Long.class)
        .single();
  }

  private void update(String sql, long id) {
    assertThat(jdbc.sql(sql).param(id).update()).isEqualTo(1);
  }

  private long rows() {
    return jdbc.sql("SELECT (SELECT COUNT(*) FROM opinion_month_count) + (SELECT COUNT(*) FROM opinion_month_figure) "
            + "+ (SELECT COUNT(*) FROM opinion_month_figure_all)")
        .query(Long.class).single();
  }

  private void assertTheMonthlyFiguresAreTheOpinionsCounts(String after) {
    String month = "CAST(DATE_TRUNC('MONTH', submitted_at) AS DATE)";
    assertThat(cells("SELECT submitted_month, station_code, channel, category, SUM(n) FROM opinion_month_count "
        + "GROUP BY submitted_month, station_code, channel, category"))
        .as("counts by station, channel and category, " + after)
        .isEqualTo(cells("SELECT " + month + ", station_code, channel, category, COUNT(*) FROM opinion GROUP BY "
            + month + ", station_code, channel, category"));
    assertThat(cells("SELECT submitted_month, station_code, department_code, figure_class, SUM(n) FROM opinion_month_figure "
        + "GROUP BY submitted_month, station_code, department_code, figure_class"))
        .as("figures by department and class, " + after)
        .isEqualTo(cells("SELECT " + month + ", station_code, department_code, figure_class, COUNT(*) FROM opinion "
            + "GROUP BY " + month + ", station_code, department_code, figure_class"));
    assertThat(cells("SELECT submitted_month, '-', department_code, figure_class, SUM(n) FROM opinion_month_figure_all "
        + "GROUP BY submitted_month, department_code, figure_class"))
        .as("figures by department and class of all stations, " + after)
        .isEqualTo(cells("SELECT " + month + ", '-', department_code, figure_class, COUNT(*) FROM opinion "
            + "GROUP BY " + month + ", department_code, figure_class"));
  }

  /** Cell (the first four columns, and any after the fifth) → count (the fifth), cells of 0 left out. */
  private Map<String, Long> cells(String sql) {
    Map<String, Long> cells = new TreeMap<>();
    jdbc.sql(sql).query((java.sql.ResultSet rs) -> {
      if (rs.getLong(5) != 0) {
        StringBuilder cell = new StringBuilder();
        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
          if (i != 5) {
            Object value = rs.getObject(i);
            cell.append(value instanceof java.math.BigDecimal d ? d.stripTrailingZeros().toPlainString()
                : String.valueOf(value)).append('|');
          }
        }
        cells.put(cell.toString(), rs.getLong(5));
      }
    });
    return cells;
  }
}
