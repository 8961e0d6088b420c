package cn.liaison.platform.opinion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.liaison.platform.calendar.CalendarProperties;
import cn.liaison.platform.calendar.WorkingDayCalendar;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.DefaultResourceLoader;

/** When a department is urged (催办): the county's settings, on the 2026 working-day calendar, without Spring. */
class DeadlinesTests {

  private static final WorkingDayCalendar calendar =
      new WorkingDayCalendar(CalendarProperties.defaults(), new DefaultResourceLoader());
  private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

  private static OpinionProperties rules(int urgeAtPercent, String urgeTime) {
    return new OpinionProperties(2, 30, 7, 2, urgeAtPercent, LocalTime.parse(urgeTime));
  }

  private static Instant at(String localDateTime) {
    return LocalDateTime.parse(localDateTime).atZone(BEIJING).toInstant();
  }

  private static LocalDateTime local(Instant i) {
    return LocalDateTime.ofInstant(i, BEIJING);
  }

  @Test
  void byDefaultTheDepartmentIsUrgedAtNineOnTheWorkingDayTwoThirdsIntoItsTime() {
    // assigned Monday 2026-06-01 10:00, due in 15 working days: 催办 after 10 working days, Monday 06-15 09:00
    Instant start = at("2026-06-01T10:00");
    Instant due = calendar.deadline(start, 15);
    Deadlines d = Deadlines.plan(calendar, rules(67, "09:00"), start, due);
    assertThat(local(d.urgeAt())).isEqualTo(LocalDateTime.parse("2026-06-15T09:00"));
    assertThat(d.due()).isEqualTo(due);
  }

  @Test
  void aCountyThatUrgesAtHalfTimeAndAtTwoInTheAfternoonGetsItsOwnMoment() {
    Instant start = at("2026-06-01T10:00");
    Instant due = calendar.deadline(start, 10);
    Deadlines d = Deadlines.plan(calendar, rules(50, "14:00"), start, due);
    assertThat(local(d.urgeAt())).isEqualTo(LocalDateTime.parse("2026-06-08T14:00"));
  }

  @Test
  void aDeadlineUnderTwoWorkingDaysIsUrgedAtTheShareOfTheClockTime() {
    Instant start = at("2026-06-01T10:00");
    Instant due = at("2026-06-01T19:00");
    Deadlines d = Deadlines.plan(calendar, rules(67, "09:00"), start, due);
    assertThat(local(d.urgeAt())).isEqualTo(LocalDateTime.parse("2026-06-01T16:01:48"));
  }

  @Test
  void anUrgeShareOutsideOneToNinetyNinePercentIsRefusedAtStartup() {
    assertThatThrownBy(() -> rules(100, "09:00")).hasMessageContaining("urge-at-percent");
    assertThatThrownBy(() -> rules(0, "09:00")).hasMessageContaining("urge-at-percent");
  }
}
