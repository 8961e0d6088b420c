package cn.liaison.platform.proposal;

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
 * Proposal numbers JY&lt;year&gt;-nnnn, counted per year (Beijing time, the engine's clock), the way ticket numbers
 * are counted per day (opinion.TicketNumbers): a value of the sequence proposal_seq minus the year's base (table
 * proposal_year), which the year's first proposal records. Taken in the caller's transaction, on its connection;
 * a proposal that fails after taking its number leaves a gap, as a spoilt line of a register does. Only the year's
 * first two proposals, arriving at the same moment, wait for each other; a wait that lasts is answered 503.
 */
@Component
class ProposalNumbers {

  static final int ATTEMPTS = 3;

  private final JdbcClient jdbc;
  private final TransactionTemplate savepoint;
  private final ZoneId zone;
  private final Clock clock;
  private final String nextValue;
  private final boolean postgres;

  ProposalNumbers(JdbcClient jdbc, PlatformTransactionManager transactions, WorkingDayCalendar calendar,
      Environment environment, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.postgres = environment.getProperty("spring.datasource.url", "").startsWith("jdbc:postgresql:");
    this.nextValue = postgres ? "SELECT nextval('proposal_seq')" : "SELECT NEXT VALUE FOR proposal_seq";
    this.savepoint = new TransactionTemplate(transactions);
    this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    this.zone = calendar.zone();
  }

  /** The next number of this year; must be called inside the transaction that stores the proposal. */
  String next() {
    if (!TransactionSynchronizationManager.isActualTransactionActive()) {
      throw new IllegalStateException("proposal numbers are taken in the transaction that stores the proposal");
    }
    int year = LocalDate.ofInstant(clock.instant(), zone).getYear();
    for (int attempt = 1; ; attempt++) {
      long value = jdbc.sql(nextValue).query(Long.class).single();
      try {
        Long base = jdbc.sql("SELECT base FROM proposal_year WHERE counter_year = ?").param(year).query(Long.class)
            .optional().orElse(null);
        if (base == null) {
          long first = value - 1;
          base = first;
          savepoint.executeWithoutResult(tx -> {
            if (postgres) {
              jdbc.sql("SELECT set_config('lock_timeout', ?, true)").param("2s").query().singleValue();
            }
            jdbc.sql("INSERT INTO proposal_year (counter_year, base) VALUES (?, ?)").params(year, first).update();
          });
        }
        if (value - base >= 1) {
          return "JY" + year + "-" + String.format("%04d", value - base);
        }
        // a value taken just before another proposal recorded the year's base: take the next one
      } catch (DuplicateKeyException raced) {
        if (attempt >= ATTEMPTS) {
          throw new BusyException(raced);
        }
      } catch (DataAccessException e) {
        if (!waitedTooLong(e) || attempt >= ATTEMPTS) {
          throw waitedTooLong(e) ? new BusyException(e) : e;
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
