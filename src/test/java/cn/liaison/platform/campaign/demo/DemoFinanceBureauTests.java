package cn.liaison.platform.campaign.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import cn.liaison.platform.calendar.WorkingDayCalendar;
import cn.liaison.platform.department.DepartmentDirectory;
import cn.liaison.platform.department.Departments;
import cn.liaison.platform.department.Signatures;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The demo's finance bureau: there only with demo data (and its own switch), it takes a signed DISBURSE_SUBSIDY
 * delivery once and answers with signed per-household PAYMENT_RESULT replies, about one in ten FAILED with a
 * bank's reason.
 */
class DemoFinanceBureauTests {

  static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
  final ObjectMapper json = new ObjectMapper();

  final ApplicationContextRunner context = new ApplicationContextRunner()
      // as in the application: settings such as PT5S become Durations
      .withInitializer(c -> c.getBeanFactory().setConversionService(
          org.springframework.boot.convert.ApplicationConversionService.getSharedInstance()))
      .withBean(DepartmentDirectory.class, () -> mock(DepartmentDirectory.class))
      .withBean(Departments.class, () -> mock(Departments.class))
      .withBean(ObjectMapper.class, ObjectMapper::new)
      .withBean(Clock.class, Clock::systemUTC)
      .withBean(WorkingDayCalendar.class, DemoFinanceBureauTests::calendar)
      .withUserConfiguration(DemoFinanceBureau.class, DemoFinanceBureauRemoval.class);

  @Test
  void thereIsNoFinanceBureauWithoutDemoData() {
    context.withPropertyValues("liaison.demo.enabled=false").run(c -> assertThat(c)
        .doesNotHaveBean(DemoFinanceBureau.class).hasSingleBean(DemoFinanceBureauRemoval.class));
    context.run(c -> assertThat(c).doesNotHaveBean(DemoFinanceBureau.class));
    context.withPropertyValues("liaison.demo.enabled=true", "liaison.demo.finance-bureau.enabled=false")
        .run(c -> assertThat(c).doesNotHaveBean(DemoFinanceBureau.class));
    context.withPropertyValues("liaison.demo.enabled=true").run(c -> assertThat(c)
        .hasSingleBean(DemoFinanceBureau.class).doesNotHaveBean(DemoFinanceBureauRemoval.class));
  }

  @Test
  void aDatabaseThatRanTheDemoGetsTheFinanceInboxBackWhenTheBureauIsGone() {
    DepartmentDirectory directory = mock(DepartmentDirectory.class);
    Departments departments = mock(Departments.class);
    when(departments.findByCode("dept-finance")).thenReturn(java.util.Optional.of(new cn.liaison.platform.department
        .Department("dept-finance", "县财政局", "dept-finance", cn.liaison.platform.department.Department.Channel.HTTP,
        "http://localhost:8080" + DemoFinanceBureau.PATH, 10_000, true, true)));
    new DemoFinanceBureauRemoval(directory, departments).removeTheDemoBureau();
    org.mockito.Mockito.verify(directory).save("dept-finance", new DepartmentDirectory.Change("县财政局", "dept-finance",
        "INBOX", null, 10_000, null, true));

    // a bureau's real system is left alone
    DepartmentDirectory untouched = mock(DepartmentDirectory.class);
    when(departments.findByCode("dept-finance")).thenReturn(java.util.Optional.of(new cn.liaison.platform.department
        .Department("dept-finance", "县财政局", "dept-finance", cn.liaison.platform.department.Department.Channel.HTTP,
        "https://czj.example.gov.cn/subsidy", 10_000, true, true)));
    new DemoFinanceBureauRemoval(untouched, departments).removeTheDemoBureau();
    org.mockito.Mockito.verifyNoInteractions(untouched);
  }

