package cn.liaison.platform.deputy;

import cn.liaison.platform.station.DeputyPosting;
import java.util.List;

/**
 * A deputy (人大代表) as the platform shows him or her: a Camunda user of group deputies with level, sector and the
 * stations where he or she is stationed (驻站代表). The phone number is only here masked (138****5678): the full
 * number stays in the deputy table. Level and sector are null for a deputy whose details nobody has entered yet.
 */
public record Deputy(String userId, String name, DeputyLevel level, String sector, String maskedPhone,
    List<Post> stations) {

  /** Stationed at a station, with a role there. */
  public record Post(String stationCode, String stationName, DeputyPosting.Role role) {}

  /** The stations as a citizen reads them: 长垣市防腐产业代表联络站站长、路寨镇产业代表联络站 (a plain member: no role). */
  public String stationsLine() {
    return stations.stream()
        .map(p -> p.stationName() + (p.role() == DeputyPosting.Role.MEMBER ? "" : p.role().label()))
        .collect(java.util.stream.Collectors.joining("、"));
  }
}
