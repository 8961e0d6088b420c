package cn.liaison.platform.browser;

import static org.assertj.core.api.Assertions.assertThat;

import cn.liaison.platform.PlatformTest;
import cn.liaison.platform.opinion.OpinionService;
import cn.liaison.platform.opinion.OpinionSubmission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What auditors and station staff see: the audit page on a laptop and a phone, and the erasure of a citizen's
 * personal data from the opinion's page, confirmed with a reason. Screenshots in target/e2e/audit-*.png.
 */
@PlatformTest
@ExtendWith(Browser.Installed.class)
class AuditAndErasureInTheBrowserTests {

  @LocalServerPort int port;
  @Autowired OpinionService opinions;

  @Test
  void staffEraseACitizensDataAndTheAuditorFindsItOnTheAuditPage() {
    String ticket = opinions.submit(new OpinionSubmission("cy-crane", "INDUSTRY", "起重企业厂区门口路灯不亮，夜班工人出行不便。",
        "起重产业园北门", "孙女士", "13655556666", false, true, null), null).ticketNo();

    try (Browser desk = Browser.window("http://localhost:" + port, 1280, 900)) {
      desk.logInToWebapp("tasklist", "staff1");
      desk.open("/staff/opinions/" + ticket);
      assertThat(desk.visibleText()).contains("13655556666", "删除个人信息…");
      desk.click(By.linkText("删除个人信息…"));
      desk.waitFor("the confirmation", d -> desk.visibleText().contains("删除后无法恢复") ? true : null);
      desk.type(By.id("reason"), "群众来电要求删除其个人信息");
      desk.click(By.name("confirm"));
      desk.screenshot("audit-erasure-confirm");
      desk.click(By.cssSelector("form button[type='submit']"));
      desk.waitFor("the opinion without the citizen's data",
          d -> desk.visibleText().contains("群众的个人信息已删除") ? true : null);
      assertThat(desk.visibleText()).contains("（已删除）").doesNotContain("13655556666", "孙女士", "路灯不亮");
      desk.screenshot("audit-erasure-done");

      desk.logInToWebapp("cockpit", "auditor1");
      desk.open("/audit");
      desk.waitFor("the audit page", d -> desk.visibleText().contains("流程引擎操作日志") ? true : null);
      desk.type(By.name("subject"), ticket);
      desk.click(By.cssSelector("form.filters button[type='submit']"));
      desk.waitFor("the rows of the ticket", d -> desk.visibleText().contains("删除群众个人信息") ? true : null);
      assertThat(desk.visibleText()).contains("查看联系方式", "staff1", "导出 Excel", "原因：群众来电要求删除其个人信息");
      assertThat((Long) desk.script("return document.documentElement.scrollWidth")).isLessThanOrEqualTo(1280L);
      desk.screenshot("audit-page-desktop");
    }

    try (Browser phone = Browser.phone("http://localhost:" + port)) {
      phone.logInToWebapp("cockpit", "auditor1");
      phone.open("/staff/audit?subject=" + ticket);
      phone.waitFor("the audit page", d -> phone.visibleText().contains("删除群众个人信息") ? true : null);
      assertThat((Long) phone.script("return document.documentElement.scrollWidth")).isLessThanOrEqualTo(390L);
      phone.screenshot("audit-page-phone");
    }
  }
}
