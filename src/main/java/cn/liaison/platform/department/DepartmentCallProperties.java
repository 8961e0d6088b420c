package cn.liaison.platform.department;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Settings of calls between the platform and department systems. The retry cycle is also the engine's default
 * for failing jobs (camunda.bpm.generic-properties: failed-job-retry-time-cycle), since models may not read beans.
 */
@Component("departmentCalls")
public class DepartmentCallProperties {

  private final String retryCycle;
  private final long replyWindowSeconds;

  DepartmentCallProperties(@Value("${liaison.departments.retry-cycle:R5/PT1M}") String retryCycle,
      @Value("${liaison.departments.reply-window-seconds:300}") long replyWindowSeconds) {
    this.retryCycle = retryCycle;
    this.replyWindowSeconds = replyWindowSeconds;
  }

  /** ISO 8601 repeating interval of retries of a failing call, e.g. R5/PT1M: five retries a minute apart. */
  public String getRetryCycle() {
    return retryCycle;
  }

  /** How far (seconds) a signed reply's timestamp may be from now; nonces are remembered this long. */
  public long getReplyWindowSeconds() {
    return replyWindowSeconds;
  }
}
