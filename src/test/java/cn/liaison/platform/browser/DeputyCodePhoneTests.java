package cn.liaison.platform.browser;

import static org.assertj.core.api.Assertions.assertThat;

import cn.liaison.platform.PlatformTest;
import cn.liaison.platform.deputy.DeputyDirectory;
import cn.liaison.platform.system.RateLimiter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * 代表码 on a 390 × 844 phone: a citizen scans deputy1's code, reads who he is and sends him an opinion; the card that
 * carries the code fits the phone too. Screenshots are kept as docs/deputy-code-phone.png and docs/deputy-card-phone.png.
 */
@PlatformTest
@ExtendWith(Browser.Installed.class)
class DeputyCodePhoneTests {

  @LocalServerPort int port;
  @Autowired DeputyDirectory directory;
  @Autowired RateLimiter rateLimiter;

  @Test
  void citizenScansTheDeputysCodeAndSendsHimAnOpinionFromThePhone() throws Exception {
    rateLimiter.reset();
    String code = directory.publicCodeOf("deputy1").orElseThrow();
    try (Browser phone = Browser.phone("http://localhost:" + port)) {
      phone.open("/d/" + code);
      assertThat((Long) phone.script("return window.innerWidth")).isEqualTo(390L);
      assertThat(phone.visibleText()).contains("您正在直接向以下人大代表反映意见建议", "张志强", "县级人大代表",
          "专业领域：防腐", "意见类别", "提交意见建议").doesNotContain("139");
      assertThat((Long) phone.script("return document.documentElement.scrollWidth")).isLessThanOrEqualTo(390L);
      phone.screenshot("deputy-code-phone");
      copy("deputy-code-phone");

      new Select(phone.shown(By.id("f-category"))).selectByValue("INDUSTRY");
      phone.type(By.id("f-content"), "防腐产业园区污水管网老化，雨天经常外溢，希望代表督促改造。");
      phone.type(By.id("f-place"), "长垣市防腐产业园");
      phone.click(By.id("f-consent"));
      phone.click(By.cssSelector("form button[type='submit']"));
      phone.waitFor("the ticket", d -> phone.visibleText().contains("提交成功") ? true : null);
      assertThat(phone.visibleText()).contains("受理编号", "查询码");
      java.util.regex.Matcher ticket = java.util.regex.Pattern.compile("YJ\\d{8}-\\d{4}").matcher(phone.visibleText());
      assertThat(ticket.find()).isTrue();

      // deputy1 on his phone workbench: the opinion is his task, and the message tells him of it
      phone.open("/m/");
      phone.waitFor("the login page", d -> d.getCurrentUrl().endsWith("/m/login") ? true : null);
      phone.type(By.id("username"), "deputy1");
      phone.type(By.id("password"), "deputy1");
      phone.click(By.cssSelector("form button[type='submit']"));
      phone.waitFor("his tasks", d -> phone.visibleText().contains(ticket.group()) ? true : null);
      phone.waitFor("his messages", d -> phone.visibleText().contains("群众向您反映意见 " + ticket.group()) ? true : null);
      assertThat(phone.visibleText()).contains("代表先行答复", "消息");
      phone.click(By.xpath("//a[contains(@class,'card')][contains(., '" + ticket.group() + "')]"));
      phone.waitFor("the form", d -> phone.visibleText().contains("直接答复群众") ? true : null);
      assertThat(phone.visibleText()).contains("处理方式", "转联络站梳理，交有关部门办理", "列入我的代表建议素材");
      phone.screenshot("deputy-first-response-phone");
      copy("deputy-first-response-phone");

      phone.open("/d/" + code + "/card");
      assertThat(phone.visibleText()).contains("码上见代表", "张志强", "微信或手机扫码，把您的意见建议直接告诉我");
      assertThat(phone.all(By.cssSelector(".deputy-card svg"))).isNotEmpty();
      assertThat((Long) phone.script("return document.documentElement.scrollWidth")).isLessThanOrEqualTo(390L);
      phone.screenshot("deputy-card-phone");
      copy("deputy-card-phone");

      phone.open("/d/" + code + "/card?format=poster");
      assertThat(phone.visibleText()).contains("张志强", "驻站：长垣市防腐产业代表联络站站长");
      phone.fullPageScreenshot("deputy-poster-phone-full");
    }
  }

  static void copy(String name) throws Exception {
    Path doc = Paths.get("docs", name + ".png");
    Files.createDirectories(doc.getParent());
    Files.copy(Browser.OUT.resolve(name + ".png"), doc, StandardCopyOption.REPLACE_EXISTING);
  }
}
