package cn.liaison.platform.calendar;

import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * liaison.calendar.zone: the time zone in which a working day ends (default Asia/Shanghai; government
 * deadlines are Beijing time whatever the server's own zone is).
 * liaison.calendar.extra-location: optional directory with more cn-holidays-YYYY.yaml files (e.g.
 * {@code file:./config/calendar/}), so next year's State Council notice can be added without a rebuild.
 */
@ConfigurationProperties("liaison.calendar")
public record CalendarProperties(ZoneId zone, String extraLocation) {

  public static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Shanghai");

  public CalendarProperties {
    zone = zone == null ? DEFAULT_ZONE : zone;
    extraLocation = extraLocation == null || extraLocation.isBlank() ? null : extraLocation.strip();
  }

  /** Defaults only: Beijing time, bundled holiday files. */
  public static CalendarProperties defaults() {
    return new CalendarProperties(null, null);
  }
}
