package cn.liaison.platform.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import cn.liaison.platform.JsonBodies;
import cn.liaison.platform.PlatformTest;
import cn.liaison.platform.campaign.CampaignProcess.UnwillingReason;
import cn.liaison.platform.campaign.CampaignProcess.Var;
import cn.liaison.platform.campaign.CampaignProcess.VisitOutcome;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;

/**
 * A town's campaign of households in 5 villages (100 on H2, 500 on PostgreSQL: {@link #households()}), run as the station does it: campaign, ledger import and
 * start through the API, the deputies' and bureaus' tasks, subsidy batches paid by the finance bureau's own
 * system, which fails now and then. Afterwards the ledger says what the process history says, and the finance
 * system was asked to pay every planted household exactly once.
 */
@PlatformTest
class CampaignSimulationTests {

  static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
  static final List<String> VILLAGES = List.of("东村", "西村", "南村", "北村", "中村");
  static final String CODE = "LZ-SIM-2027";

  /** How many households the town has: enough on H2 to cross every batch and cycle; the IT runs the full 500. */
  int households() {
    return 100;
  }

  @Autowired TestRestTemplate http;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired HistoryService history;
  @Autowired org.springframework.jdbc.core.JdbcTemplate jdbc;

  @AfterEach
  void financeBackToTasklist() {
    ClockUtil.reset();
    put("/api/admin/departments/dept-finance", Map.of("name", "县财政局", "group", "dept-finance", "channel", "INBOX"));
  }

