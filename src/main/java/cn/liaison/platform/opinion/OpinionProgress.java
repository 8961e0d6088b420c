package cn.liaison.platform.opinion;

import java.time.Instant;
import java.util.List;

/**
 * What the citizen sees of their opinion (with the right key): no personal data of anyone, no staff
 * user ids, no internal ids; who answered is a department code (shown as its name), never a person.
 */
public record OpinionProgress(String ticketNo, String stationName, String categoryName, String content,
    OpinionStatus status, String statusLabel, Instant submittedAt, Instant dueAt, List<Step> timeline,
    List<PublicEvent> events, List<PublicReply> replies, List<PublicNotification> notifications,
    boolean canEvaluate) {

  /** One step of 收到 / 梳理中 / 研判中 / 已交办 / 已答复 / 已办结. */
  public record Step(OpinionStatus status, String label, boolean reached, boolean current, Instant at) {}

  /** A public line of the opinion's history. */
  public record PublicEvent(OpinionStatus status, String title, String detail, Instant occurredAt) {}

  /** A reply and its evaluation; source ANALYST (answered by the station), DEPARTMENT or PROPOSAL. */
  public record PublicReply(int round, String source, String departmentCode, ReplyResult result, String text,
      String measures, Instant repliedAt, Rating rating, String evaluationComment, Instant evaluatedAt) {}

  /** A notice to the citizen (outbox). */
  public record PublicNotification(String title, String body, Instant createdAt, Instant sentAt) {}

  public PublicReply latestReply() {
    return replies.isEmpty() ? null : replies.get(replies.size() - 1);
  }
}
