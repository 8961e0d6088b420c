package cn.liaison.platform.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import cn.liaison.platform.PostgresSupport;
import cn.liaison.platform.statistics.Statistics;
import cn.liaison.platform.statistics.StatisticsService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Benchmark, not a test: generates 1,000,000 opinions over four years (2022–2025) on PostgreSQL with set-based SQL
 * (generate_series), with their hand-overs and replies, and proportional proposals, forums, receptions with visits,
 * rectification tasks and problems, projects with inspections and campaign households; vacuums and analyses, then
 * times {@link StatisticsService#figures} for the year 2025 — all stations and one station, the first call (cold:
 * right after loading, plans and caches fresh) and ten more (warm: median and maximum) — printing each part's time
 * (opinions, proposals, forums, receptions, rectification, projects, campaigns, lights) and the total, the load
 * average, and PostgreSQL's EXPLAIN (ANALYZE, BUFFERS) of the opinions' queries (the cells of the whole months, the
 * days outside them, overdue by now, the 退回 lookup) and of the campaigns' cells. Goal: ≤ 300 ms per year-query. The class name ends neither in Tests nor in IT, so the normal build skips it:
 *
 * <pre>
 * ./mvnw -q test -Dtest=StatisticsBenchmark -Dsurefire.failIfNoSpecifiedTests=false [-Dbench.opinions=1000000]
 * </pre>
 *
 * To measure again without generating the data anew, keep a database and reuse it:
 * {@code -Dliaison.bench.pg.url=jdbc:postgresql://127.0.0.1:5432/stat_bench -Dbench.reuse=true}.
 *
 * It runs on a fresh database created on 127.0.0.1:5432 and dropped afterwards ({@link PostgresSupport}). The report
 * is also written to target/benchmark/.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "camunda.bpm.job-execution.enabled=false",
    "liaison.demo.enabled=true"})
@ActiveProfiles({"test", "postgres"})
class StatisticsBenchmark {

  static final PostgresSupport.Database DB = PostgresSupport.benchmarkDatabase();
  static final int OPINIONS = Integer.getInteger("bench.opinions", 1_000_000);
  static final int STATIONS = 20;
  static final int RUNS = 10;

  @Autowired JdbcTemplate jdbc;
  @Autowired StatisticsService statistics;

  final StringBuilder report = new StringBuilder();

