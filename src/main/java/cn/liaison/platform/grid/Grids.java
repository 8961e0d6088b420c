package cn.liaison.platform.grid;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The grids (table grid): their one writer. */
@Repository
public class Grids {

  private final JdbcClient jdbc;

  Grids(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public Optional<Grid> findByCode(String code) {
    return jdbc.sql("SELECT code, name, town, deputy_user_id FROM grid WHERE code = ?").param(code)
        .query((rs, n) -> new Grid(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4))).optional();
  }

  /** The grids of a town (all when town is null), by code. */
  public List<Grid> ofTown(String town) {
    return jdbc.sql("SELECT code, name, town, deputy_user_id FROM grid WHERE ? IS NULL OR town = ? ORDER BY town, code")
        .params(town, town)
        .query((rs, n) -> new Grid(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4))).list();
  }

  boolean exists(String code) {
    return jdbc.sql("SELECT COUNT(*) FROM grid WHERE code = ?").param(code).query(Integer.class).single() > 0;
  }

  void save(Grid g, String by, Instant now) {
    int updated = jdbc.sql("UPDATE grid SET name = ?, town = ?, deputy_user_id = ?, updated_by = ?, updated_at = ? "
        + "WHERE code = ?").params(g.name(), g.town(), g.deputyUserId(), by, Timestamp.from(now), g.code()).update();
    if (updated == 0) {
      jdbc.sql("INSERT INTO grid (code, name, town, deputy_user_id, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?)")
          .params(g.code(), g.name(), g.town(), g.deputyUserId(), by, Timestamp.from(now)).update();
    }
  }
}
