package cn.liaison.platform.calendar;

import java.io.IOException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.io.support.ResourcePatternResolver;
import org.springframework.core.io.support.ResourcePatternUtils;
import org.springframework.stereotype.Component;

/**
 * The working-day calendar (工作日日历) for deadlines of government work: weekends and statutory
 * holidays are off, make-up working days (调休) are on.
 *
 * <p>Holiday data comes from one file per year, {@code classpath*:calendar/cn-holidays-YYYY.yaml},
 * plus optionally the same kind of files in {@code liaison.calendar.extra-location}; a file there
 * replaces the bundled file of the same year, so an operator can add or correct a year without a
 * rebuild. A year without data falls back to "weekends only" and is reported once with a WARN,
 * because deadlines then ignore that year's holidays.
 *
 * <p>The data is fixed at construction (restart to pick up new files); all methods are thread-safe.
 */
@Component
public class WorkingDayCalendar {

  private static final Logger log = LoggerFactory.getLogger(WorkingDayCalendar.class);

  static final String BUNDLED_PATTERN = "classpath*:calendar/cn-holidays-*.yaml";
  static final String FILE_PATTERN = "cn-holidays-*.yaml";
  /** A working day ends at 23:59:59: work handed in on the due date is on time. */
  static final LocalTime END_OF_WORKING_DAY = LocalTime.of(23, 59, 59);

  private final ZoneId zone;
  private final Set<Integer> years;
  private final Map<LocalDate, String> holidayNames;
  private final Set<LocalDate> makeUpWorkdays;
  /** Only logging state, not calendar data: remembers which missing years were already reported. */
  private final Set<Integer> warnedMissingYears = ConcurrentHashMap.newKeySet();

  @Autowired
  public WorkingDayCalendar(CalendarProperties properties, ResourceLoader resourceLoader) {
    this(properties.zone(),
        load(properties.extraLocation(), ResourcePatternUtils.getResourcePatternResolver(resourceLoader)));
  }

  /** From already parsed files, at most one per year. */
  WorkingDayCalendar(ZoneId zone, Collection<HolidayFile> files) {
    this.zone = Objects.requireNonNull(zone, "zone");
    Set<Integer> years = new HashSet<>();
    Map<LocalDate, String> names = new HashMap<>();
    Set<LocalDate> makeUp = new HashSet<>();
    for (HolidayFile file : files) {
      if (!years.add(file.year())) {
        throw new IllegalStateException("Holiday data for " + file.year() + " is given twice (" + file.source() + ")");
      }
      for (HolidayFile.Holiday holiday : file.holidays()) {
        holiday.from().datesUntil(holiday.to().plusDays(1)).forEach(day -> names.put(day, holiday.name()));
      }
      makeUp.addAll(file.makeUpWorkdays());
    }
    this.years = Set.copyOf(years);
    this.holidayNames = Map.copyOf(names);
    this.makeUpWorkdays = Set.copyOf(makeUp);
  }

  /** Whether {@code date} is a working day: a make-up day, or a weekday that is not a holiday. */
  public boolean isWorkingDay(LocalDate date) {
    Objects.requireNonNull(date, "date");
    if (!hasDataFor(date.getYear())) {
      warnMissing(date.getYear());
    } else if (makeUpWorkdays.contains(date)) {
      return true;
    } else if (holidayNames.containsKey(date)) {
      return false;
    }
    DayOfWeek dow = date.getDayOfWeek();
    return dow != DayOfWeek.SATURDAY && dow != DayOfWeek.SUNDAY;
  }

  /**
   * The due date of {@code days} working days counted from the day after {@code start} (the day of
   * receipt does not count). With {@code days == 0}: {@code start} itself if it is a working day, else
   * the next working day.
   */
  public LocalDate addWorkingDays(LocalDate start, int days) {
    Objects.requireNonNull(start, "start");
    if (days < 0) {
      throw new IllegalArgumentException("days must not be negative: " + days);
    }
    LocalDate day = start;
    if (days == 0) {
      while (!isWorkingDay(day)) {
        day = day.plusDays(1);
      }
      return day;
    }
    int counted = 0;
    while (counted < days) {
      day = day.plusDays(1);
      if (isWorkingDay(day)) {
        counted++;
      }
    }
    return day;
  }