  @Test
  void fiveHundredHouseholdsAreMobilisedPaidOnceAndTheLedgerAgreesWithTheProcessHistory() throws Exception {
    WireMockServer finance = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    finance.start();
    try {
      // the finance bureau's payment system: every first attempt of a batch fails, the retry is accepted
      finance.stubFor(WireMock.post("/payments").inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
          .willReturn(WireMock.aResponse().withStatus(503)).willSetStateTo("recovered"));
      finance.stubFor(WireMock.post("/payments").inScenario("flaky").whenScenarioStateIs("recovered")
          .willReturn(WireMock.aResponse().withStatus(202)).willSetStateTo(Scenario.STARTED));
      assertThat(put("/api/admin/departments/dept-finance", Map.of("name", "县财政局", "group", "dept-finance",
          "channel", "HTTP", "endpoint", finance.baseUrl() + "/payments", "timeoutMillis", 2000,
          "secret", "finance-bureau-secret-2027")).getStatusCode()).isEqualTo(HttpStatus.OK);


      setClock(ZonedDateTime.of(2027, 3, 28, 9, 0, 0, 0, BEIJING));
      var created = http.withBasicAuth("staff3", "staff3").postForEntity("/api/campaigns", Map.of(
          "code", CODE, "name", "路寨镇2027年水稻改种（演练）", "town", "路寨镇", "season", "2027年春",
          "phases", Map.of("start", "2027-04-01", "signAndPlant", "2027-04-15", "wrapUp", "2027-06-30"),
          "targetHouseholds", households(), "targetMu", 2 * households(), "subsidyPerMu", 300,
          "team", List.of(Map.of("deputy", "deputy1", "villages", VILLAGES.subList(0, 3)),
              Map.of("deputy", "deputy2", "villages", VILLAGES.subList(3, 5)))), String.class);
      assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(HttpStatus.CREATED);

      var imported = importLedger(ledgerCsv());
      assertThat(imported.getStatusCode()).as(imported.getBody()).isEqualTo(HttpStatus.OK);
      assertThat(JsonBodies.tree(imported.getBody()).get("householdsCreated").asInt()).isEqualTo(households());

      setClock(ZonedDateTime.of(2027, 4, 1, 9, 0, 0, 0, BEIJING));
      HttpHeaders script = new HttpHeaders();
      script.set("X-Requested-With", "XMLHttpRequest"); // a POST without a body says it is no cross-site request
      assertThat(http.withBasicAuth("staff3", "staff3").postForEntity("/api/campaigns/" + CODE + "/start",
          new HttpEntity<>(script), String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
      ProcessInstance campaign = runtime.createProcessInstanceQuery().processInstanceBusinessKey(CODE)
          .processDefinitionKey(CampaignProcess.CAMPAIGN_KEY).singleResult();
      HouseholdStarts.runAll(management, campaign.getId());
      assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(CampaignProcess.HOUSEHOLD_KEY)
          .variableValueEquals(Var.CAMPAIGN_CODE, CODE).count()).isEqualTo(households());

      // deputies visit: 8 in 10 households replant, 1 in 10 will not, 1 in 10 is never at home
      int planted = 0;
      for (ProcessInstance h : runtime.createProcessInstanceQuery().processDefinitionKey(CampaignProcess.HOUSEHOLD_KEY)
          .variableValueEquals(Var.CAMPAIGN_CODE, CODE).list()) {
        int n = Integer.parseInt(h.getBusinessKey().substring(h.getBusinessKey().length() - 3));
        if (n % 10 == 3) {
          UnwillingReason reason = n % 20 == 3 ? UnwillingReason.HIGH_GROUND : UnwillingReason.HIGH_COST;
          complete(h, CampaignProcess.Task.VISIT, Map.of(Var.VISIT_OUTCOME, VisitOutcome.UNWILLING.name(),
              Var.UNWILLING_REASONS, List.of(reason.name()), Var.VISIT_NOTE, "顾虑成本"));
        } else if (n % 10 == 7) {
          complete(h, CampaignProcess.Task.VISIT, Map.of(Var.VISIT_OUTCOME, VisitOutcome.NOT_HOME.name()));
        } else {
          complete(h, CampaignProcess.Task.VISIT, Map.of(Var.VISIT_OUTCOME, VisitOutcome.WILLING.name()));
          complete(h, CampaignProcess.Task.SIGN_AGREEMENT, Map.of(Var.AGREEMENT_NO, "XY-" + n,
              Var.SIGNED_PLOTS, List.of("P1"), Var.SIGNED_MU, 2.0));
          complete(h, CampaignProcess.Task.CONFIRM_PLANTING, Map.of(Var.PLANTED_MU, 2.0, Var.PLANTED_ON, "2027-04-20"));
          runJobs(h.getId(), CampaignProcess.Task.SCHEDULE_WATER);
          runJobs(h.getId(), CampaignProcess.Task.REGISTER_TECHNICAL_GUIDANCE);
          planted++;
        }
      }
      assertThat(planted).isEqualTo(households() * 8 / 10);

      // first period: the bureau's system, which fails once per batch (retried with the same key), fails some
      // payments and repeats some of its reports
      List<String> firstBatch = payBatch(campaign.getId(), ZonedDateTime.of(2027, 4, 8, 9, 1, 0, 0, BEIJING));
      assertThat(firstBatch).hasSize(planted);
      List<String> failed = firstBatch.stream().filter(no -> Integer.parseInt(no.substring(2)) % 8 == 1).toList();
      assertThat(failed).isNotEmpty();
      List<Map<String, Object>> results = firstBatch.stream().map(no -> failed.contains(no)
          ? Map.<String, Object>of("householdNo", no, "status", "FAILED", "reason", "账户冻结")
          : Map.<String, Object>of("householdNo", no, "status", "PAID", "paidOn", "2027-04-08", "voucherNo", "PZ-" + no))
          .toList();
      int half = results.size() / 2;
      Map<String, Object> firstReport = paymentResult(firstBatch, results.subList(0, half));
      assertThat(financeReplies(firstReport)).isEqualTo("ACCEPTED");
      assertThat(financeReplies(firstReport)).as("the same report again").isEqualTo("DUPLICATE");
      // the rest, overlapping what was reported already
      assertThat(financeReplies(paymentResult(firstBatch, results.subList(half - 3, results.size()))))
          .isEqualTo("ACCEPTED");
      // a report not signed with the bureau's secret changes nothing
      assertThat(reply("dept-finance", "not-the-secret", paymentResult(firstBatch, results.subList(0, 1))))
          .isEqualTo(401);
      JsonNode ledgerAfterFirst = ledgerRow(failed.get(0));
      assertThat(ledgerAfterFirst.get("发放状态").asText()).isEqualTo("发放失败");
      assertThat(ledgerAfterFirst.get("发放失败原因").asText()).isEqualTo("账户冻结");
      JsonNode arrears = JsonBodies.tree(http.withBasicAuth("staff3", "staff3")
          .getForEntity("/api/campaigns/" + CODE + "/ledger", String.class).getBody()).get("subsidyArrears");
      assertThat(arrears).hasSize(failed.size());
      assertThat(arrears.get(0).asText()).contains("欠发").contains("账户冻结");
      JsonNode firstDone = batchOf(firstBatch);
      assertThat(firstDone.get("statusLabel").asText()).isEqualTo("已完成");
      assertThat(firstDone.get("total").decimalValue()).isEqualByComparingTo(firstDone.get("paid").decimalValue()
          .add(firstDone.get("failed").decimalValue()).add(firstDone.get("heldBack").decimalValue()));
      assertThat(firstDone.get("failed").decimalValue()).isEqualByComparingTo(String.valueOf(failed.size() * 600));

      // arrears: the station corrects the accounts, the deputies confirm with the households
      for (String no : failed) {
        assertThat(http.withBasicAuth("staff3", "staff3").exchange("/api/campaigns/" + CODE + "/households/" + no
            + "/payment-account", HttpMethod.PUT, JsonBodies.json(Map.of("accountHolder", "户主" + no,
                "accountNo", "62170012345" + no.substring(2), "bank", "农信社", "reason", "原卡冻结，换新卡")),
            String.class).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        ProcessInstance h = runtime.createProcessInstanceQuery().processDefinitionKey(CampaignProcess.HOUSEHOLD_KEY)
            .processInstanceBusinessKey(no).variableValueEquals(Var.CAMPAIGN_CODE, CODE).singleResult();
        complete(h, CampaignProcess.Task.CONFIRM_PAYMENT_ACCOUNT, Map.of(Var.ACCOUNT_CONFIRMED, true,
            Var.ACCOUNT_CONFIRM_NOTE, "已与户主核实新卡"));
      }

      // second period: the bureau works by workbook (no system): download, the bank's results, import
      put("/api/admin/departments/dept-finance", Map.of("name", "县财政局", "group", "dept-finance", "channel", "INBOX"));
      List<String> secondBatch = payBatch(campaign.getId(), ZonedDateTime.of(2027, 4, 15, 9, 1, 0, 0, BEIJING));
      assertThat(secondBatch).containsExactlyInAnyOrderElementsOf(failed);
      long secondId = batchOf(secondBatch).get("id").asLong();
      var workbook = http.withBasicAuth("finance1", "finance1").getForEntity("/api/campaigns/" + CODE
          + "/subsidy-batches/" + secondId + "/payment-workbook.xlsx", byte[].class);
      assertThat(workbook.getStatusCode()).isEqualTo(HttpStatus.OK);
      assertThat(http.withBasicAuth("water1", "water1").getForEntity("/api/campaigns/" + CODE
          + "/subsidy-batches/" + secondId + "/payment-workbook.xlsx", String.class).getStatusCode())
          .isEqualTo(HttpStatus.NOT_FOUND);
      byte[] wrong = bankResults(workbook.getBody(), "明天");
      var refused = importResults(secondId, wrong);
      assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
      assertThat(refused.getBody()).contains("第2行·发放日期");
      assertThat(batchOf(secondBatch).get("paid").decimalValue()).as("nothing taken").isEqualByComparingTo("0");
      byte[] bank = bankResults(workbook.getBody(), "2027-04-15");
      assertThat(importResults(secondId, bank).getStatusCode()).isEqualTo(HttpStatus.OK);
      var repeated = importResults(secondId, bank);
      assertThat(JsonBodies.tree(repeated.getBody()).get("taken").asInt()).as("imported twice").isZero();
      assertThat(batchOf(secondBatch).get("statusLabel").asText()).isEqualTo("已完成");

      setClock(ZonedDateTime.of(2027, 4, 15, 8, 1, 0, 0, BEIJING));
      runJobs(campaign.getId(), CampaignProcess.Event.TIMER_SIGN_AND_PLANT);
      setClock(ZonedDateTime.of(2027, 6, 30, 8, 1, 0, 0, BEIJING));
      runJobs(campaign.getId(), CampaignProcess.Event.TIMER_WRAP_UP);
      runJobs(campaign.getId(), CampaignProcess.Task.END_MOBILISATION);
      complete(campaign, CampaignProcess.Task.WRAP_UP, Map.of(Var.WRAP_UP_NOTE, "已逐村核对", Var.WRAP_UP_CONFIRMED, true));
      assertThat(runtime.createProcessInstanceQuery().processInstanceId(campaign.getId()).count()).isZero();

      // the finance system saw every planted household it was to pay in exactly one payment order (idempotency key)
      Map<String, Set<String>> keysByHousehold = new HashMap<>();
      List<LoggedRequest> requests = finance.findAll(WireMock.postRequestedFor(WireMock.urlEqualTo("/payments")));
      for (LoggedRequest r : requests) {
        JsonNode body = JsonBodies.tree(r.getBodyAsString());
        for (JsonNode p : body.get("payments")) {
          keysByHousehold.computeIfAbsent(p.get("householdNo").asText(), k -> new HashSet<>())
              .add(r.getHeader("Idempotency-Key"));
        }
      }
      assertThat(keysByHousehold).hasSize(planted).allSatisfy((household, keys) -> assertThat(keys).hasSize(1));
      assertThat(requests.size()).as("each batch was tried twice").isEqualTo(2 * requests.stream()
          .map(r -> r.getHeader("Idempotency-Key")).distinct().count());
      // every planted household paid exactly once, to the cent, none in arrears
      assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM subsidy_payment p JOIN household h ON h.id = p.household_id "
          + "WHERE h.campaign_code = ? AND p.status = 'PAID'", Integer.class, CODE)).isEqualTo(planted);
      assertThat(jdbc.queryForObject("SELECT COUNT(DISTINCT p.household_id) FROM subsidy_payment p JOIN household h "
          + "ON h.id = p.household_id WHERE h.campaign_code = ? AND p.status = 'PAID'", Integer.class, CODE))
          .isEqualTo(planted);
      assertThat(jdbc.queryForObject("SELECT SUM(p.amount) FROM subsidy_payment p JOIN household h "
          + "ON h.id = p.household_id WHERE h.campaign_code = ? AND p.status = 'PAID'", java.math.BigDecimal.class, CODE))
          .isEqualByComparingTo(String.valueOf(planted * 600));

      // the ledger agrees with the process history
      JsonNode ledgerAtTheEnd = JsonBodies.tree(http.withBasicAuth("staff3", "staff3")
          .getForEntity("/api/campaigns/" + CODE + "/ledger", String.class).getBody());
      assertThat(ledgerAtTheEnd.get("subsidyArrears")).as("no household left unpaid").isEmpty();
      JsonNode overall = ledgerAtTheEnd.get("overall");
      long crossedOffInHistory = householdsThatPassed(CampaignProcess.Event.CROSSED_OFF);
      long notConvertedInHistory = householdsThatPassed(CampaignProcess.Event.NOT_CONVERTED);
      assertThat(overall.get("households").asInt()).isEqualTo(households());
      assertThat(overall.get("crossedOff").asLong()).isEqualTo(crossedOffInHistory).isEqualTo(planted);
      assertThat(overall.get("notConverted").asLong()).isEqualTo(notConvertedInHistory).isEqualTo(households() / 5);
      assertThat(overall.get("subsidised").asInt()).isEqualTo(planted);
      assertThat(overall.get("subsidyAmount").decimalValue()).isEqualByComparingTo(String.valueOf(planted * 600));
      assertThat(overall.get("plantedMu").decimalValue()).isEqualByComparingTo(String.valueOf(planted * 2));
    } finally {
      finance.stop();
    }
  }

