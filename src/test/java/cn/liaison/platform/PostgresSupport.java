package cn.liaison.platform;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * PostgreSQL for the integration tests (*IT) and the benchmarks: a database of their own, so that
 * {@code ./mvnw verify} passes on any machine.
 *
 * <p>By default each test JVM creates a fresh database {@code liaison_it_<utc time>_<pid>} through the
 * {@code postgres} maintenance database of the server {@code liaison.test.pg.server} (default
 * {@code jdbc:postgresql://127.0.0.1:5432/postgres}) and drops it when the JVM ends; databases of runs that
 * were killed before they could drop theirs are dropped after a day. {@code -Dliaison.test.pg.url=jdbc:...}
 * uses that database instead (created if missing, never dropped). User and password: {@code liaison.test.pg.user}
 * (postgres) and {@code liaison.test.pg.password} (empty).
 *
 * <p>ITs are annotated {@code @ExtendWith(PostgresSupport.class)}: when PostgreSQL does not answer (or refuses to
 * create the database) they are skipped with a one-line reason; under {@code CI=true} that fails the build instead.
 *
 * <p>The benchmarks use {@link #benchmarkDatabase()}: the same, with the {@code liaison.bench.pg.*} properties and
 * {@code liaison_bench_*} databases, and PostgreSQL is required.
 */
public final class PostgresSupport implements ExecutionCondition {

  private static final Database TESTS = new Database("liaison.test.pg", "liaison_it");
  private static final Database BENCHMARKS = new Database("liaison.bench.pg", "liaison_bench");
  private static volatile boolean skipReported;

  /** The integration tests' database URL (creating the database on first use). */
  public static String url() {
    return TESTS.url();
  }

  /**
   * As {@code @ExtendWith(PostgresSupport.class)} on an IT: skips the class (one line, with the reason) when there
   * is no PostgreSQL database for it, or fails it under CI=true. A JUnit condition, because conditions are
   * evaluated before any Spring test listener loads the application context.
   */
  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    try {
      return ConditionEvaluationResult.enabled("PostgreSQL database for the integration tests: " + TESTS.url());
    } catch (RuntimeException e) {
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        throw new IllegalStateException("CI=true and no PostgreSQL for the integration tests: " + e.getMessage(), e);
      }
      String reason = "no PostgreSQL for the integration tests, skipping them: " + e.getMessage();
      if (!skipReported) {
        skipReported = true;
        System.out.println(reason); // once per run, on the console; the reports have it for every class
      }
      return ConditionEvaluationResult.disabled(reason);
    }
  }

  /** In an IT's {@code @DynamicPropertySource}: the Spring context runs on the tests' database. */
  public static void register(DynamicPropertyRegistry registry) {
    TESTS.register(registry);
    // every IT class keeps its context (and pool) open until the JVM ends: no 20 idle connections each
    registry.add("spring.datasource.hikari.minimum-idle", () -> 2);
  }

  /** The benchmarks' database; they fail when it cannot be had (a benchmark is run on purpose). */
  public static Database benchmarkDatabase() {
    return BENCHMARKS;
  }

  PostgresSupport() {}

  /** A database given by {@code <prefix>.url} or created (and dropped when the JVM ends) for this run. */
  public static final class Database {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
    private static final Pattern JDBC_URL = Pattern.compile("(jdbc:postgresql://[^/?]*/)([^?]*)(\\?.*)?");

    private final String property;
    private final String namePrefix;
    private final String user;
    private final String password;
    private String url;
    private RuntimeException failure;

    Database(String property, String namePrefix) {
      this.property = property;
      this.namePrefix = namePrefix;
      this.user = System.getProperty(property + ".user", "postgres");
      this.password = System.getProperty(property + ".password", "");
    }

    public String user() {
      return user;
    }

    public String password() {
      return password;
    }

    /** The JDBC URL; the database exists when this returns. Throws (every time) when it cannot be had. */
    public synchronized String url() {
      if (url == null && failure == null) {
        try {
          url = prepare();
        } catch (SQLException | RuntimeException e) {
          failure = new IllegalStateException(e.getMessage() == null ? e.toString() : e.getMessage().strip(), e);
        }
      }
      if (failure != null) {
        throw failure;
      }
      return url;
    }

    public void register(DynamicPropertyRegistry registry) {
      registry.add("spring.datasource.url", this::url);
      registry.add("spring.datasource.username", this::user);
      registry.add("spring.datasource.password", this::password);
    }

    private String prepare() throws SQLException {
      DriverManager.setLoginTimeout(5);
      String given = System.getProperty(property + ".url", "").strip();
      if (!given.isEmpty()) {
        Matcher m = JDBC_URL.matcher(given);
        if (m.matches()) {
          try (Connection c = connect(m.group(1) + "postgres" + (m.group(3) == null ? "" : m.group(3)))) {
            if (!exists(c, m.group(2))) {
              create(c, m.group(2));
            }
          }
        }
        return given; // any other database (H2 for a benchmark): used as it is
      }
      String server = System.getProperty(property + ".server", "jdbc:postgresql://127.0.0.1:5432/postgres");
      Matcher m = JDBC_URL.matcher(server);
      if (!m.matches()) {
        throw new IllegalArgumentException(property + ".server is not a PostgreSQL JDBC URL: " + server);
      }
      LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
      String name = namePrefix + "_" + STAMP.format(now) + "_" + ProcessHandle.current().pid();
      try (Connection c = connect(server)) {
        dropLeftovers(c, now.minusDays(1));
        create(c, name);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(() -> drop(server, name), "drop " + name));
      return m.group(1) + name + (m.group(3) == null ? "" : m.group(3));
    }

    private Connection connect(String jdbcUrl) throws SQLException {
      try {
        return DriverManager.getConnection(jdbcUrl, user, password);
      } catch (SQLException e) {
        throw new SQLException("PostgreSQL does not answer at " + jdbcUrl + " (" + e.getMessage() + ")", e);
      }
    }

    private static boolean exists(Connection c, String name) throws SQLException {
      try (var s = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
        s.setString(1, name);
        return s.executeQuery().next();
      }
    }

    private static void create(Connection c, String name) throws SQLException {
      try (var s = c.createStatement()) {
        s.execute("CREATE DATABASE \"" + name.replace("\"", "\"\"") + "\"");
      }
    }

    /** Databases of this kind that a killed run left behind, a day or more ago. */
    private void dropLeftovers(Connection c, LocalDateTime before) throws SQLException {
      List<String> old = new ArrayList<>();
      Pattern ours = Pattern.compile(Pattern.quote(namePrefix) + "_(\\d{14})_\\d+");
      try (var s = c.createStatement(); var rs = s.executeQuery("SELECT datname FROM pg_database")) {
        while (rs.next()) {
          Matcher m = ours.matcher(rs.getString(1));
          if (m.matches() && LocalDateTime.parse(m.group(1), STAMP).isBefore(before)) {
            old.add(rs.getString(1));
          }
        }
      }
      for (String name : old) {
        try (var s = c.createStatement()) {
          s.execute("DROP DATABASE IF EXISTS \"" + name + "\" WITH (FORCE)");
        } catch (SQLException ignored) {
          // another run is dropping it too
        }
      }
    }

    /**
     * At JVM exit: gives the Spring contexts (closed by their own shutdown hooks at the same time) a few seconds
     * to close their pools, then drops the database, disconnecting whatever is left.
     */
    private void drop(String server, String name) {
      try (Connection c = DriverManager.getConnection(server, user, password)) {
        for (int i = 0; i < 50; i++) {
          try (var s = c.prepareStatement("SELECT COUNT(*) FROM pg_stat_activity WHERE datname = ?")) {
            s.setString(1, name);
            var rs = s.executeQuery();
            if (rs.next() && rs.getInt(1) == 0) {
              break;
            }
          }
          Thread.sleep(100);
        }
        try (var s = c.createStatement()) {
          s.execute("DROP DATABASE IF EXISTS \"" + name + "\" WITH (FORCE)");
        }
      } catch (Exception e) {
        System.err.println("could not drop the test database " + name + ": " + e.getMessage());
      }
    }
  }
}
