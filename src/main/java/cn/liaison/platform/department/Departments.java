package cn.liaison.platform.department;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The department directory (table department). */
@Repository
public class Departments {

  private static final String COLUMNS = "code, name, group_id, channel, endpoint, timeout_millis, active";

  private final JdbcClient jdbc;

  Departments(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public List<Department> findAll() {
    return jdbc.sql("SELECT " + COLUMNS + " FROM department ORDER BY sort_order, code").query(Departments::map).list();
  }

  public List<Department> findActive() {
    return findAll().stream().filter(Department::active).toList();
  }

  public Optional<Department> findByCode(String code) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM department WHERE code = ?").param(code).query(Departments::map)
        .optional();
  }

  private static Department map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
    return new Department(rs.getString("code"), rs.getString("name"), rs.getString("group_id"),
        Department.Channel.valueOf(rs.getString("channel")), rs.getString("endpoint"), rs.getInt("timeout_millis"),
        rs.getBoolean("active"));
  }
}
