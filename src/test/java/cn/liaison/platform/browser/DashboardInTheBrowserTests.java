package cn.liaison.platform.browser;

import static org.assertj.core.api.Assertions.assertThat;

import cn.liaison.platform.PlatformTest;
import cn.liaison.platform.scenario.MarchAtTaiping;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * The dashboard (/dashboard) with March 2029 at 太平镇 ({@link MarchAtTaiping}): an analyst logged into Tasklist
 * sees the 三率 with their summary rows, the department ranking and the other figures, in Chinese, on a 1280 wide
 * screen and on a 390 × 844 phone (screenshots target/e2e/dashboard-1280.png and dashboard-390.png); a deputy and a
 * visitor who is not logged in are turned away.
 */
@PlatformTest
@ExtendWith(Browser.Installed.class)
class DashboardInTheBrowserTests {

  static final String MARCH = "/dashboard?from=2029-03-01&to=2029-03-31&station=yy-taiping-mobile";

  @LocalServerPort int port;
  @Autowired ApplicationContext context;

  @BeforeEach
  void theScenario() {
    MarchAtTaiping.ensureBuilt(context);
  }

  @Test
  void anAnalystSeesMarchAtTaipingWithItsThreeRatesRankingAndFigures() {
    try (Browser laptop = Browser.window("http://localhost:" + port, 1280, 900)) {
      laptop.logInToWebapp("tasklist", "analyst1");
      laptop.open(MARCH);
      String text = laptop.waitFor("the figures drawn", d -> {
        String t = d.findElement(By.tagName("body")).getText();
        return t.contains("办结 7 件 / 收到 9 件") ? t : null;
      });
      assertThat(text).contains("代表联络站驾驶舱", "统计期间：2029-03-01 至 2029-03-31", "太平镇流动联络站",
          "按期办结 6 件 / 办结 7 件", "满意 3 · 基本满意 2 · 不满意 1（已评价 6 件）",
          "县水利局", "农田水利与灌溉", "座谈会", "接待群众", "8 人次", "具体问题", "5 条", "督查项目");
      // the ranking: 县水利局 first with 5 hand-overs, one reassigned (退回)
      var firstRow = laptop.shown(By.cssSelector("#departments tbody tr")).getText();
      assertThat(firstRow).startsWith("1 县水利局 5 4 3 1 1 0 100.0%");
      assertThat(laptop.all(By.cssSelector("#gauge-closing svg"))).as("the gauge is drawn by ECharts").isNotEmpty();
      // 三色督办: the open items by colour and kind, drawn as one stacked bar per kind
      assertThat(text).contains("三色督办（当前在办事项）", "红灯（超期或督办中）", "黄灯（临期或已催办）", "绿灯（正常）");
      assertThat(laptop.all(By.cssSelector("#lights svg"))).as("the lights are drawn by ECharts").isNotEmpty();
      laptop.fullPageScreenshot("dashboard-1280");
    }
    try (Browser phone = Browser.phone("http://localhost:" + port)) {
      phone.logInToWebapp("tasklist", "analyst1");
      phone.open(MARCH);
      phone.waitFor("the figures drawn on the phone", d -> d.findElement(By.tagName("body")).getText()
          .contains("办结 7 件 / 收到 9 件") ? true : null);
      // stacked: the panels are as wide as the phone, none wider
      Number width = (Number) ((org.openqa.selenium.JavascriptExecutor) phone.driver())
          .executeScript("return document.documentElement.scrollWidth;");
      assertThat(width.intValue()).isLessThanOrEqualTo(390);
      phone.fullPageScreenshot("dashboard-390");
    }
  }

  @Test
  void aDeputyAndAVisitorWithoutLoginAreTurnedAway() {
    try (Browser browser = Browser.window("http://localhost:" + port, 1280, 900)) {
      browser.open("/dashboard");
      assertThat(browser.shown(By.tagName("body")).getText()).contains("请先登录任务列表");
      browser.logInToWebapp("tasklist", "deputy1");
      browser.open("/dashboard");
      assertThat(browser.shown(By.tagName("body")).getText()).contains("您没有查看统计数据的权限");
    }
  }
}