  @BeforeAll
  static void database() {
    DB.url();
  }

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    DB.register(registry);
  }

  @Test
  void oneYearOfAMillionOpinions() throws Exception {
    out("Statistics benchmark: %,d opinions 2022–2025 on %s, %d CPUs, load %s%n", OPINIONS, DB.url(),
        Runtime.getRuntime().availableProcessors(), Files.readString(Path.of("/proc/loadavg")).strip());
    long t = System.nanoTime();
    if (Boolean.getBoolean("bench.reuse") && jdbc.queryForObject("SELECT COUNT(*) FROM opinion", Long.class) >= OPINIONS) {
      out("data of an earlier run reused (-Dbench.reuse=true with -Dliaison.bench.pg.url=…)%n");
    } else {
      generate();
    }
    out("data generated in %.1f s%n", (System.nanoTime() - t) / 1e9);
    t = System.nanoTime();
    for (String table : List.of("opinion", "department_assignment", "opinion_reply", "proposal", "proposal_unit",
        "proposal_opinion", "proposal_evaluation", "forum", "forum_invitation", "forum_suggestion", "reception",
        "reception_visit", "rectification_drive", "rectification_task", "rectification_problem", "project",
        "project_inspection", "campaign", "household", "station", "station_deputy", "opinion_month_count",
        "opinion_month_figure", "opinion_month_figure_all", "household_figure")) {
      jdbc.execute("VACUUM ANALYZE " + table);
    }
    out("VACUUM ANALYZE in %.1f s%n", (System.nanoTime() - t) / 1e9);
    out("rows: %s%n", counts());

    Statistics.Period year = new Statistics.Period(LocalDate.of(2025, 1, 1), LocalDate.of(2025, 12, 31), null, null);
    Statistics.Period station = new Statistics.Period(year.from(), year.to(), "bench-07", null);
    measure("2025, all stations", year, null);
    measure("2025, one station", station, List.of("bench-07"));

    // the year as the opinions' times are stored (the JVM's zone), cut like StatisticsService: whole months from
    // the cells, the days before and after them from the opinions
    java.time.ZoneId beijing = java.time.ZoneId.of("Asia/Shanghai");
    java.time.LocalDateTime start = java.sql.Timestamp.from(LocalDate.of(2025, 1, 1).atStartOfDay(beijing)
        .toInstant()).toLocalDateTime();
    java.time.LocalDateTime end = java.sql.Timestamp.from(LocalDate.of(2026, 1, 1).atStartOfDay(beijing)
        .toInstant()).toLocalDateTime();
    LocalDate firstMonth = start.toLocalDate().withDayOfMonth(1);
    if (!start.equals(firstMonth.atStartOfDay())) {
      firstMonth = firstMonth.plusMonths(1);
    }
    LocalDate lastMonth = end.toLocalDate().withDayOfMonth(1);
    String months = "submitted_month >= '" + firstMonth + "' AND submitted_month < '" + lastMonth + "'";
    String year2025 = "submitted_at >= '" + start + "' AND submitted_at < '" + end + "'";
    out("the year 2025 as stored: %s – %s; whole months from the cells: %s – %s%n", start, end, firstMonth,
        lastMonth);
    explain("cells: the whole months' counts by station, channel and category", "SELECT station_code, channel, "
        + "category, SUM(n) FROM opinion_month_count WHERE " + months + " GROUP BY station_code, channel, category "
        + "HAVING SUM(n) <> 0");
    explain("cells: the whole months' figures by department and figure class, all stations", "SELECT "
        + "department_code, figure_class, SUM(n) FROM opinion_month_figure_all WHERE " + months
        + " GROUP BY department_code, figure_class HAVING SUM(n) <> 0");
    explain("cells: the whole months' figures by department and figure class, one station", "SELECT "
        + "department_code, figure_class, SUM(n) FROM opinion_month_figure WHERE " + months
        + " AND station_code = 'bench-07' GROUP BY department_code, figure_class HAVING SUM(n) <> 0");
    String edge = "submitted_at >= '" + lastMonth.atStartOfDay() + "' AND submitted_at < '" + end + "'";
    if (lastMonth.atStartOfDay().isBefore(end)) {
      explain("the last days after the whole months, from the opinions: counts", "SELECT station_code, channel, "
          + "category, COUNT(*) FROM opinion WHERE " + edge + " GROUP BY station_code, channel, category");
      explain("the last days after the whole months, from the opinions: figures", "SELECT department_code, "
          + "figure_class, COUNT(*) FROM opinion WHERE " + edge + " GROUP BY department_code, figure_class");
    }
    explain("unanswered opinions past their deadline now", "SELECT department_code, figure_class, COUNT(*) FROM "
        + "opinion WHERE replied_at IS NULL AND due_at IS NOT NULL AND due_at < now()::timestamp AND " + year2025
        + " GROUP BY department_code, figure_class");
    explain("the period's reassigned opinions handed on without a reply (退回/改派)", "SELECT a.department_code, "
        + "COUNT(DISTINCT o.id) FROM opinion o JOIN department_assignment a ON a.operation = 'ASSIGN_OPINION' "
        + "AND a.reference = o.ticket_no WHERE o.reassigned = TRUE AND o." + year2025.replace(" AND ", " AND o.")
        + " AND (o.department_code IS NULL OR o.department_code <> a.department_code) AND NOT EXISTS (SELECT 1 "
        + "FROM opinion_reply p WHERE p.opinion_id = o.id AND p.department_code = a.department_code) "
        + "GROUP BY a.department_code");
    explain("the running campaigns' households, from their cells", "SELECT campaign_code, SUM(n), SUM(planted_mu) "
        + "FROM household_figure WHERE campaign_code IN (SELECT code FROM campaign WHERE start_date <= '2025-12-31' "
        + "AND wrap_up_date >= '2025-01-01') GROUP BY campaign_code");
    Files.createDirectories(Path.of("target/benchmark"));
    Files.writeString(Path.of("target/benchmark/statistics.txt"), report);
  }

  void measure(String label, Statistics.Period period, List<String> stations) {
    Map<String, List<Long>> parts = new LinkedHashMap<>();
    List<Long> totals = new ArrayList<>();
    Statistics first = null;
    for (int run = 0; run <= RUNS; run++) {
      Map<String, Long> these = new LinkedHashMap<>();
      long start = System.nanoTime();
      Statistics s = statistics.figures(period, stations, these::put);
      long total = System.nanoTime() - start;
      if (run == 0) {
        first = s;
        out("%-20s cold  %6.1f ms  %s%n", label, total / 1e6, millis(these));
        continue;
      }
      totals.add(total);
      these.forEach((k, v) -> parts.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
    }
    Collections.sort(totals);
    Map<String, Long> medians = new LinkedHashMap<>();
    parts.forEach((k, v) -> {
      Collections.sort(v);
      medians.put(k, v.get(v.size() / 2));
    });
    out("%-20s warm  %6.1f ms median, %6.1f ms max of %d  %s · load %s%n", label, totals.get(totals.size() / 2) / 1e6,
        totals.get(totals.size() - 1) / 1e6, RUNS, millis(medians), load());
    var o = first.opinions();
    out("%-20s figures: received %,d closed %,d onTime %,d overdue %,d returned %,d · rates %.3f / %.3f / %.3f · "
        + "proposals %,d forums %,d receptions %,d problems %,d campaigns %d%n", label, o.received(), o.closed(),
        o.closedOnTime(), o.overdue(), o.byDepartment().stream().mapToLong(d -> d.returned()).sum(),
        o.rates().closing(), o.rates().onTime(), o.rates().satisfaction(), first.proposals().submitted(),
        first.forums().held(), first.receptions().sessions(), first.rectification().problems(),
        first.campaigns().size());
    out("%-20s campaigns: households %,d signed %,d planted %,d (%.1f mu) subsidised %,d unwilling %,d%n", label,
        first.campaigns().stream().mapToLong(c -> c.households()).sum(),
        first.campaigns().stream().mapToLong(c -> c.signed()).sum(),
        first.campaigns().stream().mapToLong(c -> c.planted()).sum(),
        first.campaigns().stream().mapToDouble(c -> c.plantedMu()).sum(),
        first.campaigns().stream().mapToLong(c -> c.subsidised()).sum(),
        first.campaigns().stream().mapToLong(c -> c.unwilling()).sum());
    assertThat(o.received()).isPositive();
  }

  static String load() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return fields[0] + " " + fields[1] + " " + fields[2];
    } catch (java.io.IOException e) {
      return "?";
    }
  }

  void explain(String label, String sql) {
    List<String> plan = jdbc.queryForList("EXPLAIN (ANALYZE, BUFFERS) " + sql, String.class);
    out("--- EXPLAIN ANALYZE: %s%n", label);
    plan.forEach(line -> out("    %s%n", line));
  }

  static String millis(Map<String, Long> nanos) {
    StringBuilder b = new StringBuilder();
    nanos.forEach((k, v) -> b.append(k).append(' ').append(String.format("%.1f", v / 1e6)).append(" · "));
    return b.length() == 0 ? "" : b.substring(0, b.length() - 3);
  }

  Map<String, Long> counts() {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (String table : List.of("opinion", "department_assignment", "opinion_reply", "proposal", "forum",
        "reception", "reception_visit", "rectification_problem", "project_inspection", "household",
        "opinion_month_count", "opinion_month_figure", "opinion_month_figure_all", "household_figure")) {
      counts.put(table, jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Long.class));
    }
    return counts;
  }

  /** Set-based generation: every row from generate_series, spread by hashes of its number. */
  void generate() {
    long t = System.nanoTime();
    jdbc.update("INSERT INTO station (code, name, kind, county, town, address, active, sort_order) "
        + "SELECT 'bench-' || lpad(s::text, 2, '0'), '基准联络站' || s, 'FIXED', '基准县', '基准镇' || s, '—', TRUE, 1000 + s "
        + "FROM generate_series(1, ?) s", STATIONS);
    jdbc.update("INSERT INTO station_deputy (station_code, deputy_user_id) "
        + "SELECT 'bench-' || lpad(s::text, 2, '0'), 'bench-deputy-' || s FROM generate_series(1, ?) s", STATIONS);
    // four years, in submission order; statuses as a working county has them
    jdbc.update("""
        INSERT INTO opinion (ticket_no, tracking_key_hash, station_code, channel, category, content, place, anonymous,
            status, grade, department_code, due_at, overdue, route, reopen_count, submitted_at, replied_at, closed_at,
            outcome, satisfaction, updated_at)
        SELECT 'YJ' || to_char(ts, 'YYYYMMDD') || '-' || i, md5(i::text), 'bench-' || lpad((1 + i % ?)::text, 2, '0'),
            (ARRAY['QR_CODE','QR_CODE','QR_CODE','MOBILE_RECEPTION','FORUM','PHONE'])[1 + (i / 7) % 6],
            (ARRAY['AGRICULTURE','IRRIGATION','SUBSIDY','LAND','HOUSING','MARKET','INDUSTRY','SAFETY','CONSULTATION',
                'COMPLAINT','VILLAGE_AFFAIRS','OTHER'])[1 + (i / 3) % 12],
            '（基准数据）', '—', FALSE, st, 'GENERAL',
            CASE WHEN st IN ('CLOSED','REPLIED','ASSIGNED') AND h % 10 < 9
                THEN (ARRAY['dept-finance','dept-agriculture','dept-water','dept-housing','dept-natural-resources',
                    'dept-market','dept-town'])[1 + (i / 11) % 7] END,
            CASE WHEN st IN ('CLOSED','REPLIED','ASSIGNED') AND h % 10 < 9 THEN ts + interval '7 days' END,
            h % 20 = 0,
            CASE WHEN st = 'TO_PROPOSAL' THEN 'TO_PROPOSAL' WHEN h % 10 < 9 THEN 'ASSIGN_DEPARTMENT'
                ELSE 'ANSWER_DIRECTLY' END,
            CASE WHEN h % 50 = 0 THEN 1 ELSE 0 END, ts,
            CASE WHEN st IN ('CLOSED','REPLIED') THEN ts + (h % 9) * interval '1 day' END,
            CASE WHEN st IN ('CLOSED','REJECTED','DUPLICATE') THEN ts + (h % 9 + 3) * interval '1 day' END,
            CASE WHEN st IN ('CLOSED','REPLIED') THEN (ARRAY['SOLVED','SOLVED','SOLVED','PARTLY_SOLVED','UNSOLVED'])[1 + h % 5]
                WHEN st IN ('REJECTED','DUPLICATE') THEN st END,
            CASE WHEN st = 'CLOSED' THEN (ARRAY['SATISFIED','SATISFIED','SATISFIED','SATISFIED','SATISFIED','SATISFIED',
                'BASICALLY_SATISFIED','BASICALLY_SATISFIED','DISSATISFIED','UNEVALUATED'])[1 + (h / 7) % 10] END,
            ts
        FROM (SELECT i, h, ts, CASE WHEN ts > timestamp '2025-12-01' AND h % 3 = 0 THEN 'ASSIGNED'
                 ELSE (ARRAY['CLOSED','CLOSED','CLOSED','CLOSED','CLOSED','CLOSED','CLOSED','CLOSED','CLOSED','CLOSED',
                     'CLOSED','CLOSED','CLOSED','CLOSED','CLOSED','CLOSED','REPLIED','TO_PROPOSAL','REJECTED','DUPLICATE'])[1 + (h / 3) % 20] END AS st
              FROM (SELECT i, (hashint4(i)::bigint & 2147483647) AS h,
                      timestamp '2022-01-01' + (i::bigint * 126230400 / ?) * interval '1 second' AS ts
                    FROM generate_series(0, ? - 1) i) g) o
        """, STATIONS, OPINIONS, OPINIONS);
    lap("opinions", t);
    t = System.nanoTime();
    // one hand-over per assigned opinion; 2 % were first handed to another department and reassigned (改派)
    jdbc.update("""
        INSERT INTO department_assignment (idempotency_key, department_code, operation, reference, deadline, assigned_at)
        SELECT 'bench:' || id || ':1', department_code, 'ASSIGN_OPINION', ticket_no, due_at, submitted_at + interval '1 day'
        FROM opinion WHERE department_code IS NOT NULL
        """);
    jdbc.update("""
        INSERT INTO department_assignment (idempotency_key, department_code, operation, reference, deadline, assigned_at)
        SELECT 'bench:' || id || ':0', CASE WHEN department_code = 'dept-town' THEN 'dept-water' ELSE 'dept-town' END,
            'ASSIGN_OPINION', ticket_no, due_at, submitted_at + interval '2 hours'
        FROM opinion WHERE department_code IS NOT NULL AND id % 50 = 7
        """);
    // 改派 marks the opinion in the hand-over's transaction (Opinions.assign); here the rebuild of V29 sets it
    jdbc.update("""
        UPDATE opinion SET reassigned = TRUE
        WHERE EXISTS (SELECT 1 FROM department_assignment a WHERE a.operation = 'ASSIGN_OPINION'
            AND a.reference = opinion.ticket_no
            AND (opinion.department_code IS NULL OR a.department_code <> opinion.department_code))
        """);
    jdbc.update("""
        INSERT INTO opinion_reply (opinion_id, reply_round, source, department_code, result, reply_text, replied_at)
        SELECT id, 1, CASE WHEN department_code IS NULL THEN 'ANALYST' ELSE 'DEPARTMENT' END, department_code,
            CASE WHEN outcome IN ('SOLVED','PARTLY_SOLVED','UNSOLVED') THEN outcome END, '（基准答复）', replied_at
        FROM opinion WHERE replied_at IS NOT NULL
        """);
    lap("hand-overs and replies", t);
    t = System.nanoTime();
    int proposals = OPINIONS / 100;
    jdbc.update("""
        INSERT INTO proposal (proposal_no, title, reasons, content, category, lead_deputy, created_by, status,
            created_at, updated_at)
        SELECT 'JYB-' || i, '基准建议', '—', '—', 'AGRICULTURE', 'bench-deputy-' || (1 + i % ?), 'bench',
            (ARRAY['ACCEPTED','ASSIGNED','HANDLING','ANSWERED','CLOSED','CLOSED','WITHDRAWN'])[1 + i % 7], ts, ts
        FROM (SELECT i, timestamp '2022-01-01' + (i::bigint * 126230400 / ?) * interval '1 second' AS ts
              FROM generate_series(0, ? - 1) i) g
        """, STATIONS, proposals, proposals);
    jdbc.update("""
        INSERT INTO proposal_unit (proposal_id, department_code, role, assigned_at, result, replied_at)
        SELECT id, 'dept-agriculture', 'LEAD', created_at, CASE WHEN status IN ('ANSWERED','CLOSED')
            THEN (ARRAY['A','B','C','D'])[1 + id % 4] END,
            CASE WHEN status IN ('ANSWERED','CLOSED') THEN created_at + interval '60 days' END
        FROM proposal
        """);
    jdbc.update("""
        INSERT INTO proposal_opinion (proposal_id, opinion_id, ticket_no)
        SELECT p.id, o.id, o.ticket_no FROM proposal p JOIN opinion o ON o.id = p.id * 3
        """);
    jdbc.update("""
        INSERT INTO proposal_evaluation (proposal_id, round, rating, evaluated_at)
        SELECT id, 1, (ARRAY['SATISFIED','SATISFIED','BASICALLY_SATISFIED','DISSATISFIED'])[1 + id % 4],
            created_at + interval '90 days' FROM proposal WHERE status = 'CLOSED'
        """);
    int forums = OPINIONS / 500;
    jdbc.update("""
        INSERT INTO forum (forum_no, station_code, topic, sector, starts_at, place, status, created_by, created_at)
        SELECT 'ZTB-' || i, 'bench-' || lpad((1 + i % ?)::text, 2, '0'), '基准座谈会', '农业', ts, '—',
            (ARRAY['HELD','RECORDED','RECORDED'])[1 + i % 3], 'bench', ts
        FROM (SELECT i, timestamp '2022-01-01' + (i::bigint * 126230400 / ?) * interval '1 second' AS ts
              FROM generate_series(0, ? - 1) i) g
        """, STATIONS, forums, forums);
    jdbc.update("""
        INSERT INTO forum_invitation (forum_id, deputy_user_id, reply, attended)
        SELECT f.id, 'bench-deputy-' || d, 'ATTEND', (f.id + d) % 10 <> 0 FROM forum f, generate_series(1, 5) d
        """);
    jdbc.update("""
        INSERT INTO forum_suggestion (forum_id, proposer_kind, proposer, category, content, disposition, status,
            created_by, created_at)
        SELECT f.id, 'DEPUTY', 'bench-deputy-1', 'AGRICULTURE', '—', 'RECORD', 'RECORDED', 'bench', f.starts_at
        FROM forum f, generate_series(1, 3) k
        """);
    int sessions = OPINIONS / 50;
    jdbc.update("""
        INSERT INTO reception (reception_no, station_code, kind, theme, place, starts_at, ends_at, status, created_by,
            created_at)
        SELECT 'JDB-' || i, 'bench-' || lpad((1 + i % ?)::text, 2, '0'), 'FIELD_POST', '基准接待', '—', ts,
            ts + interval '4 hours', 'CLOSED', 'bench', ts
        FROM (SELECT i, timestamp '2022-01-01' + (i::bigint * 126230400 / ?) * interval '1 second' AS ts
              FROM generate_series(0, ? - 1) i) g
        """, STATIONS, sessions, sessions);
    jdbc.update("""
        INSERT INTO reception_visit (reception_id, visitors, topic, solved_on_spot, recorded_by, recorded_at)
        SELECT r.id, 1 + (r.id + k) % 4, '—', (r.id + k) % 3 = 0, 'bench', r.starts_at FROM reception r,
            generate_series(1, 5) k
        """);
    lap("proposals, forums, receptions", t);
    t = System.nanoTime();
    jdbc.update("""
        INSERT INTO rectification_drive (code, name, town, station_code, deadline, created_by, created_at)
        SELECT 'ZZB-' || s || '-' || y, '基准整治', '基准镇' || s, 'bench-' || lpad(s::text, 2, '0'),
            make_date(y, 12, 31), 'bench', make_timestamp(y, 1, 1, 9, 0, 0)
        FROM generate_series(1, ?) s, generate_series(2022, 2025) y
        """, STATIONS);
    int tasks = OPINIONS / 200;
    jdbc.update("""
        INSERT INTO rectification_task (drive_id, task_no, title, responsible_unit, grid_code, deadline, created_by,
            created_at)
        SELECT d.id, 'T' || k, '基准任务', 'dept-water', 'tp-hetan', d.deadline, 'bench',
            d.created_at + (k % 300) * interval '1 day'
        FROM rectification_drive d, generate_series(1, ? / (4 * ?)) k
        """, tasks, STATIONS);
    jdbc.update("""
        INSERT INTO rectification_problem (problem_no, task_id, description, source, found_on, responsible_person,
            deadline, status, rectified, created_by, created_at, closed_at)
        SELECT 'WTB-' || t.id || '-' || k, t.id, '—', 'HOME_VISIT', CAST(t.created_at AS DATE),
            '—', CAST(t.created_at AS DATE) + 30, CASE WHEN (t.id + k) % 10 < 9 THEN 'CLOSED' ELSE 'HANDLING' END,
            (t.id + k) % 10 < 9, 'bench', t.created_at,
            CASE WHEN (t.id + k) % 10 < 9 THEN t.created_at + ((t.id + k) % 40) * interval '1 day' END
        FROM rectification_task t, generate_series(1, 10) k
        """);
    jdbc.update("""
        INSERT INTO project (code, name, kind, town, station_code, department, contractor, starts_on, ends_on,
            drive_code, task_no, status, created_by, created_at)
        SELECT 'XMB-' || s || '-' || y, '基准项目', 'HIGH_STANDARD_FARMLAND', '基准镇' || s, 'bench-' || lpad(s::text, 2, '0'),
            'dept-agriculture', '—', make_date(y, 3, 1), make_date(y, 10, 31), 'ZZB-' || s || '-' || y, 'T1', 'CLOSED',
            'bench', make_timestamp(y, 2, 1, 9, 0, 0)
        FROM generate_series(1, ?) s, generate_series(2022, 2025) y
        """, STATIONS);
    jdbc.update("""
        INSERT INTO project_milestone (project_id, seq, name, due, status)
        SELECT id, 1, '开工', starts_on, 'ON_TRACK' FROM project WHERE code LIKE 'XMB-%'
        """);
    jdbc.update("""
        INSERT INTO project_inspection (inspection_no, project_id, milestone_id, inspected_on, findings,
            milestone_status, farmers_visited, inspected_by, created_at)
        SELECT p.code || '-XC' || k, p.id, m.id, p.starts_on + k * 20, '—', 'ON_TRACK', 5, 'bench', p.created_at
        FROM project p JOIN project_milestone m ON m.project_id = p.id, generate_series(1, 10) k
        WHERE p.code LIKE 'XMB-%'
        """);
    jdbc.update("""
        INSERT INTO campaign (code, name, town, start_date, sign_plant_date, wrap_up_date, target_households,
            target_mu, subsidy_per_mu, status, created_at)
        SELECT 'GZB-' || s, '基准改种' || s, '基准镇' || s, DATE '2025-03-01', DATE '2025-05-01', DATE '2025-09-30',
            5000, 10000, 300, 'ENDED', timestamp '2025-02-01' FROM generate_series(1, ?) s
        """, STATIONS);
    jdbc.update("""
        INSERT INTO household (campaign_code, household_no, head_name, village, responsible_deputy, status,
            signed_at, planted_mu, planted_on, subsidised_at, updated_at)
        SELECT c.code, 'H' || k, '—', '村' || (k % 12), 'bench-deputy-' || (1 + k % 5),
            (ARRAY['SUBSIDISED','SUBSIDISED','PLANTED','SIGNED','UNWILLING','PENDING'])[1 + k % 6],
            CASE WHEN k % 6 < 4 THEN timestamp '2025-04-01' END, CASE WHEN k % 6 < 3 THEN 2.5 END,
            CASE WHEN k % 6 < 3 THEN DATE '2025-05-20' END, CASE WHEN k % 6 < 2 THEN timestamp '2025-08-01' END,
            timestamp '2025-08-01'
        FROM campaign c, generate_series(1, ? / ?) k WHERE c.code LIKE 'GZB-%'
        """, OPINIONS / 10, STATIONS);
    lap("rectification, projects, campaigns", t);
  }

  void lap(String what, long start) {
    out("  %-36s %6.1f s%n", what, (System.nanoTime() - start) / 1e9);
  }

  void out(String format, Object... args) {
    String line = String.format(format, args);
    System.out.print(line);
    report.append(line);
  }
}
