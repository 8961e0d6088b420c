package cn.liaison.platform.rectification;

import cn.liaison.platform.calendar.WorkingDayCalendar;
import cn.liaison.platform.system.YearlyNumbers;
import java.time.Clock;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

/** Problem numbers WT&lt;year&gt;-nnnn, counted per year ({@link YearlyNumbers}), taken where the problem is stored. */
@Component
class ProblemNumbers {

  static final String BUSY = "系统繁忙，问题尚未登记，请稍后再试。";

  private final YearlyNumbers numbers;

  ProblemNumbers(JdbcClient jdbc, PlatformTransactionManager transactions, WorkingDayCalendar calendar,
      Environment environment, Clock clock) {
    this.numbers = new YearlyNumbers(jdbc, transactions, calendar.zone(), clock,
        environment.getProperty("spring.datasource.url", "").startsWith("jdbc:postgresql:"), "WT",
        "rectification_problem_seq", "rectification_problem_year", BUSY);
  }

  String next() {
    return numbers.next();
  }
}
