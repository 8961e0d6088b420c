package cn.liaison.platform.opinion;

import cn.liaison.platform.calendar.WorkingDayCalendar;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Date;

/**
 * A handling deadline and the moment to urge (催办): at two-thirds of the working days, at the start of that
 * working day (09:00), so the department still has a third of its time. Deadlines under two working days
 * are urged at two-thirds of the clock time instead.
 */
public record Deadlines(Instant due, Instant urgeAt) {

  static final LocalTime WORKDAY_START = LocalTime.of(9, 0);

  static Deadlines plan(WorkingDayCalendar calendar, Instant start, Instant due) {
    LocalDate today = LocalDate.ofInstant(start, calendar.zone());
    int days = calendar.workingDaysBetween(today, LocalDate.ofInstant(due, calendar.zone()));
    if (days >= 2) {
      int urgeDays = Math.max(1, Math.round(days * 2f / 3f));
      Instant urge = calendar.addWorkingDays(today, urgeDays).atTime(WORKDAY_START).atZone(calendar.zone())
          .toInstant();
      if (urge.isAfter(start) && urge.isBefore(due)) {
        return new Deadlines(due, urge);
      }
    }
    Duration span = Duration.between(start, due);
    Instant urge = span.isNegative() ? due : start.plus(span.multipliedBy(2).dividedBy(3));
    return new Deadlines(due, urge);
  }

  public Date dueDate() {
    return Date.from(due);
  }

  public Date urgeDate() {
    return Date.from(urgeAt);
  }
}
