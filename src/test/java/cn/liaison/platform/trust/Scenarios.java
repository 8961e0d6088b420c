package cn.liaison.platform.trust;

import static org.assertj.core.api.Assertions.assertThat;

import cn.liaison.platform.JsonBodies;
import cn.liaison.platform.campaign.CampaignProcess;
import cn.liaison.platform.campaign.CampaignService;
import cn.liaison.platform.opinion.OpinionLoopProcess.Task;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/** The situations the trust tests start from, built through the same entry points people use. */
record Scenarios(TestRestTemplate http, TaskService tasks, RuntimeService runtime, ManagementService management,
    CampaignService campaigns, JdbcTemplate jdbc) {

  static final AtomicInteger SEQUENCE = new AtomicInteger();

  /** The ticket number and tracking key a citizen gets back. */
  record Submitted(String ticket, String key) {}

  /** A citizen's irrigation complaint at a station, waiting for its 汇总梳理. */
  Submitted opinion(String station, String contactPhone) {
    Map<String, Object> opinion = new LinkedHashMap<>();
    opinion.put("stationCode", station);
    opinion.put("category", "IRRIGATION");
    opinion.put("content", "村南灌溉渠堵塞，麦田浇不上水，请尽快疏通。编号" + SEQUENCE.incrementAndGet());
    opinion.put("place", "村东头");
    opinion.put("contactName", "李桂兰");
    opinion.put("contactPhone", contactPhone);
    opinion.put("consent", true);
    HttpHeaders headers = new HttpHeaders();
    headers.set("X-Forwarded-For", "10.9." + (SEQUENCE.get() / 250) % 250 + "." + SEQUENCE.get() % 250);
    ResponseEntity<Map<String, Object>> submitted = http.exchange("/api/opinions", HttpMethod.POST,
        JsonBodies.json(opinion, headers), new ParameterizedTypeReference<>() {});
    assertThat(submitted.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    return new Submitted((String) submitted.getBody().get("ticketNo"), (String) submitted.getBody().get("trackingKey"));
  }

  /** Sorted by staff1, routed to the water bureau by analyst1; the hand-over job is left to the caller. */
  String routedToTheWaterBureau(Submitted s) {
    complete("staff1", task(s.ticket(), Task.SORT), Map.of("sortDecision", "CONFIRM", "category", "IRRIGATION",
        "departmentCode", "dept-water", "grade", "GENERAL", "deadlineDays", 5));
    complete("analyst1", task(s.ticket(), Task.ANALYZE), Map.of("route", "ASSIGN_DEPARTMENT",
        "departmentCode", "dept-water"));
    return runtime.createProcessInstanceQuery().processInstanceBusinessKey(s.ticket()).singleResult().getId();
  }

  /** The hand-over job of the opinion's process instance. */
  Job handOver(String processInstanceId) {
    return management.createJobQuery().processInstanceId(processInstanceId).activityId(Task.ASSIGN).singleResult();
  }

  /** A citizen's complaint at 长垣 起重 station, at the water bureau's 部门办理. */
  Submitted opinionAtTheWaterBureau() {
    Submitted s = opinion("cy-crane", "13512345678");
    management.executeJob(handOver(routedToTheWaterBureau(s)).getId());
    return s;
  }

  /** A started campaign of 路寨镇 with one household (plot P1, 2 亩) per deputy and village given. */
  void campaign(String code, String createdBy, Map<String, String> householdDeputies,
      Map<String, String> householdVillages) {
    LocalDate today = LocalDate.now();
    var team = householdDeputies.values().stream().distinct().map(deputy -> new CampaignService.TeamEntry(deputy,
        householdDeputies.entrySet().stream().filter(e -> e.getValue().equals(deputy))
            .map(e -> householdVillages.get(e.getKey())).distinct().toList(), List.of())).toList();
    campaigns.create(new CampaignService.NewCampaign(code, "路寨镇水稻改种（安全测试）", "路寨镇", "测试",
        new CampaignService.Phases(today.minusDays(1), today.plusDays(30), today.plusDays(60)),
        householdDeputies.size(), new BigDecimal("3"), new BigDecimal("300"), team), createdBy);
    householdDeputies.forEach((no, deputy) -> {
      jdbc.update("INSERT INTO household (campaign_code, household_no, head_name, village, area, phone, "
          + "responsible_deputy, updated_at) VALUES (?, ?, '赵大成', ?, NULL, '13800002222', ?, ?)", code, no,
          householdVillages.get(no), deputy, Timestamp.from(Instant.now()));
      Long id = jdbc.queryForObject("SELECT id FROM household WHERE campaign_code = ? AND household_no = ?",
          Long.class, code, no);
      jdbc.update("INSERT INTO plot (household_id, plot_no, area_mu, terrain, current_crop) VALUES (?, 'P1', 2.0, "
          + "'NORMAL', '小麦')", id);
    });
    campaigns.start(code);
    String campaignInstance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(code)
        .processDefinitionKey(CampaignProcess.CAMPAIGN_KEY).singleResult().getId();
    cn.liaison.platform.campaign.HouseholdStarts.runAll(management, campaignInstance);
  }

  String task(String businessKey, String taskKey) {
    var task = tasks.createTaskQuery().processInstanceBusinessKey(businessKey).taskDefinitionKey(taskKey)
        .singleResult();
    assertThat(task).as(taskKey + " of " + businessKey).isNotNull();
    return task.getId();
  }

  void complete(String user, String taskId, Map<String, Object> values) {
    var response = completeAs(user, taskId, values);
    assertThat(response.getStatusCode()).as(user + " completes " + taskId + ": " + response.getBody())
        .isEqualTo(HttpStatus.NO_CONTENT);
  }

  /** POST /engine-rest/task/{id}/complete with {"variables": {"name": {"value": …}}} as the user. */
  ResponseEntity<String> completeAs(String user, String taskId, Map<String, Object> values) {
    Map<String, Object> variables = new LinkedHashMap<>();
    values.forEach((name, value) -> {
      Map<String, Object> typed = new LinkedHashMap<>();
      typed.put("value", value);
      if (value instanceof Integer) {
        typed.put("type", "Integer");
      } else if (value instanceof Long) {
        typed.put("type", "Long");
      }
      variables.put(name, typed);
    });
    return http.withBasicAuth(user, user).exchange("/engine-rest/task/" + taskId + "/complete", HttpMethod.POST,
        json(Map.of("variables", variables)), String.class);
  }

  static HttpEntity<Object> json(Object body) {
    return JsonBodies.json(body);
  }

  static byte[] bytes(Object body) {
    return JsonBodies.bytes(body);
  }

  /**
   * A problem of a 太平镇 rectification drive (the water bureau's, in 河滩村's grid, whose deputy is deputy2) with an
   * evidence photo uploaded by the water bureau; the photo's URL.
   */
  String rectificationPhoto() {
    String code = "TP-MATRIX-" + SEQUENCE.incrementAndGet();
    HttpHeaders staff = new HttpHeaders();
    staff.setBasicAuth("staff2", "staff2");
    assertThat(http.exchange("/api/rectifications", HttpMethod.POST, JsonBodies.json(Map.of("code", code,
        "name", "集中整治", "town", "太平镇", "deadline", "2099-12-31"), staff), String.class).getStatusCode().value())
        .isEqualTo(201);
    String taskNo = JsonBodies.tree(http.exchange("/api/rectifications/" + code + "/tasks", HttpMethod.POST,
        JsonBodies.json(Map.of("title", "排灌设施维修", "responsibleUnit", "dept-water", "grid", "tp-hetan",
            "deadline", "2099-08-31"), staff), String.class).getBody()).path("taskNo").asText();
    String problemNo = JsonBodies.tree(http.exchange("/api/rectifications/" + code + "/tasks/" + taskNo
        + "/problems", HttpMethod.POST, JsonBodies.json(Map.of("description", "排灌站水泵损坏", "source", "HOME_VISIT",
            "foundOn", "2026-01-05", "responsiblePerson", "周股长"), staff), String.class).getBody())
        .path("problemNo").asText();
    HttpHeaders water = new HttpHeaders();
    water.setBasicAuth("water1", "water1");
    water.setContentType(org.springframework.http.MediaType.MULTIPART_FORM_DATA);
    water.set("X-Requested-With", "XMLHttpRequest");
    var parts = new org.springframework.util.LinkedMultiValueMap<String, Object>();
    parts.add("file", new org.springframework.core.io.ByteArrayResource(PNG) {
      @Override
      public String getFilename() {
        return "after.png";
      }
    });
    var uploaded = http.exchange("/api/problems/" + problemNo + "/evidence", HttpMethod.POST,
        new org.springframework.http.HttpEntity<>(parts, water), String.class);
    assertThat(uploaded.getStatusCode().value()).as(uploaded.getBody()).isEqualTo(201);
    return JsonBodies.tree(uploaded.getBody()).path("url").asText();
  }

  /** A 1×1 PNG. */
  static final byte[] PNG = java.util.Base64.getDecoder().decode(
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
}
