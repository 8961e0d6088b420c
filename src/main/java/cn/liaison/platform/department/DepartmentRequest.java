package cn.liaison.platform.department;

import java.time.Instant;
import java.util.Map;

/**
 * One department operation (e.g. ASSIGN_OPINION, later DISBURSE_SUBSIDY, SCHEDULE_GUIDANCE, SCHEDULE_WATER).
 * reference: the item's business key (a ticket number, a household id); payload: operation-specific fields,
 * never personal data unless the operation needs it.
 */
public record DepartmentRequest(String departmentCode, String operation, String idempotencyKey, String reference,
    Instant deadline, Map<String, Object> payload) {

  public static final String ASSIGN_OPINION = "ASSIGN_OPINION";
}