  /**
   * The number of working days in {@code (fromExclusive, toInclusive]}, the inverse of
   * {@link #addWorkingDays}. Negative when {@code toInclusive} is before {@code fromExclusive}
   * (then minus the working days in {@code (toInclusive, fromExclusive]}), so it can also say by how
   * many working days a deadline was missed.
   */
  public int workingDaysBetween(LocalDate fromExclusive, LocalDate toInclusive) {
    Objects.requireNonNull(fromExclusive, "fromExclusive");
    Objects.requireNonNull(toInclusive, "toInclusive");
    if (toInclusive.isBefore(fromExclusive)) {
      return -workingDaysBetween(toInclusive, fromExclusive);
    }
    int count = 0;
    for (LocalDate day = fromExclusive.plusDays(1); !day.isAfter(toInclusive); day = day.plusDays(1)) {
      if (isWorkingDay(day)) {
        count++;
      }
    }
    return count;
  }

  /**
   * The deadline of {@code workingDays} working days from the instant {@code from}: the end
   * (23:59:59) of the due date, both the start date and the due date taken in {@code zone}.
   */
  public Instant deadline(Instant from, int workingDays, ZoneId zone) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(zone, "zone");
    LocalDate due = addWorkingDays(from.atZone(zone).toLocalDate(), workingDays);
    return due.atTime(END_OF_WORKING_DAY).atZone(zone).toInstant();
  }

  /** {@link #deadline(Instant, int, ZoneId)} in the configured zone ({@code liaison.calendar.zone}). */
  public Instant deadline(Instant from, int workingDays) {
    return deadline(from, workingDays, zone);
  }

  /** The name of the statutory holiday {@code date} belongs to (e.g. 国庆节), if any. */
  public Optional<String> holidayName(LocalDate date) {
    Objects.requireNonNull(date, "date");
    return Optional.ofNullable(holidayNames.get(date));
  }

  /** Whether holiday data was loaded for {@code year}; without it that year counts weekends only. */
  public boolean hasDataFor(int year) {
    return years.contains(year);
  }

  /** The configured zone in which working days begin and end ({@code liaison.calendar.zone}). */
  public ZoneId zone() {
    return zone;
  }

  private void warnMissing(int year) {
    if (warnedMissingYears.add(year)) {
      log.warn("No holiday data for {}: counting only weekends as days off that year; add cn-holidays-{}.yaml "
          + "(State Council holiday notice) to the calendar directory or liaison.calendar.extra-location",
          year, year);
    }
  }

  /** Bundled files first; a file in {@code extraLocation} replaces the bundled one of its year. */
  static List<HolidayFile> load(String extraLocation, ResourcePatternResolver resolver) {
    Map<Integer, HolidayFile> byYear = new TreeMap<>(readAll(resolver, BUNDLED_PATTERN));
    if (extraLocation != null) {
      String directory = extraLocation.endsWith("/") ? extraLocation : extraLocation + "/";
      if (!resolver.getResource(directory).exists()) {
        log.warn("liaison.calendar.extra-location {} does not exist; using the bundled holiday data only", directory);
      }
      readAll(resolver, directory + FILE_PATTERN).forEach((year, file) -> {
        HolidayFile bundled = byYear.put(year, file);
        if (bundled != null) {
          log.info("Holiday data for {} from {} replaces {}", year, file.source(), bundled.source());
        }
      });
    }
    log.info("Working-day calendar: holiday data for {}", byYear.isEmpty() ? "no year" : byYear.keySet());
    return new ArrayList<>(byYear.values());
  }

  private static Map<Integer, HolidayFile> readAll(ResourcePatternResolver resolver, String pattern) {
    Resource[] resources;
    try {
      resources = resolver.getResources(pattern);
    } catch (IOException e) {
      throw new IllegalStateException("Cannot list holiday data files " + pattern + ": " + e.getMessage(), e);
    }
    Map<Integer, HolidayFile> byYear = new HashMap<>();
    // sorted so that error messages and logs do not depend on the file system's listing order
    Arrays.stream(resources).filter(Resource::isReadable)
        .sorted(Comparator.comparing(Resource::getDescription))
        .map(HolidayFile::parse)
        .forEach(file -> {
          HolidayFile other = byYear.putIfAbsent(file.year(), file);
          if (other != null) {
            throw new IllegalStateException("Holiday data for " + file.year() + " is given twice, in "
                + other.source() + " and " + file.source());
          }
        });
    return byYear;
  }
}
