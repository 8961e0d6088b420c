package cn.liaison.platform.bulletin;

import cn.liaison.platform.station.Station;
import cn.liaison.platform.station.Stations;
import cn.liaison.platform.statistics.Statistics;
import cn.liaison.platform.statistics.StatisticsSource;
import cn.liaison.platform.system.BusyException;
import cn.liaison.platform.system.ConflictException;
import cn.liaison.platform.system.InvalidInputException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The work bulletin (工作简报): the figures of each chosen station for a period, read from {@link StatisticsSource}
 * (the same source as GET /api/statistics, once per station), woven into the staff's templates. Who may read which
 * station and who may change the wording are checked here, for the API and the page alike.
 */
@Service
public class BulletinService {

  static final int MAX_STATIONS = 20;
  static final int MAX_DAYS = 366;

  private static final Logger log = LoggerFactory.getLogger(BulletinService.class);

  private final ObjectProvider<StatisticsSource> statistics;
  private final Stations stations;
  private final BulletinTemplates templates;
  private final Clock clock;

  BulletinService(ObjectProvider<StatisticsSource> statistics, Stations stations, BulletinTemplates templates,
      Clock clock) {
    this.statistics = statistics;
    this.stations = stations;
    this.templates = templates;
    this.clock = clock;
  }

  /** A bulletin asked for: the period (inclusive), the stations in print order, the issue number and date. */
  public record Request(LocalDate from, LocalDate to, List<Station> stations, int issueNo, LocalDate issuedOn) {}

  /**
   * Reads and checks a request as it comes from the API or the page (all text). 403 before 400 where it matters: a
   * caller who may not read a named station learns nothing about the rest of the request.
   */
  public Request request(String from, String to, String stationCodes, String issueNo, String issuedOn, Caller caller) {
    requireReader(caller);
    Map<String, String> errors = new LinkedHashMap<>();
    List<Station> chosen = stations(stationCodes, errors);
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    for (Station s : chosen) {
      if (!caller.mayRead(s.code())) {
        throw new AccessDeniedException(caller.userId() + " may not read station " + s.code());
      }
    }
    LocalDate start = date("from", "开始日期", from, true, errors);
    LocalDate end = date("to", "结束日期", to, true, errors);
    if (start != null && end != null) {
      if (end.isBefore(start)) {
        errors.put("to", "结束日期不能早于开始日期");
      } else if (ChronoUnit.DAYS.between(start, end) + 1 > MAX_DAYS) {
        errors.put("to", "一期简报的统计期间最长一年（" + MAX_DAYS + " 天）");
      }
    }
    int issue = 1;
    if (issueNo != null && !issueNo.isBlank()) {
      try {
        issue = Integer.parseInt(issueNo.strip());
        if (issue < 1 || issue > 9999) {
          errors.put("issueNo", "期号应为 1 至 9999 的整数");
        }
      } catch (NumberFormatException e) {
        errors.put("issueNo", "期号应为 1 至 9999 的整数");
      }
    }
    LocalDate issued = date("issuedOn", "印发日期", issuedOn, false, errors);
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    return new Request(start, end, chosen, issue, issued != null ? issued : LocalDate.now(clock));
  }

  /** The stations a caller may put into a bulletin, in the directory's order (the page's choices). */
  public List<Station> readableStations(Caller caller) {
    return stations.findActive().stream().filter(s -> caller.mayRead(s.code())).toList();
  }

  /** The bulletin with the saved templates. */
  public Bulletin compose(Request request) {
    return compose(request, currentBodies());
  }

  /**
   * The bulletin with the given wording (the page's preview of unsaved edits). A template that cannot be used is a
   * 400 naming the part; nothing is stored.
   */
  public Bulletin compose(Request request, Map<BulletinPart, String> bodies) {
    StatisticsSource source = statistics.getIfAvailable();
    if (source == null) {
      throw new BusyException("统计服务尚未启用，暂时无法生成简报。", null);
    }
    // one call per station, as GET /api/statistics?station= answers it
    return compose(request, station -> source.figures(
        new Statistics.Period(request.from(), request.to(), station.code(), null)), bodies);
  }

