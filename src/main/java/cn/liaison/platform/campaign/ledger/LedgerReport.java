package cn.liaison.platform.campaign.ledger;

import cn.liaison.platform.campaign.CampaignProcess.UnwillingReason;

import cn.liaison.platform.campaign.Campaign;
import cn.liaison.platform.campaign.Campaigns;
import cn.liaison.platform.campaign.Household;
import cn.liaison.platform.system.NotFoundException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.text.Collator;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * The ledger's figures (台账统计): per village, per area, per deputy and overall, how many households were
 * visited, are willing, signed, planted, subsidised, crossed off or not converted, and how many 亩 were signed
 * and planted against the target; plus the households that will not replant, with their reasons. Computed with
 * SQL aggregates (GROUP BY), so it does not load the households.
 *
 * <p>Counts are cumulative along the sign-off: a household that planted has also signed and is willing. Signed
 * and planted 亩 are the areas recorded in the agreements and planting confirmations (signed_mu, planted_mu).
 * The overall target is the campaign's target; per village, area and deputy it is the ledger's plot area there.
 */
@Service
public class LedgerReport {

  static final String WILLING = "('WILLING', 'SIGNED', 'PLANTED', 'SUBSIDISED', 'CROSSED_OFF')";
  static final String SIGNED = "('SIGNED', 'PLANTED', 'SUBSIDISED', 'CROSSED_OFF')";
  static final String PLANTED = "('PLANTED', 'SUBSIDISED', 'CROSSED_OFF')";
  static final String SUBSIDISED = "('SUBSIDISED', 'CROSSED_OFF')";
  static final String UNWILLING = "('UNWILLING', 'NOT_CONVERTED')";

  /**
   * The campaign's households {@code h} with their plot count and area {@code p.plots}, {@code p.mu} (null for a
   * household without plots). Two parameters: the campaign code, twice.
   */
  static final String HOUSEHOLDS_WITH_PLOT_TOTALS = "household h LEFT JOIN (SELECT pl.household_id, "
      + "COUNT(*) AS plots, SUM(pl.area_mu) AS mu FROM plot pl JOIN household x ON x.id = pl.household_id WHERE x.campaign_code = ? "
      + "GROUP BY pl.household_id) p ON p.household_id = h.id WHERE h.campaign_code = ?";

  /** The campaign as the ledger heads it. */
  public record CampaignInfo(String code, String name, String town, String season, String status,
      LocalDate startDate, LocalDate signAndPlantDate, LocalDate wrapUpDate, int targetHouseholds,
      BigDecimal targetMu, BigDecimal subsidyPerMu) {}

  /**
   * Totals of a group of households. key: the village, area or deputy's user id ("" for households without
   * area or deputy; "*" overall); name: what people read. Percentages are of targetMu (null without a target).
   */
  public record Totals(String key, String name, int households, int visited, int visits, int willing, int signed,
      int planted, int subsidised, int crossedOff, int notConverted, int unwilling, int plots, BigDecimal ledgerMu,
      BigDecimal targetMu, BigDecimal signedMu, BigDecimal plantedMu, BigDecimal subsidyAmount,
      BigDecimal signedPercent, BigDecimal plantedPercent) {}

  /** A deputy of the team (人大代表帮帮团) with the villages (包村) and areas (包片) they answer for. */
  public record TeamMember(String deputy, String name, List<String> villages, List<String> areas) {}

  public record ReasonCount(String code, String label, int households) {}

  /** A household that will not (or did not) replant, with why and how often it was visited. */
  public record UnwillingHousehold(String householdNo, String headName, String village, String area,
      String deputy, String deputyName, String status, String statusLabel, int visitCount, List<String> reasons,
      String reasonLabels, String lastVisitOutcome, String visitNote) {}

  public record Ledger(CampaignInfo campaign, Totals overall, List<Totals> villages, List<Totals> areas,
      List<Totals> deputies, List<TeamMember> team, List<ReasonCount> reasons,
      List<UnwillingHousehold> unwillingHouseholds) {}

  private final Campaigns campaigns;
  private final JdbcTemplate jdbc;
  private final IdentityService identity;

  LedgerReport(Campaigns campaigns, JdbcTemplate jdbc, IdentityService identity) {
    this.campaigns = campaigns;
    this.jdbc = jdbc;
    this.identity = identity;
  }

