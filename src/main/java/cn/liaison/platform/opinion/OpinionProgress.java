package cn.liaison.platform.opinion;

import cn.liaison.platform.notification.Notification;
import java.time.Instant;
import java.util.List;

/** What the citizen sees of their opinion (with the right key): no personal data of anyone. */
public record OpinionProgress(String ticketNo, String stationName, String categoryName, String content,
    OpinionStatus status, String statusLabel, Instant submittedAt, Instant dueAt, List<Step> timeline,
    List<OpinionEvent> events, List<OpinionReply> replies, List<Notification> notifications, boolean canEvaluate) {

  /** One step of 收到 / 梳理中 / 研判中 / 已交办 / 已答复 / 已办结. */
  public record Step(OpinionStatus status, String label, boolean reached, boolean current, Instant at) {}

  public OpinionReply latestReply() {
    return replies.isEmpty() ? null : replies.get(replies.size() - 1);
  }
}
