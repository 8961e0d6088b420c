package cn.liaison.platform.department;

import java.time.LocalDate;
import java.util.Map;

/**
 * What a department's system reports: ACCEPTED (签收), PROGRESS (进展), EXTENSION_REQUEST (申请延期, with
 * newDeadline) or FINAL (办结答复, with result SOLVED | PARTLY_SOLVED | UNSOLVED) about an opinion; or
 * PROPOSAL_ANSWER, a unit's answer to a deputy proposal (代表建议, numbers JY…), whose fields (proposalNo, unit,
 * handlingAction, proposalResult, replyText, contactedOn, contactWay, followUpOn, returnReason, extensionDeadline,
 * extensionReason) are the feature's to check: the department package reads none of them; or PAYMENT_RESULT, the
 * finance bureau's per-household payment results of a subsidy batch (ticketNo BATCH-&lt;id&gt;), whose lines come as
 * the JSON array in field {@code lines}, for the campaign to check.
 */
public record DepartmentReply(String ticketNo, Type type, String result, String text, String measures,
    LocalDate newDeadline, Map<String, String> fields) {

  public enum Type { ACCEPTED, PROGRESS, EXTENSION_REQUEST, FINAL, PROPOSAL_ANSWER, PAYMENT_RESULT }

  public DepartmentReply {
    fields = fields == null ? Map.of() : Map.copyOf(fields);
  }

  /** A reply about an opinion (no feature fields). */
  public DepartmentReply(String ticketNo, Type type, String result, String text, String measures,
      LocalDate newDeadline) {
    this(ticketNo, type, result, text, measures, newDeadline, Map.of());
  }

  /** A field of a feature's answer, or null when the department did not send it. */
  public String field(String name) {
    return fields.get(name);
  }
}
