package cn.liaison.platform.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Date;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The one reading of dates from forms, the REST API and department systems. */
class DatesTests {

  static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

  @ParameterizedTest
  @ValueSource(strings = {"2026-12-31", " 2026-12-31 ", "2026-12-31T00:00:00", "2026-12-31T08:00:00.000+0800"})
  void readsTheDayOfAFormOrDepartmentDate(String text) {
    assertThat(Dates.parse(text, SHANGHAI)).isEqualTo(LocalDate.of(2026, 12, 31));
    assertThat(Dates.isDate(text)).isTrue();
  }

  @Test
  void readsARestApiDateAsItsDayInThePlatformsZone() {
    Date lateEvening = Date.from(Instant.parse("2026-12-30T17:00:00Z")); // 01:00 on the 31st in Shanghai
    assertThat(Dates.parse(lateEvening, SHANGHAI)).isEqualTo(LocalDate.of(2026, 12, 31));
    assertThat(Dates.parse(LocalDate.of(2026, 1, 2), SHANGHAI)).isEqualTo(LocalDate.of(2026, 1, 2));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "  ", "2026-13-01", "31.12.2026", "明天"})
  void refusesWhatNamesNoDay(String text) {
    assertThatThrownBy(() -> Dates.parse(text, SHANGHAI)).isInstanceOf(DateTimeParseException.class);
    assertThat(Dates.isDate(text)).isFalse();
    assertThat(Dates.isDate(null)).isFalse();
  }
}
