package cn.liaison.platform.notification;

import java.sql.Timestamp;
import java.util.List;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The outbox: notifications are rows, written in the transaction of the step that caused them. */
@Component
public class OutboxNotifier implements Notifier {

  private final JdbcClient jdbc;

  OutboxNotifier(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public void notifyCitizen(long opinionId, String dedupKey, String title, String body) {
    insert(dedupKey, opinionId, "CITIZEN", null, title, body);
  }

  @Override
  public void notifyGroup(String groupId, Long opinionId, String dedupKey, String title, String body) {
    insert(dedupKey, opinionId, "GROUP", groupId, title, body);
  }

  private void insert(String dedupKey, Long opinionId, String kind, String recipient, String title, String body) {
    boolean exists = jdbc.sql("SELECT COUNT(*) FROM notification WHERE dedup_key = ?").param(dedupKey)
        .query(Integer.class).single() > 0;
    if (!exists) {
      jdbc.sql("INSERT INTO notification (dedup_key, opinion_id, recipient_kind, recipient, title, body, created_at) "
          + "VALUES (?, ?, ?, ?, ?, ?, ?)")
          .params(dedupKey, opinionId, kind, recipient, title, body, new Timestamp(ClockUtil.getCurrentTime().getTime()))
          .update();
    }
  }

  /** The citizen's notifications of one opinion, oldest first. */
  public List<Notification> forCitizen(long opinionId) {
    return jdbc.sql("SELECT id, opinion_id, recipient_kind, recipient, title, body, created_at, sent_at "
        + "FROM notification WHERE opinion_id = ? AND recipient_kind = 'CITIZEN' ORDER BY created_at, id")
        .param(opinionId)
        .query((rs, i) -> new Notification(rs.getLong("id"), rs.getLong("opinion_id"), rs.getString("recipient_kind"),
            rs.getString("recipient"), rs.getString("title"), rs.getString("body"),
            rs.getTimestamp("created_at").toInstant(),
            rs.getTimestamp("sent_at") == null ? null : rs.getTimestamp("sent_at").toInstant()))
        .list();
  }

  /** Notifications to a group, newest first (for tests and the staff views). */
  public List<Notification> forGroup(String groupId) {
    return jdbc.sql("SELECT id, opinion_id, recipient_kind, recipient, title, body, created_at, sent_at "
        + "FROM notification WHERE recipient_kind = 'GROUP' AND recipient = ? ORDER BY created_at DESC, id DESC")
        .param(groupId)
        .query((rs, i) -> new Notification(rs.getLong("id"), rs.getObject("opinion_id", Long.class),
            rs.getString("recipient_kind"), rs.getString("recipient"), rs.getString("title"), rs.getString("body"),
            rs.getTimestamp("created_at").toInstant(),
            rs.getTimestamp("sent_at") == null ? null : rs.getTimestamp("sent_at").toInstant()))
        .list();
  }
}
