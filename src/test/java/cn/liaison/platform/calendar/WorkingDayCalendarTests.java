package cn.liaison.platform.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.core.io.DefaultResourceLoader;

/** The working-day calendar on the real 2026 State Council arrangement, built without a Spring context. */
class WorkingDayCalendarTests {

  private static final WorkingDayCalendar calendar =
      new WorkingDayCalendar(CalendarProperties.defaults(), new DefaultResourceLoader());

  private static LocalDate day(String iso) {
    return LocalDate.parse(iso);
  }

  @Test
  void bundledDataCoversTwentyTwentySix() {
    assertThat(calendar.hasDataFor(2026)).isTrue();
    assertThat(calendar.zone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
    assertThat(calendar.holidayName(day("2026-10-01"))).contains("国庆节");
    assertThat(calendar.holidayName(day("2026-02-15"))).contains("春节");
    assertThat(calendar.holidayName(day("2026-10-08"))).isEmpty();
  }

  @Test
  void nationalDayHolidayIsSkippedAndMakeUpSaturdayCounts() {
    for (LocalDate d = day("2026-10-01"); !d.isAfter(day("2026-10-07")); d = d.plusDays(1)) {
      assertThat(calendar.isWorkingDay(d)).as("%s is 国庆节", d).isFalse();
    }
    assertThat(day("2026-09-20").getDayOfWeek()).isEqualTo(DayOfWeek.SUNDAY);
    assertThat(calendar.isWorkingDay(day("2026-09-20"))).as("make-up Sunday").isTrue();
    assertThat(day("2026-10-10").getDayOfWeek()).isEqualTo(DayOfWeek.SATURDAY);
    assertThat(calendar.isWorkingDay(day("2026-10-10"))).as("make-up Saturday").isTrue();
    assertThat(calendar.isWorkingDay(day("2026-10-11"))).as("ordinary Sunday").isFalse();

    // received on the last day before the holiday: the first working day after it is Oct 8
    assertThat(calendar.addWorkingDays(day("2026-09-30"), 1)).isEqualTo(day("2026-10-08"));
    // Oct 8 (Thu), Oct 9 (Fri), Oct 10 (make-up Saturday)
    assertThat(calendar.addWorkingDays(day("2026-09-30"), 3)).isEqualTo(day("2026-10-10"));
    assertThat(calendar.addWorkingDays(day("2026-09-30"), 4)).isEqualTo(day("2026-10-12"));
  }

  @Test
  void makeUpSundayBeforeNationalDayCountsAndMidAutumnIsSkipped() {
    // Fri Sep 18: Sun Sep 20 is the first working day; 中秋节 Sep 25-27 and 国庆节 Oct 1-7 are skipped
    assertThat(calendar.addWorkingDays(day("2026-09-18"), 1)).isEqualTo(day("2026-09-20"));
    assertThat(calendar.addWorkingDays(day("2026-09-18"), 6)).isEqualTo(day("2026-09-28"));
    assertThat(calendar.addWorkingDays(day("2026-09-18"), 9)).isEqualTo(day("2026-10-08"));
    assertThat(calendar.holidayName(day("2026-09-26"))).contains("中秋节");
  }

  @Test
  void springFestivalIsSkippedAndBothMakeUpSaturdaysCount() {
    assertThat(calendar.isWorkingDay(day("2026-02-14"))).as("make-up Saturday before 春节").isTrue();
    assertThat(calendar.isWorkingDay(day("2026-02-28"))).as("make-up Saturday after 春节").isTrue();
    for (LocalDate d = day("2026-02-15"); !d.isAfter(day("2026-02-23")); d = d.plusDays(1)) {
      assertThat(calendar.isWorkingDay(d)).as("%s is 春节", d).isFalse();
    }
    // received Fri Feb 13: Sat Feb 14 is day 1, then nothing until Tue Feb 24
    assertThat(calendar.addWorkingDays(day("2026-02-13"), 1)).isEqualTo(day("2026-02-14"));
    assertThat(calendar.addWorkingDays(day("2026-02-13"), 2)).isEqualTo(day("2026-02-24"));
    // Feb 24..27 are days 2..5, Sat Feb 28 is day 6, Sun Mar 1 is off, Mon Mar 2 is day 7
    assertThat(calendar.addWorkingDays(day("2026-02-13"), 6)).isEqualTo(day("2026-02-28"));
    assertThat(calendar.addWorkingDays(day("2026-02-13"), 7)).isEqualTo(day("2026-03-02"));
  }

  @Test
  void fiveWorkingDaysFromTheFridayBeforeLabourDayEndAfterTheHoliday() {
    // Fri Apr 24: Mon Apr 27 - Thu Apr 30 are days 1-4, 劳动节 May 1-5 is off, Wed May 6 is day 5
    assertThat(calendar.addWorkingDays(day("2026-04-24"), 5)).isEqualTo(day("2026-05-06"));
    assertThat(calendar.isWorkingDay(day("2026-05-09"))).as("make-up Saturday for 劳动节").isTrue();
  }

  @Test
  void zeroWorkingDaysMeansTodayOrTheNextWorkingDay() {
    assertThat(calendar.addWorkingDays(day("2026-10-09"), 0)).isEqualTo(day("2026-10-09"));
    assertThat(calendar.addWorkingDays(day("2026-10-10"), 0)).as("make-up Saturday").isEqualTo(day("2026-10-10"));
    assertThat(calendar.addWorkingDays(day("2026-10-03"), 0)).isEqualTo(day("2026-10-08"));
    assertThat(calendar.addWorkingDays(day("2026-02-15"), 0)).isEqualTo(day("2026-02-24"));
    assertThatThrownBy(() -> calendar.addWorkingDays(day("2026-10-09"), -1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void deadlineIsTheEndOfTheDueDateInBeijingTime() {
    // 2026-09-30 17:00 UTC is already Oct 1, 01:00 in Beijing: counting starts from the holiday
    Instant received = Instant.parse("2026-09-30T17:00:00Z");
    assertThat(calendar.deadline(received, 1)).isEqualTo(Instant.parse("2026-10-08T15:59:59Z"));
    assertThat(calendar.deadline(received, 1, ZoneId.of("Asia/Shanghai")))
        .isEqualTo(Instant.parse("2026-10-08T15:59:59Z"));
    // in UTC the same instant is still Sep 30, which gives the same due date but ends at 23:59:59 UTC
    assertThat(calendar.deadline(received, 1, ZoneId.of("UTC"))).isEqualTo(Instant.parse("2026-10-08T23:59:59Z"));
    // received in the evening of Fri Sep 18 (Beijing): due at the end of the make-up Sunday
    assertThat(calendar.deadline(Instant.parse("2026-09-18T12:00:00Z"), 1))
        .isEqualTo(Instant.parse("2026-09-20T15:59:59Z"));
  }

  @Test
  void workingDaysBetweenAgreesWithAddWorkingDays() {
    for (LocalDate start = day("2025-12-20"); start.isBefore(day("2027-01-10")); start = start.plusDays(1)) {
      for (int n : new int[] {1, 2, 5, 10, 15, 30}) {
        LocalDate due = calendar.addWorkingDays(start, n);
        assertThat(calendar.workingDaysBetween(start, due)).as("from %s, %d working days", start, n).isEqualTo(n);
        assertThat(calendar.workingDaysBetween(start, due.minusDays(1))).isEqualTo(n - 1);
        assertThat(calendar.workingDaysBetween(due, start)).as("antisymmetric").isEqualTo(-n);
      }
    }
    assertThat(calendar.workingDaysBetween(day("2026-10-08"), day("2026-10-08"))).isZero();
    // the whole 国庆节 week plus the weekend before: only Wed Sep 30 and Thu Oct 8 are working days
    assertThat(calendar.workingDaysBetween(day("2026-09-29"), day("2026-10-08"))).isEqualTo(2);
  }

  @Test
  void yearWithoutDataFallsBackToWeekendsAndWarnsOnce() {
    Logger logger = (Logger) LoggerFactory.getLogger(WorkingDayCalendar.class);
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    logger.addAppender(appender);
    try {
      WorkingDayCalendar fresh = new WorkingDayCalendar(CalendarProperties.defaults(), new DefaultResourceLoader());
      assertThat(fresh.hasDataFor(2031)).isFalse();
      // Oct 1 2031 is a Wednesday: without data it is an ordinary working day
      assertThat(fresh.isWorkingDay(day("2031-10-01"))).isTrue();
      assertThat(fresh.isWorkingDay(day("2031-10-04"))).as("Saturday").isFalse();
      assertThat(fresh.holidayName(day("2031-10-01"))).isEmpty();
      assertThat(fresh.addWorkingDays(day("2031-10-03"), 1)).as("Friday + 1").isEqualTo(day("2031-10-06"));
      assertThat(fresh.workingDaysBetween(day("2031-01-01"), day("2031-12-31"))).isEqualTo(260);
    } finally {
      logger.detachAppender(appender);
    }
    assertThat(appender.list).filteredOn(e -> e.getLevel() == Level.WARN)
        .singleElement()
        .satisfies(e -> assertThat(e.getFormattedMessage()).contains("No holiday data for 2031"));
  }

  @Test
  void operatorCanAddANewYearInTheExtraLocation(@TempDir Path dir) throws IOException {
    // test data only, not the real 2027 arrangement
    Files.writeString(dir.resolve("cn-holidays-2027.yaml"), """
        year: 2027
        holidays:
          - {name: 国庆节, from: 2027-10-01, to: 2027-10-07}
        make_up_workdays:
          - 2027-09-26
        """, StandardCharsets.UTF_8);
    WorkingDayCalendar withExtra = new WorkingDayCalendar(
        new CalendarProperties(null, dir.toUri().toString()), new DefaultResourceLoader());

    assertThat(withExtra.hasDataFor(2026)).as("bundled data is kept").isTrue();
    assertThat(withExtra.hasDataFor(2027)).isTrue();
    assertThat(withExtra.holidayName(day("2027-10-04"))).contains("国庆节");
    assertThat(withExtra.isWorkingDay(day("2027-09-26"))).as("make-up Sunday").isTrue();
    assertThat(withExtra.addWorkingDays(day("2027-09-30"), 1)).isEqualTo(day("2027-10-08"));
  }

  @Test
  void brokenFileIsRejectedWithAMessageNamingTheFileAndTheEntry(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("cn-holidays-2027.yaml"), """
        year: 2027
        holidays:
          - {name: 国庆节, from: 2027-10-01, to: 2027-10-07}
        make_up_workdays:
          - 2027-09-29
        """, StandardCharsets.UTF_8);
    CalendarProperties properties = new CalendarProperties(null, "file:" + dir + "/");

    assertThatThrownBy(() -> new WorkingDayCalendar(properties, new DefaultResourceLoader()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("cn-holidays-2027.yaml")
        .hasMessageContaining("make_up_workdays[0] (2027-09-29)")
        .hasMessageContaining("Saturday or Sunday");
  }

  @Test
  void holidayFileValidationNamesTheOffendingEntry() {
    assertThat(problemWith("holidays: []")).contains("'year' is missing");
    assertThat(problemWith("year: 2026\nyear: 2027\nholidays: []")).contains("duplicate key year");
    assertThat(problemWith("year: 2027\nholidays: []")).contains("file name says 2026");
    assertThat(problemWith("year: 2026\nholidays:\n  - {name: 国庆节, from: 2026-10-07, to: 2026-10-01}"))
        .contains("holidays[0] (国庆节): from 2026-10-07 is after to 2026-10-01");
    assertThat(problemWith("year: 2026\nholidays:\n  - {name: 元旦, from: 2025-12-31, to: 2026-01-01}"))
        .contains("holidays[0] (元旦).from 2025-12-31 is outside the file's year 2026");
    assertThat(problemWith("year: 2026\nholidays:\n  - {name: 春节, from: 2026-02-15, to: 2026-02-30}"))
        .contains("holidays[0] (春节).to '2026-02-30' is not a date");
    assertThat(problemWith("year: 2026\nholidays:\n  - {name: 春节, from: 2026-02-15, to: 2026-02-23}\n"
        + "make_up_workdays: [2026-02-21]"))
        .contains("make_up_workdays[0] (2026-02-21) lies inside holiday 春节");
    assertThat(problemWith("year: 2026\nholidays:\n  - {name: 中秋节, from: 2026-09-25, to: 2026-10-01}\n"
        + "  - {name: 国庆节, from: 2026-10-01, to: 2026-10-07}"))
        .contains("国庆节", "overlaps 中秋节");
    assertThat(problemWith("year: 2026\nholidays: []\nmake_up_workday: [2026-10-10]"))
        .contains("unknown key 'make_up_workday'");
  }

  @Test
  void bundledFileParsesAsPublished() {
    HolidayFile file = HolidayFile.parse(
        new DefaultResourceLoader().getResource("classpath:calendar/cn-holidays-2026.yaml"));
    assertThat(file.year()).isEqualTo(2026);
    assertThat(file.holidays()).hasSize(7);
    assertThat(file.makeUpWorkdays()).containsExactlyInAnyOrder(day("2026-01-04"), day("2026-02-14"),
        day("2026-02-28"), day("2026-05-09"), day("2026-09-20"), day("2026-10-10"));
  }

  @Test
  void zoneAndExtraLocationBindFromProperties() {
    Binder binder = new Binder(new MapConfigurationPropertySource(Map.of(
        "liaison.calendar.zone", "Asia/Urumqi",
        "liaison.calendar.extra-location", "file:./config/calendar/")));
    CalendarProperties properties = binder.bind("liaison.calendar", CalendarProperties.class).get();
    assertThat(properties.zone()).isEqualTo(ZoneId.of("Asia/Urumqi"));
    assertThat(properties.extraLocation()).isEqualTo("file:./config/calendar/");
    assertThat(CalendarProperties.defaults().zone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
  }

  private static String problemWith(String yaml) {
    try {
      HolidayFile.parse("test [cn-holidays-2026.yaml]", "cn-holidays-2026.yaml",
          new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
    } catch (IllegalStateException e) {
      assertThat(e.getMessage()).startsWith("Invalid holiday data file test [cn-holidays-2026.yaml]: ");
      return e.getMessage();
    }
    throw new AssertionError("accepted: " + yaml);
  }
}
