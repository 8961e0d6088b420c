package cn.liaison.platform.system;

import static org.assertj.core.api.Assertions.assertThat;

import cn.liaison.platform.JsonBodies;
import com.zaxxer.hikari.HikariDataSource;
import io.github.resilience4j.bulkhead.Bulkhead;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import cn.liaison.platform.PlatformTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.client.RestTemplateBuilder;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * Issue 10: a saturated platform says so at once (503 with Retry-After) instead of queueing. Saturation is made
 * deterministically: the test holds every place of the public bulkhead, or every connection of the pool.
 */
@PlatformTest
class OverloadTests {

  static final String CONTENT = "起重产业集聚区南门道路坑洼严重，大货车经常陷车，希望尽快修补。";

  @LocalServerPort int port;
  @Autowired Bulkhead publicBulkhead;
  @Autowired DataSource dataSource;
  @Autowired RateLimiter rateLimiter;

  /** A client that takes a 503 as the answer (HttpClient 5 would otherwise wait Retry-After and ask again). */
  TestRestTemplate http;

  private int held;

  @BeforeEach
  void freshLimitsAndClientWithoutRetries() {
    rateLimiter.reset();
    http = new TestRestTemplate(new RestTemplateBuilder().rootUri("http://localhost:" + port)
        .requestFactory(() -> new HttpComponentsClientHttpRequestFactory(
            HttpClients.custom().disableAutomaticRetries().disableCookieManagement().build())));
  }

  @AfterEach
  void releaseBulkhead() {
    for (; held > 0; held--) {
      publicBulkhead.onComplete();
    }
  }

  /** Every place of the public bulkhead taken, as by as many citizens' requests in progress. */
  void fillBulkhead() {
    int free = publicBulkhead.getMetrics().getAvailableConcurrentCalls();
    assertThat(free).isPositive();
    for (int i = 0; i < free; i++) {
      assertThat(publicBulkhead.tryAcquirePermission()).isTrue();
      held++;
    }
  }

