package cn.liaison.platform.campaign;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The ledger's households and plots (tables household, plot). */
@Repository
public class Households {

  private final JdbcClient jdbc;

  Households(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public Optional<Household> find(long id) {
    return jdbc.sql("SELECT * FROM household WHERE id = ?").param(id).query(this::mapWithoutPlots).optional()
        .map(this::withPlots);
  }

  public Optional<Household> find(String campaignCode, String householdNo) {
    return jdbc.sql("SELECT * FROM household WHERE campaign_code = ? AND household_no = ?")
        .params(campaignCode, householdNo).query(this::mapWithoutPlots).optional().map(this::withPlots);
  }

  /** The household whose sign-off runs in this process instance. */
  public Optional<Long> idOfProcessInstance(String processInstanceId) {
    return jdbc.sql("SELECT id FROM household WHERE process_instance_id = ?").param(processInstanceId)
        .query(Long.class).optional();
  }

  /** All households of a campaign with their plots, in ledger order (village, household number). */
  public List<Household> ofCampaign(String campaignCode) {
    List<Household> households = jdbc.sql("SELECT * FROM household WHERE campaign_code = ? "
        + "ORDER BY village, household_no").param(campaignCode).query(this::mapWithoutPlots).list();
    Map<Long, List<Household.Plot>> plots = new HashMap<>();
    jdbc.sql("SELECT p.* FROM plot p JOIN household h ON h.id = p.household_id WHERE h.campaign_code = ? "
        + "ORDER BY p.household_id, p.plot_no").param(campaignCode)
        .query((ResultSet rs) -> {
          plots.computeIfAbsent(rs.getLong("household_id"), k -> new ArrayList<>()).add(plot(rs));
        });
    return households.stream().map(h -> copy(h, plots.getOrDefault(h.id(), List.of()))).toList();
  }

  /** Households not yet started in a sign-off process (to start them batch by batch). */
  List<Long> notStarted(String campaignCode, int limit) {
    return jdbc.sql("SELECT id FROM household WHERE campaign_code = ? AND process_instance_id IS NULL "
        + "ORDER BY id FETCH FIRST " + limit + " ROWS ONLY").param(campaignCode).query(Long.class).list();
  }

  int ofCampaignCount(String campaignCode) {
    return jdbc.sql("SELECT COUNT(*) FROM household WHERE campaign_code = ?").param(campaignCode)
        .query(Integer.class).single();
  }

  int countNotStarted(String campaignCode) {
    return jdbc.sql("SELECT COUNT(*) FROM household WHERE campaign_code = ? AND process_instance_id IS NULL")
        .param(campaignCode).query(Integer.class).single();
  }

  void update(long id, String column, Object value) {
    // column names come from this package only, never from input
    jdbc.sql("UPDATE household SET " + column + " = ?, updated_at = ? WHERE id = ?")
        .params(value, Timestamp.from(Instant.now()), id).update();
  }

  void setStatus(long id, Household.Status status) {
    update(id, "status", status.name());
  }

  void markPlotsSigned(long householdId, List<String> plotNos) {
    jdbc.sql("UPDATE plot SET signed = FALSE WHERE household_id = ?").param(householdId).update();
    for (String no : plotNos) {
      jdbc.sql("UPDATE plot SET signed = TRUE WHERE household_id = ? AND plot_no = ?").params(householdId, no).update();
    }
  }

  private Household withPlots(Household h) {
    return copy(h, jdbc.sql("SELECT * FROM plot WHERE household_id = ? ORDER BY plot_no").param(h.id())
        .query((rs, i) -> plot(rs)).list());
  }

  private static Household.Plot plot(ResultSet rs) throws SQLException {
    return new Household.Plot(rs.getLong("id"), rs.getString("plot_no"), rs.getBigDecimal("area_mu"),
        Household.Terrain.valueOf(rs.getString("terrain")), rs.getString("current_crop"), rs.getBoolean("signed"));
  }

  private static Household copy(Household h, List<Household.Plot> plots) {
    return new Household(h.id(), h.campaignCode(), h.householdNo(), h.headName(), h.village(), h.area(), h.phone(),
        h.responsibleDeputy(), h.status(), h.visitCount(), h.lastVisitOutcome(), h.unwillingReasons(), h.visitNote(),
        h.guidanceCount(), h.agreementNo(), h.signedMu(), h.plantedMu(), h.plantedOn(), h.subsidyAmount(),
        h.subsidisedAt(), h.crossedOffBy(), h.crossedOffAt(), h.processInstanceId(), plots);
  }

  private Household mapWithoutPlots(ResultSet rs, int row) throws SQLException {
    Timestamp subsidised = rs.getTimestamp("subsidised_at");
    Timestamp crossed = rs.getTimestamp("crossed_off_at");
    java.sql.Date planted = rs.getDate("planted_on");
    return new Household(rs.getLong("id"), rs.getString("campaign_code"), rs.getString("household_no"),
        rs.getString("head_name"), rs.getString("village"), rs.getString("area"), rs.getString("phone"),
        rs.getString("responsible_deputy"), Household.Status.valueOf(rs.getString("status")), rs.getInt("visit_count"),
        rs.getString("last_visit_outcome"), rs.getString("unwilling_reasons"), rs.getString("visit_note"),
        rs.getInt("guidance_count"), rs.getString("agreement_no"), rs.getBigDecimal("signed_mu"),
        rs.getBigDecimal("planted_mu"), planted == null ? null : planted.toLocalDate(), rs.getBigDecimal("subsidy_amount"),
        subsidised == null ? null : subsidised.toInstant(), rs.getString("crossed_off_by"),
        crossed == null ? null : crossed.toInstant(), rs.getString("process_instance_id"), List.of());
  }
}
