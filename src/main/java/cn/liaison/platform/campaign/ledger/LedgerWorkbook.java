package cn.liaison.platform.campaign.ledger;

import cn.liaison.platform.calendar.WorkingDayCalendar;
import cn.liaison.platform.campaign.Household;
import cn.liaison.platform.campaign.SubsidyPayments;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.PrintSetup;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.WorkbookUtil;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * The work ledger (工作台账) as an .xlsx laid out like a town's paper ledger: sheet 汇总 with the campaign, its
 * phases and the four lists (任务 / 目标 / 时限 / 责任), the deputies' team and the totals per village and per
 * deputy; then one sheet per village listing its households with their progress to 销号 and a totals row.
 * Written with SXSSF (rows streamed to a temporary file), so a big ledger needs little memory. The household
 * head's name is in it (staff need it); phone numbers are not.
 */
@Service
public class LedgerWorkbook {

  static final String SUMMARY_SHEET = "汇总";
  static final List<String> HOUSEHOLD_HEADERS = List.of("户编号", "户主", "片区", "包保代表", "地块数", "面积(亩)", "状态",
      "走访次数", "不愿意原因", "协议编号", "签约面积", "种植面积", "补贴金额", "销号人", "销号时间",
      "发放状态", "发放时间", "凭证号", "发放失败原因");
  static final int[] HOUSEHOLD_WIDTHS = {14, 10, 10, 10, 7, 10, 11, 9, 22, 16, 10, 10, 11, 10, 17, 10, 12, 18, 24};
  static final List<String> TOTALS_HEADERS = List.of("户数", "已走访", "愿意改种", "已签约", "已种植", "已拨付补贴",
      "已销号", "未改种", "暂不愿意", "地块数", "台账面积(亩)", "目标面积(亩)", "签约面积(亩)", "种植面积(亩)", "种植完成率(%)");

  private static final Set<Household.Status> SIGNED = java.util.EnumSet.of(Household.Status.SIGNED,
      Household.Status.PLANTED, Household.Status.SUBSIDISED, Household.Status.CROSSED_OFF);
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd");
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
  private static final Map<String, String> CAMPAIGN_STATUS = Map.of("DRAFT", "筹备中", "STARTED", "起好步开好局",
      "SIGN_AND_PLANT", "签好协议种好水稻", "WRAP_UP", "扫好尾收好关", "ENDED", "已结束");

  private final LedgerReport report;
  private final JdbcTemplate jdbc;
  private final ZoneId zone;
  private final java.time.Clock clock;

  private final SubsidyPayments subsidyPayments;

  LedgerWorkbook(LedgerReport report, JdbcTemplate jdbc, WorkingDayCalendar calendar, java.time.Clock clock,
      SubsidyPayments subsidyPayments) {
    this.subsidyPayments = subsidyPayments;
    this.clock = clock;
    this.report = report;
    this.jdbc = jdbc;
    this.zone = calendar.zone();
  }

  /** One household line of a village sheet. */
  record Line(String householdNo, String headName, String village, String area, String deputy, int plots,
      BigDecimal mu, Household.Status status, int visits, String reasons, String agreementNo, BigDecimal signedMu,
      BigDecimal plantedMu, BigDecimal subsidy, String crossedOffBy, Timestamp crossedOffAt,
      SubsidyPayments.HouseholdPayment payment) {}

