package cn.liaison.platform.browser;

import static org.assertj.core.api.Assertions.assertThat;

import cn.liaison.platform.PlatformTest;
import cn.liaison.platform.campaign.SubsidyBatchFixtures;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The town's staff check a subsidy batch on a phone (390 × 844): hold back one household with a reason, change
 * another's amount, each after the confirm dialog, and watch the totals follow to the cent; then the finance bureau
 * opens the same batch on a desk. Screenshots kept as docs/subsidy-batch-page.png and docs/subsidy-batch-page-phone.png.
 */
@PlatformTest
@ExtendWith(Browser.Installed.class)
class SubsidyBatchInTheBrowserTests {

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @Autowired ApplicationContext context;

  @Test
  void staffHoldBackAHouseholdAndChangeAnAmountOnAPhoneAndTheTotalsFollow() throws Exception {
    String code = "LZ-BROWSER-" + System.nanoTime();
    jdbc.update("INSERT INTO campaign (code, name, town, start_date, sign_plant_date, wrap_up_date, target_households, "
        + "target_mu, subsidy_per_mu, created_at) VALUES (?, '路寨镇2027年水稻改种', '路寨镇', DATE '2027-04-01', "
        + "DATE '2027-04-15', DATE '2027-06-30', 4, 10, 300, ?)", code, Timestamp.from(Instant.now()));
    Map<String, BigDecimal> mu = new LinkedHashMap<>();
    String[][] households = {{"LZ-DC-001", "张建国", "东村", "2.5"}, {"LZ-DC-002", "李桂兰", "东村", "1.5"},
        {"LZ-XC-001", "王振华", "西村", "3"}, {"LZ-XC-002", "赵秀英", "西村", "2.2"}};
    for (String[] h : households) {
      jdbc.update("INSERT INTO household (campaign_code, household_no, head_name, village, responsible_deputy, "
          + "updated_at) VALUES (?, ?, ?, ?, 'deputy1', ?)", code, h[0], h[1], h[2], Timestamp.from(Instant.now()));
      mu.put(h[0], new BigDecimal(h[3]));
    }
    long batch = new SubsidyBatchFixtures(context).inReview(code, mu);
    String page = "/staff/campaigns/" + code + "/subsidy-batches/" + batch;

    try (Browser phone = Browser.phone("http://localhost:" + port)) {
      phone.logInToWebapp("tasklist", "staff3");
      phone.open(page);
      phone.waitFor("the batch", d -> phone.visibleText().contains("逐户名单") ? true : null);
      assertThat(phone.visibleText()).contains("待核对", "张建国", "2,760.00");
      assertThat(equation(phone)).isEqualTo("2760.00 = 0.00 + 0.00 + 0.00 + 2760.00");

      // 暂缓发放 with a reason, after the confirm dialog
      phone.click(By.cssSelector("#h-LZ-DC-002 details:nth-of-type(1) summary"));
      phone.type(By.id("reason-hold-LZ-DC-002"), "承包地块面积待村委复核");
      phone.click(By.cssSelector("#h-LZ-DC-002 button.hold"));
      accept(phone, "确认暂缓发放户编号 LZ-DC-002");
      phone.waitFor("the household held back", d -> phone.visibleText().contains("户编号 LZ-DC-002：已暂缓发放") ? true : null);
      assertThat(equation(phone)).isEqualTo("2760.00 = 0.00 + 0.00 + 450.00 + 2310.00");
      assertThat(phone.visibleText()).contains("暂缓原因：承包地块面积待村委复核");

      // 调整金额 with a new amount and a reason
      phone.click(By.cssSelector("#h-LZ-XC-001 details:nth-of-type(2) summary"));
      phone.type(By.id("amount-LZ-XC-001"), "960.50");
      phone.type(By.id("reason-amount-LZ-XC-001"), "复核后实种面积 3.2 亩");
      phone.click(By.cssSelector("#h-LZ-XC-001 details:nth-of-type(2) button"));
      accept(phone, "确认调整户编号 LZ-XC-001 的补贴金额");
      phone.waitFor("the amount changed", d -> phone.visibleText().contains("户编号 LZ-XC-001：补贴金额已调整") ? true : null);
      assertThat(equation(phone)).isEqualTo("2820.50 = 0.00 + 0.00 + 450.00 + 2370.50");
      assertThat(phone.visibleText()).contains("由 900.00 元调整：复核后实种面积 3.2 亩");

      // a reason left out is refused at the row, nothing changes
      phone.click(By.cssSelector("#h-LZ-XC-002 details:nth-of-type(2) summary"));
      phone.type(By.id("amount-LZ-XC-002"), "700");
      phone.script("document.getElementById('reason-amount-LZ-XC-002').removeAttribute('required')");
      phone.click(By.cssSelector("#h-LZ-XC-002 details:nth-of-type(2) button"));
      accept(phone, "确认调整户编号 LZ-XC-002 的补贴金额");
      phone.waitFor("the refusal at the row", d -> phone.driver().findElements(By.cssSelector("#h-LZ-XC-002 .error"))
          .isEmpty() ? null : true);
      assertThat(phone.driver().findElement(By.cssSelector("#h-LZ-XC-002 .error")).getText()).contains("请填写调整金额的原因");
      assertThat(equation(phone)).isEqualTo("2820.50 = 0.00 + 0.00 + 450.00 + 2370.50");

      phone.open(page);
      phone.waitFor("the batch", d -> phone.visibleText().contains("逐户名单") ? true : null);
      assertThat((Long) phone.script("return document.documentElement.scrollWidth")).isLessThanOrEqualTo(390L);
      phone.fullPageScreenshot("subsidy-batch-page-phone");
    }

    try (Browser desk = Browser.window("http://localhost:" + port, 1280, 900)) {
      desk.logInToWebapp("tasklist", "finance1");
      desk.open(page);
      desk.waitFor("the batch", d -> desk.visibleText().contains("逐户名单") ? true : null);
      assertThat(desk.visibleText()).contains("张**", "暂缓").doesNotContain("张建国");
      assertThat((Long) desk.script("return document.documentElement.scrollWidth")).isLessThanOrEqualTo(1280L);
      desk.fullPageScreenshot("subsidy-batch-page");
      // printed: the list and totals, without buttons, forms or the navigation
      ((org.openqa.selenium.chrome.ChromeDriver) desk.driver()).executeCdpCommand("Emulation.setEmulatedMedia",
          Map.of("media", "print"));
      assertThat(desk.isShown(By.cssSelector("details summary"))).isFalse();
      assertThat(desk.isShown(By.tagName("nav"))).isFalse();
      assertThat(desk.isShown(By.id("h-LZ-DC-001"))).isTrue();
      assertThat(desk.driver().findElement(By.id("equation")).isDisplayed()).isTrue();
    }
    Files.copy(Browser.OUT.resolve("subsidy-batch-page.png"), Path.of("docs", "subsidy-batch-page.png"),
        StandardCopyOption.REPLACE_EXISTING);
    Files.copy(Browser.OUT.resolve("subsidy-batch-page-phone.png"), Path.of("docs", "subsidy-batch-page-phone.png"),
        StandardCopyOption.REPLACE_EXISTING);
  }

  static String equation(Browser browser) {
    return browser.driver().findElement(By.id("equation")).getText();
  }

  static void accept(Browser browser, String question) {
    Alert alert = new WebDriverWait(browser.driver(), Browser.WAIT).until(ExpectedConditions.alertIsPresent());
    assertThat(alert.getText()).startsWith(question);
    alert.accept();
  }
}
