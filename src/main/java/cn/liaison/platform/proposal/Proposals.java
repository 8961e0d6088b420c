package cn.liaison.platform.proposal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The proposals (tables proposal, proposal_co_signer, proposal_unit, proposal_event): their one writer. */
@Repository
public class Proposals {

  private static final String COLUMNS = "id, proposal_no, title, reasons, content, category, lead_deputy, created_by, "
      + "status, review_comment, handling_mode, process_instance_id, created_at, updated_at";

  private final JdbcClient jdbc;
  private final Clock clock;

  Proposals(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  Instant now() {
    return clock.instant();
  }

  record NewProposal(String title, String reasons, String content, String category, String leadDeputy,
      String createdBy, ProposalStatus status) {}

  long insert(String proposalNo, NewProposal p, List<String> coSigners) {
    Timestamp now = Timestamp.from(now());
    var keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
    jdbc.sql("INSERT INTO proposal (proposal_no, title, reasons, content, category, lead_deputy, created_by, status, "
            + "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(proposalNo, p.title(), p.reasons(), p.content(), p.category(), p.leadDeputy(), p.createdBy(),
            p.status().name(), now, now)
        .update(keys, "id");
    long id = keys.getKey().longValue();
    for (int i = 0; i < coSigners.size(); i++) {
      jdbc.sql("INSERT INTO proposal_co_signer (proposal_id, deputy_user_id, sort_order, decision) VALUES (?, ?, ?, ?)")
          .params(id, coSigners.get(i), i, "PENDING").update();
    }
    return id;
  }

  /** Links an opinion; a DuplicateKeyException when another proposal took it meanwhile. */
  void linkOpinion(long id, long opinionId, String ticketNo) {
    jdbc.sql("INSERT INTO proposal_opinion (proposal_id, opinion_id, ticket_no) VALUES (?, ?, ?)")
        .params(id, opinionId, ticketNo).update();
  }

  /** The ticket numbers of the opinions a proposal takes up, by opinion id. */
  public java.util.Map<Long, String> linkedOpinions(long id) {
    var linked = new java.util.LinkedHashMap<Long, String>();
    jdbc.sql("SELECT opinion_id, ticket_no FROM proposal_opinion WHERE proposal_id = ? ORDER BY ticket_no").param(id)
        .query((rs, i) -> linked.put(rs.getLong(1), rs.getString(2))).list();
    return linked;
  }

  /** Whether the opinion is part of a proposal. */
  public boolean isLinked(long opinionId) {
    return jdbc.sql("SELECT COUNT(*) FROM proposal_opinion WHERE opinion_id = ?").param(opinionId)
        .query(Integer.class).single() > 0;
  }

  /** The opinions go back to their loops: no link remains, so they may be taken up by a proposal again. */
  void unlinkOpinions(long id) {
    jdbc.sql("DELETE FROM proposal_opinion WHERE proposal_id = ?").param(id).update();
  }

  void setProcessInstance(long id, String processInstanceId) {
    jdbc.sql("UPDATE proposal SET process_instance_id = ? WHERE id = ?").params(processInstanceId, id).update();
  }

  void setStatus(long id, ProposalStatus status) {
    jdbc.sql("UPDATE proposal SET status = ?, updated_at = ? WHERE id = ?")
        .params(status.name(), Timestamp.from(now()), id).update();
  }

  void review(long id, ProposalStatus status, String comment) {
    jdbc.sql("UPDATE proposal SET status = ?, review_comment = ?, updated_at = ? WHERE id = ?")
        .params(status.name(), comment, Timestamp.from(now()), id).update();
  }

  void revise(long id, String title, String reasons, String content) {
    jdbc.sql("UPDATE proposal SET title = ?, reasons = ?, content = ?, status = ?, updated_at = ? WHERE id = ?")
        .params(title, reasons, content, ProposalStatus.REVIEWING.name(), Timestamp.from(now()), id).update();
  }

  /** Records a co-signer's decision once: a decided co-signer keeps the decision (a repeated step changes nothing). */
  boolean decideCoSign(long id, String deputy, String decision) {
    return jdbc.sql("UPDATE proposal_co_signer SET decision = ?, decided_at = ? "
            + "WHERE proposal_id = ? AND deputy_user_id = ? AND decision = 'PENDING'")
        .params(decision, Timestamp.from(now()), id, deputy).update() > 0;
  }

  /** The co-signers who had not decided when the time limit came: left out (EXPIRED). */
  List<String> expirePendingCoSigners(long id) {
    List<String> pending = jdbc.sql("SELECT deputy_user_id FROM proposal_co_signer WHERE proposal_id = ? "
        + "AND decision = 'PENDING' ORDER BY sort_order").param(id).query(String.class).list();
    jdbc.sql("UPDATE proposal_co_signer SET decision = 'EXPIRED', decided_at = ? WHERE proposal_id = ? "
        + "AND decision = 'PENDING'").params(Timestamp.from(now()), id).update();
    return pending;
  }

  void assign(long id, String handlingMode, List<Proposal.Unit> units) {
    Timestamp now = Timestamp.from(now());
    jdbc.sql("DELETE FROM proposal_unit WHERE proposal_id = ?").param(id).update();
    for (Proposal.Unit u : units) {
      jdbc.sql("INSERT INTO proposal_unit (proposal_id, department_code, role, assigned_at) VALUES (?, ?, ?, ?)")
          .params(id, u.departmentCode(), u.role(), now).update();
    }
    jdbc.sql("UPDATE proposal SET status = ?, handling_mode = ?, updated_at = ? WHERE id = ?")
        .params(ProposalStatus.ASSIGNED.name(), handlingMode, now, id).update();
  }

  /** Records an evaluation as the next round; returns the round. */
  int addEvaluation(long id, String rating, String comment) {
    int round = jdbc.sql("SELECT COUNT(*) FROM proposal_evaluation WHERE proposal_id = ?").param(id)
        .query(Integer.class).single() + 1;
    jdbc.sql("INSERT INTO proposal_evaluation (proposal_id, round, rating, comment, evaluated_at) VALUES (?, ?, ?, ?, ?)")
        .params(id, round, rating, comment, Timestamp.from(now())).update();
    return round;
  }

  /** The evaluations, round by round. */
  public List<Proposal.Evaluation> evaluations(long id) {
    return jdbc.sql("SELECT round, rating, comment, evaluated_at FROM proposal_evaluation WHERE proposal_id = ? "
            + "ORDER BY round").param(id)
        .query((rs, i) -> new Proposal.Evaluation(rs.getInt(1), rs.getString(2), rs.getString(3), instant(rs, 4)))
        .list();
  }

  void addEvent(long id, ProposalStatus status, String title, String detail, String actor) {
    jdbc.sql("INSERT INTO proposal_event (proposal_id, status, title, detail, actor, occurred_at) "
            + "VALUES (?, ?, ?, ?, ?, ?)")
        .params(id, status.name(), title, detail, actor, Timestamp.from(now())).update();
  }

  public Optional<Proposal> findByNo(String proposalNo) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM proposal WHERE proposal_no = ?").param(proposalNo)
        .query(Proposals::proposal).optional();
  }

