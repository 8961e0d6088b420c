package cn.liaison.platform.benchmark;

import java.io.File;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;
import java.util.jar.JarFile;
import java.util.stream.Collectors;

/**
 * The machinery of {@link LoadAndFaultBenchmark}: platform nodes as separate OS processes, fresh PostgreSQL
 * databases (and a private PostgreSQL instance for the restart scenario), an open-loop load generator, a
 * health poller and the printed table. Nothing here knows a scenario.
 */
final class LoadHarness {

  private LoadHarness() {}

  static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(3)).build();

  static final long T0 = System.nanoTime();

  static void log(String format, Object... args) {
    System.out.printf("[load %7.1fs] %s%n", (System.nanoTime() - T0) / 1e9, String.format(format, args));
    System.out.flush();
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static String basic(String user) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
  }

  /** A distinct client address per index (X-Forwarded-For; the platform trusts it from loopback). */
  static String address(int block, int i) {
    return "10." + block + "." + ((i >> 8) & 0xff) + "." + (i & 0xff);
  }

  // ---- outcomes of requests ----

  static final int IO_ERROR = -1;
  static final int TIMEOUT = -2;

  /** One request: when it was sent (ns since T0), how long it took, its status (or IO_ERROR / TIMEOUT). */
  record Outcome(int index, long sentAt, long latencyNanos, int status, String body) {
    String label() {
      return label(status);
    }

    static String label(int status) {
      return switch (status) {
        case IO_ERROR -> "IOERR";
        case TIMEOUT -> "TIMEOUT";
        default -> String.valueOf(status);
      };
    }
  }

  static int errorStatus(Throwable t) {
    Throwable c = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
    return c instanceof HttpTimeoutException && !(c instanceof HttpConnectTimeoutException) ? TIMEOUT : IO_ERROR;
  }

  /** Counts of outcomes by status, e.g. "201:1990 503:10". */
  static String byStatus(Iterable<Integer> statuses) {
    Map<String, Integer> counts = new TreeMap<>();
    for (int s : statuses) {
      counts.merge(Outcome.label(s), 1, Integer::sum);
    }
    return counts.entrySet().stream().map(e -> e.getKey() + ":" + e.getValue()).collect(Collectors.joining(" "));
  }

  /**
   * Sends count requests at rate per second, open loop: request i leaves at start + i / rate whether or not
   * earlier ones were answered. Returns when every request has been answered or timed out.
   */
  static List<Outcome> openLoop(int count, double rate, Duration timeout, IntFunction<HttpRequest.Builder> request) {
    List<Outcome> outcomes = Collections.synchronizedList(new ArrayList<>(count));
    CountDownLatch done = new CountDownLatch(count);
    long start = System.nanoTime();
    long period = (long) (1e9 / rate);
    for (int i = 0; i < count; i++) {
      long due = start + i * period;
      long wait;
      while ((wait = due - System.nanoTime()) > 0) {
        LockSupport.parkNanos(wait);
      }
      int index = i;
      long sent = System.nanoTime();
      HTTP.sendAsync(request.apply(i).timeout(timeout).build(), HttpResponse.BodyHandlers.ofString())
          .whenComplete((response, error) -> {
            long latency = System.nanoTime() - sent;
            outcomes.add(error == null
                ? new Outcome(index, sent - T0, latency, response.statusCode(), response.body())
                : new Outcome(index, sent - T0, latency, errorStatus(error), String.valueOf(error)));
            done.countDown();
          });
    }
    try {
      if (!done.await(timeout.toSeconds() + 30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("open loop: answers missing after the timeout");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    List<Outcome> sorted = new ArrayList<>(outcomes);
    sorted.sort((a, b) -> Integer.compare(a.index(), b.index()));
    return sorted;
  }

  // ---- health ----

  /** GET /actuator/health every 100 ms (each poll on its own, so a slow answer does not delay the next). */
  static final class HealthPoller implements AutoCloseable {
    final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    final AtomicLong maxNanos = new AtomicLong();
    final AtomicLong polls = new AtomicLong();
    final AtomicLong slow = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    final Map<String, Integer> statuses = new ConcurrentHashMap<>();
    volatile boolean recording = true;

    HealthPoller(Node... nodes) {
      timer.scheduleAtFixedRate(() -> {
        for (Node node : nodes) {
          if (!node.alive()) {
            continue;
          }
          long start = System.nanoTime();
          HTTP.sendAsync(HttpRequest.newBuilder(URI.create(node.base() + "/actuator/health"))
                  .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.discarding())
              .whenComplete((response, error) -> {
                if (!recording) {
                  return;
                }
                long nanos = System.nanoTime() - start;
                polls.incrementAndGet();
                maxNanos.accumulateAndGet(nanos, Math::max);
                if (nanos > 1_000_000_000L) {
                  slow.incrementAndGet();
                }
                int status = error == null ? response.statusCode() : errorStatus(error);
                statuses.merge(Outcome.label(status), 1, Integer::sum);
                if (status != 200) {
                  failed.incrementAndGet();
                }
              });
        }
      }, 0, 100, TimeUnit.MILLISECONDS);
    }

    String summary() {
      return String.format("max %d ms, %d of %d polls > 1 s, answers %s", maxNanos.get() / 1_000_000, slow.get(),
          polls.get(), new TreeMap<>(statuses));
    }

    long maxMillis() {
      return maxNanos.get() / 1_000_000;
    }

    @Override
    public void close() {
      recording = false;
      timer.shutdownNow();
    }
  }

  // ---- platform nodes ----

  /** One platform process: `java -jar` of the packaged jar, or the Maven runtime classpath when it is not repackaged. */
  static final class Node {
    final String name;
    final int port;
    final Map<String, String> env;
    final Path logFile;
    volatile Process process;
    volatile boolean alive;

    Node(String name, Path dir, Map<String, String> env) {
      this.name = name;
      this.port = freePort();
      this.logFile = dir.resolve("node-" + name + ".log");
      this.env = new LinkedHashMap<>(env);
      this.env.put("PORT", String.valueOf(port));
      this.env.put("LIAISON_PUBLIC_BASE_URL", base());
    }

    String base() {
      return "http://127.0.0.1:" + port;
    }

    boolean alive() {
      return alive;
    }

    Node start() {
      try {
        ProcessBuilder builder = new ProcessBuilder(command());
        builder.environment().keySet().removeIf(k -> k.startsWith("LIAISON_") || k.startsWith("SPRING_")
            || k.equals("SERVER_PORT") || k.equals("PORT"));
        builder.environment().putAll(env);
        builder.redirectErrorStream(true);
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        Files.writeString(logFile, "\n===== start " + name + " port " + port + " =====\n",
            java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        process = builder.start();
        return this;
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }

    /** Waits until /actuator/health answers 200; returns the seconds it took. */
    double awaitUp(Duration max) {
      long start = System.nanoTime();
      long deadline = start + max.toNanos();
      while (System.nanoTime() < deadline) {
        if (!process.isAlive()) {
          throw new IllegalStateException("node " + name + " exited with " + process.exitValue() + "; see " + logFile);
        }
        try {
          var response = HTTP.send(HttpRequest.newBuilder(URI.create(base() + "/actuator/health"))
              .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
          if (response.statusCode() == 200) {
            alive = true;
            return (System.nanoTime() - start) / 1e9;
          }
        } catch (IOException e) {
          // not listening yet
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
        sleep(500);
      }
      throw new IllegalStateException("node " + name + " not up after " + max + "; see " + logFile);
    }

    /** SIGKILL (Process.destroyForcibly on Linux): no shutdown hook, no graceful end of anything. */
    void kill() {
      alive = false;
      process.destroyForcibly();
      try {
        process.waitFor(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    void stop() {
      alive = false;
      if (process == null || !process.isAlive()) {
        return;
      }
      process.destroy();
      try {
        if (!process.waitFor(40, TimeUnit.SECONDS)) {
          process.destroyForcibly();
          process.waitFor(10, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
      }
    }

    long pid() {
      return process.pid();
    }

    /** Lines of the node's log containing the text (evidence for the report). */
    List<String> logLines(String text, int max) {
      try {
        return Files.readAllLines(logFile).stream().filter(l -> l.contains(text)).limit(max).toList();
      } catch (IOException e) {
        return List.of();
      }
    }

    long logCount(String text) {
      try (var lines = Files.lines(logFile)) {
        return lines.filter(l -> l.contains(text)).count();
      } catch (IOException | java.io.UncheckedIOException e) {
        return -1;
      }
    }

    static List<String> command() {
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      List<String> command = new ArrayList<>(List.of(java, "-Xmx" + System.getProperty("load.node.heap", "768m"),
          "-XX:+ExitOnOutOfMemoryError", "-Dfile.encoding=UTF-8"));
      Path jar = Path.of(System.getProperty("load.jar", "target/liaison-platform-0.1.0-SNAPSHOT.jar"));
      if (repackaged(jar)) {
        command.addAll(List.of("-jar", jar.toString()));
      } else {
        // `package` without spring-boot:repackage (e.g. offline without the plugin's dependencies): the same
        // classes on the runtime classpath Maven gave the tests, minus the test classes and resources
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String runtime = List.of(classpath.split(File.pathSeparator)).stream()
            .filter(e -> !e.endsWith("test-classes") && !e.endsWith("test-classes/"))
            .collect(Collectors.joining(File.pathSeparator));
        command.addAll(List.of("-cp", runtime, "cn.liaison.platform.LiaisonPlatformApplication"));
      }
      return command;
    }

    static boolean repackaged(Path jar) {
      if (!Files.isRegularFile(jar)) {
        return false;
      }
      try (JarFile file = new JarFile(jar.toFile())) {
        return file.getEntry("BOOT-INF/") != null || file.getEntry("BOOT-INF/classes/") != null;
      } catch (IOException e) {
        return false;
      }
    }
  }

  // ---- databases ----

  /** A PostgreSQL server the suite uses: the shared one on 127.0.0.1:5432, or a private instance it controls. */
  static class PgServer {
    final String host;
    final int port;

    PgServer(String host, int port) {
      this.host = host;
      this.port = port;
    }

    String url(String database) {
      return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    Connection connect(String database) throws SQLException {
      return DriverManager.getConnection(url(database), "postgres", "");
    }

    String createDatabase(String name) {
      try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
        s.execute("DROP DATABASE IF EXISTS " + name);
        s.execute("CREATE DATABASE " + name);
        return url(name);
      } catch (SQLException e) {
        throw new IllegalStateException("cannot create database " + name + " on " + url("postgres")
            + " (is PostgreSQL up? pg_ctlcluster --skip-systemctl-redirect 15 main start): " + e.getMessage(), e);
      }
    }

    void dropDatabase(String name) {
      if (Boolean.getBoolean("load.keep")) {
        log("kept database %s (load.keep)", name);
        return;
      }
      try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
        s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
      } catch (SQLException e) {
        log("could not drop %s: %s", name, e.getMessage());
      }
    }

    /** Stops the server, waits, starts it again; returns {stoppedAt, upAt} in ns since T0. */
    long[] restart(Duration down) {
      throw new UnsupportedOperationException("restart the shared server with load.pg.restart=cluster");
    }

    void close() {}
  }

  /** The shared cluster restarted with pg_ctlcluster (affects everybody using it: only with load.pg.restart=cluster). */
  static final class SharedCluster extends PgServer {
    SharedCluster() {
      super("127.0.0.1", 5432);
    }

    @Override
    long[] restart(Duration down) {
      String version = System.getProperty("load.pg.version", "15");
      long stoppedAt = System.nanoTime() - T0;
      run(List.of("pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "stop", "-m", "fast"));
      sleep(down.toMillis());
      run(List.of("pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "start"));
      return new long[] {stoppedAt, System.nanoTime() - T0};
    }
  }

  /**
   * A private PostgreSQL instance (initdb in /tmp, its own port) so that restarting it disturbs nobody else
   * on the machine; run as user postgres when the suite runs as root.
   */
  static final class PrivateInstance extends PgServer {
    final Path dir;
    final String bin;

    PrivateInstance(Path dir, int port) {
      super("127.0.0.1", port);
      this.dir = dir;
      this.bin = System.getProperty("load.pg.bin", "/usr/lib/postgresql/" + System.getProperty("load.pg.version", "15")
          + "/bin");
    }

    PrivateInstance start() {
      try {
        Files.createDirectories(dir);
        if (root()) {
          run(List.of("chown", "postgres:postgres", dir.toString()));
        }
        run(asPostgres(bin + "/initdb", "-D", dir.resolve("data").toString(), "-A", "trust", "-U", "postgres",
            "-E", "UTF8", "--no-sync"));
        pgCtl("start");
        return this;
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }

    void pgCtl(String action) {
      List<String> args = new ArrayList<>(List.of(bin + "/pg_ctl", "-D", dir.resolve("data").toString(), "-w",
          "-l", dir.resolve("postgres.log").toString()));
      if (!action.equals("stop")) {
        args.addAll(List.of("-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c max_connections=200"));
      } else {
        args.addAll(List.of("-m", "fast"));
      }
      args.add(action);
      run(asPostgres(args.toArray(String[]::new)));
    }

    @Override
    long[] restart(Duration down) {
      long stoppedAt = System.nanoTime() - T0;
      pgCtl("stop");
      sleep(down.toMillis());
      pgCtl("start");
      return new long[] {stoppedAt, System.nanoTime() - T0};
    }

    @Override
    void close() {
      try {
        pgCtl("stop");
      } catch (RuntimeException e) {
        log("private PostgreSQL: stop failed: %s", e.getMessage());
      }
      if (!Boolean.getBoolean("load.keep")) {
        run(List.of("rm", "-rf", dir.toString()));
      }
    }

    static boolean root() {
      return "root".equals(System.getProperty("user.name"));
    }

    static List<String> asPostgres(String... args) {
      List<String> command = new ArrayList<>();
      if (root()) {
        command.addAll(List.of("runuser", "-u", "postgres", "--"));
      }
      command.addAll(List.of(args));
      return command;
    }
  }

  static String run(List<String> command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
      }
      return out;
    } catch (IOException e) {
      throw new IllegalStateException(String.join(" ", command) + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Read-only look at a database: the suite checks what the platform stored, never writes. */
  static final class Db implements AutoCloseable {
    final PgServer server;
    final String name;
    Connection connection;

    Db(PgServer server, String name) {
      this.server = server;
      this.name = name;
    }

    synchronized Connection connection() throws SQLException {
      if (connection == null || !connection.isValid(2)) {
        connection = server.connect(name);
      }
      return connection;
    }

    synchronized long count(String sql, Object... params) {
      try (PreparedStatement s = connection().prepareStatement(sql)) {
        for (int i = 0; i < params.length; i++) {
          s.setObject(i + 1, params[i]);
        }
        try (ResultSet r = s.executeQuery()) {
          r.next();
          return r.getLong(1);
        }
      } catch (SQLException e) {
        throw new IllegalStateException(sql + ": " + e.getMessage(), e);
      }
    }

    synchronized List<String[]> rows(String sql, Object... params) {
      try (PreparedStatement s = connection().prepareStatement(sql)) {
        for (int i = 0; i < params.length; i++) {
          s.setObject(i + 1, params[i]);
        }
        try (ResultSet r = s.executeQuery()) {
          List<String[]> rows = new ArrayList<>();
          int n = r.getMetaData().getColumnCount();
          while (r.next()) {
            String[] row = new String[n];
            for (int i = 0; i < n; i++) {
              row[i] = r.getString(i + 1);
            }
            rows.add(row);
          }
          return rows;
        }
      } catch (SQLException e) {
        throw new IllegalStateException(sql + ": " + e.getMessage(), e);
      }
    }

    /** Opinions without their process, or whose process does not exist (running or ended). */
    long opinionsWithoutProcess() {
      return count("SELECT COUNT(*) FROM opinion o WHERE o.process_instance_id IS NULL OR NOT EXISTS "
          + "(SELECT 1 FROM act_hi_procinst p WHERE p.id_ = o.process_instance_id)");
    }

    /** Opinion loops whose business key (the ticket number) has no opinion. */
    long processesWithoutOpinion() {
      return count("SELECT COUNT(*) FROM act_hi_procinst p WHERE p.proc_def_key_ = 'opinion-loop' AND NOT EXISTS "
          + "(SELECT 1 FROM opinion o WHERE o.ticket_no = p.business_key_)");
    }

    @Override
    public synchronized void close() {
      try {
        if (connection != null) {
          connection.close();
        }
      } catch (SQLException e) {
        // closing
      }
    }
  }

  // ---- the table ----

  record Row(String scenario, long requests, String answered, long lost, long duplicated, String recovery,
      String health, String notes) {}

  static String table(List<Row> rows) {
    StringBuilder out = new StringBuilder();
    String format = "| %-22s | %8s | %-42s | %4s | %10s | %-32s | %-10s |%n";
    out.append(String.format(format, "scenario", "requests", "answered by status", "lost", "duplicated",
        "recovery time", "health max"));
    out.append(String.format(format, "-".repeat(22), "-".repeat(8), "-".repeat(42), "-".repeat(4), "-".repeat(10),
        "-".repeat(32), "-".repeat(10)));
    for (Row r : rows) {
      out.append(String.format(format, r.scenario(), r.requests(), r.answered(), r.lost(), r.duplicated(),
          r.recovery(), r.health()));
    }
    for (Row r : rows) {
      if (r.notes() != null && !r.notes().isBlank()) {
        out.append("  ").append(r.scenario()).append(": ").append(r.notes()).append(System.lineSeparator());
      }
    }
    return out.toString();
  }
}
