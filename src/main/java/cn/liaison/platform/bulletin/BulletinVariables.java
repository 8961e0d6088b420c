package cn.liaison.platform.bulletin;

import cn.liaison.platform.station.Station;
import cn.liaison.platform.statistics.Statistics;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the templates may name, as plain maps of text and numbers: the templates see nothing else (no Java objects,
 * so no method can be reached from a template). {@link #DOCUMENTED} is the list shown beside the editor; the names
 * are checked against it when a template is saved.
 */
final class BulletinVariables {

  static final List<TemplateVariable> DOCUMENTED = List.of(
      common("issueNo", "期号，如 37"),
      common("issuedOn", "印发日期，如 2027 年 7 月 18 日"),
      common("period.from", "统计期间的第一天，如 2027 年 1 月 1 日"),
      common("period.to", "统计期间的最后一天"),
      common("period.text", "期间的说法：从当年 1 月 1 日起为“今年以来”，否则为“2027 年 4 月 1 日至 6 月 30 日”"),
      common("stationCount", "本期联络站个数"),
      common("stations", "本期各联络站（列表，用 {{#stations}}…{{/stations}}），每项有 name 站名、title 该篇标题"),
      section("station.name", "联络站名称，如 太平镇流动联络站"),
      section("station.county", "所在县（市），如 原阳县"),
      section("station.town", "所在乡镇，如 太平镇（县级站为空）"),
      section("station.kind", "站点类型：固定站、产业站或流动站"),
      section("opinions.received", "期间收到的群众意见建议（条）"),
      section("opinions.closed", "其中已办结（条）"),
      section("opinions.solved", "已解决（条）"),
      section("opinions.partlySolved", "部分解决（条）"),
      section("opinions.unsolved", "未解决（条）"),
      section("opinions.closedOnTime", "按期办结（条）"),
      section("opinions.overdue", "超期（条）"),
      section("opinions.toProposal", "转为代表建议的意见（条）"),
      section("opinions.closingRate", "办结率，如 92.3%（无意见时为空）"),
      section("opinions.onTimeRate", "按期办结率"),
      section("opinions.satisfactionRate", "满意率（无评价时为空）"),
      section("opinions.satisfied", "评价满意（条）"),
      section("opinions.basicallySatisfied", "评价基本满意（条）"),
      section("opinions.dissatisfied", "评价不满意（条）"),
      section("proposals.submitted", "提出的代表建议（件）"),
      section("proposals.fromOpinions", "整理进代表建议的群众意见（条）"),
      section("proposals.replied", "已答复的代表建议（件）"),
      section("forums.held", "召开座谈会（次）"),
      section("forums.invitedDeputies", "受邀代表（人次）"),
      section("forums.attendedDeputies", "到会代表（人次）"),
      section("forums.participationRate", "代表参与率，如 91.7%"),
      section("forums.suggestions", "座谈会上提出的意见建议（条）"),
      section("receptions.sessions", "接待活动（场）"),
      section("receptions.visitors", "接待群众（人次）"),
      section("receptions.opinions", "接待中收集的意见建议（条）"),
      section("receptions.solvedOnSpot", "当场解决（件）"),
      section("receptions.solved", "解决问题（件，含事后解决）"),
      section("rectification.tasks", "整改任务（项）"),
      section("rectification.problems", "具体问题（条）"),
      section("rectification.rectified", "已完成整改（条）"),
      section("rectification.overdue", "超期未整改（条）"),
      section("projects.supervised", "督查项目（个）"),
      section("projects.inspections", "现场督查（次）"),
      section("projects.problemsFound", "督查发现问题（个）"),
      section("campaigns", "本乡镇的包户工作（列表，用 {{#campaigns}}…{{/campaigns}}），每项有 name 名称、households 户数、"
          + "signed 已签约、planted 已种植（户）、plantedMu 种植面积（亩）、subsidised 已发补贴（户）、unwilling 不愿种植（户）"));

  private static TemplateVariable common(String name, String meaning) {
    return new TemplateVariable(name, meaning, false);
  }

  private static TemplateVariable section(String name, String meaning) {
    return new TemplateVariable(name, meaning, true);
  }

  private BulletinVariables() {}

  /** The names every part knows: issue, dates, period and the list of stations with their articles' titles. */
  static Map<String, Object> common(int issueNo, LocalDate issuedOn, LocalDate from, LocalDate to,
      List<Map<String, Object>> stations) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("issueNo", issueNo);
    m.put("issuedOn", chineseDate(issuedOn));
    Map<String, Object> period = new LinkedHashMap<>();
    period.put("from", chineseDate(from));
    period.put("to", chineseDate(to));
    period.put("text", periodText(from, to));
    m.put("period", period);
    m.put("stationCount", stations.size());
    m.put("stations", stations);
    return m;
  }

  /** An entry of {@code stations}: the station's name and its article's title. */
  static Map<String, Object> stationEntry(Station station, String title) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", station.name());
    m.put("title", title);
    return m;
  }

  /** The common names plus one station and its figures, for that station's article. */
  static Map<String, Object> section(Map<String, Object> common, Station station, Statistics s) {
    Map<String, Object> m = new LinkedHashMap<>(common);
    m.put("station", Map.of("name", station.name(), "county", text(station.county()), "town", text(station.town()),
        "kind", station.kind() == null ? "" : station.kind().label()));
    var o = s.opinions();
    Map<String, Object> opinions = new LinkedHashMap<>();
    opinions.put("received", o.received());
    opinions.put("closed", o.closed());
    opinions.put("solved", o.solved());
    opinions.put("partlySolved", o.partlySolved());
    opinions.put("unsolved", o.unsolved());
    opinions.put("closedOnTime", o.closedOnTime());
    opinions.put("overdue", o.overdue());
    opinions.put("toProposal", o.toProposal());
    opinions.put("closingRate", percent(o.rates() == null ? null : o.rates().closing()));
    opinions.put("onTimeRate", percent(o.rates() == null ? null : o.rates().onTime()));
    opinions.put("satisfactionRate", percent(o.rates() == null ? null : o.rates().satisfaction()));
    var e = o.evaluation();
    opinions.put("satisfied", e == null ? 0L : e.satisfied());
    opinions.put("basicallySatisfied", e == null ? 0L : e.basicallySatisfied());
    opinions.put("dissatisfied", e == null ? 0L : e.dissatisfied());
    m.put("opinions", opinions);
    var p = s.proposals();
    m.put("proposals", Map.of("submitted", p.submitted(), "fromOpinions", p.fromOpinions(), "replied", p.replied()));
    var f = s.forums();
    Map<String, Object> forums = new LinkedHashMap<>();
    forums.put("held", f.held());
    forums.put("invitedDeputies", f.invitedDeputies());
    forums.put("attendedDeputies", f.attendedDeputies());
    forums.put("participationRate", percent(f.participationRate()));
    forums.put("suggestions", f.suggestions());
    m.put("forums", forums);
    var r = s.receptions();
    m.put("receptions", Map.of("sessions", r.sessions(), "visitors", r.visitors(), "opinions", r.opinions(),
        "solvedOnSpot", r.solvedOnSpot(), "solved", r.solved()));
    var t = s.rectification();
    m.put("rectification", Map.of("tasks", t.tasks(), "problems", t.problems(), "rectified", t.rectified(),
        "overdue", t.overdue()));
    var j = s.projects();
    m.put("projects", Map.of("supervised", j.supervised(), "inspections", j.inspections(),
        "problemsFound", j.problemsFound()));
    List<Map<String, Object>> campaigns = new ArrayList<>();
    for (var c : s.campaigns() == null ? List.<Statistics.CampaignProgress>of() : s.campaigns()) {
      Map<String, Object> cm = new LinkedHashMap<>();
      cm.put("name", text(c.name()));
      cm.put("households", c.households());
      cm.put("signed", c.signed());
      cm.put("planted", c.planted());
      cm.put("plantedMu", decimal(c.plantedMu()));
      cm.put("subsidised", c.subsidised());
      cm.put("unwilling", c.unwilling());
      campaigns.add(cm);
    }
    m.put("campaigns", campaigns);
    return m;
  }

  /** Figures with every count non-zero and every rate known, or all zero and unknown: a template is tried with both. */
  static Statistics sample(boolean filled) {
    long n = filled ? 1 : 0;
    Double rate = filled ? 0.5 : null;
    return new Statistics(new Statistics.Period(LocalDate.of(2027, 1, 1), LocalDate.of(2027, 6, 30), null, null),
        new Statistics.Opinions(n, n, n, n, n, n, n, n, Map.of(), Map.of(), Map.of(), List.of(),
            new Statistics.Evaluation(n, n, n, n), new Statistics.Rates(rate, rate, rate)),
        new Statistics.Proposals(n, n, n, Map.of(), Map.of()),
        new Statistics.Forums(n, n, n, rate, n),
        new Statistics.Receptions(n, n, n, n, n),
        new Statistics.Rectification(n, n, n, n),
        new Statistics.Projects(n, n, n),
        filled ? List.of(new Statistics.CampaignProgress("sample", "水稻改种", "路寨镇", 1, 1, 1, 1.5, 1, 1)) : List.of());
  }

  /** "2027 年 7 月 18 日", as the seed bulletin writes dates. */
  static String chineseDate(LocalDate d) {
    return d.getYear() + " 年 " + d.getMonthValue() + " 月 " + d.getDayOfMonth() + " 日";
  }

  /** "今年以来" for a period from the first of January, otherwise its two dates. */
  static String periodText(LocalDate from, LocalDate to) {
    if (from.getDayOfYear() == 1 && from.getYear() == to.getYear()) {
      return "今年以来";
    }
    String end = from.getYear() == to.getYear() ? " " + to.getMonthValue() + " 月 " + to.getDayOfMonth() + " 日"
        : " " + chineseDate(to);
    return chineseDate(from) + "至" + end;
  }

  /** 0.923 → "92.3%", 0.9 → "90%"; null (no denominator) stays null, so {{#…}} leaves the sentence out. */
  static String percent(Double rate) {
    if (rate == null || rate.isNaN()) {
      return null;
    }
    return BigDecimal.valueOf(rate * 100).setScale(1, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString() + "%";
  }

  static String decimal(double value) {
    return BigDecimal.valueOf(value).setScale(1, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
  }

  private static String text(String s) {
    return s == null ? "" : s;
  }
}
