package cn.liaison.platform.privacy;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Table scheduled_run: which day a daily job last ran, and where. Nodes sharing the database claim a day's run with
 * one conditional UPDATE: the database locks the row for the first, and the second, once the first committed, finds
 * the condition false (PostgreSQL re-reads the row under READ COMMITTED; H2 likewise), so one node runs per day.
 */
@Repository
class RetentionRuns {

  private final JdbcClient jdbc;

  RetentionRuns(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** True if this node won the job's run for {@code day} (committed by the caller's transaction). */
  boolean claim(String job, LocalDate day, String node, Instant now) {
    return jdbc.sql("UPDATE scheduled_run SET last_run_on = ?, last_run_by = ?, last_run_at = ? "
            + "WHERE job = ? AND (last_run_on IS NULL OR last_run_on < ?)")
        .params(Date.valueOf(day), node, Timestamp.from(now), job, Date.valueOf(day)).update() == 1;
  }
}
