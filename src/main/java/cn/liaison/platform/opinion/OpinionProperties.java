package cn.liaison.platform.opinion;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * liaison.opinion.*: urgeGraceDays — working days a department gets after a supervisor urges it again;
 * maxExtensionDays — the furthest a department may ask to move its deadline (working days from today);
 * evaluationDays — days the citizen has to evaluate a reply before it closes as 未评价 (the process's timer and
 * the citizen's texts read the same value); reopenLimit — times a 不满意 evaluation reopens the opinion before
 * supervisors review it (不满意复核).
 */
@ConfigurationProperties("liaison.opinion")
public record OpinionProperties(@DefaultValue("2") int urgeGraceDays, @DefaultValue("30") int maxExtensionDays,
    @DefaultValue("7") int evaluationDays, @DefaultValue("2") int reopenLimit) {

  /** The evaluation window as the process's timer reads it (ISO 8601 duration). */
  public String evaluationWindow() {
    return "P" + evaluationDays + "D";
  }
}
