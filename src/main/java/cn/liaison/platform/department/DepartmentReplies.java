package cn.liaison.platform.department;

import cn.liaison.platform.system.InvalidInputException;
import cn.liaison.platform.system.NotFoundException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Replies from department systems: signature, freshness and nonce are checked before anything else; the
 * same reply content twice is taken once; then the feature that owns the item takes it.
 *
 * <p>The nonce is consumed in its own short transaction, committed before the reply's transaction starts (one
 * after the other, so a request never holds two connections): a reply refused with 400 or 409 has still used
 * its nonce, and the same signed request sent again is a replay.
 */
@Service
public class DepartmentReplies {

  private static final Logger log = LoggerFactory.getLogger(DepartmentReplies.class);

  /** Outcome of a reply: ACCEPTED (taken now) or DUPLICATE (the same reply was taken before). */
  public enum Outcome { ACCEPTED, DUPLICATE }

  /** 401: the reply is not signed by the department, is stale, or was replayed. Nothing was changed. */
  public static class Unauthenticated extends RuntimeException {
    Unauthenticated(String message) {
      super(message);
    }
  }

  private final Departments departments;
  private final JdbcClient jdbc;
  private final ObjectMapper json;
  private final DepartmentCallProperties properties;
  private final List<DepartmentReplyListener> listeners;
  private final TransactionTemplate transaction;

  DepartmentReplies(Departments departments, JdbcClient jdbc, ObjectMapper json, DepartmentCallProperties properties,
      List<DepartmentReplyListener> listeners, PlatformTransactionManager transactions) {
    this.departments = departments;
    this.jdbc = jdbc;
    this.json = json;
    this.properties = properties;
    this.listeners = listeners;
    this.transaction = new TransactionTemplate(transactions);
  }

  /** Not transactional itself: the nonce's transaction commits first, then the reply's runs (never nested). */
  public Outcome receive(String code, String timestamp, String nonce, String signature, byte[] body) {
    // any department with a secret may answer: items it was given stay its own after a switch to Tasklist or
    // deactivation (the item's state decides whether the reply fits)
    Department department = departments.findByCode(code).filter(Department::hasSecret)
        .orElseThrow(() -> new NotFoundException("未找到对接系统的承办部门：" + code));
    String secret = departments.secretOf(code).orElseThrow(() -> new Unauthenticated("该部门未配置签名密钥"));
    long window = properties.getReplyWindowSeconds();
    long now = Instant.now().getEpochSecond();
    long sent;
    try {
      sent = Long.parseLong(timestamp == null ? "" : timestamp.trim());
    } catch (NumberFormatException e) {
      throw new Unauthenticated("缺少或无效的时间戳 X-Liaison-Timestamp");
    }
    if (Math.abs(now - sent) > window) {
      throw new Unauthenticated("时间戳已过期或超前（允许误差 " + window + " 秒）");
    }
    if (nonce == null || nonce.isBlank() || nonce.length() > 100) {
      throw new Unauthenticated("缺少或无效的随机数 X-Liaison-Nonce");
    }
    if (!Signatures.verify(secret, timestamp.trim(), nonce, body, signature)) {
      log.warn("department reply with a bad signature for {}", code);
      throw new Unauthenticated("签名校验失败");
    }
    transaction.executeWithoutResult(status -> consumeNonce(code, nonce, window));
    return transaction.execute(status -> take(department, code, body));
  }

  /** The reply's own transaction: a refusal (400, 409) rolls back everything but the nonce. */
  private Outcome take(Department department, String code, byte[] body) {
    DepartmentReply reply = parse(body);
    String hash = contentHash(reply);
    boolean seen = jdbc.sql("SELECT COUNT(*) FROM department_reply WHERE department_code = ? AND ticket_no = ? "
        + "AND reply_type = ? AND content_hash = ?").params(code, reply.ticketNo(), reply.type().name(), hash)
        .query(Integer.class).single() > 0;
    if (seen) {
      return Outcome.DUPLICATE;
    }
    DepartmentReplyListener listener = listeners.stream().filter(l -> l.handles(reply.ticketNo())).findFirst()
        .orElseThrow(() -> new InvalidInputException("ticketNo", "无法识别的编号：" + reply.ticketNo()));
    listener.onReply(department, reply);
    jdbc.sql("INSERT INTO department_reply (department_code, ticket_no, reply_type, content_hash, received_at) "
        + "VALUES (?, ?, ?, ?, ?)").params(code, reply.ticketNo(), reply.type().name(), hash,
            Timestamp.from(Instant.now())).update();
    return Outcome.ACCEPTED;
  }

