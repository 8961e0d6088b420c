package cn.liaison.platform.bulletin;

import static org.assertj.core.api.Assertions.assertThat;

import cn.liaison.platform.PlatformTest;
import cn.liaison.platform.WebappLogin;
import cn.liaison.platform.system.RateLimiter;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * The bulletin's page (/bulletins) with the Tasklist login: who gets it, the stations offered, the preview of unsaved
 * wording with whatever a template or a name contains shown as text, and forms posted from elsewhere refused.
 */
@PlatformTest
class BulletinPageTests {

  @Autowired TestRestTemplate http;
  @Autowired RateLimiter rateLimiter;

  @BeforeEach
  void freshAllowance() {
    rateLimiter.reset();
  }

  @Test
  void withoutLoginOrAsADepartmentThePageIsRefusedInChinese() {
    ResponseEntity<String> anonymous = http.getForEntity("/bulletins", String.class);
    assertThat(anonymous.getStatusCode().value()).isEqualTo(401);
    assertThat(anonymous.getBody()).contains("请先登录任务列表");
    ResponseEntity<String> water = WebappLogin.getAs(http, "water1", "/bulletins");
    assertThat(water.getStatusCode().value()).isEqualTo(403);
    assertThat(water.getBody()).contains("您无权查看");
    assertThat(WebappLogin.getAs(http, "auditor1", "/bulletins").getStatusCode().value()).isIn(401, 403);
  }

  @Test
  void stationStaffAreOfferedTheirOwnStationsAndTheWordingToEdit() {
    ResponseEntity<String> page = WebappLogin.getAs(http, "staff2", "/bulletins");
    assertThat(page.getBody()).contains("工作简报", "期间、期号与联络站", "太平镇流动联络站", "简报措辞（模板）",
        "{{receptions.visitors}}", "接待群众（人次）", "保存模板", "预览修改")
        .doesNotContain("长垣市起重产业代表联络站");
    assertThat(page.getHeaders().getFirst("Content-Security-Policy")).contains("default-src 'none'");
    assertThat(page.getHeaders().getCacheControl()).isEqualTo("no-store");
    // analysts see every station, and may preview but not save
    ResponseEntity<String> analyst = WebappLogin.getAs(http, "analyst1", "/bulletins");
    assertThat(analyst.getBody()).contains("太平镇流动联络站", "长垣市起重产业代表联络站", "预览修改").doesNotContain("保存模板");
  }

  @Test
  void markupInTheWordingIsShownAsTextInTheEditorAndThePreview() {
    var login = WebappLogin.login(http, "staff2", "tasklist");
    MultiValueMap<String, String> form = form("yy-taiping-mobile");
    form.set("body_CLOSING", "> <script>alert('供稿')</script>\n| [[${T(java.lang.Runtime).getRuntime()}]]");
    ResponseEntity<String> preview = post(login, "/bulletins/preview", form, null);

    String body = preview.getBody();
    assertThat(body).doesNotContain("<script>alert").contains("&lt;script&gt;alert(&#39;供稿&#39;)&lt;/script&gt;");
    assertThat(body).contains("[[${T(java.lang.Runtime).getRuntime()}]]");
  }

  @Test
  void aFormPostedFromAnotherSiteIsRefusedAndNothingIsSaved() {
    var login = WebappLogin.login(http, "staff2", "tasklist");
    MultiValueMap<String, String> form = form("yy-taiping-mobile");
    form.set("body_CLOSING", "| 伪造的分送范围");
    ResponseEntity<String> forged = post(login, "/bulletins/templates", form, "https://evil.example");
    assertThat(forged.getStatusCode().value()).isEqualTo(403);
    assertThat(WebappLogin.getAs(http, "staff2", "/bulletins").getBody()).doesNotContain("伪造的分送范围");
  }

  @Test
  void aWrongNameIsShownBesideItsTemplateAndNothingIsSaved() {
    var login = WebappLogin.login(http, "staff2", "tasklist");
    MultiValueMap<String, String> form = form("yy-taiping-mobile");
    form.set("body_HEADER", "# 代表工作\n^ 第 {{issueNumber}} 期");
    ResponseEntity<String> refused = post(login, "/bulletins/templates", form, null);
    assertThat(refused.getStatusCode().value()).isEqualTo(400);
    assertThat(refused.getBody()).contains("模板有误，未保存",
        "刊头与目录：第 2 行：没有名为 {{issueNumber}} 的变量，可用的变量见变量说明。", "第 {{issueNumber}} 期");
    assertThat(WebappLogin.getAs(http, "staff2", "/bulletins").getBody()).doesNotContain("{{issueNumber}}");
  }

  /** The page's form as the browser sends it, with the shipped wording. */
  static MultiValueMap<String, String> form(String... stations) {
    MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
    form.add("from", "2030-01-01");
    form.add("to", "2030-12-31");
    form.add("issueNo", "37");
    form.add("issuedOn", "2030-09-18");
    for (String s : stations) {
      form.add("stations", s);
    }
    for (BulletinPart p : BulletinPart.values()) {
      form.add("body_" + p.name(), BulletinTemplates.shipped(p).body());
    }
    return form;
  }

  ResponseEntity<String> post(WebappLogin.Login login, String path, MultiValueMap<String, String> form,
      String origin) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
    headers.add(HttpHeaders.COOKIE, "JSESSIONID=" + login.sessionId());
    headers.add(HttpHeaders.ORIGIN, origin != null ? origin : http.getRootUri());
    return http.exchange(path, HttpMethod.POST, new HttpEntity<>(form, headers), String.class);
  }

}
