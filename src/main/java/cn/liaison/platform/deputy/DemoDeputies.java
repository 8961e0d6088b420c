package cn.liaison.platform.deputy;

import cn.liaison.platform.station.DeputyPosting.Role;
import cn.liaison.platform.station.Stations;
import cn.liaison.platform.system.ConflictException;
import cn.liaison.platform.system.InvalidInputException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The demo deputies' details and stations (驻站代表), as demo data: the heads of the 长垣 防腐 and 起重 industry stations,
 * the 太平镇 and 路寨镇 stations' heads, and deputies of all five levels. Runs after the identity seeder (order 10),
 * which creates the users (deputy1 … deputy7, password = user id). A deputy who has details already is left as he is,
 * so what administrators change survives a restart. The phone numbers are made up. With demo data off, the identity
 * seeder deletes the demo users; their details and stations are removed here too.
 */
@Component
@Order(20)
class DemoDeputies implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(DemoDeputies.class);

  record DemoDeputy(String userId, DeputyLevel level, String sector, String phone, Map<String, Role> stations) {}

  static final List<DemoDeputy> DEPUTIES = List.of(
      new DemoDeputy("deputy1", DeputyLevel.COUNTY, "防腐", "13903730101",
          stations("cy-anticorrosion", Role.HEAD, "cy-crane", Role.MEMBER, "yy-luzhai-rice", Role.MEMBER)),
      new DemoDeputy("deputy2", DeputyLevel.CITY, "农业", "13903730102",
          stations("cy-crane", Role.MEMBER, "yy-taiping-mobile", Role.DEPUTY_HEAD, "yy-luzhai-rice", Role.MEMBER)),
      new DemoDeputy("deputy3", DeputyLevel.COUNTY, "起重", "13903730103", stations("cy-crane", Role.HEAD)),
      new DemoDeputy("deputy4", DeputyLevel.PROVINCIAL, "防腐", "13903730104",
          stations("cy-anticorrosion", Role.DEPUTY_HEAD)),
      new DemoDeputy("deputy5", DeputyLevel.TOWNSHIP, "农业", "13903730105", stations("yy-taiping-mobile", Role.HEAD)),
      new DemoDeputy("deputy6", DeputyLevel.TOWNSHIP, "水稻种植", "13903730106", stations("yy-luzhai-rice", Role.HEAD)),
      new DemoDeputy("deputy7", DeputyLevel.NATIONAL, "起重", "13903730107", stations("cy-crane", Role.DEPUTY_HEAD)));

  private final DeputyDirectory directory;
  private final DeputyProfiles profiles;
  private final Stations stations;
  private final IdentityService identity;
  private final boolean demo;

  DemoDeputies(DeputyDirectory directory, DeputyProfiles profiles, Stations stations, IdentityService identity,
      @Value("${liaison.demo.enabled:false}") boolean demo) {
    this.directory = directory;
    this.profiles = profiles;
    this.stations = stations;
    this.identity = identity;
    this.demo = demo;
  }

  @Override
  public void run(ApplicationArguments args) {
    if (demo) {
      seed();
    } else {
      removeLeftovers();
    }
  }

  /** The demo deputies whose users are gone (deleted with demo data off) leave no details and no stations behind. */
  void removeLeftovers() {
    for (DemoDeputy d : DEPUTIES) {
      if (identity.createUserQuery().userId(d.userId()).count() == 0) {
        profiles.remove(d.userId());
        stations.stationDeputy(d.userId(), List.of());
      }
    }
  }

  void seed() {
    for (DemoDeputy d : DEPUTIES) {
      if (profiles.exists(d.userId()) || directory.find(d.userId()).isEmpty()) {
        continue;
      }
      try {
        directory.save(d.userId(), change(d, false), "demo-data");
      } catch (ConflictException e) {
        // an administrator has named another head meanwhile: the demo deputy joins that station as a member
        log.warn("demo deputy {}: {}", d.userId(), e.getMessage());
        directory.save(d.userId(), change(d, true), "demo-data");
      } catch (InvalidInputException e) {
        // a demo station is gone: the demo deputy is left for an administrator
        log.warn("demo deputy {} not seeded: {}", d.userId(), e.errors());
      }
    }
  }

  private static DeputyDirectory.Change change(DemoDeputy d, boolean noHeads) {
    return new DeputyDirectory.Change(null, d.level().name(), d.sector(), d.phone(), d.stations().entrySet().stream()
        .map(e -> new DeputyDirectory.StationChange(e.getKey(),
            (noHeads && e.getValue() == Role.HEAD ? Role.MEMBER : e.getValue()).name()))
        .toList());
  }

  private static Map<String, Role> stations(Object... codesAndRoles) {
    Map<String, Role> stations = new LinkedHashMap<>();
    for (int i = 0; i < codesAndRoles.length; i += 2) {
      stations.put((String) codesAndRoles[i], (Role) codesAndRoles[i + 1]);
    }
    return stations;
  }
}