  public Proposal get(long id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM proposal WHERE id = ?").param(id).query(Proposals::proposal).single();
  }

  public List<Proposal.CoSigner> coSigners(long id) {
    return jdbc.sql("SELECT deputy_user_id, decision, decided_at FROM proposal_co_signer WHERE proposal_id = ? "
            + "ORDER BY sort_order").param(id)
        .query((rs, i) -> new Proposal.CoSigner(rs.getString(1), rs.getString(2), instant(rs, 3))).list();
  }

  public List<Proposal.Unit> units(long id) {
    return jdbc.sql("SELECT department_code, role, assigned_at, contacted_on, contact_way, result, reply_text, "
            + "replied_at FROM proposal_unit WHERE proposal_id = ? "
            + "ORDER BY CASE role WHEN 'LEAD' THEN 0 WHEN 'SEPARATE' THEN 1 ELSE 2 END, department_code").param(id)
        .query((rs, i) -> new Proposal.Unit(rs.getString(1), rs.getString(2), instant(rs, 3),
            rs.getDate(4) == null ? null : rs.getDate(4).toLocalDate(), rs.getString(5), rs.getString(6),
            rs.getString(7), instant(rs, 8))).list();
  }

  /** A unit's reply (主办 or 分别办理) with its 办前联系 and result class; a 协办's view has no contact and no result. */
  void unitAnswered(long id, String departmentCode, java.time.LocalDate contactedOn, String contactWay, String result,
      String text, java.time.LocalDate followUpOn) {
    jdbc.sql("UPDATE proposal_unit SET contacted_on = ?, contact_way = ?, result = ?, reply_text = ?, replied_at = ?, "
            + "follow_up_on = ? WHERE proposal_id = ? AND department_code = ?")
        .params(contactedOn, contactWay, result, text, Timestamp.from(now()), followUpOn, id, departmentCode).update();
  }

  /** The units whose answer is class B, with the planned date. */
  public java.util.Map<String, java.time.LocalDate> plannedFollowUps(long id) {
    var planned = new java.util.LinkedHashMap<String, java.time.LocalDate>();
    jdbc.sql("SELECT department_code, follow_up_on FROM proposal_unit WHERE proposal_id = ? AND result = 'B' "
            + "AND follow_up_on IS NOT NULL ORDER BY department_code").param(id)
        .query((rs, i) -> planned.put(rs.getString(1), rs.getDate(2).toLocalDate())).list();
    return planned;
  }

  void followedUp(long id, String departmentCode, String text) {
    jdbc.sql("UPDATE proposal_unit SET follow_up_text = ?, followed_up_at = ? WHERE proposal_id = ? "
            + "AND department_code = ?").params(text, Timestamp.from(now()), id, departmentCode).update();
  }

  public List<Proposal.Event> events(long id) {
    return jdbc.sql("SELECT status, title, detail, actor, occurred_at FROM proposal_event WHERE proposal_id = ? "
            + "ORDER BY occurred_at, id").param(id)
        .query((rs, i) -> new Proposal.Event(ProposalStatus.valueOf(rs.getString(1)), rs.getString(2),
            rs.getString(3), rs.getString(4), instant(rs, 5))).list();
  }

  private static Proposal proposal(ResultSet rs, int row) throws SQLException {
    return new Proposal(rs.getLong("id"), rs.getString("proposal_no"), rs.getString("title"), rs.getString("reasons"),
        rs.getString("content"), rs.getString("category"), rs.getString("lead_deputy"), rs.getString("created_by"),
        ProposalStatus.valueOf(rs.getString("status")), rs.getString("review_comment"),
        rs.getString("handling_mode"), rs.getString("process_instance_id"), instant(rs, "created_at"),
        instant(rs, "updated_at"));
  }

  private static Instant instant(ResultSet rs, int column) throws SQLException {
    Timestamp t = rs.getTimestamp(column);
    return t == null ? null : t.toInstant();
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp t = rs.getTimestamp(column);
    return t == null ? null : t.toInstant();
  }
}
