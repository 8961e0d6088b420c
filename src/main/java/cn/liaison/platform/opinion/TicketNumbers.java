package cn.liaison.platform.opinion;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Ticket numbers YJyyyyMMdd-nnnn, counted per day (Beijing time). The counter moves in its own short
 * transaction so concurrent submissions on several nodes never wait for each other's process start; a
 * submission that fails afterwards leaves a gap, as paper registers do.
 */
@Component
class TicketNumbers {

  private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

  private final JdbcClient jdbc;
  private final TransactionTemplate newTransaction;
  private final ZoneId zone;

  TicketNumbers(JdbcClient jdbc, PlatformTransactionManager transactions,
      cn.liaison.platform.calendar.WorkingDayCalendar calendar) {
    this.jdbc = jdbc;
    this.newTransaction = new TransactionTemplate(transactions);
    this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.zone = calendar.zone();
  }

  String next() {
    LocalDate day = LocalDate.ofInstant(org.camunda.bpm.engine.impl.util.ClockUtil.getCurrentTime().toInstant(), zone);
    for (int attempt = 0; ; attempt++) {
      try {
        Integer no = newTransaction.execute(tx -> {
          int updated = jdbc.sql("UPDATE ticket_counter SET last_no = last_no + 1 WHERE counter_day = ?").param(day).update();
          if (updated == 0) {
            jdbc.sql("INSERT INTO ticket_counter (counter_day, last_no) VALUES (?, 1)").param(day).update();
          }
          return jdbc.sql("SELECT last_no FROM ticket_counter WHERE counter_day = ?").param(day).query(Integer.class).single();
        });
        return "YJ" + DAY.format(day) + "-" + String.format("%04d", no);
      } catch (DataIntegrityViolationException raced) {
        // another node inserted today's first row at the same moment: count on its row
        if (attempt >= 3) {
          throw raced;
        }
      }
    }
  }
}
