package cn.liaison.platform.system;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * The platform's one clock: the process engine's (ClockUtil), so timers, due dates and the timestamps in the
 * platform's own tables agree, also in tests that move the engine's clock. Inject {@link Clock}; never call
 * Instant.now() for a recorded time. Signature timestamps of the department protocol are the exception: they
 * are compared with the other system's wall clock (department.HttpChannel, DepartmentReplies).
 */
@Component
public final class EngineClock extends Clock {

  private final ZoneId zone;

  public EngineClock() {
    this(ZoneOffset.UTC);
  }

  private EngineClock(ZoneId zone) {
    this.zone = zone;
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return new EngineClock(zone);
  }

  @Override
  public Instant instant() {
    return ClockUtil.getCurrentTime().toInstant();
  }

  @Override
  public long millis() {
    return ClockUtil.getCurrentTime().getTime();
  }
}
