package cn.liaison.platform.supervision;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * 三色督办 thresholds (liaison.supervision.*, environment LIAISON_SUPERVISION_*): yellowAtPercent — the light turns
 * yellow when this share of an item's time (from entering its deadline period to the deadline) has passed (default
 * 67, two thirds). It turns yellow earlier when 催办 goes out, and red at the deadline or when 督办 opens.
 */
@ConfigurationProperties("liaison.supervision")
public record SupervisionProperties(@DefaultValue("67") int yellowAtPercent) {

  public SupervisionProperties {
    if (yellowAtPercent < 1 || yellowAtPercent > 99) {
      throw new IllegalArgumentException("liaison.supervision.yellow-at-percent must be between 1 and 99: "
          + yellowAtPercent);
    }
  }
}
