package cn.liaison.platform.station;

import cn.liaison.platform.audit.AuditAction;
import cn.liaison.platform.audit.AuditSubject;
import cn.liaison.platform.audit.AuditTrail;
import cn.liaison.platform.audit.Changes;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import cn.liaison.platform.system.ReferenceDataCache;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The station directory (tables station, station_deputy: the deputies stationed there and their roles). */
@Repository
public class Stations {

  private final JdbcClient jdbc;
  private final ApplicationEventPublisher events;
  private final AuditTrail audit;
  private final ReferenceDataCache<Station> byCode;

  Stations(JdbcClient jdbc, ApplicationEventPublisher events, AuditTrail audit,
      @Value("${liaison.reference-data-ttl:10s}") Duration referenceDataTtl) {
    this.audit = audit;
    this.jdbc = jdbc;
    this.events = events;
    this.byCode = new ReferenceDataCache<>(referenceDataTtl);
  }

  /** Every station, active or not (each has its staff group). */
  public List<Station> findAll() {
    return jdbc.sql("SELECT code FROM station ORDER BY sort_order, code").query(String.class).list()
        .stream().map(code -> findByCode(code).orElseThrow()).toList();
  }

  /** The stations of a town (乡镇), e.g. the stations serving a town's campaign. */
  public List<Station> findByTown(String town) {
    return jdbc.sql("SELECT code FROM station WHERE town = ? ORDER BY sort_order, code").param(town)
        .query(String.class).list().stream().map(code -> findByCode(code).orElseThrow()).toList();
  }

  public List<Station> findActive() {
    return jdbc.sql("SELECT code FROM station WHERE active ORDER BY sort_order, code").query(String.class).list()
        .stream().map(code -> findByCode(code).orElseThrow()).toList();
  }

  /**
   * The station with its deputies (head first, as {@link #postingsAt}), in one query: every submission reads it. Kept
   * for {@code liaison.reference-data-ttl} ({@link ReferenceDataCache}; a change saved here is seen at once).
   */
  public Optional<Station> findByCode(String code) {
    return byCode.get(code, () -> read(code));
  }

  private Optional<Station> read(String code) {
    List<Station> rows = new java.util.ArrayList<>();
    List<DeputyPosting> postings = new java.util.ArrayList<>();
    jdbc.sql("SELECT s.code, s.name, s.kind, s.county, s.town, s.address, s.active, d.deputy_user_id, d.role "
        + "FROM station s LEFT JOIN station_deputy d ON d.station_code = s.code WHERE s.code = ?").param(code)
        .query(rs -> {
          if (rows.isEmpty()) {
            rows.add(new Station(rs.getString("code"), rs.getString("name"),
                Station.Kind.valueOf(rs.getString("kind")), rs.getString("county"), rs.getString("town"),
                rs.getString("address"), rs.getBoolean("active"), List.of()));
          }
          if (rs.getString("deputy_user_id") != null) {
            postings.add(new DeputyPosting(code, rs.getString("deputy_user_id"),
                DeputyPosting.Role.valueOf(rs.getString("role"))));
          }
        });
    if (rows.isEmpty()) {
      return Optional.empty();
    }
    Station s = rows.get(0);
    return Optional.of(new Station(s.code(), s.name(), s.kind(), s.county(), s.town(), s.address(), s.active(),
        sorted(postings).stream().map(DeputyPosting::deputyUserId).toList()));
  }

