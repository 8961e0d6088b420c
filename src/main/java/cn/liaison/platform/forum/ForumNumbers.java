package cn.liaison.platform.forum;

import cn.liaison.platform.calendar.WorkingDayCalendar;
import cn.liaison.platform.system.YearlyNumbers;
import java.time.Clock;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Forum numbers ZT&lt;year&gt;-nnnn, counted per year ({@link YearlyNumbers}): the sequence forum_seq minus the year's
 * base in table forum_year, taken in the transaction that stores the forum.
 */
@Component
class ForumNumbers {

  static final String BUSY = "系统繁忙，座谈会尚未安排，请稍后再试。";

  private final YearlyNumbers numbers;

  ForumNumbers(JdbcClient jdbc, PlatformTransactionManager transactions, WorkingDayCalendar calendar,
      Environment environment, Clock clock) {
    this.numbers = new YearlyNumbers(jdbc, transactions, calendar.zone(), clock,
        environment.getProperty("spring.datasource.url", "").startsWith("jdbc:postgresql:"), "ZT", "forum_seq",
        "forum_year", BUSY);
  }

  /** The next number of this year; must be called inside the transaction that stores the forum. */
  String next() {
    return numbers.next();
  }
}
