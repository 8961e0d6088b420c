package cn.liaison.platform.calendar;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Date;

/**
 * The one reading of a date the platform is given: from a form or a department's system (yyyy-MM-dd, or an ISO
 * date-time whose first ten characters are the date), from the REST API (a {@link Date}, read as its day in the
 * platform's zone), or already a {@link LocalDate}.
 */
public final class Dates {

  private Dates() {
  }

  /** The day the value names; throws {@link DateTimeParseException} when it names none (null or blank included). */
  public static LocalDate parse(Object value, ZoneId zone) {
    if (value instanceof Date d) {
      return LocalDate.ofInstant(d.toInstant(), zone);
    }
    if (value instanceof LocalDate d) {
      return d;
    }
    String s = value == null ? "" : value.toString().strip();
    return LocalDate.parse(s.substring(0, Math.min(10, s.length())));
  }

  /** Whether {@link #parse} reads the value as a day. */
  public static boolean isDate(Object value) {
    try {
      parse(value, ZoneId.systemDefault());
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }
}