  /** The workbook as bytes; NotFoundException for an unknown campaign. */
  public byte[] export(String campaignCode) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
    write(campaignCode, out);
    return out.toByteArray();
  }

  public void write(String campaignCode, OutputStream out) {
    LedgerReport.Ledger ledger = report.of(campaignCode);
    Map<String, List<Line>> byVillage = lines(campaignCode);
    Set<String> users = new HashSet<>();
    byVillage.values().forEach(ls -> ls.forEach(l -> {
      users.add(l.deputy());
      users.add(l.crossedOffBy());
    }));
    Map<String, String> names = report.displayNames(users);

    SXSSFWorkbook wb = new SXSSFWorkbook(200);
    try {
      Styles styles = new Styles(wb);
      summary(wb, styles, ledger);
      Set<String> sheetNames = new HashSet<>(Set.of(SUMMARY_SHEET.toLowerCase(Locale.ROOT), "history"));
      for (String village : LedgerReport.villagesInOrder(byVillage.keySet())) {
        village(wb, styles, sheetName(village, sheetNames), village, byVillage.get(village), names);
      }
      wb.setActiveSheet(0);
      wb.write(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      wb.dispose();
      try {
        wb.close();
      } catch (IOException ignored) {
        // the temporary files are gone with dispose()
      }
    }
  }

  /** Excel's rules: no : \ / ? * [ ], not blank, at most 31 characters, unique ignoring case, not "History". */
  static String sheetName(String village, Set<String> taken) {
    String trimmed = village == null ? "" : village.strip().replaceAll("^'+|'+$", "").strip();
    String base = WorkbookUtil.createSafeSheetName(trimmed.isEmpty() ? "未填村" : trimmed, '_');
    String name = base;
    for (int n = 2; taken.contains(name.toLowerCase(Locale.ROOT)); n++) {
      String suffix = "(" + n + ")";
      name = base.substring(0, Math.min(base.length(), 31 - suffix.length())) + suffix;
    }
    taken.add(name.toLowerCase(Locale.ROOT));
    return name;
  }

  private Map<String, List<Line>> lines(String code) {
    Map<String, List<Line>> byVillage = new LinkedHashMap<>();
    Map<Long, SubsidyPayments.HouseholdPayment> payments = subsidyPayments.payments(code);
    jdbc.query("SELECT h.id, h.household_no, h.head_name, h.village, h.area, h.responsible_deputy, h.status, h.visit_count, "
        + "h.unwilling_reasons, h.agreement_no, h.signed_mu, h.planted_mu, h.subsidy_amount, h.crossed_off_by, "
        + "h.crossed_off_at, p.plots, p.mu FROM " + LedgerReport.HOUSEHOLDS_WITH_PLOT_TOTALS
        + " ORDER BY h.village, h.household_no", rs -> {
          Line l = new Line(rs.getString("household_no"), rs.getString("head_name"), rs.getString("village"),
              rs.getString("area"), rs.getString("responsible_deputy"), rs.getInt("plots"),
              LedgerReport.mu(rs.getBigDecimal("mu")), Household.Status.valueOf(rs.getString("status")),
              rs.getInt("visit_count"), UnwillingReasons.labels(rs.getString("unwilling_reasons")),
              rs.getString("agreement_no"), rs.getBigDecimal("signed_mu"), rs.getBigDecimal("planted_mu"),
              rs.getBigDecimal("subsidy_amount"), rs.getString("crossed_off_by"), rs.getTimestamp("crossed_off_at"),
              payments.get(rs.getLong("id")));
          byVillage.computeIfAbsent(l.village(), v -> new ArrayList<>()).add(l);
        }, code, code);
    return byVillage;
  }

  // ---- sheet 汇总 ----

  private void summary(SXSSFWorkbook wb, Styles s, LedgerReport.Ledger ledger) {
    SXSSFSheet sheet = wb.createSheet(SUMMARY_SHEET);
    LedgerReport.CampaignInfo c = ledger.campaign();
    int[] widths = {16, 10, 10, 10, 10, 11, 10, 10, 10, 10, 10, 13, 13, 13, 13, 14};
    for (int i = 0; i < widths.length; i++) {
      sheet.setColumnWidth(i, widths[i] * 256);
    }
    int r = 0;
    Row title = sheet.createRow(r++);
    title.setHeightInPoints(28);
    text(title, 0, c.name() + " 工作台账", s.title);
    sheet.addMergedRegion(new CellRangeAddress(0, 0, 0, 10));

    Row facts = sheet.createRow(r++);
    text(facts, 0, "乡镇", s.header);
    text(facts, 1, c.town(), s.text);
    text(facts, 2, "季节", s.header);
    text(facts, 3, c.season(), s.text);
    text(facts, 4, "状态", s.header);
    text(facts, 5, CAMPAIGN_STATUS.getOrDefault(c.status(), c.status()), s.text);
    text(facts, 6, "活动编号", s.header);
    text(facts, 7, c.code(), s.text);
    text(facts, 8, "导出时间", s.header);
    text(facts, 9, TIME.format(java.time.LocalDateTime.ofInstant(clock.instant(), zone)), s.text);
    sheet.addMergedRegion(new CellRangeAddress(1, 1, 9, 10));
    Row targets = sheet.createRow(r++);
    text(targets, 0, "目标户数", s.header);
    number(targets, 1, c.targetHouseholds(), s.integer);
    text(targets, 2, "目标面积(亩)", s.header);
    decimal(targets, 3, c.targetMu(), s.decimal);
    text(targets, 4, "每亩补贴(元)", s.header);
    decimal(targets, 5, c.subsidyPerMu(), s.decimal);
    r++;

    // the four lists: 任务 / 目标 / 时限 / 责任, one row per phase
    text(sheet.createRow(r++), 0, "四个清单", s.section);
    Row head = sheet.createRow(r++);
    List<String> listHeaders = List.of("阶段", "任务", "目标", "时限", "责任");
    int[][] spans = {{0, 0}, {1, 3}, {4, 7}, {8, 10}, {11, 15}};
    for (int i = 0; i < listHeaders.size(); i++) {
      text(head, spans[i][0], listHeaders.get(i), s.header);
      fill(head, spans[i][0] + 1, spans[i][1], s.header);
      if (spans[i][1] > spans[i][0]) {
        sheet.addMergedRegion(new CellRangeAddress(head.getRowNum(), head.getRowNum(), spans[i][0], spans[i][1]));
      }
    }
    String responsibility = responsibility(ledger.team());
    String households = c.targetHouseholds() + " 户";
    String mu = plain(c.targetMu()) + " 亩";
    String[][] phases = {
        {"第一阶段", "起好步开好局", "宣传动员，逐户走访 " + households + "，登记意愿和原因", period(c.startDate(),
            c.signAndPlantDate().minusDays(1))},
        {"第二阶段", "签好协议种好水稻", "签订改种协议、种好水稻 " + mu + "（" + households + "）", period(c.signAndPlantDate(),
            c.wrapUpDate().minusDays(1))},
        {"第三阶段", "扫好尾收好关", "补贴拨付到户，" + households + "逐户销号", DATE.format(c.wrapUpDate()) + " 起"}};
    int firstPhaseRow = r;
    for (String[] phase : phases) {
      Row row = sheet.createRow(r++);
      row.setHeightInPoints(Math.max(32, 15 * Math.max(2, ledger.team().size()) / 3f + 6));
      for (int i = 0; i < 4; i++) {
        text(row, spans[i][0], phase[i], s.wrap);
        fill(row, spans[i][0] + 1, spans[i][1], s.wrap);
        if (spans[i][1] > spans[i][0]) {
          sheet.addMergedRegion(new CellRangeAddress(row.getRowNum(), row.getRowNum(), spans[i][0], spans[i][1]));
        }
      }
      text(row, spans[4][0], row.getRowNum() == firstPhaseRow ? responsibility : null, s.wrap);
      fill(row, spans[4][0] + 1, spans[4][1], s.wrap);
    }
    sheet.addMergedRegion(new CellRangeAddress(firstPhaseRow, r - 1, spans[4][0], spans[4][1]));
    r++;

    // the team (人大代表帮帮团)
    text(sheet.createRow(r++), 0, "责任清单（人大代表帮帮团）", s.section);
    Row teamHead = sheet.createRow(r++);
    String[] teamHeaders = {"包保代表", "包村", "", "", "包片", "", "", "户数", "台账面积(亩)"};
    for (int i = 0; i < teamHeaders.length; i++) {
      text(teamHead, i, teamHeaders[i], s.header);
    }
    sheet.addMergedRegion(new CellRangeAddress(teamHead.getRowNum(), teamHead.getRowNum(), 1, 3));
    sheet.addMergedRegion(new CellRangeAddress(teamHead.getRowNum(), teamHead.getRowNum(), 4, 6));
    Map<String, LedgerReport.Totals> byDeputy = new LinkedHashMap<>();
    ledger.deputies().forEach(d -> byDeputy.put(d.key(), d));
    for (LedgerReport.TeamMember m : ledger.team()) {
      Row row = sheet.createRow(r++);
      text(row, 0, m.name(), s.text);
      text(row, 1, String.join("、", m.villages()), s.text);
      fill(row, 2, 3, s.text);
      text(row, 4, String.join("、", m.areas()), s.text);
      fill(row, 5, 6, s.text);
      LedgerReport.Totals d = byDeputy.get(m.deputy());
      number(row, 7, d == null ? 0 : d.households(), s.integer);
      decimal(row, 8, d == null ? BigDecimal.ZERO : d.ledgerMu(), s.decimal);
      sheet.addMergedRegion(new CellRangeAddress(row.getRowNum(), row.getRowNum(), 1, 3));
      sheet.addMergedRegion(new CellRangeAddress(row.getRowNum(), row.getRowNum(), 4, 6));
    }
    r++;

    r = totalsTable(sheet, s, r, "各村汇总", "村", ledger.villages(), ledger.overall());
    r++;
    r = totalsTable(sheet, s, r, "包保代表汇总", "包保代表", ledger.deputies(), ledger.overall());
    // where the batches are checked and paid: the workbook lists each household's payment, the page acts on them
    text(sheet.createRow(r + 1), 0, "补贴批次逐户核对（暂缓发放、调整金额）、一卡通发放表和银行回盘：平台页面 /staff/campaigns/"
        + c.code() + "/subsidy-batches（本镇联络站工作人员、县财政局，任务列表登录）", s.text);
    sheet.getPrintSetup().setLandscape(true);
    sheet.getPrintSetup().setPaperSize(PrintSetup.A4_PAPERSIZE);
    sheet.setFitToPage(true);
    sheet.getPrintSetup().setFitWidth((short) 1);
    sheet.getPrintSetup().setFitHeight((short) 0);
  }

  /** A table of totals with a 合计 row; returns the next free row. */
  private int totalsTable(Sheet sheet, Styles s, int r, String caption, String keyHeader,
      List<LedgerReport.Totals> rows, LedgerReport.Totals overall) {
    text(sheet.createRow(r++), 0, caption, s.section);
    Row head = sheet.createRow(r++);
    text(head, 0, keyHeader, s.header);
    for (int i = 0; i < TOTALS_HEADERS.size(); i++) {
      text(head, i + 1, TOTALS_HEADERS.get(i), s.header);
    }
    for (LedgerReport.Totals t : rows) {
      totalsRow(sheet.createRow(r++), t, t.name(), s, false);
    }
    totalsRow(sheet.createRow(r++), overall, "合计", s, true);
    return r;
  }

  private static void totalsRow(Row row, LedgerReport.Totals t, String name, Styles s, boolean total) {
    CellStyle integer = total ? s.totalInteger : s.integer;
    CellStyle decimal = total ? s.totalDecimal : s.decimal;
    text(row, 0, name, total ? s.totalText : s.text);
    int[] counts = {t.households(), t.visited(), t.willing(), t.signed(), t.planted(), t.subsidised(), t.crossedOff(),
        t.notConverted(), t.unwilling(), t.plots()};
    for (int i = 0; i < counts.length; i++) {
      number(row, i + 1, counts[i], integer);
    }
    decimal(row, 11, t.ledgerMu(), decimal);
    decimal(row, 12, t.targetMu(), decimal);
    decimal(row, 13, t.signedMu(), decimal);
    decimal(row, 14, t.plantedMu(), decimal);
    decimal(row, 15, t.plantedPercent(), total ? s.totalPercent : s.percent);
  }

  static String responsibility(List<LedgerReport.TeamMember> team) {
    List<String> lines = new ArrayList<>();
    for (LedgerReport.TeamMember m : team) {
      List<String> scopes = new ArrayList<>();
      if (!m.villages().isEmpty()) {
        scopes.add("包村：" + String.join("、", m.villages()));
      }
      if (!m.areas().isEmpty()) {
        scopes.add("包片：" + String.join("、", m.areas()));
      }
      lines.add(m.name() + "（" + String.join("；", scopes) + "）");
    }
    return "人大代表帮帮团：\n" + String.join("\n", lines);
  }

  private static String period(LocalDate from, LocalDate to) {
    return DATE.format(from) + " 至 " + DATE.format(to.isBefore(from) ? from : to);
  }

  private static String plain(BigDecimal v) {
    return v == null ? "" : v.stripTrailingZeros().toPlainString();
  }

  // ---- one sheet per village ----

  private void village(SXSSFWorkbook wb, Styles s, String sheetName, String village, List<Line> lines,
      Map<String, String> names) {
    SXSSFSheet sheet = wb.createSheet(sheetName);
    for (int i = 0; i < HOUSEHOLD_WIDTHS.length; i++) {
      sheet.setColumnWidth(i, HOUSEHOLD_WIDTHS[i] * 256);
    }
    Row head = sheet.createRow(0);
    head.setHeightInPoints(20);
    for (int i = 0; i < HOUSEHOLD_HEADERS.size(); i++) {
      text(head, i, HOUSEHOLD_HEADERS.get(i), s.header);
    }
    sheet.createFreezePane(0, 1);
    sheet.setRepeatingRows(CellRangeAddress.valueOf("1:1"));
    int r = 1;
    int plots = 0;
    int visits = 0;
    int signed = 0;
    int crossed = 0;
    BigDecimal mu = BigDecimal.ZERO;
    BigDecimal signedMu = BigDecimal.ZERO;
    BigDecimal plantedMu = BigDecimal.ZERO;
    BigDecimal subsidy = BigDecimal.ZERO;
    BigDecimal paid = BigDecimal.ZERO;
    BigDecimal arrears = BigDecimal.ZERO;
    int paidCount = 0;
    int arrearsCount = 0;
    BigDecimal writtenOff = BigDecimal.ZERO;
    int writtenOffCount = 0;
    for (Line l : lines) {
      Row row = sheet.createRow(r++);
      text(row, 0, l.householdNo(), s.text);
      text(row, 1, l.headName(), s.text);
      text(row, 2, l.area(), s.text);
      text(row, 3, l.deputy() == null ? null : names.getOrDefault(l.deputy(), l.deputy()), s.text);
      number(row, 4, l.plots(), s.integer);
      decimal(row, 5, l.mu(), s.decimal);
      text(row, 6, l.status().label(), s.text);
      number(row, 7, l.visits(), s.integer);
      text(row, 8, l.reasons(), s.text);
      text(row, 9, l.agreementNo(), s.text);
      decimal(row, 10, l.signedMu(), s.decimal);
      decimal(row, 11, l.plantedMu(), s.decimal);
      // the amount of its payment (paid, awaiting its result, or failed): 补贴金额 with its 发放状态
      SubsidyPayments.HouseholdPayment pay = l.payment();
      decimal(row, 12, pay == null ? l.subsidy() : pay.amount(), s.money);
      text(row, 13, l.crossedOffBy() == null ? null : names.getOrDefault(l.crossedOffBy(), l.crossedOffBy()), s.text);
      text(row, 14, l.crossedOffAt() == null ? null : TIME.format(l.crossedOffAt().toInstant().atZone(zone)), s.text);
      text(row, 15, pay == null ? null : pay.statusLabel(), s.text);
      text(row, 16, pay == null || pay.paidOn() == null ? null : pay.paidOn().toString(), s.text);
      text(row, 17, pay == null ? null : pay.voucherNo(), s.text);
      text(row, 18, pay == null ? null : pay.failReason(), s.text);
      if (pay != null && pay.paidOn() != null) {
        paid = paid.add(pay.amount());
        paidCount++;
      } else if (pay != null && pay.failReason() != null) {
        arrears = arrears.add(pay.amount());
        arrearsCount++;
      } else if (pay != null && pay.writtenOff()) {
        writtenOff = writtenOff.add(pay.amount());
        writtenOffCount++;
      }
      plots += l.plots();
      visits += l.visits();
      mu = mu.add(l.mu());
      signedMu = signedMu.add(orZero(l.signedMu()));
      plantedMu = plantedMu.add(orZero(l.plantedMu()));
      subsidy = subsidy.add(orZero(pay == null ? l.subsidy() : pay.amount()));
      if (SIGNED.contains(l.status())) {
        signed++;
      }
      if (l.status() == Household.Status.CROSSED_OFF) {
        crossed++;
      }
    }
    Row total = sheet.createRow(r);
    text(total, 0, "合计", s.totalText);
    text(total, 1, lines.size() + " 户", s.totalText);
    text(total, 2, null, s.totalText);
    text(total, 3, null, s.totalText);
    number(total, 4, plots, s.totalInteger);
    decimal(total, 5, mu, s.totalDecimal);
    text(total, 6, "已销号 " + crossed + " 户", s.totalText);
    number(total, 7, visits, s.totalInteger);
    text(total, 8, null, s.totalText);
    text(total, 9, "已签约 " + signed + " 户", s.totalText);
    decimal(total, 10, signedMu, s.totalDecimal);
    decimal(total, 11, plantedMu, s.totalDecimal);
    decimal(total, 12, subsidy, s.totalMoney);
    text(total, 13, null, s.totalText);
    text(total, 14, null, s.totalText);
    text(total, 15, "已发放 " + paidCount + " 户", s.totalText);
    text(total, 16, SubsidyPayments.money(paid) + " 元", s.totalText);
    text(total, 17, "欠发 " + arrearsCount + " 户" + (writtenOffCount == 0 ? "" : "；不予发放 " + writtenOffCount + " 户"),
        s.totalText);
    text(total, 18, SubsidyPayments.money(arrears) + " 元" + (writtenOffCount == 0 ? ""
        : "；不予发放 " + SubsidyPayments.money(writtenOff) + " 元"), s.totalText);
    sheet.setAutoFilter(new CellRangeAddress(0, Math.max(0, r - 1), 0, HOUSEHOLD_HEADERS.size() - 1));
    sheet.getPrintSetup().setLandscape(true);
    sheet.getPrintSetup().setPaperSize(PrintSetup.A4_PAPERSIZE);
    sheet.setFitToPage(true);
    sheet.getPrintSetup().setFitWidth((short) 1);
    sheet.getPrintSetup().setFitHeight((short) 0);
    sheet.getHeader().setCenter(village + " 工作台账");
  }

  private static BigDecimal orZero(BigDecimal v) {
    return v == null ? BigDecimal.ZERO : v;
  }

  // ---- cells and styles ----

  private static void text(Row row, int column, String value, CellStyle style) {
    Cell cell = row.createCell(column);
    if (value != null) {
      cell.setCellValue(value);
    }
    cell.setCellStyle(style);
  }

  private static void fill(Row row, int from, int to, CellStyle style) {
    for (int i = from; i <= to; i++) {
      row.createCell(i).setCellStyle(style);
    }
  }

  private static void number(Row row, int column, int value, CellStyle style) {
    Cell cell = row.createCell(column);
    cell.setCellValue(value);
    cell.setCellStyle(style);
  }

  private static void decimal(Row row, int column, BigDecimal value, CellStyle style) {
    Cell cell = row.createCell(column);
    if (value != null) {
      cell.setCellValue(value.doubleValue());
    }
    cell.setCellStyle(style);
  }

  /** The few styles of the ledger: Song typeface, thin borders, bold grey header, bold totals. */
  static final class Styles {
    final CellStyle title;
    final CellStyle section;
    final CellStyle header;
    final CellStyle text;
    final CellStyle wrap;
    final CellStyle integer;
    final CellStyle decimal;
    final CellStyle money;
    final CellStyle percent;
    final CellStyle totalText;
    final CellStyle totalInteger;
    final CellStyle totalDecimal;
    final CellStyle totalMoney;
    final CellStyle totalPercent;

    Styles(SXSSFWorkbook wb) {
      Font plain = font(wb, false, 11);
      Font bold = font(wb, true, 11);
      short twoDecimals = wb.createDataFormat().getFormat("0.00");
      short oneDecimal = wb.createDataFormat().getFormat("0.0");
      short money = wb.createDataFormat().getFormat("#,##0.00");
      title = wb.createCellStyle();
      title.setFont(font(wb, true, 16));
      title.setAlignment(HorizontalAlignment.CENTER);
      title.setVerticalAlignment(VerticalAlignment.CENTER);
      section = wb.createCellStyle();
      section.setFont(font(wb, true, 12));
      header = bordered(wb, bold);
      header.setAlignment(HorizontalAlignment.CENTER);
      header.setWrapText(true);
      header.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
      header.setFillPattern(FillPatternType.SOLID_FOREGROUND);
      text = bordered(wb, plain);
      wrap = bordered(wb, plain);
      wrap.setWrapText(true);
      wrap.setVerticalAlignment(VerticalAlignment.CENTER);
      integer = bordered(wb, plain);
      decimal = bordered(wb, plain);
      decimal.setDataFormat(twoDecimals);
      this.money = bordered(wb, plain);
      this.money.setDataFormat(money);
      percent = bordered(wb, plain);
      percent.setDataFormat(oneDecimal);
      totalText = bordered(wb, bold);
      totalInteger = bordered(wb, bold);
      totalDecimal = bordered(wb, bold);
      totalDecimal.setDataFormat(twoDecimals);
      totalMoney = bordered(wb, bold);
      totalMoney.setDataFormat(money);
      totalPercent = bordered(wb, bold);
      totalPercent.setDataFormat(oneDecimal);
    }

    private static Font font(SXSSFWorkbook wb, boolean bold, int points) {
      Font f = wb.createFont();
      f.setFontName("宋体");
      f.setFontHeightInPoints((short) points);
      f.setBold(bold);
      return f;
    }

    private static CellStyle bordered(SXSSFWorkbook wb, Font font) {
      CellStyle style = wb.createCellStyle();
      style.setFont(font);
      style.setBorderTop(BorderStyle.THIN);
      style.setBorderBottom(BorderStyle.THIN);
      style.setBorderLeft(BorderStyle.THIN);
      style.setBorderRight(BorderStyle.THIN);
      style.setVerticalAlignment(VerticalAlignment.CENTER);
      return style;
    }
  }
}
