package cn.liaison.platform.system;

import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Numbers &lt;prefix&gt;&lt;year&gt;-nnnn counted per year (in the engine's time zone and clock), the way ticket numbers
 * are counted per day (opinion.TicketNumbers): a value of a database sequence minus the year's base, which the
 * year's first number records in a table {@code (counter_year, base)}. Taken in the caller's transaction, on its
 * connection; a record that fails after taking its number leaves a gap, as a spoilt line of a register does. Only
 * the year's first two numbers, taken at the same moment, wait for each other; a wait beyond the lock timeout, three
 * times, ends in a {@link BusyException} (503). Each feature keeps its own sequence and year table (its writer).
 */
public final class YearlyNumbers {

  static final int ATTEMPTS = 3;

  private final JdbcClient jdbc;
  private final TransactionTemplate savepoint;
  private final ZoneId zone;
  private final Clock clock;
  private final boolean postgres;
  private final String prefix;
  private final String nextValue;
  private final String readBase;
  private final String recordBase;
  private final String busyMessage;

  /**
   * @param sequence the database sequence of the numbers
   * @param yearTable the table of the years' bases (counter_year, base)
   * @param busyMessage what the citizen or official is told when the number could not be taken (Chinese)
   */
  public YearlyNumbers(JdbcClient jdbc, PlatformTransactionManager transactions, ZoneId zone, Clock clock,
      boolean postgres, String prefix, String sequence, String yearTable, String busyMessage) {
    this.jdbc = jdbc;
    this.zone = zone;
    this.clock = clock;
    this.postgres = postgres;
    this.prefix = prefix;
    this.busyMessage = busyMessage;
    this.nextValue = postgres ? "SELECT nextval('" + sequence + "')" : "SELECT NEXT VALUE FOR " + sequence;
    this.readBase = "SELECT base FROM " + yearTable + " WHERE counter_year = ?";
    this.recordBase = "INSERT INTO " + yearTable + " (counter_year, base) VALUES (?, ?)";
    this.savepoint = new TransactionTemplate(transactions);
    this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
  }

  /** The next number of this year; must be called inside the transaction that stores the numbered record. */
  public String next() {
    if (!TransactionSynchronizationManager.isActualTransactionActive()) {
      throw new IllegalStateException(prefix + " numbers are taken in the transaction that stores the record");
    }
    int year = LocalDate.ofInstant(clock.instant(), zone).getYear();
    for (int attempt = 1; ; attempt++) {
      long value = jdbc.sql(nextValue).query(Long.class).single();
      try {
        Long base = jdbc.sql(readBase).param(year).query(Long.class).optional().orElse(null);
        if (base == null) {
          long first = value - 1;
          base = first;
          savepoint.executeWithoutResult(tx -> {
            if (postgres) {
              // PostgreSQL would wait for a racing first row without end
              jdbc.sql("SELECT set_config('lock_timeout', '2s', true)").query().singleValue();
            }
            jdbc.sql(recordBase).params(year, first).update();
          });
        }
        if (value - base >= 1) {
          return prefix + year + "-" + String.format("%04d", value - base);
        }
        // a value taken just before another record set the year's base: take the next one
      } catch (DuplicateKeyException raced) {
        // another record set this year's base at the same moment: count on its row (next attempt)
        if (attempt >= ATTEMPTS) {
          throw new BusyException(busyMessage, raced);
        }
      } catch (DataAccessException e) {
        if (!waitedTooLong(e) || attempt >= ATTEMPTS) {
          throw waitedTooLong(e) ? new BusyException(busyMessage, e) : e;
        }
      }
    }
  }

  /** A lock timeout: H2's (a transient exception), PostgreSQL's (SQLState 55P03, uncategorized by Spring). */
  public static boolean waitedTooLong(DataAccessException e) {
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