  /**
   * A nonce seen within the window is a replay; the table keeps only the window's nonces. Two identical requests
   * at the same moment: the primary key lets one insert through, the other is the replay.
   */
  private void consumeNonce(String code, String nonce, long window) {
    Instant now = Instant.now();
    jdbc.sql("DELETE FROM department_nonce WHERE seen_at < ?").param(Timestamp.from(now.minusSeconds(2 * window)))
        .update();
    boolean replay = jdbc.sql("SELECT COUNT(*) FROM department_nonce WHERE department_code = ? AND nonce = ?")
        .params(code, nonce).query(Integer.class).single() > 0;
    if (replay) {
      throw new Unauthenticated("重复的请求（随机数已使用）");
    }
    try {
      jdbc.sql("INSERT INTO department_nonce (department_code, nonce, seen_at) VALUES (?, ?, ?)")
          .params(code, nonce, Timestamp.from(now)).update();
    } catch (DuplicateKeyException e) {
      throw new Unauthenticated("重复的请求（随机数已使用）");
    }
  }

  private DepartmentReply parse(byte[] body) {
    JsonNode node;
    try {
      node = json.readTree(body);
    } catch (IOException e) {
      throw new InvalidInputException("body", "请求内容不是有效的 JSON");
    }
    if (node == null || !node.isObject()) {
      throw new InvalidInputException("body", "请求内容应为 JSON 对象");
    }
    Map<String, String> errors = new LinkedHashMap<>();
    String ticketNo = text(node, "ticketNo");
    if (ticketNo == null) {
      errors.put("ticketNo", "缺少编号 ticketNo");
    }
    DepartmentReply.Type type = null;
    try {
      type = DepartmentReply.Type.valueOf(String.valueOf(text(node, "type")));
    } catch (IllegalArgumentException e) {
      errors.put("type", "type 应为 ACCEPTED、PROGRESS、EXTENSION_REQUEST 或 FINAL");
    }
    String result = text(node, "result");
    String text = text(node, "text");
    String measures = text(node, "measures");
    LocalDate newDeadline = null;
    if (text(node, "newDeadline") != null) {
      try {
        newDeadline = LocalDate.parse(text(node, "newDeadline").substring(0, Math.min(10, text(node, "newDeadline")
            .length())));
      } catch (DateTimeParseException e) {
        errors.put("newDeadline", "日期格式应为 yyyy-MM-dd");
      }
    }
    if (type == DepartmentReply.Type.FINAL) {
      if (result == null || !Set.of("SOLVED", "PARTLY_SOLVED", "UNSOLVED").contains(result)) {
        errors.put("result", "办结答复须给出 result：SOLVED、PARTLY_SOLVED 或 UNSOLVED");
      }
      if (text == null) {
        errors.put("text", "办结答复须有答复内容 text");
      }
    }
    if (type == DepartmentReply.Type.EXTENSION_REQUEST) {
      if (newDeadline == null && !errors.containsKey("newDeadline")) {
        errors.put("newDeadline", "申请延期须给出 newDeadline");
      }
      if (text == null) {
        errors.put("text", "申请延期须说明理由 text");
      }
    }
    if (text != null && text.length() > 4000) {
      errors.put("text", "text 不能超过 4000 个字");
    }
    if (measures != null && measures.length() > 2000) {
      errors.put("measures", "measures 不能超过 2000 个字");
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    return new DepartmentReply(ticketNo, type, result, text, measures, newDeadline);
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() || v.asText().isBlank() ? null : v.asText().strip();
  }

  private static String contentHash(DepartmentReply r) {
    String canonical = String.join("\u0000", r.ticketNo(), r.type().name(), String.valueOf(r.result()),
        String.valueOf(r.text()), String.valueOf(r.measures()), String.valueOf(r.newDeadline()));
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(canonical.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