  /** The bulletin from each station's figures and the given wording: the renderer, without the database. */
  static Bulletin compose(Request request, java.util.function.Function<Station, Statistics> figuresOf,
      Map<BulletinPart, String> bodies) {
    Map<String, String> errors = new LinkedHashMap<>();
    // the articles first: their titles make the table of contents in the header
    List<String> articles = new ArrayList<>();
    List<Map<String, Object>> entries = new ArrayList<>();
    Map<String, Object> bare = BulletinVariables.common(request.issueNo(), request.issuedOn(), request.from(),
        request.to(), List.of());
    for (Station station : request.stations()) {
      Statistics figures = figuresOf.apply(station);
      String text = renderInto(BulletinPart.SECTION, bodies.get(BulletinPart.SECTION),
          BulletinVariables.section(bare, station, figures), errors);
      articles.add(text);
      entries.add(BulletinVariables.stationEntry(station, titleOf(text, station)));
    }
    Map<String, Object> common = BulletinVariables.common(request.issueNo(), request.issuedOn(), request.from(),
        request.to(), entries);
    String header = renderInto(BulletinPart.HEADER, bodies.get(BulletinPart.HEADER), common, errors);
    String closing = renderInto(BulletinPart.CLOSING, bodies.get(BulletinPart.CLOSING), common, errors);
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    List<Block> blocks = new ArrayList<>(blocks(header));
    articles.forEach(a -> blocks.addAll(blocks(a)));
    blocks.addAll(blocks(closing));
    return new Bulletin(request.issueNo(), request.issuedOn(), request.from(), request.to(),
        request.stations().stream().map(Station::name).toList(), List.copyOf(blocks));
  }

  /** The bulletin as a Word document. */
  public byte[] docx(Bulletin bulletin) {
    return BulletinDocx.write(bulletin);
  }

  /** The names the templates may use, with their meanings (shown beside the editor). */
  public List<TemplateVariable> variables() {
    return BulletinVariables.DOCUMENTED;
  }

  /** The templates in use, each with its version and who saved it. */
  public Map<BulletinPart, TemplateVersion> templates() {
    Map<BulletinPart, TemplateVersion> m = new EnumMap<>(BulletinPart.class);
    for (BulletinPart p : BulletinPart.values()) {
      m.put(p, templates.current(p));
    }
    return m;
  }

  public List<TemplateVersion> history(BulletinPart part, Caller caller) {
    requireReader(caller);
    return templates.history(part);
  }

  /** 403 for anyone who may not read bulletins at all (departments, deputies, supervisors, auditors, citizens). */
  public void requireReader(Caller caller) {
    if (!caller.mayRead()) {
      throw new AccessDeniedException("no bulletin reader: " + caller.userId());
    }
  }

  /** May change the wording (the congress office and station staff; analysts only read). */
  public boolean mayEditTemplates(Caller caller) {
    return caller.mayEditTemplates();
  }

  /**
   * Saves a new wording of a part over the version it was edited from. Refused with the mistakes (400) when a name
   * is unknown or a tag is broken, with 409 when someone saved another version in between; unchanged text is not
   * saved again. Returns the version now in use.
   */
  @Transactional
  public TemplateVersion save(BulletinPart part, String body, Integer baseVersion, Caller caller) {
    return saveAll(Map.of(part, body == null ? "" : body), baseVersion == null ? Map.of()
        : Map.of(part, baseVersion), caller).get(part);
  }

