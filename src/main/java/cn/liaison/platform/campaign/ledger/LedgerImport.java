package cn.liaison.platform.campaign.ledger;

import cn.liaison.platform.campaign.Campaign;
import cn.liaison.platform.campaign.Campaigns;
import cn.liaison.platform.campaign.Household;
import cn.liaison.platform.system.ConflictException;
import cn.liaison.platform.system.InvalidInputException;
import cn.liaison.platform.system.NotFoundException;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Imports the work ledger (工作台账) of a campaign: one row per plot, from an .xlsx (first sheet) or a CSV.
 * Every row is checked first; one bad row rejects the whole file (400 with an error per line and column, keyed
 * like {@code 第5行 面积(亩)}, the column named as the file names it) and nothing is imported. A good file is
 * upserted in one transaction: households by (campaign, 户编号), plots by (household, 地块编号); nothing is
 * deleted. A re-import updates names, villages, areas and phones and re-derives the responsible deputy, except
 * for households whose sign-off has started: they keep their deputy (moving them is CampaignService's job).
 *
 * <p>Fast by construction: existing households and plots are loaded with one query each and written with JDBC
 * batches; no statement per row.
 */
@Service
public class LedgerImport {

  /** At most this many plot rows (without the header) per file. */
  public static final int MAX_ROWS = 20_000;
  /** At most this many errors are listed; the rest are counted. */
  static final int MAX_ERRORS = 200;
  /** The header may sit below a title line or two (e.g. 路寨镇水稻改种工作台账); it is looked for in these rows. */
  static final int HEADER_SEARCH_ROWS = 10;
  static final int BATCH = 1000;

  static final Pattern MOBILE = Pattern.compile("^1[3-9]\\d{9}$");
  static final Pattern LANDLINE = Pattern.compile("^0\\d{2,3}-?\\d{7,8}$");
  static final BigDecimal MAX_MU = new BigDecimal("1000");

  private static final Logger log = LoggerFactory.getLogger(LedgerImport.class);

  /** What an import did. Rows are plot rows read; unchanged counts records that were already as in the file. */
  public record Summary(int rows, int households, int householdsCreated, int householdsUpdated,
      int householdsUnchanged, int plotsCreated, int plotsUpdated, int plotsUnchanged, String format,
      String encoding) {}

  private final Campaigns campaigns;
  private final JdbcTemplate jdbc;
  private final TransactionTemplate transaction;

  LedgerImport(Campaigns campaigns, JdbcTemplate jdbc, PlatformTransactionManager transactions) {
    this.campaigns = campaigns;
    this.jdbc = jdbc;
    this.transaction = new TransactionTemplate(transactions);
  }

  /**
   * Imports a ledger file into the campaign.
   *
   * @throws NotFoundException for an unknown campaign
   * @throws ConflictException for an ENDED campaign
   * @throws InvalidInputException for any bad row, a missing column, an empty or unreadable file, too many rows
   */
  public Summary importLedger(String campaignCode, String fileName, String contentType, byte[] content) {
    Campaign campaign = campaigns.find(campaignCode)
        .orElseThrow(() -> new NotFoundException("改种行动不存在：" + campaignCode));
    refuseEnded(campaign.status());
    if (content == null || content.length == 0) {
      throw new InvalidInputException("file", "文件是空的，请选择填好的工作台账");
    }
    LedgerFile.Format format = LedgerFile.detect(fileName, contentType, content);
    LedgerFile.Content file = LedgerFile.read(format, content, MAX_ROWS + HEADER_SEARCH_ROWS + 1);
    Parsed parsed = parse(file, campaign);
    Summary summary = transaction.execute(status -> write(campaign, parsed, format, file.encoding()));
    log.info("工作台账导入 campaign={} rows={} households={} (+{} ~{}) plots (+{} ~{})", campaignCode,
        summary.rows(), summary.households(), summary.householdsCreated(), summary.householdsUpdated(),
        summary.plotsCreated(), summary.plotsUpdated());
    return summary;
  }

  private static void refuseEnded(Campaign.Status status) {
    if (status == Campaign.Status.ENDED) {
      throw new ConflictException("该改种行动已结束，不能再导入工作台账。");
    }
  }

  // ---- checking the file ----

  /** A household as the file gives it, with its plots in file order. */
  record FileHousehold(String no, String headName, String village, String area, String phone, String deputy,
      int firstLine, Map<String, FilePlot> plots) {}

  record FilePlot(String no, BigDecimal mu, Household.Terrain terrain, String crop, int line) {}

  record Parsed(Map<String, FileHousehold> households, int rows) {}

  /** Collects errors in file order, up to MAX_ERRORS, then counts the rest. */
  static final class Errors {
    final Map<String, String> map = new LinkedHashMap<>();
    int dropped;

    void add(int line, String column, String message) {
      String key = "第" + line + "行" + (column == null ? "" : " " + column);
      if (map.containsKey(key)) {
        return;
      }
      if (map.size() >= MAX_ERRORS) {
        dropped++;
        return;
      }
      map.put(key, message);
    }

    void throwIfAny() {
      if (map.isEmpty()) {
        return;
      }
      if (dropped > 0) {
        map.put("更多错误", "另有 " + dropped + " 处错误未列出，请先改正以上错误后重新导入");
      }
      throw new InvalidInputException(map);
    }
  }

  Parsed parse(LedgerFile.Content file, Campaign campaign) {
    List<LedgerFile.Row> rows = file.rows();
    if (rows.isEmpty()) {
      throw new InvalidInputException("file", "文件是空的：没有表头，也没有数据行");
    }
    // the header: the first of the first rows that names at least two known columns; else the first row
    int headerIndex = 0;
    for (int i = 0; i < Math.min(HEADER_SEARCH_ROWS, rows.size()); i++) {
      if (rows.get(i).cells().stream().filter(c -> LedgerColumn.of(c).isPresent()).count() >= 2) {
        headerIndex = i;
        break;
      }
    }
    LedgerFile.Row header = rows.get(headerIndex);
    Map<LedgerColumn, Integer> index = new EnumMap<>(LedgerColumn.class);
    Map<LedgerColumn, String> named = new EnumMap<>(LedgerColumn.class);
    Errors errors = new Errors();
    for (int c = 0; c < header.cells().size(); c++) {
      String text = header.cells().get(c);
      var column = LedgerColumn.of(text);
      if (column.isEmpty()) {
        continue; // other columns (备注 ...) are allowed and ignored
      }
      if (index.containsKey(column.get())) {
        errors.add(header.line(), text, "列重复：“" + named.get(column.get()) + "”和“" + text + "”是同一列");
        continue;
      }
      index.put(column.get(), c);
      named.put(column.get(), text);
    }
    for (LedgerColumn column : LedgerColumn.values()) {
      if (column.required && !index.containsKey(column)) {
        errors.add(header.line(), column.chinese, "缺少必填列“" + column.describe() + "”");
      }
    }
    errors.throwIfAny();

    List<LedgerFile.Row> data = rows.subList(headerIndex + 1, rows.size());
    if (file.truncated() || data.size() > MAX_ROWS) {
      throw new InvalidInputException("file", "工作台账最多 " + MAX_ROWS + " 行（不含表头），本文件超过了，请分批导入");
    }
    if (data.isEmpty()) {
      throw new InvalidInputException("file", "文件只有表头，没有农户地块数据");
    }

    Map<String, FileHousehold> households = new LinkedHashMap<>();
    Map<String, Integer> plotLines = new HashMap<>();
    Map<String, String> deputies = new HashMap<>(); // village + area -> deputy (or "" for none)
    for (LedgerFile.Row row : data) {
      Cells r = new Cells(row, index, named, errors);
      String no = r.text(LedgerColumn.HOUSEHOLD_ID, true, 64);
      String headName = r.text(LedgerColumn.HEAD_NAME, true, 50);
      String village = r.text(LedgerColumn.VILLAGE, true, 50);
      String area = r.text(LedgerColumn.AREA, false, 50);
      String phone = r.phone();
      String plotNo = r.text(LedgerColumn.PLOT_NO, true, 64);
      BigDecimal mu = r.mu();
      Household.Terrain terrain = r.terrain();
      String crop = r.text(LedgerColumn.CURRENT_CROP, false, 50);

      FileHousehold household = no == null ? null : households.get(no);
      if (no != null && household == null && headName != null && village != null && r.ok(LedgerColumn.AREA)
          && r.ok(LedgerColumn.PHONE)) {
        String deputy = deputies.computeIfAbsent(village + "\u0000" + Objects.toString(area, ""),
            k -> Objects.toString(campaign.deputyFor(village, area), ""));
        if (deputy.isEmpty()) {
          errors.add(row.line(), named.get(LedgerColumn.VILLAGE), "村/片区未分配包保代表：“" + village + "”"
              + (area == null ? "" : "、片区“" + area + "”") + "不在本次改种行动帮帮团的包村或包片范围内");
        }
        household = new FileHousehold(no, headName, village, area, phone, deputy, row.line(), new LinkedHashMap<>());
        households.put(no, household);
      } else if (household != null) {
        r.same(LedgerColumn.HEAD_NAME, headName, household.headName(), household.firstLine());
        r.same(LedgerColumn.VILLAGE, village, household.village(), household.firstLine());
        r.same(LedgerColumn.AREA, area, household.area(), household.firstLine());
        r.same(LedgerColumn.PHONE, phone, household.phone(), household.firstLine());
      }
      if (no != null && plotNo != null) {
        Integer earlier = plotLines.putIfAbsent(no + "\u0000" + plotNo, row.line());
        if (earlier != null) {
          errors.add(row.line(), named.get(LedgerColumn.PLOT_NO), "同一户的地块编号重复：“" + plotNo + "”已在第"
              + earlier + "行出现");
        } else if (household != null && mu != null && terrain != null) {
          household.plots().put(plotNo, new FilePlot(plotNo, mu, terrain, crop, row.line()));
        }
      }
    }
    errors.throwIfAny();
    return new Parsed(households, data.size());
  }

  /** One data row's cells, checked column by column; a bad cell adds an error and reads as null. */
  static final class Cells {
    final LedgerFile.Row row;
    final Map<LedgerColumn, Integer> index;
    final Map<LedgerColumn, String> named;
    final Errors errors;
    final java.util.Set<LedgerColumn> bad = java.util.EnumSet.noneOf(LedgerColumn.class);

    Cells(LedgerFile.Row row, Map<LedgerColumn, Integer> index, Map<LedgerColumn, String> named, Errors errors) {
      this.row = row;
      this.index = index;
      this.named = named;
      this.errors = errors;
    }

    String raw(LedgerColumn c) {
      Integer i = index.get(c);
      return i == null ? "" : row.cell(i);
    }

    void error(LedgerColumn c, String message) {
      bad.add(c);
      errors.add(row.line(), named.getOrDefault(c, c.chinese), message);
    }

    boolean ok(LedgerColumn c) {
      return !bad.contains(c);
    }

    String text(LedgerColumn c, boolean required, int max) {
      String v = raw(c);
      if (v.isEmpty()) {
        if (required) {
          error(c, "必须填写" + c.chinese);
        }
        return null;
      }
      if (v.codePointCount(0, v.length()) > max) {
        error(c, c.chinese + "不能超过 " + max + " 个字（现有 " + v.codePointCount(0, v.length()) + " 个）");
        return null;
      }
      if (v.chars().anyMatch(ch -> ch < 0x20)) {
        error(c, c.chinese + "不能包含换行或控制字符");
        return null;
      }
      return v;
    }

    String phone() {
      String v = raw(LedgerColumn.PHONE).replace(" ", "").replace('－', '-').replace('—', '-');
      if (v.isEmpty()) {
        return null;
      }
      if (MOBILE.matcher(v).matches() || LANDLINE.matcher(v).matches()) {
        return v;
      }
      error(LedgerColumn.PHONE, "电话格式不对：手机号为 1 开头的 11 位数字，座机如 0373-1234567");
      return null;
    }

    BigDecimal mu() {
      String v = raw(LedgerColumn.PLOT_MU).replace(",", "");
      if (v.isEmpty()) {
        error(LedgerColumn.PLOT_MU, "必须填写面积（亩）");
        return null;
      }
      BigDecimal mu;
      try {
        mu = new BigDecimal(fullWidthDigits(v));
      } catch (NumberFormatException e) {
        error(LedgerColumn.PLOT_MU, "面积（亩）应为数字，如 2.5，现为“" + v + "”");
        return null;
      }
      if (mu.signum() <= 0 || mu.compareTo(MAX_MU) > 0) {
        error(LedgerColumn.PLOT_MU, "面积（亩）应大于 0 且不超过 1000，现为 " + mu.toPlainString());
        return null;
      }
      BigDecimal stripped = mu.stripTrailingZeros();
      if (stripped.scale() > 2) {
        error(LedgerColumn.PLOT_MU, "面积（亩）最多两位小数，现为 " + mu.toPlainString());
        return null;
      }
      return stripped.setScale(2);
    }

    Household.Terrain terrain() {
      String v = raw(LedgerColumn.TERRAIN);
      for (Household.Terrain t : Household.Terrain.values()) {
        if (t.label().equals(v) || t.name().equalsIgnoreCase(v)) {
          return t;
        }
      }
      error(LedgerColumn.TERRAIN, v.isEmpty() ? "必须填写地形：一般、地势高 或 沙土地"
          : "地形应为 一般、地势高 或 沙土地（或 NORMAL、HIGH_GROUND、SANDY），现为“" + v + "”");
      return null;
    }

    /** A household on several rows must be the same household on each. */
    void same(LedgerColumn c, String value, String first, int firstLine) {
      if (ok(c) && !Objects.equals(value, first)) {
        error(c, "同一户（户编号相同）的" + c.chinese + "与第" + firstLine + "行不一致：“"
            + Objects.toString(value, "") + "”与“" + Objects.toString(first, "") + "”");
      }
    }

    private static String fullWidthDigits(String v) {
      StringBuilder b = new StringBuilder(v.length());
      for (char ch : v.toCharArray()) {
        b.append(ch >= '０' && ch <= '９' ? (char) (ch - '０' + '0') : ch == '．' ? '.' : ch);
      }
      return b.toString().toUpperCase(Locale.ROOT);
    }
  }

  // ---- writing ----

  record ExistingHousehold(long id, String headName, String village, String area, String phone, String deputy,
      boolean started) {}

  record ExistingPlot(long id, BigDecimal mu, String terrain, String crop) {}

  private Summary write(Campaign campaign, Parsed parsed, LedgerFile.Format format, String encoding) {
    String code = campaign.code();
    // one import at a time per campaign, and not into a campaign that ended meanwhile
    String status = jdbc.queryForObject("SELECT status FROM campaign WHERE code = ? FOR UPDATE", String.class, code);
    refuseEnded(Campaign.Status.valueOf(status));
    Timestamp now = Timestamp.from(Instant.now());

    Map<String, ExistingHousehold> existing = new HashMap<>();
    jdbc.query("SELECT id, household_no, head_name, village, area, phone, responsible_deputy, status, "
        + "process_instance_id FROM household WHERE campaign_code = ?", rs -> {
          existing.put(rs.getString("household_no"), new ExistingHousehold(rs.getLong("id"), rs.getString("head_name"),
              rs.getString("village"), rs.getString("area"), rs.getString("phone"), rs.getString("responsible_deputy"),
              rs.getString("process_instance_id") != null || !"PENDING".equals(rs.getString("status"))));
        }, code);

    List<FileHousehold> toInsert = new ArrayList<>();
    List<Object[]> toUpdate = new ArrayList<>();
    int unchanged = 0;
    for (FileHousehold h : parsed.households().values()) {
      ExistingHousehold e = existing.get(h.no());
      if (e == null) {
        toInsert.add(h);
        continue;
      }
      String deputy = e.started() ? e.deputy() : h.deputy();
      if (Objects.equals(e.headName(), h.headName()) && Objects.equals(e.village(), h.village())
          && Objects.equals(e.area(), h.area()) && Objects.equals(e.phone(), h.phone())
          && Objects.equals(e.deputy(), deputy)) {
        unchanged++;
      } else {
        toUpdate.add(new Object[] {h.headName(), h.village(), h.area(), h.phone(), deputy, e.id()});
      }
    }
    jdbc.batchUpdate("INSERT INTO household (campaign_code, household_no, head_name, village, area, phone, "
        + "responsible_deputy, status, visit_count, guidance_count, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'PENDING', "
        + "0, 0, ?)", toInsert, BATCH, (ps, h) -> {
          ps.setString(1, code);
          ps.setString(2, h.no());
          ps.setString(3, h.headName());
          ps.setString(4, h.village());
          string(ps, 5, h.area());
          string(ps, 6, h.phone());
          ps.setString(7, h.deputy());
          ps.setTimestamp(8, now);
        });
    jdbc.batchUpdate("UPDATE household SET head_name = ?, village = ?, area = ?, phone = ?, responsible_deputy = ?, "
        + "updated_at = ? WHERE id = ?", toUpdate, BATCH, (ps, v) -> {
          ps.setString(1, (String) v[0]);
          ps.setString(2, (String) v[1]);
          string(ps, 3, (String) v[2]);
          string(ps, 4, (String) v[3]);
          string(ps, 5, (String) v[4]);
          ps.setTimestamp(6, now);
          ps.setLong(7, (Long) v[5]);
        });

    // ids of the households (the new ones included) and their plots: one query each
    Map<String, Long> ids = new HashMap<>();
    if (toInsert.isEmpty()) {
      existing.forEach((no, e) -> ids.put(no, e.id()));
    } else {
      jdbc.query("SELECT id, household_no FROM household WHERE campaign_code = ?",
          rs -> {
            ids.put(rs.getString(2), rs.getLong(1));
          }, code);
    }
    Map<Long, Map<String, ExistingPlot>> plots = new HashMap<>();
    if (!existing.isEmpty()) {
      jdbc.query("SELECT p.id, p.household_id, p.plot_no, p.area_mu, p.terrain, p.current_crop FROM plot p "
          + "JOIN household h ON h.id = p.household_id WHERE h.campaign_code = ?", rs -> {
            plots.computeIfAbsent(rs.getLong("household_id"), k -> new HashMap<>()).put(rs.getString("plot_no"),
                new ExistingPlot(rs.getLong("id"), rs.getBigDecimal("area_mu"), rs.getString("terrain"),
                    rs.getString("current_crop")));
          }, code);
    }
    List<Object[]> plotInserts = new ArrayList<>();
    List<Object[]> plotUpdates = new ArrayList<>();
    int plotsUnchanged = 0;
    for (FileHousehold h : parsed.households().values()) {
      long householdId = ids.get(h.no());
      Map<String, ExistingPlot> known = plots.getOrDefault(householdId, Map.of());
      for (FilePlot p : h.plots().values()) {
        ExistingPlot e = known.get(p.no());
        if (e == null) {
          plotInserts.add(new Object[] {householdId, p.no(), p.mu(), p.terrain().name(), p.crop()});
        } else if (e.mu().compareTo(p.mu()) == 0 && e.terrain().equals(p.terrain().name())
            && Objects.equals(e.crop(), p.crop())) {
          plotsUnchanged++;
        } else {
          plotUpdates.add(new Object[] {p.mu(), p.terrain().name(), p.crop(), e.id()});
        }
      }
    }
    jdbc.batchUpdate("INSERT INTO plot (household_id, plot_no, area_mu, terrain, current_crop, signed) "
        + "VALUES (?, ?, ?, ?, ?, FALSE)", plotInserts, BATCH, (ps, v) -> {
          ps.setLong(1, (Long) v[0]);
          ps.setString(2, (String) v[1]);
          ps.setBigDecimal(3, (BigDecimal) v[2]);
          ps.setString(4, (String) v[3]);
          string(ps, 5, (String) v[4]);
        });
    jdbc.batchUpdate("UPDATE plot SET area_mu = ?, terrain = ?, current_crop = ? WHERE id = ?", plotUpdates, BATCH,
        (ps, v) -> {
          ps.setBigDecimal(1, (BigDecimal) v[0]);
          ps.setString(2, (String) v[1]);
          string(ps, 3, (String) v[2]);
          ps.setLong(4, (Long) v[3]);
        });
    return new Summary(parsed.rows(), parsed.households().size(), toInsert.size(), toUpdate.size(), unchanged,
        plotInserts.size(), plotUpdates.size(), plotsUnchanged, format.name(), encoding);
  }

  private static void string(java.sql.PreparedStatement ps, int i, String value) throws java.sql.SQLException {
    if (value == null) {
      ps.setNull(i, Types.VARCHAR);
    } else {
      ps.setString(i, value);
    }
  }
}
