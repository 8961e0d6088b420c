package cn.liaison.platform;

import static org.assertj.core.api.Assertions.assertThat;

import cn.liaison.platform.system.RateLimiter;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * The bulletin's 长垣 practice, entered the way the people do it, through /api and /engine-rest as the demo users:
 * the two industry stations (防腐 and 起重) collect 13 opinions that, sorted and analysed, their station heads compile
 * into 4 deputy proposals with co-signers ("收集群众意见建议13条，整理后提出代表建议4件"), and each hold two forums with
 * their stationed deputies ("每个站召开座谈会2次，代表参与率达90%以上，提出专业性建议10条"); the figures read back from
 * the API are the bulletin's.
 */
@PlatformTest
class ChangyuanPracticeEndToEndTests {

  static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
  static final List<String> STATIONS = List.of("cy-anticorrosion", "cy-crane");

  @Autowired TestRestTemplate http;
  @Autowired RateLimiter rateLimiter;
  @Autowired org.camunda.bpm.engine.RuntimeService runtime;
  @Autowired org.camunda.bpm.engine.ManagementService management;

  @BeforeEach
  void quietMorning() {
    rateLimiter.reset();
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void eachIndustryStationHoldsTwoForumsWithOverNinetyPercentOfItsDeputiesAndTenSuggestionsComeOfThem() {
    String category = JsonBodies.tree(call(null, HttpMethod.GET, "/api/categories", null).getBody()).get(0)
        .path("code").asText();
    // who makes a suggestion at which forum: ten in all, from the deputies present and the invited experts
    int[][] suggestionsPerForum = {{3, 2}, {3, 2}};
    List<String> forums = new ArrayList<>();
    int round = 0;
    for (int s = 0; s < STATIONS.size(); s++) {
      String station = STATIONS.get(s);
      for (int f = 0; f < 2; f++) {
        ZonedDateTime scheduledOn = ZonedDateTime.of(2027, 5, 10 + 7 * round, 9, 0, 0, 0, BEIJING);
        ZonedDateTime startsAt = scheduledOn.plusDays(3).withHour(9).withMinute(30);
        setClock(scheduledOn);
        // staff1 works for both 长垣 stations; the invitees are the station's deputies (the directory's default)
        ResponseEntity<String> created = call("staff1", HttpMethod.POST, "/api/forums",
            forum(station, f == 0 ? "产业发展难题座谈会" : "企业用工与融资座谈会", startsAt));
        assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(HttpStatus.CREATED);
        String no = JsonBodies.tree(created.getBody()).path("forumNo").asText();
        forums.add(no);

        // every invited deputy answers in Tasklist; they come
        List<String> invited = new ArrayList<>();
        JsonBodies.tree(call("staff1", HttpMethod.GET, "/api/forums/" + no, null).getBody()).path("invitations")
            .forEach(i -> invited.add(i.path("deputy").asText()));
        assertThat(invited).as("the stationed deputies of %s", station).isNotEmpty();
        for (String deputy : invited) {
          String task = JsonBodies.tree(call(deputy, HttpMethod.GET,
              "/engine-rest/task?processInstanceBusinessKey=" + no + "&assignee=" + deputy, null).getBody())
              .get(0).path("id").asText();
          ResponseEntity<String> answered = call(deputy, HttpMethod.POST, "/engine-rest/task/" + task + "/complete",
              Map.of("variables", Map.of("attendance", Map.of("value", "ATTEND"))));
          assertThat(answered.getStatusCode()).as(answered.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
        }

        // on the day the staff sign them in (twice over, as happens at a door: counted once) and take the suggestions
        setClock(startsAt.minusMinutes(20));
        for (int pass = 0; pass < 2; pass++) {
          ResponseEntity<String> signedIn = call("staff1", HttpMethod.POST, "/api/forums/" + no + "/sign-in",
              Map.of("deputies", invited));
          assertThat(signedIn.getStatusCode().is2xxSuccessful()).as(signedIn.getBody()).isTrue();
        }
        for (int k = 0; k < suggestionsPerForum[s][f]; k++) {
          String proposer = k == 0 ? "张工" : invited.get(k % invited.size());
          ResponseEntity<String> suggested = call("staff1", HttpMethod.POST, "/api/forums/" + no + "/suggestions",
              Map.of("proposer", proposer, "content", "关于" + station + "第" + (f + 1) + "次座谈会的第" + (k + 1)
                  + "条专业性建议：规范市场秩序、完善产业配套。", "category", category,
                  "disposition", k == 0 ? "RECORD" : k == 1 ? "PROPOSAL" : "OPINION"));
          assertThat(suggested.getStatusCode()).as(suggested.getBody()).isEqualTo(HttpStatus.CREATED);
        }
        round++;
      }
    }

    // the figures, read back as a county office would
    int suggestions = 0;
    for (String station : STATIONS) {
      int invited = 0;
      int attended = 0;
      int held = 0;
      for (JsonNode listed : JsonBodies.tree(call("analyst1", HttpMethod.GET, "/api/forums?station=" + station, null)
          .getBody())) {
        String no = listed.path("forumNo").asText();
        if (!forums.contains(no)) {
          continue; // forums of other tests in the shared database
        }
        JsonNode forum = JsonBodies.tree(call("analyst1", HttpMethod.GET, "/api/forums/" + no, null).getBody());
        held++;
        invited += forum.path("invited").asInt();
        attended += forum.path("attended").asInt();
        assertThat(forum.path("participationRate").asDouble())
            .isEqualTo(forum.path("attended").asDouble() / forum.path("invited").asDouble());
        suggestions += forum.path("suggestions").size();
      }
      assertThat(held).as("forums held by %s", station).isEqualTo(2);
      assertThat((double) attended / invited).as("deputies' participation at %s", station).isGreaterThan(0.9);
    }
    assertThat(suggestions).as("professional suggestions of the four forums").isEqualTo(10);
  }

  @Test
  void thirteenOpinionsOfTheTwoIndustryStationsBecomeFourProposalsOfTheirStationHeads() {
    // station, its head (站长, the lead deputy), a co-signer stationed there, opinions per proposal
    Object[][] stations = {{"cy-anticorrosion", "deputy1", "deputy4", new int[] {3, 3}},
        {"cy-crane", "deputy3", "deputy7", new int[] {4, 3}}};
    List<String> proposals = new ArrayList<>();
    List<String> tickets = new ArrayList<>();
    for (Object[] s : stations) {
      String station = (String) s[0];
      String head = (String) s[1];
      String coSigner = (String) s[2];
      int[] perProposal = (int[]) s[3];
      List<String> routed = new ArrayList<>();
      for (int i = 0; i < perProposal[0] + perProposal[1]; i++) {
        routed.add(routedToProposal(station, head, i));
      }
      tickets.addAll(routed);

      // the head finds them in the station's proposal pool
      List<String> pool = new ArrayList<>();
      JsonBodies.tree(call(head, HttpMethod.GET, "/api/proposals/candidates?station=" + station, null).getBody())
          .forEach(c -> pool.add(c.path("ticketNo").asText()));
      assertThat(pool).containsAll(routed);

      int from = 0;
      for (int p = 0; p < 2; p++) {
        List<String> linked = routed.subList(from, from + perProposal[p]);
        from += perProposal[p];
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", p == 0 ? "关于规范长垣" + (station.equals("cy-crane") ? "起重" : "防腐") + "市场的建议"
            : "关于加强" + (station.equals("cy-crane") ? "起重" : "防腐") + "产业人才培养的建议");
        body.put("reasons", "联络站收集的群众意见反映，行业无序竞争、从业人员技能不足，影响产业健康发展。");
        body.put("content", "建议行业主管部门牵头制定行业规范，建立培训考核制度，定期开展检查。");
        body.put("category", "SAFETY");
        body.put("leadDeputy", head);
        body.put("coSigners", List.of(coSigner));
        body.put("opinionTickets", linked);
        ResponseEntity<String> created = call(head, HttpMethod.POST, "/api/proposals", body);
        assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(HttpStatus.CREATED);
        String no = JsonBodies.tree(created.getBody()).path("proposalNo").asText();
        proposals.add(no);

        // the co-signer agrees in Tasklist; the congress office accepts it
        runJobs(no);
        complete(coSigner, no, "Task_CoSign", Map.of("coSignDecision", "AGREE"));
        runJobs(no);
        complete("office1", no, "Task_ReviewProposal", Map.of("proposalReview", "ACCEPT"));
        runJobs(no);
      }
    }

    // the figures, read back as the congress office would
    assertThat(proposals).hasSize(4).allMatch(no -> no.matches("JY\\d{4}-\\d{4}"));
    List<String> compiled = new ArrayList<>();
    for (String no : proposals) {
      JsonNode proposal = JsonBodies.tree(call("office1", HttpMethod.GET, "/api/proposals/" + no, null).getBody());
      proposal.path("linkedOpinions").forEach(o -> compiled.add(o.path("ticketNo").asText()));
      assertThat(proposal.path("coSigners")).singleElement()
          .satisfies(c -> assertThat(c.path("decision").asText()).isEqualTo("AGREE"));
    }
    assertThat(compiled).as("opinions compiled into the four proposals").hasSize(13)
        .containsExactlyInAnyOrderElementsOf(tickets);
    for (String station : STATIONS) {
      List<String> pool = new ArrayList<>();
      JsonBodies.tree(call("office1", HttpMethod.GET, "/api/proposals/candidates?station=" + station, null).getBody())
          .forEach(c -> pool.add(c.path("ticketNo").asText()));
      assertThat(pool).as("an opinion belongs to one proposal only").doesNotContainAnyElementsOf(tickets);
    }
  }

  /** A citizen's opinion at the station, sorted by staff1 and routed by analyst1 to the head's proposal. */
  String routedToProposal(String station, String head, int i) {
    Map<String, Object> opinion = new LinkedHashMap<>();
    opinion.put("stationCode", station);
    opinion.put("category", "SAFETY");
    opinion.put("content", "行业内低价竞争、以次充好的情况较多，希望人大代表推动规范市场秩序（第" + (i + 1) + "条）。");
    opinion.put("place", "长垣市");
    opinion.put("contactName", "王先生");
    opinion.put("contactPhone", "1390373" + String.format("%04d", 1000 + i));
    opinion.put("consent", true);
    HttpHeaders headers = new HttpHeaders();
    headers.set("X-Forwarded-For", "10.77." + station.length() + "." + (i + 1));
    ResponseEntity<String> submitted = http.exchange("/api/opinions", HttpMethod.POST, JsonBodies.json(opinion, headers),
        String.class);
    assertThat(submitted.getStatusCode()).as(submitted.getBody()).isEqualTo(HttpStatus.CREATED);
    String ticket = JsonBodies.tree(submitted.getBody()).path("ticketNo").asText();
    complete("staff1", ticket, "Task_SortOpinion", Map.of("sortDecision", "CONFIRM", "category", "SAFETY",
        "departmentCode", "dept-market", "grade", "GENERAL", "deadlineDays", 5));
    complete("analyst1", ticket, "Task_AnalyzeOpinion", Map.of("route", "TO_PROPOSAL", "proposalDeputy", head));
    return ticket;
  }

  /** Completes the business key's open task of that kind through /engine-rest as the user. */
  void complete(String user, String businessKey, String taskKey, Map<String, Object> values) {
    JsonNode found = JsonBodies.tree(call(user, HttpMethod.GET, "/engine-rest/task?processInstanceBusinessKey="
        + businessKey + "&taskDefinitionKey=" + taskKey, null).getBody());
    assertThat(found.size()).as("%s sees %s of %s", user, taskKey, businessKey).isEqualTo(1);
    Map<String, Object> variables = new LinkedHashMap<>();
    values.forEach((name, value) -> variables.put(name, value instanceof Integer
        ? Map.of("value", value, "type", "Integer") : Map.of("value", value)));
    ResponseEntity<String> done = call(user, HttpMethod.POST, "/engine-rest/task/" + found.get(0).path("id").asText()
        + "/complete", Map.of("variables", variables));
    assertThat(done.getStatusCode()).as("%s completes %s: %s", user, taskKey, done.getBody())
        .isEqualTo(HttpStatus.NO_CONTENT);
  }

  /** Runs the proposal's waiting jobs (the job executor is off in tests) until none is due. */
  void runJobs(String businessKey) {
    for (int round = 0; round < 10; round++) {
      var instance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(businessKey).singleResult();
      if (instance == null) {
        return;
      }
      var jobs = management.createJobQuery().processInstanceId(instance.getId()).executable().messages().list();
      if (jobs.isEmpty()) {
        return;
      }
      jobs.forEach(j -> management.executeJob(j.getId()));
    }
  }

  static Map<String, Object> forum(String station, String topic, ZonedDateTime startsAt) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("stationCode", station);
    body.put("topic", topic);
    body.put("sector", station.equals("cy-crane") ? "起重" : "防腐");
    body.put("startsAt", startsAt.toOffsetDateTime().toString());
    body.put("place", "联络站会议室");
    body.put("experts", List.of(Map.of("name", "张工", "organisation", "长垣市产业研究院")));
    return body;
  }

  ResponseEntity<String> call(String user, HttpMethod method, String path, Object body) {
    HttpHeaders headers = new HttpHeaders();
    if (user != null) {
      headers.setBasicAuth(user, user);
    }
    HttpEntity<?> entity = body == null ? new HttpEntity<>(headers) : JsonBodies.json(body, headers);
    return http.exchange(path, method, entity, String.class);
  }

  static void setClock(ZonedDateTime time) {
    ClockUtil.setCurrentTime(Date.from(time.toInstant()));
  }
}
