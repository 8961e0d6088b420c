package cn.liaison.platform.department;

/**
 * Hands work to a department. Called from async process steps, so an implementation must be idempotent by
 * {@link DepartmentRequest#idempotencyKey()}: a retried step repeats the call with the same key.
 */
public interface DepartmentService {

  void send(DepartmentRequest request);
}
