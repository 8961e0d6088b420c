package cn.liaison.platform.opinion;

import cn.liaison.platform.system.BusyException;
import cn.liaison.platform.system.YearlyNumbers;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Ticket numbers YJyyyyMMdd-nnnn, counted per day (Beijing time, the engine's clock).
 *
 * <p>A number is a value of the database sequence ticket_seq minus the day's base (table ticket_day), which the
 * day's first submission records as its value minus one. Sequences never wait and never roll back, so concurrent
 * submissions on any number of nodes are numbered without waiting for each other, in the caller's transaction
 * and on its connection (a request never holds two pooled connections).
 *
 * <p>Each node remembers the day's base once a committed transaction has read it (it never changes), so a
 * submission costs the sequence's round trip only.
 *
 * <p><b>Gaps:</b> a submission that fails after taking its number (rare: input is validated first) leaves that
 * number unused, as a paper register leaves a spoilt line; H2 also skips the values it had cached when it is
 * stopped without a clean shutdown. Numbers are unique per day and follow the order submissions began in, not
 * necessarily the order they were stored. After 9999 a day's numbers grow a fifth digit.
 *
 * <p><b>Waiting:</b> only the day's first two submissions, if they arrive at the same moment, meet: the second
 * waits for the first to commit (its row), then counts on its base. A wait beyond the lock timeout (H2's 2 s;
 * on PostgreSQL {@link #LOCK_TIMEOUT}) is asked again, and after {@link #ATTEMPTS} ends in a
 * {@link BusyException} (503 with Retry-After), never a 500.
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
  private final Clock clock;
  private final String nextValue;
  private final boolean postgres;

  TicketNumbers(JdbcClient jdbc, PlatformTransactionManager transactions,
      cn.liaison.platform.calendar.WorkingDayCalendar calendar, Environment environment, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.postgres = environment.getProperty("spring.datasource.url", "").startsWith("jdbc:postgresql:");
    this.nextValue = postgres ? "SELECT nextval('ticket_seq')" : "SELECT NEXT VALUE FOR ticket_seq";
    this.savepoint = new TransactionTemplate(transactions);
    this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    this.zone = calendar.zone();
  }

  /** A day's base as committed: it never changes once recorded. */
  private record DayBase(LocalDate day, long base) {}

  private volatile DayBase known;

  /**
   * The day's base, from memory once a committed transaction has read it (one round trip less per submission), or
   * null when the day has none yet. Only what was read from the table is remembered, and only after the reading
   * transaction commits, so a base that is rolled back is never used.
   */
  private Long baseOf(LocalDate day) {
    DayBase remembered = known;
    if (remembered != null && remembered.day().equals(day)) {
      return remembered.base();
    }
    Long base = jdbc.sql("SELECT base FROM ticket_day WHERE counter_day = ?").param(day).query(Long.class)
        .optional().orElse(null);
    if (base != null) {
      DayBase read = new DayBase(day, base);
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCommit() {
          known = read;
        }
      });
    }
    return base;
  }

  /** The next number of today; must be called inside the transaction that stores the numbered opinion. */
  String next() {
    if (!TransactionSynchronizationManager.isActualTransactionActive()) {
      throw new IllegalStateException("ticket numbers are taken in the transaction that stores the opinion");
    }
    LocalDate day = LocalDate.ofInstant(clock.instant(), zone);
    for (int attempt = 1; ; attempt++) {
      long value = jdbc.sql(nextValue).query(Long.class).single();
      try {
        Long base = baseOf(day);
        if (base == null) {
          base = value - 1;
          long first = base;
          savepoint.executeWithoutResult(tx -> {
            if (postgres) {
              // PostgreSQL would wait for a racing first row without end: give up after LOCK_TIMEOUT
              jdbc.sql("SELECT set_config('lock_timeout', ?, true)").param(LOCK_TIMEOUT).query().singleValue();
            }
            jdbc.sql("INSERT INTO ticket_day (counter_day, base) VALUES (?, ?)").params(day, first).update();
          });
        }
        if (value - base >= 1) {
          return "YJ" + DAY.format(day) + "-" + String.format("%04d", value - base);
        }
        // a value taken just before another submission recorded the day's base: take the next one
      } catch (DuplicateKeyException raced) {
        // another submission recorded today's base at the same moment: count on its row (next attempt)
        if (attempt >= ATTEMPTS) {
          throw new BusyException(raced);
        }
      } catch (DataAccessException e) {
        if (!YearlyNumbers.waitedTooLong(e)) {
          throw e;
        }
        log.warn("ticket number: waited too long for the day's first number (attempt {} of {})", attempt, ATTEMPTS);
        if (attempt >= ATTEMPTS) {
          throw new BusyException(e);
        }
      }
    }
  }
}
