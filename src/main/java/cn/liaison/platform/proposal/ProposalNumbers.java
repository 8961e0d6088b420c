package cn.liaison.platform.proposal;

import cn.liaison.platform.calendar.WorkingDayCalendar;
import cn.liaison.platform.system.YearlyNumbers;
import java.time.Clock;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Proposal numbers JY&lt;year&gt;-nnnn, counted per year ({@link YearlyNumbers}): the sequence proposal_seq minus the year's
 * base in table proposal_year, taken in the transaction that stores the proposal.
 */
@Component
class ProposalNumbers {

  static final String BUSY = "系统繁忙，代表建议尚未提交，请稍后再试。";

  private final YearlyNumbers numbers;

  ProposalNumbers(JdbcClient jdbc, PlatformTransactionManager transactions, WorkingDayCalendar calendar,
      Environment environment, Clock clock) {
    this.numbers = new YearlyNumbers(jdbc, transactions, calendar.zone(), clock,
        environment.getProperty("spring.datasource.url", "").startsWith("jdbc:postgresql:"), "JY", "proposal_seq",
        "proposal_year", BUSY);
  }

  /** The next number of this year; must be called inside the transaction that stores the proposal. */
  String next() {
    return numbers.next();
  }
}
