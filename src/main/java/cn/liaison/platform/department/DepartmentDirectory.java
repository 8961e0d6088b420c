package cn.liaison.platform.department;

import cn.liaison.platform.audit.AuditAction;
import cn.liaison.platform.audit.AuditSubject;
import cn.liaison.platform.audit.AuditTrail;
import cn.liaison.platform.audit.Changes;
import cn.liaison.platform.system.InvalidInputException;
import cn.liaison.platform.system.SecretCipher;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Administration of the department directory. A changed channel applies to new assignments only. */
@Service
public class DepartmentDirectory {

  static final Pattern CODE = Pattern.compile("^[a-z][a-z0-9-]{1,62}$");

  /** What an administrator sends; secret is write-only and kept when null. */
  public record Change(String name, String group, String channel, String endpoint, Integer timeoutMillis,
      String secret, Boolean active) {}

  private final Departments departments;
  private final SecretCipher cipher;
  private final ApplicationEventPublisher events;
  private final AuditTrail audit;

  DepartmentDirectory(Departments departments, SecretCipher cipher, ApplicationEventPublisher events,
      AuditTrail audit) {
    this.audit = audit;
    this.departments = departments;
    this.cipher = cipher;
    this.events = events;
  }

  @Transactional
  public Department save(String code, Change c) {
    Map<String, String> errors = new LinkedHashMap<>();
    if (code == null || !CODE.matcher(code).matches()) {
      errors.put("code", "部门编码只能包含小写字母、数字和连字符，以字母开头，例如 dept-water");
    }
    String name = c.name() == null ? null : c.name().strip();
    if (name == null || name.isEmpty() || name.length() > 100) {
      errors.put("name", "请填写部门名称（不超过 100 个字）");
    }
    String group = c.group() == null || c.group().isBlank() ? code : c.group().strip();
    if (group == null || !CODE.matcher(group).matches()) {
      errors.put("group", "任务列表组编号格式不正确，例如 dept-water");
    }
    Department.Channel channel = null;
    try {
      channel = Department.Channel.valueOf(c.channel() == null ? "INBOX" : c.channel());
    } catch (IllegalArgumentException e) {
      errors.put("channel", "渠道应为 INBOX（在任务列表办理）或 HTTP（部门自有系统）");
    }
    int timeout = c.timeoutMillis() == null ? 10_000 : c.timeoutMillis();
    // a call (connect + answer) must end well within the job lock time (40 s), or another node would repeat it
    if (timeout < 100 || timeout > 15_000) {
      errors.put("timeoutMillis", "超时时间应在 100 至 15000 毫秒之间");
    }
    String endpoint = c.endpoint() == null || c.endpoint().isBlank() ? null : c.endpoint().strip();
    if (endpoint != null) {
      try {
        URI uri = URI.create(endpoint);
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
          errors.put("endpoint", "接口地址应为 http:// 或 https:// 开头的完整地址");
        }
      } catch (IllegalArgumentException e) {
        errors.put("endpoint", "接口地址格式不正确");
      }
    }
    String secret = c.secret() == null || c.secret().isBlank() ? null : c.secret();
    if (secret != null && secret.length() < 16) {
      errors.put("secret", "签名密钥至少 16 个字符");
    }
    if (secret != null && !cipher.available()) {
      errors.put("secret", "服务器未配置 LIAISON_SECRET_KEY，无法保存签名密钥");
    }
    Department existing = code == null ? null : departments.findByCode(code).orElse(null);
    if (channel == Department.Channel.HTTP) {
      if (endpoint == null && !errors.containsKey("endpoint")) {
        errors.put("endpoint", "对接部门系统须填写接口地址");
      }
      if (secret == null && (existing == null || !existing.hasSecret()) && !errors.containsKey("secret")) {
        errors.put("secret", "对接部门系统须设置签名密钥");
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    departments.save(code, name, group, channel, endpoint, timeout, c.active() == null || c.active(), secret);
    Department saved = departments.findByCode(code).orElseThrow();
    Department e = existing;
    audit.record(AuditAction.DEPARTMENT_SAVED, AuditSubject.department(code), null,
        (e == null ? "新增承办部门“" : "修改承办部门“") + saved.name() + "”", Changes.of()
        .field("名称", e == null ? null : e.name(), saved.name()).field("任务列表组", e == null ? null : e.groupId(),
            saved.groupId()).field("渠道", e == null ? null : e.channel(), saved.channel())
        .field("接口地址", e == null ? null : e.endpoint(), saved.endpoint())
        .field("超时(毫秒)", e == null ? null : e.timeoutMillis(), saved.timeoutMillis())
        .field("启用", e == null ? null : e.active(), saved.active())
        .personal("签名密钥", null, secret).text());
    events.publishEvent(new DepartmentSaved(saved));
    return saved;
  }
}
