package cn.liaison.platform;

import java.sql.DriverManager;
import org.junit.jupiter.api.Assumptions;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The PostgreSQL database of the integration tests (*IT): system property liaison.test.pg.url, set by the
 * pom (default jdbc:postgresql://127.0.0.1:5432/liaison_test) and by .ci/run to a fresh database. In CI a
 * missing database fails the build; on a laptop without PostgreSQL the ITs are skipped with a message.
 */
public final class PostgresSupport {

  public static final String URL = System.getProperty("liaison.test.pg.url",
      "jdbc:postgresql://127.0.0.1:5432/liaison_test");
  static final String USER = System.getProperty("liaison.test.pg.user", "postgres");
  static final String PASSWORD = System.getProperty("liaison.test.pg.password", "");

  private PostgresSupport() {}

  public static void requireDatabase() {
    try (var c = DriverManager.getConnection(URL, USER, PASSWORD)) {
      c.isValid(2);
    } catch (Exception e) {
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        throw new IllegalStateException("PostgreSQL for the integration tests is not reachable at " + URL, e);
      }
      Assumptions.abort("PostgreSQL not reachable at " + URL + " (" + e.getMessage() + "): skipping");
    }
  }

  public static void register(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", () -> URL);
    registry.add("spring.datasource.username", () -> USER);
    registry.add("spring.datasource.password", () -> PASSWORD);
  }
}
