package cn.liaison.platform.reception;

import cn.liaison.platform.reception.Reception.Flag;
import cn.liaison.platform.reception.Reception.FlagKind;
import cn.liaison.platform.reception.Reception.Kind;
import cn.liaison.platform.reception.Reception.Status;
import cn.liaison.platform.reception.Reception.Visit;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The reception sessions (tables reception, reception_deputy, reception_visit, reception_flag): their one writer. */
@Repository
public class Receptions {

  private static final String COLUMNS = "id, reception_no, station_code, kind, theme, place, starts_at, ends_at, "
      + "status, summary, town_issues, process_instance_id, created_by, created_at";

  private final JdbcClient jdbc;

  Receptions(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  record NewReception(String receptionNo, String stationCode, Kind kind, String theme, String place, Instant startsAt,
      Instant endsAt, List<String> deputies, String createdBy) {}

  record NewVisit(int visitors, String topic, boolean solvedOnSpot, String solution, String opinionTicketNo,
      String recordedBy) {}

  long insert(NewReception r, Instant now) {
    var keys = new GeneratedKeyHolder();
    jdbc.sql("INSERT INTO reception (reception_no, station_code, kind, theme, place, starts_at, ends_at, status, "
        + "created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(r.receptionNo(), r.stationCode(), r.kind().name(), r.theme(), r.place(), Timestamp.from(r.startsAt()),
            Timestamp.from(r.endsAt()), Status.ANNOUNCED.name(), r.createdBy(), Timestamp.from(now))
        .update(keys, "id");
    long id = keys.getKey().longValue();
    for (String deputy : r.deputies()) {
      jdbc.sql("INSERT INTO reception_deputy (reception_id, deputy_user_id) VALUES (?, ?)").params(id, deputy)
          .update();
    }
    return id;
  }

  void setProcessInstance(long id, String processInstanceId) {
    jdbc.sql("UPDATE reception SET process_instance_id = ? WHERE id = ?").params(processInstanceId, id).update();
  }

  public Optional<Reception> findByNo(String receptionNo) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM reception WHERE reception_no = ?").param(receptionNo)
        .query(Receptions::reception).optional();
  }

