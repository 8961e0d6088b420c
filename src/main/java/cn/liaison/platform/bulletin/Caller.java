package cn.liaison.platform.bulletin;

import cn.liaison.platform.identity.PlatformGroups;
import cn.liaison.platform.station.Station;
import java.util.Set;

/**
 * Who asks for a bulletin, with their Camunda groups as they are now. The congress office and analysts read every
 * station's figures; station staff those of their own stations. The congress office and station staff edit the
 * wording; analysts only read.
 */
public record Caller(String userId, Set<String> groups) {

  public Caller {
    groups = Set.copyOf(groups);
  }

  boolean readsAllStations() {
    return groups.contains(PlatformGroups.CONGRESS_OFFICE) || groups.contains(PlatformGroups.ANALYSTS);
  }

  boolean servesStation(String stationCode) {
    return groups.contains(Station.staffGroupOf(stationCode));
  }

  /** May open the bulletin at all (before knowing which stations). */
  boolean mayRead() {
    return readsAllStations() || groups.contains(PlatformGroups.STATION_STAFF)
        || groups.stream().anyMatch(g -> g.startsWith(Station.STAFF_GROUP_PREFIX));
  }

  boolean mayRead(String stationCode) {
    return readsAllStations() || servesStation(stationCode);
  }

  boolean mayEditTemplates() {
    return groups.contains(PlatformGroups.CONGRESS_OFFICE) || groups.contains(PlatformGroups.STATION_STAFF);
  }
}
