package cn.liaison.platform.statistics;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.h2.api.Trigger;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Statistics figures kept by the database in the transaction that changes a record, so that a year's figures add up
 * a few thousand small rows instead of reading a quarter of a million records. A cell table holds, per cell (a
 * combination of the figures' keys, e.g. month × station × channel × category), how many records are in it and the
 * sum of a measure; a record's change appends −1 (and −measure) to the cell it leaves and +1 to the cell it enters.
 * A cell's figures are the sums of its rows, so they equal the counts over the records at every moment (tests:
 * StatisticsAggregateTests); they are no counters that can drift, but the records' counts in another layout.
 *
 * <ul>
 *   <li>{@code opinion_month_count}: opinions by month of submission, station, channel, category;
 *   <li>{@code opinion_month_figure}: opinions by month, station, department and figure class (V30), and
 *       {@code opinion_month_figure_all} the same without the station;
 *   <li>{@code household_figure}: a campaign's households by signed / planted / subsidised / unwilling, with the
 *       planted mu.
 * </ul>
 *
 * <p>Month = the calendar month of {@code submitted_at} as stored (the JVM's zone); what depends on "now" (an
 * unanswered deadline that has passed) is not in the cells and is read from the opinions. PostgreSQL: statement
 * triggers over the transition tables for inserts and deletes (a bulk load appends one row per cell), a row trigger
 * for updates that runs only when a cell's column changed (most of the loop's updates change none). H2: a row
 * trigger, this class. Appending, never updating a shared row, means two records changed at the same time never
 * wait for each other or deadlock on a hot cell; {@link #fold} later replaces a cell's rows by their sum.
 *
 * <p>All SQL writing these tables is here (one writer): V31 calls {@link #install}; its statements are V31's and
 * must not change — a later change goes into a new migration.
 */
public final class FigureCells implements Trigger {

  /** A cell column: its name and type in the cell table, its SQL over the record ({@code {r}} = the record). */
  record Column(String name, String type, String sql, Function<Map<String, Object>, Object> java) {}

  /** A cell table over a source table: the cell's columns and the measure summed besides the count n. */
  record Cells(String table, String source, List<Column> key, Column measure) {

    List<String> keyNames() {
      return key.stream().map(Column::name).toList();
    }

    List<String> columns() {
      List<String> columns = new ArrayList<>(keyNames());
      columns.add("n");
      if (measure != null) {
        columns.add(measure.name());
      }
      return columns;
    }

    /** The source columns a cell is computed from. */
    List<String> sourceColumns() {
      List<String> columns = new ArrayList<>();
      for (Column c : key) {
        columns.addAll(sourceColumnsOf(c));
      }
      if (measure != null) {
        columns.addAll(sourceColumnsOf(measure));
      }
      return columns.stream().distinct().toList();
    }

    private static List<String> sourceColumnsOf(Column c) {
      List<String> names = new ArrayList<>();
      var m = java.util.regex.Pattern.compile("\\{r}\\.([a-z_]+)").matcher(c.sql());
      while (m.find()) {
        names.add(m.group(1));
      }
      return names;
    }
  }

  private static Object month(Object submittedAt) {
    java.time.LocalDateTime at = submittedAt instanceof Timestamp t ? t.toLocalDateTime()
        : (java.time.LocalDateTime) submittedAt;
    return java.sql.Date.valueOf(at.toLocalDate().withDayOfMonth(1));
  }

  private static Column plain(String name, String type) {
    return new Column(name, type, "{r}." + name, r -> r.get(name));
  }

  private static final Column MONTH = new Column("submitted_month", "DATE NOT NULL",
      "CAST(DATE_TRUNC('MONTH', {r}.submitted_at) AS DATE)", r -> month(r.get("submitted_at")));

  static final Cells OPINION_COUNTS = new Cells("opinion_month_count", "opinion", List.of(MONTH,
      plain("station_code", "VARCHAR(64) NOT NULL"), plain("channel", "VARCHAR(20) NOT NULL"),
      plain("category", "VARCHAR(32) NOT NULL")), null);

  static final Cells OPINION_FIGURES = new Cells("opinion_month_figure", "opinion", List.of(MONTH,
      plain("station_code", "VARCHAR(64) NOT NULL"), plain("department_code", "VARCHAR(64)"),
      new Column("figure_class", "SMALLINT NOT NULL", "{r}.figure_class",
          r -> ((Number) r.get("figure_class")).intValue())), null);

  /** The same without the station, for the county-wide figures (a twentieth of the rows with twenty stations). */
  static final Cells OPINION_FIGURES_ALL_STATIONS = new Cells("opinion_month_figure_all", "opinion", List.of(MONTH,
      plain("department_code", "VARCHAR(64)"), new Column("figure_class", "SMALLINT NOT NULL", "{r}.figure_class",
          r -> ((Number) r.get("figure_class")).intValue())), null);

  static final Cells HOUSEHOLDS = new Cells("household_figure", "household", List.of(
      plain("campaign_code", "VARCHAR(64) NOT NULL"),
      new Column("signed", "BOOLEAN NOT NULL", "({r}.signed_at IS NOT NULL)", r -> r.get("signed_at") != null),
      new Column("planted", "BOOLEAN NOT NULL", "({r}.planted_on IS NOT NULL)", r -> r.get("planted_on") != null),
      new Column("subsidised", "BOOLEAN NOT NULL", "({r}.subsidised_at IS NOT NULL)",
          r -> r.get("subsidised_at") != null),
      new Column("unwilling", "BOOLEAN NOT NULL", "({r}.status = 'UNWILLING')", r -> "UNWILLING".equals(r.get("status")))),
      new Column("planted_mu", "NUMERIC(14, 2) NOT NULL",
          "COALESCE(CASE WHEN {r}.planted_on IS NOT NULL THEN {r}.planted_mu END, 0)",
          r -> r.get("planted_on") == null || r.get("planted_mu") == null ? BigDecimal.ZERO : r.get("planted_mu")));

  static final List<Cells> ALL = List.of(OPINION_COUNTS, OPINION_FIGURES, OPINION_FIGURES_ALL_STATIONS, HOUSEHOLDS);

  /** Creates the cell tables, fills them from the records and installs the triggers (migration V31). */
  public static void install(Connection connection) throws SQLException {
    boolean postgres = connection.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
    try (Statement sql = connection.createStatement()) {
      for (Cells cells : ALL) {
        StringBuilder create = new StringBuilder("CREATE TABLE " + cells.table()
            + " (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY");
        cells.key().forEach(c -> create.append(", ").append(c.name()).append(' ').append(c.type()));
        create.append(", n INTEGER NOT NULL");
        if (cells.measure() != null) {
          create.append(", ").append(cells.measure().name()).append(' ').append(cells.measure().type());
        }
        sql.execute(create.append(')').toString());
        // a period's cells, all stations or some: an index-only scan
        sql.execute("CREATE INDEX " + cells.table() + "_idx ON " + cells.table() + " ("
            + String.join(", ", cells.columns()) + ")");
        sql.execute("INSERT INTO " + cells.table() + " (" + String.join(", ", cells.columns()) + ") "
            + aggregated(cells, "r", "1"));
      }
      // unanswered opinions with a deadline, whose lateness depends on now: few rows, read live
      sql.execute("CREATE INDEX opinion_open_deadline_idx ON opinion (submitted_at, station_code, department_code, "
          + "figure_class, due_at)" + (postgres ? " WHERE replied_at IS NULL AND due_at IS NOT NULL" : ""));
      for (String source : ALL.stream().map(Cells::source).distinct().toList()) {
        if (postgres) {
          installPostgres(sql, source);
        } else {
          sql.execute("CREATE TRIGGER " + source + "_figure_cells AFTER INSERT, UPDATE, DELETE ON " + source
              + " FOR EACH ROW CALL \"" + FigureCells.class.getName() + "\"");
        }
      }
    }
  }

  /** SELECT of the records' cells with sign × (count, measure sum), from table {@code from} aliased r. */
  private static String aggregated(Cells cells, String from, String sign) {
    List<String> key = cells.key().stream().map(c -> c.sql().replace("{r}", "r")).toList();
    String select = "SELECT " + String.join(", ", key) + ", " + sign + " * COUNT(*)"
        + (cells.measure() == null ? "" : ", " + sign + " * SUM(" + cells.measure().sql().replace("{r}", "r") + ")");
    String source = from.equals("r") ? cells.source() + " r" : from + " r";
    return select + " FROM " + source + " GROUP BY " + String.join(", ", key);
  }

  private static void installPostgres(Statement sql, String source) throws SQLException {
    List<Cells> of = ALL.stream().filter(c -> c.source().equals(source)).toList();
    StringBuilder inserted = new StringBuilder();
    StringBuilder deleted = new StringBuilder();
    StringBuilder updated = new StringBuilder();
    List<String> watched = new ArrayList<>();
    for (Cells cells : of) {
      String into = "INSERT INTO " + cells.table() + " (" + String.join(", ", cells.columns()) + ") ";
      inserted.append(into).append(aggregated(cells, "new_rows", "1")).append(";\n");
      deleted.append(into).append(aggregated(cells, "old_rows", "-1")).append(";\n");
      List<String> oldCell = new ArrayList<>(cells.key().stream().map(c -> c.sql().replace("{r}", "OLD")).toList());
      List<String> newCell = new ArrayList<>(cells.key().stream().map(c -> c.sql().replace("{r}", "NEW")).toList());
      if (cells.measure() != null) {
        oldCell.add(cells.measure().sql().replace("{r}", "OLD"));
        newCell.add(cells.measure().sql().replace("{r}", "NEW"));
      }
      String oldValues = String.join(", ", oldCell);
      String newValues = String.join(", ", newCell);
      String oldRow = cells.measure() == null ? oldValues + ", -1"
          : String.join(", ", oldCell.subList(0, cells.key().size())) + ", -1, -(" + oldCell.get(oldCell.size() - 1) + ")";
      String newRow = cells.measure() == null ? newValues + ", 1"
          : String.join(", ", newCell.subList(0, cells.key().size())) + ", 1, " + newCell.get(newCell.size() - 1);
      updated.append("  IF (").append(oldValues).append(") IS DISTINCT FROM (").append(newValues).append(") THEN\n    ")
          .append(into).append("VALUES (").append(oldRow).append("), (").append(newRow).append(");\n  END IF;\n");
      watched.addAll(cells.sourceColumns());
    }
    String function = "CREATE FUNCTION %s() RETURNS trigger LANGUAGE plpgsql AS $body$\nBEGIN\n%s  RETURN NULL;\nEND $body$";
    sql.execute(function.formatted(source + "_cells_inserted", inserted));
    sql.execute(function.formatted(source + "_cells_deleted", deleted));
    sql.execute(function.formatted(source + "_cells_updated", updated));
    sql.execute("CREATE TRIGGER " + source + "_cells_inserted AFTER INSERT ON " + source
        + " REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION " + source + "_cells_inserted()");
    sql.execute("CREATE TRIGGER " + source + "_cells_deleted AFTER DELETE ON " + source
        + " REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION " + source + "_cells_deleted()");
    List<String> columns = watched.stream().distinct().toList();
    sql.execute("CREATE TRIGGER " + source + "_cells_updated AFTER UPDATE ON " + source + " FOR EACH ROW WHEN (("
        + String.join(", ", columns.stream().map(c -> "OLD." + c).toList()) + ") IS DISTINCT FROM ("
        + String.join(", ", columns.stream().map(c -> "NEW." + c).toList()) + ")) EXECUTE FUNCTION "
        + source + "_cells_updated()");
  }

  /**
   * Replaces each cell's rows by one row with their sums (cells whose count is 0 disappear), so the tables stay
   * about one row per cell. Safe beside the triggers and another fold: it deletes exactly the rows it summed (by
   * id) and fails, changing nothing, when another fold took some of them first. Returns the rows removed.
   */
  static int fold(JdbcClient jdbc) {
    int removed = 0;
    for (Cells cells : ALL) {
      removed += fold(jdbc, cells);
    }
    return removed;
  }

  private static int fold(JdbcClient jdbc, Cells cells) {
    List<String> key = cells.keyNames();
    String columns = String.join(", ", key);
    String same = String.join(" AND ", key.stream()
        .map(k -> "(t." + k + " = d." + k + " OR (t." + k + " IS NULL AND d." + k + " IS NULL))").toList());
    int width = cells.columns().size();
    List<Object[]> rows = jdbc.sql("SELECT t.id, " + String.join(", ", cells.columns().stream().map(c -> "t." + c)
            .toList()) + " FROM " + cells.table() + " t JOIN (SELECT " + columns + " FROM " + cells.table()
            + " GROUP BY " + columns + " HAVING COUNT(*) > 1) d ON " + same)
        .query((rs, i) -> row(rs, width + 1)).list();
    if (rows.isEmpty()) {
      return 0;
    }
    Map<List<Object>, Object[]> sums = new LinkedHashMap<>();
    List<Long> ids = new ArrayList<>();
    for (Object[] row : rows) {
      ids.add(((Number) row[0]).longValue());
      Object[] sum = sums.computeIfAbsent(Arrays.asList(Arrays.copyOfRange(row, 1, key.size() + 1)),
          k -> new Object[] {0L, BigDecimal.ZERO});
      sum[0] = (Long) sum[0] + ((Number) row[key.size() + 1]).longValue();
      if (cells.measure() != null) {
        sum[1] = ((BigDecimal) sum[1]).add((BigDecimal) row[key.size() + 2]);
      }
    }
    int deleted = 0;
    for (int from = 0; from < ids.size(); from += 500) {
      deleted += jdbc.sql("DELETE FROM " + cells.table() + " WHERE id IN (:ids)")
          .param("ids", ids.subList(from, Math.min(ids.size(), from + 500))).update();
    }
    if (deleted != ids.size()) {
      throw new IllegalStateException("another fold of " + cells.table() + " ran at the same time; this one is undone");
    }
    String insert = "INSERT INTO " + cells.table() + " (" + String.join(", ", cells.columns()) + ") VALUES ("
        + String.join(", ", cells.columns().stream().map(c -> "?").toList()) + ")";
    sums.forEach((cell, sum) -> {
      if ((Long) sum[0] != 0) {
        List<Object> params = new ArrayList<>(cell);
        params.add(sum[0]);
        if (cells.measure() != null) {
          params.add(sum[1]);
        }
        jdbc.sql(insert).params(params).update();
      }
    });
    return ids.size();
  }

  private static Object[] row(ResultSet rs, int width) throws SQLException {
    Object[] row = new Object[width];
    for (int i = 0; i < width; i++) {
      row[i] = rs.getObject(i + 1);
    }
    return row;
  }

  // --- the H2 row trigger ----------------------------------------------------------------------------------------

  private List<Cells> cellsOfTable = List.of();
  private String[] names;

  /** Created by H2 for the trigger (public, no arguments). */
  public FigureCells() {}

  @Override
  public void init(Connection conn, String schemaName, String triggerName, String tableName, boolean before,
      int type) throws SQLException {
    List<String> columns = new ArrayList<>();
    try (ResultSet rs = conn.getMetaData().getColumns(null, schemaName, tableName, null)) {
      while (rs.next()) {
        int position = rs.getInt("ORDINAL_POSITION") - 1;
        while (columns.size() <= position) {
          columns.add(null);
        }
        columns.set(position, rs.getString("COLUMN_NAME").toLowerCase());
      }
    }
    names = columns.toArray(String[]::new);
    cellsOfTable = ALL.stream().filter(c -> c.source().equalsIgnoreCase(tableName)).toList();
  }

  @Override
  public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
    Map<String, Object> oldRecord = record(oldRow);
    Map<String, Object> newRecord = record(newRow);
    for (Cells cells : cellsOfTable) {
      Object[] leaves = cell(cells, oldRecord);
      Object[] enters = cell(cells, newRecord);
      if (Arrays.equals(leaves, enters)) {
        continue;
      }
      try (PreparedStatement insert = conn.prepareStatement("INSERT INTO " + cells.table() + " ("
          + String.join(", ", cells.columns()) + ") VALUES ("
          + String.join(", ", cells.columns().stream().map(c -> "?").toList()) + ")")) {
        for (Object[] cell : new Object[][] {leaves, enters}) {
          if (cell != null) {
            int sign = cell == leaves ? -1 : 1;
            int k = cells.key().size();
            for (int i = 0; i < k; i++) {
              insert.setObject(i + 1, cell[i]);
            }
            insert.setInt(k + 1, sign);
            if (cells.measure() != null) {
              insert.setBigDecimal(k + 2, ((BigDecimal) cell[k]).multiply(BigDecimal.valueOf(sign)));
            }
            insert.executeUpdate();
          }
        }
      }
    }
  }

  private Map<String, Object> record(Object[] row) {
    if (row == null) {
      return null;
    }
    Map<String, Object> record = new HashMap<>();
    for (int i = 0; i < row.length && i < names.length; i++) {
      record.put(names[i], row[i]);
    }
    return record;
  }

  private static Object[] cell(Cells cells, Map<String, Object> record) {
    if (record == null) {
      return null;
    }
    Object[] cell = new Object[cells.key().size() + (cells.measure() == null ? 0 : 1)];
    for (int i = 0; i < cells.key().size(); i++) {
      cell[i] = cells.key().get(i).java().apply(record);
    }
    if (cells.measure() != null) {
      BigDecimal mu = (BigDecimal) cells.measure().java().apply(record);
      cell[cell.length - 1] = mu.stripTrailingZeros();
    }
    return cell;
  }

  @Override
  public void close() {}

  @Override
  public void remove() {}
}
