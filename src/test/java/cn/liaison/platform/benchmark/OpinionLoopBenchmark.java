package cn.liaison.platform.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import cn.liaison.platform.PostgresSupport;
import cn.liaison.platform.opinion.Channel;
import cn.liaison.platform.opinion.OpinionLoopProcess;
import cn.liaison.platform.opinion.OpinionLoopProcess.Task;
import cn.liaison.platform.opinion.OpinionService;
import cn.liaison.platform.opinion.OpinionSubmission;
import cn.liaison.platform.opinion.Rating;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import javax.sql.DataSource;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.camunda.bpm.engine.rest.impl.CamundaRestResources;
import org.glassfish.jersey.jackson.JacksonFeature;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.servlet.ServletContainer;
import org.springframework.core.Ordered;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Benchmark, not a test: drives opinions through the whole loop on PostgreSQL and prints loops per second
 * and p50/p99 latencies, next to a bare process of the same shape with no-op delegates
 * (src/test/resources/benchmark/bare-opinion-loop.bpmn) on the same engine and database, and the ratio
 * platform/bare of loops per second (target ≥ 0.8). It asserts correctness only (every platform instance
 * ended, every opinion CLOSED), never speed. The class name ends neither in Tests nor in IT, so the normal
 * build skips it; run it explicitly:
 *
 * <pre>
 * ./mvnw -q test -Dtest=OpinionLoopBenchmark -Dsurefire.failIfNoSpecifiedTests=false [-Dbench.count=200]
 * </pre>
 *
 * Per loop of the platform: POST /api/opinions (real HTTP, JDK HttpClient) → complete Task_SortOpinion
 * (CONFIRM the DMN's proposal) as staff1 → complete Task_AnalyzeOpinion (ASSIGN_DEPARTMENT dept-water) as analyst1 →
 * execute the Task_AssignDepartment job → complete Task_HandleAtDepartment (REPLY) as water1 → POST
 * /api/opinions/{ticket}/evaluation (SATISFIED), which ends the instance. Staff complete their tasks over
 * /engine-rest with HTTP Basic credentials, through the platform's filters, authentication, authorizations and task
 * contracts, as a Tasklist-like client would (bench.staffhttp=false: TaskService in Java). The headline bare side
 * is the same shape on Camunda's own REST API without authentication (/bare-rest: a second Jersey servlet with
 * Camunda's resources outside the platform's filters, i.e. Camunda's default configuration): start with the same
 * variables, the same completions with the same variables, the message. Both sides find their task ids and run
 * the async job in Java (ManagementService.executeJob; the job executor is off), outside the timed calls.
 *
 * <p>Also printed: the time the citizen's requests spend inside the server, CPU per loop of the JVM (split
 * by thread: benchmark workers, Tomcat, HttpClient, JIT/GC) and of the PostgreSQL backends of the database,
 * and two more sides for reference: the bare loop called in Java (no HTTP at all: what the engine alone
 * costs) and the platform with the citizen's two steps called in-process (OpinionService, no HTTP).
 *
 * <p>System properties: bench.count (measured loops per side, default 1000); bench.warmup (loops per side at
 * least, not measured, default 2500: see {@link #WARMUP}; the warm-up then goes on in batches of 50, up to
 * bench.warmup.max = 3000, until the JIT compiler uses less than bench.warmup.jit = 2% of the CPUs: while C2
 * compiles it takes a CPU, and whichever side runs meanwhile would look slower); bench.threads (2);
 * bench.analyze (true: ANALYZE before each round, see {@link #analyze()});
 * bench.rounds (6, best even: the measured loops are split into rounds; in each the platform and the headline bare
 * side run first, one after the other, taking turns at going first; the ratio of each round is printed with their
 * median, since one round's figure moves with the database's growth, autovacuum, checkpoints and JIT);
 * bench.nohttp (true: measure the platform without HTTP for the citizen too); bench.barehttp (true: the headline
 * bare side is /bare-rest; false: Java); bench.staffhttp (true: tasks completed over HTTP); bench.profile (0 = off; n = after the measurement,
 * n single-threaded loops per side with every JDBC statement counted and timed per step, printed as the
 * statements the platform adds; the counting wrapper is installed only then); liaison.bench.pg.url / .user /
 * .password / .server (see {@link PostgresSupport#benchmarkDatabase()}: a fresh database by default). The report
 * is also written to target/benchmark/. The machine should be otherwise idle: the
 * load average before and after is printed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    // the benchmark executes the async jobs itself, so timings do not depend on the acquisition cycle
    "camunda.bpm.job-execution.enabled=false",
    "liaison.rate-limit.submissions-per-minute=100000000",
    "liaison.rate-limit.submissions-per-hour=100000000",
    "liaison.rate-limit.lookups-per-minute=100000000",
    // the demo stations (cy-crane) and groups; like PostgresPlatformIT
    "liaison.demo.enabled=true",
    // one INFO line per submission would drown the report
    "logging.level.cn.liaison.platform.opinion.OpinionService=WARN"})
@ActiveProfiles({"test", "postgres"})
@Import(OpinionLoopBenchmark.BenchmarkConfiguration.class)
class OpinionLoopBenchmark {

  static final PostgresSupport.Database DB = PostgresSupport.benchmarkDatabase();
  static final int COUNT = Integer.getInteger("bench.count", 1000);
  /**
   * C2 compiles a method after about 5,000 calls (-XX:Tier4InvocationThreshold). A method the platform calls once per
   * loop runs in its two sides (over HTTP and in-process), so it reaches C2 only after about 2,500 loops per side,
   * while the engine's code, which all four sides share, gets there four times as fast: with a shorter warm-up the
   * measured platform windows still compiled (about 100 compilations per window in the first rounds, 7–8 ms of JIT
   * and GC CPU per loop against 1.6–3.0 for the bare side) and paid for compilations that a running server has long done.
   * The JIT share below is a second test; on its own it stopped the warm-up at 1,150–1,750 loops.
   */
  static final int WARMUP = Integer.getInteger("bench.warmup", 2500);
  static final int WARMUP_MAX = Integer.getInteger("bench.warmup.max", 3000);
  static final double JIT_SETTLED = Double.parseDouble(System.getProperty("bench.warmup.jit", "0.02"));
  static final int THREADS = Integer.getInteger("bench.threads", 2);
  static final int ROUNDS = Math.max(1, Integer.getInteger("bench.rounds", 6));
  static final int PROFILE = Integer.getInteger("bench.profile", 0);
  static final boolean ANALYZE = Boolean.parseBoolean(System.getProperty("bench.analyze", "true"));
  static final boolean NO_HTTP_SIDE = Boolean.parseBoolean(System.getProperty("bench.nohttp", "true"));
  static final boolean BARE_HTTP_SIDE = Boolean.parseBoolean(System.getProperty("bench.barehttp", "true"));
  /** true: staff complete tasks as Tasklist users would, over /engine-rest with their credentials (bare: /bare-rest). */
  static final boolean STAFF_HTTP = Boolean.parseBoolean(System.getProperty("bench.staffhttp", "true"));
  /** Who completes each task of the platform's loop over /engine-rest (password = user id, demo data). */
  static final Map<String, String> TASK_USERS = Map.of(Task.SORT, "staff1", Task.ANALYZE, "analyst1",
      Task.HANDLE, "water1");

  static final String BARE_KEY = "bare-opinion-loop";
  static final String BARE_MESSAGE = "Message_BareCitizenEvaluated";
  static final String STATION = "cy-crane";
  static final String STATION_NAME = "长垣市起重产业代表联络站";
  static final String CATEGORY = "IRRIGATION";
  static final String CATEGORY_NAME = "农田水利与灌溉";
  static final String PLACE = "长垣市恼里镇某村";
  static final String DEPARTMENT = "dept-water";

  /** What is timed; the LOOP line is the whole loop including the untimed look-ups between the steps. */
  enum Step {
    SUBMIT("submit / start"),
    SUBMIT_JAVA("submit via OpinionService (no HTTP)"),
    SORT("complete Task_SortOpinion"),
    ANALYZE("complete Task_AnalyzeOpinion"),
    ASSIGN_JOB("job Task_AssignDepartment"),
    HANDLE("complete Task_HandleAtDepartment"),
    EVALUATE("evaluate / correlate message"),
    EVALUATE_JAVA("evaluate via OpinionService (no HTTP)"),
    LOOP("whole loop");

    final String label;

    Step(String label) {
      this.label = label;
    }
  }

  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired HistoryService history;
  @Autowired RepositoryService repository;
  @Autowired ProcessEngineConfiguration engineConfiguration;
  @Autowired OpinionService opinionService;
  @Autowired NamedParameterJdbcTemplate jdbc;
  @LocalServerPort int port;

  final ObjectMapper json = new ObjectMapper();
  final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10)).build();
  final String runId = Long.toString(System.currentTimeMillis(), 36);
  final List<String> platformTickets = Collections.synchronizedList(new ArrayList<>());
  final List<String> platformInstances = Collections.synchronizedList(new ArrayList<>());
  final List<String> bareInstances = Collections.synchronizedList(new ArrayList<>());
  final StringBuilder report = new StringBuilder();
  String warmUp = "none";

  @BeforeAll
  static void database() {
    if (COUNT < 1 || THREADS < 1 || WARMUP < 0 || PROFILE < 0) {
      throw new IllegalArgumentException("bench.count and bench.threads must be >= 1, bench.warmup and "
          + "bench.profile >= 0");
    }
    try {
      DB.url();
    } catch (IllegalStateException e) {
      throw new IllegalStateException("The benchmark needs PostgreSQL: " + e.getMessage() + "; pass "
          + "-Dliaison.bench.pg.server=jdbc:postgresql://host:5432/postgres (a fresh database is created there) or "
          + "-Dliaison.bench.pg.url=jdbc:postgresql://host:5432/db", e);
    }
  }

  @AfterAll
  static void countingOff() {
    SqlCounter.on = false;
  }

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    DB.register(registry);
  }

  @Test
  void opinionLoopAgainstBareProcess() throws Exception {
    repository.createDeployment().name("benchmark: bare opinion loop")
        .addClasspathResource("benchmark/bare-opinion-loop.bpmn").enableDuplicateFiltering(true).deploy();
    boolean jobExecutorActive = ((ProcessEngineConfigurationImpl) engineConfiguration).getJobExecutor() != null
        && ((ProcessEngineConfigurationImpl) engineConfiguration).getJobExecutor().isActive();
    assertThat(jobExecutorActive).as("job executor must be off").isFalse();

    String loadBefore = loadAverage();
    Side platform = new PlatformSide(CitizenCalls.HTTP);
    Side bare = new BareSide(false);
    Side platformJava = new PlatformSide(CitizenCalls.JAVA);
    Side bareHttp = new BareSide(true);
    List<Side> sides = new ArrayList<>(List.of(platform, bare));
    if (NO_HTTP_SIDE) {
      sides.add(platformJava);
    }
    if (BARE_HTTP_SIDE) {
      sides.add(bareHttp);
    }

    // warm-up, not measured: at least bench.warmup loops per side (see WARMUP), then on in batches of 50 until the
    // JIT compiler has settled (while C2 compiles it takes a CPU, and the side that happens to run meanwhile looks
    // slower)
    int warmed = 0;
    double jitShare = 1;
    while (warmed < WARMUP || WARMUP > 0 && warmed < WARMUP_MAX && jitShare > JIT_SETTLED) {
      int batch = warmed < WARMUP ? Math.min(50, WARMUP - warmed) : 50;
      long jit = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
      long start = System.nanoTime();
      for (Side side : sides) {
        run(side, batch, Probe.NONE);
      }
      warmed += batch;
      jitShare = (ManagementFactory.getCompilationMXBean().getTotalCompilationTime() - jit) * 1e6
          / ((System.nanoTime() - start) * (double) Runtime.getRuntime().availableProcessors());
    }
    warmUp = String.format("%d loops per side (JIT compiler at %.0f%% of the CPUs in the last 50)", warmed,
        jitShare * 100);

    BenchmarkConfiguration.SERVER_SUBMIT.reset();
    BenchmarkConfiguration.SERVER_EVALUATE.reset();
    Map<Side, Measured> measured = new LinkedHashMap<>();
    sides.forEach(side -> measured.put(side, new Measured()));
    int done = 0;
    for (int round = 0; round < ROUNDS; round++) {
      int n = round == ROUNDS - 1 ? COUNT - done : COUNT / ROUNDS;
      done += n;
      analyze();
      // The headline pair runs first, right after each other, and takes turns at going first; the reference sides
      // follow. The database grows and its dead rows pile up during a round (more so on a server without
      // autovacuum), so a side that runs later in a round runs slower: with the pair's order alternating, an even
      // number of rounds gives each side of the pair each place equally often.
      List<Side> order = new ArrayList<>(List.of(platform, BARE_HTTP_SIDE ? bareHttp : bare));
      sides.stream().filter(side -> !order.contains(side)).forEach(order::add);
      if (round % 2 == 1) {
        Collections.swap(order, 0, 1);
        if (order.size() > 3) {
          Collections.swap(order, 2, 3);
        }
      }
      for (Side side : order) {
        Measured into = measured.get(side);
        printWindow("bench window", side);
        Map<String, double[]> statementsBefore = statementStatistics();
        into.add(n, runMeasured(side, n, into));
        statementDeltas.computeIfAbsent(side.name(), name -> new HashMap<>()).putAll(
            subtract(statementStatistics(), statementsBefore, statementDeltas.get(side.name())));
        printWindow("bench window end", side);
      }
    }

    verify();
    // the headline compares like with like, as the issue measures it: both sides over HTTP when the bare side
    // runs over Camunda's REST API, else the bare loop in Java
    Measured headlineBare = measured.get(BARE_HTTP_SIDE ? bareHttp : bare);
    printTable(measured.get(platform), headlineBare, loadBefore);
    if (NO_HTTP_SIDE) {
      printNoHttp(measured.get(platformJava), measured.get(platform), measured.get(bare));
    }
    if (BARE_HTTP_SIDE) {
      printBareJava(measured.get(bare), measured.get(platform), headlineBare);
    }

    printStatementStatistics(platform.name(), (BARE_HTTP_SIDE ? bareHttp : bare).name(), COUNT);
    if (PROFILE > 0) {
      profile();
      verify();
    }
    printHeap();

    Path file = Path.of("target", "benchmark", "opinion-loop-"
        + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".txt");
    Files.createDirectories(file.getParent());
    Files.writeString(file, report, StandardCharsets.UTF_8);
    System.out.println("(report written to " + file.toAbsolutePath() + ")");
  }

  /**
   * When each side ran, for matching a profiler's samples to the side: the time of day (JFR) and the JVM's uptime
   * (the stamps of a -XX:+LogCompilation log).
   */
  static void printWindow(String what, Side side) {
    System.out.printf("%s %s %s uptime %d ms%n", what, side.name(), java.time.LocalTime.now(),
        ManagementFactory.getRuntimeMXBean().getUptime());
  }

  // ---- the loop ----

  /** One side of the comparison: how an instance starts and how the citizen's evaluation arrives. */
  interface Side {
    String name();

    /** Starts the loop for item i; returns the instance (id, business key, tracking key). */
    Started start(int i, Probe probe) throws Exception;

    void evaluate(Started s, int i, Probe probe) throws Exception;
  }

  record Started(String processInstanceId, String businessKey, String trackingKey) {}

  enum CitizenCalls { HTTP, JAVA, ALTERNATE }

  /** Times the steps: no-op for the warm-up, histograms for the measurement, SQL counters for the profile. */
  interface Probe {
    Probe NONE = new Probe() {};

    default <T> T time(String side, Step step, Callable<T> work) throws Exception {
      return work.call();
    }

    default void loop(String side, long nanos) {}
  }

  void loop(Side side, int i, Probe probe) throws Exception {
    long start = System.nanoTime();
    Started s = side.start(i, probe);
    // staff confirm the DMN's proposal (read outside the timed completion, as Tasklist shows it in the form)
    Map<String, Object> proposal = runtime.getVariables(s.processInstanceId(),
        List.of("proposedDepartmentCode", "grade", "deadlineDays"));
    complete(side, probe, Step.SORT, s, Task.SORT, Map.of("sortDecision", "CONFIRM", "category", CATEGORY,
        "departmentCode", proposal.get("proposedDepartmentCode"), "grade", proposal.get("grade"),
        "deadlineDays", proposal.get("deadlineDays")));
    complete(side, probe, Step.ANALYZE, s, Task.ANALYZE, Map.of("route", "ASSIGN_DEPARTMENT",
        "departmentCode", DEPARTMENT));
    Job job = management.createJobQuery().processInstanceId(s.processInstanceId()).activityId(Task.ASSIGN)
        .singleResult();
    if (job == null) {
      throw new IllegalStateException(side.name() + " " + s.businessKey() + ": no job at " + Task.ASSIGN);
    }
    probe.time(side.name(), Step.ASSIGN_JOB, () -> {
      management.executeJob(job.getId());
      return null;
    });
    complete(side, probe, Step.HANDLE, s, Task.HANDLE, Map.of("handlingAction", "REPLY", "replyResult", "SOLVED",
        "replyText", "已组织人员疏通灌溉渠，恢复正常供水。", "replyMeasures", "现场清淤"));
    side.evaluate(s, i, probe);
    probe.loop(side.name(), System.nanoTime() - start);
  }

  void complete(Side side, Probe probe, Step step, Started s, String taskKey, Map<String, Object> variables)
      throws Exception {
    var task = tasks.createTaskQuery().processInstanceId(s.processInstanceId()).taskDefinitionKey(taskKey)
        .singleResult();
    if (task == null) {
      throw new IllegalStateException(side.name() + " " + s.businessKey() + ": no open task " + taskKey);
    }
    if (STAFF_HTTP && side instanceof PlatformSide p && p.calls != CitizenCalls.JAVA) {
      String user = TASK_USERS.get(taskKey);
      String basic = java.util.Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
      postJson(probe, side, step, "/engine-rest/task/" + task.getId() + "/complete", Map.of("variables", typed(variables)),
          "Basic " + basic, 204);
    } else if (STAFF_HTTP && side instanceof BareSide b && b.overHttp) {
      postJson(probe, side, step, BARE_REST + "/task/" + task.getId() + "/complete", Map.of("variables",
          typed(variables)), null, 204);
    } else {
      probe.time(side.name(), step, () -> {
        tasks.complete(task.getId(), new HashMap<>(variables));
        return null;
      });
    }
  }

  /** A timed JSON POST; returns the response body. */
  String postJson(Probe probe, Side side, Step step, String path, Object body, String authorization, int expected)
      throws Exception {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base() + path))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
    if (authorization != null) {
      builder.header("Authorization", authorization);
    }
    HttpRequest request = builder.build();
    HttpResponse<String> response = probe.time(side.name(), step,
        () -> http.send(request, HttpResponse.BodyHandlers.ofString()));
    if (response.statusCode() != expected) {
      throw new IllegalStateException("POST " + path + " answered " + response.statusCode() + ": " + response.body());
    }
    return response.body();
  }

  /** Camunda REST's typed variables: {"name": {"value": v, "type": "String" | "Integer" | "Long" | ...}}. */
  static Map<String, Object> typed(Map<String, Object> variables) {
    Map<String, Object> typed = new LinkedHashMap<>();
    variables.forEach((name, value) -> typed.put(name, value == null ? Map.of("type", "Null")
        : Map.of("value", value, "type", value.getClass().getSimpleName())));
    return typed;
  }

  /** The platform as citizens and staff use it: HTTP for the citizen, the engine's Java API for staff. */
  final class PlatformSide implements Side {
    /** HTTP: as citizens do; JAVA: the citizen's steps call OpinionService in-process; ALTERNATE: every other. */
    final CitizenCalls calls;

    PlatformSide(CitizenCalls calls) {
      this.calls = calls;
    }

    @Override
    public String name() {
      return calls == CitizenCalls.JAVA ? "platform-java" : "platform";
    }

    boolean java(int i) {
      return calls == CitizenCalls.JAVA || calls == CitizenCalls.ALTERNATE && i % 2 == 1;
    }

    @Override
    public Started start(int i, Probe probe) throws Exception {
      String content = "村东头灌溉渠堵塞，麦田浇不上水，请尽快疏通。（基准 " + runId + " #" + i + "）";
      String ticket;
      String key;
      if (java(i)) {
        var submitted = probe.time(name(), Step.SUBMIT_JAVA, () -> opinionService.submit(new OpinionSubmission(
            STATION, CATEGORY, content, PLACE, "王某", "13812341234", false, true, Channel.QR_CODE), null));
        ticket = submitted.ticketNo();
        key = submitted.trackingKey();
      } else {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("stationCode", STATION);
        body.put("category", CATEGORY);
        body.put("content", content);
        body.put("place", PLACE);
        body.put("contactName", "王某");
        body.put("contactPhone", "13812341234");
        body.put("anonymous", false);
        body.put("consent", true);
        HttpRequest request = HttpRequest.newBuilder(URI.create(base() + "/api/opinions"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build();
        HttpResponse<String> response = probe.time(name(), Step.SUBMIT,
            () -> http.send(request, HttpResponse.BodyHandlers.ofString()));
        if (response.statusCode() != 201) {
          throw new IllegalStateException("POST /api/opinions answered " + response.statusCode() + ": "
              + response.body());
        }
        JsonNode answer = json.readTree(response.body());
        ticket = answer.get("ticketNo").asText();
        key = answer.get("trackingKey").asText();
      }
      // the bare side reads its instance id from the start's answer; here the opinion's row has it (a key lookup,
      // where a ProcessInstanceQuery would charge this side a dynamic query the bare side does not run)
      String instanceId = jdbc.getJdbcTemplate().queryForObject(
          "SELECT process_instance_id FROM opinion WHERE ticket_no = ?", String.class, ticket);
      platformTickets.add(ticket);
      platformInstances.add(instanceId);
      return new Started(instanceId, ticket, key);
    }

    @Override
    public void evaluate(Started s, int i, Probe probe) throws Exception {
      if (java(i)) {
        probe.time(name(), Step.EVALUATE_JAVA, () -> {
          opinionService.evaluate(s.businessKey(), s.trackingKey(), Rating.SATISFIED, null);
          return null;
        });
        return;
      }
      HttpRequest request = HttpRequest.newBuilder(URI.create(base() + "/api/opinions/" + s.businessKey()
              + "/evaluation"))
          .header("Content-Type", "application/json").header("X-Tracking-Key", s.trackingKey())
          .POST(HttpRequest.BodyPublishers.ofString("{\"rating\":\"SATISFIED\"}")).build();
      HttpResponse<String> response = probe.time(name(), Step.EVALUATE,
          () -> http.send(request, HttpResponse.BodyHandlers.ofString()));
      if (response.statusCode() != 204) {
        throw new IllegalStateException("POST /api/opinions/" + s.businessKey() + "/evaluation answered "
            + response.statusCode() + ": " + response.body());
      }
    }
  }

  /** The same shape with no-op steps, started and messaged through RuntimeService with the same variables. */
  final class BareSide implements Side {
    /** false: the engine's Java API in-process; true: Camunda's REST API without authentication ({@link #BARE_REST}). */
    final boolean overHttp;

    BareSide(boolean overHttp) {
      this.overHttp = overHttp;
    }

    @Override
    public String name() {
      return overHttp ? "bare-http" : "bare";
    }

    @Override
    public Started start(int i, Probe probe) throws Exception {
      String businessKey = "BARE-" + runId + "-" + i;
      String content = "村东头灌溉渠堵塞，麦田浇不上水，请尽快疏通。（基准 " + runId + " #" + i + "）";
      String id;
      if (overHttp) {
        String body = postJson(probe, this, Step.SUBMIT, BARE_REST + "/process-definition/key/" + BARE_KEY + "/start",
            Map.of("businessKey", businessKey, "variables", typed(bareVariables(i, businessKey, content))), null, 200);
        id = json.readTree(body).get("id").asText();
      } else {
        VariableMap variables = bareVariables(i, businessKey, content);
        id = probe.time(name(), Step.SUBMIT, () -> runtime.createProcessInstanceByKey(BARE_KEY)
            .businessKey(businessKey).setVariables(variables).execute().getId());
      }
      bareInstances.add(id);
      return new Started(id, businessKey, null);
    }

    @Override
    public void evaluate(Started s, int i, Probe probe) throws Exception {
      if (overHttp) {
        postJson(probe, this, Step.EVALUATE, BARE_REST + "/message", Map.of("messageName", BARE_MESSAGE,
            "businessKey", s.businessKey(), "processVariables", typed(Map.of("rating", "SATISFIED",
                "lastEvaluationComment", ""))), null, 204);
        return;
      }
      probe.time(name(), Step.EVALUATE, () -> runtime.createMessageCorrelation(BARE_MESSAGE)
          .processInstanceBusinessKey(s.businessKey()).setVariable("rating", "SATISFIED")
          .setVariable("lastEvaluationComment", "").correlateWithResult());
    }
  }

  /** The variables the platform sets when a loop starts (OpinionService.submit), with the same values. */
  static VariableMap bareVariables(int i, String businessKey, String content) {
    return Variables.createVariables()
        .putValue("opinionId", (long) i)
        .putValue("ticketNo", businessKey)
        .putValue("stationCode", STATION)
        .putValue("stationName", STATION_NAME)
        .putValue("category", CATEGORY)
        .putValue("categoryName", CATEGORY_NAME)
        .putValue("content", content)
        .putValue("place", PLACE)
        .putValue("channel", "QR_CODE")
        .putValue("contactMasked", "138****1234")
        .putValue("opinionHistory", "")
        .putValue("reopenCount", 0);
  }

  /**
   * Camunda's own REST API, unauthenticated, as in Camunda's default configuration: the bare loop's side over HTTP.
   * The same resources as /engine-rest, in a second Jersey servlet outside the platform's filters (test code only).
   */
  static final String BARE_REST = "/bare-rest";

  String base() {
    return "http://127.0.0.1:" + port;
  }

  // ---- running ----

  final AtomicInteger sequence = new AtomicInteger();

  /** n loops on THREADS workers; returns the wall time in nanoseconds. */
  long run(Side side, int n, Probe probe) throws Exception {
    return run(side, n, probe, THREADS);
  }

  long run(Side side, int n, Probe probe, int threads) throws Exception {
    AtomicInteger left = new AtomicInteger(n);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      long start = System.nanoTime();
      List<Future<?>> workers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        workers.add(pool.submit(() -> {
          long cpu = THREAD_MX.getCurrentThreadCpuTime();
          try {
            while (left.getAndDecrement() > 0) {
              loop(side, sequence.getAndIncrement(), probe);
            }
          } finally {
            workerCpuNanos.add(THREAD_MX.getCurrentThreadCpuTime() - cpu);
          }
          return null;
        }));
      }
      for (Future<?> worker : workers) {
        worker.get();
      }
      return System.nanoTime() - start;
    } finally {
      pool.shutdownNow();
    }
  }

  static final java.lang.management.ThreadMXBean THREAD_MX = ManagementFactory.getThreadMXBean();
  final java.util.concurrent.atomic.LongAdder workerCpuNanos = new java.util.concurrent.atomic.LongAdder();

  long runMeasured(Side side, int n, Measured into) throws Exception {
    System.gc();
    long jvmCpu = jvmCpuNanos();
    Map<Integer, Long> pgCpu = postgresCpuTicks();
    Map<String, Long> threadsBefore = cpuByThread();
    workerCpuNanos.reset();
    long wall = run(side, n, into);
    into.jvmCpuNanos += jvmCpuNanos() - jvmCpu;
    Map<Integer, Long> pgAfter = postgresCpuTicks();
    int backends = 0;
    for (var backend : pgAfter.entrySet()) {
      long used = backend.getValue() - pgCpu.getOrDefault(backend.getKey(), 0L);
      into.pgCpuTicks += used;
      backends += used > 0 ? 1 : 0;
    }
    into.backendsUsed = Math.max(into.backendsUsed, backends);
    into.workerCpuNanos += workerCpuNanos.sum();
    // per thread, so that a thread that ended meanwhile takes nothing away; then summed by name
    cpuByThread().forEach((thread, nanos) -> into.threadCpuNanos.merge(
        thread.startsWith("(") ? thread : thread.substring(thread.indexOf(' ') + 1),
        nanos - threadsBefore.getOrDefault(thread, 0L), Long::sum));
    return wall;
  }

  /** CPU time of the JVM's threads by id (the benchmark's workers count themselves), GC and JIT time. */
  static Map<String, Long> cpuByThread() {
    Map<String, Long> threads = new HashMap<>();
    for (var info : THREAD_MX.getThreadInfo(THREAD_MX.getAllThreadIds())) {
      if (info == null || info.getThreadName().startsWith("pool-")) {
        continue;
      }
      long cpu = THREAD_MX.getThreadCpuTime(info.getThreadId());
      if (cpu > 0) {
        threads.put(info.getThreadId() + " " + info.getThreadName().replaceAll("\\d+", "N"), cpu);
      }
    }
    long gc = 0;
    for (var collector : ManagementFactory.getGarbageCollectorMXBeans()) {
      gc += collector.getCollectionTime();
    }
    threads.put("(GC time)", gc * 1_000_000);
    threads.put("(JIT compilation time)", ManagementFactory.getCompilationMXBean().getTotalCompilationTime() * 1_000_000);
    return threads;
  }


  /** Per side: statement text → {calls, execution ms, planning ms}, summed over its measured rounds. */
  final Map<String, Map<String, double[]>> statementDeltas = new HashMap<>();
  Boolean statementStatisticsAvailable;

  /**
   * PostgreSQL's own figures per statement of the benchmark's database (pg_stat_statements, when the server preloads
   * it: shared_preload_libraries=pg_stat_statements), so that each side's database work can be told apart statement
   * by statement; empty otherwise.
   */
  /**
   * ANALYZE of the benchmark's database before each round, outside the measured windows. PostgreSQL's autovacuum
   * gives the tables of a running system their planner statistics; on a server with autovacuum off (the CI machines)
   * a fresh database never gets any, and the planner then reads the whole ACT_RU_AUTHORIZATION table (every task's
   * grants, dead ones included) at each authorization check: 3 ms per task completion, a cost the bare side, which
   * checks no authorization, never meets. No VACUUM: a vacuumed table of a benchmark with few open instances is
   * nearly empty, and the plans cached then would scan it whole as it fills up again during the round.
   */
  void analyze() {
    if (ANALYZE) {
      jdbc.getJdbcTemplate().execute("ANALYZE");
    }
  }

  Map<String, double[]> statementStatistics() {
    if (statementStatisticsAvailable == null) {
      try {
        jdbc.getJdbcTemplate().execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
        jdbc.getJdbcTemplate().queryForList("SELECT calls FROM pg_stat_statements LIMIT 1");
        statementStatisticsAvailable = true;
      } catch (Exception notPreloaded) {
        statementStatisticsAvailable = false;
      }
    }
    Map<String, double[]> figures = new HashMap<>();
    if (!statementStatisticsAvailable) {
      return figures;
    }
    jdbc.getJdbcTemplate().query("SELECT query, calls, total_exec_time, total_plan_time FROM pg_stat_statements"
        + " WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())", row -> {
          figures.merge(row.getString(1).replaceAll("\\s+", " "), new double[] {row.getLong(2), row.getDouble(3),
              row.getDouble(4)}, (a, b) -> new double[] {a[0] + b[0], a[1] + b[1], a[2] + b[2]});
        });
    return figures;
  }

  static Map<String, double[]> subtract(Map<String, double[]> after, Map<String, double[]> before,
      Map<String, double[]> sumSoFar) {
    Map<String, double[]> sum = new HashMap<>();
    after.forEach((query, a) -> {
      double[] b = before.getOrDefault(query, new double[3]);
      double[] earlier = sumSoFar == null ? new double[3] : sumSoFar.getOrDefault(query, new double[3]);
      double[] d = {a[0] - b[0] + earlier[0], a[1] - b[1] + earlier[1], a[2] - b[2] + earlier[2]};
      if (d[0] > 0) {
        sum.put(query, d);
      }
    });
    return sum;
  }

  /** The statements each side ran per loop, with PostgreSQL's execution and planning time, largest gaps first. */
  void printStatementStatistics(String platformSide, String bareSide, int loops) {
    Map<String, double[]> p = statementDeltas.getOrDefault(platformSide, Map.of());
    Map<String, double[]> b = statementDeltas.getOrDefault(bareSide, Map.of());
    if (p.isEmpty()) {
      out("%n(pg_stat_statements not preloaded on this server: no per-statement figures)%n");
      return;
    }
    double[] pt = new double[3];
    double[] bt = new double[3];
    p.values().forEach(v -> { pt[0] += v[0]; pt[1] += v[1]; pt[2] += v[2]; });
    b.values().forEach(v -> { bt[0] += v[0]; bt[1] += v[1]; bt[2] += v[2]; });
    out("%n=== PostgreSQL per loop, by statement (pg_stat_statements, measured rounds) ===%n");
    out("total: platform %.1f statements, %.2f ms executing, %.2f ms planning · bare %.1f statements, %.2f ms, %.2f ms%n",
        pt[0] / loops, pt[1] / loops, pt[2] / loops, bt[0] / loops, bt[1] / loops, bt[2] / loops);
    out("%8s %8s %9s %9s  %s%n", "plat n", "bare n", "plat ms", "bare ms", "statement (sorted by platform − bare ms)");
    Set<String> all = new HashSet<>(p.keySet());
    all.addAll(b.keySet());
    all.stream().sorted(Comparator.comparingDouble((String q) -> -(p.getOrDefault(q, new double[3])[1]
            + p.getOrDefault(q, new double[3])[2] - b.getOrDefault(q, new double[3])[1]
            - b.getOrDefault(q, new double[3])[2])))
        .limit(40).forEach(q -> {
          double[] pv = p.getOrDefault(q, new double[3]);
          double[] bv = b.getOrDefault(q, new double[3]);
          out("%8.2f %8.2f %9.3f %9.3f  %s%n", pv[0] / loops, bv[0] / loops, (pv[1] + pv[2]) / loops,
              (bv[1] + bv[2]) / loops, q.length() > 150 ? q.substring(0, 150) + "…" : q);
        });
  }

  /** CPU time of this JVM (all threads: the benchmark's client, Tomcat, the engine). */
  static long jvmCpuNanos() {
    return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
        ? os.getProcessCpuTime() : 0;
  }

  /**
   * CPU time (clock ticks, Linux /proc) of the PostgreSQL backends connected to the benchmark's database:
   * other databases on the same server do not count; 0 when PostgreSQL runs elsewhere.
   */
  Map<Integer, Long> postgresCpuTicks() {
    Map<Integer, Long> ticks = new HashMap<>();
    for (Integer pid : jdbc.getJdbcTemplate().queryForList(
        "SELECT pid FROM pg_stat_activity WHERE datname = current_database()", Integer.class)) {
      try {
        String stat = Files.readString(Path.of("/proc", pid.toString(), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        ticks.put(pid, Long.parseLong(fields[11]) + Long.parseLong(fields[12])); // utime, stime
      } catch (Exception gone) {
        // not on this machine, or the backend ended meanwhile
      }
    }
    return ticks;
  }



  /** Latencies (µs) per step and the wall time of one side. */
  static final class Measured implements Probe {
    final Map<Step, Histogram> steps = new EnumMap<>(Step.class);
    long loops;
    long nanos;
    long jvmCpuNanos;
    long pgCpuTicks;
    long workerCpuNanos;
    int backendsUsed;
    final Map<String, Long> threadCpuNanos = new HashMap<>();

    /** JVM CPU per loop (ms): benchmark workers (engine calls, HTTP client), Tomcat, HTTP client, the rest. */
    String cpuSplit() {
      long tomcat = sum("http-nio");
      long client = sum("HttpClient");
      long otherThreads = threadCpuNanos.entrySet().stream().filter(e -> !e.getKey().startsWith("(")
          && !e.getKey().startsWith("http-nio") && !e.getKey().startsWith("HttpClient"))
          .mapToLong(Map.Entry::getValue).sum();
      long vm = jvmCpuNanos - workerCpuNanos - tomcat - client - otherThreads;
      return String.format("workers %.1f + Tomcat %.1f + HttpClient %.1f + other Java threads %.1f + VM (JIT, GC) %.1f"
          + " [GC time %.1f, JIT time %.1f]", workerCpuNanos / 1e6 / loops, tomcat / 1e6 / loops,
          client / 1e6 / loops, otherThreads / 1e6 / loops, vm / 1e6 / loops,
          threadCpuNanos.getOrDefault("(GC time)", 0L) / 1e6 / loops,
          threadCpuNanos.getOrDefault("(JIT compilation time)", 0L) / 1e6 / loops);
    }

    long sum(String prefix) {
      return threadCpuNanos.entrySet().stream().filter(e -> e.getKey().startsWith(prefix))
          .mapToLong(Map.Entry::getValue).sum();
    }

    /** The busiest threads other than the workers, for the curious. */
    String topThreads() {
      return threadCpuNanos.entrySet().stream().filter(e -> !e.getKey().startsWith("("))
          .sorted((x, y) -> Long.compare(y.getValue(), x.getValue())).limit(5)
          .map(e -> String.format("%s %.1f", e.getKey(), e.getValue() / 1e6 / loops))
          .collect(java.util.stream.Collectors.joining(", "));
    }

    double jvmCpuMsPerLoop() {
      return jvmCpuNanos / 1e6 / loops;
    }

    /** Assumes the usual 100 clock ticks per second. */
    double pgCpuMsPerLoop() {
      return pgCpuTicks * 10.0 / loops;
    }

    Measured() {
      for (Step step : Step.values()) {
        steps.put(step, new ConcurrentHistogram(3));
      }
    }

    /** Loops per second of each round, in order. */
    final List<Double> roundRates = new ArrayList<>();

    void add(int n, long wallNanos) {
      loops += n;
      nanos += wallNanos;
      roundRates.add(n / (wallNanos / 1e9));
    }

    double loopsPerSecond() {
      return loops / (nanos / 1e9);
    }

    @Override
    public <T> T time(String side, Step step, Callable<T> work) throws Exception {
      long start = System.nanoTime();
      T result = work.call();
      steps.get(step).recordValue(Math.max(1, (System.nanoTime() - start) / 1000));
      return result;
    }

    @Override
    public void loop(String side, long loopNanos) {
      steps.get(Step.LOOP).recordValue(Math.max(1, loopNanos / 1000));
    }
  }

  // ---- correctness ----

  void verify() {
    List<String> instances = new ArrayList<>(platformInstances);
    List<String> tickets = new ArrayList<>(platformTickets);
    List<String> bares = new ArrayList<>(bareInstances);
    long ended = 0;
    long running = 0;
    for (List<String> chunk : chunks(instances)) {
      ended += history.createHistoricProcessInstanceQuery().processInstanceIds(new HashSet<>(chunk)).completed()
          .count();
      running += runtime.createProcessInstanceQuery().processInstanceIds(new HashSet<>(chunk)).count();
    }
    assertThat(running).as("platform instances still running").isZero();
    assertThat(ended).as("platform instances ended normally").isEqualTo(instances.size());
    Map<String, Long> statuses = new HashMap<>();
    for (List<String> chunk : chunks(tickets)) {
      jdbc.query("SELECT status, COUNT(*) AS n FROM opinion WHERE ticket_no IN (:tickets) GROUP BY status",
          Map.of("tickets", chunk), rs -> {
            statuses.merge(rs.getString("status"), rs.getLong("n"), Long::sum);
          });
    }
    assertThat(statuses).as("status of the benchmark's opinions").isEqualTo(Map.of("CLOSED", (long) tickets.size()));
    long bareEnded = 0;
    for (List<String> chunk : chunks(bares)) {
      bareEnded += history.createHistoricProcessInstanceQuery().processInstanceIds(new HashSet<>(chunk)).completed()
          .count();
    }
    assertThat(bareEnded).as("bare instances ended").isEqualTo(bares.size());
    out("correctness: %d platform instances ended, %d opinions CLOSED, %d bare instances ended%n",
        ended, tickets.size(), bareEnded);
  }

  static List<List<String>> chunks(List<String> all) {
    List<List<String>> chunks = new ArrayList<>();
    for (int i = 0; i < all.size(); i += 500) {
      chunks.add(all.subList(i, Math.min(all.size(), i + 500)));
    }
    return chunks;
  }

  // ---- report ----

  void out(String format, Object... args) {
    String line = String.format(format, args);
    report.append(line);
    System.out.print(line);
  }

  void printTable(Measured p, Measured b, String loadBefore) {
    String pg = jdbc.getJdbcTemplate().queryForObject("SHOW server_version", String.class) + " (autovacuum "
        + jdbc.getJdbcTemplate().queryForObject("SHOW autovacuum", String.class) + (ANALYZE
            ? "; ANALYZE before each round, unmeasured)" : "; no ANALYZE between rounds)");
    out("%n=== Opinion loop benchmark: platform vs bare process (same engine, same database) ===%n");
    out("platform: citizen over /api/opinions%s · bare: %s%n", STAFF_HTTP
            ? ", staff complete tasks over /engine-rest with their credentials (staff1, analyst1, water1)"
            : ", tasks completed in Java", BARE_HTTP_SIDE
            ? "Camunda's REST API without authentication (" + BARE_REST + ": start, "
                + (STAFF_HTTP ? "task completions, " : "") + "message), as in Camunda's default configuration"
            : "the engine's Java API");
    out("PostgreSQL %s at %s · Java %s · %d CPUs · %d loops per side · %d threads · %d alternating rounds · "
        + "job executor off (jobs run by the benchmark)%nwarm-up: %s%n", pg, DB.url(),
        System.getProperty("java.version"),
        Runtime.getRuntime().availableProcessors(), COUNT, THREADS, ROUNDS, warmUp);
    out("%-36s | %9s %9s %9s | %9s %9s %9s | %7s%n", "latency (ms)", "plat p50", "plat p99", "plat max",
        "bare p50", "bare p99", "bare max", "p50 x");
    out("%s%n", "-".repeat(36 + 3 + 29 + 3 + 29 + 3 + 7));
    for (Step step : List.of(Step.SUBMIT, Step.SORT, Step.ANALYZE, Step.ASSIGN_JOB, Step.HANDLE, Step.EVALUATE,
        Step.LOOP)) {
      Histogram hp = p.steps.get(step);
      Histogram hb = b.steps.get(step);
      String label = switch (step) {
        case SUBMIT -> BARE_HTTP_SIDE ? "submit / start (HTTP POST)" : "submit (HTTP POST) / start (Java)";
        case EVALUATE -> "evaluate (HTTP POST) / correlate";
        default -> step.label;
      };
      out("%-36s | %9.2f %9.2f %9.2f | %9.2f %9.2f %9.2f | %6.2fx%n", label, ms(hp, 50), ms(hp, 99), max(hp),
          ms(hb, 50), ms(hb, 99), max(hb), ms(hp, 50) / ms(hb, 50));
    }
    out("%s%n", "-".repeat(36 + 3 + 29 + 3 + 29 + 3 + 7));
    out("%-36s | %9.1f %19s | %9.1f%n", "loops/s", p.loopsPerSecond(), "", b.loopsPerSecond());
    out("%-36s | %9.1f %19s | %9.1f%n", "wall time (s)", p.nanos / 1e9, "", b.nanos / 1e9);
    out("%-36s | %9.1f %19s | %9.1f%n", "CPU per loop, JVM (ms)", p.jvmCpuMsPerLoop(), "", b.jvmCpuMsPerLoop());
    out("%-36s | %9.1f %19s | %9.1f%n", "CPU per loop, PostgreSQL (ms)", p.pgCpuMsPerLoop(), "", b.pgCpuMsPerLoop());
    out("%-36s | %9d %19s | %9d%n", "PostgreSQL backends that worked", p.backendsUsed, "", b.backendsUsed);
    double cpuRatio = (b.jvmCpuMsPerLoop() + b.pgCpuMsPerLoop()) / (p.jvmCpuMsPerLoop() + p.pgCpuMsPerLoop());
    out("JVM CPU per loop (ms), platform: %s%n", p.cpuSplit());
    out("JVM CPU per loop (ms), bare:     %s%n", b.cpuSplit());
    out("busiest other threads per loop (ms), platform: %s%n", p.topThreads());
    double ratio = p.loopsPerSecond() / b.loopsPerSecond();
    out("ratio platform/bare (loops/s): %.2f  (target >= 0.80: %s)%n", ratio, ratio >= 0.8 ? "met" : "NOT met");
    List<Double> perRound = new ArrayList<>();
    for (int r = 0; r < Math.min(p.roundRates.size(), b.roundRates.size()); r++) {
      perRound.add(p.roundRates.get(r) / b.roundRates.get(r));
    }
    if (perRound.size() > 1) {
      List<Double> ordered = perRound.stream().sorted().toList();
      int n = ordered.size();
      double median = n % 2 == 1 ? ordered.get(n / 2) : (ordered.get(n / 2 - 1) + ordered.get(n / 2)) / 2;
      out("ratio per round (the two sides' windows of the same round): %s · median %.2f, spread %.2f–%.2f%n",
          perRound.stream().map(x -> String.format("%.2f", x)).collect(java.util.stream.Collectors.joining(" ")),
          median, ordered.get(0), ordered.get(n - 1));
    }
    out("ratio of CPU per loop (JVM + PostgreSQL), bare/platform: %.2f — what loops/s tend to on a CPU-bound machine, "
        + "and less disturbed by other load%n", cpuRatio);
    Histogram ss = BenchmarkConfiguration.SERVER_SUBMIT;
    Histogram se = BenchmarkConfiguration.SERVER_EVALUATE;
    out("platform HTTP, time inside the server (outermost filter to response): submit p50/p99 %.2f/%.2f ms, "
        + "evaluate p50/p99 %.2f/%.2f ms; the rest of the HTTP latency is client, sockets and thread hand-offs%n",
        ms(ss, 50), ms(ss, 99), ms(se, 50), ms(se, 99));
    out("load average (1/5/15 min) before the warm-up: %s · after: %s (the benchmark alone brings the 1-minute "
        + "figure to about 2.5 on 2 CPUs; an idle machine before and much more after mean others shared it)%n",
        loadBefore, loadAverage());
  }

  /** The platform with the citizen's two steps called in-process: how much of the gap is the HTTP layer. */
  void printNoHttp(Measured j, Measured p, Measured b) {
    out("%nsame platform, citizen's steps called in-process (OpinionService.submit/evaluate, no HTTP):%n");
    out("  submit p50/p99 %.2f/%.2f ms (HTTP %.2f/%.2f) · evaluate p50/p99 %.2f/%.2f ms (HTTP %.2f/%.2f) · "
        + "whole loop p50 %.2f ms%n", ms(j.steps.get(Step.SUBMIT_JAVA), 50), ms(j.steps.get(Step.SUBMIT_JAVA), 99),
        ms(p.steps.get(Step.SUBMIT), 50), ms(p.steps.get(Step.SUBMIT), 99), ms(j.steps.get(Step.EVALUATE_JAVA), 50),
        ms(j.steps.get(Step.EVALUATE_JAVA), 99), ms(p.steps.get(Step.EVALUATE), 50), ms(p.steps.get(Step.EVALUATE), 99),
        ms(j.steps.get(Step.LOOP), 50));
    out("  loops/s %.1f · ratio (no HTTP)/bare %.2f · ratio platform/(no HTTP) %.2f (the HTTP layer's share) · "
        + "CPU per loop: JVM %.1f ms, PostgreSQL %.1f ms (%d backends) · ratio of CPU per loop bare/(no HTTP) %.2f%n",
        j.loopsPerSecond(), j.loopsPerSecond() / b.loopsPerSecond(), p.loopsPerSecond() / j.loopsPerSecond(),
        j.jvmCpuMsPerLoop(), j.pgCpuMsPerLoop(), j.backendsUsed,
        (b.jvmCpuMsPerLoop() + b.pgCpuMsPerLoop()) / (j.jvmCpuMsPerLoop() + j.pgCpuMsPerLoop()));
    out("  JVM CPU per loop (ms): %s%n", j.cpuSplit());
  }

  /** The bare loop called in Java (no HTTP at all): what the engine alone costs, for reference. */
  void printBareJava(Measured b, Measured p, Measured h) {
    out("%nbare loop in Java (RuntimeService/TaskService, no HTTP at all), for reference:%n");
    out("  start p50/p99 %.2f/%.2f ms · message p50/p99 %.2f/%.2f ms · whole loop p50 %.2f ms · loops/s %.1f · "
        + "CPU per loop: JVM %.1f ms, PostgreSQL %.1f ms%n", ms(b.steps.get(Step.SUBMIT), 50),
        ms(b.steps.get(Step.SUBMIT), 99), ms(b.steps.get(Step.EVALUATE), 50), ms(b.steps.get(Step.EVALUATE), 99),
        ms(b.steps.get(Step.LOOP), 50), b.loopsPerSecond(), b.jvmCpuMsPerLoop(), b.pgCpuMsPerLoop());
    out("  ratio platform/(bare in Java): loops/s %.2f, CPU per loop %.2f · ratio (bare over HTTP)/(bare in Java): "
        + "loops/s %.2f (what HTTP alone costs the bare engine)%n", p.loopsPerSecond() / b.loopsPerSecond(),
        (b.jvmCpuMsPerLoop() + b.pgCpuMsPerLoop()) / (p.jvmCpuMsPerLoop() + p.pgCpuMsPerLoop()),
        h.loopsPerSecond() / b.loopsPerSecond());
    out("  JVM CPU per loop (ms): %s%n", b.cpuSplit());
  }

  static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return parts[0] + "/" + parts[1] + "/" + parts[2];
    } catch (Exception e) {
      return "n/a";
    }
  }

  static double ms(Histogram h, double percentile) {
    return h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(percentile) / 1000.0;
  }

  static double max(Histogram h) {
    return h.getTotalCount() == 0 ? Double.NaN : h.getMaxValue() / 1000.0;
  }

  void printHeap() {
    MemoryUsage before = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    System.gc();
    MemoryUsage after = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    out("JVM heap at the end: %d MB used (%d MB after GC), %d MB committed, %d MB max%n",
        before.getUsed() >> 20, after.getUsed() >> 20, after.getCommitted() >> 20, after.getMax() >> 20);
  }

  // ---- profile: JDBC statements per step ----

  /** Per side and step: statements (by SQL), round trips, DB time and wall time, single-threaded. */
  final class Profile implements Probe {
    final Map<String, Map<Step, Map<String, long[]>>> sql = new HashMap<>();
    final Map<String, Map<Step, long[]>> wall = new HashMap<>();

    @Override
    public <T> T time(String side, Step step, Callable<T> work) throws Exception {
      SqlCounter.reset();
      long start = System.nanoTime();
      T result = work.call();
      long nanos = System.nanoTime() - start;
      Map<String, long[]> counted = SqlCounter.drain();
      Map<String, long[]> into = sql.computeIfAbsent(side, k -> new EnumMap<>(Step.class))
          .computeIfAbsent(step, k -> new HashMap<>());
      counted.forEach((statement, v) -> {
        long[] total = into.computeIfAbsent(statement, k -> new long[3]);
        for (int i = 0; i < 3; i++) {
          total[i] += v[i];
        }
      });
      long[] w = wall.computeIfAbsent(side, k -> new EnumMap<>(Step.class)).computeIfAbsent(step, k -> new long[2]);
      w[0]++;
      w[1] += nanos;
      return result;
    }
  }

  void profile() throws Exception {
    if (!BenchmarkConfiguration.installed) {
      out("profile: the counting DataSource is not installed%n");
      return;
    }
    Profile profile = new Profile();
    SqlCounter.on = true;
    try {
      run(new PlatformSide(CitizenCalls.ALTERNATE), PROFILE * 2, profile, 1);
      run(new BareSide(false), PROFILE, profile, 1);
    } finally {
      SqlCounter.on = false;
    }
    out("%n=== Profile: single-threaded, every JDBC statement counted: platform %d loops (%d via HTTP, %d via "
        + "OpinionService), bare %d loops ===%n", PROFILE * 2, PROFILE, PROFILE, PROFILE);
    out("per call: wall ms (avg) · JDBC round trips · statements · DB ms (time inside JDBC calls, commit included)%n");
    out("%-40s | %8s %6s %6s %8s | %8s %6s %6s %8s%n", "step", "plat ms", "trips", "stmts", "DB ms", "bare ms",
        "trips", "stmts", "DB ms");
    for (Step step : List.of(Step.SUBMIT, Step.SUBMIT_JAVA, Step.SORT, Step.ANALYZE, Step.ASSIGN_JOB, Step.HANDLE,
        Step.EVALUATE, Step.EVALUATE_JAVA)) {
      out("%-40s | %s | %s%n", step.label, profileCells(profile, "platform", step),
          profileCells(profile, "bare", step));
    }
    httpFloor();
    for (Step step : List.of(Step.SUBMIT, Step.SORT, Step.ANALYZE, Step.ASSIGN_JOB, Step.HANDLE, Step.EVALUATE)) {
      Map<String, long[]> plat = profile.sql.getOrDefault("platform", Map.of()).getOrDefault(step, Map.of());
      Map<String, long[]> bare = profile.sql.getOrDefault("bare", Map.of()).getOrDefault(step, Map.of());
      long pCalls = profile.wall.get("platform").get(step)[0];
      long bCalls = profile.wall.get("bare").get(step)[0];
      List<String> keys = new ArrayList<>(plat.keySet());
      keys.sort((x, y) -> Long.compare(plat.get(y)[2], plat.get(x)[2]));
      out("%n-- %s: statements per call, platform vs bare (sorted by platform DB time) --%n", step.label);
      out("%7s %7s %9s  %s%n", "plat", "bare", "plat µs", "SQL");
      int shown = 0;
      for (String key : keys) {
        double pc = plat.get(key)[0] / (double) pCalls;
        double bc = bare.containsKey(key) ? bare.get(key)[0] / (double) bCalls : 0;
        if (Math.abs(pc - bc) < 0.01 && !key.startsWith("(")) {
          continue;
        }
        out("%7.2f %7.2f %9.0f  %s%n", pc, bc, plat.get(key)[2] / 1000.0 / pCalls, abbreviate(key));
        if (++shown >= 30) {
          break;
        }
      }
    }
  }

  /** What any request costs here: the same client and server with (almost) nothing behind the endpoint. */
  void httpFloor() throws Exception {
    for (String path : List.of("/actuator/health/liveness", "/api/categories")) {
      HttpRequest request = HttpRequest.newBuilder(URI.create(base() + path)).GET().build();
      Histogram h = new Histogram(3);
      int status = 0;
      for (int i = 0; i < 300; i++) {
        long start = System.nanoTime();
        status = http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
        if (i >= 100) {
          h.recordValue(Math.max(1, (System.nanoTime() - start) / 1000));
        }
      }
      out("HTTP floor: GET %-26s -> %d  p50 %.2f ms, mean %.2f ms (200 calls after 100 unmeasured)%n", path, status,
          ms(h, 50), h.getMean() / 1000.0);
    }
  }

  String profileCells(Profile profile, String side, Step step) {
    long[] w = profile.wall.getOrDefault(side, Map.of()).get(step);
    if (w == null || w[0] == 0) {
      return String.format("%8s %6s %6s %8s", "-", "-", "-", "-");
    }
    long statements = 0;
    long trips = 0;
    long nanos = 0;
    for (long[] v : profile.sql.get(side).getOrDefault(step, Map.of()).values()) {
      statements += v[0];
      trips += v[1];
      nanos += v[2];
    }
    double n = w[0];
    return String.format("%8.2f %6.1f %6.1f %8.2f", w[1] / 1e6 / n, trips / n, statements / n, nanos / 1e6 / n);
  }

  static String abbreviate(String sql) {
    return sql.length() <= 150 ? sql : sql.substring(0, 147) + "...";
  }

  /** Counts JDBC statements (by normalised SQL): [statements, round trips, nanoseconds]. */
  static final class SqlCounter {
    static volatile boolean on;
    static final ConcurrentHashMap<String, long[]> STATS = new ConcurrentHashMap<>();
    static final ConcurrentHashMap<String, String> NORMALISED = new ConcurrentHashMap<>();

    static void count(String sql, int statements, int trips, long nanos) {
      if (!on) {
        return;
      }
      String key = sql == null ? "(unknown)" : NORMALISED.computeIfAbsent(sql, s -> s.replaceAll("\\s+", " ").strip());
      STATS.compute(key, (k, v) -> {
        long[] total = v == null ? new long[3] : v;
        total[0] += statements;
        total[1] += trips;
        total[2] += nanos;
        return total;
      });
    }

    static void reset() {
      STATS.clear();
    }

    static Map<String, long[]> drain() {
      Map<String, long[]> copy = new HashMap<>(STATS);
      STATS.clear();
      return copy;
    }
  }

  /**
   * Times the citizen's requests inside the server (outermost filter to the response), and with
   * bench.profile > 0 wraps the DataSource so that every statement is counted (not installed otherwise).
   */
  @TestConfiguration(proxyBeanMethods = false)
  static class BenchmarkConfiguration {
    static volatile boolean installed;
    static final Histogram SERVER_SUBMIT = new ConcurrentHistogram(3);
    static final Histogram SERVER_EVALUATE = new ConcurrentHistogram(3);

    /** Not a ResourceConfig bean: Spring Boot's Jersey set-up expects exactly one (the platform's /engine-rest). */
    @Bean
    ServletRegistrationBean<ServletContainer> bareEngineRest() {
      ResourceConfig resources = new ResourceConfig();
      resources.registerClasses(CamundaRestResources.getResourceClasses());
      resources.registerClasses(CamundaRestResources.getConfigurationClasses());
      resources.register(JacksonFeature.class);
      var registration = new ServletRegistrationBean<>(new ServletContainer(resources), BARE_REST + "/*");
      registration.setName("bare-engine-rest");
      return registration;
    }

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> serverTiming() {
      OncePerRequestFilter filter = new OncePerRequestFilter() {
        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
          long start = System.nanoTime();
          try {
            chain.doFilter(request, response);
          } finally {
            long micros = Math.max(1, (System.nanoTime() - start) / 1000);
            if ("POST".equals(request.getMethod())) {
              if ("/api/opinions".equals(request.getRequestURI())) {
                SERVER_SUBMIT.recordValue(micros);
              } else if (request.getRequestURI().endsWith("/evaluation")) {
                SERVER_EVALUATE.recordValue(micros);
              }
            }
          }
        }
      };
      FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(filter);
      registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
      registration.addUrlPatterns("/api/opinions", "/api/opinions/*");
      return registration;
    }

    @Bean
    static BeanPostProcessor countingDataSource() {
      return new BeanPostProcessor() {
        @Override
        public Object postProcessAfterInitialization(Object bean, String name) {
          if (PROFILE > 0 && bean instanceof DataSource ds && !(bean instanceof CountingDataSource)) {
            installed = true;
            return new CountingDataSource(ds);
          }
          return bean;
        }
      };
    }
  }

  static final class CountingDataSource extends DelegatingDataSource {
    CountingDataSource(DataSource target) {
      super(target);
    }

    @Override
    public Connection getConnection() throws SQLException {
      return counting(super.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
      return counting(super.getConnection(username, password));
    }

    static Connection counting(Connection target) {
      InvocationHandler handler = (proxy, method, args) -> {
        switch (method.getName()) {
          case "equals":
            return proxy == args[0];
          case "hashCode":
            return System.identityHashCode(proxy);
          case "toString":
            return "counting " + target;
          case "commit", "rollback": {
            long start = System.nanoTime();
            try {
              return invoke(target, method, args);
            } finally {
              SqlCounter.count("(" + method.getName() + ")", 1, 1, System.nanoTime() - start);
            }
          }
          default:
            break;
        }
        Object result = invoke(target, method, args);
        if (result instanceof CallableStatement cs && method.getName().equals("prepareCall")) {
          return statement(cs, (String) args[0], CallableStatement.class);
        }
        if (result instanceof PreparedStatement ps && method.getName().equals("prepareStatement")) {
          return statement(ps, (String) args[0], PreparedStatement.class);
        }
        if (result instanceof Statement st && method.getName().equals("createStatement")) {
          return statement(st, null, Statement.class);
        }
        return result;
      };
      return (Connection) Proxy.newProxyInstance(OpinionLoopBenchmark.class.getClassLoader(),
          new Class<?>[] {Connection.class}, handler);
    }

    static Object statement(Statement target, String preparedSql, Class<?> type) {
      InvocationHandler handler = new InvocationHandler() {
        String lastBatchSql = preparedSql;

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
          String name = method.getName();
          switch (name) {
            case "equals":
              return proxy == args[0];
            case "hashCode":
              return System.identityHashCode(proxy);
            case "addBatch": {
              String sql = preparedSql != null ? preparedSql : (String) args[0];
              lastBatchSql = sql;
              SqlCounter.count(sql, 1, 0, 0);
              return CountingDataSource.invoke(target, method, args);
            }
            case "executeBatch", "executeLargeBatch": {
              long start = System.nanoTime();
              try {
                return CountingDataSource.invoke(target, method, args);
              } finally {
                SqlCounter.count(lastBatchSql, 0, 1, System.nanoTime() - start);
              }
            }
            case "execute", "executeQuery", "executeUpdate", "executeLargeUpdate": {
              String sql = preparedSql != null ? preparedSql
                  : args != null && args.length > 0 && args[0] instanceof String s ? s : null;
              long start = System.nanoTime();
              try {
                return CountingDataSource.invoke(target, method, args);
              } finally {
                SqlCounter.count(sql, 1, 1, System.nanoTime() - start);
              }
            }
            default:
              return CountingDataSource.invoke(target, method, args);
          }
        }
      };
      return Proxy.newProxyInstance(OpinionLoopBenchmark.class.getClassLoader(), new Class<?>[] {type}, handler);
    }

    static Object invoke(Object target, Method method, Object[] args) throws Throwable {
      try {
        return method.invoke(target, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    }
  }

}
