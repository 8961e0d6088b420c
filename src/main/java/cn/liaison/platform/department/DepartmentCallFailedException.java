package cn.liaison.platform.department;

import cn.liaison.platform.system.NonRetryable;

/**
 * A call to a department's system failed. The message names the department and the HTTP status or error;
 * Camunda shows it as the incident's message in Cockpit.
 */
public class DepartmentCallFailedException extends RuntimeException {

  private final boolean retryable;

  DepartmentCallFailedException(String message, boolean retryable, Throwable cause) {
    super(message, cause);
    this.retryable = retryable;
  }

  public boolean retryable() {
    return retryable;
  }

  /** The variant that will not succeed by retrying (e.g. HTTP 400): the step fails at once. */
  static DepartmentCallFailedException permanent(String message) {
    return new Permanent(message);
  }

  static final class Permanent extends DepartmentCallFailedException implements NonRetryable {
    Permanent(String message) {
      super(message, false, null);
    }
  }
}
