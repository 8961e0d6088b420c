package cn.liaison.platform.campaign;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The ledger's households and plots (tables household, plot). */
@Repository
public class Households {

  /** A household as the work ledger (工作台账) gives it, with its plots; the deputy is the one it derives. */
  public record LedgerHousehold(String householdNo, String headName, String village, String area, String phone,
      String deputy, List<LedgerPlot> plots) {}

  public record LedgerPlot(String plotNo, BigDecimal mu, Household.Terrain terrain, String crop) {}

  /** What writing a ledger changed; unchanged counts records that were already as in the ledger. */
  public record LedgerWritten(int householdsCreated, int householdsUpdated, int householdsUnchanged,
      int plotsCreated, int plotsUpdated, int plotsUnchanged) {}

  static final int BATCH = 1000;

  private final JdbcClient jdbc;
  private final JdbcTemplate batches;
  private final Clock clock;

  Households(JdbcClient jdbc, JdbcTemplate batches, Clock clock) {
    this.jdbc = jdbc;
    this.batches = batches;
    this.clock = clock;
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

  /**
   * The next households of one start shard (household id modulo {@code shards}) not yet started in a sign-off
   * process, with their plots (to start them batch by batch): two queries for the whole batch. The shards are
   * disjoint, so their batches can start in parallel jobs.
   */
  List<Household> notStarted(String campaignCode, int shard, int shards, int limit) {
    List<Household> households = jdbc.sql("SELECT * FROM household WHERE campaign_code = ? "
        + "AND process_instance_id IS NULL AND MOD(id, ?) = ? ORDER BY id FETCH FIRST " + limit + " ROWS ONLY")
        .params(campaignCode, shards, shard)
        .query(this::mapWithoutPlots).list();
    if (households.isEmpty()) {
      return households;
    }
    Map<Long, List<Household.Plot>> plots = new HashMap<>();
    long first = households.get(0).id();
    long last = households.get(households.size() - 1).id();
    jdbc.sql("SELECT p.* FROM plot p JOIN household h ON h.id = p.household_id WHERE h.campaign_code = ? "
        + "AND h.process_instance_id IS NULL AND h.id BETWEEN ? AND ? AND MOD(h.id, ?) = ? "
        + "ORDER BY p.household_id, p.plot_no")
        .params(campaignCode, first, last, shards, shard)
        .query((ResultSet rs) -> {
          plots.computeIfAbsent(rs.getLong("household_id"), k -> new ArrayList<>()).add(plot(rs));
        });
    return households.stream().map(h -> copy(h, plots.getOrDefault(h.id(), List.of()))).toList();
  }

  int ofCampaignCount(String campaignCode) {
    return jdbc.sql("SELECT COUNT(*) FROM household WHERE campaign_code = ?").param(campaignCode)
        .query(Integer.class).single();
  }

  int countNotStarted(String campaignCode, int shard, int shards) {
    return jdbc.sql("SELECT COUNT(*) FROM household WHERE campaign_code = ? AND process_instance_id IS NULL "
        + "AND MOD(id, ?) = ?").params(campaignCode, shards, shard).query(Integer.class).single();
  }

  /** The households' sign-offs run in these process instances (household id → process instance id), one batch. */
  void signOffsStarted(Map<Long, String> processInstances, java.util.Set<Long> visiting) {
    Timestamp now = now();
    List<Map.Entry<Long, String>> rows = new ArrayList<>(processInstances.entrySet());
    // the households whose first visit task was opened go from 待走访 to 走访中 in the same statement (markVisiting)
    batches.batchUpdate("UPDATE household SET process_instance_id = ?, updated_at = ?, status = CASE WHEN ? AND "
            + "status = 'PENDING' THEN 'VISITING' ELSE status END WHERE id = ?", rows, BATCH,
        (ps, row) -> {
          ps.setString(1, row.getValue());
          ps.setTimestamp(2, now);
          ps.setBoolean(3, visiting.contains(row.getKey()));
          ps.setLong(4, row.getKey());
        });
  }

  /** The first visit task was opened: a household waiting for its visit is now being mobilised. */
  void markVisiting(long id) {
    jdbc.sql("UPDATE household SET status = 'VISITING', updated_at = ? WHERE id = ? AND status = 'PENDING'")
        .params(now(), id).update();
  }

  /**
   * Records a visit (入户动员): the visit count, its outcome and note, the household's new status, and, when
   * unwilling, the reasons (codes, comma-separated; null keeps the reasons recorded before).
   */
  void recordVisit(long id, int visitCount, CampaignProcess.VisitOutcome outcome, String note,
      String unwillingReasons, Household.Status status) {
    jdbc.sql("UPDATE household SET visit_count = ?, last_visit_outcome = ?, visit_note = ?, "
        + "unwilling_reasons = COALESCE(?, unwilling_reasons), status = ?, updated_at = ? WHERE id = ?")
        .params(visitCount, outcome.name(), note, unwillingReasons, status.name(), now(), id).update();
  }

  /** An expert gave on-site guidance (专家现场指导). */
  void recordGuidance(long id) {
    jdbc.sql("UPDATE household SET guidance_count = guidance_count + 1, updated_at = ? WHERE id = ?")
        .params(now(), id).update();
  }

  /** The agreement is signed for these plots (the others are marked unsigned). */
  void markSigned(long id, String agreementNo, BigDecimal signedMu, List<String> plotNos, Instant signedAt) {
    jdbc.sql("UPDATE household SET agreement_no = ?, signed_mu = ?, signed_at = ?, status = 'SIGNED', updated_at = ? "
        + "WHERE id = ?").params(agreementNo, signedMu, Timestamp.from(signedAt), now(), id).update();
    jdbc.sql("UPDATE plot SET signed = FALSE WHERE household_id = ?").param(id).update();
    for (String no : plotNos) {
      jdbc.sql("UPDATE plot SET signed = TRUE WHERE household_id = ? AND plot_no = ?").params(id, no).update();
    }
  }

  /** Rice is planted (种植确认). */
  void markPlanted(long id, BigDecimal plantedMu, LocalDate plantedOn) {
    jdbc.sql("UPDATE household SET planted_mu = ?, planted_on = ?, status = 'PLANTED', updated_at = ? WHERE id = ?")
        .params(plantedMu, java.sql.Date.valueOf(plantedOn), now(), id).update();
  }

  /** The finance bureau was sent the household's subsidy. */
  void markSubsidised(long id, BigDecimal amount, Instant subsidisedAt) {
    jdbc.sql("UPDATE household SET subsidy_amount = ?, subsidised_at = ?, status = 'SUBSIDISED', updated_at = ? "
        + "WHERE id = ?").params(amount, Timestamp.from(subsidisedAt), now(), id).update();
  }

  /** 销号 by the responsible deputy, who answers for it. */
  void markCrossedOff(long id, Instant crossedOffAt) {
    jdbc.sql("UPDATE household SET crossed_off_by = responsible_deputy, crossed_off_at = ?, status = 'CROSSED_OFF', "
        + "updated_at = ? WHERE id = ?").params(Timestamp.from(crossedOffAt), now(), id).update();
  }

  /** Mobilisation ended before the household agreed (未改种). */
  void markNotConverted(long id) {
    jdbc.sql("UPDATE household SET status = 'NOT_CONVERTED', updated_at = ? WHERE id = ?").params(now(), id).update();
  }

  /** What replaces a head of household's name once it was blanked (the column may not be empty). */
  public static final String BLANKED_NAME = "（已删除）";

  /**
   * Retention: blanks the head's name and the phone of at most {@code batch} households whose work ended before
   * {@code cutoff}: crossed off (销号, at crossed_off_at), not converted (未改种, at its last change) or its subsidy
   * written off (不予发放, at written_off_at). Areas,
   * villages, plots and figures stay. Returns how many; called again until it returns less than the batch.
   */
  public int blankContactsEndedBefore(Instant cutoff, int batch) {
    Timestamp before = Timestamp.from(cutoff);
    List<Long> ids = jdbc.sql("SELECT id FROM household WHERE ((status = 'CROSSED_OFF' AND crossed_off_at < ?) "
            + "OR (status = 'NOT_CONVERTED' AND updated_at < ?) "
            // its subsidy written off (不予发放): the household's work ended then
            + "OR id IN (SELECT household_id FROM subsidy_write_off WHERE written_off_at < ?)) "
            + "AND (phone IS NOT NULL OR head_name <> ?) "
            + "ORDER BY id LIMIT ?").params(before, before, before, BLANKED_NAME, batch).query(Long.class).list();
    for (Long id : ids) {
      // updated_at stays: for a household not converted it is when its work ended
      jdbc.sql("UPDATE household SET head_name = ?, phone = NULL WHERE id = ?").params(BLANKED_NAME, id).update();
    }
    return ids.size();
  }

  /** Another deputy answers for the household from now on. */
  void assignDeputy(long id, String deputy) {
    jdbc.sql("UPDATE household SET responsible_deputy = ?, updated_at = ? WHERE id = ?").params(deputy, now(), id)
        .update();
  }

  /** The campaign's household ids by household number, in one query (no plots). */
  Map<String, Long> idsByHouseholdNo(String campaignCode) {
    Map<String, Long> ids = new HashMap<>();
    jdbc.sql("SELECT household_no, id FROM household WHERE campaign_code = ?").param(campaignCode)
        .query((ResultSet rs) -> {
          ids.put(rs.getString(1), rs.getLong(2));
        });
    return ids;
  }

  /** The heads of the households in a subsidy batch by household number, in one query (the batch page). */
  public Map<String, String> headNamesOfBatch(long batchId) {
    Map<String, String> names = new HashMap<>();
    jdbc.sql("SELECT h.household_no, h.head_name FROM household h JOIN subsidy_payment p ON p.household_id = h.id "
        + "WHERE p.batch_id = ?").param(batchId)
        .query((ResultSet rs) -> {
          names.put(rs.getString(1), rs.getString(2));
        });
    return names;
  }

  /** The household numbers already in the campaign's ledger. */
  public Set<String> householdNos(String campaignCode) {
    return new HashSet<>(jdbc.sql("SELECT household_no FROM household WHERE campaign_code = ?").param(campaignCode)
        .query(String.class).list());
  }

  private record ExistingHousehold(long id, String headName, String village, String area, String phone,
      String deputy, boolean started) {}

  private record ExistingPlot(long id, BigDecimal mu, String terrain, String crop) {}

  /**
   * Upserts a ledger into the campaign: households by 户编号, plots by (household, 地块编号); nothing is deleted.
   * Names, villages, areas and phones are updated; a household whose sign-off has started keeps its deputy
   * (moving it is {@link CampaignService#changeDeputy}'s job). Existing households and plots are loaded with one
   * query each and written with JDBC batches: no statement per row. Runs in the caller's transaction.
   */
  public LedgerWritten writeLedger(String campaignCode, Collection<LedgerHousehold> ledger) {
    Timestamp now = now();
    Map<String, ExistingHousehold> existing = new HashMap<>();
    batches.query("SELECT id, household_no, head_name, village, area, phone, responsible_deputy, status, "
        + "process_instance_id FROM household WHERE campaign_code = ?", rs -> {
          existing.put(rs.getString("household_no"), new ExistingHousehold(rs.getLong("id"), rs.getString("head_name"),
              rs.getString("village"), rs.getString("area"), rs.getString("phone"), rs.getString("responsible_deputy"),
              rs.getString("process_instance_id") != null || !"PENDING".equals(rs.getString("status"))));
        }, campaignCode);

    List<LedgerHousehold> toInsert = new ArrayList<>();
    List<Map.Entry<Long, LedgerHousehold>> toUpdate = new ArrayList<>();
    int unchanged = 0;
    for (LedgerHousehold h : ledger) {
      ExistingHousehold e = existing.get(h.householdNo());
      if (e == null) {
        toInsert.add(h);
        continue;
      }
      LedgerHousehold wanted = e.started() ? withDeputy(h, e.deputy()) : h;
      if (Objects.equals(e.headName(), h.headName()) && Objects.equals(e.village(), h.village())
          && Objects.equals(e.area(), h.area()) && Objects.equals(e.phone(), h.phone())
          && Objects.equals(e.deputy(), wanted.deputy())) {
        unchanged++;
      } else {
        toUpdate.add(Map.entry(e.id(), wanted));
      }
    }
    batches.batchUpdate("INSERT INTO household (campaign_code, household_no, head_name, village, area, phone, "
        + "responsible_deputy, status, visit_count, guidance_count, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'PENDING', "
        + "0, 0, ?)", toInsert, BATCH, (ps, h) -> {
          ps.setString(1, campaignCode);
          ps.setString(2, h.householdNo());
          ps.setString(3, h.headName());
          ps.setString(4, h.village());
          string(ps, 5, h.area());
          string(ps, 6, h.phone());
          ps.setString(7, h.deputy());
          ps.setTimestamp(8, now);
        });
    batches.batchUpdate("UPDATE household SET head_name = ?, village = ?, area = ?, phone = ?, responsible_deputy = ?, "
        + "updated_at = ? WHERE id = ?", toUpdate, BATCH, (ps, u) -> {
          LedgerHousehold h = u.getValue();
          ps.setString(1, h.headName());
          ps.setString(2, h.village());
          string(ps, 3, h.area());
          string(ps, 4, h.phone());
          string(ps, 5, h.deputy());
          ps.setTimestamp(6, now);
          ps.setLong(7, u.getKey());
        });

    // ids of the households (the new ones included) and their plots: one query each
    Map<String, Long> ids = new HashMap<>();
    if (toInsert.isEmpty()) {
      existing.forEach((no, e) -> ids.put(no, e.id()));
    } else {
      batches.query("SELECT id, household_no FROM household WHERE campaign_code = ?",
          rs -> {
            ids.put(rs.getString(2), rs.getLong(1));
          }, campaignCode);
    }
    Map<Long, Map<String, ExistingPlot>> plots = new HashMap<>();
    if (!existing.isEmpty()) {
      batches.query("SELECT p.id, p.household_id, p.plot_no, p.area_mu, p.terrain, p.current_crop FROM plot p "
          + "JOIN household h ON h.id = p.household_id WHERE h.campaign_code = ?", rs -> {
            plots.computeIfAbsent(rs.getLong("household_id"), k -> new HashMap<>()).put(rs.getString("plot_no"),
                new ExistingPlot(rs.getLong("id"), rs.getBigDecimal("area_mu"), rs.getString("terrain"),
                    rs.getString("current_crop")));
          }, campaignCode);
    }
    List<Map.Entry<Long, LedgerPlot>> plotInserts = new ArrayList<>();
    List<Map.Entry<Long, LedgerPlot>> plotUpdates = new ArrayList<>();
    int plotsUnchanged = 0;
    for (LedgerHousehold h : ledger) {
      long householdId = ids.get(h.householdNo());
      Map<String, ExistingPlot> known = plots.getOrDefault(householdId, Map.of());
      for (LedgerPlot p : h.plots()) {
        ExistingPlot e = known.get(p.plotNo());
        if (e == null) {
          plotInserts.add(Map.entry(householdId, p));
        } else if (e.mu().compareTo(p.mu()) == 0 && e.terrain().equals(p.terrain().name())
            && Objects.equals(e.crop(), p.crop())) {
          plotsUnchanged++;
        } else {
          plotUpdates.add(Map.entry(e.id(), p));
        }
      }
    }
    batches.batchUpdate("INSERT INTO plot (household_id, plot_no, area_mu, terrain, current_crop, signed) "
        + "VALUES (?, ?, ?, ?, ?, FALSE)", plotInserts, BATCH, (ps, i) -> {
          LedgerPlot p = i.getValue();
          ps.setLong(1, i.getKey());
          ps.setString(2, p.plotNo());
          ps.setBigDecimal(3, p.mu());
          ps.setString(4, p.terrain().name());
          string(ps, 5, p.crop());
        });
    batches.batchUpdate("UPDATE plot SET area_mu = ?, terrain = ?, current_crop = ? WHERE id = ?", plotUpdates, BATCH,
        (ps, u) -> {
          LedgerPlot p = u.getValue();
          ps.setBigDecimal(1, p.mu());
          ps.setString(2, p.terrain().name());
          string(ps, 3, p.crop());
          ps.setLong(4, u.getKey());
        });
    return new LedgerWritten(toInsert.size(), toUpdate.size(), unchanged, plotInserts.size(), plotUpdates.size(),
        plotsUnchanged);
  }

  private static LedgerHousehold withDeputy(LedgerHousehold h, String deputy) {
    return new LedgerHousehold(h.householdNo(), h.headName(), h.village(), h.area(), h.phone(), deputy, h.plots());
  }

  private static void string(PreparedStatement ps, int i, String value) throws SQLException {
    if (value == null) {
      ps.setNull(i, Types.VARCHAR);
    } else {
      ps.setString(i, value);
    }
  }

  private Timestamp now() {
    return Timestamp.from(clock.instant());
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
