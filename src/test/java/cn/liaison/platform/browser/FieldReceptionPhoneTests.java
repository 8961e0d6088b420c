package cn.liaison.platform.browser;

import static org.assertj.core.api.Assertions.assertThat;

import cn.liaison.platform.JsonBodies;
import cn.liaison.platform.PlatformTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A deputy on duty at 太平镇's field post records visits on a 390 × 844 phone: the plain form (no script) with its
 * Chinese labels, a refusal that keeps what was typed, an opinion solved on the spot, and the figures growing. Another
 * deputy gets the page of an unknown session. The screenshot is kept as docs/field-reception-phone.png.
 */
@PlatformTest
@ExtendWith(Browser.Installed.class)
class FieldReceptionPhoneTests {

  static final Path DOC = Paths.get("docs", "field-reception-phone.png");

  @LocalServerPort int port;
  @Autowired TestRestTemplate http;
  @Autowired JdbcTemplate jdbc;

  @Test
  void deputyOnDutyRecordsAVisitSolvedOnTheSpotFromThePhone() throws Exception {
    HttpHeaders staff = new HttpHeaders();
    staff.setBasicAuth("staff2", "staff2");
    ResponseEntity<String> created = http.exchange("/api/receptions", HttpMethod.POST, JsonBodies.json(Map.of(
        "stationCode", "yy-taiping-mobile", "kind", "FIELD_POST", "theme", "三夏禁烧", "place", "王庄村东禁烧卡点",
        "startsAt", OffsetDateTime.now().plusHours(1).withNano(0).toString(),
        "endsAt", OffsetDateTime.now().plusHours(5).withNano(0).toString(),
        "deputiesOnDuty", List.of("deputy5")), staff), String.class);
    assertThat(created.getStatusCode().value()).as(created.getBody()).isEqualTo(201);
    String no = JsonBodies.tree(created.getBody()).path("receptionNo").asText();
    // the session began ten minutes ago
    jdbc.update("UPDATE reception SET starts_at = ? WHERE reception_no = ?",
        Timestamp.from(Instant.now().minusSeconds(600)), no);

    try (Browser phone = Browser.phone("http://localhost:" + port)) {
      logIn(phone, "deputy5");
      phone.open("/field/receptions/" + no);
      assertThat((Long) phone.script("return window.innerWidth")).isEqualTo(390L);
      assertThat(phone.visibleText()).contains("三夏禁烧 · 田间值班点", "来访人数", "反映的事项", "意见建议（有就登记）",
          "当场解决", "登记这批来访");
      // the form fits the phone: nothing wider than the screen
      assertThat((Long) phone.script("return document.documentElement.scrollWidth")).isLessThanOrEqualTo(390L);
      assertThat(phone.all(By.tagName("script"))).isEmpty();

      // solved on the spot without saying how: refused, what was typed stays
      phone.driver().findElement(By.id("visitors")).clear();
      phone.type(By.id("visitors"), "2");
      new Select(phone.shown(By.id("category"))).selectByValue("IRRIGATION");
      phone.type(By.id("content"), "村南机井没电，麦茬地浇不上水，请协调恢复供电。");
      phone.click(By.name("solvedOnSpot"));
      phone.click(By.cssSelector("form button[type='submit']"));
      phone.waitFor("the refusal", d -> phone.visibleText().contains("当场解决的，请填写解决办法") ? true : null);
      assertThat(phone.shown(By.id("content")).getAttribute("value")).contains("机井没电");

      phone.type(By.id("solution"), "代表当场联系供电所，电工半小时内到场恢复供电");
      phone.click(By.cssSelector("form button[type='submit']"));
      phone.waitFor("the visit recorded", d -> phone.visibleText().contains("已登记，意见受理编号") ? true : null);
      // the ticket and its key, to be told to the visitor, are shown once and never put into the address
      assertThat(phone.visibleText()).contains("查询码");
      assertThat(phone.driver().getCurrentUrl()).endsWith("?recorded=visit");
      assertThat(phone.visibleText()).contains("2\n来访人次", "1\n当场解决", "2 人 · 村南机井没电");
      phone.screenshot("field-reception-phone");
      Files.createDirectories(DOC.getParent());
      Files.copy(Browser.OUT.resolve("field-reception-phone.png"), DOC, StandardCopyOption.REPLACE_EXISTING);
      phone.fullPageScreenshot("field-reception-phone-full");

      // a deputy not on duty: the page of an unknown session
      logIn(phone, "deputy1");
      phone.open("/field/receptions/" + no);
      assertThat(phone.visibleText()).contains("未找到该接待，或您无权查看").doesNotContain("三夏禁烧");
    }
  }

  static void logIn(Browser browser, String user) {
    browser.logInToWebapp("tasklist", user);
  }
}
