package cn.liaison.platform.campaign;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Campaigns and their teams (tables campaign, campaign_team). */
@Repository
public class Campaigns {

  private final JdbcClient jdbc;
  private final Clock clock;

  Campaigns(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  public Optional<Campaign> find(String code) {
    List<Campaign.TeamMember> team = jdbc.sql("SELECT deputy_user_id, scope_kind, scope_name FROM campaign_team "
        + "WHERE campaign_code = ? ORDER BY scope_kind DESC, scope_name").param(code)
        .query((rs, i) -> new Campaign.TeamMember(rs.getString(1), Campaign.ScopeKind.valueOf(rs.getString(2)),
            rs.getString(3))).list();
    return jdbc.sql("SELECT * FROM campaign WHERE code = ?").param(code).query((rs, i) -> map(rs, team)).optional();
  }

  public boolean exists(String code) {
    return jdbc.sql("SELECT COUNT(*) FROM campaign WHERE code = ?").param(code).query(Integer.class).single() > 0;
  }

  /**
   * Locks the campaign's row until the caller's transaction ends (one ledger import at a time per campaign) and
   * returns its status as of now.
   */
  public Campaign.Status lockForLedgerImport(String code) {
    return Campaign.Status.valueOf(jdbc.sql("SELECT status FROM campaign WHERE code = ? FOR UPDATE").param(code)
        .query(String.class).single());
  }

  void insert(Campaign c, String createdBy) {
    jdbc.sql("INSERT INTO campaign (code, name, town, season, start_date, sign_plant_date, wrap_up_date, "
        + "target_households, target_mu, subsidy_per_mu, status, created_by, created_at) "
        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(c.code(), c.name(), c.town(), c.season(), Date.valueOf(c.startDate()), Date.valueOf(c.signAndPlantDate()),
            Date.valueOf(c.wrapUpDate()), c.targetHouseholds(), c.targetMu(), c.subsidyPerMu(), c.status().name(),
            createdBy, Timestamp.from(clock.instant()))
        .update();
    for (Campaign.TeamMember t : c.team()) {
      jdbc.sql("INSERT INTO campaign_team (campaign_code, scope_kind, scope_name, deputy_user_id) VALUES (?, ?, ?, ?)")
          .params(c.code(), t.kind().name(), t.scope(), t.deputy()).update();
    }
  }

  void setStatus(String code, Campaign.Status status) {
    jdbc.sql("UPDATE campaign SET status = ? WHERE code = ?").params(status.name(), code).update();
  }

  void started(String code, String processInstanceId) {
    jdbc.sql("UPDATE campaign SET status = 'STARTED', process_instance_id = ?, started_at = ? WHERE code = ?")
        .params(processInstanceId, Timestamp.from(clock.instant()), code).update();
  }

  void ended(String code, String summary) {
    jdbc.sql("UPDATE campaign SET status = 'ENDED', summary = ?, ended_at = ? WHERE code = ?")
        .params(summary, Timestamp.from(clock.instant()), code).update();
  }

  private static Campaign map(ResultSet rs, List<Campaign.TeamMember> team) throws SQLException {
    return new Campaign(rs.getString("code"), rs.getString("name"), rs.getString("town"), rs.getString("season"),
        rs.getDate("start_date").toLocalDate(), rs.getDate("sign_plant_date").toLocalDate(),
        rs.getDate("wrap_up_date").toLocalDate(), rs.getInt("target_households"), rs.getBigDecimal("target_mu"),
        rs.getBigDecimal("subsidy_per_mu"), Campaign.Status.valueOf(rs.getString("status")),
        rs.getString("process_instance_id"), rs.getString("summary"), team);
  }
}
