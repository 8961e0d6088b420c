package cn.liaison.platform.system;

import static org.assertj.core.api.Assertions.assertThat;

import cn.liaison.platform.PlatformTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;

/**
 * The webapps serve our files, not the webjar's: config.js (Chinese first, our name), user-styles.css (no vendor
 * banner, our mark), the Tasklist forms script and the favicon. Our copies lie on the classpath before the webjar.
 */
@PlatformTest
class WebappCustomizationTests {

  @Autowired TestRestTemplate http;

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"tasklist", "cockpit", "admin", "welcome"})
  void configChoosesChineseAndNamesThePlatform(String app) {
    var config = http.getForEntity("/camunda/app/" + app + "/scripts/config.js", String.class);
    assertThat(config.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(config.getBody())
        .contains("import { DATE_FORMAT, LOCALES, VENDOR } from '../../../assets/liaison-webapps-config.js';")
        .contains("vendor: VENDOR,").contains("locales: LOCALES,").contains("dateFormat: DATE_FORMAT");
    // what the four share, where that import finds it (/camunda/app/<app>/scripts/ → /camunda/assets/)
    var shared = http.getForEntity("/camunda/assets/liaison-webapps-config.js", String.class);
    assertThat(shared.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(shared.getBody())
        .contains("availableLocales: ['zh', 'en']")
        .contains("fallbackLocale: 'zh'")
        .contains("VENDOR = '代表联络站闭环工作平台 ·'")
        .contains("normal: 'YYYY-MM-DD HH:mm'");
  }

  @Test
  void tasklistKeepsItsShortcutsAndLoadsTheFormsScript() {
    String config = http.getForObject("/camunda/app/tasklist/scripts/config.js", String.class);
    assertThat(config).contains("name: '任务列表'", "customScripts: ['scripts/liaison-forms']", "claimTask",
        "focusFilter", "focusList", "focusForm", "startProcess");
    var script = http.getForEntity("/camunda/app/tasklist/scripts/liaison-forms.js", String.class);
    assertThat(script.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(script.getBody()).contains("'Field is required.': '此项为必填项。'");
  }

  @Test
  void cockpitLoadsTheHistoryPluginsThatOnlyRead() {
    String config = http.getForObject("/camunda/app/cockpit/scripts/config.js", String.class);
    assertThat(config).contains("'scripts/liaison-history-tab.js'", "'scripts/liaison-history-action.js'",
        "'scripts/liaison-history-view.js'");
    for (String script : new String[] {"tab", "action", "view", "common", "diagram"}) {
      var served = http.getForEntity("/camunda/app/cockpit/scripts/liaison-history-" + script + ".js", String.class);
      assertThat(served.getStatusCode()).as(script).isEqualTo(HttpStatus.OK);
      // read-only: no request but GET leaves the history plugins
      assertThat(served.getBody()).as(script).doesNotContain("method:", "'POST'", "'PUT'", "'DELETE'");
    }
    assertThat(http.getForObject("/camunda/app/cockpit/scripts/liaison-history-tab.js", String.class))
        .contains("pluginPoint: 'cockpit.processDefinition.runtime.tab'", "label: '历史'");
    assertThat(http.getForObject("/camunda/app/cockpit/scripts/liaison-history-view.js", String.class))
        .contains("pluginPoint: 'cockpit.route'", "properties: { path: HISTORY_ROUTE + ':id' }");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"tasklist", "cockpit", "admin", "welcome"})
  void stylesHideTheVendorBannerAndShowOurMark(String app) {
    String css = http.getForObject("/camunda/app/" + app + "/styles/user-styles.css", String.class)
        .replaceAll("(?s)/\\*.*?\\*/", ""); // the rules, without the comments that explain them
    assertThat(css.strip()).startsWith("@import url(\"../../../assets/liaison-webapps.css\");").contains("45px")
        .doesNotContain("65px");
    // what the four apps share, where the import above finds it (/camunda/app/<app>/styles/ → /camunda/assets/)
    String shared = http.getForObject("/camunda/assets/liaison-webapps.css", String.class)
        .replaceAll("(?s)/\\*.*?\\*/", "");
    assertThat(shared).contains("[cam-widget-header] .ce-eol-banner {\n  display: none !important;")
        .contains("padding-top: 45px;").contains("url(\"liaison-logo.svg\")").doesNotContain("65px");
    var logo = http.getForEntity("/camunda/assets/liaison-logo.svg", String.class);
    assertThat(logo.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(logo.getBody()).contains("<svg");
  }

  @Test
  void faviconIsOurs() throws IOException {
    byte[] served = http.getForObject("/camunda/favicon.ico", byte[].class);
    assertThat(served).isEqualTo(
        Files.readAllBytes(Path.of("src/main/resources/META-INF/resources/webjars/camunda/favicon.ico")));
  }
}