  @Test
  void paysTheBatchOnceAndReportsEachHouseholdSignedMostPaidSomeFailedForABanksReason() throws Exception {
    WireMockServer platform = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    platform.start();
    DemoFinanceBureau bureau = new DemoFinanceBureau(mock(DepartmentDirectory.class), mock(Departments.class), json,
        Clock.systemUTC(), calendar(), Duration.ofMillis(50));
    try {
      platform.stubFor(WireMock.post("/api/departments/dept-finance/replies")
          .willReturn(WireMock.okJson("{\"status\":\"ACCEPTED\"}")));
      bureau.platformAt(platform.baseUrl());
      byte[] delivery = delivery(200);

      // not signed with the bureau's key: refused, nothing paid
      assertThat(bureau.disburse("1", "n0", "sha256=00", "subsidy-batch:7", delivery).getStatusCode().value())
          .isEqualTo(401);
      assertThat(send(bureau, "subsidy-batch:7", delivery).getStatusCode().value()).isEqualTo(202);
      // the platform's retried job repeats the delivery: the bureau pays nobody twice
      assertThat(send(bureau, "subsidy-batch:7", delivery).getBody()).containsEntry("status", "DUPLICATE");

      List<LoggedRequest> replies = awaitReplies(platform);
      assertThat(replies).hasSize(1);
      LoggedRequest reply = replies.get(0);
      assertThat(Signatures.verify(DemoFinanceBureau.SECRET, reply.getHeader(Signatures.TIMESTAMP),
          reply.getHeader(Signatures.NONCE), reply.getBody(), reply.getHeader(Signatures.SIGNATURE))).isTrue();
      JsonNode body = json.readTree(reply.getBodyAsString());
      assertThat(body.path("ticketNo").asText()).isEqualTo("BATCH-7");
      assertThat(body.path("type").asText()).isEqualTo("PAYMENT_RESULT");
      assertThat(body.path("lines")).hasSize(200);
      int failed = 0;
      for (JsonNode line : body.path("lines")) {
        if ("FAILED".equals(line.path("status").asText())) {
          failed++;
          assertThat(line.path("reason").asText()).isIn(DemoFinanceBureau.FAILURE_REASONS);
        } else {
          assertThat(line.path("status").asText()).isEqualTo("PAID");
          assertThat(line.path("voucherNo").asText()).matches("CZ\\d{8}-7-\\d{4}");
          assertThat(line.path("paidOn").asText()).matches("\\d{4}-\\d{2}-\\d{2}");
        }
      }
      assertThat(failed).as("about one in ten").isBetween(8, 35);
    } finally {
      bureau.stop();
      platform.stop();
    }
  }

  @Test
  void triesAgainWhileThePlatformCannotTakeTheResultsYet() throws Exception {
    WireMockServer platform = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    platform.start();
    DemoFinanceBureau bureau = new DemoFinanceBureau(mock(DepartmentDirectory.class), mock(Departments.class), json,
        Clock.systemUTC(), calendar(), Duration.ofMillis(50));
    try {
      // the batch's job has not committed 已发送 yet: 409 first, then taken
      platform.stubFor(WireMock.post("/api/departments/dept-finance/replies").inScenario("commit")
          .whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
          .willReturn(WireMock.aResponse().withStatus(409)).willSetStateTo("sent"));
      platform.stubFor(WireMock.post("/api/departments/dept-finance/replies").inScenario("commit")
          .whenScenarioStateIs("sent").willReturn(WireMock.okJson("{\"status\":\"ACCEPTED\"}")));
      bureau.platformAt(platform.baseUrl());
      send(bureau, "subsidy-batch:8", delivery(8, 3));
      long deadline = System.currentTimeMillis() + 10_000;
      while (platform.findAll(WireMock.postRequestedFor(WireMock.anyUrl())).size() < 2
          && System.currentTimeMillis() < deadline) {
        Thread.sleep(50);
      }
      assertThat(platform.findAll(WireMock.postRequestedFor(WireMock.anyUrl()))).hasSize(2);
    } finally {
      bureau.stop();
      platform.stop();
    }
  }

  byte[] delivery(int households) throws Exception {
    return delivery(7, households);
  }

  /** What HttpChannel sends for a batch (BATCH-&lt;id&gt;) of n households. */
  byte[] delivery(int batchId, int households) throws Exception {
    List<Map<String, Object>> payments = new ArrayList<>();
    for (int i = 1; i <= households; i++) {
      payments.add(Map.of("householdNo", "LZ-" + i, "village", "东村", "plantedMu", 1.5, "amount", 450));
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("operation", "DISBURSE_SUBSIDY");
    body.put("reference", "BATCH-" + batchId);
    body.put("batchId", batchId);
    body.put("kind", "ARREARS");
    body.put("payments", payments);
    return json.writeValueAsBytes(body);
  }

  static org.springframework.http.ResponseEntity<Map<String, String>> send(DemoFinanceBureau bureau, String key,
      byte[] body) throws Exception {
    String timestamp = String.valueOf(Instant.now().getEpochSecond());
    String nonce = java.util.UUID.randomUUID().toString();
    return bureau.disburse(timestamp, nonce, Signatures.sign(DemoFinanceBureau.SECRET, timestamp, nonce, body), key,
        body);
  }

  static List<LoggedRequest> awaitReplies(WireMockServer platform) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 10_000;
    List<LoggedRequest> found = List.of();
    while (found.isEmpty() && System.currentTimeMillis() < deadline) {
      Thread.sleep(50);
      found = platform.findAll(WireMock.postRequestedFor(WireMock.urlEqualTo("/api/departments/dept-finance/replies")));
    }
    Thread.sleep(200); // nothing more comes
    return platform.findAll(WireMock.postRequestedFor(WireMock.urlEqualTo("/api/departments/dept-finance/replies")));
  }

  static WorkingDayCalendar calendar() {
    WorkingDayCalendar calendar = mock(WorkingDayCalendar.class);
    when(calendar.zone()).thenReturn(BEIJING);
    return calendar;
  }
}
