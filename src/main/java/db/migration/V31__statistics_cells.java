package db.migration;

import cn.liaison.platform.statistics.FigureCells;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * The statistics' cells, kept by the database in the same transaction as each change of an opinion or a household
 * (tables opinion_month_count, opinion_month_figure, household_figure; triggers on opinion and household), filled
 * here from the existing records. All their SQL is in {@link FigureCells} (one writer); on PostgreSQL the back-fill
 * reads the opinions once (seconds per million).
 */
public class V31__statistics_cells extends BaseJavaMigration {

  @Override
  public void migrate(Context context) throws Exception {
    FigureCells.install(context.getConnection());
  }
}