  /**
   * Creates or replaces a station and the list of its deputies: deputies no longer listed leave it, new ones join as
   * members, and those who stay keep their roles (站长, 副站长).
   */
  @Transactional
  public void save(Station s, int sortOrder) {
    byCode.changed(s.code());
    Station before = read(s.code()).orElse(null);
    int updated = jdbc.sql("UPDATE station SET name = ?, kind = ?, county = ?, town = ?, address = ?, active = ?, "
        + "sort_order = ? WHERE code = ?")
        .params(s.name(), s.kind().name(), s.county(), s.town(), s.address(), s.active(), sortOrder, s.code())
        .update();
    if (updated == 0) {
      jdbc.sql("INSERT INTO station (code, name, kind, county, town, address, active, sort_order) "
          + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
          .params(s.code(), s.name(), s.kind().name(), s.county(), s.town(), s.address(), s.active(), sortOrder)
          .update();
    }
    Set<String> stationed = new HashSet<>();
    for (DeputyPosting p : postingsAt(s.code())) {
      if (s.deputies().contains(p.deputyUserId())) {
        stationed.add(p.deputyUserId());
      } else {
        jdbc.sql("DELETE FROM station_deputy WHERE station_code = ? AND deputy_user_id = ?")
            .params(s.code(), p.deputyUserId()).update();
      }
    }
    for (String deputy : s.deputies()) {
      if (stationed.add(deputy)) {
        insertPosting(new DeputyPosting(s.code(), deputy, DeputyPosting.Role.MEMBER));
      }
    }
    events.publishEvent(new StationSaved(s));
    String changes = Changes.of().field("名称", before == null ? null : before.name(), s.name())
        .field("类型", before == null ? null : before.kind(), s.kind()).field("县", before == null ? null : before.county(),
            s.county()).field("乡镇", before == null ? null : before.town(), s.town())
        .field("地址", before == null ? null : before.address(), s.address())
        .field("启用", before == null ? null : before.active(), s.active())
        .field("驻站代表", before == null ? null : new java.util.TreeSet<>(before.deputies()),
            new java.util.TreeSet<>(s.deputies())).text();
    if (changes != null) { // the demo stations are saved again at every start: only a change is recorded
      audit.record(AuditAction.STATION_SAVED, AuditSubject.station(s.code()), s.code(),
          (before == null ? "新建联络站“" : "修改联络站“") + s.name() + "”", changes);
    }
  }

  /** The deputies stationed at a station: the head first, then deputy heads, then members, each by user id. */
  public List<DeputyPosting> postingsAt(String stationCode) {
    return sorted(jdbc.sql("SELECT station_code, deputy_user_id, role FROM station_deputy WHERE station_code = ?")
        .param(stationCode).query(Stations::posting).list());
  }

  /** Where a deputy is stationed, in the stations' order. */
  public List<DeputyPosting> postingsOf(String deputyUserId) {
    return jdbc.sql("SELECT d.station_code, d.deputy_user_id, d.role FROM station_deputy d "
        + "JOIN station s ON s.code = d.station_code WHERE d.deputy_user_id = ? ORDER BY s.sort_order, s.code")
        .param(deputyUserId).query(Stations::posting).list();
  }

  /** Every deputy's stations, in the stations' order. */
  public List<DeputyPosting> allPostings() {
    return jdbc.sql("SELECT d.station_code, d.deputy_user_id, d.role FROM station_deputy d "
        + "JOIN station s ON s.code = d.station_code ORDER BY s.sort_order, s.code, d.deputy_user_id")
        .query(Stations::posting).list();
  }

  /**
   * Stations a deputy where the postings say, with those roles, and nowhere else. A station that would get a second
   * head is refused by the database (DuplicateKeyException), also when two administrators name two heads at once.
   */
  @Transactional
  public void stationDeputy(String deputyUserId, List<DeputyPosting> postings) {
    // the stations the deputy leaves and those he joins list their deputies anew
    postingsOf(deputyUserId).forEach(p -> byCode.changed(p.stationCode()));
    postings.forEach(p -> byCode.changed(p.stationCode()));
    jdbc.sql("DELETE FROM station_deputy WHERE deputy_user_id = ?").param(deputyUserId).update();
    for (DeputyPosting p : postings) {
      if (!p.deputyUserId().equals(deputyUserId)) {
        throw new IllegalArgumentException("posting of another deputy: " + p.deputyUserId());
      }
      insertPosting(p);
    }
  }

  private void insertPosting(DeputyPosting p) {
    jdbc.sql("INSERT INTO station_deputy (station_code, deputy_user_id, role, head_of) VALUES (?, ?, ?, ?)")
        .params(p.stationCode(), p.deputyUserId(), p.role().name(),
            p.role() == DeputyPosting.Role.HEAD ? p.stationCode() : null)
        .update();
  }

  private static DeputyPosting posting(ResultSet rs, int row) throws SQLException {
    return new DeputyPosting(rs.getString("station_code"), rs.getString("deputy_user_id"),
        DeputyPosting.Role.valueOf(rs.getString("role")));
  }

  private static List<DeputyPosting> sorted(List<DeputyPosting> postings) {
    return postings.stream().sorted(Comparator.comparing(DeputyPosting::role)
        .thenComparing(DeputyPosting::deputyUserId)).toList();
  }

  public boolean exists(String code) {
    return jdbc.sql("SELECT COUNT(*) FROM station WHERE code = ?").param(code).query(Integer.class).single() > 0;
  }
}
