package cn.liaison.platform.opinion;

import cn.liaison.platform.system.BusyException;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.core.env.Environment;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Ticket numbers YJyyyyMMdd-nnnn, counted per day (Beijing time) in the day's ticket_counter row.
 *
 * <p>The number is taken in the caller's transaction, on the caller's connection (a savepoint, not a second
 * transaction): a request never holds two pooled connections, so any number of concurrent submissions work
 * with any pool size. The row stays locked until the submission commits, so submissions are numbered one after
 * another; {@link OpinionService#submit} therefore takes the number only after validating, as its first write,
 * and its transaction holds nothing slow (no remote calls).
 *
 * <p><b>Gaps:</b> none. The counter moves in the same transaction as the opinion it numbers: a submission that
 * fails rolls its number back and the next submission gets it, so each day's committed numbers are exactly
 * 0001…n, in commit order (opinions are never deleted). After 9999 a day's numbers simply grow a fifth digit.
 *
 * <p><b>Waiting:</b> a submission waits for the ones before it to commit, so the counter row sets the pace:
 * about one submission per submission transaction (a few ms of database work). A submission gives up waiting
 * after a lock timeout (H2's default, 2 s; on PostgreSQL {@link #LOCK_TIMEOUT}, set for the transaction), asks
 * again, and after {@link #ATTEMPTS} timeouts ends in a {@link BusyException} (503 with Retry-After), never a
 * 500: under more submissions than that pace, the excess is refused instead of holding connections for ever.
 * The first submission of a day inserts the row; two doing so at once is resolved the same way: the loser rolls
 * back to its savepoint and counts on the winner's row.
 */
@Component
class TicketNumbers {

  private static final Logger log = LoggerFactory.getLogger(TicketNumbers.class);
  private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;
  static final int ATTEMPTS = 3;
  static final String LOCK_TIMEOUT = "2s";

  private final JdbcClient jdbc;
  private final TransactionTemplate savepoint;
  private final ZoneId zone;
  private final boolean postgres;

  TicketNumbers(JdbcClient jdbc, PlatformTransactionManager transactions,
      cn.liaison.platform.calendar.WorkingDayCalendar calendar, Environment environment) {
    this.jdbc = jdbc;
    this.postgres = environment.getProperty("spring.datasource.url", "").startsWith("jdbc:postgresql:");
    this.savepoint = new TransactionTemplate(transactions);
    this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    this.zone = calendar.zone();
  }

  /** The next number of today; must be called inside the transaction that stores the numbered opinion. */
  String next() {
    if (!TransactionSynchronizationManager.isActualTransactionActive()) {
      throw new IllegalStateException("ticket numbers are taken in the transaction that stores the opinion");
    }
    LocalDate day = LocalDate.ofInstant(Opinions.now(), zone);
    if (postgres) {
      // PostgreSQL would wait for the row without end: as H2 does by default, give up after LOCK_TIMEOUT (for the
      // rest of this transaction, which does nothing else that waits for locks)
      jdbc.sql("SELECT set_config('lock_timeout', ?, true)").param(LOCK_TIMEOUT).query().singleValue();
    }
    for (int attempt = 1; ; attempt++) {
      try {
        Integer no = savepoint.execute(tx -> {
          int updated = jdbc.sql("UPDATE ticket_counter SET last_no = last_no + 1 WHERE counter_day = ?")
              .param(day).update();
          if (updated == 0) {
            jdbc.sql("INSERT INTO ticket_counter (counter_day, last_no) VALUES (?, 1)").param(day).update();
            return 1;
          }
          return jdbc.sql("SELECT last_no FROM ticket_counter WHERE counter_day = ?").param(day)
              .query(Integer.class).single();
        });
        return "YJ" + DAY.format(day) + "-" + String.format("%04d", no);
      } catch (DuplicateKeyException raced) {
        // another submission inserted today's first row at the same moment: count on its row
        if (attempt >= ATTEMPTS) {
          throw new BusyException(raced);
        }
      } catch (DataAccessException e) {
        if (!waitedTooLong(e)) {
          throw e;
        }
        log.warn("ticket number: waited too long for the counter (attempt {} of {})", attempt, ATTEMPTS);
        if (attempt >= ATTEMPTS) {
          throw new BusyException(e);
        }
      }
    }
  }

  /** A lock timeout: H2's (QueryTimeoutException), PostgreSQL's (SQLState 55P03, uncategorized by Spring). */
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