  /** This campaign's households (other tests' campaigns share the database) whose sign-off passed the event. */
  long householdsThatPassed(String eventId) {
    return history.createHistoricProcessInstanceQuery().processDefinitionKey(CampaignProcess.HOUSEHOLD_KEY)
        .variableValueEquals(Var.CAMPAIGN_CODE, CODE).executedActivityIdIn(eventId).count();
  }

  /**
   * A subsidy period: the batch is composed, checked by the town's staff (staff3) and the finance bureau (finance1)
   * in Tasklist, then sent; a system that answers 503 first is retried with the same key. Returns the batch's
   * households (empty when nobody was due).
   */
  List<String> payBatch(String campaignId, ZonedDateTime when) {
    setClock(when);
    runJobs(campaignId, CampaignProcess.Event.TIMER_SUBSIDY_CYCLE);
    runJobs(campaignId, CampaignProcess.Task.COMPOSE_BATCH);
    Job send = management.createJobQuery().processInstanceId(campaignId)
        .activityId(CampaignProcess.Task.SEND_BATCH).singleResult();
    if (send == null) {
      return List.of();
    }
    management.executeJob(send.getId());
    ProcessInstance batch = runtime.createProcessInstanceQuery().processDefinitionKey(CampaignProcess.SUBSIDY_BATCH_KEY)
        .variableValueEquals(Var.CAMPAIGN_CODE, CODE).activityIdIn(CampaignProcess.Task.REVIEW_BATCH).singleResult();
    long reviewedId = ((Number) runtime.getVariable(batch.getId(), Var.SUBSIDY_BATCH_ID)).longValue();
    String first = JsonBodies.tree(http.withBasicAuth("staff3", "staff3").getForEntity("/api/campaigns/" + CODE
        + "/subsidy-batches/" + reviewedId, String.class).getBody()).get("lines").get(0).get("householdNo").asText();
    String hold = "/api/campaigns/" + CODE + "/subsidy-batches/" + reviewedId + "/households/" + first;
    var noReason = http.withBasicAuth("staff3", "staff3").postForEntity(hold + "/hold-back",
        JsonBodies.json(Map.of("reason", " ")), String.class);
    assertThat(noReason.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(noReason.getBody()).contains("reason", "请填写暂缓发放的原因");
    assertThat(http.withBasicAuth("water1", "water1").postForEntity(hold + "/hold-back",
        JsonBodies.json(Map.of("reason", "核对面积")), String.class).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(http.withBasicAuth("finance1", "finance1").postForEntity(hold + "/hold-back",
        JsonBodies.json(Map.of("reason", "核对面积")), String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
    HttpHeaders script = new HttpHeaders();
    script.set("X-Requested-With", "XMLHttpRequest");
    assertThat(http.withBasicAuth("staff3", "staff3").postForEntity(hold + "/release", new HttpEntity<>(script),
        String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
    completeAs("finance1", batch, CampaignProcess.Task.REVIEW_BATCH, 403);
    completeAs("staff3", batch, CampaignProcess.Task.REVIEW_BATCH, 204);
    completeAs("finance1", batch, CampaignProcess.Task.FINANCE_REVIEW_BATCH, 204);
    Job deliver = management.createJobQuery().processInstanceId(batch.getId())
        .activityId(CampaignProcess.Task.DELIVER_BATCH).singleResult();
    try {
      management.executeJob(deliver.getId());
    } catch (RuntimeException expectedFirstFailure) {
      // the finance system answered 503: the job keeps its retries and runs again
    }
    Job retry = management.createJobQuery().jobId(deliver.getId()).singleResult();
    if (retry != null) {
      assertThat(retry.getRetries()).isEqualTo(2);
      management.executeJob(retry.getId());
    }
    long id = ((Number) runtime.getVariable(batch.getId(), Var.SUBSIDY_BATCH_ID)).longValue();
    List<String> households = new java.util.ArrayList<>();
    JsonNode view = JsonBodies.tree(http.withBasicAuth("staff3", "staff3").getForEntity("/api/campaigns/" + CODE
        + "/subsidy-batches/" + id, String.class).getBody());
    view.get("lines").forEach(l -> households.add(l.get("householdNo").asText()));
    return households;
  }

  void completeAs(String user, ProcessInstance batch, String taskKey, int expected) {
    var task = tasks.createTaskQuery().processInstanceId(batch.getId()).taskDefinitionKey(taskKey).singleResult();
    HttpHeaders headers = new HttpHeaders();
    headers.setBasicAuth(user, user);
    headers.set("X-Requested-With", "XMLHttpRequest");
    var done = http.exchange("/engine-rest/task/" + task.getId() + "/complete", HttpMethod.POST, JsonBodies.json(
        Map.of("variables", Map.of(Var.BATCH_CHECKED, Map.of("value", true), Var.REVIEW_NOTE, Map.of("value", "已核对")))
        , headers), String.class);
    assertThat(done.getStatusCode().value()).as(user + " completes " + taskKey + ": " + done.getBody())
        .isEqualTo(expected);
  }

  /** The batch holding these households, as staff see it. */
  JsonNode batchOf(List<String> households) {
    JsonNode all = JsonBodies.tree(http.withBasicAuth("staff3", "staff3").getForEntity("/api/campaigns/" + CODE
        + "/subsidy-batches", String.class).getBody());
    for (JsonNode b : all) {
      if (b.get("lines").size() > 0 && households.contains(b.get("lines").get(0).get("householdNo").asText())) {
        return b;
      }
    }
    throw new AssertionError("no batch with " + households);
  }

  Map<String, Object> paymentResult(List<String> batchHouseholds, List<Map<String, Object>> lines) {
    return Map.of("ticketNo", "BATCH-" + batchOf(batchHouseholds).get("id").asLong(), "type", "PAYMENT_RESULT",
        "lines", lines);
  }

  String financeReplies(Map<String, Object> reply) {
    byte[] body = JsonBodies.bytes(reply);
    var response = signed("dept-finance", "finance-bureau-secret-2027", body);
    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
    return JsonBodies.tree(response.getBody()).get("status").asText();
  }

  int reply(String department, String secret, Map<String, Object> reply) {
    return signed(department, secret, JsonBodies.bytes(reply)).getStatusCode().value();
  }

  org.springframework.http.ResponseEntity<String> signed(String department, String secret, byte[] body) {
    String timestamp = String.valueOf(java.time.Instant.now().getEpochSecond());
    String nonce = java.util.UUID.randomUUID().toString();
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    headers.set(cn.liaison.platform.department.Signatures.TIMESTAMP, timestamp);
    headers.set(cn.liaison.platform.department.Signatures.NONCE, nonce);
    headers.set(cn.liaison.platform.department.Signatures.SIGNATURE,
        cn.liaison.platform.department.Signatures.sign(secret, timestamp, nonce, body));
    return http.exchange("/api/departments/" + department + "/replies", HttpMethod.POST, new HttpEntity<>(body, headers),
        String.class);
  }

  /** The household's row in its village sheet of the 工作台账, by column header. */
  JsonNode ledgerRow(String householdNo) throws Exception {
    byte[] xlsx = http.withBasicAuth("staff3", "staff3").getForEntity("/api/campaigns/" + CODE + "/ledger.xlsx",
        byte[].class).getBody();
    try (var wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(xlsx))) {
      var format = new org.apache.poi.ss.usermodel.DataFormatter();
      for (var sheet : wb) {
        var head = sheet.getRow(0);
        for (var row : sheet) {
          if (row.getRowNum() > 0 && householdNo.equals(format.formatCellValue(row.getCell(0)))) {
            var node = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
            for (var cell : head) {
              node.put(format.formatCellValue(cell), format.formatCellValue(row.getCell(cell.getColumnIndex())));
            }
            return node;
          }
        }
      }
    }
    throw new AssertionError(householdNo + " not in the ledger");
  }

  /** The bank fills in the exported workbook: every household paid on this date. */
  static byte[] bankResults(byte[] exported, String paidOn) throws Exception {
    try (var wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(exported));
        var out = new java.io.ByteArrayOutputStream()) {
      var sheet = wb.getSheet("补贴发放");
      for (int r = 1; r <= sheet.getLastRowNum(); r++) {
        var row = sheet.getRow(r);
        row.getCell(8).setCellValue("成功");
        row.getCell(9).setCellValue(paidOn);
        row.getCell(10).setCellValue("YH-" + r);
      }
      wb.write(out);
      return out.toByteArray();
    }
  }

  org.springframework.http.ResponseEntity<String> importResults(long batchId, byte[] xlsx) {
    var form = new LinkedMultiValueMap<String, Object>();
    form.add("file", new ByteArrayResource(xlsx) {
      @Override
      public String getFilename() {
        return "回盘.xlsx";
      }
    });
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    headers.set("X-Requested-With", "XMLHttpRequest");
    return http.withBasicAuth("finance1", "finance1").postForEntity("/api/campaigns/" + CODE + "/subsidy-batches/"
        + batchId + "/payment-results", new HttpEntity<>(form, headers), String.class);
  }

  /** Runs the jobs waiting at an activity of the instance (due or not) until none is left. */
  void runJobs(String processInstanceId, String activityId) {
    Job job;
    while ((job = management.createJobQuery().processInstanceId(processInstanceId).activityId(activityId)
        .listPage(0, 1).stream().findFirst().orElse(null)) != null) {
      management.executeJob(job.getId());
      if (activityId.startsWith("Timer_")) {
        return; // a cycle timer creates its next occurrence
      }
    }
  }

  void complete(ProcessInstance pi, String taskKey, Map<String, Object> variables) {
    var task = tasks.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey(taskKey).singleResult();
    assertThat(task).as("open task " + taskKey + " of " + pi.getBusinessKey()).isNotNull();
    tasks.complete(task.getId(), new HashMap<>(variables));
  }

  String ledgerCsv() {
    StringBuilder csv = new StringBuilder("户编号,户主,村,片区,电话,地块编号,面积(亩),地形,现种作物\n");
    for (int i = 0; i < households(); i++) {
      String village = VILLAGES.get(i % 5);
      String no = "LZ" + String.format("%04d", i);
      csv.append(no).append(",户主").append(i).append(',').append(village).append(",一片,138")
          .append(String.format("%08d", i)).append(",P1,2.5,一般,小麦\n");
      if (i % 2 == 0) {
        csv.append(no).append(",户主").append(i).append(',').append(village).append(",一片,138")
            .append(String.format("%08d", i)).append(",P2,1.0,地势高,玉米\n");
      }
    }
    return csv.toString();
  }

  org.springframework.http.ResponseEntity<String> importLedger(String csv) {
    var form = new LinkedMultiValueMap<String, Object>();
    form.add("file", new ByteArrayResource(csv.getBytes(StandardCharsets.UTF_8)) {
      @Override
      public String getFilename() {
        return "ledger.csv";
      }
    });
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    headers.set("X-Requested-With", "XMLHttpRequest");
    return http.withBasicAuth("staff3", "staff3").postForEntity("/api/campaigns/" + CODE + "/households",
        new HttpEntity<>(form, headers), String.class);
  }

  org.springframework.http.ResponseEntity<String> put(String path, Object body) {
    return http.withBasicAuth("demo", "demo").exchange(path, HttpMethod.PUT, JsonBodies.json(body), String.class);
  }

  static void setClock(ZonedDateTime time) {
    ClockUtil.setCurrentTime(Date.from(time.toInstant()));
  }
}
