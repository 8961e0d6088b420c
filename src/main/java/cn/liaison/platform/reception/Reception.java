package cn.liaison.platform.reception;

import java.time.Instant;

/**
 * A reception session of a mobile liaison station (流动联络站接待): deputies on duty receive people at a place for a
 * few hours; each visit is recorded, opinions taken there enter the opinion loop.
 */
public record Reception(long id, String receptionNo, String stationCode, Kind kind, String theme, String place,
    Instant startsAt, Instant endsAt, Status status, String summary, String townIssues, String processInstanceId,
    String createdBy, Instant createdAt) {

  /** 接待形式. */
  public enum Kind {
    FIELD_POST("田间值班点"), STALL("摆摊接待"), BENCH_MEETING("板凳会"), HOME_VISIT("入户走访"), VOTER_DAY("接待选民日");

    private final String label;

    Kind(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  public enum Status {
    ANNOUNCED("已公告"), IN_SESSION("接待中"), HELD("待小结"), CLOSED("已小结");

    private final String label;

    Status(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /** A visit recorded by a deputy on duty; opinionTicketNo when an opinion was taken. */
  public record Visit(long id, int visitors, String topic, boolean solvedOnSpot, String solution,
      String opinionTicketNo, String recordedBy, Instant recordedAt) {}

  /** What the summary flagged for 专项督办: a safety hazard or a sign of a petition (信访苗头). */
  public record Flag(long id, FlagKind kind, String description, boolean specialSupervision,
      String rectificationProblemNo) {}

  public enum FlagKind {
    SAFETY_HAZARD("安全隐患"), PETITION_SIGN("信访苗头");

    private final String label;

    FlagKind(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }
}
