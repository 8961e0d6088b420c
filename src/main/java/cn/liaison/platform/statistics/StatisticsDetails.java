package cn.liaison.platform.statistics;

import cn.liaison.platform.calendar.WorkingDayCalendar;
import cn.liaison.platform.system.DisplayNames;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the dashboard shows beyond the period's figures: the 三率 month by month, a campaign's households per
 * village and per deputy, and the Chinese names of the codes the figures are keyed by. Computed from the records
 * like {@link StatisticsService}, with its definitions.
 */
@Service
@Transactional(readOnly = true)
public class StatisticsDetails {

  /** One calendar month of the period (cut to the period at both ends), opinions by submission date. */
  @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.ALWAYS)
  public record Month(String month, long received, long closed, long closedOnTime, Double closing, Double onTime,
      Double satisfaction) {}

  /** A campaign's households of one village or one deputy, by status code (see {@link Names#householdStatuses}). */
  public record Share(String key, String name, long households, Map<String, Long> byStatus) {}

  public record CampaignDetail(String campaign, String name, String town, List<Share> byVillage,
      List<Share> byDeputy) {}

  /** Chinese names of the codes in the figures: stations, channels, categories, departments, statuses. */
  public record Names(Map<String, String> stations, Map<String, String> channels, Map<String, String> categories,
      Map<String, String> departments, Map<String, String> householdStatuses, Map<String, String> ratings) {}

  private final JdbcClient jdbc;
  private final StatisticsProperties properties;
  private final IdentityService identity;
  private final ZoneId zone;

  StatisticsDetails(JdbcClient jdbc, StatisticsProperties properties, IdentityService identity,
      WorkingDayCalendar calendar) {
    this.jdbc = jdbc;
    this.properties = properties;
    this.identity = identity;
    this.zone = calendar.zone();
  }

  /** The opinions of each month of the period (stations null = all): received, closed, the 三率. */
  public List<Month> trend(LocalDate from, LocalDate to, List<String> stations) {
    List<Month> months = new ArrayList<>();
    for (YearMonth m = YearMonth.from(from); !m.isAfter(YearMonth.from(to)); m = m.plusMonths(1)) {
      LocalDate start = m.atDay(1).isBefore(from) ? from : m.atDay(1);
      LocalDate end = m.atEndOfMonth().isAfter(to) ? to : m.atEndOfMonth();
      months.add(month(m.toString(), start, end, stations));
    }
    return months;
  }

  private Month month(String label, LocalDate from, LocalDate to, List<String> stations) {
    StatisticsService.Months months = new StatisticsService.Months(
        Timestamp.from(from.atStartOfDay(zone).toInstant()), Timestamp.from(to.plusDays(1).atStartOfDay(zone)
            .toInstant()));
    long[] n = new long[6];
    // by the figure class the database derives from each opinion (V30): whole months from the cells, the rest from
    // the opinions (StatisticsService.figureClasses)
    StatisticsService.figureClasses(jdbc, months, stations, (department, figureClass, count) -> {
      FigureClass c = new FigureClass(figureClass);
      n[0] += count;
      if (c.closed()) {
        n[1] += count;
        n[2] += c.onTime() ? count : 0;
        n[3] += c.satisfaction() == FigureClass.SATISFIED ? count : 0;
        n[4] += c.satisfaction() == FigureClass.BASICALLY_SATISFIED ? count : 0;
        n[5] += c.satisfaction() == FigureClass.DISSATISFIED ? count : 0;
      }
    });
    long evaluated = n[3] + n[4] + n[5];
    Double satisfaction = evaluated == 0 ? null
        : (n[3] * properties.satisfiedWeight() + n[4] * properties.basicallySatisfiedWeight()) / evaluated;
    return new Month(label, n[0], n[1], n[2], StatisticsService.ratio(n[1], n[0]), StatisticsService.ratio(n[2], n[1]),
        satisfaction);
  }

  /** The town of a campaign, or null if there is no such campaign. */
  public String campaignTown(String code) {
    return jdbc.sql("SELECT town FROM campaign WHERE code = ?").param(code).query(String.class).optional()
        .orElse(null);
  }

  /** A campaign's households now, per village and per responsible deputy, by status. */
  public CampaignDetail campaign(String code) {
    Map<String, Object> c = jdbc.sql("SELECT name, town FROM campaign WHERE code = ?").param(code).query()
        .singleRow();
    Map<String, Share> villages = new LinkedHashMap<>();
    Map<String, Share> deputies = new LinkedHashMap<>();
    jdbc.sql("SELECT village, responsible_deputy, status, COUNT(*) AS n FROM household WHERE campaign_code = ? "
            + "GROUP BY village, responsible_deputy, status ORDER BY village, responsible_deputy, status")
        .param(code).query((ResultSet rs) -> {
          long n = rs.getLong("n");
          String status = rs.getString("status");
          String village = rs.getString("village");
          String deputy = rs.getString("responsible_deputy");
          add(villages, village, village, status, n);
          add(deputies, deputy == null ? "" : deputy, deputy == null ? "未分配" : null, status, n);
        });
    List<Share> byDeputy = deputies.values().stream().map(s -> s.name() != null ? s
        : new Share(s.key(), deputyName(s.key()), s.households(), s.byStatus())).toList();
    return new CampaignDetail(code, (String) c.get("name"), (String) c.get("town"), List.copyOf(villages.values()),
        byDeputy);
  }

  private static void add(Map<String, Share> shares, String key, String name, String status, long n) {
    Share s = shares.computeIfAbsent(key, k -> new Share(k, name, 0, new LinkedHashMap<>()));
    s.byStatus().merge(status, n, Long::sum);
    shares.put(key, new Share(s.key(), s.name(), s.households() + n, s.byStatus()));
  }

  private String deputyName(String userId) {
    User u = identity.createUserQuery().userId(userId).singleResult();
    String name = u == null ? "" : DisplayNames.of(u);
    return name.isEmpty() ? userId : name;
  }

  public Names names() {
    Map<String, String> channels = new LinkedHashMap<>();
    for (var c : cn.liaison.platform.opinion.Channel.values()) {
      channels.put(c.name(), c.label());
    }
    Map<String, String> statuses = new LinkedHashMap<>();
    for (var s : cn.liaison.platform.campaign.Household.Status.values()) {
      statuses.put(s.name(), s.label());
    }
    Map<String, String> ratings = new LinkedHashMap<>();
    for (var r : cn.liaison.platform.opinion.Rating.values()) {
      ratings.put(r.name(), r.label());
    }
    return new Names(pairs("SELECT code, name FROM station ORDER BY sort_order, code"), channels,
        pairs("SELECT code, name FROM opinion_category ORDER BY sort_order, code"),
        pairs("SELECT code, name FROM department ORDER BY sort_order, code"), statuses, ratings);
  }

  private Map<String, String> pairs(String sql) {
    Map<String, String> map = new LinkedHashMap<>();
    jdbc.sql(sql).query((ResultSet rs) -> {
      map.put(rs.getString(1), rs.getString(2));
    });
    return map;
  }
}
