package cn.liaison.platform.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import cn.liaison.platform.JsonBodies;
import cn.liaison.platform.opinion.ReplyResult;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

/** A citizen's opinion before it is sent: what the phone page's form holds. */
public final class OpinionDraft {

  private final CountyScenario county;
  private final String content;
  private String station;
  private String category = "IRRIGATION";
  private String place = "太平镇某村";
  private String contactName = "王某";
  private String contactPhone = "13812341234";

  OpinionDraft(CountyScenario county, String content) {
    this.county = county;
    this.content = content;
  }

  public OpinionDraft at(String station) {
    this.station = station;
    return this;
  }

  public OpinionDraft category(String category) {
    this.category = category;
    return this;
  }

  public OpinionDraft place(String place) {
    this.place = place;
    return this;
  }

  /** The citizen's name and phone (kept by the platform, never in the process). */
  public OpinionDraft from(String contactName, String contactPhone) {
    this.contactName = contactName;
    this.contactPhone = contactPhone;
    return this;
  }

  /** Sent by QR code from the citizen's phone (POST /api/opinions, not logged in, consenting): its loop starts. */
  public OpinionInLoop submitted() {
    assertThat(station).as("the station of the opinion").isNotNull();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("stationCode", station);
    body.put("category", category);
    body.put("content", content);
    body.put("place", place);
    body.put("contactName", contactName);
    body.put("contactPhone", contactPhone);
    body.put("consent", true);
    ResponseEntity<String> r = county.http.exchange("/api/opinions", HttpMethod.POST,
        JsonBodies.json(body, county.citizen()), String.class);
    assertThat(r.getStatusCode().value()).as("the citizen submits: %s", r.getBody()).isEqualTo(201);
    JsonNode submitted = JsonBodies.tree(r.getBody());
    return new OpinionInLoop(county, submitted.path("ticketNo").asText(), submitted.path("trackingKey").asText(),
        category, station);
  }

  /** Submitted, sorted by the station and routed by the analyst to the department, which has it now. */
  public OpinionInLoop routedTo(String department) {
    return submitted().routedTo(department);
  }

  /** Submitted, routed to the department and answered by it. */
  public OpinionInLoop answeredBy(String department, ReplyResult result) {
    return routedTo(department).answered(result);
  }
}
