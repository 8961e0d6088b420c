package cn.liaison.platform.benchmark;

import static cn.liaison.platform.benchmark.LoadHarness.HTTP;
import static cn.liaison.platform.benchmark.LoadHarness.IO_ERROR;
import static cn.liaison.platform.benchmark.LoadHarness.T0;
import static cn.liaison.platform.benchmark.LoadHarness.address;
import static cn.liaison.platform.benchmark.LoadHarness.basic;
import static cn.liaison.platform.benchmark.LoadHarness.byStatus;
import static cn.liaison.platform.benchmark.LoadHarness.log;
import static cn.liaison.platform.benchmark.LoadHarness.sleep;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import cn.liaison.platform.benchmark.LoadHarness.Db;
import cn.liaison.platform.benchmark.LoadHarness.HealthPoller;
import cn.liaison.platform.benchmark.LoadHarness.Node;
import cn.liaison.platform.benchmark.LoadHarness.Outcome;
import cn.liaison.platform.benchmark.LoadHarness.PgServer;
import cn.liaison.platform.benchmark.LoadHarness.PrivateInstance;
import cn.liaison.platform.benchmark.LoadHarness.Row;
import cn.liaison.platform.benchmark.LoadHarness.SharedCluster;
import cn.liaison.platform.department.Signatures;
import cn.liaison.platform.opinion.OpinionLoopProcess.Event;
import cn.liaison.platform.opinion.OpinionLoopProcess.Task;
import cn.liaison.platform.opinion.OpinionLoopProcess.Var;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Load-and-fault suite (issue 10): the packaged platform as separate OS processes on PostgreSQL, driven over
 * HTTP, with faults injected for real (SIGKILL of a node, PostgreSQL stopped and started, the department system
 * down). Prints one table: scenario, requests, answered by status, lost, duplicated, recovery time, health max
 * latency. Asserts the correctness invariants (nothing lost, no duplicated effect, no 5xx other than 503, no
 * opinion without its process), never speed. Not part of {@code ./mvnw verify} (the name ends neither in Tests
 * nor IT); run it explicitly:
 *
 * <pre>
 * ./mvnw -o -q package -DskipTests     # the nodes run target/liaison-platform-*.jar (or target/classes)
 * ./mvnw -o -q test -Dtest=LoadAndFaultBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
 *     [-Dload.scenarios=burst,dbrestart,kill,outage,killcampaign] [-Dload.loops=1000] [-Dload.households=500]
 * </pre>
 *
 * Scenarios (each on a fresh database, dropped at the end unless -Dload.keep=true):
 * <ul>
 *   <li>burst: one node; load.burst.count (2000) valid submissions at load.burst.rate (300/s), open loop, each from
 *       its own address (X-Forwarded-For); health polled every 100 ms; recovery = end of the burst until a new
 *       submission and the health check both answer within 1 s.</li>
 *   <li>dbrestart: one node on a private PostgreSQL instance (initdb in /tmp, own port, so nobody else's database
 *       goes down; -Dload.pg.restart=cluster restarts the shared cluster with pg_ctlcluster instead); submissions at
 *       load.dbrestart.rate (40/s) for load.dbrestart.seconds (40 s); after 10 s PostgreSQL is stopped (fast) and
 *       started again load.dbrestart.down (5 s) later; the platform is not restarted. Recovery = database back until
 *       the first submission after which every one is answered 201.</li>
 *   <li>kill: two nodes on one database, both with the job executor; load.loops (1000) opinion loops through a
 *       department system over HTTP (a WireMock stub recording idempotency keys; the harness plays the department
 *       system's signed FINAL reply and the citizen's evaluation, staff and analysts complete their tasks through
 *       /engine-rest); when half the items have reached the department, node a gets SIGKILL and is started again
 *       load.kill.down (5 s) later. Recovery = kill until the last item is delivered.</li>
 *   <li>outage: one node with the retry cycle load.outage.cycle (R3/PT5S instead of R5/PT1M, so a 10-minute outage
 *       becomes about half a minute); load.outage.loops (50) loops; the stub is down (port closed) until every
 *       hand-over is an incident, then it comes back and an operator retries the failed jobs through /engine-rest
 *       (as Cockpit does). Recovery = stub back until the last item is delivered.</li>
 *   <li>killcampaign: the campaign part of kill -9 (see {@link #killCampaign()}): two nodes, load.households (500)
 *       households, a finance stub; node a gets SIGKILL when the first payment order arrives and is restarted.</li>
 * </ul>
 * The report is also written to target/benchmark/; node logs are under target/loadsuite/.
 */
class LoadAndFaultBenchmark {

  static final ObjectMapper JSON = new ObjectMapper();
  static final String RUN = Long.toString(System.currentTimeMillis(), 36);
  static final Path DIR = Path.of("target", "loadsuite", RUN);
  static final String SECRET_KEY = "loadsuite-secret-key-" + RUN + "-long-enough";
  static final String CONTENT = "村东头灌溉渠堵塞，麦田浇不上水，请尽快疏通。";

  final List<Row> rows = new ArrayList<>();
  final List<String> violations = new ArrayList<>();

  @Test
  void loadAndFault() throws Exception {
    run(List.of(System.getProperty("load.scenarios", "burst,dbrestart,kill,outage,killcampaign").split(",")));
    assertThat(violations).as("invariants of the load-and-fault suite").isEmpty();
  }

  /** Runs the scenarios, prints and writes the table; returns the violated invariants. */
  List<String> run(List<String> scenarios) throws Exception {
    Files.createDirectories(DIR);
    log("run %s: scenarios %s; nodes: %s", RUN, scenarios, String.join(" ", Node.command()).length() > 300
        ? "java -cp <maven runtime classpath> cn.liaison.platform.LiaisonPlatformApplication" : Node.command());
    for (String scenario : scenarios) {
      long start = System.nanoTime();
      try {
        switch (scenario.trim()) {
          case "burst" -> burst();
          case "dbrestart" -> dbRestart();
          case "kill" -> kill();
          case "outage" -> outage();
          case "killcampaign" -> killCampaign();
          default -> throw new IllegalArgumentException("unknown scenario " + scenario);
        }
      } catch (Throwable e) {
        log("scenario %s failed: %s", scenario, e);
        e.printStackTrace(System.out);
        violations.add(scenario + ": " + e);
        rows.add(new Row(scenario, 0, "(failed)", 0, 0, "-", "-", String.valueOf(e)));
      }
      log("scenario %s took %.0f s%n%s", scenario, (System.nanoTime() - start) / 1e9, LoadHarness.table(rows));
    }
    String report = "\n=== Load-and-fault suite " + RUN + " (" + Runtime.getRuntime().availableProcessors()
        + " CPUs) ===\n" + LoadHarness.table(rows)
        + (violations.isEmpty() ? "all invariants held\n" : "VIOLATED:\n  " + String.join("\n  ", violations) + "\n");
    System.out.println(report);
    Path file = Path.of("target", "benchmark", "load-and-fault-"
        + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".txt");
    Files.createDirectories(file.getParent());
    Files.writeString(file, report, StandardCharsets.UTF_8);
    return violations;
  }

  void check(String scenario, boolean holds, String what) {
    if (!holds) {
      violations.add(scenario + ": " + what);
      log("VIOLATION %s: %s", scenario, what);
    }
  }

  static Map<String, String> nodeEnv(String dbUrl) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("SPRING_PROFILES_ACTIVE", "postgres");
    env.put("LIAISON_DB_URL", dbUrl);
    env.put("LIAISON_DB_USER", "postgres");
    env.put("LIAISON_DB_PASSWORD", "");
    env.put("LIAISON_DEMO_DATA", "true");
    env.put("LIAISON_SECRET_KEY", SECRET_KEY);
    env.put("LIAISON_JOB_EXECUTOR", "true");
    return env;
  }

  static HttpRequest.Builder submission(String base, String address, String marker) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("stationCode", "cy-crane");
    body.put("category", "IRRIGATION");
    body.put("content", CONTENT + "【负载 " + RUN + " " + marker + "】");
    body.put("place", "长垣市恼里镇某村");
    body.put("contactName", "王某");
    body.put("contactPhone", "13812341234");
    body.put("anonymous", false);
    body.put("consent", true);
    return HttpRequest.newBuilder(URI.create(base + "/api/opinions")).header("Content-Type", "application/json")
        .header("X-Forwarded-For", address).POST(HttpRequest.BodyPublishers.ofString(json(body)));
  }

  static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static String ticketOf(Outcome o) {
    try {
      return JSON.readTree(o.body()).path("ticketNo").asText(null);
    } catch (IOException e) {
      return null;
    }
  }

  static final Pattern MARKER = Pattern.compile("【负载 (\\w+) (\\w+)】");

  /**
   * What the database holds for the submissions marked with prefix: lost (answered 201 but not stored with its
   * process), duplicated (one request stored twice), stored without a 201 (the client never learnt of it).
   */
  long[] submissionsStored(String scenario, Db db, List<Outcome> outcomes, String prefix) {
    Map<String, String[]> byMarker = new HashMap<>();
    long duplicated = 0;
    for (String[] row : db.rows("SELECT o.content, o.ticket_no, p.id_ FROM opinion o LEFT JOIN act_hi_procinst p "
        + "ON p.id_ = o.process_instance_id WHERE o.content LIKE ?", "%【负载 " + RUN + " " + prefix + "%")) {
      Matcher m = MARKER.matcher(row[0]);
      if (m.find() && byMarker.put(m.group(2), row) != null) {
        duplicated++;
      }
    }
    long lost = 0;
    long withoutProcess = 0;
    long unacknowledged = 0;
    for (Outcome o : outcomes) {
      String[] stored = byMarker.get(prefix + o.index());
      if (o.status() == 201) {
        if (stored == null || !stored[1].equals(ticketOf(o))) {
          lost++;
        } else if (stored[2] == null) {
          withoutProcess++;
        }
      } else if (stored != null) {
        unacknowledged++;
      }
    }
    check(scenario, lost == 0, lost + " submissions answered 201 are not in the database");
    check(scenario, withoutProcess == 0, withoutProcess + " stored submissions have no process");
    check(scenario, duplicated == 0, duplicated + " submissions stored twice");
    return new long[] {lost + withoutProcess, duplicated, unacknowledged};
  }

  void noServerErrors(String scenario, List<Integer> statuses) {
    long bad = statuses.stream().filter(s -> s >= 500 && s != 503).count();
    check(scenario, bad == 0, bad + " answers 5xx other than 503 (" + byStatus(statuses) + ")");
  }

  void consistency(String scenario, Db db) {
    long a = db.opinionsWithoutProcess();
    long b = db.processesWithoutOpinion();
    check(scenario, a == 0, a + " opinions without their process");
    check(scenario, b == 0, b + " opinion processes without their opinion");
  }

  // ---------------------------------------------------------------- burst

  void burst() throws Exception {
    int count = Integer.getInteger("load.burst.count", 2000);
    double rate = Double.parseDouble(System.getProperty("load.burst.rate", "300"));
    PgServer pg = new PgServer("127.0.0.1", 5432);
    String database = "liaison_load_" + RUN + "_burst";
    Node node = new Node("burst", DIR, nodeEnv(pg.createDatabase(database)));
    try (Db db = new Db(pg, database)) {
      log("burst: node up after %.1f s", node.start().awaitUp(Duration.ofMinutes(4)));
      warmUp(node);
      HealthPoller health = new HealthPoller(node);
      long burstStart = System.nanoTime();
      CompletableFuture<List<Outcome>> burst = CompletableFuture.supplyAsync(() -> LoadHarness.openLoop(count, rate,
          Duration.ofSeconds(30), i -> submission(node.base(), address(1, i), "b" + i)));
      long burstEnd = burstStart + (long) (count / rate * 1e9);
      sleep(Math.max(0, (burstEnd - System.nanoTime()) / 1_000_000));
      double recovered = untilNormal(node, burstEnd, 2);
      List<Outcome> outcomes = burst.get(3, TimeUnit.MINUTES);
      health.close();
      double lastAnswer = outcomes.stream().mapToLong(o -> o.sentAt() + o.latencyNanos()).max().orElse(0)
          / 1e9 - (burstEnd - T0) / 1e9;
      List<Integer> statuses = outcomes.stream().map(Outcome::status).toList();
      log("burst: %s; health %s; last answer %.1f s after the burst", byStatus(statuses), health.summary(), lastAnswer);
      printLatencies("burst", outcomes);
      noServerErrors("burst", statuses);
      long[] stored = submissionsStored("burst", db, outcomes, "b");
      consistency("burst", db);
      check("burst", health.maxMillis() <= 1000, "health answered in " + health.maxMillis() + " ms (> 1 s)");
      check("burst", recovered >= 0 && recovered <= 5, "service normal only " + recovered + " s after the burst");
      rows.add(new Row("burst " + count + "@" + (int) rate + "/s", count, byStatus(statuses), stored[0], stored[1],
          recovered < 0 ? "not normal" : String.format("normal %.1f s after", recovered), health.maxMillis() + " ms",
          String.format("%d stored without a 201 answer; last answer %.1f s after the burst; health %s; "
              + "node log: %d ERROR lines", stored[2], lastAnswer, health.summary(), node.logCount(" ERROR "))));
    } finally {
      node.stop();
      pg.dropDatabase(database);
    }
  }

  /** A few submissions first, so the burst does not meet a cold JIT and empty pools alone. */
  void warmUp(Node node) throws Exception {
    for (int i = 0; i < 20; i++) {
      HTTP.send(submission(node.base(), address(9, i), "w" + i).build(), HttpResponse.BodyHandlers.discarding());
    }
  }

  /**
   * Seconds from `from` (System.nanoTime) until a new submission (from a new address) is answered 201 and the
   * health check 200, both within 1 s; -1 if not within 2 minutes.
   */
  double untilNormal(Node node, long from, int block) {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    int k = 0;
    while (System.nanoTime() < deadline) {
      long start = System.nanoTime();
      try {
        var submitted = HTTP.send(submission(node.base(), address(block, k++), "probe" + k)
            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
        long submitNanos = System.nanoTime() - start;
        long healthStart = System.nanoTime();
        var health = HTTP.send(HttpRequest.newBuilder(URI.create(node.base() + "/actuator/health"))
            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
        long healthNanos = System.nanoTime() - healthStart;
        if (submitted.statusCode() == 201 && submitNanos < 1e9 && health.statusCode() == 200 && healthNanos < 1e9) {
          return Math.max(0, (start - from) / 1e9);
        }
      } catch (IOException e) {
        // not yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return -1;
      }
      sleep(100);
    }
    return -1;
  }

  static void printLatencies(String scenario, List<Outcome> outcomes) {
    long[] sorted = outcomes.stream().mapToLong(Outcome::latencyNanos).sorted().toArray();
    if (sorted.length == 0) {
      return;
    }
    log("%s: latency p50 %d ms, p99 %d ms, max %d ms", scenario, sorted[sorted.length / 2] / 1_000_000,
        sorted[(int) (sorted.length * 0.99)] / 1_000_000, sorted[sorted.length - 1] / 1_000_000);
  }

  /** Answers by second of sending, relative to `from` (ns since T0): where the failures are. */
  static void printTimeline(String scenario, List<Outcome> outcomes, long from) {
    Map<Long, List<Integer>> bySecond = new java.util.TreeMap<>();
    for (Outcome o : outcomes) {
      bySecond.computeIfAbsent(Math.floorDiv(o.sentAt() - from, 1_000_000_000L), k -> new ArrayList<>())
          .add(o.status());
    }
    StringBuilder line = new StringBuilder();
    bySecond.forEach((second, statuses) -> {
      if (second >= -2 && statuses.stream().anyMatch(st -> st != 201) || second >= -2 && second <= 2) {
        line.append(String.format("%n    t%+3ds: %s", second, byStatus(statuses)));
      }
    });
    log("%s: answers by second of sending (t = 0 at the fault; seconds with only 201 left out after t+2):%s",
        scenario, line);
  }

  // ---------------------------------------------------------------- database restart

  void dbRestart() throws Exception {
    double rate = Double.parseDouble(System.getProperty("load.dbrestart.rate", "40"));
    int seconds = Integer.getInteger("load.dbrestart.seconds", 40);
    int down = Integer.getInteger("load.dbrestart.down", 5);
    int count = (int) (rate * seconds);
    boolean shared = "cluster".equals(System.getProperty("load.pg.restart", "private"));
    PgServer pg = shared ? new SharedCluster()
        : new PrivateInstance(Path.of("/tmp", "liaison-loadsuite-pg-" + RUN), LoadHarness.freePort()).start();
    String database = "liaison_load_" + RUN + "_dbrestart";
    Node node = null;
    try {
      node = new Node("dbrestart", DIR, nodeEnv(pg.createDatabase(database)));
      log("dbrestart: node up after %.1f s (PostgreSQL %s port %d)", node.start().awaitUp(Duration.ofMinutes(4)),
          shared ? "shared cluster" : "private instance", pg.port);
      Node n = node;
      warmUp(n);
      HealthPoller health = new HealthPoller(node);
      CompletableFuture<List<Outcome>> load = CompletableFuture.supplyAsync(() -> LoadHarness.openLoop(count, rate,
          Duration.ofSeconds(30), i -> submission(n.base(), address(3, i), "r" + i)));
      sleep(10_000);
      log("dbrestart: stopping PostgreSQL for %d s", down);
      long[] restart = pg.restart(Duration.ofSeconds(down));
      log("dbrestart: PostgreSQL up again");
      List<Outcome> outcomes = load.get(5, TimeUnit.MINUTES);
      health.close();
      // recovered: the first request (sent after the database was back) from which on every one got 201
      long lastFailure = outcomes.stream().filter(o -> o.status() != 201).mapToLong(Outcome::sentAt).max()
          .orElse(Long.MIN_VALUE);
      long firstGood = outcomes.stream().filter(o -> o.status() == 201 && o.sentAt() > lastFailure)
          .mapToLong(Outcome::sentAt).min().orElse(-1);
      double recovery = firstGood < 0 ? -1 : Math.max(0, (firstGood - restart[1]) / 1e9);
      List<Integer> statuses = outcomes.stream().map(Outcome::status).toList();
      List<Integer> during = outcomes.stream().filter(o -> o.sentAt() >= restart[0] && o.sentAt() <= restart[1])
          .map(Outcome::status).toList();
      log("dbrestart: %s; during the outage %s; health %s", byStatus(statuses), byStatus(during), health.summary());
      printLatencies("dbrestart", outcomes);
      printTimeline("dbrestart", outcomes, restart[0]);
      boolean servesAgain = untilNormal(node, System.nanoTime(), 4) >= 0;
      noServerErrors("dbrestart", statuses);
      check("dbrestart", servesAgain, "the platform does not serve again without a restart");
      check("dbrestart", recovery >= 0, "submissions never recovered after the database restart");
      long[] stored;
      try (Db db = new Db(pg, database)) {
        stored = submissionsStored("dbrestart", db, outcomes, "r");
        consistency("dbrestart", db);
      }
      rows.add(new Row("dbrestart " + down + "s down", count, byStatus(statuses), stored[0], stored[1],
          recovery < 0 ? "never" : String.format("%.1f s after DB up", recovery), health.maxMillis() + " ms",
          String.format("outage %.1f s (stop..start); answers to requests sent during it: %s; %d stored without a "
              + "201 answer; health %s; node log: %d ERROR lines", (restart[1] - restart[0]) / 1e9, byStatus(during),
              stored[2], health.summary(), node.logCount(" ERROR "))));
    } finally {
      if (node != null) {
        node.stop();
      }
      pg.dropDatabase(database);
      pg.close();
    }
  }

  // ---------------------------------------------------------------- opinion loops through a department system

  /** The department's system: a WireMock stub on a fixed port (so it can go down and come back) recording keys. */
  static final class DepartmentStub {
    final int port = LoadHarness.freePort();
    final String path = "/dept/items";
    final int delayMillis;
    final Map<String, AtomicInteger> received = new ConcurrentHashMap<>();
    final Map<String, Long> firstAt = new ConcurrentHashMap<>();
    final Map<String, Set<String>> keysByTicket = new ConcurrentHashMap<>();
    volatile WireMockServer server;

    DepartmentStub(int delayMillis) {
      this.delayMillis = delayMillis;
    }

    String endpoint() {
      return "http://127.0.0.1:" + port + path;
    }

    synchronized void up() {
      WireMockServer s = new WireMockServer(WireMockConfiguration.options().port(port).containerThreads(40)
          .jettyAcceptors(2).disableRequestJournal());
      s.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(202).withFixedDelay(delayMillis)));
      s.addMockServiceRequestListener((request, response) -> {
        String key = request.getHeader(Signatures.IDEMPOTENCY_KEY);
        if (key == null || response.getStatus() != 202) {
          return;
        }
        received.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
        firstAt.putIfAbsent(key, System.nanoTime());
        try {
          String ticket = JSON.readTree(request.getBodyAsString()).path("ticketNo").asText();
          keysByTicket.computeIfAbsent(ticket, t -> ConcurrentHashMap.newKeySet()).add(key);
        } catch (IOException e) {
          // counted by key anyway
        }
      });
      s.start();
      server = s;
    }

    synchronized void down() {
      if (server != null) {
        server.stop();
        server = null;
      }
    }

    long repeatedKeys() {
      return received.values().stream().filter(c -> c.get() > 1).count();
    }

    /** Items that reached the department under more than one idempotency key: real duplicates. */
    long duplicatedItems() {
      return keysByTicket.values().stream().filter(k -> k.size() > 1).count();
    }

    long lastDelivery() {
      return firstAt.values().stream().mapToLong(Long::longValue).max().orElse(0);
    }
  }

  /** One opinion loop as the harness drives it. */
  static final class Loop implements Delayed {
    final int index;
    final String address;
    String ticket;
    String trackingKey;
    String process;
    boolean replied;
    boolean evaluated;
    volatile boolean done;
    volatile long dueAt = System.nanoTime();

    Loop(int index, int block) {
      this.index = index;
      this.address = address(block, index);
    }

    @Override
    public long getDelay(TimeUnit unit) {
      return unit.convert(dueAt - System.nanoTime(), TimeUnit.NANOSECONDS);
    }

    @Override
    public int compareTo(Delayed o) {
      return Long.compare(dueAt, ((Loop) o).dueAt);
    }
  }

  /**
   * Drives opinion loops over HTTP against whichever node answers: the citizen submits (public API), staff1
   * sorts and analyst1 hands over to the HTTP department (/engine-rest), the job executor calls the department
   * stub, the harness plays the department system's signed FINAL reply once the item waits for it, the citizen
   * evaluates. Every action is chosen from the state in the database, so a request lost with a killed node is
   * simply decided again.
   */
  final class LoopDriver {
    final String scenario;
    final List<Node> nodes;
    final Db db;
    final DepartmentStub stub;
    final String department;
    final String departmentSecret = "secret-" + UUID.randomUUID();
    final List<Loop> loops = new ArrayList<>();
    final List<Integer> statuses = java.util.Collections.synchronizedList(new ArrayList<>());
    final DelayQueue<Loop> queue = new DelayQueue<>();
    final AtomicInteger rr = new AtomicInteger();
    final AtomicLong unacknowledged = new AtomicLong();
    final AtomicInteger finished = new AtomicInteger();

    LoopDriver(String scenario, List<Node> nodes, Db db, DepartmentStub stub) {
      this.scenario = scenario;
      this.nodes = nodes;
      this.db = db;
      this.stub = stub;
      this.department = "dept-sys-load-" + RUN;
    }

    void createDepartment() throws Exception {
      Map<String, Object> change = new LinkedHashMap<>();
      change.put("name", "县灌溉服务中心（负载）");
      change.put("channel", "HTTP");
      change.put("endpoint", stub.endpoint());
      change.put("secret", departmentSecret);
      change.put("timeoutMillis", 10000);
      change.put("active", true);
      var saved = HTTP.send(HttpRequest.newBuilder(URI.create(nodes.get(0).base() + "/api/admin/departments/"
              + department)).header("Authorization", basic("demo")).header("Content-Type", "application/json")
          .PUT(HttpRequest.BodyPublishers.ofString(json(change))).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(saved.statusCode()).as("department saved: " + saved.body()).isEqualTo(200);
    }

    /** All submissions, open loop at rate/s across the nodes; failures are submitted again (as citizens would). */
    void submit(int count, double rate, int block) {
      for (int i = 0; i < count; i++) {
        loops.add(new Loop(i, block));
      }
      List<Outcome> outcomes = LoadHarness.openLoop(count, rate, Duration.ofSeconds(30),
          i -> submission(nodes.get(i % nodes.size()).base(), loops.get(i).address, scenario + "l" + i));
      // refused ones (503 with Retry-After when a node is busy) are sent again, as citizens would, 8 at a time
      ExecutorService again = Executors.newFixedThreadPool(8);
      List<CompletableFuture<Void>> resubmitted = new ArrayList<>();
      for (Outcome o : outcomes) {
        statuses.add(o.status());
        Loop loop = loops.get(o.index());
        if (o.status() == 201) {
          accept(loop, o.body());
        } else {
          resubmitted.add(CompletableFuture.runAsync(() -> resubmit(loop, o.status()), again));
        }
      }
      CompletableFuture.allOf(resubmitted.toArray(CompletableFuture[]::new)).join();
      again.shutdown();
      log("%s: %d loops submitted (%s)", scenario, count, byStatus(statuses));
    }

    void resubmit(Loop loop, int firstStatus) {
      if (firstStatus < 0 && db.count("SELECT COUNT(*) FROM opinion WHERE content LIKE ?",
          "%【负载 " + RUN + " " + scenario + "l" + loop.index + "】%") > 0) {
        unacknowledged.incrementAndGet();
      }
      for (int attempt = 0; attempt < 30; attempt++) {
        sleep(1000);
        String marker = scenario + "l" + loop.index + "x" + attempt;
        HttpResponse<String> r = send(base -> submission(base, loop.address, marker));
        if (r != null && r.statusCode() == 201) {
          accept(loop, r.body());
          return;
        }
      }
      throw new IllegalStateException("loop " + loop.index + " could not be submitted");
    }

    void accept(Loop loop, String body) {
      try {
        JsonNode answer = JSON.readTree(body);
        loop.ticket = answer.path("ticketNo").asText();
        loop.trackingKey = answer.path("trackingKey").asText();
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }

    /** One request to the next node that answers; null when none answered (the state decides what next). */
    HttpResponse<String> send(Function<String, HttpRequest.Builder> request) {
      for (int attempt = 0; attempt < nodes.size(); attempt++) {
        Node node = nodes.get(Math.floorMod(rr.getAndIncrement(), nodes.size()));
        if (!node.alive() && attempt < nodes.size() - 1) {
          continue;
        }
        try {
          HttpResponse<String> response = HTTP.send(request.apply(node.base()).timeout(Duration.ofSeconds(30)).build(),
              HttpResponse.BodyHandlers.ofString());
          statuses.add(response.statusCode());
          return response;
        } catch (IOException e) {
          statuses.add(LoadHarness.errorStatus(e));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return null;
        }
      }
      return null;
    }

    /** Runs the loops to their end with `workers` threads; returns false if they did not finish in time. */
    boolean drive(int workers, Duration max) throws InterruptedException {
      for (Loop loop : loops) {
        loop.process = db.rows("SELECT process_instance_id FROM opinion WHERE ticket_no = ?", loop.ticket).get(0)[0];
        queue.add(loop);
      }
      ExecutorService pool = Executors.newFixedThreadPool(workers);
      long deadline = System.nanoTime() + max.toNanos();
      for (int w = 0; w < workers; w++) {
        pool.submit(() -> {
          while (finished.get() < loops.size() && System.nanoTime() < deadline) {
            Loop loop;
            try {
              loop = queue.poll(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
              return;
            }
            if (loop == null) {
              continue;
            }
            try {
              step(loop);
            } catch (RuntimeException e) {
              log("%s: loop %d (%s): %s", scenario, loop.index, loop.ticket, e);
              loop.dueAt = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
            }
            if (loop.done) {
              finished.incrementAndGet();
            } else {
              queue.add(loop);
            }
          }
        });
      }
      pool.shutdown();
      boolean inTime = pool.awaitTermination(max.toSeconds() + 60, TimeUnit.SECONDS);
      pool.shutdownNow();
      return inTime && finished.get() == loops.size();
    }

    void step(Loop loop) {
      List<String[]> state = db.rows("SELECT p.end_time_, o.status FROM act_hi_procinst p JOIN opinion o "
          + "ON o.process_instance_id = p.id_ WHERE p.id_ = ?", loop.process);
      if (state.get(0)[0] != null) {
        loop.done = true;
        return;
      }
      List<String[]> open = db.rows("SELECT id_, task_def_key_ FROM act_ru_task WHERE proc_inst_id_ = ?",
          loop.process);
      for (String[] task : open) {
        if (Task.SORT.equals(task[1])) {
          complete(task[0], "staff1", Map.of(Var.SORT_DECISION, "CONFIRM", Var.CATEGORY, "IRRIGATION",
              Var.DEPARTMENT_CODE, "dept-water", Var.GRADE, "GENERAL", Var.DEADLINE_DAYS, 5));
        } else if (Task.ANALYZE.equals(task[1])) {
          complete(task[0], "analyst1", Map.of(Var.ROUTE, "ASSIGN_DEPARTMENT", Var.DEPARTMENT_CODE, department));
        } else {
          throw new IllegalStateException("unexpected task " + task[1]);
        }
        loop.dueAt = System.nanoTime();
        return;
      }
      boolean waiting = db.count("SELECT COUNT(*) FROM act_ru_execution WHERE proc_inst_id_ = ? AND act_id_ = ?",
          loop.process, Event.DEPARTMENT_SYSTEM_REPLIED) > 0;
      if (waiting && !loop.replied) {
        HttpResponse<String> r = reply(loop);
        loop.replied = r != null && r.statusCode() == 200;
        loop.dueAt = System.nanoTime() + (loop.replied ? 0 : TimeUnit.MILLISECONDS.toNanos(500));
        return;
      }
      if ("REPLIED".equals(state.get(0)[1]) && !loop.evaluated) {
        HttpResponse<String> r = send(base -> HttpRequest.newBuilder(URI.create(base + "/api/opinions/" + loop.ticket
                + "/evaluation")).header("Content-Type", "application/json").header("X-Tracking-Key", loop.trackingKey)
            .header("X-Forwarded-For", loop.address).POST(HttpRequest.BodyPublishers.ofString("{\"rating\":\"SATISFIED\"}")));
        loop.evaluated = r != null && r.statusCode() == 204;
        loop.dueAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(loop.evaluated ? 100 : 500);
        return;
      }
      loop.dueAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(700);
    }

    void complete(String taskId, String user, Map<String, Object> variables) {
      Map<String, Object> vars = new LinkedHashMap<>();
      variables.forEach((name, value) -> vars.put(name, Map.of("value", value)));
      String body = json(Map.of("variables", vars));
      HttpResponse<String> r = send(base -> HttpRequest.newBuilder(URI.create(base + "/engine-rest/task/" + taskId
              + "/complete")).header("Authorization", basic(user)).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(body)));
      if (r != null && r.statusCode() != 204 && r.statusCode() != 404 && r.statusCode() < 500) {
        log("%s: %s completing %s answered %d %s", scenario, user, taskId, r.statusCode(), r.body());
      }
    }

    HttpResponse<String> reply(Loop loop) {
      byte[] body = json(Map.of("ticketNo", loop.ticket, "type", "FINAL", "result", "SOLVED",
          "text", "灌溉渠已疏通，麦田恢复浇水。")).getBytes(StandardCharsets.UTF_8);
      return send(base -> {
        String timestamp = String.valueOf(Instant.now().getEpochSecond());
        String nonce = UUID.randomUUID().toString();
        return HttpRequest.newBuilder(URI.create(base + "/api/departments/" + department + "/replies"))
            .header("Content-Type", "application/json").header(Signatures.TIMESTAMP, timestamp)
            .header(Signatures.NONCE, nonce)
            .header(Signatures.SIGNATURE, Signatures.sign(departmentSecret, timestamp, nonce, body))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
      });
    }

    /** Invariants at the end; returns {lost (loops not finished), duplicated (items under two keys)}. */
    long[] verify() {
      long closed = db.count("SELECT COUNT(*) FROM opinion o JOIN act_hi_procinst p ON p.id_ = o.process_instance_id "
          + "WHERE o.status = 'CLOSED' AND p.end_time_ IS NOT NULL AND o.content LIKE ?",
          "%【负载 " + RUN + " " + scenario + "l%");
      long notFinished = loops.size() - loops.stream().filter(l -> l.done).count();
      long notDelivered = loops.stream().filter(l -> !stub.received.containsKey(l.process + ":assign:1")).count();
      long incidents = db.count("SELECT COUNT(*) FROM act_ru_incident");
      check(scenario, notFinished == 0, notFinished + " loops did not finish");
      check(scenario, closed >= loops.size(), "only " + closed + " of " + loops.size() + " opinions CLOSED");
      check(scenario, notDelivered == 0, notDelivered + " items never reached the department");
      check(scenario, stub.duplicatedItems() == 0, stub.duplicatedItems() + " items reached the department twice "
          + "under different idempotency keys");
      check(scenario, incidents == 0, incidents + " open incidents at the end");
      noServerErrors(scenario, statuses);
      consistency(scenario, db);
      return new long[] {notFinished, stub.duplicatedItems()};
    }
  }

  // ---------------------------------------------------------------- kill -9

  void kill() throws Exception {
    int count = Integer.getInteger("load.loops", 1000);
    double rate = Double.parseDouble(System.getProperty("load.kill.rate", "20"));
    int down = Integer.getInteger("load.kill.down", 5);
    PgServer pg = new PgServer("127.0.0.1", 5432);
    String database = "liaison_load_" + RUN + "_kill";
    String url = pg.createDatabase(database);
    DepartmentStub stub = new DepartmentStub(Integer.getInteger("load.stub.delay", 200));
    stub.up();
    Node a = new Node("kill-a", DIR, nodeEnv(url));
    Node b = new Node("kill-b", DIR, nodeEnv(url));
    try (Db db = new Db(pg, database)) {
      // one after the other: the first creates the schema
      log("kill: node a up after %.1f s", a.start().awaitUp(Duration.ofMinutes(4)));
      log("kill: node b up after %.1f s", b.start().awaitUp(Duration.ofMinutes(4)));
      HealthPoller health = new HealthPoller(a, b);
      LoopDriver driver = new LoopDriver("kill", List.of(a, b), db, stub);
      driver.createDepartment();
      driver.submit(count, rate, 5);

      long[] killedAt = {0};
      double[] restartedAfter = {-1};
      List<String> lockedAtKill = new ArrayList<>();
      Thread killer = new Thread(() -> {
        while (stub.received.size() < count / 2 && driver.finished.get() < count) {
          sleep(50);
        }
        lockedAtKill.addAll(db.rows("SELECT id_ FROM act_ru_job WHERE lock_exp_time_ IS NOT NULL").stream()
            .map(r -> r[0]).toList());
        killedAt[0] = System.nanoTime();
        log("kill: SIGKILL node a (pid %d) with %d of %d items delivered, %d jobs locked", a.pid(),
            stub.received.size(), count, lockedAtKill.size());
        a.kill();
        sleep(down * 1000L);
        a.start();
        restartedAfter[0] = a.awaitUp(Duration.ofMinutes(4)) + down;
        log("kill: node a up again %.1f s after the kill", restartedAfter[0]);
      });
      killer.start();
      long[] takeover = {-1};
      Thread watcher = new Thread(() -> {
        while (killedAt[0] == 0) {
          sleep(100);
        }
        while (!lockedAtKill.isEmpty()) {
          Set<String> jobs = new HashSet<>();
          db.rows("SELECT id_ FROM act_ru_job").forEach(r -> jobs.add(r[0]));
          if (lockedAtKill.stream().noneMatch(jobs::contains)) {
            takeover[0] = System.nanoTime();
            return;
          }
          sleep(200);
        }
      });
      watcher.setDaemon(true);
      watcher.start();

      boolean finished = driver.drive(Integer.getInteger("load.workers", 6),
          Duration.ofMinutes(Integer.getInteger("load.kill.timeout.minutes", 20)));
      long allDoneAt = System.nanoTime();
      killer.join(TimeUnit.MINUTES.toMillis(5));
      health.close();
      double lastDelivery = killedAt[0] == 0 ? -1 : (stub.lastDelivery() - killedAt[0]) / 1e9;
      double takeoverAfter = takeover[0] < 0 ? -1 : (takeover[0] - killedAt[0]) / 1e9;
      log("kill: finished=%s; %s; last delivery %.1f s after the kill; jobs locked at the kill done after %.1f s; "
          + "repeated keys %d; health %s", finished, byStatus(driver.statuses), lastDelivery, takeoverAfter,
          stub.repeatedKeys(), health.summary());
      long[] verdict = driver.verify();
      check("kill", killedAt[0] != 0, "the node was never killed");
      check("kill", takeoverAfter >= 0 && takeoverAfter <= 60, "jobs held by the killed node done only after "
          + takeoverAfter + " s");
      rows.add(new Row("kill -9 " + count + " loops", driver.statuses.size(), byStatus(driver.statuses), verdict[0],
          verdict[1], String.format("last delivery %.1f s after kill", lastDelivery), health.maxMillis() + " ms",
          String.format("2 nodes; node a killed with %d/%d delivered, restarted (up %.1f s after the kill); %d jobs "
              + "locked at the kill, all done %.1f s after it; all loops closed %.1f s after the kill; %d keys "
              + "received more than once (same key: deduplicable); %d submissions stored without a 201; IOERR = "
              + "requests to the dead node (the harness then asks the other); health %s", count / 2, count,
              restartedAfter[0], lockedAtKill.size(), takeoverAfter, (allDoneAt - killedAt[0]) / 1e9,
              stub.repeatedKeys(), driver.unacknowledged.get(), health.summary())));
    } finally {
      a.stop();
      b.stop();
      stub.down();
      pg.dropDatabase(database);
    }
  }

  // ---------------------------------------------------------------- department outage

  void outage() throws Exception {
    int count = Integer.getInteger("load.outage.loops", 50);
    String cycle = System.getProperty("load.outage.cycle", "R3/PT5S");
    PgServer pg = new PgServer("127.0.0.1", 5432);
    String database = "liaison_load_" + RUN + "_outage";
    Map<String, String> env = nodeEnv(pg.createDatabase(database));
    env.put("LIAISON_DEPARTMENTS_RETRY_CYCLE", cycle);
    Node node = new Node("outage", DIR, env);
    DepartmentStub stub = new DepartmentStub(0);
    try (Db db = new Db(pg, database)) {
      log("outage: node up after %.1f s (retry cycle %s)", node.start().awaitUp(Duration.ofMinutes(4)), cycle);
      HealthPoller health = new HealthPoller(node);
      LoopDriver driver = new LoopDriver("outage", List.of(node), db, stub);
      driver.createDepartment();
      long downAt = System.nanoTime();
      driver.submit(count, 20, 6);
      CompletableFuture<Boolean> driving = CompletableFuture.supplyAsync(() -> {
        try {
          return driver.drive(4, Duration.ofMinutes(15));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
      });
      long maxDown = System.nanoTime() + TimeUnit.SECONDS.toNanos(Integer.getInteger("load.outage.max", 240));
      long incidents = 0;
      while (System.nanoTime() < maxDown && (incidents = db.count("SELECT COUNT(*) FROM act_ru_incident "
          + "WHERE activity_id_ = ?", Task.ASSIGN)) < count) {
        sleep(1000);
      }
      long failedCalls = db.count("SELECT COUNT(*) FROM department_call WHERE outcome <> 'ACCEPTED'");
      List<String[]> sample = db.rows("SELECT incident_msg_ FROM act_ru_incident LIMIT 1");
      log("outage: %d of %d hand-overs are incidents after %.0f s down, %d failed calls; e.g. %s", incidents, count,
          (System.nanoTime() - downAt) / 1e9, failedCalls, sample.isEmpty() ? "-" : sample.get(0)[0]);
      check("outage", incidents == count, incidents + " incidents for " + count + " hand-overs to a system down");

      stub.up();
      long upAt = System.nanoTime();
      // the operator: Cockpit's retry of every failed job (PUT /engine-rest/job/{id}/retries)
      var jobs = HTTP.send(HttpRequest.newBuilder(URI.create(node.base() + "/engine-rest/job?noRetriesLeft=true"
          + "&activityId=" + Task.ASSIGN)).header("Authorization", basic("demo")).build(),
          HttpResponse.BodyHandlers.ofString());
      int retried = 0;
      for (JsonNode job : JSON.readTree(jobs.body())) {
        var r = HTTP.send(HttpRequest.newBuilder(URI.create(node.base() + "/engine-rest/job/" + job.path("id").asText()
                + "/retries")).header("Authorization", basic("demo")).header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString("{\"retries\":1}")).build(), HttpResponse.BodyHandlers.ofString());
        driver.statuses.add(r.statusCode());
        retried += r.statusCode() == 204 ? 1 : 0;
      }
      log("outage: stub back, %d jobs retried by the operator", retried);
      boolean finished = driving.get(20, TimeUnit.MINUTES);
      health.close();
      double recovery = (stub.lastDelivery() - upAt) / 1e9;
      long notOnce = stub.received.values().stream().filter(c -> c.get() != 1).count();
      log("outage: finished=%s; %s; last delivery %.1f s after the stub came back; health %s", finished,
          byStatus(driver.statuses), recovery, health.summary());
      long[] verdict = driver.verify();
      check("outage", notOnce == 0, notOnce + " items received other than exactly once");
      rows.add(new Row("dept outage " + count + " loops", driver.statuses.size(), byStatus(driver.statuses),
          verdict[0], verdict[1] + notOnce, String.format("%.1f s after stub up", recovery), health.maxMillis() + " ms",
          String.format("retry cycle %s (instead of R5/PT1M: a 10-minute outage scaled down); stub down %.0f s; %d "
              + "incidents; %d failed calls recorded; %d jobs retried by the operator; each item received exactly "
              + "once: %s; health %s", cycle, (upAt - downAt) / 1e9, incidents, failedCalls, retried, notOnce == 0,
              health.summary())));
    } finally {
      node.stop();
      stub.down();
      pg.dropDatabase(database);
    }
  }

  // ---------------------------------------------------------------- kill -9 during a campaign

  /**
   * Two nodes; a campaign of load.households (500) households, all willing, whose deputies (deputy1, deputy2)
   * complete 入户动员 → 签订协议 → 种植确认 through /engine-rest; the subsidy cycle is load.campaign.cycle (R/PT15S
   * instead of R/P7D) and the finance bureau is a WireMock stub recording idempotency keys and the households of
   * each payment order. Node a gets SIGKILL when the first payment order reaches the finance stub (whose answer takes
   * 200 ms, so the sending job may be cut off) and is started again.
   */
  void killCampaign() throws Exception {
    int count = Integer.getInteger("load.households", 500);
    int down = Integer.getInteger("load.kill.down", 5);
    String cycle = System.getProperty("load.campaign.cycle", "R/PT15S");
    PgServer pg = new PgServer("127.0.0.1", 5432);
    String database = "liaison_load_" + RUN + "_campaign";
    Map<String, String> env = nodeEnv(pg.createDatabase(database));
    env.put("LIAISON_CAMPAIGN_SUBSIDY_CYCLE", cycle);
    Map<String, AtomicInteger> keys = new ConcurrentHashMap<>();
    Map<String, Set<String>> keysByHousehold = new ConcurrentHashMap<>();
    AtomicLong lastPayment = new AtomicLong();
    int financePort = LoadHarness.freePort();
    WireMockServer finance = new WireMockServer(WireMockConfiguration.options().port(financePort)
        .containerThreads(20).disableRequestJournal());
    finance.stubFor(post(urlEqualTo("/payments")).willReturn(aResponse().withStatus(202).withFixedDelay(200)));
    java.util.concurrent.BlockingQueue<Map<String, Object>> paymentOrders = new java.util.concurrent.LinkedBlockingQueue<>();
    finance.addMockServiceRequestListener((request, response) -> {
      String key = request.getHeader(Signatures.IDEMPOTENCY_KEY);
      keys.computeIfAbsent(String.valueOf(key), k -> new AtomicInteger()).incrementAndGet();
      lastPayment.set(System.nanoTime());
      try {
        JsonNode order = JSON.readTree(request.getBodyAsString());
        List<Map<String, Object>> results = new ArrayList<>();
        for (JsonNode payment : order.path("payments")) {
          keysByHousehold.computeIfAbsent(payment.path("householdNo").asText(), h -> ConcurrentHashMap.newKeySet())
              .add(key);
          results.add(Map.of("householdNo", payment.path("householdNo").asText(), "status", "PAID",
              "paidOn", java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).toString(),
              "voucherNo", "PZ-" + payment.path("householdNo").asText()));
        }
        // a 2xx is "received": the bureau's system reports each household's payment a moment later
        paymentOrders.add(Map.of("ticketNo", order.path("reference").asText(order.path("batchNo").asText()),
            "type", "PAYMENT_RESULT", "lines", results));
      } catch (IOException e) {
        // counted by key
      }
    });
    finance.start();
    Node a = new Node("campaign-a", DIR, env);
    Node b = new Node("campaign-b", DIR, env);
    List<Integer> statuses = java.util.Collections.synchronizedList(new ArrayList<>());
    try (Db db = new Db(pg, database)) {
      log("killcampaign: node a up after %.1f s", a.start().awaitUp(Duration.ofMinutes(4)));
      log("killcampaign: node b up after %.1f s", b.start().awaitUp(Duration.ofMinutes(4)));
      HealthPoller health = new HealthPoller(a, b);
      String code = "LZ-LOAD-" + RUN.toUpperCase();
      Map<String, Object> financeDept = new LinkedHashMap<>();
      financeDept.put("name", "县财政局");
      financeDept.put("group", "dept-finance");
      financeDept.put("channel", "HTTP");
      financeDept.put("endpoint", "http://127.0.0.1:" + financePort + "/payments");
      financeDept.put("timeoutMillis", 10000);
      financeDept.put("secret", "finance-secret-" + RUN);
      expect(200, HTTP.send(HttpRequest.newBuilder(URI.create(a.base() + "/api/admin/departments/dept-finance"))
          .header("Authorization", basic("demo")).header("Content-Type", "application/json")
          .PUT(HttpRequest.BodyPublishers.ofString(json(financeDept))).build(), HttpResponse.BodyHandlers.ofString()));
      java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai"));
      List<String> villages = List.of("东村", "西村", "南村", "北村", "中村");
      Map<String, Object> campaign = new LinkedHashMap<>();
      campaign.put("code", code);
      campaign.put("name", "路寨镇水稻改种（负载演练）");
      campaign.put("town", "路寨镇");
      campaign.put("season", "负载");
      campaign.put("phases", Map.of("start", today.toString(), "signAndPlant", today.plusDays(20).toString(),
          "wrapUp", today.plusDays(60).toString()));
      campaign.put("targetHouseholds", count);
      campaign.put("targetMu", count * 2);
      campaign.put("subsidyPerMu", 300);
      campaign.put("team", List.of(Map.of("deputy", "deputy1", "villages", villages.subList(0, 3)),
          Map.of("deputy", "deputy2", "villages", villages.subList(3, 5))));
      expect(201, HTTP.send(HttpRequest.newBuilder(URI.create(a.base() + "/api/campaigns"))
          .header("Authorization", basic("staff3")).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(json(campaign))).build(), HttpResponse.BodyHandlers.ofString()));
      StringBuilder csv = new StringBuilder("户编号,户主,村,片区,电话,地块编号,面积(亩),地形,现种作物\n");
      for (int i = 0; i < count; i++) {
        csv.append(String.format("LD%04d,户主%d,%s,一片,138%08d,P1,2.5,一般,小麦%n", i, i, villages.get(i % 5), i));
      }
      String boundary = "----load" + RUN;
      String multipart = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"ledger.csv\""
          + "\r\nContent-Type: text/csv\r\n\r\n" + csv + "\r\n--" + boundary + "--\r\n";
      expect(200, HTTP.send(HttpRequest.newBuilder(URI.create(a.base() + "/api/campaigns/" + code + "/households"))
          .header("Authorization", basic("staff3")).header("X-Requested-With", "XMLHttpRequest")
          .header("Content-Type", "multipart/form-data; boundary=" + boundary)
          .POST(HttpRequest.BodyPublishers.ofString(multipart, StandardCharsets.UTF_8)).build(),
          HttpResponse.BodyHandlers.ofString()));
      expect(200, HTTP.send(HttpRequest.newBuilder(URI.create(a.base() + "/api/campaigns/" + code + "/start"))
          .header("Authorization", basic("staff3")).header("X-Requested-With", "XMLHttpRequest")
          .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString()));
      long waitStart = System.nanoTime();
      while (db.count("SELECT COUNT(*) FROM household WHERE campaign_code = ? AND process_instance_id IS NOT NULL",
          code) < count) {
        check("killcampaign", System.nanoTime() - waitStart < TimeUnit.MINUTES.toNanos(5), "sign-offs not started");
        sleep(1000);
      }
      log("killcampaign: %d sign-off processes started after %.1f s", count, (System.nanoTime() - waitStart) / 1e9);

      List<Node> nodes = List.of(a, b);
      AtomicInteger rr = new AtomicInteger();
      AtomicInteger completions = new AtomicInteger();
      List<String> processes = db.rows("SELECT process_instance_id FROM household WHERE campaign_code = ?", code)
          .stream().map(r -> r[0]).toList();
      java.util.concurrent.ConcurrentLinkedQueue<String> open = new java.util.concurrent.ConcurrentLinkedQueue<>(processes);
      long[] killedAt = {0};
      double[] upAfter = {-1};
      int[] completionsAtKill = {0};
      Thread killer = new Thread(() -> {
        // in the middle of the payments: when the finance bureau receives the first payment order (its answer
        // takes 200 ms, so the sending job may still be running), or when the deputies are done
        while (keys.isEmpty() && completions.get() < count * 3) {
          sleep(20);
        }
        killedAt[0] = System.nanoTime();
        completionsAtKill[0] = completions.get();
        log("killcampaign: SIGKILL node a (pid %d) after %d task completions, %d payment orders", a.pid(),
            completions.get(), keys.size());
        a.kill();
        sleep(down * 1000L);
        a.start();
        upAfter[0] = a.awaitUp(Duration.ofMinutes(4)) + down;
        log("killcampaign: node a up again %.1f s after the kill", upAfter[0]);
      });
      killer.start();
      // the batches' reviews (the town's staff, then the finance bureau) and the bureau's payment results
      java.util.concurrent.atomic.AtomicBoolean paying = new java.util.concurrent.atomic.AtomicBoolean(true);
      Thread financeBureau = new Thread(() -> {
        while (paying.get()) {
          try {
            for (String[] task : db.rows("SELECT t.id_, t.task_def_key_ FROM act_ru_task t JOIN act_ru_variable v "
                + "ON v.proc_inst_id_ = t.proc_inst_id_ AND v.name_ = 'campaignCode' WHERE t.task_def_key_ IN "
                + "('Task_ReviewSubsidyBatch', 'Task_FinanceReviewSubsidyBatch') AND v.text_ = ?", code)) {
              Node node = a.alive() ? a : b;
              String reviewer = "Task_ReviewSubsidyBatch".equals(task[1]) ? "staff3" : "finance1";
              HTTP.send(HttpRequest.newBuilder(URI.create(node.base() + "/engine-rest/task/"
                  + task[0] + "/complete")).header("Authorization", basic(reviewer))
                  .header("Content-Type", "application/json").header("X-Requested-With", "XMLHttpRequest")
                  .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(
                      "{\"variables\":{\"batchChecked\":{\"value\":true}}}")).build(), HttpResponse.BodyHandlers.ofString());
            }
            Map<String, Object> report = paymentOrders.poll(500, TimeUnit.MILLISECONDS);
            if (report != null) {
              byte[] body = json(report).getBytes(StandardCharsets.UTF_8);
              String timestamp = String.valueOf(java.time.Instant.now().getEpochSecond());
              String nonce = java.util.UUID.randomUUID().toString();
              Node node = b.alive() ? b : a;
              var r = HTTP.send(HttpRequest.newBuilder(URI.create(node.base() + "/api/departments/dept-finance/replies"))
                  .header("Content-Type", "application/json").header(Signatures.TIMESTAMP, timestamp)
                  .header(Signatures.NONCE, nonce)
                  .header(Signatures.SIGNATURE, Signatures.sign("finance-secret-" + RUN, timestamp, nonce, body))
                  .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                  HttpResponse.BodyHandlers.ofString());
              if (r.statusCode() != 200) {
                paymentOrders.add(report); // the batch's process is not waiting yet (or a node is down): again
                sleep(500);
              }
            }
          } catch (IOException e) {
            sleep(500);
          } catch (InterruptedException e) {
            return;
          }
        }
      });
      financeBureau.setDaemon(true);
      financeBureau.start();
      ExecutorService pool = Executors.newFixedThreadPool(Integer.getInteger("load.workers", 6));
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(Integer.getInteger("load.kill.timeout.minutes", 20));
      for (int w = 0; w < Integer.getInteger("load.workers", 6); w++) {
        pool.submit(() -> {
          String process;
          while ((process = open.poll()) != null && System.nanoTime() < deadline) {
            List<String[]> tasks = db.rows("SELECT id_, task_def_key_, assignee_ FROM act_ru_task "
                + "WHERE proc_inst_id_ = ?", process);
            if (tasks.isEmpty()) {
              if (db.count("SELECT COUNT(*) FROM act_hi_actinst WHERE proc_inst_id_ = ? AND act_id_ = "
                  + "'Task_ConfirmPlanting' AND end_time_ IS NOT NULL", process) == 0) {
                open.add(process); // between two steps
                sleep(20);
              }
              continue; // after 种植确认 no deputy's task is left: jobs, the subsidy and 销号 follow without people
            }
            String[] task = tasks.get(0);
            Map<String, Object> vars = switch (task[1]) {
              case "Task_VisitHousehold" -> Map.of("visitOutcome", "WILLING");
              case "Task_SignAgreement" -> Map.of("agreementNo", "XY-" + process.substring(0, 8),
                  "signedPlots", "P1", "signedMu", 2.5);
              case "Task_ConfirmPlanting" -> Map.of("plantedMu", 2.5, "plantedOn", today.toString());
              default -> throw new IllegalStateException("unexpected task " + task[1]);
            };
            Map<String, Object> variables = new LinkedHashMap<>();
            vars.forEach((k, v) -> variables.put(k, Map.of("value", v)));
            String body = json(Map.of("variables", variables));
            Node node = nodes.get(Math.floorMod(rr.getAndIncrement(), 2));
            if (!node.alive()) {
              node = nodes.get(Math.floorMod(rr.getAndIncrement(), 2));
            }
            try {
              var r = HTTP.send(HttpRequest.newBuilder(URI.create(node.base() + "/engine-rest/task/" + task[0]
                      + "/complete")).header("Authorization", basic(task[2])).header("Content-Type", "application/json")
                  .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                  HttpResponse.BodyHandlers.ofString());
              statuses.add(r.statusCode());
              if (r.statusCode() == 204) {
                completions.incrementAndGet();
              } else if (r.statusCode() != 503) {
                log("killcampaign: %s completing %s answered %d %s", task[2], task[1], r.statusCode(), r.body());
              }
            } catch (IOException e) {
              statuses.add(LoadHarness.errorStatus(e));
            } catch (InterruptedException e) {
              return;
            }
            open.add(process);
          }
        });
      }
      pool.shutdown();
      pool.awaitTermination(25, TimeUnit.MINUTES);
      log("killcampaign: deputies done (%d completions); waiting for subsidies and 销号", completions.get());
      long crossedOff = 0;
      while (System.nanoTime() < deadline && (crossedOff = db.count("SELECT COUNT(*) FROM household WHERE "
          + "campaign_code = ? AND status = 'CROSSED_OFF'", code)) < count) {
        sleep(1000);
      }
      long allDoneAt = System.nanoTime();
      paying.set(false);
      killer.join(TimeUnit.MINUTES.toMillis(5));
      health.close();
      long twiceInBatches = db.count("SELECT COUNT(*) FROM (SELECT household_id FROM subsidy_payment WHERE status = "
          + "'PAID' GROUP BY household_id HAVING COUNT(*) > 1) x");
      long paidTwice = keysByHousehold.values().stream().filter(k -> k.size() > 1).count();
      long notPaid = count - keysByHousehold.size();
      long repeatedKeys = keys.values().stream().filter(c -> c.get() > 1).count();
      long ended = db.count("SELECT COUNT(*) FROM act_hi_procinst WHERE proc_def_key_ = 'household-sign-off' "
          + "AND end_time_ IS NOT NULL");
      long incidents = db.count("SELECT COUNT(*) FROM act_ru_incident");
      log("killcampaign: %d of %d crossed off, %d processes ended, %d payment orders (%d repeated with the same key), "
          + "%d households paid under two keys, %d in two batches, %d open incidents; %s; health %s", crossedOff, count,
          ended, keys.size(), repeatedKeys, paidTwice, twiceInBatches, incidents, byStatus(statuses), health.summary());
      check("killcampaign", crossedOff == count, (count - crossedOff) + " households not crossed off");
      check("killcampaign", ended == count, (count - ended) + " sign-off processes not ended");
      check("killcampaign", notPaid == 0, notPaid + " households never reached the finance bureau");
      check("killcampaign", paidTwice == 0, paidTwice + " households in two payment orders (different keys)");
      check("killcampaign", twiceInBatches == 0, twiceInBatches + " households paid in two subsidy batches");
      check("killcampaign", incidents == 0, incidents + " open incidents");
      check("killcampaign", killedAt[0] != 0, "the node was never killed");
      noServerErrors("killcampaign", statuses);
      rows.add(new Row("kill -9 campaign " + count, statuses.size(), byStatus(statuses), count - crossedOff,
          paidTwice + twiceInBatches, String.format("all 销号 %.1f s after kill", (allDoneAt - killedAt[0]) / 1e9),
          health.maxMillis() + " ms", String.format("2 nodes; subsidy cycle %s (instead of R/P7D); node a killed "
              + "when the first payment order arrived, after %d of %d deputy tasks, up again %.1f s after the kill; %d "
              + "payment orders, %d repeated with the "
              + "same key (deduplicable), last %.1f s after the kill; requests = deputies' completions through "
              + "/engine-rest; health %s", cycle, completionsAtKill[0], count * 3, upAfter[0], keys.size(), repeatedKeys,
              (lastPayment.get() - killedAt[0]) / 1e9, health.summary())));
    } finally {
      a.stop();
      b.stop();
      finance.stop();
      pg.dropDatabase(database);
    }
  }

  static void expect(int status, HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.uri() + " answered " + response.body()).isEqualTo(status);
  }
}
