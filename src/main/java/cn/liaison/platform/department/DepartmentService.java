package cn.liaison.platform.department;

/**
 * Hands work to a department: to its Tasklist inbox or, for departments with their own system, over HTTP.
 * Called from async process steps, so it is idempotent by {@link DepartmentRequest#idempotencyKey()}: a
 * retried step repeats the call with the same key. Failures throw {@link DepartmentCallFailedException};
 * those that will never succeed are marked so the step fails at once into an incident.
 */
public interface DepartmentService {

  /** Sends the request; returns the channel the department was reached on (the process waits accordingly). */
  Department.Channel send(DepartmentRequest request);
}
