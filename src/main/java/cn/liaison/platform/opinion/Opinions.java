package cn.liaison.platform.opinion;

import cn.liaison.platform.system.TransactionMemo;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import cn.liaison.platform.opinion.OpinionLoopProcess.Route;

/**
 * The one writer of the tables opinion, opinion_reply, opinion_evaluation and opinion_event: each method is a
 * step of the loop and writes the columns that step changes, in one statement. Times come from the platform's
 * clock (the engine's).
 */
@Repository
public class Opinions {

  private final JdbcClient jdbc;
  private final Clock clock;

  Opinions(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  private static Timestamp ts(Instant i) {
    return i == null ? null : Timestamp.from(i);
  }

  /** The platform's time now (the engine's clock). */
  Instant now() {
    return clock.instant();
  }

  long insert(String ticketNo, String keyHash, NewOpinion o, Instant submittedAt) {
    var keys = new GeneratedKeyHolder();
    jdbc.sql("INSERT INTO opinion (ticket_no, tracking_key_hash, station_code, channel, category, content, place, "
        + "contact_name, contact_phone, anonymous, consent_at, recorded_by, status, submitted_at, updated_at) "
        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(ticketNo, keyHash, o.stationCode(), o.channel().name(), o.category(), o.content(), o.place(),
            o.contactName(), o.contactPhone(), o.anonymous(), ts(o.consent() ? submittedAt : null), o.recordedBy(),
            OpinionStatus.RECEIVED.name(), ts(submittedAt), ts(submittedAt))
        .update(keys, "id");
    return keys.getKey().longValue();
  }

  /** What the service stores for a new opinion (already validated). */
  record NewOpinion(String stationCode, Channel channel, String category, String content, String place,
      String contactName, String contactPhone, boolean anonymous, boolean consent, String recordedBy) {}

  public Optional<Opinion> findByTicket(String ticketNo) {
    return jdbc.sql("SELECT * FROM opinion WHERE ticket_no = ?").param(ticketNo).query(Opinions::map).optional();
  }

  /** The opinion a process instance handles, as its steps check it: id and process instance, read once per transaction. */
  public record ProcessLink(long id, String processInstanceId) {}

  public Optional<ProcessLink> processLink(String ticketNo) {
    return TransactionMemo.get("opinion-process-link:" + ticketNo,
        () -> jdbc.sql("SELECT id, process_instance_id FROM opinion WHERE ticket_no = ?").param(ticketNo)
            .query((rs, n) -> new ProcessLink(rs.getLong(1), rs.getString(2))).optional());
  }

  /**
   * The link of an opinion this transaction has just stored or read in full: the process's steps that check it in
   * the same transaction (the submission's start, the evaluation's correlation) need not read it again.
   */
  void knownLink(String ticketNo, long id, String processInstanceId) {
    TransactionMemo.get("opinion-process-link:" + ticketNo, () -> Optional.of(new ProcessLink(id, processInstanceId)));
  }

  /** A station's opinions an analyst routed to a deputy proposal that still wait for it (oldest first). */
  public List<Opinion> waitingForProposal(String stationCode) {
    return jdbc.sql("SELECT * FROM opinion WHERE station_code = ? AND status = ? ORDER BY submitted_at, id")
        .params(stationCode, OpinionStatus.TO_PROPOSAL.name()).query(Opinions::map).list();
  }

  public Opinion get(long id) {
    return jdbc.sql("SELECT * FROM opinion WHERE id = ?").param(id).query(Opinions::map).single();
  }

  void setProcessInstance(long id, String processInstanceId) {
    jdbc.sql("UPDATE opinion SET process_instance_id = ? WHERE id = ?").params(processInstanceId, id).update();
    TransactionMemo.clear(); // the link read during the start is outdated now
  }

  /**
   * Moves the opinion to the status unless it is there already (true when it moved), and links it to the process
   * instance handling it if it has none yet: a submission's first task (汇总梳理, created while the submission starts
   * the process) records both in one statement, and the submission then finds the link made
   * ({@link #linkedInThisTransaction}). An existing link is never changed.
   */
  boolean moveToLinked(long id, OpinionStatus status, String processInstanceId) {
    boolean moved = jdbc.sql("UPDATE opinion SET status = ?, updated_at = ?, "
            + "process_instance_id = COALESCE(process_instance_id, ?) WHERE id = ? AND status <> ?")
        .params(status.name(), ts(now()), processInstanceId, id, status.name()).update() > 0;
    if (moved) {
      TransactionMemo.clear(); // a link read during the start may be outdated now
      TransactionMemo.get("process-linked:" + id, () -> processInstanceId);
    }
    return moved;
  }

  /** The process instance {@link #moveToLinked} linked the opinion to in the current transaction, or null. */
  String linkedInThisTransaction(long id) {
    return TransactionMemo.peek("process-linked:" + id);
  }

  /**
   * Moves the opinion to the status unless it is there already (true when it moved), and records its first response
   * (see {@link #markFirstResponse}): one statement where the two would take two, when it moves.
   */
  boolean moveToResponded(long id, OpinionStatus status) {
    Timestamp now = ts(now());
    boolean moved = jdbc.sql("UPDATE opinion SET status = ?, updated_at = ?, "
            + "first_response_at = COALESCE(first_response_at, ?) WHERE id = ? AND status <> ?")
        .params(status.name(), now, now, id, status.name()).update() > 0;
    if (moved) {
      TransactionMemo.get("first-response:" + id, () -> 1);
    } else {
      markFirstResponse(id);
    }
    return moved;
  }

  /** The opinion was sent to a deputy (代表码): the deputy answers first. */
  void addressTo(long id, String deputyUserId) {
    jdbc.sql("UPDATE opinion SET deputy_user_id = ? WHERE id = ?").params(deputyUserId, id).update();
  }

  /** The deputy answered, forwarded or kept it (ANSWER, FORWARD, TO_PROPOSAL), or let the deadline pass (TIMED_OUT). */
  void markDeputyResponse(long id, String action, boolean responded) {
    jdbc.sql("UPDATE opinion SET deputy_action = ?, deputy_responded_at = ?, updated_at = ? WHERE id = ?")
        .params(action, responded ? ts(now()) : null, ts(now()), id).update();
  }

  /** Records the first time staff acted on the opinion (response time). */
  void markFirstResponse(long id) {
    // several steps of one completion record it; once per transaction is enough
    TransactionMemo.get("first-response:" + id, () -> jdbc.sql("UPDATE opinion SET first_response_at = ? "
        + "WHERE id = ? AND first_response_at IS NULL").params(ts(now()), id).update());
  }

  /** Staff corrected the category while sorting. */
  void recategorize(long id, String category) {
    jdbc.sql("UPDATE opinion SET category = ?, updated_at = ? WHERE id = ?").params(category, ts(now()), id).update();
  }

  /** Closed as a duplicate of another ticket. */
  void closeAsDuplicate(long id, String duplicateOf) {
    Timestamp now = ts(now());
    jdbc.sql("UPDATE opinion SET status = ?, duplicate_of = ?, outcome = ?, closed_at = ?, updated_at = ? WHERE id = ?")
        .params(OpinionStatus.DUPLICATE.name(), duplicateOf, OpinionStatus.DUPLICATE.name(), now, now, id).update();
  }

  /** Not accepted (不予受理), with the reason the citizen reads. */
  void reject(long id, String reason) {
    Timestamp now = ts(now());
    jdbc.sql("UPDATE opinion SET status = ?, route = ?, reject_reason = ?, outcome = ?, closed_at = ?, updated_at = ? "
        + "WHERE id = ?").params(OpinionStatus.REJECTED.name(), Route.REJECT.name(), reason,
            OpinionStatus.REJECTED.name(), now, now, id).update();
  }

  /** Routed to a deputy who compiles it into a proposal. */
  void routeToProposal(long id, String deputy) {
    jdbc.sql("UPDATE opinion SET status = ?, route = ?, proposal_deputy = ?, updated_at = ? WHERE id = ?")
        .params(OpinionStatus.TO_PROPOSAL.name(), Route.TO_PROPOSAL.name(), deputy, ts(now()), id).update();
  }

  /**
   * Handed to a department (交办) with its grade and deadline; a new assignment is not overdue. Handed to another
   * department than the one it held (改派), it is marked reassigned for good — the statistics look up the hand-overs
   * of these opinions only (V29).
   */
  void assign(long id, String departmentCode, String grade, Instant due) {
    // reassigned is set before department_code in the list and reads the department held until now
    jdbc.sql("UPDATE opinion SET reassigned = CASE WHEN department_code IS NOT NULL AND department_code <> ? "
        + "THEN TRUE ELSE reassigned END, status = ?, route = ?, department_code = ?, grade = ?, due_at = ?, "
        + "overdue = ?, updated_at = ? WHERE id = ?").params(departmentCode, OpinionStatus.ASSIGNED.name(),
            Route.ASSIGN_DEPARTMENT.name(), departmentCode, grade, ts(due), false, ts(now()), id).update();
  }

  /** The department missed its deadline (超期): supervisors take it up. */
  void flagOverdue(long id) {
    jdbc.sql("UPDATE opinion SET overdue = ?, updated_at = ? WHERE id = ?").params(true, ts(now()), id).update();
  }

  /** A supervisor urged again with a short grace period: the deadline moves, the item stays overdue. */
  void setGraceDeadline(long id, Instant due) {
    jdbc.sql("UPDATE opinion SET due_at = ?, updated_at = ? WHERE id = ?").params(ts(due), ts(now()), id).update();
  }

  /** The deadline was extended (by a supervisor, or on the department's request): no longer overdue. */
  void extendDeadline(long id, Instant due) {
    jdbc.sql("UPDATE opinion SET due_at = ?, overdue = ?, updated_at = ? WHERE id = ?")
        .params(ts(due), false, ts(now()), id).update();
  }

  /** A reply was given; outcome is the reply's result (or ANSWERED). */
  void markReplied(long id, String outcome) {
    Timestamp now = ts(now());
    jdbc.sql("UPDATE opinion SET status = ?, replied_at = ?, outcome = ?, updated_at = ? WHERE id = ?")
        .params(OpinionStatus.REPLIED.name(), now, outcome, now, id).update();
  }

  /** The citizen was not satisfied: back to 分析研判, for the given time. */
  void reopen(long id, int reopenCount) {
    jdbc.sql("UPDATE opinion SET status = ?, reopen_count = ?, overdue = ?, updated_at = ? WHERE id = ?")
        .params(OpinionStatus.ANALYZING.name(), reopenCount, false, ts(now()), id).update();
  }

  /** 办结, with the citizen's satisfaction (or UNEVALUATED). */
  void close(long id, String satisfaction) {
    Timestamp now = ts(now());
    jdbc.sql("UPDATE opinion SET status = ?, satisfaction = ?, closed_at = ?, updated_at = ? WHERE id = ?")
        .params(OpinionStatus.CLOSED.name(), satisfaction, now, now, id).update();
  }

  /** What replaces a citizen's words where they were erased (删除个人信息). */
  public static final String ERASED = "（已删除）";

  /**
   * 删除个人信息: the citizen's name and phone, the opinion's text and place, and the citizen's remarks on replies.
   * Status, dates, category, station, department and ratings stay, so the statistics do not change. False if it
   * was erased already.
   */
  boolean eraseCitizenData(long id) {
    // the condition makes a second, concurrent erasure a no-op (false) instead of a second erasure
    int erased = jdbc.sql("UPDATE opinion SET content = ?, place = ?, contact_name = NULL, contact_phone = NULL, "
        + "updated_at = ? WHERE id = ? AND content <> ?").params(ERASED, ERASED, ts(now()), id, ERASED).update();
    if (erased == 0) {
      return false;
    }
    jdbc.sql("UPDATE opinion_evaluation SET remark = ? WHERE opinion_id = ? AND remark IS NOT NULL")
        .params(ERASED, id).update();
    return true;
  }

  /**
   * Retention: blanks the name and phone of at most {@code batch} opinions closed (办结, 不予受理, 重复件) before
   * {@code cutoff}; returns how many. Called again until it returns less than the batch.
   */
  public int blankContactsClosedBefore(Instant cutoff, int batch) {
    List<Long> ids = jdbc.sql("SELECT id FROM opinion WHERE closed_at < ? AND (contact_name IS NOT NULL "
            + "OR contact_phone IS NOT NULL) ORDER BY id LIMIT ?").params(ts(cutoff), batch)
        .query(Long.class).list();
    Timestamp now = ts(now());
    for (Long id : ids) {
      jdbc.sql("UPDATE opinion SET contact_name = NULL, contact_phone = NULL, updated_at = ? WHERE id = ?")
          .params(now, id).update();
    }
    return ids.size();
  }

  void addEvent(long id, OpinionStatus status, String title, String detail, boolean publicView, String actor) {
    jdbc.sql("INSERT INTO opinion_event (opinion_id, status, title, detail, public_view, actor, occurred_at) "
        + "VALUES (?, ?, ?, ?, ?, ?, ?)")
        .params(id, status.name(), title, detail, publicView, actor, ts(now())).update();
  }

  public List<OpinionEvent> events(long id, boolean publicOnly) {
    return jdbc.sql("SELECT * FROM opinion_event WHERE opinion_id = ? " + (publicOnly ? "AND public_view " : "")
        + "ORDER BY occurred_at, id").param(id)
        .query((rs, i) -> new OpinionEvent(OpinionStatus.valueOf(rs.getString("status")), rs.getString("title"),
            rs.getString("detail"), rs.getBoolean("public_view"), rs.getString("actor"),
            rs.getTimestamp("occurred_at").toInstant()))
        .list();
  }

  /**
   * Stores the opinion's next reply; returns its round (1 for the first reply, 2 after a reopening …), numbered in
   * the same statement (the unique round per opinion refuses a concurrent second reply of the same round). The
   * time is cast: in a SELECT list PostgreSQL would take an untyped parameter for text.
   */
  int addReply(long opinionId, String source, String departmentCode, ReplyResult result, String text,
      String measures, String repliedBy) {
    var keys = new GeneratedKeyHolder();
    jdbc.sql("INSERT INTO opinion_reply (opinion_id, reply_round, source, department_code, result, reply_text, "
        + "measures, replied_by, replied_at) SELECT ?, COALESCE(MAX(reply_round), 0) + 1, ?, ?, ?, ?, ?, ?, "
        + "CAST(? AS TIMESTAMP) FROM opinion_reply WHERE opinion_id = ?")
        .params(opinionId, source, departmentCode, result == null ? null : result.name(), text, measures,
            repliedBy, ts(now()), opinionId)
        .update(keys, "reply_round");
    return ((Number) keys.getKeys().values().iterator().next()).intValue();
  }

  public List<OpinionReply> replies(long opinionId) {
    return jdbc.sql("SELECT r.*, e.rating, e.remark AS evaluation_comment, e.evaluated_at FROM opinion_reply r "
        + "LEFT JOIN opinion_evaluation e ON e.reply_id = r.id WHERE r.opinion_id = ? ORDER BY r.reply_round")
        .param(opinionId).query(Opinions::mapReply).list();
  }

  public Optional<OpinionReply> latestReply(long opinionId) {
    List<OpinionReply> all = replies(opinionId);
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
  }

  void addEvaluation(long opinionId, long replyId, Rating rating, String comment) {
    jdbc.sql("INSERT INTO opinion_evaluation (opinion_id, reply_id, rating, remark, evaluated_at) "
        + "VALUES (?, ?, ?, ?, ?)").params(opinionId, replyId, rating.name(), comment, ts(now())).update();
  }

  public long count() {
    return jdbc.sql("SELECT COUNT(*) FROM opinion").query(Long.class).single();
  }

  private static Opinion map(ResultSet rs, int row) throws SQLException {
    return new Opinion(rs.getLong("id"), rs.getString("ticket_no"), rs.getString("tracking_key_hash"),
        rs.getString("station_code"), Channel.valueOf(rs.getString("channel")), rs.getString("category"),
        rs.getString("content"), rs.getString("place"), rs.getString("contact_name"), rs.getString("contact_phone"),
        rs.getBoolean("anonymous"), rs.getString("recorded_by"), OpinionStatus.valueOf(rs.getString("status")),
        rs.getString("grade"), rs.getString("department_code"), instant(rs, "due_at"), rs.getBoolean("overdue"),
        rs.getString("route"), rs.getString("duplicate_of"), rs.getString("proposal_deputy"),
        rs.getString("reject_reason"), rs.getInt("reopen_count"), rs.getString("process_instance_id"),
        instant(rs, "submitted_at"), instant(rs, "first_response_at"), instant(rs, "replied_at"),
        instant(rs, "closed_at"), rs.getString("outcome"), rs.getString("satisfaction"),
        rs.getString("deputy_user_id"), rs.getString("deputy_action"), instant(rs, "deputy_responded_at"));
  }

  private static OpinionReply mapReply(ResultSet rs, int row) throws SQLException {
    String result = rs.getString("result");
    String rating = rs.getString("rating");
    return new OpinionReply(rs.getLong("id"), rs.getLong("opinion_id"), rs.getInt("reply_round"), rs.getString("source"),
        rs.getString("department_code"), result == null ? null : ReplyResult.valueOf(result), rs.getString("reply_text"),
        rs.getString("measures"), rs.getString("replied_by"), instant(rs, "replied_at"),
        rating == null ? null : Rating.valueOf(rating), rs.getString("evaluation_comment"),
        instant(rs, "evaluated_at"));
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp t = rs.getTimestamp(column);
    return t == null ? null : t.toInstant();
  }
}
