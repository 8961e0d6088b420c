package cn.liaison.platform.scenario;

import cn.liaison.platform.reception.ReceptionProcess;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A reception session (接待: a field post, a street stall, a bench meeting) announced by a station: its timers open
 * and end it, the deputies on duty record visits on their phones, the staff summarize it in Tasklist.
 */
public final class Reception {

  private final CountyScenario county;
  private final String no;
  private final String station;
  private final ZonedDateTime startsAt;
  private final ZonedDateTime endsAt;

  private Reception(CountyScenario county, String no, String station, ZonedDateTime startsAt, ZonedDateTime endsAt) {
    this.county = county;
    this.no = no;
    this.station = station;
    this.startsAt = startsAt;
    this.endsAt = endsAt;
  }

  /** The reception's number (JD…). */
  public String no() {
    return no;
  }

  /** Its start time has come (the clock five minutes past it) and its timer opened it. */
  public Reception opened() {
    CountyScenario.clockAt(startsAt.plusMinutes(5));
    county.fire(no, ReceptionProcess.Event.TIMER_SESSION_STARTS);
    return this;
  }

  /** Its end time has come and its timer ended it: the summary is the staff's to write. */
  public Reception ended() {
    CountyScenario.clockAt(endsAt);
    county.fire(no, ReceptionProcess.Event.TIMER_SESSION_ENDS);
    return this;
  }

  /** The station's staff summarize it in Tasklist; hazards and petition signs one a line (they become flags). */
  public Reception summarized(String summary, String safetyHazards, String petitionSigns) {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put(ReceptionProcess.Var.SUMMARY, summary);
    values.put(ReceptionProcess.Var.SAFETY_HAZARDS, safetyHazards);
    values.put(ReceptionProcess.Var.PETITION_SIGNS, petitionSigns);
    county.as(CountyScenario.staffOf(station)).completes(no, ReceptionProcess.Task.SUMMARIZE, values);
    return this;
  }

  /** The deputy on duty records a visit as the phone form sends it; what the API answers. */
  public JsonNode visit(String deputy, Map<String, Object> visit) {
    return county.as(deputy).creates("/api/receptions/" + no + "/visits", visit);
  }

  /** A group of visitors asking about a topic, no opinion taken. */
  public Reception groupVisit(String deputy, int visitors, String topic) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("visitors", visitors);
    v.put("topic", topic);
    v.put("solvedOnSpot", false);
    visit(deputy, v);
    return this;
  }

  /**
   * Opinions taken from single visitors, the first {@code solvedOnSpot} of them solved there; the others enter the
   * loop. The opinions, with the ticket and key each visitor was given.
   */
  public List<OpinionInLoop> opinionsTaken(String deputy, int opinions, int solvedOnSpot) {
    List<OpinionInLoop> taken = new ArrayList<>();
    for (int i = 0; i < opinions; i++) {
      taken.add(opinionTaken(deputy, visitWithOpinion(1, i < solvedOnSpot)));
    }
    return taken;
  }

  /** One visit with an opinion (see {@link #visitWithOpinion}); the opinion, with its ticket and key. */
  public OpinionInLoop opinionTaken(String deputy, Map<String, Object> visit) {
    JsonNode recorded = visit(deputy, visit);
    @SuppressWarnings("unchecked")
    String category = (String) ((Map<String, Object>) visit.get("opinion")).get("category");
    return county.opinion(recorded.path("opinionTicketNo").asText(), recorded.path("trackingKey").asText(),
        category, station);
  }

  /** A visit as the phone form sends it: visitors about the power of a well, with an opinion or a policy question. */
  public static Map<String, Object> visitBody(int visitors, boolean withOpinion, boolean solvedOnSpot) {
    if (withOpinion) {
      return visitWithOpinion(visitors, solvedOnSpot);
    }
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("visitors", visitors);
    v.put("topic", "政策咨询：秸秆还田补贴");
    v.put("solvedOnSpot", solvedOnSpot);
    return v;
  }

  static Map<String, Object> visitWithOpinion(int visitors, boolean solvedOnSpot) {
    return visitWithOpinion(visitors, "IRRIGATION", "村南机井没电，麦茬地浇不上水，请协调恢复供电。编号"
        + CountyScenario.SEQUENCE.incrementAndGet(), solvedOnSpot ? "代表当场联系供电所，电工半小时内到场恢复供电" : null);
  }

  /** A visit with an opinion of a visitor who gives name and phone; solved on the spot when a solution is given. */
  public static Map<String, Object> visitWithOpinion(int visitors, String category, String content, String solution) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("visitors", visitors);
    v.put("topic", null);
    v.put("opinion", Map.of("category", category, "content", content, "contactName", "王大伯",
        "contactPhone", "13700001111", "consent", true));
    v.put("solvedOnSpot", solution != null);
    if (solution != null) {
      v.put("solution", solution);
    }
    return v;
  }

  /** A session to be announced: a field post of four hours by default. */
  public static final class Draft {

    private final CountyScenario county;
    private final String station;
    private String kind = "FIELD_POST";
    private String theme = "三夏禁烧";
    private String place = "王庄村东禁烧卡点";
    private ZonedDateTime startsAt;
    private List<String> deputies = List.of();

    Draft(CountyScenario county, String station) {
      this.county = county;
      this.station = station;
    }

    public Draft kind(String kind) {
      this.kind = kind;
      return this;
    }

    public Draft theme(String theme) {
      this.theme = theme;
      return this;
    }

    public Draft place(String place) {
      this.place = place;
      return this;
    }

    public Draft startsAt(ZonedDateTime startsAt) {
      this.startsAt = startsAt;
      return this;
    }

    public Draft onDuty(String... deputies) {
      this.deputies = List.of(deputies);
      return this;
    }

    /** The announcement as POST /api/receptions takes it. */
    public Map<String, Object> body() {
      return Map.of("stationCode", station, "kind", kind, "theme", theme, "place", place,
          "startsAt", startsAt.toOffsetDateTime().toString(),
          "endsAt", startsAt.plusHours(4).toOffsetDateTime().toString(), "deputiesOnDuty", deputies);
    }

    /** Announced by the user (the station's staff or one of its deputies). */
    public Reception announcedBy(String user) {
      String no = county.as(user).creates("/api/receptions", body()).path("receptionNo").asText();
      return new Reception(county, no, station, startsAt, startsAt.plusHours(4));
    }
  }
}
