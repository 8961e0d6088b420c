package cn.liaison.platform.browser;

import static org.assertj.core.api.Assertions.assertThat;

import cn.liaison.platform.PlatformTest;
import cn.liaison.platform.campaign.CampaignProcess;
import cn.liaison.platform.campaign.CampaignService;
import cn.liaison.platform.mobile.DeputyHouseholds;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * deputy1 on a 390 × 844 phone at /m: logs in, sees the households, opens 入户动员 and records 愿意改种, signs the
 * agreement with two plots (a refused area first: the engine's Chinese message at the field, nothing changed; a reload
 * keeps what was typed), confirms planting while the network is gone (the entries stay, "未提交，网络恢复后重试") and
 * again when it is back, then logs out and nothing of it stays on the phone. Prints the first load's weight and the
 * time a task takes to open; screenshots under target/e2e/m-*.png, two of them kept as docs/mobile-*.png.
 */
@PlatformTest
@ExtendWith(Browser.Installed.class)
class MobileWorkbenchPhoneTests {

  static final long FIRST_LOAD_BUDGET_BYTES = 300 * 1024;
  /** The 1 s goal is printed, not asserted (a loaded CI machine is not the platform's own network); set it to check. */
  static final Long TASK_OPEN_BUDGET_MS = Long.getLong("mobile.taskOpenBudgetMs");

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @Autowired CampaignService campaigns;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;

