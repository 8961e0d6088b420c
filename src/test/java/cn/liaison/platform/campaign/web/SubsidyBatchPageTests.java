package cn.liaison.platform.campaign.web;

import static org.assertj.core.api.Assertions.assertThat;

import cn.liaison.platform.PlatformTest;
import cn.liaison.platform.WebappLogin;
import cn.liaison.platform.campaign.SubsidyBatchFixtures;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.http.client.ClientHttpRequestFactorySettings;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.ApplicationContext;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.LinkedMultiValueMap;

/**
 * The subsidy batch page linked from the review tasks: the town's staff and the finance bureau check the list,
 * hold back, release and adjust while it is 待核对, and after it left download the 一卡通 workbook and import the
 * bank's results; nobody else sees that the batch exists.
 */
@PlatformTest
class SubsidyBatchPageTests {

  static final Pattern TOKEN = Pattern.compile("name=\"token\" value=\"([0-9a-f]+)\"");

  @Autowired TestRestTemplate http;
  @Autowired JdbcTemplate jdbc;
  @Autowired ApplicationContext context;

  String code;
  long batch;
  SubsidyBatchFixtures fixtures;

  @BeforeEach
  void batchOfThreeHouseholdsWaitingForReview() {
    code = "LZ-PAGE-" + System.nanoTime();
    jdbc.update("INSERT INTO campaign (code, name, town, start_date, sign_plant_date, wrap_up_date, target_households, "
        + "target_mu, subsidy_per_mu, created_at) VALUES (?, '路寨镇水稻改种', '路寨镇', DATE '2027-04-01', "
        + "DATE '2027-04-15', DATE '2027-06-30', 3, 6, 300, ?)", code, Timestamp.from(Instant.now()));
    for (String[] h : new String[][] {{"H-1", "李四"}, {"H-2", "王五"}, {"H-3", "赵六"}}) {
      jdbc.update("INSERT INTO household (campaign_code, household_no, head_name, village, responsible_deputy, "
          + "updated_at) VALUES (?, ?, ?, '东村', 'deputy1', ?)", code, h[0], h[1], Timestamp.from(Instant.now()));
    }
    fixtures = new SubsidyBatchFixtures(context);
    batch = fixtures.inReview(code, Map.of("H-1", new BigDecimal("2"), "H-2", new BigDecimal("1.5"),
        "H-3", new BigDecimal("3")));
  }

  String path() {
    return "/staff/campaigns/" + code + "/subsidy-batches/" + batch;
  }

  @Test
  void theTownsStaffSeeTheHouseholdsWithNamesTotalsAndTheReviewButtons() {
    ResponseEntity<String> page = WebappLogin.getAs(http, "staff3", path());
    assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(page.getBody()).contains("BATCH-" + batch, "待核对", "李四", "王五", "东村", "1.5", "450.00",
        "1,950.00", "1950.00 = 0.00 + 0.00 + 0.00 + 1950.00", "暂缓发放", "调整金额", "确认暂缓发放", "未登记");
    assertThat(page.getHeaders().getFirst("Content-Security-Policy")).contains("script-src 'self'")
        .doesNotContain("unsafe-inline' 'self'");
    assertThat(page.getHeaders().getCacheControl()).isEqualTo("no-store");
  }

  @Test
  void theFinanceBureauAndAdministratorsSeeTheHeadsMaskedAsTheLedgerDoesNotShowThemTheNames() {
    for (String user : new String[] {"finance1", "demo"}) {
      ResponseEntity<String> page = WebappLogin.getAs(http, user, path());
      assertThat(page.getStatusCode()).as(user).isEqualTo(HttpStatus.OK);
      assertThat(page.getBody()).as(user).contains("李**", "确认暂缓发放").doesNotContain("李四");
    }
  }

