package cn.liaison.platform.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import cn.liaison.platform.PostgresSupport;
import cn.liaison.platform.campaign.ledger.LedgerImport;
import cn.liaison.platform.campaign.ledger.LedgerReport;
import cn.liaison.platform.campaign.ledger.LedgerWorkbook;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Supplier;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Benchmark, not a test: imports a ledger of 5,000 households × 2 plots (10,000 rows) into PostgreSQL and prints
 * seconds and heap for each step: first import of a CSV (all inserts), the same file again (nothing changes),
 * a changed file (every household and plot updated), the same ledger as .xlsx into a second campaign, the
 * ledger's figures (LedgerReport) and the Excel export (LedgerWorkbook). It asserts correctness only. The class
 * name ends neither in Tests nor in IT, so the normal build skips it; run it explicitly:
 *
 * <pre>
 * ./mvnw -q test -Dtest=LedgerImportBenchmark -Dsurefire.failIfNoSpecifiedTests=false [-Dbench.households=5000]
 * </pre>
 *
 * It runs on a fresh PostgreSQL database, created on 127.0.0.1:5432 and dropped afterwards
 * ({@link PostgresSupport#benchmarkDatabase()}: {@code -Dliaison.bench.pg.server=...} for another server,
 * {@code -Dliaison.bench.pg.url=...} for a given database). On H2 instead:
 * {@code -Dliaison.bench.pg.url=jdbc:h2:mem:bench;DB_CLOSE_DELAY=-1 -Dliaison.bench.pg.user=sa}.
 * "heap peak" is the sum of the heap pools' peak usage during the step (reset before it), "heap after GC" what
 * stays. The report is also written to target/benchmark/.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "camunda.bpm.job-execution.enabled=false",
    // deputy1 and deputy2 answer for the villages
    "liaison.demo.enabled=true",
    "logging.level.cn.liaison.platform.campaign.ledger=WARN"})
@ActiveProfiles({"test", "postgres"})
class LedgerImportBenchmark {

  static final PostgresSupport.Database DB = PostgresSupport.benchmarkDatabase();
  static final int HOUSEHOLDS = Integer.getInteger("bench.households", 5000);
  static final int VILLAGES = 10;
  static final String HEADER = "户编号,户主,村,片区,电话,地块编号,面积(亩),地形,现种作物";

  @Autowired LedgerImport ledgerImport;
  @Autowired LedgerReport ledgerReport;
  @Autowired LedgerWorkbook ledgerWorkbook;
  @Autowired JdbcTemplate jdbc;
  @Autowired cn.liaison.platform.campaign.CampaignService campaignService;
  @Autowired org.camunda.bpm.engine.RuntimeService runtime;
  @Autowired org.camunda.bpm.engine.ManagementService management;

  final StringBuilder report = new StringBuilder();
  final String runId = Long.toString(System.currentTimeMillis(), 36);

