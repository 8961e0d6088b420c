package cn.liaison.platform.bulletin;

import static org.assertj.core.api.Assertions.assertThat;

import cn.liaison.platform.JsonBodies;
import cn.liaison.platform.PlatformTest;
import cn.liaison.platform.system.RateLimiter;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

/**
 * GET /api/bulletins and the templates' API as each role: who may have which station's bulletin, the Chinese
 * messages of a bad request, and changing the wording (checked, versioned, refused over someone else's newer save).
 */
@PlatformTest
class BulletinApiTests {

  @Autowired TestRestTemplate http;
  @Autowired RateLimiter rateLimiter;

  @BeforeEach
  void freshAllowance() {
    rateLimiter.reset();
  }

  @Test
  void stationStaffGetOnlyTheirOwnStationsOthersAreRefused() {
    String crane = "/api/bulletins?from=2030-01-01&to=2030-12-31&stations=cy-crane";
    assertThat(get(null, crane).getStatusCode().value()).isEqualTo(401);
    for (String outsider : List.of("water1", "deputy1", "supervisor1", "auditor1")) {
      assertThat(get(outsider, crane).getStatusCode().value()).as(outsider).isEqualTo(403);
    }
    // 太平镇's staff asking for the crane station, and the crane station's staff asking for 太平镇 with their own
    assertThat(get("staff2", crane).getStatusCode().value()).isEqualTo(403);
    assertThat(get("staff1", crane + ",yy-taiping-mobile").getStatusCode().value()).isEqualTo(403);
    // a refused caller learns nothing of the rest of the request: 403 even with bad dates
    assertThat(get("staff2", "/api/bulletins?from=x&stations=cy-crane").getStatusCode().value()).isEqualTo(403);
    // those allowed get to the request's checks (a missing end date: 400, not 403)
    for (String reader : List.of("staff1", "office1", "analyst1")) {
      ResponseEntity<String> r = get(reader, "/api/bulletins?from=2030-01-01&stations=cy-crane");
      assertThat(r.getStatusCode().value()).as(reader + ": " + r.getBody()).isEqualTo(400);
    }
  }

  @Test
  void aBadRequestIsRefusedFieldByFieldInChinese() {
    JsonNode dates = JsonBodies.tree(get("office1",
        "/api/bulletins?from=2030-13-01&to=2029-01-01&stations=cy-crane&issueNo=abc&issuedOn=昨天").getBody());
    assertThat(errors(dates)).containsEntry("from", "开始日期应为 yyyy-MM-dd 格式的日期，如 2027-01-01")
        .containsEntry("issueNo", "期号应为 1 至 9999 的整数")
        .containsEntry("issuedOn", "印发日期应为 yyyy-MM-dd 格式的日期，如 2027-01-01");
    assertThat(errors(JsonBodies.tree(get("office1", "/api/bulletins?from=2030-06-01&to=2030-01-01&stations=cy-crane")
        .getBody()))).containsEntry("to", "结束日期不能早于开始日期");
    assertThat(errors(JsonBodies.tree(get("office1", "/api/bulletins?from=2029-01-01&to=2030-12-31&stations=cy-crane")
        .getBody()))).containsEntry("to", "一期简报的统计期间最长一年（366 天）");
    assertThat(errors(JsonBodies.tree(get("office1", "/api/bulletins?from=2030-01-01&to=2030-12-31&stations=cy-crane,"
        + "no-such-station").getBody()))).containsEntry("stations[1]", "联络站不存在：no-such-station");
    ResponseEntity<String> none = get("office1", "/api/bulletins?from=2030-01-01&to=2030-12-31");
    assertThat(none.getStatusCode().value()).isEqualTo(400);
    assertThat(none.getHeaders().getContentType().toString()).isEqualTo("application/problem+json");
    assertThat(errors(JsonBodies.tree(none.getBody()))).containsEntry("stations", "请选择至少一个联络站");
  }

