package cn.liaison.platform.statistics;

import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Folds the statistics cells' appended rows (FigureCells) into one row per cell every few minutes
 * ({@code liaison.statistics.fold-interval}, default 5 minutes), so the statistics add up about one row per cell.
 * The figures are the same before and after a fold. One fold at a time in this JVM; a fold that meets another node's
 * changes nothing (its transaction is rolled back) and the next one catches up.
 */
@Component
class FigureCellsFolding {

  private static final Logger log = LoggerFactory.getLogger(FigureCellsFolding.class);

  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;
  private final ReentrantLock oneAtATime = new ReentrantLock();

  FigureCellsFolding(JdbcClient jdbc, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.transactions = new TransactionTemplate(transactions);
  }

  @Scheduled(fixedDelayString = "${liaison.statistics.fold-interval:PT5M}",
      initialDelayString = "${liaison.statistics.fold-interval:PT5M}")
  public void scheduled() {
    try {
      fold();
    } catch (IllegalStateException e) {
      log.info("{}", e.getMessage());
    }
  }

  /** Folds all cell tables in one transaction; returns the rows replaced. */
  public int fold() {
    oneAtATime.lock();
    try {
      Integer rows = transactions.execute(status -> FigureCells.fold(jdbc));
      log.debug("statistics cells folded: {} rows", rows);
      return rows == null ? 0 : rows;
    } finally {
      oneAtATime.unlock();
    }
  }
}
