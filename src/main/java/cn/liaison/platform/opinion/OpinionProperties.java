package cn.liaison.platform.opinion;

import java.time.LocalTime;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The opinion loop's rules that a county sets (liaison.opinion.*, environment LIAISON_OPINION_*), read by the
 * process (as variables given at its start or at 交办) and by the texts citizens and departments read:
 * <ul>
 * <li>urgeAtPercent — 催办 comes when this share of the handling working days has passed (default 67, two thirds),
 * at urgeTime (default 09:00) of that working day;
 * <li>urgeGraceDays — working days a department gets after a supervisor urges it again (督办 · 再次催办);
 * <li>maxExtensionDays — the furthest a department may ask to move its deadline (working days from today);
 * <li>evaluationDays — days the citizen has to evaluate a reply before it closes as 未评价;
 * <li>reopenLimit — times a 不满意 evaluation reopens the opinion before supervisors review it (不满意复核).
 * </ul>
 * The handling deadline itself (working days by category, place and grade) is in processes/opinion/opinion-triage.dmn.
 */
@ConfigurationProperties("liaison.opinion")
public record OpinionProperties(@DefaultValue("2") int urgeGraceDays, @DefaultValue("30") int maxExtensionDays,
    @DefaultValue("7") int evaluationDays, @DefaultValue("2") int reopenLimit, @DefaultValue("67") int urgeAtPercent,
    @DefaultValue("09:00") LocalTime urgeTime) {

  public OpinionProperties {
    if (urgeAtPercent < 1 || urgeAtPercent > 99) {
      throw new IllegalArgumentException("liaison.opinion.urge-at-percent must be between 1 and 99: " + urgeAtPercent);
    }
    if (urgeGraceDays < 1 || evaluationDays < 1 || reopenLimit < 0 || maxExtensionDays < 1) {
      throw new IllegalArgumentException("liaison.opinion: grace days, evaluation days and extension days must be "
          + "at least 1 and the reopen limit at least 0");
    }
  }

  /** The evaluation window as the process's timer reads it (ISO 8601 duration). */
  public String evaluationWindow() {
    return "P" + evaluationDays + "D";
  }
}
