package cn.liaison.platform.rectification;

import cn.liaison.platform.rectification.Rectification.Drive;
import cn.liaison.platform.rectification.Rectification.Problem;
import cn.liaison.platform.rectification.Rectification.Source;
import cn.liaison.platform.rectification.Rectification.Status;
import cn.liaison.platform.rectification.Rectification.Task;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * The rectification lists (tables rectification_drive, rectification_task, rectification_problem): their one writer.
 */
@Repository
public class Rectifications {

  private static final String PROBLEM_COLUMNS = "id, problem_no, task_id, description, source, source_ref, found_on, "
      + "responsible_person, deadline, status, measures, progress, rectified, verification, verification_note, "
      + "verified_by, verified_at, failed_verifications, feedback, feedback_at, closed_by, closed_at, urged_at, "
      + "escalated_at, process_instance_id";

  private final JdbcClient jdbc;

  Rectifications(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  // ---- drives ----

  boolean driveExists(String code) {
    return jdbc.sql("SELECT COUNT(*) FROM rectification_drive WHERE code = ?").param(code).query(Integer.class)
        .single() > 0;
  }

  void insertDrive(String code, String name, String town, String stationCode, LocalDate deadline, String by,
      Instant now) {
    jdbc.sql("INSERT INTO rectification_drive (code, name, town, station_code, deadline, created_by, created_at) "
        + "VALUES (?, ?, ?, ?, ?, ?, ?)").params(code, name, town, stationCode, Date.valueOf(deadline), by,
        Timestamp.from(now)).update();
  }

  public Optional<Drive> drive(String code) {
    return jdbc.sql("SELECT id, code, name, town, station_code, deadline FROM rectification_drive WHERE code = ?")
        .param(code).query((rs, n) -> new Drive(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
            rs.getString(5), rs.getDate(6).toLocalDate())).optional();
  }

  Drive driveById(long id) {
    return jdbc.sql("SELECT id, code, name, town, station_code, deadline FROM rectification_drive WHERE id = ?")
        .param(id).query((rs, n) -> new Drive(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
            rs.getString(5), rs.getDate(6).toLocalDate())).single();
  }

  // ---- tasks ----

  int taskCount(long driveId) {
    return jdbc.sql("SELECT COUNT(*) FROM rectification_task WHERE drive_id = ?").param(driveId).query(Integer.class)
        .single();
  }

  void insertTask(long driveId, String taskNo, String title, String unit, String grid, LocalDate deadline, String by,
      Instant now) {
    jdbc.sql("INSERT INTO rectification_task (drive_id, task_no, title, responsible_unit, grid_code, deadline, "
        + "created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)").params(driveId, taskNo, title, unit, grid,
        Date.valueOf(deadline), by, Timestamp.from(now)).update();
  }

  Optional<Task> task(long driveId, String taskNo) {
    return jdbc.sql("SELECT * FROM rectification_task WHERE drive_id = ? AND task_no = ?").params(driveId, taskNo)
        .query(Rectifications::task).optional();
  }

  Task taskById(long id) {
    return jdbc.sql("SELECT * FROM rectification_task WHERE id = ?").param(id).query(Rectifications::task).single();
  }

  List<Task> tasks(long driveId) {
    return jdbc.sql("SELECT * FROM rectification_task WHERE drive_id = ? ORDER BY id").param(driveId)
        .query(Rectifications::task).list();
  }

  // ---- problems ----

  long insertProblem(String problemNo, long taskId, String description, Source source, String sourceRef,
      LocalDate foundOn, String responsiblePerson, LocalDate deadline, String by, Instant now) {
    var keys = new GeneratedKeyHolder();
    jdbc.sql("INSERT INTO rectification_problem (problem_no, task_id, description, source, source_ref, found_on, "
        + "responsible_person, deadline, status, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(problemNo, taskId, description, source.name(), sourceRef, Date.valueOf(foundOn), responsiblePerson,
            Date.valueOf(deadline), Status.HANDLING.name(), by, Timestamp.from(now))
        .update(keys, "id");
    return keys.getKey().longValue();
  }

  void setProcessInstance(long id, String processInstanceId) {
    jdbc.sql("UPDATE rectification_problem SET process_instance_id = ? WHERE id = ?").params(processInstanceId, id)
        .update();
  }

  public Optional<Problem> problem(String problemNo) {
    return jdbc.sql("SELECT " + PROBLEM_COLUMNS + " FROM rectification_problem WHERE problem_no = ?").param(problemNo)
        .query(Rectifications::problem).optional();
  }

  List<Problem> problemsOfTask(long taskId) {
    return jdbc.sql("SELECT " + PROBLEM_COLUMNS + " FROM rectification_problem WHERE task_id = ? ORDER BY id")
        .param(taskId).query(Rectifications::problem).list();
  }

  List<Problem> problemsOfDrive(long driveId) {
    return jdbc.sql("SELECT " + PROBLEM_COLUMNS.replaceAll("(^|, )", "$1p.") + " FROM rectification_problem p "
        + "JOIN rectification_task t ON t.id = p.task_id WHERE t.drive_id = ? ORDER BY t.id, p.id").param(driveId)
        .query(Rectifications::problem).list();
  }

  /** The problems raised from this source (an opinion's ticket, a reception's number). */
  public List<String> problemNosFrom(Source source, String sourceRef) {
    return jdbc.sql("SELECT problem_no FROM rectification_problem WHERE source = ? AND source_ref = ? ORDER BY id")
        .params(source.name(), sourceRef).query(String.class).list();
  }

  void recordHandling(long id, String measures, String progress, boolean rectified, String by, Instant now) {
    jdbc.sql("UPDATE rectification_problem SET measures = ?, progress = ?, rectified = ?, rectified_by = ?, "
        + "rectified_at = ?, status = ? WHERE id = ?").params(measures, progress, rectified, by, Timestamp.from(now),
        (rectified ? Status.VERIFYING : Status.HANDLING).name(), id).update();
  }

  void recordVerification(long id, String verification, String note, boolean passed, Status next, String by,
      Instant now) {
    jdbc.sql("UPDATE rectification_problem SET verification = ?, verification_note = ?, verified_by = ?, "
        + "verified_at = ?, status = ?, rectified = ?, failed_verifications = failed_verifications + ? WHERE id = ?")
        .params(verification, note, by, Timestamp.from(now), next.name(), passed, passed ? 0 : 1, id).update();
  }

  void recordFeedback(long id, String feedback, Instant now) {
    jdbc.sql("UPDATE rectification_problem SET feedback = ?, feedback_at = ?, status = ? WHERE id = ?")
        .params(feedback, Timestamp.from(now), Status.CLOSING.name(), id).update();
  }

  void close(long id, String by, Instant now) {
    jdbc.sql("UPDATE rectification_problem SET closed_by = ?, closed_at = ?, status = ? WHERE id = ?")
        .params(by, Timestamp.from(now), Status.CLOSED.name(), id).update();
  }

  void markUrged(long id, Instant now) {
    jdbc.sql("UPDATE rectification_problem SET urged_at = ? WHERE id = ? AND urged_at IS NULL")
        .params(Timestamp.from(now), id).update();
  }

  void markEscalated(long id, Instant now) {
    jdbc.sql("UPDATE rectification_problem SET escalated_at = ? WHERE id = ? AND escalated_at IS NULL")
        .params(Timestamp.from(now), id).update();
  }

  /** A row of an imported ledger: what the workbook says of the problem's handling (status is left to the process). */
  void importLedgerLine(long id, String measures, String progress) {
    jdbc.sql("UPDATE rectification_problem SET measures = ?, progress = ? WHERE id = ?")
        .params(measures, progress, id).update();
  }

  private static Task task(ResultSet rs, int n) throws SQLException {
    return new Task(rs.getLong("id"), rs.getLong("drive_id"), rs.getString("task_no"), rs.getString("title"),
        rs.getString("responsible_unit"), rs.getString("grid_code"), rs.getDate("deadline").toLocalDate());
  }

  private static Problem problem(ResultSet rs, int n) throws SQLException {
    return new Problem(rs.getLong("id"), rs.getString("problem_no"), rs.getLong("task_id"),
        rs.getString("description"), Source.valueOf(rs.getString("source")), rs.getString("source_ref"),
        rs.getDate("found_on").toLocalDate(), rs.getString("responsible_person"),
        rs.getDate("deadline").toLocalDate(), Status.valueOf(rs.getString("status")), rs.getString("measures"),
        rs.getString("progress"), rs.getBoolean("rectified"), rs.getString("verification"),
        rs.getString("verification_note"), rs.getString("verified_by"), instant(rs, "verified_at"),
        rs.getInt("failed_verifications"), rs.getString("feedback"), instant(rs, "feedback_at"),
        rs.getString("closed_by"), instant(rs, "closed_at"), instant(rs, "urged_at"), instant(rs, "escalated_at"),
        rs.getString("process_instance_id"));
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp t = rs.getTimestamp(column);
    return t == null ? null : t.toInstant();
  }
}
