package cn.liaison.platform.opinion;

import cn.liaison.platform.calendar.Dates;
import cn.liaison.platform.calendar.WorkingDayCalendar;
import cn.liaison.platform.opinion.OpinionLoopProcess.SupervisionDecision;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/**
 * 督办 of an overdue reply, shared by the opinion loop (督办, supervisors) and the deputy proposal (督办代表建议, the
 * congress office): the decision's rules and the new due date it sets. URGE (再次催办) gives the unit
 * liaison.opinion.urge-grace-days working days; EXTEND (延长期限) sets the supervisor's date, after today and within a
 * year; REASSIGN (改派) sets none (each process assigns anew its own way). 催办 of the new date is planned as
 * {@link Deadlines#plan} plans it.
 */
@Component
public class Supervision {

  private final WorkingDayCalendar calendar;
  private final OpinionProperties properties;
  private final java.time.Clock clock;

  Supervision(WorkingDayCalendar calendar, OpinionProperties properties, java.time.Clock clock) {
    this.calendar = calendar;
    this.properties = properties;
    this.clock = clock;
  }

  /**
   * Checks a 督办 decision (variable decisionVar) and, for EXTEND, its new date (deadlineVar); puts what is wrong into
   * errors with Chinese messages and returns the decision (null when missing or unknown).
   */
  public SupervisionDecision check(Function<String, Object> vars, Map<String, String> errors, String decisionVar,
      String deadlineVar) {
    Object value = vars.apply(decisionVar);
    String s = value == null ? "" : value.toString().strip();
    SupervisionDecision decision = Arrays.stream(SupervisionDecision.values()).filter(d -> d.name().equals(s))
        .findFirst().orElse(null);
    if (decision == null) {
      errors.put(decisionVar, "请选择督办决定");
    } else if (decision == SupervisionDecision.EXTEND) {
      futureDate(vars.apply(deadlineVar), errors, deadlineVar, "请填写新的办理期限");
    }
    return decision;
  }

  /** A date after today and within a year (the rule of every date a supervisor or a department asks for). */
  public void futureDate(Object value, Map<String, String> errors, String name, String missing) {
    if (value == null || value.toString().isBlank()) {
      errors.put(name, missing);
      return;
    }
    try {
      LocalDate date = Dates.parse(value, calendar.zone());
      LocalDate today = LocalDate.ofInstant(clock.instant(), calendar.zone());
      if (!date.isAfter(today)) {
        errors.put(name, "日期应晚于今天");
      } else if (date.isAfter(today.plusYears(1))) {
        errors.put(name, "日期不能超过一年");
      }
    } catch (DateTimeParseException e) {
      errors.put(name, "日期格式应为 年-月-日，例如 2026-12-31");
    }
  }

  /** The new due date (and its 催办) a decision sets from now; null for REASSIGN. */
  public Deadlines plan(SupervisionDecision decision, Object newDeadline, Instant now) {
    Instant due = switch (decision) {
      case URGE -> calendar.deadline(now, properties.urgeGraceDays());
      case EXTEND -> Dates.parse(newDeadline, calendar.zone()).atTime(LocalTime.of(23, 59, 59))
          .atZone(calendar.zone()).toInstant();
      case REASSIGN -> null;
    };
    return due == null ? null : Deadlines.plan(calendar, properties, now, due);
  }
}
