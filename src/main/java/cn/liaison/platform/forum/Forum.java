package cn.liaison.platform.forum;

import java.time.Instant;

/** An industry forum (产业代表座谈会) of a station, as stored (table forum). */
public record Forum(long id, String forumNo, String stationCode, String topic, String sector, Instant startsAt,
    String place, Status status, String minutes, String processInstanceId, String createdBy, Instant createdAt,
    Instant recordedAt) {

  /** Where a forum stands. */
  public enum Status {
    SCHEDULED("已安排"), HELD("已召开，待记录"), RECORDED("已记录");

    private final String label;

    Status(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /** An invited deputy: the reply (null while open) and attendance. */
  public record Invitation(String deputyUserId, Reply reply, String declineReason, Instant repliedAt,
      boolean attended, Instant signedInAt) {}

  /** The reply to an invitation; NO_REPLY when the forum began before the deputy answered. */
  public enum Reply {
    ATTEND("参加"), DECLINE("不参加"), NO_REPLY("未答复");

    private final String label;

    Reply(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /** An expert invited to the forum (name and organisation stay in the platform's tables, never in variables). */
  public record Expert(String name, String organisation) {}

  /** A suggestion made at the forum. */
  public record Suggestion(long id, ProposerKind proposerKind, String proposer, String category, String content,
      Disposition disposition, SuggestionStatus status, String opinionTicketNo, String proposalRef,
      String createdBy, Instant createdAt) {}

  public enum ProposerKind { DEPUTY, EXPERT }

  /** What becomes of a suggestion. */
  public enum Disposition {
    OPINION("转入意见建议闭环"), PROPOSAL("作为代表建议素材"), RECORD("仅记入纪要");

    private final String label;

    Disposition(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /** A suggestion's state; PROPOSAL_LINKED is set by the proposal side when it takes a candidate up. */
  public enum SuggestionStatus {
    IN_OPINION_LOOP("已转入意见建议闭环"), PROPOSAL_CANDIDATE("待形成代表建议"), PROPOSAL_LINKED("已形成代表建议"),
    RECORDED("已记入纪要");

    private final String label;

    SuggestionStatus(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }
}