  @Test
  void deputyWorksTwoHouseholdsFromThePhoneThroughAWeakSignal() throws Exception {
    DeputyHouseholds ledger = DeputyHouseholds.start(campaigns, runtime, management, jdbc);
    String h1 = ledger.no(1);

    try (Browser phone = Browser.phone("http://localhost:" + port)) {
      // nobody logged in: the login page
      phone.open("/m");
      phone.waitFor("the login page", d -> d.getCurrentUrl().endsWith("/m/login") ? true : null);
      assertThat(phone.visibleText()).contains("移动工作台", "用户名", "密码", "登录");
      phone.screenshot("m-01-login");

      phone.type(By.id("username"), "deputy1");
      phone.type(By.id("password"), "deputy1");
      phone.click(By.cssSelector("form button[type='submit']"));
      phone.waitFor("my tasks", d -> phone.visibleText().contains("入户动员") ? true : null);
      long bytes = firstLoadBytes(phone);
      System.out.printf("mobile workbench: first load of /m/ %d bytes (%.1f KB) transferred, gzip%n", bytes,
          bytes / 1024.0);
      assertThat(bytes).as("first load of /m/ in bytes").isLessThanOrEqualTo(FIRST_LOAD_BUDGET_BYTES);
      assertThat((Long) phone.script("return document.documentElement.scrollWidth")).isLessThanOrEqualTo(390L);

      // search by 户编号: the two households of this campaign, with 户编号, 村 and 户主, due in words
      phone.type(By.id("search"), ledger.prefix());
      phone.waitFor("the search result", d -> phone.all(By.cssSelector("#tasks .card")).size() == 2 ? true : null);
      String list = phone.visibleText();
      assertThat(list).contains(h1 + " · 东村 · 王有田", ledger.no(2) + " · 东村 · 李春花", "60 天后到期", "2 农户")
          .doesNotContain("赵西村", "13800001111");
      phone.screenshot("m-02-my-households");
      copyToDocs("m-02-my-households", "mobile-tasks.png");

      // 入户动员: the Camunda Form of Tasklist, rendered by form-js, full screen
      long visitOpen = openCard(phone, h1);
      assertThat(phone.visibleText()).contains("入户动员", "农户信息", "走访结果", "愿意改种", "暂不愿意", "不在家");
      phone.screenshot("m-03-visit-form");
      phone.click(By.xpath("//label[contains(., '愿意改种')]"));
      phone.click(By.id("submit"));
      phone.waitFor("back at the list after the visit",
          d -> !phone.isShown(By.id("task-view")) && phone.visibleText().contains("签订协议") ? true : null);
      assertThat(openTask(ledger, h1).getTaskDefinitionKey()).isEqualTo(CampaignProcess.Task.SIGN_AGREEMENT);

      // 签订协议: one plot but the area of both — the engine refuses it, the message stands at the field
      long signOpen = openCard(phone, h1);
      Task sign = openTask(ledger, h1);
      phone.type(field(phone, "协议编号"), "LZ-XY-2027-001");
      phone.click(By.xpath("//label[contains(., 'P1（2亩')]"));
      phone.type(field(phone, "签约面积"), "3.5");
      // typed entries survive a reload (kept as the form changes; form-js hands over typing after a short pause)
      phone.waitFor("the draft kept", d -> draft(phone).contains("\"signedMu\":3.5") ? true : null);
      phone.driver().navigate().refresh();
      phone.waitFor("the form again", d -> d.findElements(By.cssSelector("body[data-task-ready]")).isEmpty() ? null : true);
      assertThat(phone.shown(field(phone, "协议编号")).getDomProperty("value")).isEqualTo("LZ-XY-2027-001");
      phone.screenshot("m-04-sign-reloaded");
      phone.click(By.id("submit"));
      phone.waitFor("the refusal at the field", d -> phone.visibleText().contains("签约面积不能大于所选地块面积之和") ? true : null);
      String refusedField = (String) phone.script(
          "var e = [...document.querySelectorAll('#form .fjs-form-field')].find(f => f.textContent.includes('签约面积（亩）'));"
              + "return e ? e.textContent : '';");
      assertThat(refusedField).contains("签约面积不能大于所选地块面积之和（2 亩）");
      assertThat(phone.visibleText()).contains("任务未完成，请修改后重新提交");
      phone.screenshot("m-04-sign-refused");
      copyToDocs("m-04-sign-refused", "mobile-refused.png");
      assertThat(openTask(ledger, h1).getId()).isEqualTo(sign.getId());
      assertThat(runtime.getVariable(sign.getProcessInstanceId(), "agreementNo")).isNull();

      phone.click(By.xpath("//label[contains(., 'P2（1.5亩')]"));
      phone.click(By.id("submit"));
      phone.waitFor("back at the list after signing",
          d -> !phone.isShown(By.id("task-view")) && phone.visibleText().contains("种植确认") ? true : null);
      phone.screenshot("m-05-signed");

      // 种植确认 while the network is gone: the entries stay on the phone, clearly not sent
      long plantOpen = openCard(phone, h1);
      // 拍照: a camera-sized photo, shrunk on the phone, filed with the household and shown as a thumbnail
      phone.waitFor("the camera button", d -> phone.isShown(By.cssSelector("#photo .camera")) ? true : null);
      assertThat(phone.driver().findElement(By.id("camera")).getDomAttribute("capture")).isEqualTo("environment");
      phone.driver().findElement(By.id("camera")).sendKeys(cameraPhoto(3000, 2000).toString());
      phone.waitFor("the photo uploaded", d -> phone.all(By.cssSelector("#thumbs .thumb.done")).size() == 1 ? true : null);
      java.awt.image.BufferedImage filed = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(
          jdbc.queryForObject("SELECT content FROM evidence_photo WHERE subject_kind = 'household' AND subject_id = ("
              + "SELECT CAST(id AS VARCHAR(64)) FROM household WHERE campaign_code = ? AND household_no = ?)",
              byte[].class, ledger.code(), h1)));
      assertThat(Math.max(filed.getWidth(), filed.getHeight())).as("long side after shrinking").isEqualTo(1600);
      phone.scrollIntoView(phone.driver().findElement(By.id("photo")));
      phone.screenshot("m-06-planting-photo");
      phone.type(field(phone, "实际种植面积"), "3.5");
      phone.click(By.cssSelector("#form .fjs-input[type='text'][readonly], #form input.flatpickr-input"));
      phone.click(By.cssSelector(".flatpickr-calendar.open .flatpickr-day.today"));
      ChromeDriver chrome = (ChromeDriver) phone.driver();
      chrome.executeCdpCommand("Network.enable", Map.of());
      network(chrome, true);
      // a second photo without a network: kept on the phone, sent with the form once the network is back
      phone.driver().findElement(By.id("camera")).sendKeys(cameraPhoto(1200, 900).toString());
      phone.waitFor("the photo kept", d -> phone.all(By.cssSelector("#thumbs .thumb.pending-photo")).size() == 1
          ? true : null);
      phone.click(By.id("submit"));
      phone.waitFor("the pending state", d -> phone.isShown(By.id("pending")) ? true : null);
      assertThat(phone.visibleText()).contains("未提交，网络恢复后重试");
      phone.scrollIntoView(phone.driver().findElement(By.id("photo")));
      phone.screenshot("m-06-offline-pending");
      String stored = draft(phone);
      assertThat(stored).contains("\"plantedMu\":3.5", "\"pending\":true");
      assertThat(openTask(ledger, h1).getTaskDefinitionKey()).isEqualTo(CampaignProcess.Task.CONFIRM_PLANTING);

      network(chrome, false);
      if (phone.isShown(By.id("retry"))) {
        try {
          phone.click(By.id("retry"));
        } catch (RuntimeException alreadyRetried) {
          // the page retried by itself when the network came back
        }
      }
      phone.waitFor("sent once the network is back", d -> !phone.isShown(By.id("task-view")) ? true : null);
      assertThat(openTask(ledger, h1)).as("no open task left after planting").isNull();
      assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM evidence_photo WHERE subject_kind = 'household' AND "
          + "subject_id = (SELECT CAST(id AS VARCHAR(64)) FROM household WHERE campaign_code = ? AND household_no = ?)",
          Long.class, ledger.code(), h1)).as("both planting photos filed with the household").isEqualTo(2L);
      assertThat((Long) phone.script("return Object.keys(localStorage).filter(k => k.startsWith('m.draft.')).length"))
          .isZero();
      phone.screenshot("m-07-planted");

      long best = Math.min(visitOpen, Math.min(signOpen, plantOpen));
      System.out.printf("mobile workbench: task open (click to form shown) 入户动员 %d ms, 签订协议 %d ms, 种植确认 %d ms%n",
          visitOpen, signOpen, plantOpen);
      System.out.printf("mobile workbench: fastest task open %d ms (goal <= 1000 ms on the platform's own network)%n",
          best);
      if (TASK_OPEN_BUDGET_MS != null) {
        assertThat(best).as("time to open a task, ms").isLessThanOrEqualTo(TASK_OPEN_BUDGET_MS);
      }

      // logout: back at the login page, nothing of the workbench left on the phone
      phone.script("localStorage.setItem('m.draft.deputy1.left-over', '{\"data\":{\"visitNote\":\"王有田家\"}}')");
      phone.click(By.cssSelector("#logout button"));
      phone.waitFor("logged out", d -> phone.visibleText().contains("已退出登录") ? true : null);
      assertThat((Long) phone.script("return Object.keys(localStorage).filter(k => k.startsWith('m.')).length"))
          .isZero();
      phone.screenshot("m-08-logged-out");
      phone.open("/m/");
      phone.waitFor("the login page again", d -> d.getCurrentUrl().endsWith("/m/login") ? true : null);
    }
  }

  /** A photo as the phone's camera would hand it over (a JPEG file), drawn here. */
  static Path cameraPhoto(int width, int height) throws java.io.IOException {
    var image = new java.awt.image.BufferedImage(width, height, java.awt.image.BufferedImage.TYPE_INT_RGB);
    var g = image.createGraphics();
    g.setPaint(new java.awt.GradientPaint(0, 0, new java.awt.Color(70, 150, 60), width, height,
        new java.awt.Color(160, 200, 90)));
    g.fillRect(0, 0, width, height);
    g.dispose();
    Path file = Files.createTempFile("planting-", ".jpg");
    file.toFile().deleteOnExit();
    javax.imageio.ImageIO.write(image, "jpg", file.toFile());
    return file;
  }

  /** Opens a household's card from the list; returns the milliseconds from the tap to the form shown. */
  static long openCard(Browser phone, String householdNo) {
    phone.script("document.body.removeAttribute('data-task-ready')");
    phone.type(By.id("search"), householdNo);
    phone.waitFor("the card of " + householdNo,
        d -> phone.all(By.cssSelector("#tasks .card")).size() == 1 ? true : null);
    long start = System.nanoTime();
    phone.click(By.cssSelector("#tasks .card"));
    phone.waitFor("the form of " + householdNo,
        d -> d.findElements(By.cssSelector("body[data-task-ready]")).isEmpty() ? null : true);
    return (System.nanoTime() - start) / 1_000_000;
  }

  /** The input of the form-js field labelled so. */
  static By field(Browser phone, String label) {
    String id = (String) phone.script("var l = [...document.querySelectorAll('#form label')]"
        + ".find(l => l.textContent.includes(arguments[0])); return l ? l.getAttribute('for') : null;", label);
    assertThat(id).as("a field labelled " + label).isNotNull();
    return By.id(id);
  }

  /** What the first load of the page in the window transferred: the page and everything it loaded (compressed). */
  static long firstLoadBytes(Browser phone) {
    Object sum = phone.script("return performance.getEntriesByType('navigation').concat("
        + "performance.getEntriesByType('resource')).reduce((s, e) => s + (e.transferSize || e.encodedBodySize || 0), 0)");
    return ((Number) sum).longValue();
  }

  static String draft(Browser phone) {
    return (String) phone.script("return Object.keys(localStorage).filter(k => k.startsWith('m.draft.'))"
        + ".map(k => localStorage.getItem(k)).join('\\n')");
  }

  static void network(ChromeDriver chrome, boolean offline) {
    chrome.executeCdpCommand("Network.emulateNetworkConditions", Map.of("offline", offline, "latency", 0,
        "downloadThroughput", -1, "uploadThroughput", -1));
  }

  Task openTask(DeputyHouseholds ledger, String no) {
    return ledger.openTask(runtime, tasks, no);
  }

  static void copyToDocs(String shot, String doc) throws Exception {
    Path target = Paths.get("docs", doc);
    Files.createDirectories(target.getParent());
    Files.copy(Browser.OUT.resolve(shot + ".png"), target, StandardCopyOption.REPLACE_EXISTING);
  }
}
