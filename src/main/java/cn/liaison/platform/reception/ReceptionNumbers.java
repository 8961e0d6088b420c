package cn.liaison.platform.reception;

import cn.liaison.platform.calendar.WorkingDayCalendar;
import cn.liaison.platform.system.YearlyNumbers;
import java.time.Clock;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Reception numbers JD&lt;year&gt;-nnnn, counted per year ({@link YearlyNumbers}): the sequence reception_seq minus the
 * year's base in table reception_year, taken in the transaction that stores the reception.
 */
@Component
class ReceptionNumbers {

  static final String BUSY = "系统繁忙，接待尚未安排，请稍后再试。";

  private final YearlyNumbers numbers;

  ReceptionNumbers(JdbcClient jdbc, PlatformTransactionManager transactions, WorkingDayCalendar calendar,
      Environment environment, Clock clock) {
    this.numbers = new YearlyNumbers(jdbc, transactions, calendar.zone(), clock,
        environment.getProperty("spring.datasource.url", "").startsWith("jdbc:postgresql:"), "JD", "reception_seq",
        "reception_year", BUSY);
  }

  /** The next number of this year; must be called inside the transaction that stores the reception. */
  String next() {
    return numbers.next();
  }
}
