package cn.liaison.platform.audit;

import java.time.Instant;

/** One row of the audit trail as auditors read it. */
public record AuditEvent(long id, Instant occurredAt, String actor, AuditAction action, boolean refused,
    AuditSubject.Kind subjectKind, String subjectRef, String stationCode, String summary, String detail,
    String clientAddress) {

  public String actionLabel() {
    return action.label() + (refused ? "（被拒绝）" : "");
  }

  public String subjectLabel() {
    return subjectKind.label() + (subjectRef == null ? "" : " " + subjectRef);
  }
}