  /** The station's sessions that have not ended by the time given, soonest first (at most limit). */
  List<Reception> upcoming(String stationCode, Instant after, int limit) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM reception WHERE station_code = ? AND ends_at > ? "
        + "ORDER BY starts_at, id FETCH FIRST " + limit + " ROWS ONLY")
        .params(stationCode, Timestamp.from(after)).query(Receptions::reception).list();
  }

  /** The sessions the deputy is on duty for that end after the time given and are not summarized, soonest first. */
  List<Reception> dutiesOf(String deputy, Instant endsAfter, int limit) {
    return jdbc.sql("SELECT " + COLUMNS.replaceAll("(^|, )", "$1r.") + " FROM reception r JOIN reception_deputy d "
        + "ON d.reception_id = r.id WHERE d.deputy_user_id = ? AND r.ends_at > ? AND r.status <> ? "
        + "ORDER BY r.starts_at, r.id FETCH FIRST " + limit + " ROWS ONLY")
        .params(deputy, Timestamp.from(endsAfter), Status.CLOSED.name()).query(Receptions::reception).list();
  }

  /** Sessions of the station (null: of every station), newest first. */
  List<Reception> ofStation(String stationCode, int limit) {
    if (stationCode == null) {
      return jdbc.sql("SELECT " + COLUMNS + " FROM reception ORDER BY starts_at DESC, id DESC FETCH FIRST " + limit
          + " ROWS ONLY").query(Receptions::reception).list();
    }
    return jdbc.sql("SELECT " + COLUMNS + " FROM reception WHERE station_code = ? "
        + "ORDER BY starts_at DESC, id DESC FETCH FIRST " + limit + " ROWS ONLY")
        .param(stationCode).query(Receptions::reception).list();
  }

  List<String> deputies(long receptionId) {
    return jdbc.sql("SELECT deputy_user_id FROM reception_deputy WHERE reception_id = ? ORDER BY deputy_user_id")
        .param(receptionId).query(String.class).list();
  }

  boolean onDuty(long receptionId, String userId) {
    return jdbc.sql("SELECT COUNT(*) FROM reception_deputy WHERE reception_id = ? AND deputy_user_id = ?")
        .params(receptionId, userId).query(Integer.class).single() > 0;
  }

  /** Moves the session from one status to the next; false when it was not in the expected status. */
  boolean move(long id, Status from, Status to) {
    return jdbc.sql("UPDATE reception SET status = ? WHERE id = ? AND status = ?")
        .params(to.name(), id, from.name()).update() == 1;
  }

  long addVisit(long receptionId, NewVisit v, Instant now) {
    var keys = new GeneratedKeyHolder();
    jdbc.sql("INSERT INTO reception_visit (reception_id, visitors, topic, solved_on_spot, solution, opinion_ticket_no, "
        + "recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
        .params(receptionId, v.visitors(), v.topic(), v.solvedOnSpot(), v.solution(), v.opinionTicketNo(),
            v.recordedBy(), Timestamp.from(now))
        .update(keys, "id");
    return keys.getKey().longValue();
  }

  List<Visit> visits(long receptionId) {
    return jdbc.sql("SELECT id, visitors, topic, solved_on_spot, solution, opinion_ticket_no, recorded_by, recorded_at "
        + "FROM reception_visit WHERE reception_id = ? ORDER BY recorded_at, id").param(receptionId)
        .query((rs, i) -> new Visit(rs.getLong("id"), rs.getInt("visitors"), rs.getString("topic"),
            rs.getBoolean("solved_on_spot"), rs.getString("solution"), rs.getString("opinion_ticket_no"),
            rs.getString("recorded_by"), instant(rs, "recorded_at")))
        .list();
  }

  /**
   * 删除个人信息 of an opinion taken at a visit: the visit's topic (often the first words of the opinion) becomes
   * {@code replacement}; visitors, the on-the-spot outcome and the link stay, so the figures do not change.
   */
  public int eraseVisitTopicOf(String ticketNo, String replacement) {
    return jdbc.sql("UPDATE reception_visit SET topic = ? WHERE opinion_ticket_no = ?").params(replacement, ticketNo)
        .update();
  }

  /** The reception whose visit took the opinion (the opinion's side of the link). */
  public Optional<String> receptionOfOpinion(String ticketNo) {
    return jdbc.sql("SELECT r.reception_no FROM reception_visit v JOIN reception r ON r.id = v.reception_id "
        + "WHERE v.opinion_ticket_no = ?").param(ticketNo).query(String.class).optional();
  }

  /** 小结: the summary and the issues for the town; closes the session. */
  boolean summarized(long id, String summary, String townIssues, String by, Instant now) {
    return jdbc.sql("UPDATE reception SET status = ?, summary = ?, town_issues = ?, summarized_by = ?, "
        + "summarized_at = ? WHERE id = ? AND status = ?")
        .params(Status.CLOSED.name(), summary, townIssues, by, Timestamp.from(now), id, Status.HELD.name())
        .update() == 1;
  }

  void addFlag(long receptionId, FlagKind kind, String description, Instant now) {
    jdbc.sql("INSERT INTO reception_flag (reception_id, kind, description, special_supervision, created_at) "
        + "VALUES (?, ?, ?, ?, ?)").params(receptionId, kind.name(), description, true, Timestamp.from(now)).update();
  }

  public List<Flag> flags(long receptionId) {
    return jdbc.sql("SELECT id, kind, description, special_supervision, rectification_problem_no FROM reception_flag "
        + "WHERE reception_id = ? ORDER BY id").param(receptionId)
        .query((rs, i) -> new Flag(rs.getLong("id"), FlagKind.valueOf(rs.getString("kind")),
            rs.getString("description"), rs.getBoolean("special_supervision"),
            rs.getString("rectification_problem_no")))
        .list();
  }

  /** The flag now points at the rectification problem raised from it; false when it points at another already. */
  boolean linkProblem(long receptionId, long flagId, String problemNo) {
    return jdbc.sql("UPDATE reception_flag SET rectification_problem_no = ? WHERE id = ? AND reception_id = ? "
        + "AND (rectification_problem_no IS NULL OR rectification_problem_no = ?)")
        .params(problemNo, flagId, receptionId, problemNo).update() == 1;
  }

  private static Reception reception(ResultSet rs, int row) throws SQLException {
    return new Reception(rs.getLong("id"), rs.getString("reception_no"), rs.getString("station_code"),
        Kind.valueOf(rs.getString("kind")), rs.getString("theme"), rs.getString("place"), instant(rs, "starts_at"),
        instant(rs, "ends_at"), Status.valueOf(rs.getString("status")), rs.getString("summary"),
        rs.getString("town_issues"), rs.getString("process_instance_id"), rs.getString("created_by"),
        instant(rs, "created_at"));
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp t = rs.getTimestamp(column);
    return t == null ? null : t.toInstant();
  }
}
