package cn.liaison.platform.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;

/**
 * A forum (座谈会) called by a station's staff: the invited deputies answer in Tasklist, the staff sign them in at the
 * door and take the suggestions, and the forum's timer marks it held.
 */
public final class Forum {

  private final CountyScenario county;
  private final String no;
  private final String staff;
  private final ZonedDateTime startsAt;

  private Forum(CountyScenario county, String no, String staff, ZonedDateTime startsAt) {
    this.county = county;
    this.no = no;
    this.staff = staff;
    this.startsAt = startsAt;
  }

  /** The forum's number. */
  public String no() {
    return no;
  }

  /** The deputies invited (the station's deputies, the directory's default), as the staff see them. */
  public List<String> invited() {
    List<String> invited = new ArrayList<>();
    county.as(staff).read("/api/forums/" + no).path("invitations").forEach(i -> invited.add(i.path("deputy").asText()));
    return invited;
  }

  /** Every invited deputy answers the invitation in Tasklist: they will come. */
  public Forum everyoneInvitedAccepts() {
    for (String deputy : invited()) {
      DemoUser user = county.as(deputy);
      String task = user.read("/engine-rest/task?processInstanceBusinessKey=" + no + "&assignee=" + deputy).get(0)
          .path("id").asText();
      user.completesTask(task, Map.of("attendance", "ATTEND"));
    }
    return this;
  }

  /** Twenty minutes before the start the staff sign the invited deputies in at the door. */
  public Forum everyoneInvitedSignsIn() {
    CountyScenario.clockAt(startsAt.minusMinutes(20));
    ResponseEntity<String> signedIn = county.as(staff).post("/api/forums/" + no + "/sign-in",
        Map.of("deputies", invited()));
    assertThat(signedIn.getStatusCode().is2xxSuccessful()).as(signedIn.getBody()).isTrue();
    return this;
  }

  /** The staff take a suggestion (disposition RECORD, PROPOSAL or OPINION). */
  public Forum suggestion(String proposer, String content, String category, String disposition) {
    county.as(staff).creates("/api/forums/" + no + "/suggestions", Map.of("proposer", proposer, "content", content,
        "category", category, "disposition", disposition));
    return this;
  }

  /** The forum begins: its timer marks it held. */
  public Forum held() {
    CountyScenario.clockAt(startsAt.plusMinutes(1));
    county.runDueJobs(no);
    return this;
  }

  /** A forum to be called, with one invited expert. */
  public static final class Draft {

    private final CountyScenario county;
    private final Map<String, Object> body = new LinkedHashMap<>();
    private ZonedDateTime startsAt;

    Draft(CountyScenario county, String station, String topic) {
      this.county = county;
      body.put("stationCode", station);
      body.put("topic", topic);
    }

    public Draft sector(String sector) {
      body.put("sector", sector);
      return this;
    }

    public Draft startsAt(ZonedDateTime startsAt) {
      this.startsAt = startsAt;
      body.put("startsAt", startsAt.toOffsetDateTime().toString());
      return this;
    }

    public Draft place(String place) {
      body.put("place", place);
      return this;
    }

    public Draft expert(String name, String organisation) {
      body.put("experts", List.of(Map.of("name", name, "organisation", organisation)));
      return this;
    }

    /** Called by the station's staff (POST /api/forums): the invitations go out. */
    public Forum calledBy(String staff) {
      String no = county.as(staff).creates("/api/forums", body).path("forumNo").asText();
      return new Forum(county, no, staff, startsAt);
    }
  }
}
