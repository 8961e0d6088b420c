package cn.liaison.platform.deputy.web;

import cn.liaison.platform.deputy.Deputy;
import cn.liaison.platform.deputy.DeputyLevel;
import java.util.List;

/**
 * A deputy as the API returns it: level and roles with their Chinese labels, the phone masked (138****5678). Level,
 * sector and phone are left out while nobody has entered them.
 */
record DeputyView(String userId, String name, String level, String levelLabel, String sector, String phone,
    List<StationView> stations, String deputyCode) {

  record StationView(String stationCode, String stationName, String role, String roleLabel) {}

  /** With the deputy's public code (代表码: /d/{code}, its QR and card), if he or she has one. */
  static DeputyView of(Deputy d, java.util.Map<String, String> codes) {
    DeputyView v = of(d);
    return new DeputyView(v.userId(), v.name(), v.level(), v.levelLabel(), v.sector(), v.phone(), v.stations(),
        codes.get(d.userId()));
  }

  static DeputyView of(Deputy d) {
    DeputyLevel level = d.level();
    return new DeputyView(d.userId(), d.name(), level == null ? null : level.name(),
        level == null ? null : level.label(), d.sector(), d.maskedPhone(),
        d.stations().stream().map(p -> new StationView(p.stationCode(), p.stationName(), p.role().name(),
            p.role().label())).toList(), null);
  }
}