  /** The ledger's figures; NotFoundException for an unknown campaign. */
  public Ledger of(String campaignCode) {
    Campaign c = campaigns.find(campaignCode)
        .orElseThrow(() -> new NotFoundException("改种行动不存在：" + campaignCode));
    Map<String, Totals> villages = totals(c.code(), "h.village");
    Map<String, Totals> areas = totals(c.code(), "COALESCE(h.area, '')");
    Map<String, Totals> deputies = totals(c.code(), "COALESCE(h.responsible_deputy, '')");
    Totals all = totals(c.code(), null).get("*");

    Set<String> userIds = new LinkedHashSet<>();
    c.team().forEach(t -> userIds.add(t.deputy()));
    userIds.addAll(deputies.keySet());
    List<UnwillingHousehold> unwilling = unwilling(c.code());
    unwilling.forEach(u -> userIds.add(u.deputy()));
    Map<String, String> names = displayNames(userIds);

    Comparator<String> chinese = chineseOrder();
    Totals overall = named(all == null ? empty("*") : all, "合计", c.targetMu());
    List<Totals> villageList = villages.values().stream().sorted(Comparator.comparing(Totals::key, chinese))
        .map(t -> named(t, t.key(), t.ledgerMu())).toList();
    List<Totals> areaList = areas.values().stream().sorted(Comparator.comparing(Totals::key, chinese))
        .map(t -> named(t, t.key().isEmpty() ? "（未分片）" : t.key(), t.ledgerMu())).toList();
    // every deputy of the team, also one without households yet, in the team's order
    List<Totals> deputyList = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    for (Campaign.TeamMember t : c.team()) {
      if (seen.add(t.deputy())) {
        Totals d = deputies.getOrDefault(t.deputy(), empty(t.deputy()));
        deputyList.add(named(d, names.getOrDefault(t.deputy(), t.deputy()), d.ledgerMu()));
      }
    }
    deputies.values().stream().filter(d -> !seen.contains(d.key())).sorted(Comparator.comparing(Totals::key))
        .forEach(d -> deputyList.add(named(d, d.key().isEmpty() ? "（未分配）" : names.getOrDefault(d.key(), d.key()),
            d.ledgerMu())));

    List<UnwillingHousehold> unwillingNamed = unwilling.stream().map(u -> new UnwillingHousehold(u.householdNo(),
        u.headName(), u.village(), u.area(), u.deputy(), u.deputy() == null ? null : names.getOrDefault(u.deputy(),
            u.deputy()), u.status(), u.statusLabel(), u.visitCount(), u.reasons(), u.reasonLabels(),
        u.lastVisitOutcome(), u.visitNote())).toList();
    return new Ledger(info(c), overall, villageList, areaList, deputyList, team(c, names), reasons(c.code()),
        unwillingNamed);
  }

  static CampaignInfo info(Campaign c) {
    return new CampaignInfo(c.code(), c.name(), c.town(), c.season(), c.status().name(), c.startDate(),
        c.signAndPlantDate(), c.wrapUpDate(), c.targetHouseholds(), c.targetMu(), c.subsidyPerMu());
  }

  static List<TeamMember> team(Campaign c, Map<String, String> names) {
    Map<String, TeamMember> team = new LinkedHashMap<>();
    for (Campaign.TeamMember t : c.team()) {
      TeamMember m = team.computeIfAbsent(t.deputy(), d -> new TeamMember(d, names.getOrDefault(d, d),
          new ArrayList<>(), new ArrayList<>()));
      (t.kind() == Campaign.ScopeKind.VILLAGE ? m.villages() : m.areas()).add(t.scope());
    }
    return team.values().stream().map(m -> new TeamMember(m.deputy(), m.name(), List.copyOf(m.villages()),
        List.copyOf(m.areas()))).toList();
  }

  /** Chinese names (姓 + 名) of platform users, in one query; the user id for unknown users. */
  Map<String, String> displayNames(Collection<String> userIds) {
    List<String> ids = userIds.stream().filter(id -> id != null && !id.isEmpty()).distinct().toList();
    Map<String, String> names = new HashMap<>();
    if (ids.isEmpty()) {
      return names;
    }
    for (User u : identity.createUserQuery().userIdIn(ids.toArray(String[]::new)).list()) {
      String name = cn.liaison.platform.system.DisplayNames.of(u);
      names.put(u.getId(), name.isEmpty() ? u.getId() : name);
    }
    return names;
  }

  static Comparator<String> chineseOrder() {
    Collator collator = Collator.getInstance(Locale.CHINA);
    return (a, b) -> {
      if (a.isEmpty() != b.isEmpty()) {
        return a.isEmpty() ? 1 : -1; // "none" last
      }
      int c = collator.compare(a, b);
      return c != 0 ? c : a.compareTo(b);
    };
  }


  /** Totals grouped by a fixed expression of this class (never input), or overall ("*") when null. */
  private Map<String, Totals> totals(String code, String groupBy) {
    String key = groupBy == null ? "'*'" : groupBy;
    String sql = "SELECT " + key + " AS k, COUNT(*) AS households, "
        + "SUM(CASE WHEN h.visit_count > 0 THEN 1 ELSE 0 END) AS visited, "
        + "COALESCE(SUM(h.visit_count), 0) AS visits, "
        + count("willing", WILLING) + count("signed", SIGNED) + count("planted", PLANTED)
        + count("subsidised", SUBSIDISED) + count("crossed_off", "('CROSSED_OFF')")
        + count("not_converted", "('NOT_CONVERTED')") + count("unwilling", UNWILLING)
        + "COALESCE(SUM(p.plots), 0) AS plots, COALESCE(SUM(p.mu), 0) AS ledger_mu, "
        + "COALESCE(SUM(h.signed_mu), 0) AS signed_mu, COALESCE(SUM(h.planted_mu), 0) AS planted_mu, "
        + "COALESCE(SUM(h.subsidy_amount), 0) AS subsidy "
        + "FROM " + HOUSEHOLDS_WITH_PLOT_TOTALS
        + (groupBy == null ? "" : " GROUP BY " + groupBy);
    Map<String, Totals> result = new LinkedHashMap<>();
    jdbc.query(sql, rs -> {
      Totals t = totals(rs);
      result.put(t.key(), t);
    }, code, code);
    return result;
  }

