package cn.liaison.platform.station;

import java.util.List;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The station directory (tables station, station_deputy). */
@Repository
public class Stations {

  private final JdbcClient jdbc;
  private final ApplicationEventPublisher events;

  Stations(JdbcClient jdbc, ApplicationEventPublisher events) {
    this.jdbc = jdbc;
    this.events = events;
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

  public Optional<Station> findByCode(String code) {
    List<String> deputies = jdbc.sql("SELECT deputy_user_id FROM station_deputy WHERE station_code = ? "
        + "ORDER BY deputy_user_id").param(code).query(String.class).list();
    return jdbc.sql("SELECT code, name, kind, county, town, address, active FROM station WHERE code = ?").param(code)
        .query((rs, i) -> new Station(rs.getString("code"), rs.getString("name"),
            Station.Kind.valueOf(rs.getString("kind")), rs.getString("county"), rs.getString("town"),
            rs.getString("address"), rs.getBoolean("active"), deputies))
        .optional();
  }

  /** Creates or replaces a station and its deputies. */
  @Transactional
  public void save(Station s, int sortOrder) {
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
    jdbc.sql("DELETE FROM station_deputy WHERE station_code = ?").param(s.code()).update();
    for (String deputy : s.deputies()) {
      jdbc.sql("INSERT INTO station_deputy (station_code, deputy_user_id) VALUES (?, ?)").params(s.code(), deputy)
          .update();
    }
    events.publishEvent(new StationSaved(s));
  }

  public boolean exists(String code) {
    return jdbc.sql("SELECT COUNT(*) FROM station WHERE code = ?").param(code).query(Integer.class).single() > 0;
  }
}
