package cn.liaison.platform.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import cn.liaison.platform.JsonBodies;
import cn.liaison.platform.PlatformTest;
import cn.liaison.platform.system.RateLimiter;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
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
 * What GET /api/statistics answers to a wrong request (400 with a Chinese message per field) and to callers who may
 * not read the figures asked for: a citizen, a deputy, a department, another station's staff.
 */
@PlatformTest
class StatisticsRequestTests {

  @Autowired TestRestTemplate http;
  @Autowired RateLimiter rateLimiter;

  @BeforeEach
  void freshAllowance() {
    rateLimiter.reset();
  }

  @Test
  void missingAndMalformedDatesAreNamedFieldByField() {
    Map<String, String> errors = errors(get("analyst1", ""));
    assertThat(errors).containsEntry("from", "请填写开始日期（yyyy-MM-dd）").containsEntry("to", "请填写结束日期（yyyy-MM-dd）");
    errors = errors(get("analyst1", "from=2026-13-01&to=2026/12/31"));
    assertThat(errors.get("from")).startsWith("开始日期格式应为 yyyy-MM-dd");
    assertThat(errors.get("to")).startsWith("结束日期格式应为 yyyy-MM-dd");
  }

  @Test
  void anEndBeforeTheStartOrMoreThanFiveYearsIsRefused() {
    assertThat(errors(get("analyst1", "from=2026-03-01&to=2026-02-28"))).containsEntry("to", "结束日期不能早于开始日期");
    assertThat(errors(get("analyst1", "from=2020-01-01&to=2025-01-01"))).containsEntry("to", "统计期间不能超过5年");
    assertThat(get("analyst1", "from=2020-01-01&to=2024-12-31").getStatusCode().value()).as("exactly five years")
        .isEqualTo(200);
  }

  @Test
  void anUnknownStationOrTownIsNamed() {
    assertThat(errors(get("analyst1", "from=2026-01-01&to=2026-01-31&station=nowhere")))
        .containsEntry("station", "联络站不存在：nowhere");
    assertThat(errors(get("analyst1", "from=2026-01-01&to=2026-01-31&town=无此镇")))
        .containsEntry("town", "没有该乡镇的联络站：无此镇");
  }

  @Test
  void citizensDeputiesAndDepartmentsReadNoFigures() {
    assertThat(get(null, "from=2026-01-01&to=2026-01-31").getStatusCode().value()).isEqualTo(401);
    assertThat(get("deputy1", "from=2026-01-01&to=2026-01-31").getStatusCode().value()).isEqualTo(403);
    assertThat(get("water1", "from=2026-01-01&to=2026-01-31").getStatusCode().value()).isEqualTo(403);
    // wrong credentials are no way in either
    HttpHeaders wrong = new HttpHeaders();
    wrong.setBasicAuth("analyst1", "wrong");
    assertThat(http.exchange("/api/statistics?from=2026-01-01&to=2026-01-31", HttpMethod.GET,
        new HttpEntity<>(wrong), String.class).getStatusCode().value()).isEqualTo(401);
  }

  @Test
  void stationStaffReadTheirOwnStationsOnly() {
    // staff1 serves the two 长垣 industry stations: asked without a station, the figures are theirs together
    JsonNode own = JsonBodies.tree(get("staff1", "from=2026-01-01&to=2026-12-31").getBody());
    assertThat(own.path("opinions").path("byStation").properties()).extracting(Map.Entry::getKey)
        .containsExactlyInAnyOrder("cy-anticorrosion", "cy-crane");
    assertThat(get("staff1", "from=2026-01-01&to=2026-12-31&station=cy-crane").getStatusCode().value())
        .isEqualTo(200);
    assertThat(get("staff1", "from=2026-01-01&to=2026-12-31&station=yy-taiping-mobile").getStatusCode().value())
        .isEqualTo(403);
    assertThat(get("staff1", "from=2026-01-01&to=2026-12-31&town=太平镇").getStatusCode().value()).isEqualTo(403);
    // a campaign of another town's station
    assertThat(get("staff1", null, "/api/statistics/campaigns/nowhere").getStatusCode().value()).isEqualTo(404);
  }

  @Test
  void theNamesOfTheCodesAreChinese() {
    JsonNode names = JsonBodies.tree(get("auditor1", null, "/api/statistics/names").getBody());
    assertThat(names.path("channels").path("QR_CODE").asText()).isEqualTo("扫码提交");
    assertThat(names.path("categories").path("IRRIGATION").asText()).isEqualTo("农田水利与灌溉");
    assertThat(names.path("departments").path("dept-water").asText()).isEqualTo("县水利局");
    assertThat(names.path("householdStatuses").path("SIGNED").asText()).isEqualTo("已签约");
  }

  Map<String, String> errors(ResponseEntity<String> response) {
    assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(400);
    assertThat(response.getHeaders().getContentType().toString()).contains("problem+json");
    Map<String, String> errors = new LinkedHashMap<>();
    JsonBodies.tree(response.getBody()).path("errors")
        .forEach(e -> errors.put(e.path("field").asText(), e.path("message").asText()));
    return errors;
  }

  ResponseEntity<String> get(String user, String query) {
    return get(user, query, "/api/statistics");
  }

  ResponseEntity<String> get(String user, String query, String path) {
    HttpHeaders headers = new HttpHeaders();
    if (user != null) {
      headers.setBasicAuth(user, user);
    }
    return http.exchange(query == null ? path : path + "?" + query, HttpMethod.GET, new HttpEntity<>(headers),
        String.class);
  }
}
