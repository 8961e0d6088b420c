package cn.liaison.platform.opinion;

import cn.liaison.platform.calendar.WorkingDayCalendar;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;

/**
 * A handling deadline and the moment to urge (催办): when urgeAtPercent of the working days have passed (by
 * default two thirds), at urgeTime of that working day (09:00), so the department still has the rest of its
 * time. Deadlines under two working days are urged at that share of the clock time instead. Both settings are
 * OpinionProperties (liaison.opinion.urge-at-percent, urge-time).
 */
public record Deadlines(Instant due, Instant urgeAt) {

  /** The 催办 moment of a deadline from start to due; deputy proposals plan theirs the same way. */
  public static Deadlines plan(WorkingDayCalendar calendar, OpinionProperties rules, Instant start, Instant due) {
    LocalDate today = LocalDate.ofInstant(start, calendar.zone());
    int days = calendar.workingDaysBetween(today, LocalDate.ofInstant(due, calendar.zone()));
    if (days >= 2) {
      int urgeDays = Math.max(1, Math.round(days * rules.urgeAtPercent() / 100f));
      Instant urge = calendar.addWorkingDays(today, urgeDays).atTime(rules.urgeTime()).atZone(calendar.zone())
          .toInstant();
      if (urge.isAfter(start) && urge.isBefore(due)) {
        return new Deadlines(due, urge);
      }
    }
    Duration span = Duration.between(start, due);
    Instant urge = span.isNegative() ? due : start.plus(span.multipliedBy(rules.urgeAtPercent()).dividedBy(100));
    return new Deadlines(due, urge);
  }

  public Date dueDate() {
    return Date.from(due);
  }

  public Date urgeDate() {
    return Date.from(urgeAt);
  }
}
