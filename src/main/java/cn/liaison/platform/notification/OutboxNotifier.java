package cn.liaison.platform.notification;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Objects;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The outbox (table notification): notifications are rows, written in the transaction of the step that caused them. */
@Component
public class OutboxNotifier implements Notifier {

  private static final String COLUMNS =
      "id, subject_kind, subject_id, recipient_kind, recipient, title, body, created_at, sent_at";

  private final JdbcClient jdbc;

  private final java.time.Clock clock;

  OutboxNotifier(java.time.Clock clock, JdbcClient jdbc) {
    this.clock = clock;
    this.jdbc = jdbc;
  }

  @Override
  public void notifyCitizen(Subject subject, String dedupKey, String title, String body) {
    insert(dedupKey, Objects.requireNonNull(subject, "subject"), "CITIZEN", null, title, body);
  }

  @Override
  public void notifyGroup(String groupId, Subject subject, String dedupKey, String title, String body) {
    insert(dedupKey, subject, "GROUP", groupId, title, body);
  }

  @Override
  public void notifyUser(String userId, Subject subject, String dedupKey, String title, String body) {
    insert(dedupKey, subject, "USER", Objects.requireNonNull(userId, "userId"), title, body);
  }

  private void insert(String dedupKey, Subject subject, String kind, String recipient, String title, String body) {
    // one statement: the notification is written unless one with the same key exists (a step run again)
    jdbc.sql("INSERT INTO notification (dedup_key, subject_kind, subject_id, recipient_kind, recipient, title, body, "
        + "created_at) SELECT ?, ?, ?, ?, ?, ?, ?, CAST(? AS TIMESTAMP) FROM (VALUES (1)) one "
        + "WHERE NOT EXISTS (SELECT 1 FROM notification WHERE dedup_key = ?)")
        .params(dedupKey, subject == null ? null : subject.kind(), subject == null ? null : subject.id(), kind,
            recipient, title, body, Timestamp.from(clock.instant()), dedupKey)
        .update();
  }

  /** The citizen's notifications about one subject, oldest first. */
  public List<Notification> forCitizen(Subject subject) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM notification WHERE subject_kind = ? AND subject_id = ? "
        + "AND recipient_kind = 'CITIZEN' ORDER BY created_at, id")
        .params(subject.kind(), subject.id())
        .query(OutboxNotifier::map)
        .list();
  }

  /** Notifications to a group, newest first (for tests and the staff views). */
  public List<Notification> forGroup(String groupId) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM notification WHERE recipient_kind = 'GROUP' AND recipient = ? "
        + "ORDER BY created_at DESC, id DESC")
        .param(groupId)
        .query(OutboxNotifier::map)
        .list();
  }

  /** Notifications to one user, newest first (for tests and the staff views). */
  public List<Notification> forUser(String userId) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM notification WHERE recipient_kind = 'USER' AND recipient = ? "
        + "ORDER BY created_at DESC, id DESC")
        .param(userId)
        .query(OutboxNotifier::map)
        .list();
  }

  private static Notification map(ResultSet rs, int row) throws SQLException {
    String kind = rs.getString("subject_kind");
    Subject subject = kind == null ? null : new Subject(kind, rs.getString("subject_id"));
    return new Notification(rs.getLong("id"), subject, rs.getString("recipient_kind"), rs.getString("recipient"),
        rs.getString("title"), rs.getString("body"), rs.getTimestamp("created_at").toInstant(),
        rs.getTimestamp("sent_at") == null ? null : rs.getTimestamp("sent_at").toInstant());
  }
}