  @BeforeAll
  static void database() {
    try {
      DB.url();
    } catch (IllegalStateException e) {
      throw new IllegalStateException("The benchmark needs PostgreSQL: " + e.getMessage() + "; pass "
          + "-Dliaison.bench.pg.server=jdbc:postgresql://host:5432/postgres (a fresh database is created there) or "
          + "-Dliaison.bench.pg.url=jdbc:postgresql://host:5432/db", e);
    }
  }

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    DB.register(registry);
  }

  @Test
  void fiveThousandHouseholdsWithTwoPlotsEach() throws Exception {
    String csvCampaign = "bench-csv-" + runId;
    String xlsxCampaign = "bench-xlsx-" + runId;
    campaign(csvCampaign);
    campaign(xlsxCampaign);
    byte[] csv = csv(false).getBytes(StandardCharsets.UTF_8);
    byte[] changed = csv(true).getBytes(StandardCharsets.UTF_8);
    byte[] xlsx = xlsx();
    out("Ledger import benchmark: %d households × 2 plots = %d rows on %s%n", HOUSEHOLDS, HOUSEHOLDS * 2, DB.url());
    out("files: CSV %d KB, .xlsx %d KB · JVM max heap %d MB · %d CPUs · load %s%n", csv.length >> 10,
        xlsx.length >> 10, Runtime.getRuntime().maxMemory() >> 20, Runtime.getRuntime().availableProcessors(),
        loadAverage());
    out("%-44s %9s %16s %14s %9s %9s%n", "step", "seconds", "heap peak (MB)", "after GC (MB)", "JVM CPU s", "PG CPU s");

    // warm-up on a small file (JIT, connection pool, statement caches); not measured
    String warm = "bench-warm-" + runId;
    campaign(warm);
    ledgerImport.importLedger(warm, "warm.csv", "text/csv", (HEADER + "\nW1,某,村1,,,1,1,一般,\n")
        .getBytes(StandardCharsets.UTF_8));

    LedgerImport.Summary first = step("CSV, first import (inserts)",
        () -> ledgerImport.importLedger(csvCampaign, "台账.csv", "text/csv", csv));
    assertThat(first.householdsCreated()).isEqualTo(HOUSEHOLDS);
    assertThat(first.plotsCreated()).isEqualTo(HOUSEHOLDS * 2);

    LedgerImport.Summary same = step("CSV, same file again (nothing changes)",
        () -> ledgerImport.importLedger(csvCampaign, "台账.csv", "text/csv", csv));
    assertThat(same.householdsUnchanged()).isEqualTo(HOUSEHOLDS);
    assertThat(same.plotsUnchanged()).isEqualTo(HOUSEHOLDS * 2);

    LedgerImport.Summary update = step("CSV, every household and plot changed",
        () -> ledgerImport.importLedger(csvCampaign, "台账.csv", "text/csv", changed));
    assertThat(update.householdsUpdated()).isEqualTo(HOUSEHOLDS);
    assertThat(update.plotsUpdated()).isEqualTo(HOUSEHOLDS * 2);

    LedgerImport.Summary fromXlsx = step(".xlsx, first import (inserts)",
        () -> ledgerImport.importLedger(xlsxCampaign, "台账.xlsx", null, xlsx));
    assertThat(fromXlsx.householdsCreated()).isEqualTo(HOUSEHOLDS);

    // start of the 5,000 sign-off processes: the campaign's first step, one job per batch of a start shard; the
    // shards' batch jobs are not exclusive, so they run side by side on the job executor's threads (here a pool of
    // liaison.bench.job-threads, default 4 like LIAISON_JOB_MAX_THREADS); the shards' ends are exclusive jobs,
    // run one after the other as the job executor does
    int jobThreads = Integer.getInteger("liaison.bench.job-threads", 4);
    // the first sign-offs after a boot run on a cold JVM (the JIT compiles the engine's paths as they run): a
    // smaller campaign is started first and printed on its own, then the measured 5,000
    int warmHouseholds = Integer.getInteger("bench.warmup.households", HOUSEHOLDS / 5);
    if (warmHouseholds > 0) {
      String warmStart = "bench-warm-start-" + runId;
      campaign(warmStart);
      ledgerImport.importLedger(warmStart, "warm.csv", "text/csv", csv(false, warmHouseholds)
          .getBytes(StandardCharsets.UTF_8));
      step(String.format("warm-up: start %,d sign-offs (cold JVM)", warmHouseholds),
          () -> startSignOffs(warmStart, jobThreads));
    }
    int[] jobs = new int[1];
    java.util.Map<String, long[]> rowsBefore = tableWrites();
    step("start 5,000 household sign-offs (all batches)", () -> jobs[0] = startSignOffs(xlsxCampaign, jobThreads));
    out("sign-offs started in %d jobs (batch size %s, %d threads); processes running: %d%n", jobs[0],
        System.getProperty("liaison.campaign.start-batch-size", "50"), jobThreads, runtime.createProcessInstanceQuery()
            .processDefinitionKey("household-sign-off").variableValueEquals("campaignCode", xlsxCampaign).count());
    printWritesPerHousehold(rowsBefore);

    jdbc.update("UPDATE household SET status = 'SIGNED', visit_count = 1, signed_mu = 2 WHERE campaign_code = ? "
        + "AND MOD(id, 3) = 0", csvCampaign);
    jdbc.update("UPDATE household SET status = 'UNWILLING', visit_count = 2, unwilling_reasons = 'HIGH_GROUND,HIGH_COST' "
        + "WHERE campaign_code = ? AND MOD(id, 3) = 1", csvCampaign);
    LedgerReport.Ledger ledger = step("ledger figures (LedgerReport)", () -> ledgerReport.of(csvCampaign));
    assertThat(ledger.overall().households()).isEqualTo(HOUSEHOLDS);
    assertThat(ledger.villages()).hasSize(VILLAGES);
    byte[] workbook = step("Excel ledger (LedgerWorkbook)", () -> ledgerWorkbook.export(csvCampaign));
    out("Excel ledger: %d KB, %d sheets%n", workbook.length >> 10, VILLAGES + 1);

    Path file = Path.of("target", "benchmark", "ledger-import-"
        + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".txt");
    Files.createDirectories(file.getParent());
    Files.writeString(file, report, StandardCharsets.UTF_8);
    System.out.println("(report written to " + file.toAbsolutePath() + ")");
  }

  /**
   * Starts the campaign and runs its sign-off start jobs the way the job executor does: the shards' batch jobs
   * side by side on a pool of {@code jobThreads}, the shards' ends one after the other; returns the jobs run.
   */
  int startSignOffs(String campaignCode, int jobThreads) {
    int jobs = 0;
    campaignService.start(campaignCode);
    String campaignPid = runtime.createProcessInstanceQuery().processInstanceBusinessKey(campaignCode)
        .singleResult().getId();
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(jobThreads);
    try {
      while (true) {
        List<org.camunda.bpm.engine.runtime.Job> batches = management.createJobQuery().processInstanceId(campaignPid)
            .activityId("Task_StartHouseholdSignOffs").list();
        List<org.camunda.bpm.engine.runtime.Job> ends = management.createJobQuery().processInstanceId(campaignPid)
            .activityId("SubProcess_StartHouseholdShards").list();
        if (batches.isEmpty() && ends.isEmpty()) {
          break;
        }
        List<java.util.concurrent.Future<?>> running = new java.util.ArrayList<>();
        for (var job : batches) {
          running.add(pool.submit(() -> management.executeJob(job.getId())));
        }
        for (var job : ends) {
          management.executeJob(job.getId());
        }
        for (var done : running) {
          try {
            done.get();
          } catch (Exception e) {
            throw new IllegalStateException("a batch of sign-off starts failed", e);
          }
        }
        jobs += batches.size() + ends.size();
      }
    } finally {
      pool.shutdown();
    }
    return jobs;
  }

  <T> T step(String name, Supplier<T> work) {
    System.gc();
    List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(p -> p.getType() == MemoryType.HEAP).toList();
    heap.forEach(MemoryPoolMXBean::resetPeakUsage);
    long start = System.nanoTime();
    long jvmCpu = jvmCpuNanos();
    long pgCpu = postgresCpuTicks();
    T result = work.get();
    double seconds = (System.nanoTime() - start) / 1e9;
    double jvmSeconds = (jvmCpuNanos() - jvmCpu) / 1e9;
    double pgSeconds = (postgresCpuTicks() - pgCpu) / 100.0;
    long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    System.gc();
    long after = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    out("%-44s %9.2f %16d %14d %9.2f %9.2f%n", name, seconds, peak >> 20, after >> 20, jvmSeconds, pgSeconds);
    return result;
  }

  /** Rows inserted, updated and deleted so far per table (PostgreSQL's statistics; [ins, upd, del]). */
  java.util.Map<String, long[]> tableWrites() {
    jdbc.execute("SELECT pg_stat_clear_snapshot()");
    java.util.Map<String, long[]> rows = new java.util.TreeMap<>();
    jdbc.query("SELECT relname, n_tup_ins, n_tup_upd, n_tup_del FROM pg_stat_user_tables", r -> {
      rows.put(r.getString(1).toLowerCase(), new long[] {r.getLong(2), r.getLong(3), r.getLong(4)});
    });
    return rows;
  }

  /** What one household's start wrote, table by table (after PostgreSQL has published its statistics). */
  void printWritesPerHousehold(java.util.Map<String, long[]> before) throws InterruptedException {
    Thread.sleep(1500);
    java.util.Map<String, long[]> after = tableWrites();
    out("rows written per household start (inserted / updated / deleted):%n");
    double total = 0;
    for (var e : after.entrySet()) {
      long[] b = before.getOrDefault(e.getKey(), new long[3]);
      long[] a = e.getValue();
      double ins = (a[0] - b[0]) / (double) HOUSEHOLDS;
      double upd = (a[1] - b[1]) / (double) HOUSEHOLDS;
      double del = (a[2] - b[2]) / (double) HOUSEHOLDS;
      if (ins + upd + del >= 0.01) {
        out("  %-28s %6.2f %6.2f %6.2f%n", e.getKey(), ins, upd, del);
        total += ins + upd + del;
      }
    }
    out("  %-28s %6.2f%n", "all tables", total);
  }

  static long jvmCpuNanos() {
    return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
        ? os.getProcessCpuTime() : 0;
  }

  /**
   * CPU time of the local PostgreSQL server's processes (user + system, in clock ticks of 1/100 s), read from
   * /proc; 0 where there is none (another server, not Linux). Processes that end during a step are not counted.
   */
  static long postgresCpuTicks() {
    long ticks = 0;
    java.io.File[] procs = new java.io.File("/proc").listFiles((d, n) -> n.chars().allMatch(Character::isDigit));
    if (procs == null) {
      return 0;
    }
    for (java.io.File proc : procs) {
      try {
        String stat = Files.readString(proc.toPath().resolve("stat"));
        int close = stat.lastIndexOf(')');
        if (!stat.substring(stat.indexOf('(') + 1, close).startsWith("postgres")) {
          continue;
        }
        String[] fields = stat.substring(close + 2).split(" ");
        ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
      } catch (java.io.IOException | RuntimeException gone) {
        // the process ended while we read it
      }
    }
    return ticks;
  }

  void campaign(String code) {
    jdbc.update("INSERT INTO campaign (code, name, town, season, start_date, sign_plant_date, wrap_up_date, "
        + "target_households, target_mu, subsidy_per_mu, status, created_by, created_at) "
        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", code, "基准测试改种行动", "路寨镇", "2027年夏季",
        Date.valueOf(LocalDate.of(2027, 4, 1)), Date.valueOf(LocalDate.of(2027, 4, 15)),
        Date.valueOf(LocalDate.of(2027, 6, 30)), HOUSEHOLDS, new BigDecimal("30000"), new BigDecimal("300"), "DRAFT",
        "benchmark", Timestamp.from(Instant.now()));
    for (int v = 1; v <= VILLAGES; v++) {
      jdbc.update("INSERT INTO campaign_team (campaign_code, scope_kind, scope_name, deputy_user_id) "
          + "VALUES (?, 'VILLAGE', ?, ?)", code, "村" + v, v <= VILLAGES / 2 ? "deputy1" : "deputy2");
    }
  }

  static String[] row(int h, int plot, boolean changed) {
    String[] terrains = {"一般", "地势高", "沙土地"};
    return new String[] {"H" + String.format("%05d", h), (changed ? "改" : "") + "户主" + h, "村" + (h % VILLAGES + 1),
        "片" + (h % 4 + 1), "13" + String.format("%09d", h), "P" + plot,
        new BigDecimal(changed ? "1.75" : "1.5").add(BigDecimal.valueOf(h % 7, 1)).toPlainString(),
        terrains[(h + plot) % 3], plot == 1 ? "小麦" : "玉米"};
  }

  static String csv(boolean changed) {
    return csv(changed, HOUSEHOLDS);
  }

  static String csv(boolean changed, int households) {
    StringBuilder b = new StringBuilder(HEADER).append("\r\n");
    for (int h = 0; h < households; h++) {
      for (int p = 1; p <= 2; p++) {
        b.append(String.join(",", row(h, p, changed))).append("\r\n");
      }
    }
    return b.toString();
  }

  static byte[] xlsx() throws Exception {
    try (SXSSFWorkbook wb = new SXSSFWorkbook(500); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      Sheet sheet = wb.createSheet("台账");
      String[] header = HEADER.split(",");
      Row head = sheet.createRow(0);
      for (int i = 0; i < header.length; i++) {
        head.createCell(i).setCellValue(header[i]);
      }
      int r = 1;
      for (int h = 0; h < HOUSEHOLDS; h++) {
        for (int p = 1; p <= 2; p++) {
          String[] cells = row(h, p, false);
          Row row = sheet.createRow(r++);
          for (int i = 0; i < cells.length; i++) {
            if (i == 6) {
              row.createCell(i).setCellValue(Double.parseDouble(cells[i]));
            } else {
              row.createCell(i).setCellValue(cells[i]);
            }
          }
        }
      }
      wb.write(out);
      wb.dispose();
      return out.toByteArray();
    }
  }

  void out(String format, Object... args) {
    String line = String.format(format, args);
    report.append(line);
    System.out.print(line);
  }

  static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return parts[0] + "/" + parts[1] + "/" + parts[2];
    } catch (Exception e) {
      return "n/a";
    }
  }
}
