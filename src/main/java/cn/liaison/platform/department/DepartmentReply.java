package cn.liaison.platform.department;

import java.time.LocalDate;

/**
 * What a department's system reports: ACCEPTED (签收), PROGRESS (进展), EXTENSION_REQUEST (申请延期, with
 * newDeadline) or FINAL (办结答复, with result SOLVED | PARTLY_SOLVED | UNSOLVED).
 */
public record DepartmentReply(String ticketNo, Type type, String result, String text, String measures,
    LocalDate newDeadline) {

  public enum Type { ACCEPTED, PROGRESS, EXTENSION_REQUEST, FINAL }
}