  @Test
  void theWordingIsCheckedVersionedAndNeverSavedOverSomeoneElsesNewerVersion() {
    JsonNode templates = JsonBodies.tree(get("staff2", "/api/bulletins/templates").getBody());
    JsonNode closing = part(templates, "CLOSING");
    int version = closing.path("version").asInt();
    String original = closing.path("body").asText();
    assertThat(templates.path("variables").toString()).contains("receptions.visitors", "接待群众（人次）");
    assertThat(templates.path("marks").toString()).contains("刊头：大号红字居中");

    // a wrong name: refused with the line and the name, nothing saved
    ResponseEntity<String> wrong = put("staff2", "CLOSING", Map.of("body", "> （{{contributer}}供稿）", "baseVersion",
        version));
    assertThat(wrong.getStatusCode().value()).isEqualTo(400);
    assertThat(errors(JsonBodies.tree(wrong.getBody())).get("closing"))
        .isEqualTo("供稿、分送与印发：第 1 行：没有名为 {{contributer}} 的变量，可用的变量见变量说明。");
    assertThat(put("staff2", "CLOSING", Map.of("body", "{{#lambda}}x{{/lambda}}", "baseVersion", version))
        .getStatusCode().value()).isEqualTo(400);
    assertThat(put("staff2", "CLOSING", Map.of("body", "{{> application.yaml}}", "baseVersion", version))
        .getStatusCode().value()).isEqualTo(400);
    assertThat(part(JsonBodies.tree(get("office1", "/api/bulletins/templates").getBody()), "CLOSING").path("version")
        .asInt()).isEqualTo(version);

    // analysts read but do not write; others neither
    assertThat(put("analyst1", "CLOSING", Map.of("body", original, "baseVersion", version)).getStatusCode().value())
        .isEqualTo(403);
    assertThat(put("water1", "CLOSING", Map.of("body", original)).getStatusCode().value()).isEqualTo(403);
    assertThat(put(null, "CLOSING", Map.of("body", original)).getStatusCode().value()).isEqualTo(401);
    assertThat(get("water1", "/api/bulletins/templates").getStatusCode().value()).isEqualTo(403);
    assertThat(get("analyst1", "/api/bulletins/templates").getStatusCode().value()).isEqualTo(200);
    assertThat(put("staff2", "FOOTER", Map.of("body", original)).getStatusCode().value()).isEqualTo(404);

    String changed = original.replace("新乡市人大常委会代表工委", "原阳县人大常委会");
    try {
      ResponseEntity<String> saved = put("staff2", "CLOSING", Map.of("body", changed, "baseVersion", version));
      assertThat(saved.getStatusCode().value()).as(saved.getBody()).isEqualTo(200);
      JsonNode now = JsonBodies.tree(saved.getBody());
      assertThat(now.path("version").asInt()).isEqualTo(version + 1);
      assertThat(now.path("savedBy").asText()).isEqualTo("staff2");

      // office1 had the page open on the old version: told, not overwriting staff2's words
      ResponseEntity<String> stale = put("office1", "CLOSING", Map.of("body", original + "\n| 抄送：县人大", "baseVersion",
          version));
      assertThat(stale.getStatusCode().value()).isEqualTo(409);
      assertThat(JsonBodies.tree(stale.getBody()).path("detail").asText())
          .isEqualTo("“供稿、分送与印发”已被staff2改为第 " + (version + 1) + " 版，请刷新页面，在新版本上修改。");

      // every version is kept, with who saved it
      JsonNode history = JsonBodies.tree(get("office1", "/api/bulletins/templates/closing/versions").getBody());
      assertThat(history.get(0).path("body").asText()).isEqualTo(changed);
      assertThat(history.get(0).path("savedBy").asText()).isEqualTo("staff2");
      assertThat(history.get(1).path("body").asText()).isEqualTo(original);
      assertThat(history.get(history.size() - 1).path("version").asInt()).isZero();
    } finally {
      // put the wording back for the other tests
      int latest = part(JsonBodies.tree(get("office1", "/api/bulletins/templates").getBody()), "CLOSING")
          .path("version").asInt();
      assertThat(put("office1", "CLOSING", Map.of("body", original, "baseVersion", latest)).getStatusCode().value())
          .isEqualTo(200);
    }
  }

  static JsonNode part(JsonNode templates, String part) {
    for (JsonNode p : templates.path("parts")) {
      if (p.path("part").asText().equals(part)) {
        return p;
      }
    }
    throw new AssertionError("no part " + part + " in " + templates);
  }

  static Map<String, String> errors(JsonNode problem) {
    Map<String, String> m = new LinkedHashMap<>();
    problem.path("errors").forEach(e -> m.put(e.path("field").asText(), e.path("message").asText()));
    return m;
  }

  ResponseEntity<String> get(String user, String path) {
    return http.exchange(path, HttpMethod.GET, new HttpEntity<>(auth(user)), String.class);
  }

  ResponseEntity<String> put(String user, String part, Map<String, Object> body) {
    return http.exchange("/api/bulletins/templates/" + part, HttpMethod.PUT,
        JsonBodies.json(new HashMap<>(body), auth(user)), String.class);
  }

  static HttpHeaders auth(String user) {
    HttpHeaders headers = new HttpHeaders();
    if (user != null) {
      headers.setBasicAuth(user, user);
    }
    return headers;
  }
}
