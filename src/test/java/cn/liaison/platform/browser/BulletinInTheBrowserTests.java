package cn.liaison.platform.browser;

import static org.assertj.core.api.Assertions.assertThat;

import cn.liaison.platform.PlatformTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The work bulletin's page as staff use it: 太平镇's staff open /bulletins from Tasklist, see the bulletin laid out
 * like the printed one (masthead, contents, their station's article, 送/发), change a sentence's wording, preview it,
 * and find nothing saved until they save. On a 1280 px screen the A4 column and the editor sit side by side; on a
 * 390 px phone they stack and nothing is wider than the screen. Screenshots: target/e2e/bulletin-*.png.
 */
@PlatformTest
@ExtendWith(Browser.Installed.class)
class BulletinInTheBrowserTests {

  static final String PAGE = "/bulletins?from=2030-01-01&to=2030-12-31&stations=yy-taiping-mobile&issueNo=37"
      + "&issuedOn=2030-09-18";

  @LocalServerPort int port;

  @Test
  void stationStaffPreviewTheirBulletinAndANewWordingBeforeSavingIt() {
    try (Browser desktop = Browser.window("http://localhost:" + port, 1280, 900)) {
      desktop.logInToWebapp("tasklist", "staff2");
      desktop.open(PAGE);
      desktop.waitFor("the preview", d -> desktop.visibleText().contains("代表工作") ? true : null);
      String text = desktop.visibleText();
      assertThat(text).contains("第 37 期", "2030 年 9 月 18 日", "太平镇流动联络站：架起代表联系群众“连心桥”",
          "送：省人大常委会主任、副主任、秘书长", "简报措辞（模板）", "可用变量", "下载 Word（.docx）");
      assertThat(desktop.all(By.tagName("script"))).isEmpty();
      // the A4-like column beside the editor
      long paperWidth = (Long) desktop.script("return Math.round(document.querySelector('.paper').getBoundingClientRect().width)");
      long editorLeft = (Long) desktop.script("return Math.round(document.querySelector('.editor').getBoundingClientRect().left)");
      assertThat(paperWidth).isBetween(700L, 800L);
      assertThat(editorLeft).isGreaterThan(paperWidth);
      desktop.screenshot("bulletin-1280");
      desktop.fullPageScreenshot("bulletin-1280-full");
      assertThat((Long) desktop.script("return document.documentElement.scrollWidth")).isLessThanOrEqualTo(1280L);

      // a new wording of the contributor line, previewed: shown at once, not yet saved
      var closing = desktop.shown(By.id("body_CLOSING"));
      closing.clear();
      closing.sendKeys("> （原阳县人大常委会供稿）\n| 送：县人大常委会主任、副主任");
      desktop.click(By.cssSelector(".editor button.secondary"));
      desktop.waitFor("the previewed wording", d -> desktop.visibleText().contains("预览的是尚未保存的修改") ? true : null);
      assertThat(desktop.visibleText()).contains("（原阳县人大常委会供稿）", "送：县人大常委会主任、副主任")
          .doesNotContain("（新乡市人大常委会代表工委供稿）");
      desktop.screenshot("bulletin-1280-preview");
      desktop.open(PAGE);
      desktop.waitFor("the saved wording", d -> desktop.visibleText().contains("代表工作") ? true : null);
      assertThat(desktop.visibleText()).contains("（新乡市人大常委会代表工委供稿）");
    }

    try (Browser phone = Browser.phone("http://localhost:" + port)) {
      phone.logInToWebapp("tasklist", "staff2");
      phone.open(PAGE);
      phone.waitFor("the preview", d -> phone.visibleText().contains("代表工作") ? true : null);
      phone.screenshot("bulletin-390");
      phone.fullPageScreenshot("bulletin-390-full");
      assertThat((Long) phone.script("return document.documentElement.scrollWidth")).isLessThanOrEqualTo(390L);
    }
  }
}
