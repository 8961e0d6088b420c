package cn.liaison.platform.campaign.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.liaison.platform.PlatformTest;
import cn.liaison.platform.campaign.Household;
import cn.liaison.platform.campaign.Households;
import cn.liaison.platform.system.ConflictException;
import cn.liaison.platform.system.InvalidInputException;
import cn.liaison.platform.system.NotFoundException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Import of the work ledger (工作台账): formats, encodings, headers, row checks, upserts, limits. */
@PlatformTest
class LedgerImportTests {

  static final AtomicInteger SEQ = new AtomicInteger();
  static final String EN_HEADER = "household_id,head_name,village,area,phone,plot_no,plot_mu,terrain,current_crop";
  static final String ZH_HEADER = "户编号,户主,村,片区,电话,地块编号,面积(亩),地形,现种作物";

  @Autowired LedgerImport ledgerImport;
  @Autowired Households households;
  @Autowired JdbcTemplate jdbc;

  String code;

  @BeforeEach
  void campaign() {
    code = "ledger-import-" + SEQ.incrementAndGet() + "-" + Long.toString(System.nanoTime(), 36);
    createCampaign(jdbc, code, "DRAFT");
  }

  /**
   * A campaign in 路寨镇: deputy1 包村 东村 and 西村, deputy2 包村 南村 and 包片 一片 (so a household of 北村 in
   * 一片 is deputy2's, one of 北村 without an area has nobody).
   */
  static void createCampaign(JdbcTemplate jdbc, String code, String status) {
    jdbc.update("INSERT INTO campaign (code, name, town, season, start_date, sign_plant_date, wrap_up_date, "
        + "target_households, target_mu, subsidy_per_mu, status, created_by, created_at) "
        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", code, "路寨镇2027年水稻改种", "路寨镇", "2027年夏季",
        Date.valueOf(LocalDate.of(2027, 4, 1)), Date.valueOf(LocalDate.of(2027, 4, 15)),
        Date.valueOf(LocalDate.of(2027, 6, 30)), 10, new BigDecimal("50.00"), new BigDecimal("300.00"), status,
        "staff1", Timestamp.from(Instant.now()));
    String team = "INSERT INTO campaign_team (campaign_code, scope_kind, scope_name, deputy_user_id) VALUES (?, ?, ?, ?)";
    jdbc.update(team, code, "VILLAGE", "东村", "deputy1");
    jdbc.update(team, code, "VILLAGE", "西村", "deputy1");
    jdbc.update(team, code, "VILLAGE", "南村", "deputy2");
    jdbc.update(team, code, "AREA", "一片", "deputy2");
  }

  LedgerImport.Summary importCsv(String text) {
    return ledgerImport.importLedger(code, "台账.csv", "text/csv", text.getBytes(StandardCharsets.UTF_8));
  }

  int householdCount() {
    return jdbc.queryForObject("SELECT COUNT(*) FROM household WHERE campaign_code = ?", Integer.class, code);
  }

  int plotCount() {
    return jdbc.queryForObject("SELECT COUNT(*) FROM plot p JOIN household h ON h.id = p.household_id "
        + "WHERE h.campaign_code = ?", Integer.class, code);
  }

  static Map<String, String> errorsOf(Runnable r) {
    try {
      r.run();
    } catch (InvalidInputException e) {
      return e.errors();
    }
    throw new AssertionError("expected InvalidInputException");
  }

