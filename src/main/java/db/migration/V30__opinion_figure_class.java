package db.migration;

import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * The statistics' figures of an opinion as one small number, {@code opinion.figure_class}, a column the database
 * computes from the opinion's own columns (a generated column: no application code writes it, so it cannot drift
 * from the record). The statistics of a period then group the period's opinions by department and this number — a
 * few hundred groups with one count each — instead of evaluating a dozen conditional sums per opinion (measured on
 * 1,000,000 opinions: the year's pass about 40 % cheaper, see README "统计与驾驶舱"). Bits, decoded by
 * {@code cn.liaison.platform.statistics.StatisticsService} (FigureClass):
 * <ul>
 *   <li>1: status CLOSED (办结)
 *   <li>2–6: outcome SOLVED = 2, PARTLY_SOLVED = 4, UNSOLVED = 6 (0 for any other)
 *   <li>8–24: satisfaction SATISFIED = 8, BASICALLY_SATISFIED = 16, DISSATISFIED = 24 (0 for any other)
 *   <li>32: on time — not flagged overdue, and no deadline or replied by it
 *   <li>64: late by the record — flagged overdue, or replied after the deadline
 *   <li>128: reopened at least once; 256: routed to a deputy proposal
 *   <li>512: not replied yet and has a deadline (late once the deadline passes: the query compares it with now)
 * </ul>
 * A Java migration because the two databases spell a generated column differently (PostgreSQL: {@code STORED};
 * H2: without). On PostgreSQL adding the column rewrites the table once (a few seconds per million opinions).
 * Indexes: the figures by station and department, and the counts by station, channel and category, each answered
 * by an index alone; V17's wide opinion_period_idx is no longer read and goes.
 */
public class V30__opinion_figure_class extends BaseJavaMigration {

  static final String EXPRESSION = "(CASE WHEN status = 'CLOSED' THEN 1 ELSE 0 END)"
      + " + (CASE WHEN outcome = 'SOLVED' THEN 2 WHEN outcome = 'PARTLY_SOLVED' THEN 4"
      + " WHEN outcome = 'UNSOLVED' THEN 6 ELSE 0 END)"
      + " + (CASE WHEN satisfaction = 'SATISFIED' THEN 8 WHEN satisfaction = 'BASICALLY_SATISFIED' THEN 16"
      + " WHEN satisfaction = 'DISSATISFIED' THEN 24 ELSE 0 END)"
      + " + (CASE WHEN NOT overdue AND (due_at IS NULL OR replied_at <= due_at) THEN 32 ELSE 0 END)"
      + " + (CASE WHEN overdue OR due_at < replied_at THEN 64 ELSE 0 END)"
      + " + (CASE WHEN reopen_count > 0 THEN 128 ELSE 0 END)"
      + " + (CASE WHEN route = 'TO_PROPOSAL' THEN 256 ELSE 0 END)"
      + " + (CASE WHEN replied_at IS NULL AND due_at IS NOT NULL THEN 512 ELSE 0 END)";

  @Override
  public void migrate(Context context) throws Exception {
    boolean postgres = context.getConnection().getMetaData().getDatabaseProductName().toLowerCase()
        .contains("postgres");
    try (Statement sql = context.getConnection().createStatement()) {
      sql.execute("ALTER TABLE opinion ADD COLUMN figure_class SMALLINT GENERATED ALWAYS AS (" + EXPRESSION + ")"
          + (postgres ? " STORED" : ""));
      // the period's figures by station and department; the period's counts by station, channel and category
      sql.execute("CREATE INDEX opinion_figures_idx ON opinion (submitted_at, station_code, department_code, "
          + "figure_class, due_at)");
      sql.execute("CREATE INDEX opinion_counts_idx ON opinion (submitted_at, station_code, channel, category)");
      sql.execute("DROP INDEX opinion_period_idx");
    }
  }
}
