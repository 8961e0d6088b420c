package cn.liaison.platform.system;

import static org.assertj.core.api.Assertions.assertThat;

import cn.liaison.platform.PlatformTest;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.Cookie;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.util.LinkedMultiValueMap;

/**
 * Browser safety from the attacker's side: a foreign page posting with the victim's cached Basic credentials, the
 * 401 that would make a browser cache them, the staff pages' headers; and a deserialization attempt through
 * object variables.
 */
@PlatformTest
class BrowserSafetyTests {

  static final String EVIL = "https://evil.example";
  static final String PROCESS_KEY = "browser-safety-check";
  static final AtomicInteger SEQ = new AtomicInteger();
  static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};
  static final String LEDGER = "户编号,户主,村,片区,电话,地块编号,面积(亩),地形,现种作物\n"
      + "D-01,王一,东村,一片,13800000001,1,2,一般,小麦\n";

  @Autowired TestRestTemplate http;
  @Autowired JdbcTemplate jdbc;
  @Autowired RepositoryService repositoryService;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @LocalServerPort int port;

  String campaign;

  @BeforeEach
  void campaignAndProcess() {
    campaign = "browser-safety-" + SEQ.incrementAndGet() + "-" + Long.toString(System.nanoTime(), 36);
    jdbc.update("INSERT INTO campaign (code, name, town, season, start_date, sign_plant_date, wrap_up_date, "
        + "target_households, target_mu, subsidy_per_mu, status, created_by, created_at) "
        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", campaign, "路寨镇2027年水稻改种", "路寨镇", "2027年夏季",
        Date.valueOf(LocalDate.of(2027, 4, 1)), Date.valueOf(LocalDate.of(2027, 4, 15)),
        Date.valueOf(LocalDate.of(2027, 6, 30)), 8, new BigDecimal("40.00"), new BigDecimal("300.00"), "DRAFT",
        "staff3", Timestamp.from(Instant.now()));
    jdbc.update("INSERT INTO campaign_team (campaign_code, scope_kind, scope_name, deputy_user_id) VALUES (?, ?, ?, ?)",
        campaign, "VILLAGE", "东村", "deputy1");
    if (repositoryService.createProcessDefinitionQuery().processDefinitionKey(PROCESS_KEY).count() == 0) {
      repositoryService.createDeployment().name(PROCESS_KEY).addModelInstance(PROCESS_KEY + ".bpmn",
          Bpmn.createExecutableProcess(PROCESS_KEY).name("浏览器安全检查").camundaHistoryTimeToLive(1).startEvent()
              .userTask("Task_Check").name("检查").camundaCandidateGroups("camunda-admin").endEvent().done())
          .deploy();
    }
  }

  // ---- CSRF: a foreign page cannot change data with the victim's cached credentials ----

  @Test
  void foreignPageCannotOverwriteACampaignLedgerWithCachedCredentials() {
    // the browser attaches staff3's cached Basic credentials to the foreign page's multipart form
    HttpHeaders crossSite = new HttpHeaders();
    crossSite.set(HttpHeaders.ORIGIN, EVIL);
    crossSite.set("Sec-Fetch-Site", "cross-site");
    assertRefusedAsCrossSite(upload(crossSite));
    // an older browser that sends neither Origin nor Sec-Fetch-Site, no marker header either
    assertRefusedAsCrossSite(upload(new HttpHeaders()));
    // a sandboxed frame posts with Origin: null
    HttpHeaders sandboxed = new HttpHeaders();
    sandboxed.set(HttpHeaders.ORIGIN, "null");
    assertRefusedAsCrossSite(upload(sandboxed));
    assertThat(households()).isZero();

    // a script (curl -H 'X-Requested-With: …') and the platform's own pages may upload
    HttpHeaders script = new HttpHeaders();
    script.set(CrossSiteRequestGuard.MARKER_HEADER, "XMLHttpRequest");
    assertThat(upload(script).getStatusCode()).isEqualTo(HttpStatus.OK);
    HttpHeaders sameOrigin = new HttpHeaders();
    sameOrigin.set(HttpHeaders.ORIGIN, "http://localhost:" + port);
    sameOrigin.set("Sec-Fetch-Site", "same-origin");
    assertThat(upload(sameOrigin).getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(households()).isEqualTo(1);
  }

  @Test
  void foreignPageCannotDeployOrCompleteTasksThroughEngineRest() {
    long deployments = repositoryService.createDeploymentQuery().count();
    HttpHeaders crossSite = new HttpHeaders();
    crossSite.set(HttpHeaders.ORIGIN, EVIL);
    assertRefusedAsCrossSite(deploy("analyst1", crossSite));
    assertRefusedAsCrossSite(deploy("analyst1", new HttpHeaders()));
    assertThat(repositoryService.createDeploymentQuery().count()).isEqualTo(deployments);

    // text/plain is what a form with enctype="text/plain" sends: '{"variables": {}}' as its only field
    String task = openTask();
    HttpHeaders textPlain = new HttpHeaders();
    textPlain.setContentType(MediaType.TEXT_PLAIN);
    textPlain.set(HttpHeaders.ORIGIN, EVIL);
    assertRefusedAsCrossSite(http.withBasicAuth("demo", "demo").exchange("/engine-rest/task/" + task + "/complete",
        HttpMethod.POST, new HttpEntity<>("{\"variables\": {}}", textPlain), String.class));
    HttpHeaders noOrigin = new HttpHeaders();
    noOrigin.setContentType(MediaType.TEXT_PLAIN);
    assertRefusedAsCrossSite(http.withBasicAuth("demo", "demo").exchange("/engine-rest/task/" + task + "/complete",
        HttpMethod.POST, new HttpEntity<>("{\"variables\": {}}", noOrigin), String.class));
    assertThat(taskService.createTaskQuery().taskId(task).count()).isEqualTo(1);

    // Camunda Modeler deploys from its desktop window (Origin file://); JSON needs no marker (a preflight would)
    HttpHeaders modeler = new HttpHeaders();
    modeler.set(HttpHeaders.ORIGIN, "file://");
    assertThat(deploy("analyst1", modeler).getStatusCode()).isEqualTo(HttpStatus.OK);
    HttpHeaders json = new HttpHeaders();
    json.setContentType(MediaType.APPLICATION_JSON);
    assertThat(http.withBasicAuth("demo", "demo").exchange("/engine-rest/task/" + task + "/complete",
        HttpMethod.POST, new HttpEntity<>("{\"variables\": {}}", json), String.class).getStatusCode())
        .isEqualTo(HttpStatus.NO_CONTENT);
  }

  @Test
  void theRuleDecidesOnOriginThenSecFetchSiteThenAMarkerNoFormCanSend() {
    var guard = new CrossSiteRequestGuard(new ObjectMapper(), List.of("file://"), "https://rd.example.cn");
    assertThat(guard.allowed(request("POST", r -> {}))).as("no credentials").isTrue();
    assertThat(guard.allowed(request("POST", BrowserSafetyTests::basic))).as("form post with credentials").isFalse();
    assertThat(guard.allowed(request("POST", basic(r -> r.setContentType("application/json; charset=UTF-8")))))
        .isTrue();
    assertThat(guard.allowed(request("POST", basic(r -> r.setContentType("application/problem+json"))))).isTrue();
    assertThat(guard.allowed(request("POST", basic(r -> r.setContentType("text/plain; charset=UTF-8"))))).isFalse();
    assertThat(guard.allowed(request("POST", basic(r -> r.setContentType("text/plain; application/json")))))
        .isFalse();
    assertThat(guard.allowed(request("POST", basic(r -> r.addHeader("X-Requested-With", "curl"))))).isTrue();
    assertThat(guard.allowed(request("DELETE", BrowserSafetyTests::basic)))
        .as("DELETE cannot be sent cross-site without a preflight").isTrue();
    assertThat(guard.allowed(request("POST", basic(r -> r.addHeader("Origin", "https://RD.example.cn:443")))))
        .as("liaison.public-base-url").isTrue();
    assertThat(guard.allowed(request("POST", basic(r -> r.addHeader("Origin", "https://rd.example.cn.evil.example")))))
        .isFalse();
    assertThat(guard.allowed(request("POST", basic(r -> {
      r.addHeader("Origin", EVIL);
      r.addHeader("X-Requested-With", "XMLHttpRequest");
      r.setContentType("application/json");
    })))).as("a foreign origin is refused whatever else it sends").isFalse();
    assertThat(guard.allowed(request("POST", basic(r -> r.addHeader("Sec-Fetch-Site", "same-site"))))).isFalse();
    assertThat(guard.allowed(request("POST", r -> {
      r.setCookies(new Cookie("JSESSIONID", "abc"));
      r.addHeader("Sec-Fetch-Site", "cross-site");
    }))).as("the session cookie is a credential too").isFalse();
    assertThat(guard.allowed(request("POST", r -> {
      r.setCookies(new Cookie("JSESSIONID", "abc"));
      r.addHeader("Sec-Fetch-Site", "same-origin");
    }))).isTrue();
    assertThat(guard.allowed(request("GET", basic(r -> r.addHeader("Origin", EVIL))))).isTrue();
  }

  static MockHttpServletRequest request(String method, Consumer<MockHttpServletRequest> setup) {
    MockHttpServletRequest request = new MockHttpServletRequest(method, "/api/campaigns/x/households");
    setup.accept(request);
    return request;
  }

  static void basic(MockHttpServletRequest request) {
    request.addHeader(HttpHeaders.AUTHORIZATION, "Basic c3RhZmYxOnN0YWZmMQ==");
  }

  static Consumer<MockHttpServletRequest> basic(Consumer<MockHttpServletRequest> more) {
    return r -> {
      basic(r);
      more.accept(r);
    };
  }

  // ---- 401 without a Basic challenge, staff pages' headers ----

  @Test
  void unauthorizedAnswersNeverOpenTheBrowsersLoginDialog() {
    for (String path : List.of("/api/me", "/engine-rest/process-definition")) {
      ResponseEntity<String> anonymous = http.getForEntity(path, String.class);
      assertThat(anonymous.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
      assertThat(anonymous.getHeaders().get(HttpHeaders.WWW_AUTHENTICATE)).as(path).isNotEmpty()
          .allSatisfy(challenge -> assertThat(challenge).doesNotStartWithIgnoringCase("basic"));
    }
    ResponseEntity<String> wrong = http.withBasicAuth("auditor1", "not-the-password").exchange("/api/me",
        HttpMethod.GET, forwardedFor(nextAddress()), String.class);
    assertThat(wrong.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(wrong.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Liaison-Basic");
  }

  @Test
  void staffPagesCannotBeFramedCachedOrSniffed() {
    for (String path : List.of("/staff/opinions/YJ-UNKNOWN", "/staff/households/999999")) {
      ResponseEntity<String> page = http.getForEntity(path, String.class);
      HttpHeaders headers = page.getHeaders();
      assertThat(headers.getFirst("Content-Security-Policy")).as(path).contains("frame-ancestors 'none'")
          .contains("default-src 'none'");
      assertThat(headers.getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
      assertThat(headers.getFirst(HttpHeaders.CACHE_CONTROL)).contains("no-store");
      assertThat(headers.getFirst("Referrer-Policy")).isEqualTo("no-referrer");
      assertThat(headers.getFirst("X-Frame-Options")).isEqualTo("DENY");
    }
  }

  // ---- deserialization: object variables of foreign types ----

  @Test
  void objectVariableOfAForeignTypeIsRefusedAndNothingIsStored() {
    ProcessInstance pi = runtimeService.startProcessInstanceByKey(PROCESS_KEY);
    String task = taskService.createTaskQuery().processInstanceId(pi.getId()).singleResult().getId();
    Map<String, Object> url = objectValue("java.net.URL");
    Map<String, Object> listOfUrls = objectValue("java.util.ArrayList<java.net.URL>");

    assertThat(http.withBasicAuth("demo", "demo").exchange("/engine-rest/process-instance/" + pi.getId()
        + "/variables/evil", HttpMethod.PUT, json(url), String.class).getStatusCode())
        .isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(http.withBasicAuth("demo", "demo").exchange("/engine-rest/process-instance/" + pi.getId()
        + "/variables", HttpMethod.POST, json(Map.of("modifications", Map.of("evil", listOfUrls))), String.class)
        .getStatusCode().is2xxSuccessful()).isFalse();
    assertThat(http.withBasicAuth("demo", "demo").exchange("/engine-rest/task/" + task + "/complete",
        HttpMethod.POST, json(Map.of("variables", Map.of("evil", url))), String.class).getStatusCode()
        .is2xxSuccessful()).isFalse();

    assertThat(runtimeService.getVariables(pi.getId())).doesNotContainKey("evil");
    assertThat(taskService.createTaskQuery().taskId(task).count()).isEqualTo(1);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ACT_RU_VARIABLE WHERE NAME_ = 'evil'", Integer.class))
        .isZero();

    // a JDK collection of value types is fine
    assertThat(http.withBasicAuth("demo", "demo").exchange("/engine-rest/process-instance/" + pi.getId()
        + "/variables/fine", HttpMethod.PUT, json(objectValue("java.util.HashMap<java.lang.String,java.lang.Object>")),
        String.class).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(runtimeService.getVariable(pi.getId(), "fine")).isEqualTo(Map.of());
  }

  // ---- helpers ----

  static Map<String, Object> objectValue(String type) {
    return Map.of("value", type.startsWith("java.util.ArrayList") ? "[]" : "{}",
        "type", "Object", "valueInfo", Map.of("objectTypeName", type, "serializationDataFormat", "application/json"));
  }

  static HttpEntity<Object> json(Object body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return new HttpEntity<>(body, headers);
  }

  static void assertRefusedAsCrossSite(ResponseEntity<String> answer) {
    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(answer.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue();
    assertThat(answer.getBody()).contains("已拒绝跨站请求", "X-Requested-With");
  }

  ResponseEntity<String> upload(HttpHeaders headers) {
    var form = new LinkedMultiValueMap<String, Object>();
    form.add("file", new ByteArrayResource(LEDGER.getBytes(StandardCharsets.UTF_8)) {
      @Override
      public String getFilename() {
        return "ledger.csv";
      }
    });
    headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    return http.withBasicAuth("staff3", "staff3").exchange("/api/campaigns/" + campaign + "/households",
        HttpMethod.POST, new HttpEntity<>(form, headers), String.class);
  }

  int households() {
    return jdbc.queryForObject("SELECT COUNT(*) FROM household WHERE campaign_code = ?", Integer.class, campaign);
  }

  ResponseEntity<String> deploy(String user, HttpHeaders headers) {
    String bpmn = Bpmn.convertToString(Bpmn.createExecutableProcess("cross-site-deployed").name("跨站部署")
        .camundaHistoryTimeToLive(1).startEvent().endEvent().done());
    var form = new LinkedMultiValueMap<String, Object>();
    form.add("deployment-name", "cross-site");
    form.add("deployment-source", "Camunda Modeler");
    form.add("data", new ByteArrayResource(bpmn.getBytes(StandardCharsets.UTF_8)) {
      @Override
      public String getFilename() {
        return "cross-site-deployed.bpmn";
      }
    });
    headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    return http.withBasicAuth(user, user).exchange("/engine-rest/deployment/create", HttpMethod.POST,
        new HttpEntity<>(form, headers), String.class);
  }

  String openTask() {
    ProcessInstance pi = runtimeService.startProcessInstanceByKey(PROCESS_KEY);
    return taskService.createTaskQuery().processInstanceId(pi.getId()).singleResult().getId();
  }

  static final AtomicInteger ADDRESSES = new AtomicInteger(ThreadLocalRandom.current().nextInt(30_000));

  /** A client address of its own per use (198.18.0.0/15, for tests), so that tests never throttle each other. */
  static String nextAddress() {
    int n = ADDRESSES.incrementAndGet();
    return "198.18." + (n / 250 % 250) + "." + (n % 250 + 1);
  }

  static HttpEntity<Void> forwardedFor(String address) {
    HttpHeaders headers = new HttpHeaders();
    headers.set("X-Forwarded-For", address);
    return new HttpEntity<>(headers);
  }
}