  @Test
  void fullBulkheadAnswers503WithRetryAfterWhileHealthAndStaffSideAnswer() {
    fillBulkhead();

    ResponseEntity<String> submit = http.postForEntity("/api/opinions", JsonBodies.json(opinion()), String.class);
    assertThat(submit.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
    assertThat(submit.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("5");
    assertThat(submit.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue();
    assertThat(submit.getBody()).contains("\"status\":503").contains("\"title\":\"系统繁忙\"")
        .contains("系统繁忙，请 5 秒后再试。").contains("\"instance\":\"/api/opinions\"");

    ResponseEntity<String> track = http.getForEntity("/api/opinions/YJ20260101-0001", String.class);
    assertThat(track.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);

    // not behind the public bulkhead: health, the reference data, the staff side and Tasklist
    assertThat(http.getForEntity("/actuator/health", String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(http.getForEntity("/api/categories", String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(http.getForEntity("/api/me", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(http.withBasicAuth("staff3", "staff3").getForEntity("/api/me", String.class).getStatusCode())
        .isEqualTo(HttpStatus.OK);
    assertThat(http.getForEntity("/camunda/app/tasklist/default/", String.class).getStatusCode())
        .isEqualTo(HttpStatus.OK);

    releaseBulkhead();
    assertThat(http.postForEntity("/api/opinions", JsonBodies.json(opinion()), String.class).getStatusCode())
        .isEqualTo(HttpStatus.CREATED);
  }

  @Test
  void busyCitizenFormComesBackWithWhatWasTyped() {
    fillBulkhead();

    MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
    form.add("category", "INDUSTRY");
    form.add("content", CONTENT);
    form.add("place", "长垣市起重产业集聚区南门");
    form.add("contactName", "王先生");
    form.add("contactPhone", "13612345678");
    form.add("consent", "on");
    ResponseEntity<String> page = http.postForEntity("/s/cy-crane", formEntity(form), String.class);

    assertThat(page.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
    assertThat(page.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("5");
    assertThat(page.getHeaders().getContentType().isCompatibleWith(MediaType.TEXT_HTML)).isTrue();
    assertThat(page.getHeaders().getFirst("Content-Security-Policy")).isEqualTo(PageHeadersFilter.PUBLIC_POLICY);
    assertThat(page.getBody()).contains("<html lang=\"zh-CN\"").contains("系统繁忙，请稍后再试")
        .contains("action=\"/s/cy-crane\"").contains("method=\"post\"")
        .contains(">" + CONTENT + "</textarea>").contains("value=\"长垣市起重产业集聚区南门\"")
        .contains("value=\"王先生\"").contains("value=\"13612345678\"").contains("value=\"INDUSTRY\"")
        .containsPattern("id=\"f-consent\"[^>]*checked").doesNotContainPattern("id=\"f-anonymous\"[^>]*checked")
        .contains("重新提交");

    MultiValueMap<String, String> lookup = new LinkedMultiValueMap<>();
    lookup.add("ticketNo", "YJ20260101-0007");
    lookup.add("key", "ABCDE-FGHIJ-KLMNP-QRSTU");
    ResponseEntity<String> track = http.postForEntity("/t", formEntity(lookup), String.class);
    assertThat(track.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
    assertThat(track.getBody()).contains("系统繁忙，请稍后再试").contains("action=\"/t\"")
        .contains("value=\"YJ20260101-0007\"").contains("value=\"ABCDE-FGHIJ-KLMNP-QRSTU\"");

    ResponseEntity<String> opened = http.getForEntity("/s/cy-crane", String.class);
    assertThat(opened.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
    assertThat(opened.getBody()).contains("系统繁忙，请稍后再试").contains("href=\"/s/cy-crane\"");

    releaseBulkhead();
    assertThat(http.getForEntity("/s/cy-crane", String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
  }

  /**
   * No connection within the pool's time-out (3 s, not Hikari's 30 s) is 503 with Retry-After, on the public and
   * the staff API and on the pages, not a 500: every connection of the pool is held by the test meanwhile.
   */
  @Test
  void noDatabaseConnectionInTimeIs503NotA500() throws Exception {
    HikariDataSource pool = (HikariDataSource) dataSource;
    assertThat(pool.getConnectionTimeout()).isEqualTo(3000);
    // the running pool keeps its time-out in a field: 300 ms instead of 3 s, so the four waits below cost ~1 s
    java.lang.reflect.Field runningTimeout = Class.forName("com.zaxxer.hikari.pool.PoolBase")
        .getDeclaredField("connectionTimeout");
    runningTimeout.setAccessible(true);
    Object runningPool = pool.getHikariPoolMXBean();
    List<Connection> taken = new ArrayList<>();
    try {
      for (int i = 0; i < pool.getMaximumPoolSize(); i++) {
        taken.add(pool.getConnection());
      }
      runningTimeout.setLong(runningPool, 300);

      ResponseEntity<String> submit = http.postForEntity("/api/opinions", JsonBodies.json(opinion()), String.class);
      assertThat(submit.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
      assertThat(submit.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("5");
      assertThat(submit.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
          .isTrue();
      assertThat(submit.getBody()).contains("\"title\":\"系统繁忙\"");

      // a Basic login reads the password in the database inside Spring Security, outside Spring MVC
      ResponseEntity<String> staff = http.withBasicAuth("staff3", "staff3").getForEntity("/api/me", String.class);
      assertThat(staff.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
      assertThat(staff.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("5");

      // Tasklist's and Cockpit's API: Camunda's error format, 503 instead of Camunda's 500
      ResponseEntity<String> engine = http.withBasicAuth("staff3", "staff3")
          .getForEntity("/engine-rest/task?maxResults=5", String.class);
      assertThat(engine.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
      assertThat(engine.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("5");
      assertThat(engine.getBody()).contains("系统繁忙");

      ResponseEntity<String> page = http.getForEntity("/s/cy-crane", String.class);
      assertThat(page.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
      assertThat(page.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("5");
      assertThat(page.getBody()).contains("系统繁忙，请稍后再试");
    } finally {
      runningTimeout.setLong(runningPool, pool.getConnectionTimeout());
      for (Connection connection : taken) {
        connection.close();
      }
    }
    assertThat(http.getForEntity("/s/cy-crane", String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(publicBulkhead.getMetrics().getAvailableConcurrentCalls())
        .isEqualTo(publicBulkhead.getBulkheadConfig().getMaxConcurrentCalls());
  }

  static Map<String, Object> opinion() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("stationCode", "cy-crane");
    body.put("category", "INDUSTRY");
    body.put("content", CONTENT);
    body.put("place", "长垣市起重产业集聚区南门");
    body.put("contactName", "王某");
    body.put("contactPhone", "13812341234");
    body.put("anonymous", false);
    body.put("consent", true);
    return body;
  }

  static HttpEntity<MultiValueMap<String, String>> formEntity(MultiValueMap<String, String> form) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
    return new HttpEntity<>(form, headers);
  }
}
