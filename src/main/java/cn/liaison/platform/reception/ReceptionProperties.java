package cn.liaison.platform.reception;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Reception settings a county sets (liaison.reception.*, environment LIAISON_RECEPTION_*):
 * <ul>
 * <li>announceDays — days a session should be announced ahead (接待公告提前天数, default 3); staff get a warning when
 *     they schedule one later;
 * <li>summaryWorkingDays — working days after the session's end the station's staff have for its summary (default 2).
 * </ul>
 */
@ConfigurationProperties("liaison.reception")
public record ReceptionProperties(@DefaultValue("3") int announceDays, @DefaultValue("2") int summaryWorkingDays) {

  public ReceptionProperties {
    if (announceDays < 0 || summaryWorkingDays < 1) {
      throw new IllegalArgumentException("liaison.reception: announce-days ≥ 0, summary-working-days ≥ 1");
    }
  }
}