  @Test
  void goodCsvWithBomQuotesAndAreaDeputies() {
    String csv = "\uFEFF" + EN_HEADER + "\r\n"
        + "LZ-001,王建国,东村,,13812345678,D1,2.5,NORMAL,小麦\r\n"
        + "LZ-001,王建国,东村,,13812345678,D2,1.25,HIGH_GROUND,\"玉米,大豆\"\r\n"
        + "\r\n"
        + "LZ-002,李秀兰,北村,一片,0373-5551234,D1,3,SANDY,\r\n"
        + "LZ-003,赵  四,南村,二片,,\"D1\",0.5,地势高,\"花生 \"\"白沙\"\"\"\r\n";
    LedgerImport.Summary s = importCsv(csv);

    assertThat(s.rows()).isEqualTo(4);
    assertThat(s.households()).isEqualTo(3);
    assertThat(s.householdsCreated()).isEqualTo(3);
    assertThat(s.plotsCreated()).isEqualTo(4);
    assertThat(s.format()).isEqualTo("CSV");
    assertThat(s.encoding()).isEqualTo("UTF-8");

    Household wang = households.find(code, "LZ-001").orElseThrow();
    assertThat(wang.headName()).isEqualTo("王建国");
    assertThat(wang.responsibleDeputy()).isEqualTo("deputy1");
    assertThat(wang.area()).isNull();
    assertThat(wang.phone()).isEqualTo("13812345678");
    assertThat(wang.status()).isEqualTo(Household.Status.PENDING);
    assertThat(wang.plots()).extracting(Household.Plot::plotNo).containsExactly("D1", "D2");
    assertThat(wang.plots().get(1).currentCrop()).isEqualTo("玉米,大豆");
    assertThat(wang.plots().get(1).terrain()).isEqualTo(Household.Terrain.HIGH_GROUND);
    assertThat(wang.totalMu()).isEqualByComparingTo("3.75");

    Household li = households.find(code, "LZ-002").orElseThrow();
    assertThat(li.responsibleDeputy()).as("北村 is nobody's village, 一片 is deputy2's area").isEqualTo("deputy2");
    assertThat(li.phone()).isEqualTo("0373-5551234");
    assertThat(li.plots().get(0).terrain()).isEqualTo(Household.Terrain.SANDY);

    Household zhao = households.find(code, "LZ-003").orElseThrow();
    assertThat(zhao.responsibleDeputy()).as("village deputy (包村) before area deputy").isEqualTo("deputy2");
    assertThat(zhao.plots().get(0).currentCrop()).isEqualTo("花生 \"白沙\"");
    assertThat(zhao.plots().get(0).terrain()).isEqualTo(Household.Terrain.HIGH_GROUND);
  }

  @Test
  void goodXlsxWithTitleRowChineseHeadersInAnotherOrderAndNumericCells() throws IOException {
    byte[] xlsx;
    try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      Sheet sheet = wb.createSheet("台账");
      wb.createSheet("说明").createRow(0).createCell(0).setCellValue("第二个工作表不读");
      sheet.createRow(0).createCell(0).setCellValue("路寨镇水稻改种工作台账");
      String[] header = {"村", "户主", "户编号", "地块编号", "面积（亩）", "地形", "电话", "片区", "现种作物", "备注"};
      Row h = sheet.createRow(1);
      for (int i = 0; i < header.length; i++) {
        h.createCell(i).setCellValue(header[i]);
      }
      CellStyle oneDecimal = wb.createCellStyle();
      oneDecimal.setDataFormat(wb.createDataFormat().getFormat("0.0"));
      Object[][] rows = {
          {"西村", "张三", 1001, "A-1", 1.25, "一般", 13912345678L, "", "小麦", "路边"},
          {"西村", "张三", 1001, "A-2", 2, "沙土地", 13912345678L, "", "", ""},
          {"南村", "刘五", "1002", "B-1", 4.5, "地势高", "", "二片", "玉米", ""}};
      for (int r = 0; r < rows.length; r++) {
        Row row = sheet.createRow(r + 2);
        for (int c = 0; c < rows[r].length; c++) {
          Object v = rows[r][c];
          if (v instanceof Number n) {
            row.createCell(c).setCellValue(n.doubleValue());
            if (c == 4) {
              row.getCell(c).setCellStyle(oneDecimal); // shows 1.3, is 1.25
            }
          } else if (!"".equals(v)) {
            row.createCell(c).setCellValue((String) v);
          }
        }
      }
      wb.write(out);
      xlsx = out.toByteArray();
    }