  /**
   * Saves the page's parts together: all are checked first, and a conflict on one leaves all as they were (one
   * transaction). Returns the version in use of each part given.
   */
  @Transactional
  public Map<BulletinPart, TemplateVersion> saveAll(Map<BulletinPart, String> bodies,
      Map<BulletinPart, Integer> baseVersions, Caller caller) {
    if (!caller.mayEditTemplates()) {
      throw new AccessDeniedException(caller.userId() + " may not edit bulletin templates");
    }
    Map<String, String> errors = new LinkedHashMap<>();
    Map<BulletinPart, String> texts = new EnumMap<>(BulletinPart.class);
    bodies.forEach((part, body) -> {
      String text = body == null ? "" : body.replace("\r\n", "\n");
      texts.put(part, text);
      List<String> mistakes = BulletinTemplateEngine.check(part, text);
      if (!mistakes.isEmpty()) {
        errors.put(part.name().toLowerCase(java.util.Locale.ROOT), part.label() + "：" + String.join(" ", mistakes));
      }
    });
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    Map<BulletinPart, TemplateVersion> result = new EnumMap<>(BulletinPart.class);
    for (var entry : texts.entrySet()) {
      BulletinPart part = entry.getKey();
      TemplateVersion current = templates.current(part);
      Integer given = baseVersions.get(part);
      int base = given == null ? current.version() : given;
      if (base != current.version()) {
        throw new ConflictException("“" + part.label() + "”已被" + (current.savedBy() == null ? "他人" : current.savedBy())
            + "改为第 " + current.version() + " 版，请刷新页面，在新版本上修改。");
      }
      if (!current.body().equals(entry.getValue())) {
        try {
          templates.addVersion(part, base, entry.getValue(), caller.userId(), clock.instant());
        } catch (DuplicateKeyException e) {
          throw new ConflictException("“" + part.label() + "”刚被他人修改，请刷新页面，在新版本上修改。");
        }
        log.info("bulletin template {} saved as version {} by {}", part, base + 1, caller.userId());
      }
      result.put(part, templates.current(part));
    }
    return result;
  }

  private Map<BulletinPart, String> currentBodies() {
    Map<BulletinPart, String> m = new EnumMap<>(BulletinPart.class);
    templates().forEach((p, v) -> m.put(p, v.body()));
    return m;
  }

  private static String renderInto(BulletinPart part, String body, Map<String, Object> values,
      Map<String, String> errors) {
    String field = part.name().toLowerCase(java.util.Locale.ROOT);
    if (errors.containsKey(field)) {
      return "";
    }
    try {
      return BulletinTemplateEngine.render(part, body, values);
    } catch (BulletinTemplateEngine.TemplateRefused e) {
      errors.put(field, part.label() + "：" + e.getMessage());
      return "";
    }
  }

  private static List<Block> blocks(String text) {
    return text.lines().map(Block::of).filter(java.util.Objects::nonNull).toList();
  }

  /** The article's title: its first "## " line, or the station's name. */
  private static String titleOf(String article, Station station) {
    return article.lines().map(Block::of).filter(b -> b != null && b.kind() == Block.Kind.TITLE).map(Block::text)
        .findFirst().orElse(station.name());
  }

  private List<Station> stations(String codes, Map<String, String> errors) {
    if (codes == null || codes.isBlank()) {
      errors.put("stations", "请选择至少一个联络站");
      return List.of();
    }
    LinkedHashSet<String> unique = new LinkedHashSet<>();
    for (String c : codes.split(",")) {
      if (!c.isBlank()) {
        unique.add(c.strip());
      }
    }
    if (unique.isEmpty()) {
      errors.put("stations", "请选择至少一个联络站");
      return List.of();
    }
    if (unique.size() > MAX_STATIONS) {
      errors.put("stations", "一期简报最多 " + MAX_STATIONS + " 个联络站");
      return List.of();
    }
    List<Station> found = new ArrayList<>();
    int i = 0;
    for (String code : unique) {
      var station = code.length() <= 64 ? stations.findByCode(code) : java.util.Optional.<Station>empty();
      if (station.isEmpty()) {
        errors.put("stations[" + i + "]", "联络站不存在：" + (code.length() > 64 ? code.substring(0, 64) + "…" : code));
      } else {
        found.add(station.get());
      }
      i++;
    }
    return found;
  }

  private static LocalDate date(String field, String label, String value, boolean required,
      Map<String, String> errors) {
    if (value == null || value.isBlank()) {
      if (required) {
        errors.put(field, "请填写" + label + "（yyyy-MM-dd，如 2027-01-01）");
      }
      return null;
    }
    try {
      return LocalDate.parse(value.strip());
    } catch (DateTimeParseException e) {
      errors.put(field, label + "应为 yyyy-MM-dd 格式的日期，如 2027-01-01");
      return null;
    }
  }
}
