package cn.liaison.platform.campaign.ledger;

import cn.liaison.platform.campaign.Campaign;
import cn.liaison.platform.campaign.Household;
import cn.liaison.platform.campaign.Households;
import cn.liaison.platform.system.InvalidInputException;
import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Reads and checks a work ledger (工作台账) file: one row per plot, from an .xlsx (first sheet) or a CSV. Every
 * row is checked; one bad row rejects the whole file (an error per line and column, keyed like
 * {@code 第5行 面积(亩)}, the column named as the file names it). Pure: no database, no Spring; the campaign's
 * team gives each household its responsible deputy.
 */
final class LedgerParser {

  /** At most this many plot rows (without the header) per file. */
  static final int MAX_ROWS = 20_000;
  /** At most this many errors are listed; the rest are counted. */
  static final int MAX_ERRORS = 200;
  /** The header may sit below a title line or two (e.g. 路寨镇水稻改种工作台账); it is looked for in these rows. */
  static final int HEADER_SEARCH_ROWS = 10;

  static final Pattern LANDLINE = Pattern.compile("^0\\d{2,3}-?\\d{7,8}$");
  static final BigDecimal MAX_MU = new BigDecimal("1000");

  private LedgerParser() {}

  /** A household as the file gives it, with its plots in file order. */
  record FileHousehold(String no, String headName, String village, String area, String phone, String deputy,
      int firstLine, Map<String, FilePlot> plots, FileAccount account) {}

  /** The household's 一卡通 account (personal data: stored through SubsidyPayments, never logged). */
  record FileAccount(String holder, String accountNo, String bank) {}

  record FilePlot(String no, BigDecimal mu, Household.Terrain terrain, String crop, int line) {}

  /** A checked ledger: its households in file order, how many plot rows it had, and how it was read. */
  record Parsed(Map<String, FileHousehold> households, int rows, LedgerFile.Format format, String encoding) {

    /** The households as the repository writes them. */
    List<Households.LedgerHousehold> ledger() {
      return households.values().stream().map(h -> new Households.LedgerHousehold(h.no(), h.headName(), h.village(),
          h.area(), h.phone(), h.deputy(), h.plots().values().stream()
              .map(p -> new Households.LedgerPlot(p.no(), p.mu(), p.terrain(), p.crop())).toList())).toList();
    }

    /** The 一卡通 accounts the file gives (households without one keep what they have). */
    List<cn.liaison.platform.campaign.SubsidyPayments.LedgerAccount> accounts() {
      return households.values().stream().filter(h -> h.account() != null)
          .map(h -> new cn.liaison.platform.campaign.SubsidyPayments.LedgerAccount(h.no(), h.account().holder(),
              h.account().accountNo(), h.account().bank())).toList();
    }
  }

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

  /**
   * Reads and checks a ledger file (.xlsx or CSV) for the campaign, whose team gives each household its deputy.
   *
   * @throws InvalidInputException for any bad row, a missing column, an empty or unreadable file, too many rows
   */
  static Parsed parse(String fileName, String contentType, byte[] content, Campaign campaign) {
    if (content == null || content.length == 0) {
      throw new InvalidInputException("file", "文件是空的，请选择填好的工作台账");
    }
    LedgerFile.Format format = LedgerFile.detect(fileName, contentType, content);
    LedgerFile.Content file = LedgerFile.read(format, content, MAX_ROWS + HEADER_SEARCH_ROWS + 1);
    return parse(file, format, campaign);
  }

  static Parsed parse(LedgerFile.Content file, LedgerFile.Format format, Campaign campaign) {
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
      FileAccount account = r.account();

      FileHousehold household = no == null ? null : households.get(no);
      if (no != null && household == null && headName != null && village != null && r.ok(LedgerColumn.AREA)
          && r.ok(LedgerColumn.PHONE) && r.accountOk()) {
        String deputy = deputies.computeIfAbsent(village + "\u0000" + Objects.toString(area, ""),
            k -> Objects.toString(campaign.deputyFor(village, area), ""));
        if (deputy.isEmpty()) {
          errors.add(row.line(), named.get(LedgerColumn.VILLAGE), "村/片区未分配包保代表：“" + village + "”"
              + (area == null ? "" : "、片区“" + area + "”") + "不在本次改种行动帮帮团的包村或包片范围内");
        }
        household = new FileHousehold(no, headName, village, area, phone, deputy, row.line(), new LinkedHashMap<>(),
            account);
        households.put(no, household);
      } else if (household != null) {
        r.same(LedgerColumn.HEAD_NAME, headName, household.headName(), household.firstLine());
        r.same(LedgerColumn.VILLAGE, village, household.village(), household.firstLine());
        r.same(LedgerColumn.AREA, area, household.area(), household.firstLine());
        r.same(LedgerColumn.PHONE, phone, household.phone(), household.firstLine());
        r.sameAccount(account, household.account(), household.firstLine());
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
    return new Parsed(households, data.size(), format, file.encoding());
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
      if (cn.liaison.platform.system.MobileNumbers.isMobile(v) || LANDLINE.matcher(v).matches()) {
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

    /**
     * The 一卡通 account of the row, if it gives one: 10 to 32 digits (spaces and dashes as printed on the card are
     * dropped) and the account holder's name; a bank is optional. Errors name no account data. Null when the row
     * gives none or has an error.
     */
    FileAccount account() {
      String no = fullWidthDigits(raw(LedgerColumn.ACCOUNT_NO)).replace(" ", "").replace("-", "");
      String holder = text(LedgerColumn.ACCOUNT_HOLDER, false, 50);
      String bank = text(LedgerColumn.BANK, false, 50);
      if (no.isEmpty()) {
        if (holder != null || bank != null) {
          error(LedgerColumn.ACCOUNT_NO, "填写了开户人或开户银行，请同时填写一卡通账号（或都不填）");
        }
        return null;
      }
      if (!no.matches("\\d{10,32}")) {
        error(LedgerColumn.ACCOUNT_NO, "一卡通（社会保障卡）账号应为 10 至 32 位数字");
        return null;
      }
      if (no.length() > 15 && no.substring(15).chars().allMatch(ch -> ch == '0')) {
        // Excel keeps 15 significant digits of a number: a 19-digit account typed into a number cell ends in zeros
        error(LedgerColumn.ACCOUNT_NO, "一卡通账号第 16 位起全是 0，可能被 Excel 当作数字截断了：请把该列设为“文本”格式后重新填写");
        return null;
      }
      if (holder == null) {
        if (ok(LedgerColumn.ACCOUNT_HOLDER)) {
          error(LedgerColumn.ACCOUNT_HOLDER, "填写了一卡通账号，必须填写开户人（持卡人姓名）");
        }
        return null;
      }
      if (!ok(LedgerColumn.BANK)) {
        return null;
      }
      return new FileAccount(holder, no, bank);
    }

    boolean accountOk() {
      return ok(LedgerColumn.ACCOUNT_NO) && ok(LedgerColumn.ACCOUNT_HOLDER) && ok(LedgerColumn.BANK);
    }

    /** A household's rows give one account: the same on each row, or on its first row only. */
    void sameAccount(FileAccount account, FileAccount first, int firstLine) {
      if (account != null && accountOk() && !account.equals(first)) {
        error(LedgerColumn.ACCOUNT_NO, "同一户（户编号相同）的一卡通账号、开户人或开户银行与第" + firstLine + "行不一致");
      }
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
}