  private static String count(String name, String statuses) {
    return "SUM(CASE WHEN h.status IN " + statuses + " THEN 1 ELSE 0 END) AS " + name + ", ";
  }

  private static Totals totals(ResultSet rs) throws SQLException {
    String key = rs.getString("k");
    return new Totals(key == null ? "" : key, key, rs.getInt("households"), rs.getInt("visited"), rs.getInt("visits"),
        rs.getInt("willing"), rs.getInt("signed"), rs.getInt("planted"), rs.getInt("subsidised"),
        rs.getInt("crossed_off"), rs.getInt("not_converted"), rs.getInt("unwilling"), rs.getInt("plots"),
        mu(rs.getBigDecimal("ledger_mu")), null, mu(rs.getBigDecimal("signed_mu")), mu(rs.getBigDecimal("planted_mu")),
        mu(rs.getBigDecimal("subsidy")), null, null);
  }

  private static Totals empty(String key) {
    BigDecimal zero = mu(BigDecimal.ZERO);
    return new Totals(key, key, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, zero, null, zero, zero, zero, null, null);
  }

  /** The totals with a name, a target and the percentages of it. */
  private static Totals named(Totals t, String name, BigDecimal target) {
    BigDecimal targetMu = target == null ? null : mu(target);
    return new Totals(t.key(), name, t.households(), t.visited(), t.visits(), t.willing(), t.signed(), t.planted(),
        t.subsidised(), t.crossedOff(), t.notConverted(), t.unwilling(), t.plots(), t.ledgerMu(), targetMu,
        t.signedMu(), t.plantedMu(), t.subsidyAmount(), percent(t.signedMu(), targetMu),
        percent(t.plantedMu(), targetMu));
  }

  static BigDecimal mu(BigDecimal v) {
    return (v == null ? BigDecimal.ZERO : v).setScale(2, RoundingMode.HALF_UP);
  }

  static BigDecimal percent(BigDecimal part, BigDecimal whole) {
    if (whole == null || whole.signum() <= 0) {
      return null;
    }
    return part.multiply(BigDecimal.valueOf(100)).divide(whole, 1, RoundingMode.HALF_UP);
  }

  private List<ReasonCount> reasons(String code) {
    StringBuilder sql = new StringBuilder("SELECT ");
    UnwillingReason[] all = UnwillingReason.values();
    for (int i = 0; i < all.length; i++) {
      // the codes are our enum's names, never input
      sql.append(i == 0 ? "" : ", ").append("SUM(CASE WHEN ',' || REPLACE(h.unwilling_reasons, ' ', '') || ',' LIKE '%,")
          .append(all[i].name()).append(",%' THEN 1 ELSE 0 END) AS r").append(i);
    }
    sql.append(" FROM household h WHERE h.campaign_code = ? AND h.status IN ").append(UNWILLING);
    return jdbc.query(sql.toString(), rs -> {
      List<ReasonCount> counts = new ArrayList<>();
      if (rs.next()) {
        for (int i = 0; i < all.length; i++) {
          counts.add(new ReasonCount(all[i].name(), all[i].label(), rs.getInt("r" + i)));
        }
      }
      return counts;
    }, code);
  }

  private List<UnwillingHousehold> unwilling(String code) {
    return jdbc.query("SELECT household_no, head_name, village, area, responsible_deputy, status, visit_count, "
        + "unwilling_reasons, last_visit_outcome, visit_note FROM household WHERE campaign_code = ? AND status IN "
        + UNWILLING + " ORDER BY village, household_no", (rs, i) -> {
          Household.Status status = Household.Status.valueOf(rs.getString("status"));
          String stored = rs.getString("unwilling_reasons");
          return new UnwillingHousehold(rs.getString("household_no"), rs.getString("head_name"),
              rs.getString("village"), rs.getString("area"), rs.getString("responsible_deputy"), null, status.name(),
              status.label(), rs.getInt("visit_count"), UnwillingReasons.codes(stored), UnwillingReasons.labels(stored),
              rs.getString("last_visit_outcome"), rs.getString("visit_note"));
        }, code);
  }

  /** Village names in the ledger's order (Chinese collation), for the workbook's sheets. */
  static List<String> villagesInOrder(Collection<String> villages) {
    return villages.stream().sorted(chineseOrder()).collect(Collectors.toList());
  }
}