  @Test
  void anotherTownsStaffOtherDepartmentsAndDeputiesGetTheUnknownBatchPageAndStrangersTheLogin() {
    ResponseEntity<String> unknown = WebappLogin.getAs(http, "staff1", "/staff/campaigns/" + code
        + "/subsidy-batches/" + (batch + 100_000));
    for (String user : new String[] {"staff1", "staff2", "water1", "deputy1", "analyst1"}) {
      ResponseEntity<String> page = WebappLogin.getAs(http, user, path());
      assertThat(page.getStatusCode()).as(user).isEqualTo(HttpStatus.NOT_FOUND);
      assertThat(page.getBody()).as(user).isEqualTo(unknown.getBody()).doesNotContain("李四", "BATCH-" + batch);
    }
    assertThat(WebappLogin.getAs(http, "staff1", "/staff/campaigns/" + code + "/subsidy-batches").getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(http.getForEntity(path(), String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(http.getForEntity(path() + "/payment-workbook.xlsx", String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  @Test
  void holdingBackNeedsAReasonAndMovesTheAmountFromPendingToHeldBack() {
    Session staff = new Session("staff3");
    ResponseEntity<String> noReason = staff.post("/households/H-1/hold-back", "reason", " ");
    assertThat(noReason.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(noReason.getBody()).contains("请填写暂缓发放的原因", "1950.00 = 0.00 + 0.00 + 0.00 + 1950.00");

    ResponseEntity<String> held = staff.post("/households/H-1/hold-back", "reason", "面积待复核");
    assertThat(held.getStatusCode()).isEqualTo(HttpStatus.FOUND);
    assertThat(held.getHeaders().getLocation().toString()).endsWith("#h-H-1");
    String page = staff.get();
    assertThat(page).contains("暂缓原因：面积待复核", "1950.00 = 0.00 + 0.00 + 600.00 + 1350.00", "确认恢复发放");

    ResponseEntity<String> adjusted = staff.post("/households/H-2/amount", "amount", "500.50", "reason",
        "复核后面积为 1.67 亩");
    assertThat(adjusted.getStatusCode()).isEqualTo(HttpStatus.FOUND);
    assertThat(staff.get()).contains("由 450.00 元调整：复核后面积为 1.67 亩",
        "2000.50 = 0.00 + 0.00 + 600.00 + 1400.50");

    assertThat(staff.post("/households/H-1/release").getStatusCode()).isEqualTo(HttpStatus.FOUND);
    assertThat(staff.get()).contains("2000.50 = 0.00 + 0.00 + 0.00 + 2000.50");
    assertThat(jdbc.queryForList("SELECT actor FROM audit_event WHERE subject_ref LIKE ? AND action IN "
        + "('SUBSIDY_HELD_BACK', 'SUBSIDY_AMOUNT_ADJUSTED', 'SUBSIDY_RELEASED')", String.class, "%" + code + "%"))
        .hasSize(3).containsOnly("staff3");
  }

  @Test
  void aBatchThatLeftReviewIsReadOnlyAndALateActionIsRefusedAtItsRow() {
    Session finance = new Session("finance1");
    fixtures.sent(batch);
    ResponseEntity<String> late = finance.post("/households/H-3/hold-back", "reason", "迟到的暂缓");
    assertThat(late.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(late.getBody()).contains("只有待核对的批次可以暂缓或调整", "已导出")
        .doesNotContain("确认暂缓发放", "确认调整金额");
    String page = finance.get();
    assertThat(page).contains("名单只读", "下载一卡通发放表", "导入发放结果").doesNotContain("确认暂缓发放");
  }

  @Test
  void aFormFromAnotherSiteOrWithoutThePagesTokenChangesNothing() {
    Session staff = new Session("staff3");
    HttpHeaders headers = staff.headers();
    headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
    ResponseEntity<String> noToken = http.exchange(path() + "/households/H-1/hold-back", HttpMethod.POST,
        new HttpEntity<>("reason=x", headers), String.class);
    assertThat(noToken.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    headers.set("Sec-Fetch-Site", "cross-site");
    ResponseEntity<String> crossSite = http.exchange(path() + "/households/H-1/hold-back", HttpMethod.POST,
        new HttpEntity<>("reason=x&token=" + staff.token, headers), String.class);
    assertThat(crossSite.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(staff.get()).contains("1950.00 = 0.00 + 0.00 + 0.00 + 1950.00");
  }

  @Test
  void financeDownloadsTheWorkbookAndABadResultFileIsRefusedWithItsRowsAndColumns() throws Exception {
    fixtures.sent(batch);
    Session finance = new Session("finance1");
    ResponseEntity<byte[]> workbook = http.exchange(path() + "/payment-workbook.xlsx", HttpMethod.GET,
        new HttpEntity<>(finance.headers()), byte[].class);
    assertThat(workbook.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(jdbc.queryForObject("SELECT actor FROM audit_event WHERE action = 'PAYMENT_WORKBOOK_EXPORTED' AND "
        + "subject_ref LIKE ?", String.class, "%" + code + "%")).isEqualTo("finance1");

    byte[] bad;
    try (var book = new XSSFWorkbook(new ByteArrayInputStream(workbook.getBody()));
        var out = new ByteArrayOutputStream()) {
      book.getSheetAt(0).forEach(row -> {
        if (row.getCell(1) != null && row.getCell(1).toString().startsWith("H-")) {
          row.getCell(8).setCellValue("待定");
        }
      });
      book.write(out);
      bad = out.toByteArray();
    }
    ResponseEntity<String> refused = finance.upload(bad);
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(refused.getBody()).contains("文件有误，未登记任何结果", "行·发放结果");
    assertThat(finance.get()).contains("1950.00 = 0.00 + 0.00 + 0.00 + 1950.00");
  }

  @Test
  void theTownsStaffImportTheBanksResultsAndThePageShowsPaidAndFailedToTheCent() throws Exception {
    fixtures.sent(batch);
    Session staff = new Session("staff3");
    ResponseEntity<byte[]> workbook = http.exchange(path() + "/payment-workbook.xlsx", HttpMethod.GET,
        new HttpEntity<>(staff.headers()), byte[].class);
    String yesterday = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).minusDays(1).toString();
    byte[] results;
    try (var book = new XSSFWorkbook(new ByteArrayInputStream(workbook.getBody()));
        var out = new ByteArrayOutputStream()) {
      book.getSheetAt(0).forEach(row -> {
        String no = row.getCell(1) == null ? "" : row.getCell(1).toString();
        if (no.equals("H-3")) {
          row.getCell(8).setCellValue("失败");
          row.getCell(11).setCellValue("户名不符");
        } else if (no.startsWith("H-")) {
          row.getCell(8).setCellValue("成功");
          row.getCell(9).setCellValue(yesterday);
          row.getCell(10).setCellValue("PZ-" + no);
        }
      });
      book.write(out);
      results = out.toByteArray();
    }
    ResponseEntity<String> imported = staff.upload(results);
    assertThat(imported.getStatusCode()).as(imported.getBody()).isEqualTo(HttpStatus.FOUND);
    String page = staff.get();
    assertThat(page).contains("1950.00 = 1050.00 + 900.00 + 0.00 + 0.00", "失败原因：户名不符", "凭证号 PZ-H-1", "已完成");
    ResponseEntity<String> list = WebappLogin.getAs(http, "finance1", "/staff/campaigns/" + code + "/subsidy-batches");
    assertThat(list.getBody()).contains("BATCH-" + batch, "已完成", "1050.00", "900.00");
  }

  @Test
  void onlyTheTownsStaffMayWriteOffAHouseholdTheBankDidNotPayAndOnlyWithAReason() throws Exception {
    theTownsStaffImportTheBanksResultsAndThePageShowsPaidAndFailedToTheCent();
    Session staff = new Session("staff3");
    String page = staff.get();
    assertThat(page).contains("确认不予发放", "reason-write-off-H-3").doesNotContain("reason-write-off-H-1");
    Session finance = new Session("finance1");
    assertThat(finance.get()).doesNotContain("确认不予发放");
    ResponseEntity<String> byFinance = finance.post("/households/H-3/write-off", "reason", "户主已故");
    assertThat(byFinance.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(byFinance.getBody()).contains("只有本镇联络站工作人员可以登记补贴不予发放");

    ResponseEntity<String> noReason = staff.post("/households/H-3/write-off", "reason", " ");
    assertThat(noReason.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(noReason.getBody()).contains("请填写不予发放的原因");
    // this batch's households were put in without their sign-off processes: the service refuses, at the row
    ResponseEntity<String> refused = staff.post("/households/H-3/write-off", "reason", "户主已故");
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(refused.getBody()).contains("确认不予发放", "h-H-3");
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM subsidy_write_off w JOIN household h ON h.id = w.household_id "
        + "WHERE h.campaign_code = ?", Integer.class, code)).isZero();
  }

  /** A Tasklist login with the page's form token, posting as the browser does. */
  final class Session {
    final String sessionId;
    final String token;

    Session(String user) {
      this.sessionId = WebappLogin.login(http, user, "tasklist").sessionId();
      Matcher m = TOKEN.matcher(get());
      this.token = m.find() ? m.group(1) : null;
    }

    HttpHeaders headers() {
      HttpHeaders headers = new HttpHeaders();
      headers.add(HttpHeaders.COOKIE, "JSESSIONID=" + sessionId);
      return headers;
    }

    String get() {
      return http.exchange(path(), HttpMethod.GET, new HttpEntity<>(headers()), String.class).getBody();
    }

    ResponseEntity<String> post(String action, String... fields) {
      HttpHeaders headers = headers();
      headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
      headers.set("Sec-Fetch-Site", "same-origin");
      var form = new LinkedMultiValueMap<String, String>();
      form.add("token", token);
      for (int i = 0; i < fields.length; i += 2) {
        form.add(fields[i], fields[i + 1]);
      }
      return http.withRedirects(ClientHttpRequestFactorySettings.Redirects.DONT_FOLLOW)
          .exchange(path() + action, HttpMethod.POST, new HttpEntity<>(form, headers), String.class);
    }

    ResponseEntity<String> upload(byte[] xlsx) {
      HttpHeaders headers = headers();
      headers.setContentType(MediaType.MULTIPART_FORM_DATA);
      var parts = new LinkedMultiValueMap<String, Object>();
      parts.add("token", token);
      parts.add("file", new ByteArrayResource(xlsx) {
        @Override
        public String getFilename() {
          return "回盘.xlsx";
        }
      });
      return http.withRedirects(ClientHttpRequestFactorySettings.Redirects.DONT_FOLLOW)
          .exchange(path() + "/payment-results", HttpMethod.POST, new HttpEntity<>(parts, headers), String.class);
    }
  }
}
