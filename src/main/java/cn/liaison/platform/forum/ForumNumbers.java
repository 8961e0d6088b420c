package cn.liaison.platform.forum;

import cn.liaison.platform.calendar.WorkingDayCalendar;
import cn.liaison.platform.system.BusyException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import org.springframework.core.env.Environment;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Forum numbers ZT&lt;year&gt;-nnnn, counted per year (Beijing time, the engine's clock), the way the opinions' ticket
 * numbers are counted per day (opinion.TicketNumbers): a value of the sequence forum_seq minus the year's base (table
 * forum_year), which the year's first forum records. Taken in the creating request's transaction, on its connection;
 * a forum refused after taking its number leaves a gap. Two first forums of a year at the same moment meet once: the
 * loser counts on the winner's base; a wait beyond the lock timeout ends in a {@link BusyException} (503).
 */
@Component
class ForumNumbers {

  static final int ATTEMPTS = 3;
  static final String BUSY = "系统繁忙，座谈会尚未安排，请稍后再试。";

  private final JdbcClient jdbc;
  private final TransactionTemplate savepoint;
  private final ZoneId zone;
  private final Clock clock;
  private final String nextValue;
  private final boolean postgres;

  ForumNumbers(JdbcClient jdbc, PlatformTransactionManager transactions, WorkingDayCalendar calendar,
      Environment environment, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.postgres = environment.getProperty("spring.datasource.url", "").startsWith("jdbc:postgresql:");
    this.nextValue = postgres ? "SELECT nextval('forum_seq')" : "SELECT NEXT VALUE FOR forum_seq";
    this.savepoint = new TransactionTemplate(transactions);
    this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    this.zone = calendar.zone();
  }

  /** The next number of this year; must be called inside the transaction that stores the forum. */
  String next() {
    if (!TransactionSynchronizationManager.isActualTransactionActive()) {
      throw new IllegalStateException("forum numbers are taken in the transaction that stores the forum");
    }
    int year = LocalDate.ofInstant(clock.instant(), zone).getYear();
    for (int attempt = 1; ; attempt++) {
      long value = jdbc.sql(nextValue).query(Long.class).single();
      try {
        Long base = jdbc.sql("SELECT base FROM forum_year WHERE counter_year = ?").param(year).query(Long.class)
            .optional().orElse(null);
        if (base == null) {
          long first = value - 1;
          base = first;
          savepoint.executeWithoutResult(tx -> {
            if (postgres) {
              jdbc.sql("SELECT set_config('lock_timeout', '2s', true)").query().singleValue();
            }
            jdbc.sql("INSERT INTO forum_year (counter_year, base) VALUES (?, ?)").params(year, first).update();
          });
        }
        if (value - base >= 1) {
          return "ZT" + year + "-" + String.format("%04d", value - base);
        }
        // a value taken just before another forum recorded the year's base: take the next one
      } catch (DuplicateKeyException raced) {
        if (attempt >= ATTEMPTS) {
          throw new BusyException(BUSY, raced);
        }
      } catch (DataAccessException e) {
        if (!waitedTooLong(e) || attempt >= ATTEMPTS) {
          throw waitedTooLong(e) ? new BusyException(BUSY, e) : e;
        }
      }
    }
  }

  private static boolean waitedTooLong(DataAccessException e) {
    if (e instanceof TransientDataAccessException) {
      return true;
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && "55P03".equals(sql.getSQLState())) {
        return true;
      }
    }
    return false;
  }
}
