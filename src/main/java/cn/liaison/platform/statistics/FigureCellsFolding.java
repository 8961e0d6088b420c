package cn.liaison.platform.statistics;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Folds the statistics cells' appended rows (FigureCells) into one row per cell every few minutes
 * ({@code liaison.statistics.fold-interval}, default 5 minutes), so the statistics add up about one row per cell. The
 * figures are the same before and after a fold; a fold that meets another (a second node) changes nothing and the
 * next one catches up.
 */
@Component
class FigureCellsFolding {

  private static final Logger log = LoggerFactory.getLogger(FigureCellsFolding.class);

  private final JdbcClient jdbc;

  FigureCellsFolding(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Scheduled(fixedDelayString = "${liaison.statistics.fold-interval:PT5M}",
      initialDelayString = "${liaison.statistics.fold-interval:PT5M}")
  @Transactional
  public int fold() {
    int rows = FigureCells.fold(jdbc);
    if (rows > 0) {
      log.debug("monthly opinion figures folded: {} rows", rows);
    }
    return rows;
  }
}
