package cn.liaison.platform.department;

import cn.liaison.platform.notification.Subject;
import java.time.Instant;
import java.util.Map;

/**
 * One department operation, named by the feature that asks (e.g. ASSIGN_OPINION, DISBURSE_SUBSIDY,
 * SCHEDULE_GUIDANCE, SCHEDULE_WATER). reference: the item's business key (a ticket number, a household id);
 * payload: operation-specific fields for the department's system, never personal data unless the operation needs
 * it; subject: what the department's inbox notice is about (null when it is about no particular item). The
 * department package reads nothing of the payload: it is the feature's message to the department.
 */
public record DepartmentRequest(String departmentCode, String operation, String idempotencyKey, String reference,
    Instant deadline, Map<String, Object> payload, Subject subject) {

  /** A request whose inbox notice names no subject. */
  public DepartmentRequest(String departmentCode, String operation, String idempotencyKey, String reference,
      Instant deadline, Map<String, Object> payload) {
    this(departmentCode, operation, idempotencyKey, reference, deadline, payload, null);
  }
}