    LedgerImport.Summary s = ledgerImport.importLedger(code, "台账.xlsx", "application/octet-stream", xlsx);
    assertThat(s.format()).isEqualTo("XLSX");
    assertThat(s.rows()).isEqualTo(3);
    assertThat(s.householdsCreated()).isEqualTo(2);
    assertThat(s.plotsCreated()).isEqualTo(3);

    Household zhang = households.find(code, "1001").orElseThrow();
    assertThat(zhang.phone()).isEqualTo("13912345678");
    assertThat(zhang.village()).isEqualTo("西村");
    assertThat(zhang.responsibleDeputy()).isEqualTo("deputy1");
    assertThat(zhang.plots()).extracting(p -> p.areaMu().toPlainString()).containsExactly("1.25", "2.00");
    assertThat(zhang.plots().get(1).terrain()).isEqualTo(Household.Terrain.SANDY);
    Household liu = households.find(code, "1002").orElseThrow();
    assertThat(liu.area()).isEqualTo("二片");
    assertThat(liu.phone()).isNull();
    assertThat(liu.plots().get(0).terrain()).isEqualTo(Household.Terrain.HIGH_GROUND);

    // errors of an .xlsx name Excel's row numbers and the file's own header text
    byte[] bad;
    try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      Sheet sheet = wb.createSheet();
      String[] header = {"户编号", "户主", "村", "地块编号", "面积（亩）", "地形"};
      Row h = sheet.createRow(0);
      for (int i = 0; i < header.length; i++) {
        h.createCell(i).setCellValue(header[i]);
      }
      Row row = sheet.createRow(3); // Excel row 4, rows 2 and 3 empty
      String[] cells = {"2001", "孙六", "东村", "C-1", "-1", "一般"};
      for (int i = 0; i < cells.length; i++) {
        row.createCell(i).setCellValue(cells[i]);
      }
      wb.write(out);
      bad = out.toByteArray();
    }
    assertThat(errorsOf(() -> ledgerImport.importLedger(code, "bad.xlsx", null, bad)))
        .containsOnlyKeys("第4行 面积（亩）");
  }

  @Test
  void chineseHeadersWithFullWidthParenthesesAndPlainArea() {
    LedgerImport.Summary s = importCsv("户编号,户主,村,片区,电话,地块编号,面积（亩）,地形,现种作物\n"
        + "H1,周一,东村,一片,13700000001,1,1.5,一般,小麦\n"
        + "H1,周一,东村,一片,13700000001,2,2.5,沙土地,\n");
    assertThat(s.plotsCreated()).isEqualTo(2);
    assertThat(households.find(code, "H1").orElseThrow().totalMu()).isEqualByComparingTo("4.0");

    s = importCsv("户编号,户主,村,地块编号,面积,地形\nH2,吴二,西村,1,0.75,NORMAL\n");
    assertThat(s.householdsCreated()).isEqualTo(1);
    assertThat(households.find(code, "H2").orElseThrow().totalMu()).isEqualByComparingTo("0.75");
  }

  @Test
  void gbkCsvFromExcelOnChineseWindows() {
    String csv = ZH_HEADER + "\r\nGB-1,郑国强,东村,,13600000000,甲1,2.2,地势高,水稻\r\n"
        + "GB-2,冯淑芬,南村,二片,,乙1,1,一般,\r\n";
    byte[] gbk = csv.getBytes(Charset.forName("GBK"));
    LedgerImport.Summary s = ledgerImport.importLedger(code, "台账.csv", "application/vnd.ms-excel", gbk);
    assertThat(s.encoding()).isEqualTo("GBK");
    assertThat(s.householdsCreated()).isEqualTo(2);
    Household zheng = households.find(code, "GB-1").orElseThrow();
    assertThat(zheng.headName()).isEqualTo("郑国强");
    assertThat(zheng.plots().get(0).plotNo()).isEqualTo("甲1");
    assertThat(zheng.plots().get(0).terrain()).isEqualTo(Household.Terrain.HIGH_GROUND);
    assertThat(households.find(code, "GB-2").orElseThrow().headName()).isEqualTo("冯淑芬");
  }

  @Test
  void badRowsRejectTheWholeFileAndNameLineAndColumn() {
    String csv = ZH_HEADER + "\n"
        + "OK-1,好人,东村,,13800000000,1,1,一般,\n"                      // 2: fine
        + "E-3,钱三,东村,,,1,abc,一般,\n"                                // 3: 面积 not a number
        + "E-4,钱四,东村,,,1,0,一般,\n"                                  // 4: 面积 0
        + "E-5,钱五,东村,,12345,1,1,一般,\n"                             // 5: phone
        + "E-6,钱六,东村,,,1,1,一般,\n"
        + "E-6,钱六,东村,,,1,2,一般,\n"                                  // 7: plot 1 again for E-6
        + "E-8,钱八,东村,,,1,1,山地,\n"                                  // 8: terrain
        + "E-6,钱六六,东村,,,2,1,一般,\n"                                // 9: head name differs from line 6
        + ",钱十,东村,,,1,1,一般,\n"                                     // 10: household id missing
        + "E-11,钱十一,东村,,,1,1.234,一般,\n"                           // 11: three decimals
        + "E-12," + "长".repeat(51) + ",东村,,,1,1,一般,\n"              // 12: head name too long
        + "E-13,钱十三,北村,,,1,1,一般,\n"                               // 13: nobody answers for 北村 without area
        + "E-14,钱十四,东村,,,1,1001,一般,\n"                            // 14: over 1000 亩
        + "E-15,钱十五,,,,1,1,一般,\n";                                  // 15: village missing
    Map<String, String> errors = errorsOf(() -> importCsv(csv));
    assertThat(errors).containsOnlyKeys("第3行 面积(亩)", "第4行 面积(亩)", "第5行 电话", "第7行 地块编号", "第8行 地形",
        "第9行 户主", "第10行 户编号", "第11行 面积(亩)", "第12行 户主", "第13行 村", "第14行 面积(亩)", "第15行 村");
    assertThat(errors.get("第3行 面积(亩)")).contains("数字");
    assertThat(errors.get("第5行 电话")).contains("手机号");
    assertThat(errors.get("第7行 地块编号")).contains("第6行");
    assertThat(errors.get("第8行 地形")).contains("山地");
    assertThat(errors.get("第9行 户主")).contains("第6行");
    assertThat(errors.get("第11行 面积(亩)")).contains("两位小数");
    assertThat(errors.get("第12行 户主")).contains("50");
    assertThat(errors.get("第13行 村")).startsWith("村/片区未分配包保代表");
    assertThat(householdCount()).as("nothing imported, not even line 2").isZero();

    // English headers: the errors name the columns as this file does
    Map<String, String> english = errorsOf(() -> importCsv(EN_HEADER + "\nX,某,东村,,,1,-2,NORMAL,\nY,某,东村,,,1,1,ROCK,\n"));
    assertThat(english).containsOnlyKeys("第2行 plot_mu", "第3行 terrain");
    assertThat(householdCount()).isZero();
  }

  @Test
  void missingHeadersEmptyFilesAndUnreadableFiles() {
    Map<String, String> missing = errorsOf(() -> importCsv("户编号,户主,片区,地块编号\nA,B,C,D\n"));
    assertThat(missing).containsOnlyKeys("第1行 村", "第1行 面积(亩)", "第1行 地形");
    assertThat(missing.get("第1行 村")).contains("村（village）");

    assertThat(errorsOf(() -> importCsv(""))).containsOnlyKeys("file");
    assertThat(errorsOf(() -> importCsv("\uFEFF\r\n \r\n"))).containsOnlyKeys("file");
    assertThat(errorsOf(() -> importCsv(ZH_HEADER + "\n"))).containsEntry("file", "文件只有表头，没有农户地块数据");
    assertThat(errorsOf(() -> ledgerImport.importLedger(code, "x.xlsx", null, "not a zip".getBytes())))
        .containsOnlyKeys("file");
    assertThat(errorsOf(() -> ledgerImport.importLedger(code, "x.xlsx", null,
        new byte[] {'P', 'K', 3, 4, 0, 0, 0, 0}))).containsOnlyKeys("file");
    byte[] ole2 = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1, 0};
    assertThat(errorsOf(() -> ledgerImport.importLedger(code, "旧版.xls", null, ole2)).get("file")).contains(".xls");
    assertThat(errorsOf(() -> importCsv(ZH_HEADER + "\nA,\"B,东村,,,1,1,一般,\n"))).containsKey("第2行");
    assertThat(householdCount()).isZero();
  }

  @Test
  void reimportUpdatesInsteadOfDoublingAndKeepsTheDeputyOfStartedHouseholds() {
    importCsv(EN_HEADER + "\n"
        + "R1,陈一,东村,,,1,1,NORMAL,\n"
        + "R1,陈一,东村,,,2,2,NORMAL,\n"
        + "R2,陈二,西村,,,1,1,NORMAL,\n"
        + "R3,陈三,东村,,,1,1,NORMAL,\n");
    assertThat(householdCount()).isEqualTo(3);
    assertThat(plotCount()).isEqualTo(4);
    // R2's sign-off has started: a new village does not take it from its deputy
    jdbc.update("UPDATE household SET process_instance_id = 'pi-R2', status = 'VISITING' WHERE campaign_code = ? "
        + "AND household_no = 'R2'", code);

    LedgerImport.Summary s = importCsv(EN_HEADER + "\n"
        + "R1,陈一一,东村,,13511112222,1,1.5,HIGH_GROUND,水稻\n" // head name, phone; plot 1 changed
        + "R1,陈一一,东村,,13511112222,3,0.5,NORMAL,\n"         // plot 3 new; plot 2 stays (never deleted)
        + "R2,陈二,南村,,,1,1,NORMAL,\n"                        // moved to 南村 (deputy2) but started
        + "R3,陈三,南村,,,1,1,NORMAL,\n"                        // moved to 南村, not started: deputy2
        + "R4,陈四,西村,,,1,1,NORMAL,\n");                      // new
    assertThat(s.householdsCreated()).isEqualTo(1);
    assertThat(s.householdsUpdated()).isEqualTo(3);
    assertThat(s.householdsUnchanged()).isZero();
    assertThat(s.plotsCreated()).isEqualTo(2);
    assertThat(s.plotsUpdated()).isEqualTo(1);
    assertThat(s.plotsUnchanged()).isEqualTo(2);
    assertThat(householdCount()).isEqualTo(4);
    assertThat(plotCount()).isEqualTo(6);

    Household r1 = households.find(code, "R1").orElseThrow();
    assertThat(r1.headName()).isEqualTo("陈一一");
    assertThat(r1.phone()).isEqualTo("13511112222");
    assertThat(r1.plots()).extracting(Household.Plot::plotNo).containsExactly("1", "2", "3");
    assertThat(r1.plots().get(0).areaMu()).isEqualByComparingTo("1.5");
    assertThat(r1.plots().get(0).terrain()).isEqualTo(Household.Terrain.HIGH_GROUND);
    assertThat(r1.plots().get(0).currentCrop()).isEqualTo("水稻");
    Household r2 = households.find(code, "R2").orElseThrow();
    assertThat(r2.village()).isEqualTo("南村");
    assertThat(r2.responsibleDeputy()).isEqualTo("deputy1");
    assertThat(r2.status()).isEqualTo(Household.Status.VISITING);
    assertThat(households.find(code, "R3").orElseThrow().responsibleDeputy()).isEqualTo("deputy2");

    // the same file again changes nothing
    LedgerImport.Summary again = importCsv(EN_HEADER + "\nR4,陈四,西村,,,1,1,NORMAL,\n");
    assertThat(again.householdsUnchanged()).isEqualTo(1);
    assertThat(again.plotsUnchanged()).isEqualTo(1);
    assertThat(again.householdsUpdated() + again.householdsCreated() + again.plotsCreated() + again.plotsUpdated())
        .isZero();
  }

  @Test
  void unmappedVillageIsRefused() {
    Map<String, String> errors = errorsOf(() -> importCsv(ZH_HEADER + "\nU1,孔一,北村,三片,,1,1,一般,\n"
        + "U1,孔一,北村,三片,,2,1,一般,\n"));
    assertThat(errors).containsOnlyKeys("第2行 村");
    assertThat(errors.get("第2行 村")).startsWith("村/片区未分配包保代表").contains("北村", "三片");
    assertThat(householdCount()).isZero();
  }

  @Test
  void moreThanTwentyThousandRowsAreRefused() {
    StringBuilder csv = new StringBuilder(EN_HEADER).append('\n');
    for (int i = 0; i <= LedgerImport.MAX_ROWS; i++) {
      csv.append("BIG-").append(i / 2).append(",某,东村,,,").append(i % 2).append(",1,NORMAL,\n");
    }
    Map<String, String> errors = errorsOf(() -> importCsv(csv.toString()));
    assertThat(errors).containsOnlyKeys("file");
    assertThat(errors.get("file")).contains("20000");
    assertThat(householdCount()).isZero();
  }

  @Test
  void manyBadRowsAreListedUpToALimit() {
    StringBuilder csv = new StringBuilder(EN_HEADER).append('\n');
    for (int i = 0; i < 500; i++) {
      csv.append("M-").append(i).append(",某,东村,,,1,x,NORMAL,\n");
    }
    Map<String, String> errors = errorsOf(() -> importCsv(csv.toString()));
    assertThat(errors).hasSize(LedgerImport.MAX_ERRORS + 1).containsKey("更多错误");
    assertThat(errors.get("更多错误")).contains("300");
  }

  @Test
  void villageSheetNamesFollowExcelRules() {
    java.util.Set<String> taken = new java.util.HashSet<>(java.util.Set.of("汇总", "history"));
    assertThat(LedgerWorkbook.sheetName("东村", taken)).isEqualTo("东村");
    assertThat(LedgerWorkbook.sheetName("东村", taken)).isEqualTo("东村(2)");
    assertThat(LedgerWorkbook.sheetName("汇总", taken)).isEqualTo("汇总(2)");
    assertThat(LedgerWorkbook.sheetName("History", taken)).isEqualTo("History(2)");
    assertThat(LedgerWorkbook.sheetName("一/二[三]:四*五?六\\七", taken)).isEqualTo("一_二_三__四_五_六_七");
    String longName = "很".repeat(40);
    assertThat(LedgerWorkbook.sheetName(longName, taken)).isEqualTo("很".repeat(31));
    assertThat(LedgerWorkbook.sheetName(longName, taken)).isEqualTo("很".repeat(28) + "(2)");
    assertThat(LedgerWorkbook.sheetName("'老村'", taken)).isEqualTo("老村");
  }

  @Test
  void duringWrapUpNewHouseholdsAreRefusedAndKnownOnesStillCorrected() {
    importCsv(EN_HEADER + "\nW1,魏一,东村,,,1,1,NORMAL,\n");
    jdbc.update("UPDATE campaign SET status = 'WRAP_UP' WHERE code = ?", code);

    assertThatThrownBy(() -> importCsv(EN_HEADER + "\nW1,魏一,东村,,13511112222,1,1,NORMAL,\n"
        + "W2,魏二,东村,,,1,1,NORMAL,\n"))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("扫尾阶段").hasMessageContaining("不能再新增农户").hasMessageContaining("1 户不在台账中（W2）");
    assertThat(householdCount()).isEqualTo(1);
    assertThat(households.find(code, "W1").orElseThrow().phone()).isNull();

    LedgerImport.Summary s = importCsv(EN_HEADER + "\nW1,魏一,东村,,13511112222,1,1,NORMAL,\n");
    assertThat(s.householdsUpdated()).isEqualTo(1);
    assertThat(households.find(code, "W1").orElseThrow().phone()).isEqualTo("13511112222");
  }

  @Test
  void endedAndUnknownCampaigns() {
    String ended = code + "-ended";
    createCampaign(jdbc, ended, "ENDED");
    assertThatThrownBy(() -> ledgerImport.importLedger(ended, "a.csv", "text/csv",
        (EN_HEADER + "\nA,B,东村,,,1,1,NORMAL,\n").getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(ConflictException.class);
    assertThatThrownBy(() -> ledgerImport.importLedger("no-such-campaign", "a.csv", "text/csv",
        (EN_HEADER + "\nA,B,东村,,,1,1,NORMAL,\n").getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(NotFoundException.class);
  }

  // ---- 一卡通 accounts ----

  static final String ACCOUNT_HEADER = "户编号,户主,村,地块编号,面积(亩),地形,一卡通账号,开户人,开户银行";

  @Autowired org.springframework.context.ApplicationContext context;
  @Autowired cn.liaison.platform.campaign.SubsidyPayments payments;

  @Test
  void theLedgersYiKaTongAccountsAreWhatThePaymentWorkbookPaysIntoAndAChangeIsAuditedWithoutTheAccount()
      throws IOException {
    LedgerImport.Summary first = importCsv(ACCOUNT_HEADER + "\n"
        + "H1,张三,东村,A-01,2,一般,6217991234567890123,张三,中原银行\n"
        + "H2,李四,东村,B-01,1,一般,,,\n");
    assertThat(first.accountsCreated()).isEqualTo(1);
    assertThat(importCsv(ACCOUNT_HEADER + "\nH1,张三,东村,A-01,2,一般,6217991234567890123,张三,中原银行\n")
        .accountsUnchanged()).isEqualTo(1);

    // the card was re-issued in the name of the head's wife: the re-import updates it
    LedgerImport.Summary changed = importCsv(ACCOUNT_HEADER + "\n"
        + "H1,张三,东村,A-01,2,一般,6217991234567890999,王秀英,农村信用社\n");
    assertThat(changed.accountsChanged()).isEqualTo(1);
    assertThat(jdbc.queryForList("SELECT summary FROM audit_event WHERE action = 'PAYMENT_ACCOUNT_CORRECTED' "
        + "AND subject_ref LIKE ?", String.class, "%" + code + "%")).singleElement().asString().contains("已修改");
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_event WHERE subject_ref LIKE ? AND (summary LIKE "
        + "'%6217%' OR detail LIKE '%6217%' OR summary LIKE '%王秀英%' OR detail LIKE '%王秀英%')", Integer.class,
        "%" + code + "%")).isZero();

    var fixtures = new cn.liaison.platform.campaign.SubsidyBatchFixtures(context);
    long batch = fixtures.inReview(code, Map.of("H1", new BigDecimal("2"), "H2", new BigDecimal("1")));
    fixtures.sent(batch);
    try (var workbook = new XSSFWorkbook(new java.io.ByteArrayInputStream(payments.paymentWorkbook(code, batch)))) {
      StringBuilder cells = new StringBuilder();
      workbook.getSheetAt(0).forEach(row -> row.forEach(cell -> cells.append(cell.toString()).append('|')));
      assertThat(cells.toString()).contains("王秀英|6217991234567890999|农村信用社").doesNotContain("6217991234567890123");
    }
  }

  @Test
  void aBadAccountRefusesTheWholeFile() {
    Map<String, String> errors = errorsOf(() -> importCsv(ACCOUNT_HEADER + "\n"
        + "H1,张三,东村,A-01,2,一般,6217991234567890123,张三,\n"
        + "H2,李四,东村,B-01,1,一般,6217-9912,李四,\n"));
    assertThat(errors).containsOnlyKeys("第3行 一卡通账号");
    assertThat(householdCount()).isZero();
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM payment_account a JOIN household h ON h.id = a.household_id "
        + "WHERE h.campaign_code = ?", Integer.class, code)).isZero();
  }
}
