package cn.liaison.platform.statistics;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the statistics (liaison.statistics): the weights of the satisfaction rate, satisfaction =
 * (satisfied × satisfiedWeight + basicallySatisfied × basicallySatisfiedWeight) ÷ evaluated. Most counties count
 * 基本满意 in full (1.0); some weight it at 0.9.
 */
@ConfigurationProperties("liaison.statistics")
public record StatisticsProperties(@DefaultValue("1.0") double satisfiedWeight,
    @DefaultValue("1.0") double basicallySatisfiedWeight) {

  public StatisticsProperties {
    if (satisfiedWeight < 0 || satisfiedWeight > 1 || basicallySatisfiedWeight < 0 || basicallySatisfiedWeight > 1) {
      throw new IllegalArgumentException("liaison.statistics weights must lie between 0 and 1");
    }
  }
}
