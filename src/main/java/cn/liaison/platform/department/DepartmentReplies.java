package cn.liaison.platform.department;

import cn.liaison.platform.system.InvalidInputException;
import cn.liaison.platform.system.NotFoundException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
  private final ReplyLog replyLog;
  private final ObjectMapper json;
  private final DepartmentCallProperties properties;
  private final List<DepartmentReplyListener> listeners;
  private final TransactionTemplate transaction;

  DepartmentReplies(Departments departments, ReplyLog replyLog, ObjectMapper json, DepartmentCallProperties properties,
      List<DepartmentReplyListener> listeners, PlatformTransactionManager transactions) {
    this.departments = departments;
    this.replyLog = replyLog;
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
    // the protocol's window is on the wall clock, like the sender's timestamp (not the engine's clock)
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
    if (!Boolean.TRUE.equals(transaction.execute(status -> replyLog.useNonce(code, nonce, window)))) {
      throw new Unauthenticated("重复的请求（随机数已使用）");
    }
    return transaction.execute(status -> take(department, body));
  }

  /** The reply's own transaction: a refusal (400, 409) rolls back everything but the nonce. */
  private Outcome take(Department department, byte[] body) {
    DepartmentReply reply = ReplyBody.read(json, body).validated();
    if (replyLog.taken(department.code(), reply)) {
      return Outcome.DUPLICATE;
    }
    DepartmentReplyListener listener = listeners.stream().filter(l -> l.handles(reply.ticketNo())).findFirst()
        .orElseThrow(() -> new InvalidInputException("ticketNo", "无法识别的编号：" + reply.ticketNo()));
    listener.onReply(department, reply);
    replyLog.markTaken(department.code(), reply);
    return Outcome.ACCEPTED;
  }
}
