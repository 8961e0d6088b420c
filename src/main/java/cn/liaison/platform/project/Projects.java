package cn.liaison.platform.project;

import cn.liaison.platform.project.Project.Inspection;
import cn.liaison.platform.project.Project.Kind;
import cn.liaison.platform.project.Project.Milestone;
import cn.liaison.platform.project.Project.MilestoneStatus;
import cn.liaison.platform.project.Project.Status;
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

/** Projects (tables project, project_deputy, project_milestone, project_inspection): their one writer. */
@Repository
class Projects {

  private static final String COLUMNS = "id, code, name, kind, town, station_code, department, contractor, starts_on, "
      + "ends_on, drive_code, task_no, status, acceptance_opinion, accepted_by, accepted_at";

  private final JdbcClient jdbc;

  Projects(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  boolean exists(String code) {
    return jdbc.sql("SELECT COUNT(*) FROM project WHERE code = ?").param(code).query(Integer.class).single() > 0;
  }

  long insert(String code, String name, Kind kind, String town, String stationCode, String department,
      String contractor, LocalDate startsOn, LocalDate endsOn, String driveCode, String taskNo, String by,
      Instant now) {
    var keys = new GeneratedKeyHolder();
    jdbc.sql("INSERT INTO project (code, name, kind, town, station_code, department, contractor, starts_on, ends_on, "
        + "drive_code, task_no, status, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(code, name, kind.name(), town, stationCode, department, contractor, Date.valueOf(startsOn),
            Date.valueOf(endsOn), driveCode, taskNo, Status.SUPERVISING.name(), by, Timestamp.from(now))
        .update(keys, "id");
    return keys.getKey().longValue();
  }

  void addDeputy(long projectId, String userId) {
    jdbc.sql("INSERT INTO project_deputy (project_id, user_id) VALUES (?, ?)").params(projectId, userId).update();
  }

  long addMilestone(long projectId, int seq, String name, LocalDate due) {
    var keys = new GeneratedKeyHolder();
    jdbc.sql("INSERT INTO project_milestone (project_id, seq, name, due, status) VALUES (?, ?, ?, ?, ?)")
        .params(projectId, seq, name, Date.valueOf(due), MilestoneStatus.PENDING.name()).update(keys, "id");
    return keys.getKey().longValue();
  }

  void setProcessInstance(long projectId, String pi) {
    jdbc.sql("UPDATE project SET process_instance_id = ? WHERE id = ?").params(pi, projectId).update();
  }

  Optional<Project> find(String code) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM project WHERE code = ?").param(code).query(Projects::project)
        .optional();
  }

  List<String> deputies(long projectId) {
    return jdbc.sql("SELECT user_id FROM project_deputy WHERE project_id = ? ORDER BY user_id").param(projectId)
        .query(String.class).list();
  }

  List<Milestone> milestones(long projectId) {
    return jdbc.sql("SELECT id, project_id, seq, name, due, status FROM project_milestone WHERE project_id = ? "
        + "ORDER BY seq").param(projectId).query((rs, n) -> new Milestone(rs.getLong(1), rs.getLong(2),
            rs.getInt(3), rs.getString(4), rs.getDate(5).toLocalDate(),
            MilestoneStatus.valueOf(rs.getString(6)))).list();
  }

  void setMilestoneStatus(long milestoneId, MilestoneStatus status) {
    jdbc.sql("UPDATE project_milestone SET status = ? WHERE id = ?").params(status.name(), milestoneId).update();
  }

  int inspectionCount(long projectId) {
    return jdbc.sql("SELECT COUNT(*) FROM project_inspection WHERE project_id = ?").param(projectId)
        .query(Integer.class).single();
  }

  void insertInspection(String inspectionNo, long projectId, long milestoneId, LocalDate inspectedOn,
      String findings, MilestoneStatus status, int farmersVisited, String farmersSaid, String by, Instant now) {
    jdbc.sql("INSERT INTO project_inspection (inspection_no, project_id, milestone_id, inspected_on, findings, "
        + "milestone_status, farmers_visited, farmers_said, inspected_by, created_at) "
        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)").params(inspectionNo, projectId, milestoneId,
            Date.valueOf(inspectedOn), findings, status.name(), farmersVisited, farmersSaid, by, Timestamp.from(now))
        .update();
  }

  List<Inspection> inspections(long projectId) {
    return jdbc.sql("SELECT id, inspection_no, milestone_id, inspected_on, findings, milestone_status, "
        + "farmers_visited, farmers_said, inspected_by FROM project_inspection WHERE project_id = ? ORDER BY id")
        .param(projectId).query((rs, n) -> new Inspection(rs.getLong(1), rs.getString(2), rs.getLong(3),
            rs.getDate(4).toLocalDate(), rs.getString(5), MilestoneStatus.valueOf(rs.getString(6)), rs.getInt(7),
            rs.getString(8), rs.getString(9))).list();
  }

  boolean move(long projectId, Status from, Status to) {
    return jdbc.sql("UPDATE project SET status = ? WHERE id = ? AND status = ?")
        .params(to.name(), projectId, from.name()).update() == 1;
  }

  void accept(long projectId, String opinion, String by, Instant now) {
    jdbc.sql("UPDATE project SET status = ?, acceptance_opinion = ?, accepted_by = ?, accepted_at = ? WHERE id = ?")
        .params(Status.CLOSED.name(), opinion, by, Timestamp.from(now), projectId).update();
  }

  private static Project project(ResultSet rs, int row) throws SQLException {
    Timestamp accepted = rs.getTimestamp("accepted_at");
    return new Project(rs.getLong("id"), rs.getString("code"), rs.getString("name"), Kind.valueOf(rs.getString("kind")),
        rs.getString("town"), rs.getString("station_code"), rs.getString("department"), rs.getString("contractor"),
        rs.getDate("starts_on").toLocalDate(), rs.getDate("ends_on").toLocalDate(), rs.getString("drive_code"),
        rs.getString("task_no"), Status.valueOf(rs.getString("status")), rs.getString("acceptance_opinion"),
        rs.getString("accepted_by"), accepted == null ? null : accepted.toInstant());
  }
}
