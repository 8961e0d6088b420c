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

      // two subsidy periods: each batch fails once at the finance bureau and is retried with the same key
      payBatch(campaign.getId(), ZonedDateTime.of(2027, 4, 8, 9, 1, 0, 0, BEIJING));
      payBatch(campaign.getId(), ZonedDateTime.of(2027, 4, 15, 9, 1, 0, 0, BEIJING));

      setClock(ZonedDateTime.of(2027, 4, 15, 8, 1, 0, 0, BEIJING));
      runJobs(campaign.getId(), CampaignProcess.Event.TIMER_SIGN_AND_PLANT);
      setClock(ZonedDateTime.of(2027, 6, 30, 8, 1, 0, 0, BEIJING));
      runJobs(campaign.getId(), CampaignProcess.Event.TIMER_WRAP_UP);
      runJobs(campaign.getId(), CampaignProcess.Task.END_MOBILISATION);
      complete(campaign, CampaignProcess.Task.WRAP_UP, Map.of(Var.WRAP_UP_NOTE, "已逐村核对", Var.WRAP_UP_CONFIRMED, true));
      assertThat(runtime.createProcessInstanceQuery().processInstanceId(campaign.getId()).count()).isZero();

      // the finance system saw every planted household in exactly one payment order (idempotency key)
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

      // the ledger agrees with the process history
      JsonNode overall = JsonBodies.tree(http.withBasicAuth("staff3", "staff3")
          .getForEntity("/api/campaigns/" + CODE + "/ledger", String.class).getBody()).get("overall");
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

  void payBatch(String campaignId, ZonedDateTime when) {
    setClock(when);
    runJobs(campaignId, CampaignProcess.Event.TIMER_SUBSIDY_CYCLE);
    runJobs(campaignId, CampaignProcess.Task.COMPOSE_BATCH);
    Job send = management.createJobQuery().processInstanceId(campaignId)
        .activityId(CampaignProcess.Task.SEND_BATCH).singleResult();
    if (send == null) {
      return;
    }
    try {
      management.executeJob(send.getId());
    } catch (RuntimeException expectedFirstFailure) {
      // the finance system answered 503: the job keeps its retries and runs again
    }
    Job retry = management.createJobQuery().jobId(send.getId()).singleResult();
    assertThat(retry.getRetries()).isEqualTo(2);
    management.executeJob(retry.getId());
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
