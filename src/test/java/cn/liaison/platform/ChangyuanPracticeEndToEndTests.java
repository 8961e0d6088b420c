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
 * the two industry stations (防腐 and 起重) each hold two forums with their stationed deputies ("每个站召开座谈会2次，
 * 代表参与率达90%以上，提出专业性建议10条"); the figures read back from the API are the bulletin's.
 */
@PlatformTest
class ChangyuanPracticeEndToEndTests {

  static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
  static final List<String> STATIONS = List.of("cy-anticorrosion", "cy-crane");

  @Autowired TestRestTemplate http;
  @Autowired RateLimiter rateLimiter;

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
