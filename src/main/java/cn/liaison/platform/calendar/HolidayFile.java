package cn.liaison.platform.calendar;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.io.Resource;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * One year's holiday arrangement as published by the State Council (cn-holidays-YYYY.yaml), parsed and
 * validated.
 *
 * <p>Validation is strict on purpose: a typo in this file silently shifts every deadline of that year,
 * so a bad file must stop the application at startup with a message naming the file and the entry.
 */
record HolidayFile(String source, int year, List<Holiday> holidays, Set<LocalDate> makeUpWorkdays) {

  /** A run of days off, both ends inclusive (放假). */
  record Holiday(String name, LocalDate from, LocalDate to) {
    boolean contains(LocalDate date) {
      return !date.isBefore(from) && !date.isAfter(to);
    }
  }

  private static final Set<String> FILE_KEYS = Set.of("year", "holidays", "make_up_workdays");
  private static final Set<String> HOLIDAY_KEYS = Set.of("name", "from", "to");
  private static final Pattern FILE_NAME_YEAR = Pattern.compile("cn-holidays-(\\d{4})\\.ya?ml");

  HolidayFile {
    holidays = List.copyOf(holidays);
    makeUpWorkdays = Set.copyOf(makeUpWorkdays);
  }

  static HolidayFile parse(Resource resource) {
    String source = resource.getDescription();
    try (InputStream in = resource.getInputStream()) {
      return parse(source, resource.getFilename(), in);
    } catch (IOException e) {
      throw new IllegalStateException("Cannot read holiday data file " + source + ": " + e.getMessage(), e);
    }
  }

  /**
   * @param source how to name the file in error messages
   * @param fileName the bare file name, checked against {@code year}; may be null
   */
  static HolidayFile parse(String source, String fileName, InputStream in) {
    Object document;
    try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
      document = yaml().load(reader);
    } catch (IOException | YAMLException e) {
      throw invalid(source, "not readable YAML: " + e.getMessage(), e);
    }
    if (!(document instanceof Map<?, ?> root)) {
      throw invalid(source, "expected a mapping with keys " + FILE_KEYS + ", found "
          + (document == null ? "an empty document" : describe(document)));
    }
    checkKeys(source, "the file", root, FILE_KEYS);

    Object yearValue = root.get("year");
    if (!(yearValue instanceof Integer year)) {
      throw invalid(source, yearValue == null ? "'year' is missing" : "'year' must be a number, found '" + yearValue + "'");
    }
    if (year < 1949 || year > 9999) {
      throw invalid(source, "'year' " + year + " is out of range");
    }
    if (fileName != null) {
      // cn-holidays-2027.yaml carrying "year: 2026" is almost certainly a copy-paste slip
      Matcher m = FILE_NAME_YEAR.matcher(fileName);
      if (m.matches() && Integer.parseInt(m.group(1)) != year) {
        throw invalid(source, "the file name says " + m.group(1) + " but 'year' is " + year);
      }
    }

