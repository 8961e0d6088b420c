package cn.liaison.platform.forum;

import cn.liaison.platform.forum.Forum.Disposition;
import cn.liaison.platform.forum.Forum.Expert;
import cn.liaison.platform.forum.Forum.Invitation;
import cn.liaison.platform.forum.Forum.ProposerKind;
import cn.liaison.platform.forum.Forum.Reply;
import cn.liaison.platform.forum.Forum.Status;
import cn.liaison.platform.forum.Forum.Suggestion;
import cn.liaison.platform.forum.Forum.SuggestionStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The forums (tables forum, forum_invitation, forum_expert, forum_department, forum_suggestion): their one writer. */
@Repository
public class Forums {

  private static final String COLUMNS = "id, forum_no, station_code, topic, sector, starts_at, place, status, minutes, "
      + "process_instance_id, created_by, created_at, recorded_at";

  private final JdbcClient jdbc;

  Forums(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  record NewForum(String forumNo, String stationCode, String topic, String sector, Instant startsAt, String place,
      List<String> deputies, List<Expert> experts, List<String> departments, String createdBy) {}

  long insert(NewForum f, Instant now) {
    var keys = new GeneratedKeyHolder();
    jdbc.sql("INSERT INTO forum (forum_no, station_code, topic, sector, starts_at, place, status, created_by, created_at) "
        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(f.forumNo(), f.stationCode(), f.topic(), f.sector(), Timestamp.from(f.startsAt()), f.place(),
            Status.SCHEDULED.name(), f.createdBy(), Timestamp.from(now))
        .update(keys, "id");
    long id = keys.getKey().longValue();
    for (String deputy : f.deputies()) {
      jdbc.sql("INSERT INTO forum_invitation (forum_id, deputy_user_id) VALUES (?, ?)").params(id, deputy).update();
    }
    for (int i = 0; i < f.experts().size(); i++) {
      Expert e = f.experts().get(i);
      jdbc.sql("INSERT INTO forum_expert (forum_id, seq_no, name, organisation) VALUES (?, ?, ?, ?)")
          .params(id, i + 1, e.name(), e.organisation()).update();
    }
    for (String code : f.departments()) {
      jdbc.sql("INSERT INTO forum_department (forum_id, department_code) VALUES (?, ?)").params(id, code).update();
    }
    return id;
  }

  void setProcessInstance(long id, String processInstanceId) {
    jdbc.sql("UPDATE forum SET process_instance_id = ? WHERE id = ?").params(processInstanceId, id).update();
  }

  public Optional<Forum> findByNo(String forumNo) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM forum WHERE forum_no = ?").param(forumNo).query(Forums::forum)
        .optional();
  }

  /** The forums of the stations, newest first (at most limit). */
  List<Forum> ofStations(Collection<String> stationCodes, int limit) {
    if (stationCodes.isEmpty()) {
      return List.of();
    }
    String marks = String.join(", ", java.util.Collections.nCopies(stationCodes.size(), "?"));
    return jdbc.sql("SELECT " + COLUMNS + " FROM forum WHERE station_code IN (" + marks + ") "
        + "ORDER BY starts_at DESC, id DESC FETCH FIRST " + limit + " ROWS ONLY")
        .params(List.copyOf(stationCodes)).query(Forums::forum).list();
  }

  List<Forum> all(int limit) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM forum ORDER BY starts_at DESC, id DESC FETCH FIRST " + limit
        + " ROWS ONLY").query(Forums::forum).list();
  }

  List<Invitation> invitations(long forumId) {
    return jdbc.sql("SELECT deputy_user_id, reply, decline_reason, replied_at, attended, signed_in_at "
        + "FROM forum_invitation WHERE forum_id = ? ORDER BY deputy_user_id").param(forumId)
        .query((rs, i) -> new Invitation(rs.getString("deputy_user_id"),
            rs.getString("reply") == null ? null : Reply.valueOf(rs.getString("reply")), rs.getString("decline_reason"),
            instant(rs, "replied_at"), rs.getBoolean("attended"), instant(rs, "signed_in_at")))
        .list();
  }

  List<Expert> experts(long forumId) {
    return jdbc.sql("SELECT name, organisation FROM forum_expert WHERE forum_id = ? ORDER BY seq_no").param(forumId)
        .query((rs, i) -> new Expert(rs.getString("name"), rs.getString("organisation"))).list();
  }

  List<String> departments(long forumId) {
    return jdbc.sql("SELECT department_code FROM forum_department WHERE forum_id = ? ORDER BY department_code")
        .param(forumId).query(String.class).list();
  }

  /** Records an open invitation's reply; false when the invitation is not open (already answered or lapsed). */
  boolean reply(long forumId, String deputy, Reply reply, String declineReason, Instant now) {
    return jdbc.sql("UPDATE forum_invitation SET reply = ?, decline_reason = ?, replied_at = ? "
        + "WHERE forum_id = ? AND deputy_user_id = ? AND reply IS NULL")
        .params(reply.name(), declineReason, Timestamp.from(now), forumId, deputy).update() == 1;
  }

  /** The forum has begun: open invitations lapse (未答复), the forum waits for its record. Idempotent. */
  void held(long forumId) {
    jdbc.sql("UPDATE forum_invitation SET reply = ? WHERE forum_id = ? AND reply IS NULL")
        .params(Reply.NO_REPLY.name(), forumId).update();
    jdbc.sql("UPDATE forum SET status = ? WHERE id = ? AND status = ?")
        .params(Status.HELD.name(), forumId, Status.SCHEDULED.name()).update();
  }

  /** Signs a deputy in (idempotent: the first sign-in's time stays). */
  void signIn(long forumId, String deputy, Instant now) {
    jdbc.sql("UPDATE forum_invitation SET attended = TRUE, signed_in_at = ? "
        + "WHERE forum_id = ? AND deputy_user_id = ? AND attended = FALSE")
        .params(Timestamp.from(now), forumId, deputy).update();
  }

  /** The record of the forum: exactly these deputies attended; the minutes; status RECORDED. */
  void recorded(long forumId, Collection<String> attendees, String minutes, Instant now) {
    for (Invitation i : invitations(forumId)) {
      boolean present = attendees.contains(i.deputyUserId());
      if (present != i.attended()) {
        jdbc.sql("UPDATE forum_invitation SET attended = ?, signed_in_at = ? WHERE forum_id = ? AND deputy_user_id = ?")
            .params(present, present ? Timestamp.from(now) : null, forumId, i.deputyUserId()).update();
      }
    }
    jdbc.sql("UPDATE forum SET status = ?, minutes = ?, recorded_at = ? WHERE id = ?")
        .params(Status.RECORDED.name(), minutes, Timestamp.from(now), forumId).update();
  }

  long addSuggestion(long forumId, ProposerKind kind, String proposer, String category, String content,
      Disposition disposition, SuggestionStatus status, String opinionTicketNo, String createdBy, Instant now) {
    var keys = new GeneratedKeyHolder();
    jdbc.sql("INSERT INTO forum_suggestion (forum_id, proposer_kind, proposer, category, content, disposition, status, "
        + "opinion_ticket_no, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(forumId, kind.name(), proposer, category, content, disposition.name(), status.name(), opinionTicketNo,
            createdBy, Timestamp.from(now))
        .update(keys, "id");
    return keys.getKey().longValue();
  }

  List<Suggestion> suggestions(long forumId) {
    return jdbc.sql("SELECT id, proposer_kind, proposer, category, content, disposition, status, opinion_ticket_no, "
        + "proposal_ref, created_by, created_at FROM forum_suggestion WHERE forum_id = ? ORDER BY id").param(forumId)
        .query(Forums::suggestion).list();
  }

  /** The suggestions kept as candidates for a deputy's proposals (for the proposal side), oldest first. */
  public List<Suggestion> proposalCandidatesOf(String deputyUserId) {
    return jdbc.sql("SELECT id, proposer_kind, proposer, category, content, disposition, status, opinion_ticket_no, "
        + "proposal_ref, created_by, created_at FROM forum_suggestion WHERE status = ? AND proposer_kind = ? "
        + "AND proposer = ? ORDER BY id")
        .params(SuggestionStatus.PROPOSAL_CANDIDATE.name(), ProposerKind.DEPUTY.name(), deputyUserId)
        .query(Forums::suggestion).list();
  }

  /** A forum suggestion with the number and station of its forum (for the proposal side). */
  record SuggestionAt(Suggestion suggestion, String forumNo, String stationCode) {}

  private static final String SUGGESTION_AT = "SELECT s.id, s.proposer_kind, s.proposer, s.category, s.content, "
      + "s.disposition, s.status, s.opinion_ticket_no, s.proposal_ref, s.created_by, s.created_at, f.forum_no, "
      + "f.station_code FROM forum_suggestion s JOIN forum f ON f.id = s.forum_id ";

  Optional<SuggestionAt> suggestionAt(long suggestionId) {
    return jdbc.sql(SUGGESTION_AT + "WHERE s.id = ?").param(suggestionId).query(Forums::suggestionAt).optional();
  }

  /** A station's suggestions that wait for a proposal (PROPOSAL_CANDIDATE), oldest first. */
  List<SuggestionAt> proposalCandidatesAt(String stationCode) {
    return jdbc.sql(SUGGESTION_AT + "WHERE f.station_code = ? AND s.status = ? ORDER BY s.id")
        .params(stationCode, SuggestionStatus.PROPOSAL_CANDIDATE.name()).query(Forums::suggestionAt).list();
  }

  /** The suggestions a proposal took up, in the order they were made. */
  List<SuggestionAt> takenBy(String proposalNo) {
    return jdbc.sql(SUGGESTION_AT + "WHERE s.proposal_ref = ? AND s.status = ? ORDER BY s.id")
        .params(proposalNo, SuggestionStatus.PROPOSAL_LINKED.name()).query(Forums::suggestionAt).list();
  }

  /**
   * A proposal takes a candidate up (PROPOSAL_LINKED, proposal_ref = its number); false when the suggestion is no
   * longer a candidate (another proposal took it meanwhile).
   */
  boolean takeForProposal(long suggestionId, String proposalNo) {
    return jdbc.sql("UPDATE forum_suggestion SET status = ?, proposal_ref = ? WHERE id = ? AND status = ? "
        + "AND proposal_ref IS NULL")
        .params(SuggestionStatus.PROPOSAL_LINKED.name(), proposalNo, suggestionId,
            SuggestionStatus.PROPOSAL_CANDIDATE.name()).update() == 1;
  }

  /** The proposal took them up no longer (withdrawn, or handled as an opinion): candidates again. Idempotent. */
  int releaseFromProposal(String proposalNo) {
    return jdbc.sql("UPDATE forum_suggestion SET status = ?, proposal_ref = NULL WHERE proposal_ref = ? AND status = ?")
        .params(SuggestionStatus.PROPOSAL_CANDIDATE.name(), proposalNo, SuggestionStatus.PROPOSAL_LINKED.name())
        .update();
  }

  private static SuggestionAt suggestionAt(ResultSet rs, int row) throws SQLException {
    return new SuggestionAt(suggestion(rs, row), rs.getString("forum_no"), rs.getString("station_code"));
  }

  private static Suggestion suggestion(ResultSet rs, int row) throws SQLException {
    return new Suggestion(rs.getLong("id"), ProposerKind.valueOf(rs.getString("proposer_kind")),
        rs.getString("proposer"), rs.getString("category"), rs.getString("content"),
        Disposition.valueOf(rs.getString("disposition")), SuggestionStatus.valueOf(rs.getString("status")),
        rs.getString("opinion_ticket_no"), rs.getString("proposal_ref"), rs.getString("created_by"),
        instant(rs, "created_at"));
  }

  private static Forum forum(ResultSet rs, int row) throws SQLException {
    return new Forum(rs.getLong("id"), rs.getString("forum_no"), rs.getString("station_code"), rs.getString("topic"),
        rs.getString("sector"), instant(rs, "starts_at"), rs.getString("place"), Status.valueOf(rs.getString("status")),
        rs.getString("minutes"), rs.getString("process_instance_id"), rs.getString("created_by"),
        instant(rs, "created_at"), instant(rs, "recorded_at"));
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp t = rs.getTimestamp(column);
    return t == null ? null : t.toInstant();
  }
}
