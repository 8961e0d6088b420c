package cn.liaison.platform.campaign.web;

import static org.assertj.core.api.Assertions.assertThat;

import cn.liaison.platform.PlatformTest;
import cn.liaison.platform.campaign.CampaignProcess.UnwillingReason;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.LinkedMultiValueMap;

/** The ledger API as station staff use it: import a file, read the figures, download the Excel ledger. */
@PlatformTest
class LedgerApiTests {

  static final AtomicInteger SEQ = new AtomicInteger();
  static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};

  @Autowired TestRestTemplate http;
  @Autowired JdbcTemplate jdbc;

  String code;

  @BeforeEach
  void campaign() {
    code = "ledger-api-" + SEQ.incrementAndGet() + "-" + Long.toString(System.nanoTime(), 36);
    jdbc.update("INSERT INTO campaign (code, name, town, season, start_date, sign_plant_date, wrap_up_date, "
        + "target_households, target_mu, subsidy_per_mu, status, created_by, created_at) "
        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", code, "路寨镇2027年水稻改种", "路寨镇", "2027年夏季",
        Date.valueOf(LocalDate.of(2027, 4, 1)), Date.valueOf(LocalDate.of(2027, 4, 15)),
        Date.valueOf(LocalDate.of(2027, 6, 30)), 8, new BigDecimal("40.00"), new BigDecimal("300.00"), "DRAFT",
        "staff3", Timestamp.from(Instant.now()));
    String team = "INSERT INTO campaign_team (campaign_code, scope_kind, scope_name, deputy_user_id) VALUES (?, ?, ?, ?)";
    jdbc.update(team, code, "VILLAGE", "东村", "deputy1");
    jdbc.update(team, code, "VILLAGE", "西村", "deputy1");
    jdbc.update(team, code, "AREA", "一片", "deputy2");
  }

  static final String LEDGER = "户编号,户主,村,片区,电话,地块编号,面积(亩),地形,现种作物\n"
      + "D-01,王一,东村,一片,13800000001,1,2,一般,小麦\n"
      + "D-01,王一,东村,一片,13800000001,2,1.5,地势高,\n"
      + "D-02,王二,东村,一片,,1,3,一般,\n"
      + "D-03,王三,东村,,,1,2.25,沙土地,\n"
      + "X-01,李一,西村,,,1,4,一般,\n"
      + "X-02,李二,西村,,,1,1,一般,\n"
      + "X-02,李二,西村,,,2,1,一般,\n"
      + "N-01,赵一,北村,一片,,1,5,一般,\n";

  ResponseEntity<Map<String, Object>> upload(String user, String campaign, String fileName, byte[] content) {
    HttpHeaders partHeaders = new HttpHeaders();
    partHeaders.setContentType(MediaType.parseMediaType("text/csv"));
    var form = new LinkedMultiValueMap<String, Object>();
    form.add("file", new HttpEntity<>(new ByteArrayResource(content) {
      @Override
      public String getFilename() {
        return fileName;
      }
    }, partHeaders));
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    headers.set("X-Requested-With", "XMLHttpRequest"); // a script's upload says it is no cross-site form
    TestRestTemplate client = user == null ? http : http.withBasicAuth(user, user);
    return client.exchange("/api/campaigns/" + campaign + "/households", HttpMethod.POST,
        new HttpEntity<>(form, headers), JSON);
  }

  Map<String, Object> ledger() {
    ResponseEntity<Map<String, Object>> r = http.withBasicAuth("staff3", "staff3")
        .exchange("/api/campaigns/" + code + "/ledger", HttpMethod.GET, null, JSON);
    assertThat(r.getStatusCode()).isEqualTo(HttpStatus.OK);
    return r.getBody();
  }

  void progress(String no, String status, int visits, String reasons, String signedMu, String plantedMu) {
    jdbc.update("UPDATE household SET status = ?, visit_count = ?, unwilling_reasons = ?, signed_mu = ?, "
        + "planted_mu = ?, agreement_no = ?, crossed_off_by = ?, crossed_off_at = ? WHERE campaign_code = ? "
        + "AND household_no = ?", status, visits, reasons, signedMu == null ? null : new BigDecimal(signedMu),
        plantedMu == null ? null : new BigDecimal(plantedMu), signedMu == null ? null : "XY-" + no,
        "CROSSED_OFF".equals(status) ? "deputy1" : null,
        "CROSSED_OFF".equals(status) ? Timestamp.from(Instant.parse("2027-07-01T02:30:00Z")) : null, code, no);
  }

  /** household.unwilling_reasons as the sign-off stores it: the codes, comma-separated. */
  static String reasons(UnwillingReason... reasons) {
    return Arrays.stream(reasons).map(Enum::name).collect(Collectors.joining(","));
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> find(Object list, String key) {
    return ((List<Map<String, Object>>) list).stream().filter(m -> key.equals(m.get("key"))).findFirst()
        .orElseThrow(() -> new AssertionError("no totals for " + key + " in " + list));
  }

  static BigDecimal dec(Object v) {
    return new BigDecimal(v.toString());
  }

  @Test
  @SuppressWarnings("unchecked")
  void staffImportReadTheFiguresAndDownloadTheWorkbook() throws IOException {
    ResponseEntity<Map<String, Object>> imported = upload("staff3", code, "路寨镇台账.csv",
        LEDGER.getBytes(StandardCharsets.UTF_8));
    assertThat(imported.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(imported.getBody()).containsEntry("rows", 8).containsEntry("households", 6)
        .containsEntry("householdsCreated", 6).containsEntry("plotsCreated", 8);

    progress("D-01", "CROSSED_OFF", 2, null, "3.5", "3.5");
    progress("D-02", "PLANTED", 1, null, "3", "2.5");
    progress("D-03", "UNWILLING", 3, reasons(UnwillingReason.SANDY_SOIL, UnwillingReason.HIGH_COST), null, null);
    progress("X-01", "SIGNED", 1, null, "4", null);
    progress("X-02", "NOT_CONVERTED", 2, reasons(UnwillingReason.HIGH_GROUND, UnwillingReason.OTHER), null, null);
    progress("N-01", "VISITING", 1, null, null, null);

    Map<String, Object> ledger = ledger();
    Map<String, Object> overall = (Map<String, Object>) ledger.get("overall");
    assertThat(overall).containsEntry("households", 6).containsEntry("visited", 6).containsEntry("visits", 10)
        .containsEntry("willing", 3).containsEntry("signed", 3).containsEntry("planted", 2)
        .containsEntry("subsidised", 1).containsEntry("crossedOff", 1).containsEntry("notConverted", 1)
        .containsEntry("unwilling", 2).containsEntry("plots", 8);
    assertThat(dec(overall.get("ledgerMu"))).isEqualByComparingTo("19.75");
    assertThat(dec(overall.get("targetMu"))).isEqualByComparingTo("40");
    assertThat(dec(overall.get("signedMu"))).isEqualByComparingTo("10.5");
    assertThat(dec(overall.get("plantedMu"))).isEqualByComparingTo("6");
    assertThat(dec(overall.get("plantedPercent"))).isEqualByComparingTo("15.0");

    Map<String, Object> east = find(ledger.get("villages"), "东村");
    assertThat(east).containsEntry("households", 3).containsEntry("signed", 2).containsEntry("planted", 2);
    assertThat(dec(east.get("ledgerMu"))).isEqualByComparingTo("8.75");
    assertThat(dec(east.get("targetMu"))).as("per village the ledger's area is the target").isEqualByComparingTo("8.75");
    assertThat(dec(east.get("signedMu"))).isEqualByComparingTo("6.5");
    Map<String, Object> west = find(ledger.get("villages"), "西村");
    assertThat(west).containsEntry("households", 2).containsEntry("notConverted", 1);
    assertThat(((List<?>) ledger.get("villages"))).hasSize(3);
    assertThat(find(ledger.get("areas"), "一片")).containsEntry("households", 3);
    assertThat(find(ledger.get("areas"), "")).containsEntry("households", 3).containsEntry("name", "（未分片）");

    Map<String, Object> deputy1 = find(ledger.get("deputies"), "deputy1");
    assertThat(deputy1).containsEntry("name", "张志强").containsEntry("households", 5);
    Map<String, Object> deputy2 = find(ledger.get("deputies"), "deputy2");
    assertThat(deputy2).containsEntry("name", "刘秀英").containsEntry("households", 1);
    assertThat((List<Map<String, Object>>) ledger.get("team")).extracting(t -> t.get("name"))
        .containsExactly("张志强", "刘秀英");

    List<Map<String, Object>> reasons = (List<Map<String, Object>>) ledger.get("reasons");
    assertThat(reasons).extracting(r -> r.get("label")).containsExactly("地势高", "沙土地", "成本高", "缺劳力", "其他");
    assertThat(reasons).extracting(r -> r.get("households")).containsExactly(1, 1, 1, 0, 1);
    List<Map<String, Object>> unwilling = (List<Map<String, Object>>) ledger.get("unwillingHouseholds");
    assertThat(unwilling).extracting(u -> u.get("householdNo")).containsExactlyInAnyOrder("D-03", "X-02");
    Map<String, Object> d03 = unwilling.stream().filter(u -> "D-03".equals(u.get("householdNo"))).findFirst()
        .orElseThrow();
    assertThat(d03).containsEntry("reasonLabels", "沙土地、成本高").containsEntry("visitCount", 3)
        .containsEntry("statusLabel", "暂不愿意").containsEntry("deputyName", "张志强").doesNotContainKey("phone");

    // the Excel ledger
    ResponseEntity<byte[]> xlsx = http.withBasicAuth("staff3", "staff3")
        .getForEntity("/api/campaigns/" + code + "/ledger.xlsx", byte[].class);
    assertThat(xlsx.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(xlsx.getHeaders().getContentType().toString())
        .isEqualTo("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    String disposition = xlsx.getHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION);
    assertThat(disposition).startsWith("attachment;")
        .contains("filename*=UTF-8''%E5%B7%A5%E4%BD%9C%E5%8F%B0%E8%B4%A6-" + code + ".xlsx");
    assertThat(xlsx.getHeaders().getContentDisposition().getFilename()).isEqualTo("工作台账-" + code + ".xlsx");

    try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx.getBody()))) {
      List<String> sheets = new ArrayList<>();
      wb.forEach(s -> sheets.add(s.getSheetName()));
      assertThat(sheets).containsExactlyInAnyOrder("汇总", "东村", "西村", "北村");
      assertThat(sheets.get(0)).isEqualTo("汇总");

      Sheet summary = wb.getSheet("汇总");
      String all = text(summary);
      assertThat(all).contains("路寨镇2027年水稻改种", "路寨镇", "任务", "目标", "时限", "责任", "起好步开好局",
          "签好协议种好水稻", "扫好尾收好关", "2027-04-01", "2027-04-15", "2027-06-30", "张志强", "包村：东村、西村",
          "刘秀英", "包片：一片", "8 户", "40 亩");
      Row villageTotal = rowStartingWith(summary, "合计", 0);
      assertThat((int) villageTotal.getCell(1).getNumericCellValue()).isEqualTo(6);
      assertThat(villageTotal.getCell(11).getNumericCellValue()).isEqualTo(19.75);
      assertThat(villageTotal.getCell(14).getNumericCellValue()).isEqualTo(6.0);
      Row eastRow = rowStartingWith(summary, "东村", 0);
      assertThat((int) eastRow.getCell(1).getNumericCellValue()).isEqualTo(3);
      assertThat(eastRow.getCell(13).getNumericCellValue()).isEqualTo(6.5);
      Row deputyRow = rowStartingWith(summary, "张志强", rowStartingWith(summary, "包保代表汇总", 0).getRowNum());
      assertThat((int) deputyRow.getCell(1).getNumericCellValue()).isEqualTo(5);

      XSSFSheet eastSheet = wb.getSheet("东村");
      Row header = eastSheet.getRow(0);
      List<String> headers = new ArrayList<>();
      header.forEach(c -> headers.add(c.getStringCellValue()));
      assertThat(headers).containsExactly("户编号", "户主", "片区", "包保代表", "地块数", "面积(亩)", "状态", "走访次数",
          "不愿意原因", "协议编号", "签约面积", "种植面积", "补贴金额", "销号人", "销号时间", "发放状态", "发放时间", "凭证号",
          "发放失败原因");
      assertThat(wb.getFontAt(header.getCell(0).getCellStyle().getFontIndex()).getBold()).isTrue();
      assertThat(eastSheet.getPaneInformation().isFreezePane()).isTrue();
      assertThat(eastSheet.getPaneInformation().getHorizontalSplitPosition()).isEqualTo((short) 1);
      assertThat(eastSheet.getColumnWidth(8)).isGreaterThan(eastSheet.getColumnWidth(4));
      assertThat(text(eastSheet)).doesNotContain("13800000001");

      Row d01 = rowStartingWith(eastSheet, "D-01", 0);
      assertThat(d01.getCell(1).getStringCellValue()).isEqualTo("王一");
      assertThat(d01.getCell(3).getStringCellValue()).isEqualTo("张志强");
      assertThat((int) d01.getCell(4).getNumericCellValue()).isEqualTo(2);
      assertThat(d01.getCell(5).getNumericCellValue()).isEqualTo(3.5);
      assertThat(d01.getCell(6).getStringCellValue()).isEqualTo("已销号");
      assertThat(d01.getCell(13).getStringCellValue()).isEqualTo("张志强");
      assertThat(d01.getCell(14).getStringCellValue()).isEqualTo("2027-07-01 10:30");
      assertThat(rowStartingWith(eastSheet, "D-03", 0).getCell(8).getStringCellValue()).isEqualTo("沙土地、成本高");

      Row total = eastSheet.getRow(eastSheet.getLastRowNum());
      assertThat(total.getCell(0).getStringCellValue()).isEqualTo("合计");
      assertThat(total.getCell(1).getStringCellValue()).isEqualTo(east.get("households") + " 户");
      assertThat((int) total.getCell(4).getNumericCellValue()).isEqualTo(east.get("plots"));
      assertThat(BigDecimal.valueOf(total.getCell(5).getNumericCellValue()))
          .isEqualByComparingTo(dec(east.get("ledgerMu")));
      assertThat(BigDecimal.valueOf(total.getCell(10).getNumericCellValue()))
          .isEqualByComparingTo(dec(east.get("signedMu")));
      assertThat(BigDecimal.valueOf(total.getCell(11).getNumericCellValue()))
          .isEqualByComparingTo(dec(east.get("plantedMu")));
      assertThat((int) total.getCell(7).getNumericCellValue()).isEqualTo(east.get("visits"));
      assertThat(eastSheet.getLastRowNum()).isEqualTo(3 + 1);

      Row westTotal = wb.getSheet("西村").getRow(wb.getSheet("西村").getLastRowNum());
      assertThat(BigDecimal.valueOf(westTotal.getCell(5).getNumericCellValue()))
          .isEqualByComparingTo(dec(west.get("ledgerMu")));
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void badFileIsA400ProblemNamingLinesAndColumns() {
    String bad = "户编号,户主,村,地块编号,面积（亩）,地形\nA,甲,东村,1,1,一般\nB,乙,东村,1,很多,一般\nC,丙,南山村,1,1,一般\n";
    ResponseEntity<Map<String, Object>> r = upload("staff3", code, "bad.csv", bad.getBytes(StandardCharsets.UTF_8));
    assertThat(r.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(r.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue();
    List<Map<String, String>> errors = (List<Map<String, String>>) r.getBody().get("errors");
    assertThat(errors).extracting(e -> e.get("field")).containsExactlyInAnyOrder("第3行 面积（亩）", "第4行 村");
    assertThat(errors).allSatisfy(e -> assertThat(e.get("message")).isNotBlank());
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM household WHERE campaign_code = ?", Integer.class, code))
        .isZero();

    ResponseEntity<Map<String, Object>> noFile = http.withBasicAuth("staff3", "staff3").exchange(
        "/api/campaigns/" + code + "/households", HttpMethod.POST, multipart(otherField()), JSON);
    assertThat(noFile.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(noFile.getBody().get("errors").toString()).contains("file");
  }

  @Test
  void uploadsOverTenMegabytesAreRefused() {
    byte[] big = new byte[11 * 1024 * 1024];
    java.util.Arrays.fill(big, (byte) 'a');
    // Tomcat answers 413 and, as it swallows at most 1 MB (server.tomcat.max-swallow-size), may close the
    // connection while the client is still sending: the client then sees the connection closed instead
    try {
      assertThat(upload("staff3", code, "big.csv", big).getStatusCode()).isEqualTo(HttpStatus.PAYLOAD_TOO_LARGE);
    } catch (org.springframework.web.client.ResourceAccessException closed) {
      assertThat(closed).hasRootCauseInstanceOf(java.net.SocketException.class);
    }
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM household WHERE campaign_code = ?", Integer.class, code))
        .isZero();
  }

  @Test
  void unknownCampaignIs404AndEndedCampaignIs409() {
    assertThat(upload("staff3", "no-such-campaign", "a.csv", LEDGER.getBytes(StandardCharsets.UTF_8))
        .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(http.withBasicAuth("staff3", "staff3").getForEntity("/api/campaigns/no-such-campaign/ledger",
        String.class).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(http.withBasicAuth("demo", "demo").getForEntity("/api/campaigns/no-such-campaign/ledger.xlsx",
        String.class).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    jdbc.update("UPDATE campaign SET status = 'ENDED' WHERE code = ?", code);
    assertThat(upload("demo", code, "a.csv", LEDGER.getBytes(StandardCharsets.UTF_8)).getStatusCode())
        .isEqualTo(HttpStatus.CONFLICT);
  }

  @Test
  void onlyTheTownsStationStaffAndAdministrators() {
    byte[] csv = LEDGER.getBytes(StandardCharsets.UTF_8);
    assertThat(upload("water1", code, "a.csv", csv).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(upload("deputy1", code, "a.csv", csv).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(upload(null, code, "a.csv", csv).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    for (String path : List.of("/ledger", "/ledger.xlsx")) {
      assertThat(http.withBasicAuth("water1", "water1").getForEntity("/api/campaigns/" + code + path, String.class)
          .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
      assertThat(http.getForEntity("/api/campaigns/" + code + path, String.class).getStatusCode())
          .isEqualTo(HttpStatus.UNAUTHORIZED);
    }
    // the staff of another station (staff1: 长垣) get the same answer as for an unknown campaign
    assertThat(upload("staff1", code, "a.csv", csv).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    for (String path : List.of("", "/ledger", "/ledger.xlsx")) {
      ResponseEntity<String> foreign = http.withBasicAuth("staff1", "staff1").getForEntity("/api/campaigns/" + code
          + path, String.class);
      assertThat(foreign.getStatusCode()).as(path).isEqualTo(HttpStatus.NOT_FOUND);
      assertThat(foreign.getBody()).as(path).doesNotContain("路寨镇2027年水稻改种");
    }
    HttpHeaders script = new HttpHeaders();
    script.set("X-Requested-With", "XMLHttpRequest"); // a POST without a body says it is no cross-site request
    assertThat(http.withBasicAuth("staff1", "staff1").postForEntity("/api/campaigns/" + code + "/start",
        new HttpEntity<>(script), String.class).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    // and cannot create a campaign for a town their stations do not serve
    assertThat(http.withBasicAuth("staff1", "staff1").postForEntity("/api/campaigns", Map.of("town", "路寨镇"),
        String.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(http.withBasicAuth("staff3", "staff3").postForEntity("/api/campaigns", Map.of("town", "路寨镇"),
        String.class).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM household WHERE campaign_code = ?", Integer.class, code))
        .isZero();
    assertThat(upload("demo", code, "a.csv", csv).getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(http.getForEntity("/v3/api-docs", String.class).getBody())
        .contains("/api/campaigns/{code}/households", "/api/campaigns/{code}/ledger.xlsx", "改种行动台账");
  }

  static HttpEntity<LinkedMultiValueMap<String, Object>> multipart(LinkedMultiValueMap<String, Object> form) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    headers.set("X-Requested-With", "XMLHttpRequest");
    return new HttpEntity<>(form, headers);
  }

  static LinkedMultiValueMap<String, Object> otherField() {
    var form = new LinkedMultiValueMap<String, Object>();
    form.add("note", "没有文件");
    return form;
  }

  static String text(Sheet sheet) {
    DataFormatter f = new DataFormatter();
    StringBuilder b = new StringBuilder();
    for (Row row : sheet) {
      for (Cell c : row) {
        b.append(f.formatCellValue(c)).append('\t');
      }
      b.append('\n');
    }
    return b.toString();
  }

  static Row rowStartingWith(Sheet sheet, String first, int fromRow) {
    for (Row row : sheet) {
      Cell c = row.getCell(0);
      if (row.getRowNum() >= fromRow && c != null && c.getCellType() == CellType.STRING
          && first.equals(c.getStringCellValue())) {
        return row;
      }
    }
    throw new AssertionError("no row starting with " + first + " in sheet " + sheet.getSheetName());
  }
}
