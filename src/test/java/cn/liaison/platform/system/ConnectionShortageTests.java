package cn.liaison.platform.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.servlet.ServletException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import org.apache.ibatis.exceptions.PersistenceException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.transaction.CannotCreateTransactionException;

/** A database pool that had no connection in time is "busy" (503 with Retry-After), however it is wrapped. */
class ConnectionShortageTests {

  static final OverloadProperties SETTINGS = new OverloadProperties(12, Duration.ofMillis(100), 7);

  /** What Camunda throws when MyBatis got no connection from Hikari within its time-out. */
  static ProcessEngineException engineWithoutConnection() {
    var hikari = new SQLTransientConnectionException(
        "HikariPool-1 - Connection is not available, request timed out after 3000ms (total=20, active=20, idle=0, "
            + "waiting=5)");
    return new ProcessEngineException("Process engine persistence exception",
        new PersistenceException("### Error querying database.  Cause: " + hikari, hikari));
  }

  @Test
  void recognisesThePoolsTimeOutHoweverWrapped() {
    assertThat(OverloadFilter.isConnectionShortage(engineWithoutConnection())).isTrue();
    assertThat(OverloadFilter.isConnectionShortage(new CannotCreateTransactionException(
        "Could not open JDBC Connection for transaction", new SQLTransientConnectionException("timed out"))))
        .isTrue();
    assertThat(OverloadFilter.isConnectionShortage(new ServletException("Request processing failed",
        new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection")))).isTrue();

    assertThat(OverloadFilter.isConnectionShortage(new ProcessEngineException("Unknown property used in expression")))
        .isFalse();
    assertThat(OverloadFilter.isConnectionShortage(new IllegalStateException("boom", new RuntimeException())))
        .isFalse();
  }

  /** What the load suite saw while PostgreSQL restarted under submissions (issue 10): 500s before, 503 now. */
  @Test
  void recognisesADatabaseThatWentAwayUnderTheRequest() {
    // the rollback after a lost connection fails too, and hides the first failure
    assertThat(OverloadFilter.isConnectionShortage(new org.springframework.transaction.TransactionSystemException(
        "JDBC rollback failed", new java.sql.SQLException("Connection is closed")))).isTrue();
    var rollbackFailed = new org.springframework.transaction.TransactionSystemException("JDBC rollback failed",
        new java.sql.SQLException("rollback failed"));
    rollbackFailed.initApplicationException(new org.springframework.dao.DataAccessResourceFailureException("lost",
        new java.sql.SQLException("FATAL: terminating connection due to administrator command", "57P01")));
    assertThat(OverloadFilter.isConnectionShortage(rollbackFailed)).isTrue();
    // PostgreSQL stopping: "terminating connection due to administrator command"
    assertThat(OverloadFilter.isConnectionShortage(new org.springframework.dao.DataAccessResourceFailureException(
        "could not execute", new java.sql.SQLException("FATAL: terminating connection due to administrator command",
            "57P01")))).isTrue();
    assertThat(OverloadFilter.isConnectionShortage(new ProcessEngineException("persistence",
        new java.sql.SQLException("An I/O error occurred while sending to the backend", "08006")))).isTrue();
    // a constraint violation is the request's own problem, not the database's absence
    assertThat(OverloadFilter.isConnectionShortage(new org.springframework.dao.DataIntegrityViolationException(
        "duplicate", new java.sql.SQLException("duplicate key", "23505")))).isFalse();
  }

  /** The filter around /api with the given failure thrown inside it. */
  static MockHttpServletResponse filter(String method, String path, Exception failure) throws Exception {
    var filter = new OverloadFilter(io.github.resilience4j.bulkhead.Bulkhead.ofDefaults("test"),
        new com.fasterxml.jackson.databind.ObjectMapper(), null, SETTINGS.retryAfterSeconds());
    var request = new MockHttpServletRequest(method, path);
    var response = new MockHttpServletResponse();
    filter.doFilter(request, response, (req, res) -> {
      throw new ServletException("Request processing failed", failure);
    });
    return response;
  }

  @Test
  void theApiAnswers503WithRetryAfterAndAChineseProblem() throws Exception {
    MockHttpServletResponse answer = filter("POST", "/api/opinions", engineWithoutConnection());

    assertThat(answer.getStatus()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE.value());
    assertThat(answer.getHeader(HttpHeaders.RETRY_AFTER)).isEqualTo("7");
    assertThat(MediaType.parseMediaType(answer.getContentType()).equalsTypeAndSubtype(MediaType.APPLICATION_PROBLEM_JSON))
        .isTrue();
    ProblemDetail problem = new com.fasterxml.jackson.databind.ObjectMapper()
        .readValue(answer.getContentAsByteArray(), ProblemDetail.class);
    assertThat(problem.getStatus()).isEqualTo(503);
    assertThat(problem.getTitle()).isEqualTo("系统繁忙");
    assertThat(problem.getDetail()).isEqualTo("系统繁忙，请 7 秒后再试。");
  }

  @Test
  void otherEngineFailuresAreLeftAsTheyWere() {
    var other = new ProcessEngineException("Unknown property used in expression");
    assertThatThrownBy(() -> filter("POST", "/api/opinions", other)).hasCause(other);
    assertThatThrownBy(() -> filter("GET", "/s/cy-crane", other)).hasCause(other);
  }
}
