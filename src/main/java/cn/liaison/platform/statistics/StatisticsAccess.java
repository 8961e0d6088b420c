package cn.liaison.platform.statistics;

import cn.liaison.platform.identity.PlatformGroups;
import cn.liaison.platform.station.Station;
import cn.liaison.platform.system.InvalidInputException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * Who reads which figures, and the checks of a request's period. Analysts, supervisors, auditors, the congress
 * office and administrators read every station's figures; station staff read their own stations' (another
 * station → 403; without a station, their stations together); everyone else is refused.
 */
@Component
public class StatisticsAccess {

  /** The groups that read every station's figures. */
  public static final Set<String> COUNTY_READERS = Set.of(PlatformGroups.ANALYSTS, PlatformGroups.SUPERVISORS,
      PlatformGroups.AUDITORS, PlatformGroups.CONGRESS_OFFICE, PlatformGroups.ADMIN);

  /** The longest period one request may ask for. */
  static final int MAX_YEARS = 5;

  private final JdbcClient jdbc;

  StatisticsAccess(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** What was asked and for which stations (null = all). */
  public record Scope(Statistics.Period period, List<String> stations) {}

  /** May the groups read any figures at all (the dashboard's entry check). */
  public static boolean mayRead(Collection<String> groups) {
    return groups.stream().anyMatch(g -> COUNTY_READERS.contains(g) || g.startsWith(Station.STAFF_GROUP_PREFIX));
  }

  /**
   * Checks the request (400 with a message per field, nothing read) and the caller's right to it (403), and
   * returns the stations to count.
   */
  public Scope scope(String from, String to, String station, String town, Collection<String> groups) {
    Map<String, String> errors = new LinkedHashMap<>();
    LocalDate start = date("from", from, "开始日期", errors);
    LocalDate end = date("to", to, "结束日期", errors);
    if (start != null && end != null) {
      if (start.isAfter(end)) {
        errors.put("to", "结束日期不能早于开始日期");
      } else if (end.isAfter(start.plusYears(MAX_YEARS).minusDays(1))) {
        errors.put("to", "统计期间不能超过" + MAX_YEARS + "年");
      }
    }
    String stationCode = blankToNull(station);
    String townName = blankToNull(town);
    if (stationCode != null && townName != null) {
      errors.put("town", "联络站和乡镇只能选择其一");
    }
    if (stationCode != null && !exists("SELECT COUNT(*) FROM station WHERE code = ?", stationCode)) {
      errors.put("station", "联络站不存在：" + clip(stationCode));
    }
    List<String> townStations = townName == null ? null
        : jdbc.sql("SELECT code FROM station WHERE town = ? ORDER BY sort_order, code").param(townName)
            .query(String.class).list();
    if (townStations != null && townStations.isEmpty()) {
      errors.put("town", "没有该乡镇的联络站：" + clip(townName));
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    Statistics.Period period = new Statistics.Period(start, end, stationCode, townName);
    if (!mayRead(groups)) {
      throw new AccessDeniedException("may not read statistics");
    }
    if (groups.stream().anyMatch(COUNTY_READERS::contains)) {
      return new Scope(period, stationCode != null ? List.of(stationCode) : townStations);
    }
    List<String> own = groups.stream().filter(g -> g.startsWith(Station.STAFF_GROUP_PREFIX))
        .map(g -> g.substring(Station.STAFF_GROUP_PREFIX.length())).sorted().toList();
    List<String> asked = stationCode != null ? List.of(stationCode) : townStations;
    if (asked == null) {
      return new Scope(period, own);
    }
    if (!own.containsAll(asked)) {
      throw new AccessDeniedException("not staff of the stations asked for");
    }
    return new Scope(period, asked);
  }

  /** May the groups read a campaign of the town (staff: a town of one of their stations). */
  public void requireCampaignReader(String town, Collection<String> groups) {
    if (groups.stream().anyMatch(COUNTY_READERS::contains)) {
      return;
    }
    boolean own = groups.stream().filter(g -> g.startsWith(Station.STAFF_GROUP_PREFIX))
        .map(g -> g.substring(Station.STAFF_GROUP_PREFIX.length()))
        .anyMatch(code -> exists("SELECT COUNT(*) FROM station WHERE code = ? AND town = ?", code, town));
    if (!own) {
      throw new AccessDeniedException("may not read this campaign's figures");
    }
  }

  private boolean exists(String sql, Object... params) {
    return jdbc.sql(sql).params(params).query(Long.class).single() > 0;
  }

  private static LocalDate date(String field, String value, String label, Map<String, String> errors) {
    String v = blankToNull(value);
    if (v == null) {
      errors.put(field, "请填写" + label + "（yyyy-MM-dd）");
      return null;
    }
    try {
      if (v.length() != 10) {
        throw new DateTimeParseException("length", v, 0);
      }
      return LocalDate.parse(v);
    } catch (DateTimeParseException e) {
      errors.put(field, label + "格式应为 yyyy-MM-dd，例如 2026-01-31");
      return null;
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  private static String clip(String s) {
    return s.length() > 64 ? s.substring(0, 64) + "…" : s;
  }
}
