package cn.liaison.platform.department;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** What department systems have sent before (tables department_nonce and department_reply). */
@Repository
class ReplyLog {

  private final JdbcClient jdbc;

  private final java.time.Clock clock;

  ReplyLog(java.time.Clock clock, JdbcClient jdbc) {
    this.clock = clock;
    this.jdbc = jdbc;
  }

  /**
   * Uses the nonce once: false when it was seen within the window (a replay). The table keeps only the window's
   * nonces. Two identical requests at the same moment: the primary key lets one insert through, the other is the
   * replay.
   */
  boolean useNonce(String departmentCode, String nonce, long windowSeconds) {
    // the replay window is the protocol's, measured on the wall clock like the sender's timestamp
    Instant now = Instant.now();
    jdbc.sql("DELETE FROM department_nonce WHERE seen_at < ?")
        .param(Timestamp.from(now.minusSeconds(2 * windowSeconds))).update();
    boolean replay = jdbc.sql("SELECT COUNT(*) FROM department_nonce WHERE department_code = ? AND nonce = ?")
        .params(departmentCode, nonce).query(Integer.class).single() > 0;
    if (replay) {
      return false;
    }
    try {
      jdbc.sql("INSERT INTO department_nonce (department_code, nonce, seen_at) VALUES (?, ?, ?)")
          .params(departmentCode, nonce, Timestamp.from(now)).update();
      return true;
    } catch (DuplicateKeyException e) {
      return false;
    }
  }

  /** Whether the department sent this reply, with the same content, before. */
  boolean taken(String departmentCode, DepartmentReply reply) {
    return jdbc.sql("SELECT COUNT(*) FROM department_reply WHERE department_code = ? AND ticket_no = ? "
        + "AND reply_type = ? AND content_hash = ?")
        .params(departmentCode, reply.ticketNo(), reply.type().name(), contentHash(reply))
        .query(Integer.class).single() > 0;
  }

  void markTaken(String departmentCode, DepartmentReply reply) {
    jdbc.sql("INSERT INTO department_reply (department_code, ticket_no, reply_type, content_hash, received_at) "
        + "VALUES (?, ?, ?, ?, ?)")
        .params(departmentCode, reply.ticketNo(), reply.type().name(), contentHash(reply),
            Timestamp.from(clock.instant()))
        .update();
  }

  private static String contentHash(DepartmentReply r) {
    String canonical = String.join("\u0000", r.ticketNo(), r.type().name(), String.valueOf(r.result()),
        String.valueOf(r.text()), String.valueOf(r.measures()), String.valueOf(r.newDeadline()))
        // a feature's answer (a proposal's): its fields in a stable order; opinions' hashes stay as they were
        + (r.fields().isEmpty() ? "" : "\u0000" + new java.util.TreeMap<>(r.fields()));
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(canonical.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