    List<Holiday> holidays = parseHolidays(source, year, root.get("holidays"));
    Set<LocalDate> makeUp = parseMakeUpDays(source, year, root.get("make_up_workdays"), holidays);
    return new HolidayFile(source, year, holidays, makeUp);
  }

  private static List<Holiday> parseHolidays(String source, int year, Object value) {
    if (value == null) {
      throw invalid(source, "'holidays' is missing");
    }
    if (!(value instanceof List<?> entries)) {
      throw invalid(source, "'holidays' must be a list, found " + describe(value));
    }
    List<Holiday> holidays = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      String where = "holidays[" + i + "]";
      if (!(entries.get(i) instanceof Map<?, ?> entry)) {
        throw invalid(source, where + " must be a mapping {name, from, to}, found " + describe(entries.get(i)));
      }
      checkKeys(source, where, entry, HOLIDAY_KEYS);
      Object name = entry.get("name");
      if (!(name instanceof String text) || text.isBlank()) {
        throw invalid(source, where + " needs a 'name'");
      }
      where = where + " (" + text + ")";
      LocalDate from = date(source, year, where + ".from", entry.get("from"));
      LocalDate to = date(source, year, where + ".to", entry.get("to"));
      if (from.isAfter(to)) {
        throw invalid(source, where + ": from " + from + " is after to " + to);
      }
      holidays.add(new Holiday(text.strip(), from, to));
    }
    // overlapping ranges would make holidayName() ambiguous and usually mean a mistyped date
    List<Holiday> sorted = holidays.stream().sorted(Comparator.comparing(Holiday::from)).toList();
    for (int i = 1; i < sorted.size(); i++) {
      Holiday previous = sorted.get(i - 1);
      Holiday current = sorted.get(i);
      if (!current.from().isAfter(previous.to())) {
        throw invalid(source, "holiday " + current.name() + " (" + current.from() + ".." + current.to()
            + ") overlaps " + previous.name() + " (" + previous.from() + ".." + previous.to() + ")");
      }
    }
    return sorted;
  }

  private static Set<LocalDate> parseMakeUpDays(String source, int year, Object value, List<Holiday> holidays) {
    if (value == null) {
      return Set.of(); // a year may have no 调休 at all
    }
    if (!(value instanceof List<?> entries)) {
      throw invalid(source, "'make_up_workdays' must be a list of dates, found " + describe(value));
    }
    Set<LocalDate> days = new LinkedHashSet<>();
    for (int i = 0; i < entries.size(); i++) {
      String where = "make_up_workdays[" + i + "]";
      LocalDate day = date(source, year, where, entries.get(i));
      where = where + " (" + day + ")";
      DayOfWeek dow = day.getDayOfWeek();
      if (dow != DayOfWeek.SATURDAY && dow != DayOfWeek.SUNDAY) {
        throw invalid(source, where + " is a " + dow + "; a make-up working day must be a Saturday or Sunday");
      }
      for (Holiday holiday : holidays) {
        if (holiday.contains(day)) {
          throw invalid(source, where + " lies inside holiday " + holiday.name() + " (" + holiday.from() + ".."
              + holiday.to() + ")");
        }
      }
      if (!days.add(day)) {
        throw invalid(source, where + " is listed twice");
      }
    }
    return days;
  }

  private static LocalDate date(String source, int year, String where, Object value) {
    if (value == null) {
      throw invalid(source, where + " is missing");
    }
    LocalDate date;
    try {
      // ISO_LOCAL_DATE is strict: 2026-02-30 is rejected rather than rolled over into March
      date = LocalDate.parse(String.valueOf(value).strip());
    } catch (DateTimeParseException e) {
      throw invalid(source, where + " '" + value + "' is not a date in the form YYYY-MM-DD");
    }
    if (date.getYear() != year) {
      throw invalid(source, where + " " + date + " is outside the file's year " + year);
    }
    return date;
  }

  private static void checkKeys(String source, String where, Map<?, ?> map, Set<String> allowed) {
    // a misspelt key (e.g. "make_up_workday") would otherwise silently drop data
    for (Object key : map.keySet()) {
      if (!allowed.contains(String.valueOf(key))) {
        throw invalid(source, where + " has unknown key '" + key + "' (allowed: " + allowed + ")");
      }
    }
  }

  private static String describe(Object value) {
    return value == null ? "nothing" : "'" + value + "'";
  }

  private static IllegalStateException invalid(String source, String problem) {
    return invalid(source, problem, null);
  }

  private static IllegalStateException invalid(String source, String problem, Throwable cause) {
    return new IllegalStateException("Invalid holiday data file " + source + ": " + problem, cause);
  }

  private static Yaml yaml() {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false); // two "year:" lines must not silently keep the last one
    options.setMaxAliasesForCollections(10);
    return new Yaml(new SafeConstructor(options), new Representer(new DumperOptions()), new DumperOptions(),
        options, new DatesAsText());
  }

  /**
   * Keeps plain dates as text so {@link LocalDate#parse} judges them: SnakeYAML's own timestamp
   * handling is lenient (rolls 2026-02-30 over to March 2) and goes through java.util.Date in UTC.
   */
  private static final class DatesAsText extends Resolver {
    @Override
    public Tag resolve(NodeId kind, String value, boolean implicit) {
      Tag tag = super.resolve(kind, value, implicit);
      return Tag.TIMESTAMP.equals(tag) ? Tag.STR : tag;
    }
  }
}
